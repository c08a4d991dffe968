"""The search pages' GET parameters. Forms only parse input: a value that does not parse is
dropped (the page says some filters were ignored) and the search still runs."""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tradebridge.companies.enums import VerificationLevel
from tradebridge.search.types import MAX_PAGE, ProductQuery, ProductSort, SupplierQuery

PAGE_SIZE = 24
_YES_NO = [("", ""), ("true", "true"), ("false", "false")]


def _yes_no(value: str) -> bool | None:
    return {"true": True, "false": False}.get(value)


class _SearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=200)
    category = forms.IntegerField(required=False, min_value=1)
    verified = forms.ChoiceField(required=False, choices=[("", ""), *VerificationLevel.choices])
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)

    def parsed(self) -> dict[str, Any]:
        """The values that parsed (empty ones left out); invalid ones are dropped."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: value for name, value in data.items() if value not in (None, "")}

    def ignored(self) -> list[str]:
        """Names of the parameters that did not parse."""
        self.is_valid()
        return sorted(self.errors)

    def state(self) -> dict[str, str]:
        """The parsed parameters as URL values: what links keep (the page apart)."""
        return {name: _url_value(value) for name, value in self.parsed().items() if name != "page"}


def _url_value(value: object) -> str:
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)


class ProductSearchForm(_SearchForm):
    min_price = forms.DecimalField(required=False, min_value=0, max_digits=16, decimal_places=4)
    max_price = forms.DecimalField(required=False, min_value=0, max_digits=16, decimal_places=4)
    currency = forms.RegexField(required=False, regex=r"^[A-Z]{3}$")
    max_moq = forms.IntegerField(required=False, min_value=1, max_value=2_000_000_000)
    supplier_country = forms.RegexField(required=False, regex=r"^[A-Z]{2}$")
    supplier_province = forms.CharField(required=False, max_length=100)
    certification = forms.CharField(required=False, max_length=100)
    ready_to_ship = forms.ChoiceField(required=False, choices=_YES_NO)
    sample_available = forms.ChoiceField(required=False, choices=_YES_NO)
    max_lead_time = forms.IntegerField(required=False, min_value=0, max_value=3650)
    sort = forms.ChoiceField(
        required=False,
        choices=[
            (ProductSort.RELEVANCE.value, _("Best match")),
            (ProductSort.PRICE_ASC.value, _("Lowest price")),
            (ProductSort.PRICE_DESC.value, _("Highest price")),
            (ProductSort.MOQ_ASC.value, _("Lowest MOQ")),
            (ProductSort.NEWEST.value, _("Newest")),
        ],
    )

    def state_for(self, currency: str) -> dict[str, str]:
        """`state()` with price bounds only if they were set in `currency` (a visitor who
        switched currency keeps every other filter), and the currency they are in."""
        state = self.state()
        if "min_price" in state or "max_price" in state:
            if state.get("currency", currency) != currency:
                state.pop("min_price", None)
                state.pop("max_price", None)
                state.pop("currency", None)
            else:
                state["currency"] = currency
        else:
            state.pop("currency", None)
        if state.get("sort") == ProductSort.RELEVANCE.value:
            state.pop("sort")
        return state

    def to_query(self, *, currency: str, language: str) -> ProductQuery:
        values = self.parsed()
        state = self.state_for(currency)
        return ProductQuery(
            text=values.get("q", ""),
            category=values.get("category"),
            currency=currency,
            min_price=values.get("min_price") if "min_price" in state else None,
            max_price=values.get("max_price") if "max_price" in state else None,
            max_moq=values.get("max_moq"),
            supplier_country=values.get("supplier_country", ""),
            supplier_province=values.get("supplier_province", ""),
            verified=values.get("verified", ""),
            certification=values.get("certification", ""),
            ready_to_ship=_yes_no(values.get("ready_to_ship", "")),
            max_lead_time_days=values.get("max_lead_time"),
            sample_available=_yes_no(values.get("sample_available", "")),
            sort=ProductSort(values.get("sort", ProductSort.RELEVANCE.value)),
            page=values.get("page", 1),
            page_size=PAGE_SIZE,
            language=language,
        )


class SupplierSearchForm(_SearchForm):
    country = forms.RegexField(required=False, regex=r"^[A-Z]{2}$")
    province = forms.CharField(required=False, max_length=100)
    min_response_rate = forms.IntegerField(required=False, min_value=0, max_value=100)

    def to_query(self, *, language: str) -> SupplierQuery:
        values = self.parsed()
        return SupplierQuery(
            text=values.get("q", ""),
            category=values.get("category"),
            country=values.get("country", ""),
            province=values.get("province", ""),
            verified=values.get("verified", ""),
            min_response_rate=values.get("min_response_rate"),
            page=values.get("page", 1),
            page_size=PAGE_SIZE,
            language=language,
        )
