"""Every RFQ page answers in the five UI languages (the language cookie picks it)."""

import pytest
from django.conf import settings

from tradebridge.rfq.tests.factories import DealFactory

pytestmark = pytest.mark.django_db

# A word each page shows in each language, from the pages' own translations.
TITLES = {
    "en": ("My RFQs", "RFQs for you", "Deals"),
    "fr": ("Mes demandes de devis", "Demandes pour vous", "Accords"),
    "de": ("Meine Anfragen", "Anfragen für Sie", "Abschlüsse"),
    "es": ("Mis solicitudes", "Solicitudes para usted", "Acuerdos"),
    "zh-hans": ("我的询价", "为您推荐的询价", "成交"),
}


@pytest.mark.parametrize("language", list(TITLES))
def test_the_pages_answer_in_each_language(market, language):
    deal = DealFactory.create(quote=market.quote_a)
    buyer, supplier = market.client("buyer"), market.client("supplier_a")
    for client in (buyer, supplier):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    pages = [
        (buyer, "/rfqs/"),
        (buyer, "/rfqs/new/"),
        (buyer, f"/rfqs/{market.rfq.pk}/"),
        (buyer, f"/quotes/{market.quote_b.pk}/accept/?revision=1"),
        (buyer, f"/quotes/{market.quote_b.pk}/counter-offer/"),
        (supplier, "/supplier/rfqs/"),
        (supplier, f"/supplier/rfqs/{market.rfq.pk}/"),
        (supplier, f"/supplier/quotes/{market.quote_a.pk}/revise/"),
        (supplier, f"/deals/{deal.pk}/"),
    ]
    for client, path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        assert f'<html lang="{language}"' in response.text, path
    my_rfqs, for_you, deals = TITLES[language]
    assert f"<h1>{my_rfqs}</h1>" in buyer.get("/rfqs/").text
    assert f"<h1>{for_you}</h1>" in supplier.get("/supplier/rfqs/").text
    assert f"<h1>{deals}</h1>" in supplier.get("/deals/").text


@pytest.mark.parametrize(
    ("language", "shown"),
    [("en", "10,000 \u00d7 "), ("de", "10.000 \u00d7 "), ("fr", "10\xa0000 \u00d7 ")],
)
def test_quantities_are_grouped_the_languages_way(market, language, shown):
    market.rfq.quantity = 10000
    market.rfq.save()
    client = market.client("buyer")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for path in ("/rfqs/", f"/rfqs/{market.rfq.pk}/"):
        html = client.get(path).content.decode()
        assert shown in html, path
        assert "10000 \u00d7 " not in html, path


def test_the_open_button_is_the_verb_not_the_status(market):
    client = market.client("buyer")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    html = client.get("/rfqs/").content.decode()
    button = html.split('class="row-actions"', 1)[1].split("</td>", 1)[0]
    assert "Öffnen" in button
    assert "Offen" not in button
