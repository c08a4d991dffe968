"""A buyer's RFQ: posting it (as a draft or open at once) and editing it.

Who: members of a buyer (or both) company whose role may create RFQs (purchaser, admin,
owner); an inactive company may not post. What is checked, nothing written on failure:
the fields (`rfq_input.rfq_input_check`), the references (a published product of an active
supplier, a known category, invited suppliers that are active suppliers; else 422 with
`unknown_product`, `unknown_category`, `unknown_supplier`), and the operator's daily limit
(429 `rfq_limit_reached`). Status changes are in `rfq.services.rfq_statuses`.
"""

import dataclasses
import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Final

from django.db import transaction
from django.utils import timezone

from tradebridge.catalog.models import Category, Product
from tradebridge.catalog.selectors import SUPPLIER_KINDS, category_get, product_get_public
from tradebridge.companies.models import Company, Membership
from tradebridge.companies.permissions import Permission, ensure_can
from tradebridge.core.errors import NotFound, PermissionDenied, ValidationFailed
from tradebridge.core.services.audit import audit_record
from tradebridge.rfq.enums import InvitationSource, RFQStatus
from tradebridge.rfq.errors import QuoteDeadlinePassed, RFQFieldLocked, RFQRateLimited
from tradebridge.rfq.models import RFQ, RFQInvitation
from tradebridge.rfq.selectors import BUYER_KINDS, rfq_get_for_buyer, rfq_settings
from tradebridge.rfq.services.rfq_input import RFQInput, rfq_input_check
from tradebridge.rfq.services.rfq_statuses import rfq_open_checked

# What may still change once an RFQ is open (more invited suppliers may be added too).
OPEN_EDITABLE: Final = frozenset({"quote_deadline", "show_quote_count", "invited_suppliers"})
RATE_WINDOW: Final = timedelta(days=1)


@dataclasses.dataclass(frozen=True, slots=True)
class _References:
    product: Product | None
    category: Category | None
    invited: tuple[Company, ...]


def rfq_create(*, actor: Membership, data: RFQInput, open_now: bool = False) -> RFQ:
    """Post an RFQ for the actor's company: a draft, or open at once (`open_now`, which
    publishes `RFQOpened` after the commit). A product's supplier is invited.

    Raises PermissionDenied (role, or a company that is not an active buyer),
    ValidationFailed (fields and references, see the module doc), RFQRateLimited.
    Not idempotent (the API makes it so with an Idempotency-Key).
    """
    ensure_can(actor, Permission.CREATE_RFQS)
    buyer = _active_buyer(actor.company)
    now = timezone.now()
    data = rfq_input_check(data, now=now)
    references = _references(data, buyer=buyer)
    with transaction.atomic():
        _ensure_under_daily_limit(buyer, now=now)
        rfq = RFQ(buyer=buyer, created_by_id=actor.user_id, status=RFQStatus.DRAFT)
        _apply(rfq, data, references)
        rfq.save()
        _invite(rfq, _invitees(references, buyer=buyer))
        audit_record(
            action="rfq.created",
            object_type="rfq",
            object_id=rfq.pk,
            actor_user_id=actor.user_id,
            company_id=buyer.pk,
            data={"reference": rfq.reference},
        )
        if open_now:
            rfq_open_checked(rfq, actor_user_id=actor.user_id, now=now)
    return rfq


