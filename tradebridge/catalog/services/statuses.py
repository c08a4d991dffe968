"""Status changes of products: by the supplier (submit, publish, unpublish) and by the
operator (approve, suspend with a reason, reinstate). The table is `catalog/transitions.py`.

Publishing rule: a supplier whose company is business verified or audited publishes at once;
any other supplier's product goes to pending review, and an operator approves it.

Each change locks the product row, checks the table, writes the status and an audit event in
one transaction, with a change-feed row (`CatalogChanged` follows the commit).
"""

import uuid
from collections.abc import Sequence
from datetime import datetime

from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from tradebridge.accounts.models import User
from tradebridge.catalog.change_feed import product_changes_record
from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.events import ProductApproved, ProductSuspended
from tradebridge.catalog.models import Product
from tradebridge.catalog.selectors import (
    product_get_for_supplier,
    product_list_for_supplier_locked,
)
from tradebridge.catalog.transitions import (
    APPROVE_TRANSITIONS,
    REINSTATE_TRANSITIONS,
    SUPPLIER_TRANSITIONS,
    SUSPEND_TRANSITIONS,
    Table,
)
from tradebridge.companies.enums import VerificationLevel
from tradebridge.companies.models import Company, Membership
from tradebridge.companies.permissions import Permission, ensure_can
from tradebridge.core.errors import NotFound, PermissionDenied, ValidationFailed
from tradebridge.core.events import publish
from tradebridge.core.services.audit import AuditEntry, audit_record_many
from tradebridge.core.transitions import ensure_transition

OBJECT_TYPE = "catalog.product"
PUBLISHES_DIRECTLY = frozenset({VerificationLevel.BUSINESS_VERIFIED, VerificationLevel.AUDITED})
MAX_REASON = 2000


def publishes_directly(company: Company) -> bool:
    """Whether the company's products skip review (business verified or audited)."""
    return company.verification_level in PUBLISHES_DIRECTLY


def product_submit_for_review(*, actor: Membership, product_id: uuid.UUID) -> Product:
    """Draft -> pending review. Idempotent when already pending. Raises PermissionDenied,
    NotFound, InvalidTransition."""
    return _supplier_moves(actor, product_id, ProductStatus.PENDING_REVIEW, "submitted")


def product_publish(*, actor: Membership, product_id: uuid.UUID) -> Product:
    """Publish (verified suppliers) or send to review (others); see the module doc.
    Idempotent. Raises PermissionDenied, NotFound, InvalidTransition (a suspended product)."""
    return _supplier_moves(actor, product_id, _publish_target(actor.company), "published")


def product_publish_many(*, actor: Membership, product_ids: Sequence[uuid.UUID]) -> list[Product]:
    """`product_publish` of many of the actor's company's products at once (one query per
    table); those already at the target are left alone. Returns the products in id order.
    All or nothing: raises PermissionDenied, NotFound (any id missing or another supplier's),
    InvalidTransition (a suspended product), and then changes nothing."""
    ensure_can(actor, Permission.MANAGE_CATALOG)
    if not actor.company.is_active:
        raise PermissionDenied("The company is suspended.")
    target = _publish_target(actor.company)
    with transaction.atomic():
        products = product_list_for_supplier_locked(actor=actor, product_ids=product_ids)
        moving = [product for product in products if product.status != target]
        for product in moving:
            current = ProductStatus(product.status)
            ensure_transition(SUPPLIER_TRANSITIONS, current=current, target=target)
        now = timezone.now()
        entries = [
            _moved(product, target, "published", actor_user_id=actor.user_id, now=now)
            for product in moving
        ]
        changes: dict[str, object] = {"status": target, "status_reason": "", "updated_at": now}
        if target == ProductStatus.PUBLISHED:  # as `_moved` did: first publication only
            changes["published_at"] = Coalesce("published_at", Value(now))
        Product.objects.filter(id__in=[product.id for product in moving]).update(**changes)
        audit_record_many(entries=entries)
        product_changes_record(changes=[(product.id, product.supplier_id) for product in moving])
    return products


def product_unpublish(*, actor: Membership, product_id: uuid.UUID) -> Product:
    """Published or pending review -> draft (hidden). Idempotent. Raises PermissionDenied,
    NotFound, InvalidTransition (a suspended product stays suspended)."""
    return _supplier_moves(actor, product_id, ProductStatus.DRAFT, "unpublished")


