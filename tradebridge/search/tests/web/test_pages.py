"""The search pages over a real index: facets as links holding the whole state, HTMX partials,
prices in the visitor's currency, category landing pages, suggestions, the click beacon."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.models import Product
from tradebridge.catalog.tests.factories import CategoryFactory, ProductFactory
from tradebridge.core.tests.web.html_policy import csp_violations
from tradebridge.search.models import SearchClick, SearchLog
from tradebridge.search.services.indexing import search_reindex
from tradebridge.search.tests.shelf import SOCCER, SOCCER_BALLS, SPORTING_GOODS

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true", "HX-Target": "search-area"}


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content[:2000]
    return re.findall(r'class="product-card__title"><a href="[^"]+">([^<]+)</a>', response.text)


def links(response, text: str) -> list[str]:
    """The hrefs of the facet links whose label is `text`."""
    pattern = rf'<a href="([^"]+)"[^>]*>\s*<span class="facet__label">{re.escape(text)}</span>'
    return [href.replace("&amp;", "&") for href in re.findall(pattern, response.text)]


def found(pattern: str, text: str) -> str:
    """The first group of `pattern`'s first match in `text` (which must match)."""
    match = re.search(pattern, text)
    assert match is not None, pattern
    return match.group(1)


def params(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def choose_currency(client: Client, currency: str) -> None:
    response = client.post("/preferences/currency/", {"currency": currency, "next": "/"})
    assert response.status_code == 302


def test_the_search_page_lists_cards_with_prices_facets_and_a_count(shelf, client):
    choose_currency(client, "EUR")

    response = client.get("/search/", {"q": "soccer ball", "sort": "price"})

    assert titles(response) == [
        "PU leather soccer ball size 5",
        "Match soccer ball, thermally bonded",
    ]
    assert "2 products" in response.text
    assert "€3.64 \u2013 €3.93" in response.text  # 3.90 and 4.20 USD at 1.07 per euro
    assert "€9.00" in response.text
    assert "MOQ: 100 \u00d7 piece" in response.text
    assert "Xiamen Sports" in response.text
    assert "Business verified" in response.text
    assert links(response, "Fujian")
    assert links(response, "Zhejiang")
    assert 'name="q" value="soccer ball"' in response.text
    assert "Secret soccer ball" not in response.text
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert csp_violations(response.text) == []


def test_facet_links_keep_the_whole_search_and_narrow_it(shelf, client):
    first = client.get("/search/", {"q": "soccer", "sort": "price"})
    (fujian,) = links(first, "Fujian")

    assert params(fujian) == {"q": ["soccer"], "sort": ["price"], "supplier_province": ["Fujian"]}
    narrowed = client.get(fujian)
    assert titles(narrowed) == [
        "Training cone set for soccer drills",
        "PU leather soccer ball size 5",
    ]
    (ready,) = links(narrowed, "Ready to ship")
    assert params(ready)["supplier_province"] == ["Fujian"]
    assert titles(client.get(ready)) == ["PU leather soccer ball size 5"]
    (selected,) = links(narrowed, "Fujian")  # picked: the link drops it again
    assert "supplier_province" not in params(selected)


def test_the_category_facet_is_a_tree_with_counts(shelf, client):
    response = client.get("/search/", {"category": SOCCER})

    assert titles(response)
    tree = re.findall(
        r'facet__item depth-(\d)">\s*<a href="[^"]+"[^>]*>\s*<span class="facet__label">([^<]+)'
        r'</span> <span class="count">(\d+)',
        response.text,
    )
    labels = {label: (int(depth), int(count)) for depth, label, count in tree}
    assert labels["Sporting Goods"] == (0, 3)
    assert labels["Soccer"] == (2, 3)
    assert labels["Soccer Balls"] == (3, 2)


def test_an_htmx_swap_gets_the_search_area_only_and_a_history_restore_the_page(shelf, client):
    partial = client.get("/search/", {"q": "ball"}, headers=HTMX)
    restore = client.get(
        "/search/", {"q": "ball"}, headers={**HTMX, "HX-History-Restore-Request": "true"}
    )

    assert partial.text.lstrip().startswith('<div id="search-area"')
    assert "<html" not in partial.text
    assert "<html" in restore.text
    assert "HX-Request" in partial["Vary"]


def test_pages_are_links_that_keep_the_filters(shelf, client):
    for number in range(30):
        ProductFactory.create(supplier=shelf.xiamen, title=f"Goal net {number}", category_id=SOCCER)
    search_reindex()

    first = client.get("/search/", {"q": "goal net", "supplier_province": "Fujian"})
    next_url = found(r'href="([^"]+)"[^>]*rel="next"', first.text)
    second = client.get(next_url.replace("&amp;", "&"))

    assert "30 products" in first.text
    assert "Page 1 of 2" in first.text
    assert params(next_url.replace("&amp;", "&")) == {
        "q": ["goal net"],
        "supplier_province": ["Fujian"],
        "page": ["2"],
    }
    assert len(titles(first)) == 24
    assert len(titles(second)) == 6
    assert not set(titles(first)) & set(titles(second))


def test_no_results_offer_the_corrected_words_and_filters_to_drop(shelf, client):
    response = client.get("/search/", {"q": "match ball", "ready_to_ship": "true"})

    assert titles(response) == []
    assert "No products found" in response.text
    relax = found(r'<a class="btn btn--small" href="([^"]+)"[^>]*>Remove', response.text)
    assert params(relax.replace("&amp;", "&")) == {"q": ["match ball"]}
    (ready,) = links(response, "Ready to ship")  # no result has it, yet it is picked
    assert "is-selected" in response.text
    assert "ready_to_ship" not in params(ready)
    corrected = client.get("/search/", {"q": "hanging hert holdr"})
    assert titles(corrected) == ["White hanging heart T-light holder"]
    assert "Showing results for “hanging heart holder”" in corrected.text


def test_a_price_filter_is_in_the_visitors_currency_and_dropped_when_it_changes(shelf, client):
    choose_currency(client, "EUR")
    cheap = client.get("/search/", {"max_price": "1.60"})

    assert titles(cheap) == ["White hanging heart T-light holder"]
    choose_currency(client, "GBP")
    switched = client.get("/search/", {"max_price": "1.60", "currency": "EUR"})
    assert len(titles(switched)) == 4
    assert "The price filter was in another currency" in switched.text


def test_unreadable_filters_are_left_out_and_impossible_ones_explained(shelf, client):
    odd = client.get("/search/", {"q": "cone", "max_moq": "lots", "page": "-3"})
    impossible = client.get("/search/", {"min_price": "10", "max_price": "2"})

    assert titles(odd) == ["Training cone set for soccer drills"]
    assert "Some filters were not understood" in odd.text
    assert impossible.status_code == 422  # the API's status for the same refusal
    assert "These filters cannot be combined" in impossible.text
    assert list(SearchLog.objects.values_list("normalized", flat=True)) == ["cone"]


def test_without_an_index_the_page_says_so_instead_of_failing(client, db):
    response = client.get("/search/", {"q": "ball"})

    assert response.status_code == 503
    assert "Search is not available yet" in response.text
    assert SearchLog.objects.count() == 0  # no search ran


def test_the_page_query_count_does_not_grow_with_the_results(shelf, client):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/search/").status_code == 200
        return len(queries)

    count()  # per-process caches (category tree and names) filled
    few = count()
    for number in range(10):
        ProductFactory.create(supplier=shelf.ningbo, title=f"Vase {number}")
    search_reindex()

    assert count() == few


def test_a_product_hidden_after_indexing_is_not_shown(shelf, client):
    Product.objects.filter(id=shelf.ball.id).update(status=ProductStatus.SUSPENDED)

    assert titles(client.get("/search/", {"q": "soccer ball"})) == [
        "Match soccer ball, thermally bonded"
    ]


# --- category landing pages -------------------------------------------------------------


def test_a_category_page_is_a_search_narrowed_to_it(shelf, client):
    response = client.get(f"/categories/{SOCCER_BALLS}/soccer-balls/", {"sort": "price"})

    assert titles(response) == [
        "PU leather soccer ball size 5",
        "Match soccer ball, thermally bonded",
    ]
    assert '<li aria-current="page">Soccer Balls</li>' in response.text
    assert "Sporting Goods</a></li>" in response.text  # the breadcrumb
    (zhejiang,) = links(response, "Zhejiang")
    assert zhejiang.startswith(f"/categories/{SOCCER_BALLS}/soccer-balls/?")
    assert "category" not in params(zhejiang)
    assert titles(client.get(zhejiang)) == ["Match soccer ball, thermally bonded"]
    (here,) = links(response, "Soccer Balls")  # picked: dropping it leaves for the search page
    assert here == "/search/?sort=price"
    (top,) = links(response, "Sporting Goods")  # another category: its own page
    assert urlsplit(top).path == f"/categories/{SPORTING_GOODS}/sporting-goods/"


def test_category_names_follow_the_language_and_fall_back_to_english(search_index):
    top = CategoryFactory.create(name="Sporting Goods", name_de="Sportartikel")
    leaf = CategoryFactory.create(parent=top, name="Soccer Balls", name_es="Balones de fútbol")
    ProductFactory.create(category=leaf)
    search_reindex()

    de_page = Client(headers={"accept-language": "de"}).get(f"/categories/{leaf.pk}/x/")
    es_page = Client(headers={"accept-language": "es"}).get(f"/categories/{leaf.pk}/x/")

    assert "Sportartikel" in de_page.text  # translated ancestor
    assert "Soccer Balls" in de_page.text  # no German name: English
    assert "Balones de fútbol" in es_page.text
    assert "Sporting Goods" in es_page.text


def test_an_unknown_category_is_404(db, client):
    assert client.get("/categories/987654321/nothing/").status_code == 404


# --- suppliers, suggestions, analytics ----------------------------------------------------


def test_the_supplier_search_page(shelf, client):
    response = client.get("/search/suppliers/", {"q": "ningbo"})

    assert response.status_code == 200
    assert re.findall(r'supplier-hit__name"><a href="([^"]+)"', response.text) == [
        "/suppliers/ningbo-home/"
    ]
    assert "2 products" in response.text
    assert csp_violations(response.text) == []
    verified = client.get("/search/suppliers/", {"verified": "business_verified"})
    assert "Xiamen Sports" in verified.text
    assert "Ningbo Home" not in verified.text


def test_suggestions_are_links_to_searches_categories_and_products(shelf, client):
    response = client.get("/search/suggest/", {"q": "socc"})

    hrefs = re.findall(r'role="option" id="suggest-\d+" href="([^"]+)"', response.text)
    assert "/search/?q=soccer" in hrefs
    assert any(href.startswith(f"/products/{shelf.ball.id}/") for href in hrefs)
    assert client.get("/search/suggest/", {"q": ""}).text.strip() == ""


def test_every_page_search_is_logged(shelf):
    client = shelf.client_as_buyer()

    client.get("/search/", {"q": "Soccer", "supplier_province": "Fujian"})
    client.get(f"/categories/{SOCCER_BALLS}/soccer-balls/")
    client.get("/search/suppliers/", {"q": "kite"})

    logs = list(SearchLog.objects.order_by("created_at"))
    assert [(log.kind, log.source, log.normalized, log.result_count) for log in logs] == [
        ("products", "page", "soccer", 2),
        ("products", "page", "", 2),
        ("suppliers", "page", "kite", 0),
    ]
    assert logs[0].filters == {"supplier_province": "Fujian"}
    assert logs[1].filters == {"category": SOCCER_BALLS}
    assert {log.company_id for log in logs} == {shelf.buyer.company_id}


def test_opening_a_result_is_recorded_by_the_beacon(shelf):
    client = Client(enforce_csrf_checks=True)
    page = client.get("/search/", {"q": "soccer ball", "sort": "price"})
    log_id = found(r'data-search-log="([^"]+)"', page.text)
    token = found(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    beacon = {"search": log_id, "product": str(shelf.match_ball.id), "csrfmiddlewaretoken": token}

    assert client.post("/search/click/", beacon).status_code == 204
    assert client.post("/search/click/", beacon).status_code == 204  # counted once

    click = SearchClick.objects.get()
    assert (str(click.search_id), click.product_id, click.position) == (
        log_id,
        shelf.match_ball.id,
        2,
    )
    not_shown = {**beacon, "product": str(shelf.holder.id)}
    assert client.post("/search/click/", not_shown).status_code == 404
    assert client.post("/search/click/", {**beacon, "search": "nope"}).status_code == 404
    assert client.post("/search/click/", {"search": log_id}).status_code == 403  # no CSRF
    assert client.get("/search/click/").status_code == 405
    assert SearchClick.objects.count() == 1


def test_the_header_box_is_on_every_page_with_autosuggest(db, client):
    response = client.get("/")

    box = found(r'(<input id="topsearch-q"[^>]+>)', response.text)
    assert 'hx-get="/search/suggest/"' in box
    assert 'hx-trigger="input changed delay:150ms"' in box
    assert 'role="combobox"' in box
    assert csp_violations(response.text) == []


def test_the_search_page_speaks_the_visitors_language(shelf):
    german = Client(headers={"accept-language": "de"})

    response = german.get("/search/", {"q": "soccer", "supplier_province": "Fujian"})

    assert "Sortieren nach" in response.text
    assert "Provinz des Lieferanten" in response.text
    assert "2 Produkte" in response.text


def test_a_nul_character_typed_into_a_search_is_dropped_not_a_server_error(shelf, client):
    """PostgreSQL's text and jsonb cannot hold NUL: the suggestions answered 500 there. The
    suggestions drop the character; the page's form finds such words unreadable and leaves them
    out, and the search is still logged."""
    suggestions = client.get("/search/suggest/", {"q": "soc\u0000"})
    page = client.get("/search/", {"q": "cone\u0000", "certification": "CE\u0000"})

    assert (suggestions.status_code, page.status_code) == (200, 200)
    assert "Soccer" in suggestions.text
    assert "Some filters were not understood" in page.text
    assert SearchLog.objects.count() == 1