def rfq_update(*, actor: Membership, rfq_id: uuid.UUID, data: RFQInput) -> RFQ:
    """Replace an RFQ's fields with `data` (use `rfq_input_of(rfq)` and `dataclasses.replace`
    for a partial change). A draft changes freely; an open RFQ only moves its deadline later,
    shows or hides the quote count and invites more suppliers (else 409 `rfq_field_locked`),
    and not once its deadline passed (409 `quote_deadline_passed`). Closed, awarded and
    cancelled RFQs do not change (409 `rfq_field_locked`). A product or category the RFQ
    already refers to is kept even if it is no longer public.

    Raises PermissionDenied, NotFound (not the actor's company's), ValidationFailed,
    RFQFieldLocked, QuoteDeadlinePassed.
    """
    ensure_can(actor, Permission.CREATE_RFQS)
    buyer = _active_buyer(actor.company)
    now = timezone.now()
    data = rfq_input_check(data, now=now)
    with transaction.atomic():
        rfq = rfq_get_for_buyer(actor=actor, rfq_id=rfq_id, for_update=True)
        changed = _changed_fields(rfq_input_of(rfq), data)
        if rfq.status != RFQStatus.DRAFT:
            _ensure_open_edit_allowed(rfq, data, changed, now=now)
        references = _references(data, buyer=buyer, current=rfq)
        _apply(rfq, data, references)
        rfq.save()
        drop = rfq.status == RFQStatus.DRAFT
        _sync_invitations(rfq, _invitees(references, buyer=buyer), drop=drop)
        audit_record(
            action="rfq.updated",
            object_type="rfq",
            object_id=rfq.pk,
            actor_user_id=actor.user_id,
            company_id=buyer.pk,
            data={"fields": sorted(changed)},
        )
    return rfq


def rfq_input_of(rfq: RFQ) -> RFQInput:
    """The RFQ's current fields as an RFQInput (invited suppliers: those the buyer invited)."""
    invited = rfq.invitations.filter(source=InvitationSource.INVITED).order_by("created_at")
    return RFQInput(
        title=rfq.title,
        description=rfq.description,
        quantity=rfq.quantity,
        unit=rfq.unit,
        currency=rfq.currency,
        destination_country=rfq.destination_country,
        destination_place=rfq.destination_place,
        quote_deadline=rfq.quote_deadline,
        product_id=rfq.product_id,
        category_id=rfq.category_id,
        specs=tuple((str(k), str(v)) for k, v in rfq.specs.items()),
        target_unit_price=rfq.target_unit_price,
        incoterm=rfq.incoterm,
        certifications=tuple(rfq.certifications),
        sample_needed=rfq.sample_needed,
        needed_by=rfq.needed_by,
        visibility=rfq.visibility,
        invited_suppliers=tuple(invited.values_list("supplier__slug", flat=True)),
        quote_cap=rfq.quote_cap,
        show_quote_count=rfq.show_quote_count,
        language=rfq.language,
    )


def _active_buyer(company: Company) -> Company:
    if not company.is_active or company.kind not in BUYER_KINDS:
        raise PermissionDenied(
            "Only an active buyer company can post RFQs.", reason="not_an_active_buyer"
        )
    return company


def _ensure_under_daily_limit(buyer: Company, *, now: datetime) -> None:
    # The company's row lock makes concurrent posts of one company count one after another.
    Company.objects.select_for_update().filter(pk=buyer.pk).first()
    limit = rfq_settings().rfqs_per_company_per_day
    posted = RFQ.objects.filter(buyer=buyer, created_at__gt=now - RATE_WINDOW).count()
    if posted >= limit:
        raise RFQRateLimited(limit=limit)


def _references(data: RFQInput, *, buyer: Company, current: RFQ | None = None) -> _References:
    if current is not None and current.product_id == data.product_id:
        product = current.product
    else:
        product = _product(data.product_id, buyer=buyer)
    if current is not None and current.category_id == data.category_id:
        category = current.category
    else:
        category = _category(data.category_id)
    if category is None and product is not None:
        category = product.category
    already = _invited_already(current) if current is not None else {}
    invited = _invited_companies(data.invited_suppliers, buyer, already=already)
    return _References(product, category, invited)


def _invited_already(rfq: RFQ) -> dict[str, Company]:
    invitations = rfq.invitations.filter(source=InvitationSource.INVITED)
    return {i.supplier.slug: i.supplier for i in invitations.select_related("supplier")}


def _product(product_id: uuid.UUID | None, *, buyer: Company) -> Product | None:
    if product_id is None:
        return None
    try:
        product = product_get_public(product_id=product_id)
    except NotFound:
        product = None
    if product is None or product.supplier_id == buyer.pk:
        raise ValidationFailed(
            "Unknown product.",
            field="product_id",
            reason="unknown_product",
            errors={"product_id": "unknown_product"},
        )
    return product


