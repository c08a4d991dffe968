"""The search pages' links: every facet value, sort, page and suggestion is a plain GET URL
holding the whole search state, so the pages work without JavaScript and HTMX only swaps
what those same URLs answer. Presentation only: labels in the visitor's language and
currency; the engine decides what matches and counts."""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from babel.numbers import format_currency
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tradebridge.companies.enums import VerificationLevel
from tradebridge.companies.web.choices import country_name
from tradebridge.search.types import FacetValue, ProductFacet

type Changes = Mapping[str, str | None]


@dataclass(frozen=True)
class SearchUrls:
    """URLs of one search page: `state` is its parsed GET parameters (page excluded).

    On a category landing page `path_for_category` gives the page of another category (of
    none: the search page), and the category itself lives in the path, not the parameters."""

    path: str
    state: Mapping[str, str]
    path_for_category: Callable[[str], str] | None = None

    def changed(self, changes: Changes) -> str:
        """This search with some parameters set (or removed with None), from page 1."""
        state = {**self.state}
        for name, value in changes.items():
            if value is None or value == "":
                state.pop(name, None)
            else:
                state[name] = value
        path = self.path
        if self.path_for_category is not None and "category" in changes:
            path = self.path_for_category(state.pop("category", ""))  # "": all categories
        query = urlencode({name: value for name, value in state.items() if value != ""})
        return f"{path}?{query}" if query else path

    def leaves_page(self, changes: Changes) -> bool:
        """Whether following `changed(changes)` loads another page (a category landing page:
        its heading changes), rather than a swap of the results."""
        return self.path_for_category is not None and "category" in changes

    def page(self, number: int) -> str:
        return self.changed({"page": str(number) if number > 1 else None})


@dataclass(frozen=True)
class FacetLink:
    label: str
    count: int
    url: str
    selected: bool
    depth: int = 0
    full_page: bool = False  # a plain link: the whole page changes


@dataclass(frozen=True)
class FacetGroup:
    name: str
    title: str
    links: list[FacetLink]
    clear_url: str = ""  # set when the facet filters the results
    selected_label: str = ""


@dataclass(frozen=True)
class Labels:
    """How a facet's values read for people (currency and locale for prices)."""

    currency: str
    locale: str
    category_label: Callable[[str], str] | None = None  # for a picked category without hits


# The parameters each facet sets, and how a facet value maps onto them.
_PARAMS: dict[str, tuple[str, ...]] = {
    ProductFacet.CATEGORY: ("category",),
    ProductFacet.PRICE: ("min_price", "max_price"),
    ProductFacet.MOQ: ("max_moq",),
    ProductFacet.SUPPLIER_COUNTRY: ("supplier_country",),
    ProductFacet.SUPPLIER_PROVINCE: ("supplier_province",),
    ProductFacet.VERIFICATION: ("verified",),
    ProductFacet.CERTIFICATION: ("certification",),
    ProductFacet.READY_TO_SHIP: ("ready_to_ship",),
    ProductFacet.LEAD_TIME: ("max_lead_time",),
    ProductFacet.SAMPLE_AVAILABLE: ("sample_available",),
    "country": ("country",),
    "province": ("province",),
}


def facet_changes(name: str, value: str | None) -> dict[str, str | None]:
    """The parameters that pick `value` of facet `name` (None: drop the facet's filter)."""
    params = _PARAMS[name]
    if name != ProductFacet.PRICE:
        return {params[0]: value}
    low, _sep, high = (value or "").partition("-")
    return {"min_price": low or None, "max_price": high or None}


_TITLES: dict[str, Promise] = {
    ProductFacet.CATEGORY: gettext_lazy("Category"),
    ProductFacet.PRICE: gettext_lazy("Unit price"),
    ProductFacet.MOQ: gettext_lazy("Minimum order"),
    ProductFacet.SUPPLIER_COUNTRY: gettext_lazy("Supplier country"),
    ProductFacet.SUPPLIER_PROVINCE: gettext_lazy("Supplier province"),
    ProductFacet.VERIFICATION: gettext_lazy("Supplier verification"),
    ProductFacet.CERTIFICATION: gettext_lazy("Certification"),
    ProductFacet.READY_TO_SHIP: gettext_lazy("Availability"),
    ProductFacet.LEAD_TIME: gettext_lazy("Lead time"),
    ProductFacet.SAMPLE_AVAILABLE: gettext_lazy("Samples"),
    "country": gettext_lazy("Country"),
    "province": gettext_lazy("Province"),
}


