"""Quote endpoints: quotes and their revisions, attachments, counter-offers, acceptance into a
deal, deals and the buyer's comparison.

Who sees what (`rfq.quote_selectors`): the RFQ's buyer sees every quote on it; a supplier sees
its own quote only, whatever filters or orderings a client adds (unknown query parameters are
ignored); anyone else gets 404, as for a quote that does not exist. The comparison is the
buyer's alone (404 for a supplier).
"""

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Annotated, Any, overload
from uuid import UUID

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate
from pydantic import Field

from tradebridge.companies.api.auth import auth_membership
from tradebridge.companies.models import Membership
from tradebridge.core.api.idempotency import idempotent
from tradebridge.core.api.openapi import error_responses
from tradebridge.core.api.pagination import PagePagination
from tradebridge.core.errors import NotFound
from tradebridge.rfq.api.quote_schemas import (
    AcceptIn,
    AttachmentOut,
    ComparisonOut,
    CounterOfferIn,
    CounterOfferOut,
    DealOut,
    DealTermsOut,
    QuoteIn,
    QuoteOut,
    QuotePatchIn,
    RevisionOut,
    attachment_out,
    counter_offer_out,
    deal_out,
    quote_input_from,
    quote_input_from_patch,
    quote_out,
    revision_out,
)
from tradebridge.rfq.comparison import Column
from tradebridge.rfq.models import Deal, Quote
from tradebridge.rfq.quote_selectors import (
    counter_offer_get_for_member,
    counter_offer_list,
    deal_get_for_party,
    deal_list_for_actor,
    quote_comparison_for_buyer,
    quote_current_revision,
    quote_get_for_member,
    quote_list_for_buyer,
    quote_list_for_supplier,
    quote_revision_list,
)
from tradebridge.rfq.selectors import rfq_get_for_member
from tradebridge.rfq.services.counter_offers import (
    counter_offer_create,
    counter_offer_decline,
    counter_offer_withdraw,
)
from tradebridge.rfq.services.deals import quote_accept
from tradebridge.rfq.services.quote_attachments import quote_attachment_add
from tradebridge.rfq.services.quotes import quote_reject, quote_revise, quote_submit, quote_withdraw

router = Router(tags=["rfq: quotes"])

SortParam = Annotated[
    str,
    Field(
        pattern=r"^-?(unit_price|total|lead_time_days|deposit_percent|verification|response_rate)$",
        description="A column, best first; prefix '-' for worst first.",
    ),
]


