"""The buyer's RFQ pages: who may read and write, the form's prefills and errors (each next to
its field, nothing written), status actions, and that another company's RFQ does not exist."""

import io
import uuid
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.tests.factories import CategoryFactory, ProductFactory
from tradebridge.core.tests.web.html_policy import csp_violations
from tradebridge.rfq.enums import RFQStatus
from tradebridge.rfq.models import RFQ, RFQAttachment
from tradebridge.rfq.tests.factories import PDF_BYTES, RFQFactory
from tradebridge.rfq.tests.web.conftest import HTMX

pytestmark = pytest.mark.django_db


def _deadline(days: int = 10) -> str:
    return (timezone.localtime() + timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


def _form(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "Training cones, set of 50",
        "description": "Orange, PE, stackable.",
        "product": "",
        "category": "",
        "quantity": "2000",
        "unit": "set",
        "target_unit_price": "3.20",
        "currency": "EUR",
        "destination_country": "FR",
        "destination_place": "Lyon",
        "incoterm": "FOB",
        "certifications": "CE; EN 71",
        "sample_needed": "on",
        "needed_by": "",
        "quote_deadline": _deadline(),
        "visibility": "public",
        "invited_suppliers": "",
        "quote_cap": "",
        "specs-TOTAL_FORMS": "2",
        "specs-INITIAL_FORMS": "0",
        "specs-MIN_NUM_FORMS": "0",
        "specs-MAX_NUM_FORMS": "30",
        "specs-0-name": "Height",
        "specs-0-value": "23 cm",
        "specs-1-name": "",
        "specs-1-value": "",
        "action": "draft",
    }
    data.update(overrides)
    return data


def _snapshot() -> list[tuple[object, ...]]:
    return sorted(RFQ.objects.values_list("id", "title", "status", "quantity"))


# ---------- reading ----------


@pytest.mark.parametrize("actor", ["buyer", "purchaser", "buyer_viewer", "buyer_sales"])
def test_the_buyers_members_see_their_rfqs(market, actor):
    response = market.client(actor).get("/rfqs/")
    assert response.status_code == 200
    assert market.rfq.reference in response.content.decode()
    assert csp_violations(response.content.decode()) == []


def test_another_buyer_sees_none_of_them(market):
    response = market.client("other_buyer").get("/rfqs/")
    assert response.status_code == 200
    assert market.rfq.reference not in response.content.decode()


def test_the_list_filters_by_status(market):
    RFQFactory.create(buyer=market.rfq.buyer, status=RFQStatus.DRAFT, title="Draft of pumps")
    client = market.client("buyer")
    drafts = client.get("/rfqs/?status=draft").content.decode()
    assert "Draft of pumps" in drafts
    assert market.rfq.title not in drafts
    opened = client.get("/rfqs/?status=open").content.decode()
    assert market.rfq.title in opened
    assert "Draft of pumps" not in opened


def test_a_supplier_only_company_has_no_buyer_pages(market):
    client = market.client("supplier_a")
    assert client.get("/rfqs/").status_code == 404
    assert client.get("/rfqs/new/").status_code == 404
    assert client.get(f"/rfqs/{market.rfq.pk}/").status_code == 404


def test_anonymous_visitors_go_to_sign_in(market):
    response = market.client("anonymous").get(f"/rfqs/{market.rfq.pk}/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    "path",
    ["/rfqs/{rfq}/", "/rfqs/{rfq}/edit/", "/rfqs/{rfq}/cancel/", "/quotes/{quote}/accept/",
     "/quotes/{quote}/counter-offer/", "/quotes/{quote}/reject/"],
)  # fmt: skip
def test_another_buyers_rfq_and_quotes_do_not_exist(market, path):
    url = path.format(rfq=market.rfq.pk, quote=market.quote_a.pk)
    assert market.client("other_buyer").get(url).status_code == 404
    assert (
        market.client("buyer").get(path.format(rfq=uuid.uuid4(), quote=uuid.uuid4())).status_code
        == 404
    )


# ---------- the form ----------


def test_the_form_is_prefilled_from_a_product_with_its_supplier_invited(market):
    product = ProductFactory.create(
        supplier=market.supplier_a.company, status=ProductStatus.PUBLISHED, title="Match ball"
    )
    page = market.client("buyer").get(f"/rfqs/new/?product={product.pk}").content.decode()
    assert 'value="Match ball"' in page
    assert 'value="xiamen-balls"' in page
    assert f'value="{product.pk}"' in page


def test_the_form_is_prefilled_from_a_search(market):
    category = CategoryFactory.create(name="Agility Cones")
    page = market.client("buyer").get(f"/rfqs/new/?q=orange+cones&category={category.pk}")
    html = page.content.decode()
    assert 'value="orange cones"' in html
    assert f'name="category" value="{category.pk}" checked' in html


def test_a_purchaser_posts_a_draft_with_its_specs(market):
    response = market.client("purchaser").post("/rfqs/new/", _form())
    rfq = RFQ.objects.get(title="Training cones, set of 50")
    assert response.status_code == 302
    assert response["Location"] == f"/rfqs/{rfq.pk}/"
    assert rfq.status == RFQStatus.DRAFT
    assert rfq.specs == {"Height": "23 cm"}
    assert rfq.certifications == ["CE", "EN 71"]
    assert rfq.buyer_id == market.buyer.company_id


def test_posting_with_action_open_opens_it(market):
    market.client("buyer").post("/rfqs/new/", _form(action="open"))
    assert RFQ.objects.get(title="Training cones, set of 50").status == RFQStatus.OPEN


def test_an_attachment_is_stored_with_the_rfq(market):
    upload = SimpleUploadedFile("drawing.pdf", PDF_BYTES, content_type="application/pdf")
    market.client("buyer").post("/rfqs/new/", _form(attachments=upload))
    rfq = RFQ.objects.get(title="Training cones, set of 50")
    assert list(
        RFQAttachment.objects.filter(rfq=rfq).values_list("original_filename", flat=True)
    ) == ["drawing.pdf"]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"quote_deadline": _deadline(-1)},
            "quote_deadline",
            "The deadline must be in the future.",
        ),
        ({"quote_deadline": _deadline(120)}, "quote_deadline", "at most 90 days ahead"),
        ({"quantity": "0"}, "quantity", "greater than or equal to 1"),
        ({"currency": "XYZ"}, "currency", "Select a valid choice"),
        ({"incoterm": "ABC"}, "incoterm", "Select a valid choice"),
        ({"invited_suppliers": "no-such-supplier"}, "invited_suppliers", "no-such-supplier"),
        ({"specs-0-value": ""}, "specs-0-name", "Give both the name and the value."),
    ],
)
def test_bad_input_is_shown_next_to_its_field_and_changes_nothing(
    market, overrides, field, message
):
    before = _snapshot()
    response = market.client("buyer").post("/rfqs/new/", _form(**overrides))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert field.startswith("specs") or f'id="id_{field}"' in html.split("field--error", 1)[1]
    assert _snapshot() == before


