"""The RFQ steps of the dashboard: a buyer posts its first RFQ, a supplier answers one."""

import pytest

from tradebridge.companies.tests.web.pages import elements

pytestmark = pytest.mark.django_db


def _steps(market, actor: str) -> dict[str, bool]:
    response = market.client(actor).get("/dashboard/")
    assert response.status_code == 200
    return {
        item["data-step"]: item.get("class") == "is-done"
        for item in elements(response.text, "li")
        if "data-step" in item
    }


def test_the_buyer_has_posted_and_the_quoting_supplier_has_quoted(market):
    assert _steps(market, "purchaser")["rfq"] is True
    assert _steps(market, "supplier_a_sales")["quote"] is True


def test_a_new_buyer_and_a_supplier_that_never_quoted_have_it_to_do(market):
    assert _steps(market, "other_buyer")["rfq"] is False
    assert _steps(market, "supplier_c")["quote"] is False


@pytest.mark.parametrize("actor", ["buyer_viewer", "buyer_sales", "supplier_a_viewer"])
def test_roles_that_may_neither_post_nor_quote_get_neither_step(market, actor):
    steps = _steps(market, actor)
    assert "rfq" not in steps
    assert "quote" not in steps


def test_the_step_links_to_the_form(market):
    html = market.client("other_buyer").get("/dashboard/").content.decode()
    step = html[html.index('<li data-step="rfq"') :].split("</li>", 1)[0]
    assert 'href="/rfqs/new/"' in step
    assert "Post your first RFQ" in step
