"""The order page's timeline says what the unpaid-balance timer and cancellation did, in the
reader's language."""

import pytest
from django.utils import translation

from tradebridge.orders.models import OrderEvent
from tradebridge.orders.tests.lifecycle.conftest import Parties, place
from tradebridge.orders.web.timeline import event_sentence

pytestmark = pytest.mark.django_db

EVENTS = [
    ("balance_overdue", {}, "The balance is overdue: the buyer was reminded."),
    (
        "balance_grace_ended",
        {},
        "The balance is still unpaid after the grace period: the supplier may cancel and keep "
        "the deposit.",
    ),
    (
        "cancelled",
        {"reason": "balance_unpaid"},
        "Cancelled by the supplier: the balance was not paid; the supplier keeps the deposit.",
    ),
]


@pytest.mark.parametrize(("kind", "data", "english"), EVENTS)
def test_the_balance_events_have_their_sentence_in_every_language(
    parties: Parties, kind: str, data: dict[str, str], english: str
) -> None:
    order = place(parties)
    event = OrderEvent(order=order, kind=kind, data=data)

    with translation.override("en"):
        assert event_sentence(event, order) == english
    for language in ("fr", "de", "es", "zh-hans"):
        with translation.override(language):
            assert event_sentence(event, order) not in {english, ""}, language
