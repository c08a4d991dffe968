import pytest

from tradebridge.core.errors import InvalidTransition
from tradebridge.core.transitions import ensure_transition
from tradebridge.rfq.enums import CounterOfferStatus, QuoteStatus, RFQStatus
from tradebridge.rfq.transitions import (
    COUNTER_OFFER_TRANSITIONS,
    QUOTE_TRANSITIONS,
    RFQ_TRANSITIONS,
)


def test_every_status_has_a_row() -> None:
    assert set(RFQ_TRANSITIONS) == set(RFQStatus)
    assert set(QUOTE_TRANSITIONS) == set(QuoteStatus)
    assert set(COUNTER_OFFER_TRANSITIONS) == set(CounterOfferStatus)


@pytest.mark.parametrize("final", [RFQStatus.AWARDED, RFQStatus.CANCELLED])
def test_awarded_and_cancelled_rfqs_are_final(final: RFQStatus) -> None:
    for target in RFQStatus:
        with pytest.raises(InvalidTransition):
            ensure_transition(RFQ_TRANSITIONS, current=final, target=target)


def test_a_draft_cannot_be_closed_or_awarded() -> None:
    for target in (RFQStatus.CLOSED, RFQStatus.AWARDED):
        with pytest.raises(InvalidTransition):
            ensure_transition(RFQ_TRANSITIONS, current=RFQStatus.DRAFT, target=target)


def test_a_closed_rfq_may_reopen_be_awarded_or_cancelled() -> None:
    assert RFQ_TRANSITIONS[RFQStatus.CLOSED] == {
        RFQStatus.OPEN,
        RFQStatus.AWARDED,
        RFQStatus.CANCELLED,
    }


def test_ended_quotes_are_final() -> None:
    for final in (
        QuoteStatus.WITHDRAWN,
        QuoteStatus.EXPIRED,
        QuoteStatus.REJECTED,
        QuoteStatus.ACCEPTED,
    ):
        assert QUOTE_TRANSITIONS[final] == frozenset()
    assert QuoteStatus.SUBMITTED not in QUOTE_TRANSITIONS[QuoteStatus.REVISED]


def test_only_an_open_counter_offer_moves() -> None:
    assert [s for s, nxt in COUNTER_OFFER_TRANSITIONS.items() if nxt] == [CounterOfferStatus.OPEN]
