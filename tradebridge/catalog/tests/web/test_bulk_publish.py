"""Publishing many products at once from the supplier's catalog list."""

import uuid

import pytest
from django.urls import reverse

from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.models import Product
from tradebridge.catalog.tests.factories import ProductFactory
from tradebridge.companies.enums import VerificationLevel
from tradebridge.companies.models import Company
from tradebridge.companies.tests.web.pages import elements
from tradebridge.core.tests.web.html_policy import csp_violations

pytestmark = pytest.mark.django_db

LIST_URL = reverse("catalog_manage_list")
PUBLISH_URL = reverse("catalog_manage_publish")


def _drafts(market, count=3):
    return [
        ProductFactory.create(supplier=market.supplier, status=ProductStatus.DRAFT, sku=f"D-{n}")
        for n in range(count)
    ]


def _status(product) -> str:
    return Product.objects.get(id=product.id).status


def test_the_list_has_a_checkbox_per_draft_tied_to_the_publish_form(market):
    drafts = _drafts(market, 2)
    published = ProductFactory.create(supplier=market.supplier, status=ProductStatus.PUBLISHED)

    html = market.client("sales").get(LIST_URL).content.decode()

    boxes = [a for a in elements(html, "input") if a.get("name") == "product"]
    assert sorted(a["value"] for a in boxes) == sorted(str(p.id) for p in drafts)
    assert {a["form"] for a in boxes} == {"bulk-publish"}
    assert str(published.id) not in {a["value"] for a in boxes}
    assert f'action="{PUBLISH_URL}"' in html
    assert csp_violations(html) == []


def test_readers_get_no_checkboxes(market):
    _drafts(market, 1)

    html = market.client("viewer").get(LIST_URL).content.decode()

    assert not [a for a in elements(html, "input") if a.get("name") == "product"]
    assert PUBLISH_URL not in html


def test_a_verified_supplier_publishes_the_selected_drafts(market):
    Company.objects.filter(id=market.supplier.id).update(
        verification_level=VerificationLevel.BUSINESS_VERIFIED
    )
    first, second, left = _drafts(market)

    response = market.client("sales").post(
        PUBLISH_URL, {"product": [str(first.id), str(second.id)]}, follow=True
    )

    assert response.redirect_chain == [(LIST_URL, 302)]
    assert "2 products published." in response.content.decode()
    assert [_status(p) for p in (first, second, left)] == ["published", "published", "draft"]


def test_an_unverified_supplier_sends_them_for_review(market):
    [draft] = _drafts(market, 1)

    response = market.client("owner").post(PUBLISH_URL, {"product": [str(draft.id)]}, follow=True)

    assert "1 product sent for review: it will be public once approved." in response.text
    assert _status(draft) == ProductStatus.PENDING_REVIEW


def test_a_suspended_product_among_them_changes_nothing(market):
    [draft] = _drafts(market, 1)
    suspended = ProductFactory.create(supplier=market.supplier, status=ProductStatus.SUSPENDED)

    response = market.client("sales").post(
        PUBLISH_URL, {"product": [str(draft.id), str(suspended.id)]}, follow=True
    )

    assert response.redirect_chain == [(LIST_URL, 302)]
    assert [_status(draft), _status(suspended)] == ["draft", "suspended"]


def test_nothing_selected_is_said(market):
    response = market.client("sales").post(PUBLISH_URL, {}, follow=True)

    assert "Select the products to publish." in response.content.decode()


@pytest.mark.parametrize("actor", ["viewer", "purchaser"])
def test_readers_cannot_publish(market, actor):
    [draft] = _drafts(market, 1)

    market.client(actor).post(PUBLISH_URL, {"product": [str(draft.id)]})

    assert _status(draft) == ProductStatus.DRAFT


@pytest.mark.parametrize("actor", ["other_supplier", "buyer"])
def test_another_companys_product_answers_like_a_missing_one(market, actor):
    [draft] = _drafts(market, 1)
    client = market.client(actor)

    foreign = client.post(PUBLISH_URL, {"product": [str(draft.id)]})
    missing = client.post(PUBLISH_URL, {"product": [str(uuid.uuid4())]})

    assert foreign.status_code == missing.status_code == 404
    assert _status(draft) == ProductStatus.DRAFT