def _category(category_id: int | None) -> Category | None:
    if category_id is None:
        return None
    try:
        return category_get(category_id=category_id)
    except NotFound:
        raise ValidationFailed(
            "Unknown category.",
            field="category_id",
            reason="unknown_category",
            errors={"category_id": "unknown_category"},
        ) from None


def _invited_companies(
    slugs: tuple[str, ...], buyer: Company, *, already: dict[str, Company]
) -> tuple[Company, ...]:
    """The companies of `slugs`: those `already` invited as they are, new ones only when
    they are active suppliers (else ValidationFailed `unknown_supplier`)."""
    if not slugs:
        return ()
    new = [slug for slug in slugs if slug not in already]
    found = dict(already) | {
        company.slug: company
        for company in Company.objects.filter(
            slug__in=new, is_active=True, kind__in=SUPPLIER_KINDS
        ).exclude(pk=buyer.pk)
    }
    unknown = [slug for slug in slugs if slug not in found]
    if unknown:
        raise ValidationFailed(
            "Unknown suppliers: " + ", ".join(unknown),
            field="invited_suppliers",
            reason="unknown_supplier",
            errors={"invited_suppliers": "unknown_supplier"},
            unknown=unknown,
        )
    return tuple(found[slug] for slug in slugs)


def _invitees(references: _References, *, buyer: Company) -> tuple[Company, ...]:
    companies = list(references.invited)
    product = references.product
    if product is not None and product.supplier not in companies:
        companies.insert(0, product.supplier)
    return tuple(companies)


def _apply(rfq: RFQ, data: RFQInput, references: _References) -> None:
    for name in (
        "title",
        "description",
        "quantity",
        "unit",
        "currency",
        "destination_country",
        "destination_place",
        "quote_deadline",
        "target_unit_price",
        "incoterm",
        "sample_needed",
        "needed_by",
        "visibility",
        "quote_cap",
        "show_quote_count",
        "language",
    ):
        setattr(rfq, name, getattr(data, name))
    rfq.specs = dict(data.specs)
    rfq.certifications = list(data.certifications)
    rfq.product = references.product
    rfq.category = references.category


def _invite(rfq: RFQ, companies: Iterable[Company]) -> None:
    """Invite each company (an existing matched invitation becomes the buyer's invitation)."""
    for company in companies:
        invitation, created = RFQInvitation.objects.get_or_create(
            rfq=rfq, supplier=company, defaults={"source": InvitationSource.INVITED}
        )
        if not created and invitation.source != InvitationSource.INVITED:
            invitation.source = InvitationSource.INVITED
            invitation.save(update_fields=["source", "updated_at"])


def _sync_invitations(rfq: RFQ, companies: tuple[Company, ...], *, drop: bool) -> None:
    _invite(rfq, companies)
    if drop:  # a draft's buyer may also take invitations back
        rfq.invitations.filter(source=InvitationSource.INVITED).exclude(
            supplier__in=companies
        ).delete()


def _changed_fields(current: RFQInput, new: RFQInput) -> set[str]:
    return {
        name
        for name in (f.name for f in dataclasses.fields(RFQInput))
        if getattr(current, name) != getattr(new, name)
    }


def _ensure_open_edit_allowed(
    rfq: RFQ, data: RFQInput, changed: set[str], *, now: datetime
) -> None:
    if rfq.status != RFQStatus.OPEN:
        raise RFQFieldLocked(
            "Only a draft or an open RFQ can be edited.", status=rfq.status, fields=sorted(changed)
        )
    if rfq.quote_deadline <= now:
        raise QuoteDeadlinePassed(quote_deadline=rfq.quote_deadline.isoformat())
    current = rfq_input_of(rfq)
    locked = changed - OPEN_EDITABLE
    if data.quote_deadline < rfq.quote_deadline:
        locked.add("quote_deadline")
    if not set(current.invited_suppliers) <= set(data.invited_suppliers):
        locked.add("invited_suppliers")
    if locked:
        raise RFQFieldLocked(fields=sorted(locked))
