"""Bank transfer endpoints: an order's payment instructions for its two companies, and the
operator's transfers, statement imports and payouts.

The `/operator/...` operations are for platform operators only: anyone else gets 404, as
for a route that does not exist (the same as rfq's operator reads). An order's payment
instructions are for the members of its buyer and supplier; another company gets 404.
"""

from typing import Any
from uuid import UUID

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate
from pydantic import Field

from tradebridge.accounts.models import User
from tradebridge.companies.api.auth import auth_membership, auth_user
from tradebridge.companies.permissions import is_operator
from tradebridge.core.api.idempotency import idempotent
from tradebridge.core.api.openapi import error_responses
from tradebridge.core.api.pagination import PagePagination
from tradebridge.core.errors import NotFound
from tradebridge.payments.api.bank_schemas import (
    ImportSummaryOut,
    MatchIn,
    PaymentInstructionsOut,
    PayoutBatchOut,
    PayoutRunIn,
    ReturnIn,
    TransferOut,
    import_summary_out,
    payment_instructions_out,
)
from tradebridge.payments.bank_selectors import (
    order_payments_for_company,
    payout_batch_get_for_operator,
    payout_batch_list_for_operator,
    payout_report_rows,
    transfer_get_for_operator,
    transfer_list_for_operator,
)
from tradebridge.payments.enums import TransferStatus
from tradebridge.payments.models import IncomingTransfer, PayoutBatch
from tradebridge.payments.payout_report import payout_report_csv
from tradebridge.payments.services.bank_transfers import transfer_match, transfer_return
from tradebridge.payments.services.payouts import payout_mark_paid, payouts_run
from tradebridge.payments.services.statements import statement_import
from tradebridge.payments.statements.lines import MAX_STATEMENT_BYTES

router = Router(tags=["Payments: bank transfers and payouts"])


class TransferFilters(Schema):
    status: TransferStatus | None = Field(None, description="Only transfers in this status.")


def _operator(request: HttpRequest) -> User:
    user = auth_user(request)
    if not is_operator(user):
        raise NotFound()
    return user


@router.get(
    "/orders/{order_id}/payment-instructions",
    response=PaymentInstructionsOut,
    summary="How to pay an order by bank transfer",
)
def payment_instructions(request: HttpRequest, order_id: UUID) -> dict[str, Any]:
    """The account to pay into and, per instalment, the amount left to pay, its due date and
    the payment reference to quote on the transfer. For the order's buyer and supplier."""
    actor = auth_membership(request)
    return payment_instructions_out(order_payments_for_company(actor.company_id, order_id))


@router.get(
    "/operator/transfers",
    response=list[TransferOut],
    summary="List incoming bank transfers (operators)",
    openapi_extra=error_responses(404),
)
@paginate(PagePagination)
def operator_transfer_list(
    request: HttpRequest, filters: Query[TransferFilters]
) -> QuerySet[IncomingTransfer]:
    """Transfers held for review first (unmatched, then partially matched), newest first."""
    return transfer_list_for_operator(user=_operator(request), status=filters.status)


@router.post(
    "/operator/transfers/{transfer_id}/match",
    response=TransferOut,
    summary="Apply a held transfer to an instalment (operators)",
    openapi_extra=error_responses(404, 409),
)
@idempotent
def operator_transfer_match(
    request: HttpRequest, transfer_id: UUID, payload: MatchIn
) -> IncomingTransfer:
    """What the transfer still holds pays the instalment, up to what it owes; any rest stays
    held. 409 `transfer_not_held` (nothing held any more), `instalment_not_payable`;
    422 `currency_mismatch`."""
    operator = _operator(request)
    transfer_match(operator=operator, transfer_id=transfer_id, instalment_id=payload.instalment_id)
    return transfer_get_for_operator(user=operator, transfer_id=transfer_id)


@router.post(
    "/operator/transfers/{transfer_id}/return",
    response=TransferOut,
    summary="Return a held transfer to its payer (operators)",
    openapi_extra=error_responses(404, 409),
)
@idempotent
def operator_transfer_return(
    request: HttpRequest, transfer_id: UUID, payload: ReturnIn
) -> IncomingTransfer:
    """Books the return of what the transfer still holds (the operator makes the bank
    transfer). 409 `transfer_not_held`."""
    operator = _operator(request)
    transfer_return(operator=operator, transfer_id=transfer_id, note=payload.note)
    return transfer_get_for_operator(user=operator, transfer_id=transfer_id)


@router.post(
    "/operator/statements",
    response={201: ImportSummaryOut},
    summary="Import a bank statement (operators)",
    openapi_extra=error_responses(404),
)
@idempotent
def operator_statement_import(
    request: HttpRequest, file: File[UploadedFile]
) -> Status[dict[str, Any]]:
    """A camt.053 XML or CSV statement (told by its bytes, at most 20 MB): each credit is
    recorded and matched by its payment reference; lines imported before are counted as
    duplicates. 422 `statement_unreadable` when the file cannot be read (nothing imported)."""
    operator = _operator(request)
    data = file.read(MAX_STATEMENT_BYTES + 1)
    summary = statement_import(operator=operator, filename=file.name or "statement", data=data)
    return Status(201, import_summary_out(summary))


@router.get(
    "/operator/payouts",
    response=list[PayoutBatchOut],
    summary="List payout batches (operators)",
    openapi_extra=error_responses(404),
)
@paginate(PagePagination)
def operator_payout_list(request: HttpRequest) -> QuerySet[PayoutBatch]:
    """Newest first, each with its payouts and the orders each pays."""
    return payout_batch_list_for_operator(user=_operator(request))


@router.post(
    "/operator/payouts/run",
    response={201: list[PayoutBatchOut]},
    summary="Batch the payouts owed to suppliers (operators)",
    openapi_extra=error_responses(404),
)
@idempotent
def operator_payouts_run(request: HttpRequest, payload: PayoutRunIn) -> Status[list[PayoutBatch]]:
    """One batch per currency (or only `currency`), one payout per supplier owed money; an
    empty list when nothing is owed."""
    operator = _operator(request)
    currency = payload.currency.upper() if payload.currency else None
    batches = payouts_run(operator=operator, currency=currency)
    return Status(201, batches)


@router.post(
    "/operator/payouts/{batch_id}/mark-paid",
    response=PayoutBatchOut,
    summary="Mark a payout batch paid (operators)",
)
@idempotent
def operator_payout_mark_paid(request: HttpRequest, batch_id: UUID) -> PayoutBatch:
    """The bank paid every payout of the batch. Marking a paid batch again changes nothing."""
    operator = _operator(request)
    return payout_mark_paid(operator=operator, batch_id=batch_id)


@router.get(
    "/operator/payouts/{batch_id}/report.csv",
    summary="A payout batch's report as CSV (operators)",
    openapi_extra={
        "responses": {
            200: {  # ninja's own key for its 200: a "200" string would be a second one
                "description": "The report, as an attachment.",
                "content": {"text/csv": {"schema": {"type": "string"}}},
            },
            **error_responses(404)["responses"],
        }
    },
)
def operator_payout_report(request: HttpRequest, batch_id: UUID) -> HttpResponse:
    """supplier, legal_name, amount, currency, reference, status, orders."""
    batch = payout_batch_get_for_operator(user=_operator(request), batch_id=batch_id)
    response = HttpResponse(
        payout_report_csv(payout_report_rows(batch)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="payouts-{batch.pk}.csv"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
