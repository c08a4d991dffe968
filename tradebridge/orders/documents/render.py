"""Rendering a trade document: DocumentData -> HTML (Django template) -> PDF (WeasyPrint).

The HTML is rendered in one language (`<html lang>` set from it, and `lang="zh-Hans"` on
any name written in Chinese characters, so that Pango picks the installed Noto CJK fonts
with Simplified Chinese glyphs). The print stylesheet ships beside this module. Nothing is
ever fetched from the network: the URL fetcher refuses every URL that is not a file inside
this package (the template references none; a name like `<img src=http://...>` in a company's
legal name is escaped text anyway).
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, Final

import weasyprint
from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal
from django.template.defaultfilters import floatformat
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import to_language, to_locale
from PIL import ImageFile
from weasyprint.urls import URLFetcher

from tradebridge.catalog.web.quantities import unit_name
from tradebridge.core.incoterms import Incoterm
from tradebridge.core.money import minor_units
from tradebridge.orders.documents.data import CARTON_TARE_KG, DocumentData, DocumentLine, Party
from tradebridge.orders.documents.terms import payment_terms_sentence
from tradebridge.orders.enums import TradeDocumentKind

# Importing weasyprint sets PIL's process-wide LOAD_TRUNCATED_IMAGES to True; the catalog's
# image pipeline refuses to run with it (it must never decode half a file), and this module
# is imported at start-up (event handlers), so every picture upload failed. Restore it.
ImageFile.LOAD_TRUNCATED_IMAGES = False

PACKAGE_DIR: Final = Path(__file__).resolve().parent
STYLESHEET: Final = PACKAGE_DIR / "print.css"
TEMPLATES: Final = {
    TradeDocumentKind.PROFORMA_INVOICE: "orders/documents/proforma_invoice.html",
    TradeDocumentKind.COMMERCIAL_INVOICE: "orders/documents/commercial_invoice.html",
    TradeDocumentKind.PACKING_LIST: "orders/documents/packing_list.html",
}
CJK_LANGUAGE: Final = "zh-Hans"


class LocalFilesOnly(URLFetcher):  # type: ignore[misc]  # untyped library
    """WeasyPrint's fetcher, refusing anything but a file of this package (no network)."""

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> Any:
        if not url.startswith("file://"):
            raise ValueError(f"Trade documents fetch nothing from the network: {url}")
        path = Path(url.removeprefix("file://").split("?")[0]).resolve()
        if not path.is_relative_to(PACKAGE_DIR):
            raise ValueError(f"Trade documents read no file outside their package: {url}")
        return super().fetch(url, headers)


def document_html(data: DocumentData, *, language: str) -> str:
    """The document as HTML in `language` (a Django language code such as "fr", "zh-hans")."""
    with translation.override(language):
        return render_to_string(TEMPLATES[TradeDocumentKind(data.kind)], _context(data))


def document_render(data: DocumentData, *, language: str) -> weasyprint.Document:
    """The laid-out WeasyPrint document (pages, fonts): what `document_pdf_bytes` writes."""
    fetcher = LocalFilesOnly(allowed_protocols=("file",))
    html = weasyprint.HTML(
        string=document_html(data, language=language),
        base_url=PACKAGE_DIR.as_uri() + "/",
        url_fetcher=fetcher,
    )
    stylesheet = weasyprint.CSS(filename=str(STYLESHEET), url_fetcher=fetcher)
    return html.render(stylesheets=[stylesheet])


def document_pdf_bytes(data: DocumentData, *, language: str) -> bytes:
    """The document as a PDF."""
    pdf: bytes = document_render(data, language=language).write_pdf()
    return pdf


def name_language(text: str) -> str:
    """ "zh-Hans" for text with Chinese characters (CJK ideographs), else "" (the page's)."""
    return CJK_LANGUAGE if any(_is_han(char) for char in text) else ""


def _is_han(char: str) -> bool:
    point = ord(char)
    return 0x4E00 <= point <= 0x9FFF or 0x3400 <= point <= 0x4DBF or 0xF900 <= point <= 0xFAFF


