"""The delivery status table: an attempt moves a due delivery to succeeded, failed or dead; a
resend brings any attempted delivery back to pending; nothing else moves."""

import pytest

from tradebridge.core.errors import InvalidTransition
from tradebridge.core.transitions import ensure_transition
from tradebridge.webhooks.enums import DeliveryStatus as S
from tradebridge.webhooks.transitions import DELIVERY_DUE_STATUSES, DELIVERY_TRANSITIONS

ALLOWED = {
    (S.PENDING, S.SUCCEEDED),
    (S.PENDING, S.FAILED),
    (S.PENDING, S.DEAD),
    (S.FAILED, S.SUCCEEDED),
    (S.FAILED, S.FAILED),
    (S.FAILED, S.DEAD),
    (S.FAILED, S.PENDING),
    (S.SUCCEEDED, S.PENDING),
    (S.DEAD, S.PENDING),
}


@pytest.mark.parametrize("current", list(S))
@pytest.mark.parametrize("target", list(S))
def test_exactly_the_listed_moves_are_allowed(current: S, target: S) -> None:
    if (current, target) in ALLOWED:
        ensure_transition(DELIVERY_TRANSITIONS, current=current, target=target)
    else:
        with pytest.raises(InvalidTransition):
            ensure_transition(DELIVERY_TRANSITIONS, current=current, target=target)


def test_every_status_has_a_row_and_the_relay_picks_pending_and_failed() -> None:
    assert set(DELIVERY_TRANSITIONS) == set(S)
    assert frozenset({S.PENDING, S.FAILED}) == DELIVERY_DUE_STATUSES
