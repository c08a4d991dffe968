"""Opening a dispute: timers from the payment settings, the request checked against what the
escrow holds, one open dispute per order."""

import datetime
from decimal import Decimal

import pytest

from tradebridge.core.errors import DomainError
from tradebridge.core.models import AuditEvent
from tradebridge.core.money import Money
from tradebridge.payments.enums import DisputeStatus
from tradebridge.payments.events import DisputeOpened
from tradebridge.payments.models import Dispute, DisputeEvent, PaymentSettings
from tradebridge.payments.services.disputes import dispute_open
from tradebridge.payments.tests.disputes.conftest import OPENED, day, open_dispute

pytestmark = pytest.mark.django_db


def test_open_sets_the_supplier_deadline_and_the_auto_escalation(case, published):
    dispute = open_dispute(case, "400.00")

    assert dispute.status == DisputeStatus.AWAITING_SUPPLIER
    assert dispute.requested_refund == Decimal("400.00")
    assert dispute.currency == "EUR"
    assert dispute.hold_id == case.hold.pk
    assert dispute.respond_by == day(3)
    assert dispute.escalate_by == day(7)
    assert list(DisputeEvent.objects.values_list("kind", flat=True)) == ["opened"]
    audit = AuditEvent.objects.filter(action="dispute.opened", object_id=str(dispute.pk))
    assert audit.count() == 1
    assert published == [DisputeOpened(order_id=case.order_id, dispute_id=dispute.pk)]


def test_the_timers_follow_the_operator_settings(case):
    PaymentSettings.objects.update_or_create(
        id=1, defaults={"dispute_response_days": 5, "auto_escalation_days": 10}
    )

    dispute = open_dispute(case)

    assert dispute.respond_by == OPENED + datetime.timedelta(days=5)
    assert dispute.escalate_by == OPENED + datetime.timedelta(days=10)


def test_a_request_above_what_is_held_is_refused_and_nothing_is_written(case, published):
    with pytest.raises(DomainError) as error:
        open_dispute(case, "1000.01")

    assert error.value.code == "refund_exceeds_held"
    assert error.value.details == {"held": "1000.00", "requested": "1000.01", "currency": "EUR"}
    assert Dispute.objects.count() == 0
    assert published == []


def test_the_whole_held_amount_may_be_requested(case):
    assert open_dispute(case, "1000.00").requested_refund == Decimal("1000.00")


@pytest.mark.parametrize(
    ("amount", "currency", "code"),
    [
        ("0", "EUR", "validation_failed"),
        ("-5", "EUR", "validation_failed"),
        ("10.005", "EUR", "invalid_amount"),
        ("10", "USD", "currency_mismatch"),
    ],
)
def test_bad_amounts_are_refused(case, amount, currency, code):
    with pytest.raises(DomainError) as error:
        dispute_open(
            order_id=case.order_id,
            order_reference="ORD-X",
            buyer_id=case.buyer.pk,
            supplier_id=case.supplier.pk,
            opened_by_user_id=case.purchaser.user_id,
            reason="quality",
            description="Torn.",
            requested_refund=Money.of(amount, currency),
            now=OPENED,
        )

    assert error.value.code == code
    assert Dispute.objects.count() == 0


@pytest.mark.parametrize(("reason", "description"), [("broken", "Torn."), ("quality", "  ")])
def test_a_reason_and_a_description_are_required(case, reason, description):
    with pytest.raises(DomainError) as error:
        dispute_open(
            order_id=case.order_id,
            order_reference="ORD-X",
            buyer_id=case.buyer.pk,
            supplier_id=case.supplier.pk,
            opened_by_user_id=case.purchaser.user_id,
            reason=reason,
            description=description,
            requested_refund=Money.of("10", "EUR"),
        )

    assert error.value.code == "validation_failed"


def test_a_second_open_dispute_on_the_same_order_is_refused(case):
    first = open_dispute(case, "100.00")

    with pytest.raises(DomainError) as error:
        open_dispute(case, "200.00")

    assert error.value.code == "dispute_already_open"
    assert error.value.details == {"order_id": str(case.order_id), "dispute_id": str(first.pk)}
    assert Dispute.objects.count() == 1


def test_the_companies_must_be_the_holds(case):
    with pytest.raises(DomainError) as error:
        dispute_open(
            order_id=case.order_id,
            order_reference="ORD-X",
            buyer_id=case.supplier.pk,
            supplier_id=case.buyer.pk,
            opened_by_user_id=case.purchaser.user_id,
            reason="quality",
            description="Torn.",
            requested_refund=Money.of("10", "EUR"),
        )

    assert error.value.code == "not_found"
    assert Dispute.objects.count() == 0
