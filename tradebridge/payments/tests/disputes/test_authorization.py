"""Who may do what to a dispute (X13): another company's dispute is NotFound and nothing
changes; each side only its own verbs (wrong side: PermissionDenied), with its role."""

import io

import pytest

from tradebridge.companies.enums import Role
from tradebridge.companies.tests.factories import MembershipFactory
from tradebridge.core.errors import DomainError
from tradebridge.core.money import Money
from tradebridge.payments.enums import DisputeStatus
from tradebridge.payments.models import DisputeEvent, DisputeEvidence, LedgerTransaction
from tradebridge.payments.services.dispute_evidence import dispute_evidence_add
from tradebridge.payments.services.disputes import (
    dispute_accept_counter,
    dispute_decide,
    dispute_escalate,
    dispute_respond,
    dispute_withdraw,
)
from tradebridge.payments.tests.disputes.conftest import day, paid_case

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def verbs(dispute_id):
    """Every member verb, as calls taking the actor."""
    return {
        "accept": lambda actor: dispute_respond(
            actor=actor, dispute_id=dispute_id, response="accept", now=day(1)
        ),
        "counter": lambda actor: dispute_respond(
            actor=actor,
            dispute_id=dispute_id,
            response="counter",
            counter_refund=Money.of("10", "EUR"),
            now=day(1),
        ),
        "contest": lambda actor: dispute_respond(
            actor=actor, dispute_id=dispute_id, response="contest", now=day(1)
        ),
        "accept_counter": lambda actor: dispute_accept_counter(
            actor=actor, dispute_id=dispute_id, now=day(4)
        ),
        "escalate": lambda actor: dispute_escalate(actor=actor, dispute_id=dispute_id, now=day(4)),
        "withdraw": lambda actor: dispute_withdraw(actor=actor, dispute_id=dispute_id, now=day(4)),
        "evidence": lambda actor: dispute_evidence_add(
            actor=actor, dispute_id=dispute_id, file=io.BytesIO(PDF), filename="a.pdf"
        ),
    }


def snapshot(dispute):
    dispute.refresh_from_db()
    return (
        dispute.status,
        dispute.updated_at,
        DisputeEvent.objects.filter(dispute=dispute).count(),
        DisputeEvidence.objects.filter(dispute=dispute).count(),
        LedgerTransaction.objects.filter(key__startswith="dispute:").count(),
    )


VERBS = ["accept", "counter", "contest", "accept_counter", "escalate", "withdraw", "evidence"]


@pytest.mark.parametrize("verb", VERBS)
@pytest.mark.parametrize("role", [Role.OWNER, Role.PURCHASER, Role.SALES])
def test_another_company_gets_not_found_and_nothing_changes(dispute, verb, role):
    stranger = paid_case().purchaser.company
    actor = MembershipFactory.create(company=stranger, role=role)
    before = snapshot(dispute)

    with pytest.raises(DomainError) as error:
        verbs(dispute.pk)[verb](actor)

    assert error.value.code == "not_found"
    assert snapshot(dispute) == before


@pytest.mark.parametrize("verb", ["accept_counter", "escalate", "withdraw"])
def test_the_supplier_cannot_take_the_buyers_verbs(case, dispute, verb):
    before = snapshot(dispute)

    with pytest.raises(DomainError) as error:
        verbs(dispute.pk)[verb](case.sales)

    assert (error.value.code, error.value.details) == (
        "permission_denied",
        {"reason": "wrong_side", "side": "buyer"},
    )
    assert snapshot(dispute) == before


@pytest.mark.parametrize("verb", ["accept", "counter", "contest"])
def test_the_buyer_cannot_answer_for_the_supplier(case, dispute, verb):
    before = snapshot(dispute)

    with pytest.raises(DomainError) as error:
        verbs(dispute.pk)[verb](case.purchaser)

    assert error.value.code == "permission_denied"
    assert snapshot(dispute) == before


@pytest.mark.parametrize(
    ("side", "role", "verb"),
    [
        ("buyer", Role.VIEWER, "escalate"),
        ("buyer", Role.SALES, "withdraw"),
        ("buyer", Role.VIEWER, "evidence"),
        ("supplier", Role.VIEWER, "accept"),
        ("supplier", Role.PURCHASER, "contest"),
        ("supplier", Role.VIEWER, "evidence"),
    ],
)
def test_a_member_needs_the_sides_role(case, dispute, side, role, verb):
    company = case.buyer if side == "buyer" else case.supplier
    actor = MembershipFactory.create(company=company, role=role)
    before = snapshot(dispute)

    with pytest.raises(DomainError) as error:
        verbs(dispute.pk)[verb](actor)

    assert error.value.code == "permission_denied"
    assert snapshot(dispute) == before


def test_members_cannot_decide(case, dispute):
    for member in (case.purchaser, case.sales):
        with pytest.raises(DomainError) as error:
            dispute_decide(
                operator=member.user, dispute_id=dispute.pk, resolution="full_refund", now=day(8)
            )
        assert error.value.code == "permission_denied"
    dispute.refresh_from_db()
    assert dispute.status == DisputeStatus.AWAITING_SUPPLIER
