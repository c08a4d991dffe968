"""Issuing and reading trade documents (`orders.documents` renders them).

- `document_issue`: number and freeze one document of an order, in one transaction under
  the order's row lock then the supplier's sequence lock (gap-free numbers; a rollback gives
  the number back). Idempotent: an order's document of a kind is issued once.
- When: the proforma invoice when the supplier confirms the order
  (`documents_issue_on_confirm`), the commercial invoice and the packing list when it ships
  (`documents_issue_on_ship`); `documents_on_order_status_changed` is the OrderStatusChanged
  handler that calls them inside the order's transaction.
- `document_pdf`: the PDF, rendered on demand from the frozen snapshot, for the order's two
  companies only (another company: NotFound).
"""

from datetime import datetime
from uuid import UUID

from django.db import transaction
from django.utils import timezone, translation

from tradebridge.companies.models import Membership
from tradebridge.core.services.audit import audit_record
from tradebridge.orders.document_selectors import document_get_for_company
from tradebridge.orders.documents.data import document_data_from_json, document_data_to_json
from tradebridge.orders.documents.from_order import document_data_from_order
from tradebridge.orders.documents.numbering import document_number_take
from tradebridge.orders.documents.render import document_pdf_bytes
from tradebridge.orders.enums import OrderStatus, TradeDocumentKind
from tradebridge.orders.events import OrderStatusChanged
from tradebridge.orders.models import Order, TradeDocument

ON_SHIP = (
    TradeDocumentKind.PROFORMA_INVOICE,
    TradeDocumentKind.COMMERCIAL_INVOICE,
    TradeDocumentKind.PACKING_LIST,
)


def document_issue(
    *, order_id: UUID, kind: TradeDocumentKind, now: datetime | None = None
) -> TradeDocument:
    """Issue the order's document of `kind` (or return it if already issued): its number
    (`PI-2026-000042`), its frozen data, an audit event `trade_document.issued` (the
    order page lists the documents; the timeline stays the lifecycle's). Raises
    Order.DoesNotExist for an unknown order (callers pass their own order's id)."""
    now = now or timezone.now()
    kind = TradeDocumentKind(kind)
    with transaction.atomic():
        order = (
            Order.objects.select_for_update(of=("self",))
            .select_related("buyer", "supplier")
            .get(pk=order_id)
        )
        existing = TradeDocument.objects.filter(order=order, kind=kind).first()
        if existing is not None:
            return existing
        year = timezone.localdate(now).year
        number = document_number_take(supplier_id=order.supplier_id, kind=kind, year=year)
        data = document_data_from_order(order, kind=kind, number=number, issued_at=now)
        document = TradeDocument.objects.create(
            order=order,
            supplier_id=order.supplier_id,
            kind=kind,
            number=number,
            issued_at=now,
            snapshot=document_data_to_json(data),
        )
        audit_record(
            action="trade_document.issued",
            object_type="orders.tradedocument",
            object_id=document.pk,
            data={"order_id": str(order.pk), "kind": kind.value, "number": number},
            occurred_at=now,
        )
    return document


def documents_issue_on_confirm(order_id: UUID, *, now: datetime | None = None) -> TradeDocument:
    """The proforma invoice (the supplier confirmed the order)."""
    return document_issue(order_id=order_id, kind=TradeDocumentKind.PROFORMA_INVOICE, now=now)


def documents_issue_on_ship(order_id: UUID, *, now: datetime | None = None) -> list[TradeDocument]:
    """The commercial invoice and the packing list (the order shipped), and the proforma if
    the order somehow has none yet."""
    return [document_issue(order_id=order_id, kind=kind, now=now) for kind in ON_SHIP]


def documents_on_order_status_changed(event: OrderStatusChanged) -> None:
    """OrderStatusChanged handler (in the order's transaction): confirmed → proforma;
    shipped → commercial invoice and packing list."""
    if event.status == OrderStatus.SHIPPED:
        documents_issue_on_ship(event.order_id)
    elif event.previous == OrderStatus.AWAITING_CONFIRMATION and event.status in {
        OrderStatus.AWAITING_DEPOSIT,
        OrderStatus.IN_PRODUCTION,
    }:
        documents_issue_on_confirm(event.order_id)


def document_pdf(
    *,
    actor: Membership,
    order_id: UUID,
    kind: TradeDocumentKind,
    language: str | None = None,
) -> bytes:
    """The document as a PDF in `language` (default: the active one), for a member of the
    order's buyer or supplier. Raises NotFound (not issued yet, or not the actor's order)."""
    document = document_get_for_company(
        company_id=actor.company_id, order_id=order_id, kind=TradeDocumentKind(kind)
    )
    data = document_data_from_json(document.snapshot)
    return document_pdf_bytes(data, language=language or translation.get_language() or "en")
