"""Rendering: the HTML carries every field customs and the buyer need, in the reader's
language; the PDF is a one-page PDF whose Chinese legal name is drawn with a Noto CJK font;
nothing is fetched from the network."""

import pytest

from tradebridge.orders.documents.data import document_data_from_json
from tradebridge.orders.documents.render import (
    LocalFilesOnly,
    document_html,
    document_pdf_bytes,
    document_render,
    name_language,
)
from tradebridge.orders.enums import TradeDocumentKind
from tradebridge.orders.services.documents import document_issue
from tradebridge.orders.tests.documents.conftest import CHINESE_NAME, ISSUED

pytestmark = pytest.mark.django_db


@pytest.fixture
def proforma(order):
    document = document_issue(
        order_id=order.pk, kind=TradeDocumentKind.PROFORMA_INVOICE, now=ISSUED
    )
    return document_data_from_json(document.snapshot)


@pytest.fixture
def packing_list(order):
    document = document_issue(order_id=order.pk, kind=TradeDocumentKind.PACKING_LIST, now=ISSUED)
    return document_data_from_json(document.snapshot)


def test_the_proforma_shows_both_companies_terms_and_lines(proforma):
    html = document_html(proforma, language="en")

    for text in [
        '<html lang="en">',
        "Proforma invoice",
        "PI-2026-000001",
        f'<p class="party-name" lang="zh-Hans">{CHINESE_NAME}</p>',
        "Ningbo, Zhejiang",
        "China",
        "91330200MA2H3XYZ1Q",
        "Rhein Sport GmbH",
        "DE811907980",
        "Hafenstr. 4",
        "PO-7781",
        "FOB (Free On Board) Ningbo",
        "30 % deposit, balance before shipment",
        "9506.91",
        "1,000 pieces",
        "$3.125",
        "$3,125.00",
        "$5,625.00",
        "$1,687.50",  # the deposit
        "$3,937.50",  # the balance
    ]:
        assert text in html, text


def test_the_packing_list_shows_cartons_and_weights(packing_list):
    html = document_html(packing_list, language="en")

    for text in ["Packing list", "PL-2026-000001", "COSCO", "COSU1234567", "142", "4,800.00"]:
        assert text in html, text
    assert "4,871.00" in html  # gross: 142 cartons x 0.5 kg of tare


def test_the_language_sets_lang_and_the_formats(proforma):
    html = document_html(proforma, language="zh-hans")

    assert '<html lang="zh-Hans">' in html
    assert "2026年12月7日" in html
    assert document_html(proforma, language="de").count("5.625,00") >= 1


def test_names_in_chinese_get_their_own_lang():
    assert name_language(CHINESE_NAME) == "zh-Hans"
    assert name_language("Rhein Sport GmbH") == ""


def test_the_pdf_draws_the_chinese_name_in_a_cjk_font(proforma):
    document = document_render(proforma, language="en")
    pdf = document.write_pdf()

    assert pdf.startswith(b"%PDF-")
    assert len(document.pages) == 1
    drawn = {font.family: "".join(font.to_unicode.values()) for font in document.fonts.values()}
    cjk = [family for family, text in drawn.items() if set(CHINESE_NAME) <= set(text)]
    assert cjk == ["Noto Sans CJK SC"]
    assert not set(CHINESE_NAME) & set("".join(t for f, t in drawn.items() if "CJK" not in f))


def test_pdf_bytes(packing_list):
    assert document_pdf_bytes(packing_list, language="fr").startswith(b"%PDF-")


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data",
        "https://example.com/logo.png",
        "file:///etc/passwd",
        "data:text/css,body{}",
    ],
)
def test_nothing_is_fetched_but_the_packages_files(url):
    with pytest.raises(ValueError, match=r"Trade documents|disallowed"):
        LocalFilesOnly(allowed_protocols=("file",)).fetch(url)
