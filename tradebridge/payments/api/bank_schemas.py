"""Bodies of the bank transfer, statement and payout API (money as decimal strings)."""

import uuid
from datetime import date, datetime
from typing import Any

from ninja import Schema
from pydantic import Field

from tradebridge.companies.api.schemas import StrictIn
from tradebridge.core.money import Money
from tradebridge.payments.bank_selectors import (
    OrderPayments,
    payout_report_rows,
    transfer_held,
)
from tradebridge.payments.models import IncomingTransfer, PayoutBatch
from tradebridge.payments.services.statements import ImportSummary


class MoneyOut(Schema):
    amount: str = Field(..., examples=["300.00"])
    currency: str = Field(..., examples=["EUR"])


class InstalmentRefOut(Schema):
    id: uuid.UUID
    reference: str
    kind: str
    status: str
    order_id: uuid.UUID
    order_reference: str


class TransferOut(Schema):
    id: uuid.UUID
    source: str = Field(..., description="manual, csv, camt053 or provider")
    source_ref: str = Field(..., description="The bank's id of the entry (or a content hash).")
    amount: MoneyOut
    applied: MoneyOut = Field(..., description="What went to instalments.")
    held: MoneyOut = Field(..., description="What is still held for review in unapplied funds.")
    status: str = Field(..., description="matched, partially_matched, unmatched or refunded")
    reference_text: str
    payer_name: str
    value_date: date | None
    instalment: InstalmentRefOut | None = Field(
        ..., description="The instalment it paid first, if any."
    )
    note: str
    matched_at: datetime | None
    created_at: datetime

    @staticmethod
    def resolve_amount(obj: IncomingTransfer) -> dict[str, str]:
        return money_out(Money(obj.amount, obj.currency))

    @staticmethod
    def resolve_applied(obj: IncomingTransfer) -> dict[str, str]:
        return money_out(Money(obj.applied_amount, obj.currency))

    @staticmethod
    def resolve_held(obj: IncomingTransfer) -> dict[str, str]:
        return money_out(transfer_held(obj))

    @staticmethod
    def resolve_instalment(obj: IncomingTransfer) -> dict[str, Any] | None:
        instalment = obj.instalment
        if instalment is None:
            return None
        return {
            "id": instalment.pk,
            "reference": instalment.reference,
            "kind": instalment.kind,
            "status": instalment.status,
            "order_id": instalment.hold.order_id,
            "order_reference": instalment.hold.order_reference,
        }


class MatchIn(StrictIn):
    instalment_id: uuid.UUID


class ReturnIn(StrictIn):
    note: str = Field("", max_length=1000, description="Why, for the audit log.")


class LineErrorOut(Schema):
    line: int
    message: str


class ImportSummaryOut(Schema):
    filename: str
    format: str = Field(..., description="csv or camt053")
    new: int
    duplicates: int = Field(..., description="Lines imported before: nothing recorded again.")
    matched: int
    partially_matched: int
    unmatched: int = Field(..., description="New transfers held for review.")
    skipped: int = Field(..., description="Debits, reversals and entries not booked.")
    errors: list[LineErrorOut]


class PayoutOut(Schema):
    id: uuid.UUID
    supplier_id: uuid.UUID
    supplier_name: str
    legal_name: str
    amount: MoneyOut
    reference: str
    status: str
    orders: list[str] = Field(..., description="The orders whose releases this payout pays.")


class PayoutBatchOut(Schema):
    id: uuid.UUID
    currency: str
    count: int
    total: MoneyOut
    status: str = Field(..., description="pending or paid")
    created_at: datetime
    paid_at: datetime | None
    payouts: list[PayoutOut]

    @staticmethod
    def resolve_total(obj: PayoutBatch) -> dict[str, str]:
        return money_out(Money(obj.total, obj.currency))

    @staticmethod
    def resolve_payouts(obj: PayoutBatch) -> list[dict[str, Any]]:
        return [
            {
                "id": row.payout_id,
                "supplier_id": row.supplier_id,
                "supplier_name": row.supplier_name,
                "legal_name": row.legal_name,
                "amount": money_out(row.amount),
                "reference": row.reference,
                "status": row.status,
                "orders": row.orders,
            }
            for row in payout_report_rows(obj)
        ]


class PayoutRunIn(StrictIn):
    currency: str | None = Field(None, pattern=r"^[A-Za-z]{3}$", description="Default: all.")


class BankDetailsOut(Schema):
    account_name: str
    iban: str
    bic: str
    bank_name: str


class InstalmentPaymentOut(Schema):
    id: uuid.UUID
    kind: str
    amount: MoneyOut
    paid: MoneyOut
    due: MoneyOut = Field(..., description="What is left to pay (zero once paid or cancelled).")
    due_at: datetime | None
    reference: str = Field(..., description="Quote it on the bank transfer.")
    status: str


class PaymentInstructionsOut(Schema):
    order_id: uuid.UUID
    escrow_status: str
    total: MoneyOut
    held: MoneyOut
    bank: BankDetailsOut
    instalments: list[InstalmentPaymentOut]


def money_out(money: Money) -> dict[str, str]:
    return money.rounded().as_dict()


def import_summary_out(summary: ImportSummary) -> dict[str, Any]:
    return {
        "filename": summary.filename,
        "format": summary.format.value,
        "new": summary.new,
        "duplicates": summary.duplicates,
        "matched": summary.matched,
        "partially_matched": summary.partially_matched,
        "unmatched": summary.unmatched,
        "skipped": summary.skipped,
        "errors": [{"line": error.line, "message": error.message} for error in summary.errors],
    }


def payment_instructions_out(payments: OrderPayments) -> dict[str, Any]:
    summary = payments.summary
    return {
        "order_id": summary.order_id,
        "escrow_status": summary.status,
        "total": money_out(summary.total),
        "held": money_out(summary.held),
        "bank": {
            "account_name": payments.bank.account_name,
            "iban": payments.bank.iban,
            "bic": payments.bank.bic,
            "bank_name": payments.bank.bank_name,
        },
        "instalments": [
            {
                "id": item.instalment.id,
                "kind": item.instalment.kind,
                "amount": money_out(item.instalment.amount),
                "paid": money_out(item.instalment.paid_amount),
                "due": money_out(item.due),
                "due_at": item.instalment.due_at,
                "reference": item.instalment.reference,
                "status": item.instalment.status,
            }
            for item in payments.instalments
        ],
    }
