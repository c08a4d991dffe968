"""A supplier's default payment terms for cart orders: read them, set them.

Cart orders take the supplier's terms when they are placed (`orders.services.checkout`): a
deposit of `deposit_percent` of the total into escrow before production, the balance when
`balance_due` says (the lifecycle gives it its due date). A supplier that never set terms asks
full prepayment (100 %, before shipment). Orders of an agreed deal keep the deal's frozen terms.

Setting them is a company setting: MANAGE_COMPANY (owner, admin), for a company that sells
(supplier or both); audited.
"""

import uuid
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction

from tradebridge.companies.enums import CompanyKind
from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import Permission, ensure_can
from tradebridge.core.errors import PermissionDenied, ValidationFailed
from tradebridge.core.services.audit import audit_record
from tradebridge.orders.enums import BalanceDue
from tradebridge.orders.models import SupplierTerms

FULL_PREPAYMENT = Decimal(100)
_SELLING_KINDS = frozenset({CompanyKind.SUPPLIER, CompanyKind.BOTH})


@dataclass(frozen=True, slots=True)
class Terms:
    """A supplier's payment terms. `is_default`: the supplier never set any."""

    deposit_percent: Decimal
    balance_due: str
    is_default: bool = False

    @property
    def full_prepayment(self) -> bool:
        return self.deposit_percent >= FULL_PREPAYMENT


DEFAULT_TERMS = Terms(FULL_PREPAYMENT, BalanceDue.BEFORE_SHIPMENT.value, is_default=True)


def supplier_terms_get(supplier_id: uuid.UUID) -> Terms:
    """The supplier's terms, or full prepayment when it set none."""
    row = SupplierTerms.objects.filter(company_id=supplier_id).first()
    if row is None:
        return DEFAULT_TERMS
    return Terms(row.deposit_percent, row.balance_due)


def supplier_terms_many(supplier_ids: set[uuid.UUID]) -> dict[uuid.UUID, Terms]:
    """The terms of each supplier in `supplier_ids` (one query; defaults filled in)."""
    rows = SupplierTerms.objects.filter(company_id__in=supplier_ids)
    found = {row.company_id: Terms(row.deposit_percent, row.balance_due) for row in rows}
    return {supplier_id: found.get(supplier_id, DEFAULT_TERMS) for supplier_id in supplier_ids}


def supplier_terms_set(
    *, actor: Membership, deposit_percent: Decimal | str, balance_due: str
) -> Terms:
    """Set the actor's company's terms. Raises PermissionDenied (role below admin, or
    `reason` not_a_supplier for a company that only buys), ValidationFailed (`field`
    deposit_percent: not a number from 0 to 100 with at most two decimals; `field`
    balance_due: not one of BalanceDue)."""
    ensure_can(actor, Permission.MANAGE_COMPANY)
    if actor.company.kind not in _SELLING_KINDS:
        raise PermissionDenied(
            "Only a company that sells has payment terms.", reason="not_a_supplier"
        )
    percent = _percent(deposit_percent)
    if balance_due not in BalanceDue.values:
        raise ValidationFailed(
            "Not a balance term.", field="balance_due", choices=BalanceDue.values
        )
    with transaction.atomic():
        row, created = SupplierTerms.objects.select_for_update().get_or_create(
            company_id=actor.company_id,
            defaults={
                "deposit_percent": percent,
                "balance_due": balance_due,
                "updated_by_id": actor.user_id,
            },
        )
        before = (
            None
            if created
            else {"deposit_percent": str(row.deposit_percent), "balance_due": row.balance_due}
        )
        if not created:
            row.deposit_percent, row.balance_due = percent, balance_due
            row.updated_by_id = actor.user_id
            row.save(update_fields=["deposit_percent", "balance_due", "updated_by", "updated_at"])
        audit_record(
            action="supplier_terms.set",
            object_type="orders.supplierterms",
            object_id=row.pk,
            actor_user_id=actor.user_id,
            company_id=actor.company_id,
            data={"deposit_percent": str(percent), "balance_due": balance_due, "before": before},
        )
    return Terms(percent, balance_due)


def _percent(value: Decimal | str) -> Decimal:
    try:
        percent = Decimal(str(value).strip())
    except InvalidOperation:
        percent = Decimal("NaN")
    if not percent.is_finite() or not 0 <= percent <= FULL_PREPAYMENT:
        raise ValidationFailed(
            "The deposit is a percentage from 0 to 100.", field="deposit_percent", reason="range"
        )
    exponent = percent.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        raise ValidationFailed(
            "The deposit has at most two decimals.", field="deposit_percent", reason="decimals"
        )
    return percent.quantize(Decimal("0.01"))