@dataclass(frozen=True, slots=True)
class _Formats:
    """Number, money and date formatting in one Babel locale."""

    locale: Locale
    currency: str

    def money(self, amount: Decimal) -> str:
        step = Decimal(1).scaleb(-minor_units(self.currency))
        rounded = amount.quantize(step, rounding=ROUND_HALF_UP)
        return str(format_currency(rounded, self.currency, locale=self.locale))

    def unit_price(self, amount: Decimal) -> str:
        """Up to four decimals (a 0.012 USD screw stays 0.012), at least the minor unit's."""
        value = amount.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP).normalize()
        digits = max(minor_units(self.currency), -min(int(value.as_tuple().exponent), 0))
        shown = value.quantize(Decimal(1).scaleb(-digits))
        return str(
            format_currency(
                shown,
                self.currency,
                locale=self.locale,
                currency_digits=False,
                decimal_quantization=False,
            )
        )

    def number(self, value: Decimal | int | None, *, decimals: int = 0) -> str:
        if value is None:
            return "\N{EN DASH}"
        step = Decimal(1).scaleb(-decimals)
        rounded = Decimal(value).quantize(step, rounding=ROUND_HALF_UP)
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return str(format_decimal(rounded, format=pattern, locale=self.locale))

    def day(self, value: date | None) -> str:
        return str(format_date(value, format="medium", locale=self.locale)) if value else ""

    def country(self, code: str) -> str:
        return str(self.locale.territories.get(code, code)) if code else ""


def _context(data: DocumentData) -> dict[str, Any]:
    language = translation.get_language() or "en"
    formats = _Formats(Locale.parse(to_locale(language)), data.currency)
    return {
        "lang": _html_lang(language),
        "doc": data,
        "seller": _party(data.seller, formats),
        "buyer": _party(data.buyer, formats),
        "consignee": _party(data.consignee, formats) if data.consignee else None,
        "issued_on": formats.day(data.issued_on),
        "order_date": formats.day(data.order_date),
        "incoterm": _incoterm(data),
        "payment_terms": payment_terms_sentence(
            data.payment_terms.deposit_percent, data.payment_terms.balance_due
        ),
        "lines": [_line(line, formats) for line in data.lines],
        "totals": _totals(data, formats),
        "shipped_on": formats.day(data.shipment.shipped_on if data.shipment else None),
        "tare_kg": formats.number(CARTON_TARE_KG, decimals=1),
    }


def _html_lang(language: str) -> str:
    """BCP 47 for the `lang` attribute: "zh-hans" -> "zh-Hans", "fr" -> "fr"."""
    base, _, script = to_language(language).partition("-")
    return f"{base}-{script.title()}" if len(script) == 4 else to_language(language)


def _party(party: Party, formats: _Formats) -> dict[str, Any]:
    return {
        "legal_name": party.legal_name,
        "name_lang": name_language(party.legal_name),
        "address_lines": [(line, name_language(line)) for line in party.address_lines],
        "country": formats.country(party.country),
        "vat_number": party.vat_number,
        "registration_number": party.registration_number,
    }


def _incoterm(data: DocumentData) -> str:
    if not data.incoterm:
        return ""
    label = str(Incoterm(data.incoterm).label) if data.incoterm in Incoterm.values else ""
    code = label or data.incoterm
    return f"{code} {data.named_place}".strip()


def _line(line: DocumentLine, formats: _Formats) -> dict[str, Any]:
    return {
        "position": line.position,
        "sku": line.sku,
        "title": line.title,
        "title_lang": name_language(line.title),
        "variant_label": line.variant_label,
        "hs_code": line.hs_code,
        "origin": formats.country(line.origin_country),
        "quantity": formats.number(line.quantity),
        "unit": unit_name(line.unit, line.quantity),  # "1 piece", "20 pieces"
        "unit_price": formats.unit_price(line.unit_price),
        "line_total": formats.money(line.line_total),
        "units_per_carton": formats.number(line.units_per_carton),
        "cartons": formats.number(line.cartons),
        "net_weight": formats.number(line.net_weight_kg, decimals=2),
        "gross_weight": formats.number(line.gross_weight_kg, decimals=2),
    }


def _totals(data: DocumentData, formats: _Formats) -> dict[str, str]:
    return {
        "quantity": formats.number(data.total_quantity),
        "cartons": formats.number(data.total_cartons),
        "net_weight": formats.number(data.total_net_weight_kg, decimals=2),
        "gross_weight": formats.number(data.total_gross_weight_kg, decimals=2),
        "total": formats.money(data.total),
        "deposit": formats.money(data.deposit_amount),
        "balance": formats.money(data.balance_amount),
        "deposit_percent": floatformat(data.payment_terms.deposit_percent, "-2"),
    }
