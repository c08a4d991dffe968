"""What a buyer writes in an RFQ (`RFQInput`), and the field rules every interface shares.

`rfq_input_check` normalises the input and raises one `ValidationFailed` naming every bad
field: `details.errors` maps each field to a machine-readable reason code (below), and
`details.field` / `details.reason` repeat the first. It reads nothing from the database;
`rfq.services.rfqs` checks the references (product, category, invited suppliers) itself.

Reason codes: `required`, `too_long`, `too_small`, `too_large`, `too_many`,
`unknown_unit`, `unknown_currency`, `unknown_country`, `unknown_incoterm`,
`unknown_visibility`, `unknown_language`, `invalid_price`, `deadline_in_past`,
`deadline_too_far`, `date_in_past`, `invalid_item`.
"""

import dataclasses
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Final

from tradebridge.catalog.enums import Unit
from tradebridge.companies.iso_codes import COUNTRY_CODES, CURRENCY_CODES
from tradebridge.core.errors import ValidationFailed
from tradebridge.core.incoterms import Incoterm
from tradebridge.rfq.enums import RFQVisibility

MAX_DEADLINE_DAYS: Final = 90
MAX_QUANTITY: Final = 2_147_483_647  # the column's limit
MAX_PRICE: Final = Decimal("99999999999999.9999")  # 18 digits, 4 decimals
MAX_SPECS: Final = 50
MAX_CERTIFICATIONS: Final = 20
MAX_INVITED: Final = 50
MAX_QUOTE_CAP: Final = 1000
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$")
_TEXT_LIMITS: Final = {"title": 200, "description": 10_000, "destination_place": 120}


@dataclass(frozen=True, slots=True)
class RFQInput:
    """Every field a buyer fills in. `specs` are (name, value) pairs in the buyer's order;
    `invited_suppliers` are company slugs; `language` is the language the RFQ is written in
    (a code such as `fr` or `zh-hans`); `quote_deadline` must be timezone-aware."""

    title: str
    quantity: int
    unit: str
    currency: str
    destination_country: str
    quote_deadline: datetime
    description: str = ""
    product_id: uuid.UUID | None = None
    category_id: int | None = None
    specs: tuple[tuple[str, str], ...] = ()
    target_unit_price: Decimal | None = None
    destination_place: str = ""
    incoterm: str | None = None
    certifications: tuple[str, ...] = ()
    sample_needed: bool = False
    needed_by: date | None = None
    visibility: str = RFQVisibility.PUBLIC
    invited_suppliers: tuple[str, ...] = field(default=())
    quote_cap: int | None = None
    show_quote_count: bool = False
    language: str = ""

    def __post_init__(self) -> None:
        if self.quote_deadline.tzinfo is None:
            raise TypeError("quote_deadline must be timezone-aware")
        if self.target_unit_price is not None and not isinstance(self.target_unit_price, Decimal):
            raise TypeError("target_unit_price must be a Decimal or None")


class _Errors:
    """Collects `field -> reason code` (the first per field wins)."""

    def __init__(self) -> None:
        self.reasons: dict[str, str] = {}

    def add(self, name: str, reason: str | None) -> None:
        if reason is not None and name not in self.reasons:
            self.reasons[name] = reason

    def raise_if_any(self) -> None:
        if self.reasons:
            first, reason = next(iter(self.reasons.items()))
            raise ValidationFailed(
                f"{first}: {reason}", field=first, reason=reason, errors=dict(self.reasons)
            )


def rfq_input_check(data: RFQInput, *, now: datetime) -> RFQInput:
    """`data` normalised (text stripped, codes upper-cased, lists deduplicated), or
    ValidationFailed naming every bad field (see the module doc). Pure."""
    data = _normalised(data)
    errors = _Errors()
    _check_text(errors, data)
    _check_amounts(errors, data)
    _check_codes(errors, data)
    _check_lists(errors, data)
    errors.add("quote_deadline", deadline_problem(data.quote_deadline, now=now))
    if data.needed_by is not None and data.needed_by < now.date():
        errors.add("needed_by", "date_in_past")
    errors.raise_if_any()
    return data


def deadline_problem(deadline: datetime, *, now: datetime) -> str | None:
    """Why a quote deadline is refused (`deadline_in_past`, `deadline_too_far`: more than
    90 days ahead), or None."""
    if deadline <= now:
        return "deadline_in_past"
    if deadline > now + timedelta(days=MAX_DEADLINE_DAYS):
        return "deadline_too_far"
    return None


def _normalised(data: RFQInput) -> RFQInput:
    return dataclasses.replace(
        data,
        title=" ".join(data.title.split()),
        description=data.description.strip(),
        destination_place=data.destination_place.strip(),
        currency=data.currency.strip().upper(),
        destination_country=data.destination_country.strip().upper(),
        incoterm=(data.incoterm.strip().upper() or None) if data.incoterm else None,
        specs=tuple((name.strip(), value.strip()) for name, value in data.specs),
        certifications=_unique(cert.strip() for cert in data.certifications if cert.strip()),
        invited_suppliers=_unique(
            slug.strip().lower() for slug in data.invited_suppliers if slug.strip()
        ),
        language=data.language.strip().lower(),
    )


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _check_text(errors: _Errors, data: RFQInput) -> None:
    if not data.title:
        errors.add("title", "required")
    for name, limit in _TEXT_LIMITS.items():
        if len(getattr(data, name)) > limit:
            errors.add(name, "too_long")


def _check_amounts(errors: _Errors, data: RFQInput) -> None:
    if data.quantity < 1:
        errors.add("quantity", "too_small")
    elif data.quantity > MAX_QUANTITY:
        errors.add("quantity", "too_large")
    price = data.target_unit_price
    if price is not None and not (
        price.is_finite() and Decimal(0) < price <= MAX_PRICE and _decimals(price) <= 4
    ):
        errors.add("target_unit_price", "invalid_price")
    if data.quote_cap is not None and data.quote_cap < 1:
        errors.add("quote_cap", "too_small")
    elif data.quote_cap is not None and data.quote_cap > MAX_QUOTE_CAP:
        errors.add("quote_cap", "too_large")


def _decimals(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _check_codes(errors: _Errors, data: RFQInput) -> None:
    if data.unit not in Unit.values:
        errors.add("unit", "unknown_unit")
    if data.currency not in CURRENCY_CODES:
        errors.add("currency", "unknown_currency")
    if data.destination_country not in COUNTRY_CODES:
        errors.add("destination_country", "unknown_country")
    if data.incoterm is not None and data.incoterm not in Incoterm.values:
        errors.add("incoterm", "unknown_incoterm")
    if data.visibility not in RFQVisibility.values:
        errors.add("visibility", "unknown_visibility")
    if data.language and not _LANGUAGE.match(data.language):
        errors.add("language", "unknown_language")


def _check_lists(errors: _Errors, data: RFQInput) -> None:
    if len(data.specs) > MAX_SPECS:
        errors.add("specs", "too_many")
    if any(not name or len(name) > 80 or len(value) > 300 for name, value in data.specs):
        errors.add("specs", "invalid_item")
    if len(data.certifications) > MAX_CERTIFICATIONS:
        errors.add("certifications", "too_many")
    if any(len(cert) > 40 for cert in data.certifications):
        errors.add("certifications", "too_long")
    if len(data.invited_suppliers) > MAX_INVITED:
        errors.add("invited_suppliers", "too_many")
