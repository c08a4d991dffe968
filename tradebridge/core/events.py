"""Domain events: how one app tells others that something happened, without importing them.

An event is a frozen dataclass of primitive values (ids, codes, amounts as strings)::

    @dataclass(frozen=True, slots=True)
    class EscrowFunded(Event):
        order_id: UUID

`publish(event)` calls the handlers listed for the event's exact type in the one explicit
map, `config/event_handlers.py::HANDLERS`. That map sits in the project package because it
imports every app; `config.apps.ProjectConfig.ready()` installs it at startup, in every
process (web, worker, management command, tests). No Django signals.

By default handlers run at once, inside the publisher's transaction: a handler's error
rolls the whole change back. With `after_commit=True` they run only once the transaction
commits (not at all on rollback), each on its own, a failure logged and not raised
(`transaction.on_commit(..., robust=True)`); use it for side effects, ideally enqueuing a task.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.db import transaction


@dataclass(frozen=True, slots=True)
class Event:
    """Base of every domain event."""


type Handler = Callable[[Any], None]
type HandlerMap = Mapping[type[Event], Sequence[Handler]]

_installed: dict[type[Event], tuple[Handler, ...]] | None = None


def install(handlers: HandlerMap) -> None:
    """Make `handlers` the event map. Called once at startup; calling again replaces it."""
    global _installed  # the one process-wide registry, set at startup
    for event_type in handlers:
        if not _is_event_class(event_type):
            raise TypeError(f"{event_type!r} is not an Event class")
    _installed = {event_type: tuple(found) for event_type, found in handlers.items()}


def installed_handlers() -> HandlerMap | None:
    """The installed map, or None before `install` ran."""
    return _installed


def publish(event: Event, *, after_commit: bool = False) -> None:
    """Call the handlers of `type(event)` in map order, now or after the commit.

    Raises RuntimeError if no map was installed (an event must never vanish silently).
    """
    if not isinstance(event, Event):
        raise TypeError(f"{event!r} is not an Event")
    if _installed is None:
        raise RuntimeError(
            "No event handlers installed: add config.apps.ProjectConfig to INSTALLED_APPS"
        )
    for handler in _installed.get(type(event), ()):
        if after_commit:
            transaction.on_commit(partial(handler, event), robust=True)
        else:
            handler(event)


def _is_event_class(value: object) -> bool:
    return isinstance(value, type) and issubclass(value, Event)
