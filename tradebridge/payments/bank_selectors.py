"""Reads of bank transfers and payouts: an order's payment instructions for its two companies,
and the operator's queues (transfers held for review, payouts due, payout batches).

"Not yours" and "does not exist" are the same NotFound; an operator read by anyone else is
NotFound too (the operator's screens are not advertised).
"""

import uuid
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from tradebridge.accounts.models import User
from tradebridge.companies.permissions import is_operator
from tradebridge.core.errors import NotFound
from tradebridge.core.money import Money
from tradebridge.payments.bank_transitions import TRANSFER_HELD_STATUSES
from tradebridge.payments.enums import AccountKind, TransactionKind, TransferStatus
from tradebridge.payments.errors import EscrowNotFound
from tradebridge.payments.models import (
    EscrowHold,
    IncomingTransfer,
    Instalment,
    LedgerAccount,
    Payout,
    PayoutBatch,
    Posting,
)
from tradebridge.payments.references import reference_find
from tradebridge.payments.selectors import EscrowSummary, InstalmentView, escrow_summary_of
from tradebridge.payments.transitions import INSTALMENT_OPEN_STATUSES

INSTALMENT_SEARCH_LIMIT = 25


@dataclass(frozen=True, slots=True)
class BankDetails:
    """The platform's escrow account, where buyers send bank transfers (settings)."""

    account_name: str
    iban: str
    bic: str
    bank_name: str


@dataclass(frozen=True, slots=True)
class InstalmentInstructions:
    """One instalment and what to pay for it: the rest due, and whether it is still open."""

    instalment: InstalmentView
    due: Money
    is_open: bool


@dataclass(frozen=True, slots=True)
class OrderPayments:
    """The order page's payments panel: the escrow, each instalment with the reference to
    quote, and the account to pay into. `viewer_is_buyer` tells the buyer's view (pay) from
    the supplier's (follow)."""

    summary: EscrowSummary
    bank: BankDetails
    instalments: list[InstalmentInstructions]
    viewer_is_buyer: bool


def bank_details() -> BankDetails:
    return BankDetails(
        account_name=settings.PAYMENTS_BANK_ACCOUNT_NAME,
        iban=settings.PAYMENTS_BANK_IBAN,
        bic=settings.PAYMENTS_BANK_BIC,
        bank_name=settings.PAYMENTS_BANK_NAME,
    )


def order_payments_for_company(company_id: uuid.UUID, order_id: uuid.UUID) -> OrderPayments:
    """The payments of an order for its buyer's or its supplier's members (orders checks the
    membership; this checks the company is a party). Raises EscrowNotFound otherwise, or when
    the order has no escrow. Two queries."""
    hold = (
        EscrowHold.objects.filter(order_id=order_id)
        .filter(Q(buyer_id=company_id) | Q(supplier_id=company_id))
        .first()
    )
    if hold is None:
        raise EscrowNotFound(order_id=str(order_id))
    summary = escrow_summary_of(hold, list(hold.instalments.order_by("position")))
    return OrderPayments(
        summary=summary,
        bank=bank_details(),
        instalments=[_instructions(view) for view in summary.instalments],
        viewer_is_buyer=hold.buyer_id == company_id,
    )


def _instructions(view: InstalmentView) -> InstalmentInstructions:
    is_open = view.status in INSTALMENT_OPEN_STATUSES
    due = view.amount - view.paid_amount if is_open else Money.zero(view.amount.currency)
    return InstalmentInstructions(instalment=view, due=due, is_open=is_open)


# The operator's reads --------------------------------------------------------------------------


def _ensure_operator(user: User) -> None:
    if not is_operator(user):
        raise NotFound()


