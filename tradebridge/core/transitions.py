"""Checking a status change against an entity's transition table.

Each app keeps its table in `<app>/transitions.py`, e.g.::

    QUOTE_TRANSITIONS: Final = {
        QuoteStatus.SUBMITTED: frozenset({QuoteStatus.ACCEPTED, QuoteStatus.REJECTED}),
        QuoteStatus.ACCEPTED: frozenset(),
    }
"""

from collections.abc import Mapping, Set

from tradebridge.core.errors import InvalidTransition


def ensure_transition[S: str](table: Mapping[S, Set[S]], *, current: S, target: S) -> None:
    """Return if `target` is reachable from `current` in one step; else raise InvalidTransition
    with `details = {"current", "target", "allowed"}` (allowed sorted, as plain strings)."""
    allowed = table.get(current, frozenset())
    if target not in allowed:
        raise InvalidTransition(
            f"Cannot go from {current!s} to {target!s}.",
            current=str(current),
            target=str(target),
            allowed=sorted(str(state) for state in allowed),
        )
