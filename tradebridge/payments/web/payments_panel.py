"""The order page's payments panel, ready to show: the escrow's amounts, each instalment with
what is left to pay and its payment reference, and the account to pay into (for the buyer).
Amounts are formatted in the visitor's language; no payment rule lives here."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from tradebridge.catalog.web.display import visitor_locale
from tradebridge.companies.models import Membership
from tradebridge.core.errors import NotFound
from tradebridge.core.money import Money
from tradebridge.payments.bank_selectors import BankDetails, order_payments_for_company
from tradebridge.payments.enums import EscrowStatus, InstalmentKind, InstalmentStatus

_STATUS_BADGES = {
    InstalmentStatus.PENDING: "badge--warning",
    InstalmentStatus.PARTIALLY_PAID: "badge--accent",
    InstalmentStatus.PAID: "badge--success",
    InstalmentStatus.CANCELLED: "",
}


@dataclass(frozen=True, slots=True)
class InstalmentRow:
    id: uuid.UUID
    kind: str
    kind_label: str
    status: str
    status_label: str
    badge: str
    amount: str
    paid: str
    due: str
    due_at: datetime | None
    paid_at: datetime | None  # when it became paid in full (shown instead of the due date)
    reference: str
    is_open: bool


@dataclass(frozen=True, slots=True)
class PaymentsPanel:
    order_id: uuid.UUID
    viewer_is_buyer: bool
    escrow_status: str
    escrow_status_label: str
    total: str
    deposited: str
    held: str
    released: str
    refunded: str
    bank: BankDetails
    instalments: list[InstalmentRow]
    to_pay: bool  # the buyer has an instalment still open


def payments_panel_for_member(*, actor: Membership, order_id: uuid.UUID) -> PaymentsPanel | None:
    """The panel for a member of the order's buyer or supplier; None when the order has no
    escrow or the company is not a party to it."""
    try:
        payments = order_payments_for_company(actor.company_id, order_id)
    except NotFound:
        return None
    locale = visitor_locale()
    summary = payments.summary

    def text(money: Money) -> str:
        return money.format(locale)

    rows = [
        InstalmentRow(
            id=item.instalment.id,
            kind=item.instalment.kind,
            kind_label=str(InstalmentKind(item.instalment.kind).label),
            status=item.instalment.status,
            status_label=str(InstalmentStatus(item.instalment.status).label),
            badge=_STATUS_BADGES[InstalmentStatus(item.instalment.status)],
            amount=text(item.instalment.amount),
            paid=text(item.instalment.paid_amount),
            due=text(item.due),
            due_at=item.instalment.due_at,
            paid_at=item.instalment.paid_at
            if item.instalment.status == InstalmentStatus.PAID
            else None,
            reference=item.instalment.reference,
            is_open=item.is_open,
        )
        for item in payments.instalments
    ]
    return PaymentsPanel(
        order_id=summary.order_id,
        viewer_is_buyer=payments.viewer_is_buyer,
        escrow_status=summary.status,
        escrow_status_label=str(EscrowStatus(summary.status).label),
        total=text(summary.total),
        deposited=text(summary.deposited),
        held=text(summary.held),
        released="" if summary.released.is_zero() else text(summary.released),
        refunded="" if summary.refunded.is_zero() else text(summary.refunded),
        bank=payments.bank,
        instalments=rows,
        to_pay=payments.viewer_is_buyer and any(row.is_open for row in rows),
    )