def facet_title(name: str) -> str:
    """The facet's title in the active language (only that one is translated)."""
    title = _TITLES.get(name)
    return str(title) if title is not None else name


def facet_label(name: str, value: FacetValue, labels: Labels) -> str:
    """A facet value in words: "Up to 500 pieces", "Germany", "$5 to $10"."""
    if name == ProductFacet.CATEGORY:
        if value.label == value.value and labels.category_label is not None:
            return labels.category_label(value.value)
        return value.label
    if name == ProductFacet.PRICE:
        return price_label(value.value, labels)
    if name == ProductFacet.MOQ:
        return _("Up to %(count)s") % {"count": value.value}
    if name in (ProductFacet.SUPPLIER_COUNTRY, "country"):
        return country_name(value.value)
    if name == ProductFacet.VERIFICATION:
        level = dict(VerificationLevel.choices).get(value.value, value.value)
        return _("%(level)s or better") % {"level": level}
    if name == ProductFacet.READY_TO_SHIP:
        return _("Ready to ship") if value.value == "true" else _("Made to order")
    if name == ProductFacet.LEAD_TIME:
        return _("Ships within %(days)s days") % {"days": value.value}
    if name == ProductFacet.SAMPLE_AVAILABLE:
        return _("Samples available") if value.value == "true" else _("No samples")
    return value.label


def price_label(value: str, labels: Labels) -> str:
    """A price bucket "5-10" as "$5 to $10" (an en dash), "500-" as "$500 and up"."""
    low, _sep, high = value.partition("-")

    def money(amount: str) -> str:
        return str(
            format_currency(
                amount,
                labels.currency,
                format="¤#,##0.##",
                locale=labels.locale,
                currency_digits=False,
            )
        )

    if not high:
        return _("%(low)s and up") % {"low": money(low or "0")}
    if not low or low == "0":
        return _("Under %(high)s") % {"high": money(high)}
    return f"{money(low)} \u2013 {money(high)}"


def facet_groups(
    facets: Mapping[str, Sequence[FacetValue]],
    *,
    urls: SearchUrls,
    labels: Labels,
    order: Sequence[str],
) -> list[FacetGroup]:
    """The facets in `order`, each value a link that picks it (or drops it when picked)."""
    groups = []
    for name in order:
        values = facets.get(name, [])
        params = _PARAMS[name]
        active = any(urls.state.get(param) for param in params)
        links = [_link(name, value, urls, labels) for value in values]
        if not links and not active:
            continue
        if active and not any(link.selected for link in links):
            links.insert(0, _chosen_without_results(name, urls, labels))
        clear = urls.changed(facet_changes(name, None)) if active else ""
        chosen = next((link.label for link in links if link.selected), "")
        groups.append(
            FacetGroup(
                name=name,
                title=facet_title(name),
                links=links,
                clear_url=clear,
                selected_label=chosen,
            )
        )
    return groups


def _link(name: str, value: FacetValue, urls: SearchUrls, labels: Labels) -> FacetLink:
    params = _PARAMS[name]
    selected = value.selected or _is_selected(name, value.value, urls.state, params)
    changes = facet_changes(name, None if selected else value.value)
    if name == ProductFacet.CATEGORY and selected:
        changes = {"category": None}
    return FacetLink(
        label=facet_label(name, value, labels),
        count=value.count,
        url=urls.changed(changes),
        selected=selected,
        depth=value.depth,
        full_page=urls.leaves_page(changes),
    )


def _chosen_without_results(name: str, urls: SearchUrls, labels: Labels) -> FacetLink:
    """The facet's filter in force when no result has its value (so no count lists it): shown
    picked, with 0, so the visitor sees what narrows the search and can drop it."""
    params = _PARAMS[name]
    if name == ProductFacet.PRICE:
        value = f"{urls.state.get('min_price', '')}-{urls.state.get('max_price', '')}"
    else:
        value = urls.state.get(params[0], "")
    chosen = FacetValue(value=value, label=value, count=0, selected=True)
    return FacetLink(
        label=facet_label(name, chosen, labels),
        count=0,
        url=urls.changed(facet_changes(name, None)),
        selected=True,
        full_page=urls.leaves_page(facet_changes(name, None)),
    )


def _is_selected(name: str, value: str, state: Mapping[str, str], params: tuple[str, ...]) -> bool:
    if name == ProductFacet.PRICE:
        low, _sep, high = value.partition("-")
        return (state.get("min_price", ""), state.get("max_price", "")) == (low, high)
    return state.get(params[0], "") == value