def test_an_executable_renamed_pdf_is_refused_and_nothing_is_written(market):
    upload = SimpleUploadedFile("invoice.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200)
    before = _snapshot()
    response = market.client("buyer").post("/rfqs/new/", _form(attachments=upload))
    assert response.status_code == 400
    assert "Only PDF, JPEG, PNG and WebP files can be attached." in response.content.decode()
    assert _snapshot() == before
    assert RFQAttachment.objects.count() == 0


@pytest.mark.parametrize("actor", ["buyer_viewer", "buyer_sales"])
def test_roles_that_may_not_create_rfqs_are_refused(market, actor):
    before = _snapshot()
    response = market.client(actor).post("/rfqs/new/", _form())
    assert response.status_code == 403
    assert _snapshot() == before


def test_an_open_rfq_only_takes_a_later_deadline(market):
    client = market.client("buyer")
    page = client.get(f"/rfqs/{market.rfq.pk}/edit/")
    assert page.status_code == 200
    data = _form(
        title=market.rfq.title, quantity="5", unit="piece", currency="EUR",
        quote_deadline=timezone.localtime(market.rfq.quote_deadline).strftime("%Y-%m-%dT%H:%M"),
    )  # fmt: skip
    response = client.post(f"/rfqs/{market.rfq.pk}/edit/", data)
    assert response.status_code == 400
    assert "This cannot change once the RFQ is open." in response.content.decode()
    market.rfq.refresh_from_db()
    assert market.rfq.quantity == 1000


def test_category_search_answers_radio_choices(market):
    CategoryFactory.create(name="Agility Cones")
    response = market.client("buyer").get("/rfqs/categories/?category_q=agility", headers=HTMX)
    assert 'name="category"' in response.content.decode()
    assert "Agility Cones" in response.content.decode()


def test_a_spec_row_comes_with_its_new_total(market):
    response = market.client("buyer").get("/rfqs/spec-row/?index=3", headers=HTMX)
    html = response.content.decode()
    assert 'name="specs-3-name"' in html
    assert 'name="specs-TOTAL_FORMS" id="id_specs-TOTAL_FORMS" value="4"' in html


# ---------- status actions ----------


def test_the_buyer_closes_and_cancels_the_rfq(market):
    client = market.client("buyer")
    response = client.post(f"/rfqs/{market.rfq.pk}/close/")
    assert response.status_code == 302
    market.rfq.refresh_from_db()
    assert market.rfq.status == RFQStatus.CLOSED
    assert client.get(f"/rfqs/{market.rfq.pk}/cancel/").status_code == 200
    client.post(f"/rfqs/{market.rfq.pk}/cancel/")
    market.rfq.refresh_from_db()
    assert market.rfq.status == RFQStatus.CANCELLED


def test_an_illegal_move_is_a_message_and_changes_nothing(market):
    market.rfq.status = RFQStatus.CANCELLED
    market.rfq.save()
    client = market.client("buyer")
    response = client.post(f"/rfqs/{market.rfq.pk}/close/", follow=True)
    assert "This cannot be done in the RFQ&#x27;s current status." in response.content.decode()
    market.rfq.refresh_from_db()
    assert market.rfq.status == RFQStatus.CANCELLED


def test_a_viewer_cannot_close_the_rfq(market):
    response = market.client("buyer_viewer").post(f"/rfqs/{market.rfq.pk}/close/")
    assert response.status_code == 403
    market.rfq.refresh_from_db()
    assert market.rfq.status == RFQStatus.OPEN


def test_the_buyer_adds_an_attachment_to_its_rfq(market):
    upload = SimpleUploadedFile("specs.pdf", PDF_BYTES)
    response = market.client("buyer").post(
        f"/rfqs/{market.rfq.pk}/attachments/", {"attachments": upload}
    )
    assert response.status_code == 302
    assert market.rfq.attachments.get().original_filename == "specs.pdf"
    page = market.client("buyer").get(f"/rfqs/{market.rfq.pk}/").content.decode()
    assert "specs.pdf" in page
    assert "/api/v1/rfq-files/" in page


def test_another_buyer_cannot_attach_to_the_rfq(market):
    upload = io.BytesIO(PDF_BYTES)
    upload.name = "specs.pdf"
    response = market.client("other_buyer").post(
        f"/rfqs/{market.rfq.pk}/attachments/", {"attachments": upload}
    )
    assert response.status_code == 404
    assert market.rfq.attachments.count() == 0


def test_a_closed_rfq_reopens_with_a_new_deadline(market):
    client = market.client("buyer")
    client.post(f"/rfqs/{market.rfq.pk}/close/")
    assert 'id="reopen-form"' in client.get(f"/rfqs/{market.rfq.pk}/").content.decode()
    past = client.post(f"/rfqs/{market.rfq.pk}/reopen/", {"quote_deadline": _deadline(-1)})
    assert past.status_code == 302
    market.rfq.refresh_from_db()
    assert market.rfq.status == RFQStatus.CLOSED
    client.post(f"/rfqs/{market.rfq.pk}/reopen/", {"quote_deadline": _deadline(20)})
    market.rfq.refresh_from_db()
    assert market.rfq.status == RFQStatus.OPEN
