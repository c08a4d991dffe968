"""Trade Assurance's timers: the supplier answers within 3 days; a silent supplier lets the
buyer escalate from day 3 on; the timer escalates on day 7, once."""

import pytest

from tradebridge.core.errors import DomainError
from tradebridge.core.money import Money
from tradebridge.payments.enums import DisputeStatus
from tradebridge.payments.events import DisputeUpdated
from tradebridge.payments.models import DisputeEvent
from tradebridge.payments.services.disputes import (
    dispute_escalate,
    dispute_respond,
    disputes_timers_run,
)
from tradebridge.payments.tests.disputes.conftest import day

pytestmark = pytest.mark.django_db


def test_a_silent_supplier_lets_the_buyer_escalate_from_respond_by(case, dispute):
    with pytest.raises(DomainError) as early:
        dispute_escalate(actor=case.purchaser, dispute_id=dispute.pk, now=day(2.99))
    assert early.value.code == "dispute_escalation_early"
    assert early.value.details == {"respond_by": day(3).isoformat()}

    dispute_escalate(actor=case.purchaser, dispute_id=dispute.pk, now=day(3))

    dispute.refresh_from_db()
    assert dispute.status == DisputeStatus.ESCALATED
    assert dispute.escalated_at == day(3)


def test_the_timer_escalates_on_day_7_once(case, dispute, published):
    assert disputes_timers_run(now=day(6.99)) == 0
    dispute.refresh_from_db()
    assert dispute.status == DisputeStatus.AWAITING_SUPPLIER

    assert disputes_timers_run(now=day(7)) == 1
    assert disputes_timers_run(now=day(7.01)) == 0

    dispute.refresh_from_db()
    assert dispute.status == DisputeStatus.ESCALATED
    assert dispute.escalated_at == day(7)
    events = DisputeEvent.objects.filter(dispute=dispute, kind="escalated")
    assert [(event.actor_user_id, event.data["by"]) for event in events] == [(None, "timer")]
    assert published == [
        DisputeUpdated(order_id=case.order_id, dispute_id=dispute.pk, status="escalated")
    ]


def test_the_timer_escalates_an_unanswered_counter_offer(case, dispute):
    dispute_respond(
        actor=case.sales,
        dispute_id=dispute.pk,
        response="counter",
        counter_refund=Money.of("100", "EUR"),
        now=day(1),
    )

    assert disputes_timers_run(now=day(7)) == 1
    dispute.refresh_from_db()
    assert dispute.status == DisputeStatus.ESCALATED


def test_the_timer_leaves_escalated_and_closed_disputes_alone(case, dispute, operator):
    dispute_escalate(actor=case.purchaser, dispute_id=dispute.pk, now=day(4))

    assert disputes_timers_run(now=day(8)) == 0
    assert DisputeEvent.objects.filter(dispute=dispute, kind="escalated").count() == 1


def test_the_supplier_may_still_accept_after_escalation(case, dispute):
    disputes_timers_run(now=day(7))

    dispute_respond(actor=case.sales, dispute_id=dispute.pk, response="accept", now=day(8))

    dispute.refresh_from_db()
    assert dispute.status == DisputeStatus.RESOLVED
