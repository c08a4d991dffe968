"""A new supplier's dashboard checklist: get verified, add or import products, publish them."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone

from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.tests.factories import ProductFactory
from tradebridge.companies.enums import DocumentKind, DocumentStatus, VerificationLevel
from tradebridge.companies.models import Company, VerificationDocument
from tradebridge.companies.services.documents import verification_document_upload
from tradebridge.companies.tests.files import PDF
from tradebridge.companies.tests.web.pages import elements

pytestmark = pytest.mark.django_db

# "quote" is the RFQ app's step (rfq/web/onboarding.py), after the catalog's.
SUPPLIER_STEPS = ["profile", "verify", "products", "publish", "quote", "invite", "mfa", "token"]


def _steps(market, actor: str) -> dict[str, bool]:
    response = market.client(actor).get("/dashboard/")
    assert response.status_code == 200
    return {
        item["data-step"]: item.get("class") == "is-done"
        for item in elements(response.text, "li")
        if "data-step" in item
    }


def test_a_new_suppliers_owner_sees_the_steps_to_sell_none_done_yet(market):
    steps = _steps(market, "owner")

    assert list(steps) == SUPPLIER_STEPS
    assert (steps["verify"], steps["products"], steps["publish"]) == (False, False, False)


def test_each_step_is_done_once_true(market):
    ProductFactory.create(supplier=market.supplier, status=ProductStatus.DRAFT)
    assert (_steps(market, "owner")["products"], _steps(market, "owner")["publish"]) == (
        True,
        False,
    )

    ProductFactory.create(supplier=market.supplier, status=ProductStatus.PUBLISHED)
    Company.objects.filter(id=market.supplier.id).update(
        verification_level=VerificationLevel.BUSINESS_VERIFIED
    )

    steps = _steps(market, "owner")
    assert (steps["verify"], steps["products"], steps["publish"]) == (True, True, True)


def test_another_suppliers_products_count_for_nothing(market):
    other = Company.objects.get(slug="ningbo-home")
    ProductFactory.create(supplier=other, status=ProductStatus.PUBLISHED)

    steps = _steps(market, "owner")

    assert (steps["products"], steps["publish"]) == (False, False)


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        ("sales", ["profile", "products", "publish", "quote", "mfa", "token"]),
        ("viewer", ["profile", "mfa", "token"]),
        ("buyer", ["profile", "rfq", "invite", "mfa", "token"]),
    ],
)
def test_steps_follow_the_role_and_the_kind(market, actor, expected):
    assert list(_steps(market, actor)) == expected


def _step_html(market, actor: str, key: str) -> str:
    """The checklist line of step `key`, as the actor's dashboard renders it."""
    html: str = market.client(actor).get("/dashboard/").text
    start = html.index(f'<li data-step="{key}"')
    return html[start : html.index("</li>", start)]


def _upload_licence(actor) -> None:
    verification_document_upload(
        actor=actor, kind=DocumentKind.BUSINESS_LICENCE, file=io.BytesIO(PDF), filename="l.pdf"
    )


def test_verification_waits_for_the_operator_once_a_document_is_uploaded(market):
    _upload_licence(market.owner)

    line = _step_html(market, "owner", "verify")

    assert 'class="is-waiting"' in line
    assert '<span class="badge badge--warning">Waiting for review</span>' in line
    assert "An operator is reviewing your documents." in line
    assert '<a href="/company/verification/">See your documents</a>' in line
    assert "Start" not in line


def test_a_reviewed_document_no_longer_waits(market):
    _upload_licence(market.owner)
    VerificationDocument.objects.update(
        status=DocumentStatus.REJECTED,
        reviewed_at=timezone.now(),
        reviewed_by_id=market.owner.user_id,
        review_note="Blurred",
    )

    line = _step_html(market, "owner", "verify")

    assert '<li data-step="verify">' in line
    assert "Waiting for review" not in line
    assert f'<a class="btn btn--small" href="{reverse("company_verification")}">Start</a>' in line


@pytest.mark.parametrize(
    ("count", "sentence"), [(1, "1 product waits for review."), (3, "3 products wait for review.")]
)
def test_publishing_waits_while_products_are_pending_review(market, count, sentence):
    ProductFactory.create_batch(
        count, supplier=market.supplier, status=ProductStatus.PENDING_REVIEW
    )
    ProductFactory.create(supplier=market.supplier, status=ProductStatus.DRAFT)

    line = _step_html(market, "sales", "publish")

    assert 'class="is-waiting"' in line
    assert '<span class="badge badge--warning">Waiting for review</span>' in line
    assert sentence in line
    assert '<a href="/supplier/catalog/?status=pending_review">See them in your catalog</a>' in line


def test_publishing_is_done_once_one_product_is_published_whatever_still_waits(market):
    ProductFactory.create(supplier=market.supplier, status=ProductStatus.PENDING_REVIEW)
    ProductFactory.create(supplier=market.supplier, status=ProductStatus.PUBLISHED)

    line = _step_html(market, "owner", "publish")

    assert '<li data-step="publish" class="is-done">' in line
    assert "Waiting for review" not in line


def test_another_companys_pending_products_and_documents_do_not_wait_here(market):
    ProductFactory.create(
        supplier=market.other_supplier.company, status=ProductStatus.PENDING_REVIEW
    )
    _upload_licence(market.other_supplier)

    assert "Waiting for review" not in market.client("owner").get("/dashboard/").text