def transfer_list_for_operator(
    *, user: User, status: TransferStatus | None = None
) -> QuerySet[IncomingTransfer]:
    """Incoming transfers, those held for review first (unmatched, then partially matched),
    newest first within each. Raises NotFound for anyone but an operator."""
    _ensure_operator(user)
    transfers = IncomingTransfer.objects.select_related("instalment__hold", "matched_by")
    if status is not None:
        transfers = transfers.filter(status=status)
    return transfers.annotate(
        queue=Case(
            When(status=TransferStatus.UNMATCHED, then=Value(0)),
            When(status=TransferStatus.PARTIALLY_MATCHED, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
    ).order_by("queue", "-created_at", "id")


def transfer_get_for_operator(*, user: User, transfer_id: uuid.UUID) -> IncomingTransfer:
    _ensure_operator(user)
    transfer = (
        IncomingTransfer.objects.select_related("instalment__hold").filter(pk=transfer_id).first()
    )
    if transfer is None:
        raise NotFound()
    return transfer


def transfer_held(transfer: IncomingTransfer) -> Money:
    """What of the transfer still sits in unapplied_funds, waiting for the operator."""
    if transfer.status not in TRANSFER_HELD_STATUSES:
        return Money.zero(transfer.currency)
    return Money(transfer.amount - transfer.applied_amount, transfer.currency)


def transfers_held_count() -> int:
    """Transfers with money held for review (the operator's home)."""
    return IncomingTransfer.objects.filter(status__in=TRANSFER_HELD_STATUSES).count()


def instalment_search_for_operator(*, user: User, query: str) -> QuerySet[Instalment]:
    """Open instalments to match a transfer to, by payment reference (as banks mangle it),
    order reference (or part of it) or exact amount; at most INSTALMENT_SEARCH_LIMIT."""
    _ensure_operator(user)
    text = query.strip()
    instalments = Instalment.objects.filter(status__in=INSTALMENT_OPEN_STATUSES).select_related(
        "hold"
    )
    if not text:
        return instalments.none()
    found = Q(hold__order_reference__icontains=text)
    reference = reference_find(text) or reference_find(f"TB{text}")
    if reference is not None:
        found |= Q(reference=reference)
    amount = _amount_in(text)
    if amount is not None:
        found |= Q(amount=amount)
    return instalments.filter(found).order_by("due_at", "hold__order_reference", "position")[
        :INSTALMENT_SEARCH_LIMIT
    ]


def _amount_in(text: str) -> Decimal | None:
    try:
        amount = Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None
    return amount if amount.is_finite() and amount > 0 else None


def payouts_due_count() -> int:
    """Suppliers with money owed (a positive supplier_payable balance), in any currency."""
    return LedgerAccount.objects.filter(
        kind=AccountKind.SUPPLIER_PAYABLE, balance_minor__gt=0
    ).count()


def payout_batch_list_for_operator(*, user: User) -> QuerySet[PayoutBatch]:
    _ensure_operator(user)
    return PayoutBatch.objects.select_related("created_by").order_by("-created_at", "id")


def payout_batch_get_for_operator(*, user: User, batch_id: uuid.UUID) -> PayoutBatch:
    _ensure_operator(user)
    batch = PayoutBatch.objects.filter(pk=batch_id).first()
    if batch is None:
        raise NotFound()
    return batch


def payouts_of_batch(batch: PayoutBatch) -> list[Payout]:
    return list(batch.payouts.select_related("supplier").order_by("supplier__legal_name", "id"))


@dataclass(frozen=True, slots=True)
class PayoutReportRow:
    """One line of a batch's payout report: who, how much, and the orders it pays for."""

    payout_id: uuid.UUID
    supplier_id: uuid.UUID
    supplier_name: str
    legal_name: str
    amount: Money
    reference: str
    status: str
    orders: list[str]


def payout_report_rows(batch: PayoutBatch) -> list[PayoutReportRow]:
    """The batch's payouts with, for each, the orders whose escrow releases it pays: the
    releases credited to the supplier's payable account since its previous payout."""
    return [
        PayoutReportRow(
            payout_id=payout.pk,
            supplier_id=payout.supplier_id,
            supplier_name=payout.supplier.display_name,
            legal_name=payout.supplier.legal_name,
            amount=Money(payout.amount, payout.currency).rounded(),
            reference=payout.reference,
            status=payout.status,
            orders=_orders_paid_by(payout),
        )
        for payout in payouts_of_batch(batch)
    ]


def _orders_paid_by(payout: Payout) -> list[str]:
    run = Posting.objects.filter(
        transaction__key=payout.ledger_key, account__kind=AccountKind.SUPPLIER_PAYABLE
    ).first()
    if run is None:
        return []
    previous = (
        Posting.objects.filter(
            account_id=run.account_id, transaction__kind=TransactionKind.PAYOUT, id__lt=run.pk
        )
        .order_by("-id")
        .values_list("id", flat=True)
        .first()
    )
    order_ids = Posting.objects.filter(
        account_id=run.account_id,
        transaction__kind=TransactionKind.ESCROW_RELEASE,
        id__lt=run.pk,
        id__gt=previous or 0,
    ).values_list("transaction__order_id", flat=True)
    return sorted(
        EscrowHold.objects.filter(order_id__in=order_ids).values_list("order_reference", flat=True)
    )