class _Presented[T: Model]:
    """A queryset presented row by row: pagination counts and slices it lazily."""

    def __init__(self, rows: QuerySet[T], present: Callable[[T], dict[str, Any]]) -> None:
        self._rows, self._present = rows, present

    def __len__(self) -> int:
        return self._rows.count()

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...
    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...
    def __getitem__(self, index: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(index, slice):
            return [self._present(row) for row in self._rows[index]]
        return self._present(self._rows[index])


def _quote(actor: Membership, request: HttpRequest) -> Callable[[Quote], dict[str, Any]]:
    return lambda quote: quote_out(
        quote, quote_current_revision(quote=quote), actor=actor, request=request
    )


@router.post(
    "/rfqs/{rfq_id}/quotes",
    response={201: QuoteOut},
    summary="Submit your quote on an RFQ",
    openapi_extra=error_responses(409, 429),
)
@idempotent
def quote_create(request: HttpRequest, rfq_id: UUID, payload: QuoteIn) -> Status[dict[str, Any]]:
    """A supplier's one quote on an RFQ it may see, while the RFQ takes quotes. Price tiers
    ascend by `min_quantity` with unit prices never rising; the FX rates are frozen with it.
    A second quote answers 409 `quote_exists` (revise it with PATCH)."""
    actor = auth_membership(request)
    quote = quote_submit(actor=actor, rfq_id=rfq_id, data=quote_input_from(payload))
    quote, _is_buyer = quote_get_for_member(actor=actor, quote_id=quote.pk)
    return Status(201, _quote(actor, request)(quote))


@router.get("/rfqs/{rfq_id}/quotes", response=list[QuoteOut], summary="List an RFQ's quotes")
@paginate(PagePagination)
def quote_list(request: HttpRequest, rfq_id: UUID) -> Sequence[dict[str, Any]]:
    """The RFQ's buyer: every quote, oldest first. A supplier: its own quote only."""
    actor = auth_membership(request)
    _rfq, is_buyer = rfq_get_for_member(actor=actor, rfq_id=rfq_id)
    if is_buyer:
        quotes = quote_list_for_buyer(actor=actor, rfq_id=rfq_id).order_by("created_at", "id")
    else:
        quotes = quote_list_for_supplier(actor=actor, rfq_id=rfq_id)
    return _Presented(quotes, _quote(actor, request))  # type: ignore[return-value]


@router.get("/quotes/{quote_id}", response=QuoteOut, summary="Read a quote")
def quote_read(request: HttpRequest, quote_id: UUID) -> dict[str, Any]:
    """For the RFQ's buyer and the quoting supplier; 404 for anyone else."""
    actor = auth_membership(request)
    quote, _is_buyer = quote_get_for_member(actor=actor, quote_id=quote_id)
    return _quote(actor, request)(quote)


@router.patch(
    "/quotes/{quote_id}",
    response=QuoteOut,
    summary="Revise your quote",
    openapi_extra=error_responses(409),
)
def quote_update(request: HttpRequest, quote_id: UUID, payload: QuotePatchIn) -> dict[str, Any]:
    """A new revision: the fields given replace the current revision's (the earlier
    revisions are kept). Answers the buyer's open counter-offer, if any. An accepted,
    rejected, withdrawn or expired quote answers 409 `invalid_transition`."""
    actor = auth_membership(request)
    quote, is_buyer = quote_get_for_member(actor=actor, quote_id=quote_id)
    if is_buyer:
        raise NotFound()  # the buyer reads the quote; only its supplier revises it
    data = quote_input_from_patch(payload, quote_current_revision(quote=quote))
    quote_revise(actor=actor, quote_id=quote_id, data=data)
    quote, _is_buyer = quote_get_for_member(actor=actor, quote_id=quote_id)
    return _quote(actor, request)(quote)


@router.get(
    "/quotes/{quote_id}/revisions", response=list[RevisionOut], summary="List a quote's revisions"
)
def quote_revisions(request: HttpRequest, quote_id: UUID) -> list[dict[str, Any]]:
    """Every revision, first to latest, with its attachments."""
    actor = auth_membership(request)
    quote, _is_buyer = quote_get_for_member(actor=actor, quote_id=quote_id)
    return [
        revision_out(revision, actor=actor, request=request)
        for revision in quote_revision_list(quote=quote)
    ]


@router.post(
    "/quotes/{quote_id}/withdraw",
    response=QuoteOut,
    summary="Withdraw your quote",
    openapi_extra=error_responses(409),
)
def quote_withdraw_endpoint(request: HttpRequest, quote_id: UUID) -> dict[str, Any]:
    """The quoting supplier withdraws its live quote (409 `invalid_transition` otherwise)."""
    actor = auth_membership(request)
    quote_withdraw(actor=actor, quote_id=quote_id)
    return quote_read(request, quote_id)


@router.post(
    "/quotes/{quote_id}/reject",
    response=QuoteOut,
    summary="Reject a quote",
    openapi_extra=error_responses(409),
)
def quote_reject_endpoint(request: HttpRequest, quote_id: UUID) -> dict[str, Any]:
    """The RFQ's buyer rejects a live quote (409 `invalid_transition` otherwise)."""
    actor = auth_membership(request)
    quote_reject(actor=actor, quote_id=quote_id)
    return quote_read(request, quote_id)


@router.post(
    "/quotes/{quote_id}/attachments",
    response={201: AttachmentOut},
    summary="Attach a file to your quote",
    openapi_extra=error_responses(409),
)
def quote_attachment_create(
    request: HttpRequest, quote_id: UUID, file: File[UploadedFile]
) -> Status[dict[str, Any]]:
    """A PDF, JPEG, PNG or WebP file (told by its bytes) of at most 10 MB, on the current
    revision of your live quote. The answer carries a signed download link valid 10 minutes."""
    actor = auth_membership(request)
    attachment = quote_attachment_add(
        actor=actor, quote_id=quote_id, file=file, filename=file.name or "file"
    )
    return Status(201, attachment_out(attachment, actor=actor, request=request))


@router.post(
    "/quotes/{quote_id}/counter-offers",
    response={201: CounterOfferOut},
    summary="Counter a quote",
)
@idempotent
def counter_offer_create_endpoint(
    request: HttpRequest, quote_id: UUID, payload: CounterOfferIn
) -> Status[dict[str, Any]]:
    """The RFQ's buyer asks for a price, quantity or terms; the supplier revises or declines.
    One open counter-offer per quote (409 `counter_offer_open`)."""
    actor = auth_membership(request)
    offer = counter_offer_create(
        actor=actor,
        quote_id=quote_id,
        target_unit_price=Decimal(payload.target_unit_price),
        currency=payload.currency.upper(),
        quantity=payload.quantity,
        terms=payload.terms,
    )
    return Status(201, counter_offer_out(offer))


@router.get(
    "/quotes/{quote_id}/counter-offers",
    response=list[CounterOfferOut],
    summary="List a quote's counter-offers",
)
def counter_offer_list_endpoint(request: HttpRequest, quote_id: UUID) -> list[dict[str, Any]]:
    """The thread of offers on the quote, oldest first (its buyer and its supplier)."""
    quote, _is_buyer = quote_get_for_member(actor=auth_membership(request), quote_id=quote_id)
    return [counter_offer_out(offer) for offer in counter_offer_list(quote=quote)]


@router.post(
    "/counter-offers/{counter_offer_id}/decline",
    response=CounterOfferOut,
    summary="Decline a counter-offer",
    openapi_extra=error_responses(409),
)
def counter_offer_decline_endpoint(request: HttpRequest, counter_offer_id: UUID) -> dict[str, Any]:
    """The quoting supplier declines the buyer's open counter-offer."""
    actor = auth_membership(request)
    counter_offer_decline(actor=actor, counter_offer_id=counter_offer_id)
    return counter_offer_out(counter_offer_get_for_member(actor=actor, offer_id=counter_offer_id))


@router.post(
    "/counter-offers/{counter_offer_id}/withdraw",
    response=CounterOfferOut,
    summary="Withdraw your counter-offer",
    openapi_extra=error_responses(409),
)
def counter_offer_withdraw_endpoint(request: HttpRequest, counter_offer_id: UUID) -> dict[str, Any]:
    """The buyer withdraws its open counter-offer."""
    actor = auth_membership(request)
    counter_offer_withdraw(actor=actor, counter_offer_id=counter_offer_id)
    return counter_offer_out(counter_offer_get_for_member(actor=actor, offer_id=counter_offer_id))


@router.post(
    "/quotes/{quote_id}/accept", response={201: DealOut}, summary="Accept a quote: the deal"
)
@idempotent
def quote_accept_endpoint(
    request: HttpRequest, quote_id: UUID, payload: AcceptIn
) -> Status[dict[str, Any]]:
    """Accept `revision` (the one you saw: 409 `quote_changed` if the supplier revised it
    since) at the RFQ's quantity or `quantity`. The terms are frozen into the agreed deal;
    the RFQ's other quotes are rejected and the RFQ awarded."""
    actor = auth_membership(request)
    deal = quote_accept(
        actor=actor,
        quote_id=quote_id,
        expected_revision=payload.revision,
        quantity=payload.quantity,
    )
    return Status(201, {"deal": deal_out(deal_get_for_party(actor=actor, deal_id=deal.pk))})


@router.get("/deals", response=list[DealTermsOut], summary="List your deals")
@paginate(PagePagination)
def deal_list(request: HttpRequest) -> Sequence[dict[str, Any]]:
    """The agreed deals your company is a party to (as buyer or supplier), newest first."""
    deals: QuerySet[Deal] = deal_list_for_actor(actor=auth_membership(request))
    return _Presented(deals, deal_out)  # type: ignore[return-value]


@router.get("/deals/{deal_id}", response=DealOut, summary="Read a deal")
def deal_read(request: HttpRequest, deal_id: UUID) -> dict[str, Any]:
    """A deal of your company (either side): its reference and frozen terms."""
    return {"deal": deal_out(deal_get_for_party(actor=auth_membership(request), deal_id=deal_id))}


class ComparisonQuery(Schema):
    currency: str | None = Field(None, max_length=3, description="Default: your currency.")
    sort: SortParam = "total"


@router.get("/rfqs/{rfq_id}/comparison", response=ComparisonOut, summary="Compare an RFQ's quotes")
def quote_comparison(
    request: HttpRequest, rfq_id: UUID, query: Query[ComparisonQuery]
) -> dict[str, Any]:
    """The RFQ's live quotes side by side in `currency`, at the RFQ's quantity (each quote's
    own tiers; its MOQ when higher, flagged `below_moq`) and each revision's frozen rates;
    `best` names the columns where a row holds the best value. The buyer's only: 404 for
    anyone else."""
    comparison = quote_comparison_for_buyer(
        actor=auth_membership(request),
        rfq_id=rfq_id,
        currency=query.currency.upper() if query.currency else None,
        sort_by=Column(query.sort.lstrip("-")),
        reverse=query.sort.startswith("-"),
        today=timezone.now().date(),
    )
    return comparison.as_dict()
