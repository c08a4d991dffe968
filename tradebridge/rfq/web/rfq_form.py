"""Between the RFQ form and the services: parsed input to `RFQInput`, an RFQ (or a product,
or a search) back to the form's initial values, and the services' reasons onto the fields."""

from datetime import datetime, timedelta
from typing import Any

from django.forms import BaseForm
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from tradebridge.catalog.models import Product
from tradebridge.companies.models import Membership
from tradebridge.core.errors import DomainError
from tradebridge.rfq.models import RFQ
from tradebridge.rfq.services.rfq_input import RFQInput
from tradebridge.rfq.web.forms import RFQForm, specs_from

DEFAULT_DEADLINE_DAYS = 14

# Service fields shown by a differently named form field.
_FIELD_ALIASES = {"category_id": "category", "product_id": "title"}

# The services' machine-readable reasons, in the visitor's words.
REASONS = {
    "required": gettext_lazy("This field is required."),
    "too_long": gettext_lazy("This is too long."),
    "too_small": gettext_lazy("This is too small."),
    "too_large": gettext_lazy("This is too large."),
    "too_many": gettext_lazy("There are too many."),
    "unknown_unit": gettext_lazy("Choose a unit from the list."),
    "unknown_currency": gettext_lazy("Choose a currency from the list."),
    "unknown_country": gettext_lazy("Choose a country from the list."),
    "unknown_incoterm": gettext_lazy("Choose an Incoterm from the list."),
    "unknown_visibility": gettext_lazy("Choose who may quote."),
    "invalid_price": gettext_lazy("Enter a price above zero with at most four decimals."),
    "deadline_in_past": gettext_lazy("The deadline must be in the future."),
    "deadline_too_far": gettext_lazy("The deadline may be at most 90 days ahead."),
    "date_in_past": gettext_lazy("This date has passed."),
    "invalid_item": gettext_lazy("One of the rows is not valid."),
    "unknown_supplier": gettext_lazy("No supplier has this name: %(items)s."),
    "not_found": gettext_lazy("This no longer exists."),
    "invited_required": gettext_lazy("Name at least one supplier to invite."),
    "unknown_product": gettext_lazy("This product is no longer available."),
    "unknown_category": gettext_lazy("Choose a category from the list."),
}


def rfq_input_from(form: RFQForm, specs: Any, *, keep: RFQ | None = None) -> RFQInput:
    """The RFQ the valid `form` and `specs` describe. A new RFQ is in the page's language;
    an edited one (`keep`) keeps its language, and its deadline when the form shows it
    unchanged (the form has minutes, the RFQ may have seconds)."""
    data = form.cleaned_data
    deadline = _aware(data["quote_deadline"])
    language = (get_language() or "en").lower()
    if keep is not None:
        language = keep.language
        if _same_minute(deadline, keep.quote_deadline):
            deadline = keep.quote_deadline
    return RFQInput(
        title=data["title"],
        description=data["description"],
        product_id=data["product"],
        category_id=data["category"],
        specs=tuple(specs_from(specs).items()),
        quantity=data["quantity"],
        unit=data["unit"],
        target_unit_price=data["target_unit_price"],
        currency=data["currency"],
        destination_country=data["destination_country"],
        destination_place=data["destination_place"],
        incoterm=data["incoterm"] or None,
        certifications=tuple(data["certifications"]),
        sample_needed=data["sample_needed"],
        needed_by=data["needed_by"],
        quote_deadline=deadline,
        visibility=data["visibility"],
        invited_suppliers=tuple(data["invited_suppliers"]),
        quote_cap=data["quote_cap"],
        show_quote_count=data["show_quote_count"],
        language=language,
    )


def _aware(moment: datetime) -> datetime:
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _same_minute(one: datetime, other: datetime) -> bool:
    return one.replace(second=0, microsecond=0) == other.replace(second=0, microsecond=0)


def form_errors_from(error: DomainError, form: BaseForm) -> None:
    """Put the service's reasons on the fields they name; the rest above the form."""
    if error.code == "rfq_field_locked" and error.details.get("fields"):
        locked = _("This cannot change once the RFQ is open.")
        reasons: dict[str, object] = dict.fromkeys(error.details["fields"], locked)
    else:
        reasons = error.details.get("errors") or {
            error.details.get("field", ""): error.details.get("reason") or error.message
        }
    for name, reason in reasons.items():
        field = _FIELD_ALIASES.get(str(name), str(name))
        text = _reason_text(reason, error)
        if field in form.fields:
            form.add_error(field, text)
        elif field == "specs":
            form.add_error(None, _("Specifications: %(reason)s") % {"reason": text})
        else:
            form.add_error(None, text)


def _reason_text(reason: object, error: DomainError) -> str:
    template = REASONS.get(str(reason))
    if template is None:
        return str(reason) if reason else error.message
    items = error.details.get("unknown") or error.details.get("items") or ()
    return str(template) % {"items": ", ".join(str(item) for item in items)}


def initial_for_new(
    actor: Membership, *, product: Product | None, query: str, category_id: int | None
) -> dict[str, Any]:
    """A new RFQ's values: the acting company's currency and country, a deadline two weeks
    ahead; from a product its title, category, unit, MOQ and supplier (invited); from a
    search its words and category."""
    company = actor.company
    deadline = timezone.localtime() + timedelta(days=DEFAULT_DEADLINE_DAYS)
    initial: dict[str, Any] = {
        "currency": company.default_currency,
        "destination_country": company.country,
        "quote_deadline": deadline.replace(second=0, microsecond=0, tzinfo=None),
        "visibility": "public",
        "title": query[:200],
        "category": category_id,
    }
    if product is not None:
        initial.update(
            product=product.pk,
            title=product.title[:200],
            category=product.category_id,
            unit=product.unit,
            quantity=product.moq,
            invited_suppliers=product.supplier.slug,
            certifications=";".join(product.certifications or []),
        )
    return initial


def initial_from_rfq(rfq: RFQ) -> dict[str, Any]:
    """The form's values for an RFQ being edited, in the notations the form parses."""
    initial: dict[str, Any] = {
        name: getattr(rfq, name)
        for name in (
            "title", "description", "quantity", "unit", "target_unit_price", "currency",
            "destination_country", "destination_place", "sample_needed", "needed_by",
            "visibility", "quote_cap", "show_quote_count",
        )
    }  # fmt: skip
    initial["product"] = rfq.product_id
    initial["category"] = rfq.category_id
    initial["incoterm"] = rfq.incoterm or ""
    initial["certifications"] = ";".join(rfq.certifications or [])
    initial["quote_deadline"] = timezone.localtime(rfq.quote_deadline).replace(tzinfo=None)
    invited = rfq.invitations.filter(source="invited").select_related("supplier")
    initial["invited_suppliers"] = ", ".join(invitation.supplier.slug for invitation in invited)
    return initial


def specs_initial_from(rfq: RFQ) -> list[dict[str, str]]:
    return [{"name": name, "value": value} for name, value in (rfq.specs or {}).items()]
