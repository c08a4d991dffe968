"""The supplier's RFQ pages: the inbox with its reasons, an RFQ as one supplier sees it (never
another supplier's quote, price or count unless shown), quoting, revising, withdrawing,
declining a counter-offer and reporting; and who may not."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tradebridge.catalog.tests.factories import SupplierFactory
from tradebridge.rfq.enums import CounterOfferStatus, QuoteStatus, RFQReportStatus, RFQVisibility
from tradebridge.rfq.models import CounterOffer, Quote, QuoteRevision, RFQReport
from tradebridge.rfq.tests.factories import (
    PDF_BYTES,
    CounterOfferFactory,
    RFQFactory,
    RFQInvitationFactory,
)

pytestmark = pytest.mark.django_db


def _quote_form(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "currency": "USD",
        "moq": "500",
        "lead_time_days": "25",
        "incoterm": "FOB",
        "named_place": "Ningbo",
        "valid_until": (timezone.localdate() + timedelta(days=20)).isoformat(),
        "sample_price": "15",
        "sample_days": "7",
        "deposit_percent": "30",
        "balance_due": "before_shipment",
        "notes": "Custom print included.",
        "tiers-TOTAL_FORMS": "2",
        "tiers-INITIAL_FORMS": "0",
        "tiers-MIN_NUM_FORMS": "0",
        "tiers-MAX_NUM_FORMS": "20",
        "tiers-0-min_quantity": "500",
        "tiers-0-unit_price": "4.10",
        "tiers-1-min_quantity": "1000",
        "tiers-1-unit_price": "3.80",
    }
    data.update(overrides)
    return data


def _revisions() -> list[tuple[object, ...]]:
    return sorted(QuoteRevision.objects.values_list("quote_id", "number", "moq"))


# ---------- the inbox ----------


def test_the_inbox_ranks_and_explains(market):
    RFQInvitationFactory.create(
        rfq=market.rfq,
        supplier=market.supplier_c.company,
        source="matched",
        score=0.8,
        rank=1,
        reasons=[
            {"code": "category_products", "params": {"count": 240, "category": "Soccer Balls"}}
        ],
    )
    html = market.client("supplier_c").get("/supplier/rfqs/").content.decode()
    assert market.rfq.reference in html
    assert "240 products in Soccer Balls" in html


def test_invited_only_rfqs_are_invisible_to_the_uninvited(market):
    hidden = RFQFactory.create(visibility=RFQVisibility.INVITED, title="Secret gloves")
    inbox = market.client("supplier_c").get("/supplier/rfqs/").content.decode()
    assert "Secret gloves" not in inbox
    assert market.client("supplier_c").get(f"/supplier/rfqs/{hidden.pk}/").status_code == 404
    RFQInvitationFactory.create(rfq=hidden, supplier=market.supplier_c.company)
    assert "Secret gloves" in market.client("supplier_c").get("/supplier/rfqs/").content.decode()


def test_a_suspended_supplier_sees_nothing(market):
    company = market.supplier_c.company
    company.is_active = False
    company.save()
    client = market.client("supplier_c")  # no active membership left: sent to the dashboard
    for path in ("/supplier/rfqs/", f"/supplier/rfqs/{market.rfq.pk}/"):
        response = client.get(path)
        assert response.status_code == 302
        assert market.rfq.reference not in response.content.decode()


def test_a_buyer_has_no_supplier_pages(market):
    client = market.client("buyer")
    assert client.get("/supplier/rfqs/").status_code == 404
    assert client.get(f"/supplier/rfqs/{market.rfq.pk}/").status_code == 404


# ---------- one RFQ, as a supplier ----------


def test_a_supplier_sees_its_own_quote_and_nothing_of_the_others(market):
    html = market.client("supplier_a").get(f"/supplier/rfqs/{market.rfq.pk}/").content.decode()
    assert "Your quote" in html
    assert "$4.20" in html or "US$4.20" in html
    for leak in ("Ningbo Sports", "27.5", "CN¥", "quote-count"):
        assert leak not in html


def test_the_quote_count_only_when_the_buyer_shows_it(market):
    client = market.client("supplier_c")
    assert "quote-count" not in client.get(f"/supplier/rfqs/{market.rfq.pk}/").content.decode()
    market.rfq.show_quote_count = True
    market.rfq.save()
    html = client.get(f"/supplier/rfqs/{market.rfq.pk}/").content.decode()
    assert "2 quotes so far" in html


def test_another_suppliers_quote_pages_do_not_exist(market):
    client = market.client("supplier_b")
    assert client.get(f"/supplier/quotes/{market.quote_a.pk}/revise/").status_code == 404
    before = _revisions()
    assert (
        client.post(f"/supplier/quotes/{market.quote_a.pk}/revise/", _quote_form()).status_code
        == 404
    )
    assert client.post(f"/supplier/quotes/{market.quote_a.pk}/withdraw/").status_code == 404
    assert _revisions() == before


# ---------- quoting ----------


def test_a_supplier_submits_a_quote(market):
    client = market.client("supplier_c")
    page = client.get(f"/supplier/rfqs/{market.rfq.pk}/quote/")
    assert page.status_code == 200
    response = client.post(f"/supplier/rfqs/{market.rfq.pk}/quote/", _quote_form())
    assert response.status_code == 302
    quote = Quote.objects.get(supplier=market.supplier_c.company)
    revision = quote.revisions.get()
    assert (revision.moq, revision.named_place, revision.tiers[1]["unit_price"]) == (
        500,
        "Ningbo",
        "3.80",
    )


def test_a_quote_with_rising_tiers_is_refused_and_nothing_is_written(market):
    before = _revisions()
    response = market.client("supplier_c").post(
        f"/supplier/rfqs/{market.rfq.pk}/quote/", _quote_form(**{"tiers-1-unit_price": "4.50"})
    )
    assert response.status_code == 400
    assert "Price tiers:" in response.content.decode()
    assert _revisions() == before


def test_a_quote_without_its_named_place_is_refused_beside_the_field(market):
    response = market.client("supplier_c").post(
        f"/supplier/rfqs/{market.rfq.pk}/quote/", _quote_form(named_place="")
    )
    assert response.status_code == 400
    assert "field--error" in response.content.decode()
    assert not Quote.objects.filter(supplier=market.supplier_c.company).exists()


def test_a_supplier_that_quoted_is_sent_to_its_revision(market):
    response = market.client("supplier_a").get(f"/supplier/rfqs/{market.rfq.pk}/quote/")
    assert response.status_code == 302
    assert response["Location"] == f"/supplier/quotes/{market.quote_a.pk}/revise/"


def test_revising_answers_the_open_counter_offer(market):
    offer = CounterOfferFactory.create(quote=market.quote_a)
    client = market.client("supplier_a_sales")
    page = client.get(f"/supplier/quotes/{market.quote_a.pk}/revise/").content.decode()
    assert "answering-offer" in page
    response = client.post(f"/supplier/quotes/{market.quote_a.pk}/revise/", _quote_form())
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.status == CounterOfferStatus.ANSWERED
    market.quote_a.refresh_from_db()
    assert (market.quote_a.status, market.quote_a.current_revision_number) == (
        QuoteStatus.REVISED,
        2,
    )


def test_a_viewer_cannot_revise(market):
    before = _revisions()
    response = market.client("supplier_a_viewer").post(
        f"/supplier/quotes/{market.quote_a.pk}/revise/", _quote_form()
    )
    assert response.status_code == 403
    assert _revisions() == before


def test_the_supplier_declines_a_counter_offer(market):
    offer = CounterOfferFactory.create(quote=market.quote_a)
    response = market.client("supplier_a").post(f"/supplier/counter-offers/{offer.pk}/decline/")
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.status == CounterOfferStatus.DECLINED


def test_another_supplier_cannot_decline_it(market):
    offer = CounterOfferFactory.create(quote=market.quote_a)
    response = market.client("supplier_b").post(f"/supplier/counter-offers/{offer.pk}/decline/")
    assert response.status_code == 404
    assert CounterOffer.objects.get().status == CounterOfferStatus.OPEN


def test_the_supplier_withdraws_its_quote(market):
    market.client("supplier_a").post(f"/supplier/quotes/{market.quote_a.pk}/withdraw/")
    market.quote_a.refresh_from_db()
    assert market.quote_a.status == QuoteStatus.WITHDRAWN


# ---------- reporting ----------


def test_a_supplier_reports_an_rfq_once(market):
    client = market.client("supplier_c")
    assert client.get(f"/supplier/rfqs/{market.rfq.pk}/report/").status_code == 200
    response = client.post(f"/supplier/rfqs/{market.rfq.pk}/report/", {"reason": "Spam."})
    assert response.status_code == 302
    again = client.post(f"/supplier/rfqs/{market.rfq.pk}/report/", {"reason": "Spam!"}, follow=True)
    assert "already reported" in again.content.decode()
    report = RFQReport.objects.get()
    assert (report.reason, report.status, report.reporter_company_id) == (
        "Spam.",
        RFQReportStatus.OPEN,
        market.supplier_c.company_id,
    )


def test_an_empty_report_is_refused(market):
    response = market.client("supplier_c").post(
        f"/supplier/rfqs/{market.rfq.pk}/report/", {"reason": "   "}
    )
    assert response.status_code == 400
    assert RFQReport.objects.count() == 0


def test_a_supplier_cannot_report_an_rfq_it_cannot_see(market):
    hidden = RFQFactory.create(visibility=RFQVisibility.INVITED)
    RFQInvitationFactory.create(rfq=hidden, supplier=SupplierFactory.create())
    response = market.client("supplier_c").post(
        f"/supplier/rfqs/{hidden.pk}/report/", {"reason": "Spam."}
    )
    assert response.status_code == 404
    assert RFQReport.objects.count() == 0


def test_opening_a_notified_rfq_clears_its_new_mark(market):
    RFQInvitationFactory.create(
        rfq=market.rfq, supplier=market.supplier_c.company, source="matched", score=0.5, rank=1,
        notified_at=timezone.now(),
    )  # fmt: skip
    client = market.client("supplier_c")
    assert "is-new" in client.get("/supplier/rfqs/").content.decode()
    client.get(f"/supplier/rfqs/{market.rfq.pk}/")
    assert "is-new" not in client.get("/supplier/rfqs/").content.decode()


def test_a_quote_carries_its_attachments_to_the_buyer_only(market):
    upload = SimpleUploadedFile("catalogue.pdf", PDF_BYTES, content_type="application/pdf")
    client = market.client("supplier_c")
    client.post(f"/supplier/rfqs/{market.rfq.pk}/quote/", _quote_form(attachments=upload))
    quote = Quote.objects.get(supplier=market.supplier_c.company)
    assert [a.original_filename for a in quote.revisions.get().attachments.all()] == [
        "catalogue.pdf"
    ]
    assert "catalogue.pdf" in market.client("buyer").get(f"/rfqs/{market.rfq.pk}/").text
    assert (
        "catalogue.pdf"
        not in market.client("supplier_a").get(f"/supplier/rfqs/{market.rfq.pk}/").text
    )


def test_an_executable_renamed_pdf_refuses_the_whole_quote(market):
    upload = SimpleUploadedFile("catalogue.pdf", b"MZ\x90\x00" + b"\x00" * 100)
    response = market.client("supplier_c").post(
        f"/supplier/rfqs/{market.rfq.pk}/quote/", _quote_form(attachments=upload)
    )
    assert response.status_code == 400
    assert "Only PDF, JPEG, PNG and WebP files can be attached." in response.text
    assert not Quote.objects.filter(supplier=market.supplier_c.company).exists()
