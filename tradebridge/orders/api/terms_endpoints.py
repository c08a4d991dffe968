"""A supplier's payment terms for cart orders: `GET/PUT /api/v1/supplier-terms`.

Always the calling member's own company (there is no id to name another's). Every active
member reads them; the owner and admins of a company that sells (supplier or both) set them
(403 `permission_denied`, with `reason` not_a_supplier for a company that only buys). A
company that never set terms reads full prepayment (100 %, before shipment) with
`is_default` true. Cart orders placed afterwards take the new terms; orders already placed
and deal orders keep theirs.
"""

from typing import Annotated

from annotated_types import Interval
from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import BeforeValidator, Field, StrictStr, StringConstraints

from tradebridge.companies.api.auth import auth_membership
from tradebridge.companies.api.schemas import StrictIn
from tradebridge.companies.permissions import Permission, ensure_can
from tradebridge.core.api.openapi import error_responses
from tradebridge.orders.enums import BalanceDue
from tradebridge.orders.services.terms import Terms, supplier_terms_get, supplier_terms_set

router = Router(tags=["orders: supplier payment terms"])

_BALANCE_HELP = "When the balance is due: " + ", ".join(BalanceDue.values) + "."


class SupplierTermsOut(Schema):
    deposit_percent: str = Field(..., examples=["30"], description="Paid into escrow upfront.")
    balance_due: str = Field(..., examples=["before_shipment"], description=_BALANCE_HELP)
    is_default: bool = Field(..., description="True: never set (full prepayment).")


# 0 to 100 with at most two decimals, as the service accepts: the schema says exactly what is
# valid, so a schema-valid request is never refused (schemathesis checks that).
_PERCENT = r"^(100(\.0{1,2})?|[0-9]{1,2}(\.[0-9]{1,2})?)$"


def _json_number(value: object) -> object:
    """A JSON integer, which JSON Schema lets a client write 31.0: never a string or a bool
    (pydantic's lax int would take "31" and true)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("Input should be a whole number")  # pydantic wants ValueError
    return value


class SupplierTermsIn(StrictIn):
    # The bound before the validator: after it, pydantic writes "ge"/"le" (which no client
    # reads) instead of minimum/maximum, and the schema would allow -961.
    deposit_percent: (
        Annotated[StrictStr, StringConstraints(pattern=_PERCENT)]
        | Annotated[int, Interval(ge=0, le=100), BeforeValidator(_json_number)]
    ) = Field(
        ..., examples=["30"], description="0 to 100, at most two decimals (a string or integer)."
    )
    balance_due: BalanceDue = Field(..., examples=["before_shipment"], description=_BALANCE_HELP)


def _out(terms: Terms) -> SupplierTermsOut:
    return SupplierTermsOut(
        deposit_percent=f"{terms.deposit_percent.normalize():f}",
        balance_due=terms.balance_due,
        is_default=terms.is_default,
    )


@router.get(
    "/supplier-terms",
    response=SupplierTermsOut,
    summary="Read your company's payment terms",
    openapi_extra=error_responses(403),
)
def supplier_terms_read(request: HttpRequest) -> SupplierTermsOut:
    """The deposit and balance term your company's cart orders are placed with."""
    actor = auth_membership(request)
    ensure_can(actor, Permission.VIEW_COMPANY)
    return _out(supplier_terms_get(actor.company_id))


@router.put(
    "/supplier-terms",
    response=SupplierTermsOut,
    summary="Set your company's payment terms",
    openapi_extra=error_responses(403),
)
def supplier_terms_write(request: HttpRequest, payload: SupplierTermsIn) -> SupplierTermsOut:
    """Set the deposit percent (0 to 100; 100 = full prepayment) and when the balance is due.
    Owner or admin of a company that sells; 422 `validation_failed` (`field`) otherwise."""
    actor = auth_membership(request)
    terms = supplier_terms_set(
        actor=actor,
        deposit_percent=str(payload.deposit_percent),
        balance_due=payload.balance_due.value,
    )
    return _out(terms)
