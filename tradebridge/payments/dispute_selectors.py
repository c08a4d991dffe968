"""Reading disputes, scoped to who asks: the buyer's and the supplier's members, and operators.

"Not yours" raises the same NotFound as "does not exist" (another company's dispute id, an
evidence file of a dispute the user may not see).
"""

import uuid

from django.db.models import Case, F, Q, QuerySet, When
from django.db.models.expressions import OrderBy

from tradebridge.accounts.models import User
from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import is_operator
from tradebridge.companies.selectors import membership_list_for_user
from tradebridge.core.errors import NotFound
from tradebridge.payments.dispute_transitions import OPEN_STATUSES
from tradebridge.payments.enums import DisputeStage, DisputeStatus, SupplierResponse
from tradebridge.payments.models import Dispute, DisputeEvent, DisputeEvidence


def _for_company(company_id: uuid.UUID) -> Q:
    return Q(buyer_id=company_id) | Q(supplier_id=company_id)


def dispute_get_for_company(
    *, actor: Membership, dispute_id: uuid.UUID, for_update: bool = False
) -> Dispute:
    """The dispute if the actor's company is its buyer or supplier; else NotFound. With
    `for_update`, the row is locked (inside the caller's transaction)."""
    disputes = Dispute.objects.filter(_for_company(actor.company_id), pk=dispute_id)
    if for_update:
        disputes = disputes.select_for_update(of=("self",))
    dispute = disputes.first()
    if dispute is None:
        raise NotFound("No such dispute.")
    return dispute


def dispute_get_for_operator(*, dispute_id: uuid.UUID, for_update: bool = False) -> Dispute:
    disputes = Dispute.objects.filter(pk=dispute_id)
    if for_update:
        disputes = disputes.select_for_update(of=("self",))
    dispute = disputes.first()
    if dispute is None:
        raise NotFound("No such dispute.")
    return dispute


def dispute_get_for_user(*, user: User, dispute_id: uuid.UUID) -> Dispute:
    """For reading: an operator sees every dispute, a member those of its companies."""
    if is_operator(user):
        return dispute_get_for_operator(dispute_id=dispute_id)
    companies = membership_list_for_user(user=user).values("company_id")
    dispute = (
        Dispute.objects.filter(Q(buyer_id__in=companies) | Q(supplier_id__in=companies))
        .filter(pk=dispute_id)
        .first()
    )
    if dispute is None:
        raise NotFound("No such dispute.")
    return dispute


def dispute_latest_for_order(*, company_id: uuid.UUID, order_id: uuid.UUID) -> Dispute | None:
    """The order's open dispute, else its latest one, if the company is a party; else None."""
    disputes = Dispute.objects.filter(_for_company(company_id), order_id=order_id)
    open_one = disputes.filter(status__in=OPEN_STATUSES).first()
    return open_one or disputes.order_by("-created_at", "-id").first()


def dispute_evidence_list(dispute: Dispute) -> QuerySet[DisputeEvidence]:
    return DisputeEvidence.objects.filter(dispute=dispute).select_related("company")


def dispute_event_list(dispute: Dispute) -> QuerySet[DisputeEvent]:
    return DisputeEvent.objects.filter(dispute=dispute).order_by("created_at", "id")


def evidence_get_for_download(*, user: User, evidence_id: uuid.UUID) -> DisputeEvidence:
    """The evidence if the user may read its dispute (a party's member or an operator)."""
    evidence = DisputeEvidence.objects.filter(pk=evidence_id).select_related("dispute").first()
    if evidence is None:
        raise NotFound()
    dispute_get_for_user(user=user, dispute_id=evidence.dispute_id)
    return evidence


def operator_ordering() -> tuple[OrderBy | str, ...]:
    """The operator's order: escalated first, then open ones by their deadline, then the rest
    (also the admin list's `get_ordering`, which would otherwise replace it)."""
    open_first = Case(When(status__in=OPEN_STATUSES, then=0), default=1)
    return (open_first.asc(), F("escalated_at").desc(nulls_last=True), "respond_by", "id")


def disputes_for_operator() -> QuerySet[Dispute]:
    """Every dispute, in `operator_ordering`."""
    return Dispute.objects.order_by(*operator_ordering())


def disputes_in_stage(disputes: QuerySet[Dispute], stage: DisputeStage) -> QuerySet[Dispute]:
    """`disputes` narrowed to one stage (`payments.dispute_stages`): `supplier_countered` and
    `supplier_contested` share a status and differ by the supplier's response."""
    if stage == DisputeStage.SUPPLIER_CONTESTED:
        return disputes.filter(
            status=DisputeStatus.SUPPLIER_COUNTERED, supplier_response=SupplierResponse.CONTEST
        )
    if stage == DisputeStage.SUPPLIER_COUNTERED:
        return disputes.filter(status=DisputeStatus.SUPPLIER_COUNTERED).exclude(
            supplier_response=SupplierResponse.CONTEST
        )
    return disputes.filter(status=stage.value)
