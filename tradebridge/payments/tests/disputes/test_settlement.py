"""The supplier's answer, the buyer's acceptance of a counter-offer, the operator's decision:
where the money goes (refund to the buyer, the rest to the supplier less 3 % commission),
and that the ledger stays balanced."""

from decimal import Decimal

import pytest

from tradebridge.core.errors import DomainError
from tradebridge.core.money import Money
from tradebridge.payments.enums import (
    AccountKind,
    DisputeResolution,
    DisputeStatus,
    EscrowStatus,
    SupplierResponse,
)
from tradebridge.payments.events import DisputeResolved, DisputeUpdated
from tradebridge.payments.models import Dispute, DisputeEvent, LedgerTransaction
from tradebridge.payments.services.disputes import (
    dispute_accept_counter,
    dispute_decide,
    dispute_escalate,
    dispute_respond,
    dispute_withdraw,
)
from tradebridge.payments.tests.disputes.conftest import (
    assert_ledger_balanced,
    balance,
    day,
)

pytestmark = pytest.mark.django_db


def money_after(case):
    """(refunded to the buyer, payable to the supplier, commission, still held) in cents."""
    case.hold.refresh_from_db()
    return (
        balance(AccountKind.BUYER_REFUNDS, company_id=case.buyer.pk),
        balance(AccountKind.SUPPLIER_PAYABLE, company_id=case.supplier.pk),
        balance(AccountKind.PLATFORM_COMMISSION),
        case.hold.held_minor,
    )


def keys(case):
    return sorted(
        LedgerTransaction.objects.filter(
            order_id=case.order_id, key__startswith="dispute:"
        ).values_list("key", flat=True)
    )


def test_accept_refunds_the_request_and_releases_the_rest(case, dispute, published):
    dispute_respond(actor=case.sales, dispute_id=dispute.pk, response="accept", now=day(1))

    dispute.refresh_from_db()
    assert dispute.status == DisputeStatus.RESOLVED
    assert dispute.supplier_response == SupplierResponse.ACCEPT
    assert dispute.resolution == DisputeResolution.PARTIAL_REFUND
    assert dispute.refund_amount == Decimal("400.00")
    assert dispute.resolved_at == day(1)
    assert dispute.resolved_by_id == case.sales.user_id
    # 400.00 back; 600.00 released: 582.00 to the supplier, 18.00 commission.
    assert money_after(case) == (40000, 58200, 1800, 0)
    assert keys(case) == [f"dispute:{dispute.pk}:refund", f"dispute:{dispute.pk}:release"]
    assert published[-1] == DisputeResolved(
        order_id=case.order_id,
        dispute_id=dispute.pk,
        resolution="partial_refund",
        refund_amount="400.00",
        currency="EUR",
    )
    assert_ledger_balanced()


def test_accepting_a_request_for_everything_is_a_full_refund(case, published):
    from tradebridge.payments.tests.disputes.conftest import open_dispute

    dispute = open_dispute(case, "1000.00")
    dispute_respond(actor=case.sales, dispute_id=dispute.pk, response="accept", now=day(1))

    dispute.refresh_from_db()
    assert dispute.resolution == DisputeResolution.FULL_REFUND
    assert money_after(case) == (100000, 0, 0, 0)
    assert keys(case) == [f"dispute:{dispute.pk}:refund"]
    case.hold.refresh_from_db()
    assert case.hold.status == EscrowStatus.REFUNDED
    assert_ledger_balanced()


def test_counter_then_the_buyer_accepts_it(case, dispute, published):
    dispute_respond(
        actor=case.sales,
        dispute_id=dispute.pk,
        response="counter",
        counter_refund=Money.of("150.00", "EUR"),
        note="Only 15 mats were torn.",
        now=day(2),
    )
    dispute.refresh_from_db()
    assert dispute.status == DisputeStatus.SUPPLIER_COUNTERED
    assert dispute.counter_refund == Decimal("150.00")
    assert dispute.supplier_note == "Only 15 mats were torn."
    assert published == [
        DisputeUpdated(order_id=case.order_id, dispute_id=dispute.pk, status="supplier_countered")
    ]
    assert money_after(case) == (0, 0, 0, 100000)

    dispute_accept_counter(actor=case.purchaser, dispute_id=dispute.pk, now=day(2.5))

    dispute.refresh_from_db()
    assert dispute.status == DisputeStatus.RESOLVED
    assert dispute.refund_amount == Decimal("150.00")
    # 850.00 released: 824.50 to the supplier, 25.50 commission.
    assert money_after(case) == (15000, 82450, 2550, 0)
    assert_ledger_balanced()


@pytest.mark.parametrize("amount", ["0", "400.00", "400.01", "-1"])
def test_a_counter_offer_is_above_zero_and_below_the_request(case, dispute, amount):
    with pytest.raises(DomainError) as error:
        dispute_respond(
            actor=case.sales,
            dispute_id=dispute.pk,
            response="counter",
            counter_refund=Money.of(amount, "EUR"),
            now=day(1),
        )

    assert error.value.code == "validation_failed"
    dispute.refresh_from_db()
    assert dispute.status == DisputeStatus.AWAITING_SUPPLIER