def product_approve(*, operator: User, product_id: uuid.UUID) -> Product:
    """Operator: pending review -> published. Raises PermissionDenied, NotFound,
    InvalidTransition."""
    _ensure_operator(operator)
    with transaction.atomic():
        product = _locked(product_id)
        _move(
            product,
            ProductStatus.PUBLISHED,
            "approved",
            table=APPROVE_TRANSITIONS,
            actor_user_id=operator.id,
        )
        publish(ProductApproved(product_id=product.id))
    return product


def product_suspend(*, operator: User, product_id: uuid.UUID, reason: str) -> Product:
    """Operator: hide any product everywhere, with a reason the supplier sees. Raises
    PermissionDenied, NotFound, ValidationFailed (no reason), InvalidTransition (already
    suspended)."""
    _ensure_operator(operator)
    reason = reason.strip()
    if not reason or len(reason) > MAX_REASON:
        raise ValidationFailed(
            f"Give a reason of 1 to {MAX_REASON} characters.",
            field="reason",
            errors={"reason": "required"},
        )
    with transaction.atomic():
        product = _locked(product_id)
        _move(
            product,
            ProductStatus.SUSPENDED,
            "suspended",
            table=SUSPEND_TRANSITIONS,
            actor_user_id=operator.id,
            reason=reason,
        )
        publish(ProductSuspended(product_id=product.id))
    return product


def product_reinstate(*, operator: User, product_id: uuid.UUID) -> Product:
    """Operator: lift a suspension; the product returns to published if it had been published
    before, else to draft. Raises PermissionDenied, NotFound, InvalidTransition."""
    _ensure_operator(operator)
    with transaction.atomic():
        product = _locked(product_id)
        target = ProductStatus.PUBLISHED if product.published_at else ProductStatus.DRAFT
        _move(product, target, "reinstated", table=REINSTATE_TRANSITIONS, actor_user_id=operator.id)
    return product


def _publish_target(company: Company) -> ProductStatus:
    return ProductStatus.PUBLISHED if publishes_directly(company) else ProductStatus.PENDING_REVIEW


def _supplier_moves(
    actor: Membership, product_id: uuid.UUID, target: ProductStatus, verb: str
) -> Product:
    ensure_can(actor, Permission.MANAGE_CATALOG)
    if not actor.company.is_active:
        raise PermissionDenied("The company is suspended.")
    with transaction.atomic():
        product = product_get_for_supplier(actor=actor, product_id=product_id, for_update=True)
        if product.status == target:
            return product
        _move(product, target, verb, table=SUPPLIER_TRANSITIONS, actor_user_id=actor.user_id)
    return product


def _move(
    product: Product,
    target: ProductStatus,
    verb: str,
    *,
    table: Table,
    actor_user_id: uuid.UUID,
    reason: str = "",
) -> None:
    ensure_transition(table, current=ProductStatus(product.status), target=target)
    entry = _moved(
        product, target, verb, actor_user_id=actor_user_id, now=timezone.now(), reason=reason
    )
    product.save(update_fields=["status", "status_reason", "published_at", "updated_at"])
    audit_record_many(entries=[entry])
    product_changes_record(changes=[(product.id, product.supplier_id)])


def _moved(
    product: Product,
    target: ProductStatus,
    verb: str,
    *,
    actor_user_id: uuid.UUID,
    now: datetime,
    reason: str = "",
) -> AuditEntry:
    """Set the new status on `product` (not saved); the audit entry that records it."""
    current = ProductStatus(product.status)
    product.status = target
    product.status_reason = reason
    if target == ProductStatus.PUBLISHED and product.published_at is None:
        product.published_at = now
    product.updated_at = now
    return AuditEntry(
        action=f"product.{verb}",
        object_type=OBJECT_TYPE,
        object_id=product.id,
        actor_user_id=actor_user_id,
        company_id=product.supplier_id,
        data={"sku": product.sku, "from": current.value, "to": target.value, "reason": reason},
    )


def _locked(product_id: uuid.UUID) -> Product:
    product = Product.objects.select_for_update().filter(id=product_id).first()
    if product is None:
        raise NotFound(product_id=str(product_id))
    return product


def _ensure_operator(operator: User) -> None:
    if not (operator.is_active and operator.is_staff):
        raise PermissionDenied()