def test_a_contest_leaves_no_counter_offer_to_accept(case, dispute):
    dispute_respond(
        actor=case.sales, dispute_id=dispute.pk, response="contest", note="Intact.", now=day(1)
    )
    dispute.refresh_from_db()
    assert (dispute.status, dispute.supplier_response) == ("supplier_countered", "contest")
    assert dispute.counter_refund is None

    with pytest.raises(DomainError) as error:
        dispute_accept_counter(actor=case.purchaser, dispute_id=dispute.pk, now=day(2))

    assert error.value.code == "dispute_no_counter_offer"
    # The supplier answered with nothing: the buyer may escalate before respond_by.
    dispute_escalate(actor=case.purchaser, dispute_id=dispute.pk, now=day(2))
    dispute.refresh_from_db()
    assert dispute.status == DisputeStatus.ESCALATED


def test_the_supplier_answers_only_once_and_in_time(case, dispute):
    with pytest.raises(DomainError) as late:
        dispute_respond(actor=case.sales, dispute_id=dispute.pk, response="contest", now=day(3))
    assert late.value.code == "dispute_response_late"

    dispute_respond(actor=case.sales, dispute_id=dispute.pk, response="contest", now=day(1))
    with pytest.raises(DomainError) as again:
        dispute_respond(
            actor=case.sales,
            dispute_id=dispute.pk,
            response="counter",
            counter_refund=Money.of("10", "EUR"),
            now=day(1),
        )
    assert again.value.code == "invalid_transition"


def test_operator_partial_refund(case, dispute, operator):
    dispute_escalate(actor=case.purchaser, dispute_id=dispute.pk, now=day(3))

    dispute_decide(
        operator=operator,
        dispute_id=dispute.pk,
        resolution="partial_refund",
        refund_amount=Money.of("250.00", "EUR"),
        note="Photos show 25 torn mats.",
        now=day(5),
    )

    dispute.refresh_from_db()
    assert dispute.status == DisputeStatus.RESOLVED
    assert dispute.resolution == DisputeResolution.PARTIAL_REFUND
    assert dispute.refund_amount == Decimal("250.00")
    assert dispute.resolved_by_id == operator.pk
    assert dispute.decision_note == "Photos show 25 torn mats."
    # 750.00 released: 727.50 to the supplier, 22.50 commission.
    assert money_after(case) == (25000, 72750, 2250, 0)
    kinds = list(DisputeEvent.objects.filter(dispute=dispute).values_list("kind", flat=True))
    assert kinds == ["opened", "escalated", "decided"]
    assert_ledger_balanced()


@pytest.mark.parametrize(
    ("resolution", "expected"),
    [("full_refund", (100000, 0, 0, 0)), ("release", (0, 97000, 3000, 0))],
)
def test_operator_full_refund_or_release(case, dispute, operator, resolution, expected):
    dispute_decide(operator=operator, dispute_id=dispute.pk, resolution=resolution, now=day(8))

    dispute.refresh_from_db()
    assert dispute.resolution == resolution
    assert money_after(case) == expected
    assert_ledger_balanced()


@pytest.mark.parametrize(
    ("amount", "code"),
    [
        ("1000.01", "refund_exceeds_held"),
        ("1000.00", "validation_failed"),
        ("0", "validation_failed"),
        (None, "validation_failed"),
        ("5", "validation_failed"),
    ],
)
def test_a_partial_refund_is_never_more_than_held(case, dispute, operator, amount, code):
    refund = Money.of(amount, "EUR") if amount else None
    resolution = "partial_refund" if amount != "5" else "split"

    with pytest.raises(DomainError) as error:
        dispute_decide(
            operator=operator,
            dispute_id=dispute.pk,
            resolution=resolution,
            refund_amount=refund,
            now=day(8),
        )

    assert error.value.code == code
    dispute.refresh_from_db()
    assert dispute.status == DisputeStatus.AWAITING_SUPPLIER
    assert money_after(case) == (0, 0, 0, 100000)


def test_a_decided_dispute_cannot_be_decided_again(case, dispute, operator):
    dispute_decide(operator=operator, dispute_id=dispute.pk, resolution="release", now=day(8))

    with pytest.raises(DomainError) as error:
        dispute_decide(
            operator=operator, dispute_id=dispute.pk, resolution="full_refund", now=day(9)
        )

    assert error.value.code == "invalid_transition"
    assert money_after(case) == (0, 97000, 3000, 0)


def test_withdraw_moves_no_money(case, dispute, published):
    dispute_withdraw(actor=case.purchaser, dispute_id=dispute.pk, now=day(1))

    dispute.refresh_from_db()
    assert dispute.status == DisputeStatus.WITHDRAWN
    assert money_after(case) == (0, 0, 0, 100000)
    assert published == [
        DisputeUpdated(order_id=case.order_id, dispute_id=dispute.pk, status="withdrawn")
    ]
    with pytest.raises(DomainError) as error:
        dispute_escalate(actor=case.purchaser, dispute_id=dispute.pk, now=day(4))
    assert error.value.code == "invalid_transition"


def test_a_new_dispute_may_open_after_a_withdrawal(case, dispute):
    from tradebridge.payments.tests.disputes.conftest import open_dispute

    dispute_withdraw(actor=case.purchaser, dispute_id=dispute.pk, now=day(1))

    second = open_dispute(case, "100.00", now=day(2))

    assert Dispute.objects.filter(order_id=case.order_id).count() == 2
    assert second.status == DisputeStatus.AWAITING_SUPPLIER
