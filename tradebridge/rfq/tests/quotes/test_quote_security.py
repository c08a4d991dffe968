"""Attack cases on quotes (reliability anchors, section 8): X1 a supplier reads a competitor's
quote, X13 acting on a foreign object by id, X14 foreign ids inside an own object, and X2 the
accepted terms. Every denial is the plain 404 of a missing object and changes nothing."""

from typing import Any

import pytest
from django.test import Client

from tradebridge.companies.models import Membership
from tradebridge.rfq.downloads import FileKind, download_url
from tradebridge.rfq.models import RFQ, CounterOffer, Deal, Quote, QuoteRevision
from tradebridge.rfq.tests.factories import QuoteAttachmentFactory
from tradebridge.rfq.tests.quotes.conftest import Market
from tradebridge.rfq.tests.quotes.test_quote_api import client_for, quote_body, submit

pytestmark = pytest.mark.django_db

NOT_FOUND = {"code": "not_found", "message": "Not found.", "details": {}}


@pytest.fixture
def negotiation(market: Market) -> dict[str, Any]:
    """Supplier A's quote (countered, with an attachment) and supplier B's quote."""
    a = submit(market, market.supplier_a)
    b = submit(market, market.supplier_b)
    offer = client_for(market.buyer).post(
        f"/api/v1/quotes/{a['id']}/counter-offers",
        {"target_unit_price": "3.50", "currency": "USD"},
        content_type="application/json",
    )
    QuoteAttachmentFactory.create(revision=QuoteRevision.objects.get(quote_id=a["id"]))
    return {"a": a, "b": b, "offer": offer.json()}


def snapshot() -> list[Any]:
    return [
        list(Quote.objects.order_by("pk").values()),
        list(QuoteRevision.objects.order_by("pk").values()),
        list(CounterOffer.objects.order_by("pk").values()),
        list(Deal.objects.values()),
        list(RFQ.objects.order_by("pk").values("pk", "status")),
    ]


@pytest.mark.parametrize(
    "query", ["", "?supplier=supplier-a", "?ordering=price", "?expand=quotes", "?page_size=100"]
)
def test_x1_supplier_b_lists_only_its_own_quote_whatever_the_query(
    market: Market, negotiation: dict[str, Any], query: str
) -> None:
    response = client_for(market.supplier_b).get(f"/api/v1/rfqs/{market.rfq.pk}/quotes{query}")

    assert response.status_code == 200
    assert response.json()["count"] == 1
    assert [q["id"] for q in response.json()["results"]] == [negotiation["b"]["id"]]
    assert negotiation["a"]["id"] not in response.content.decode()


def _a_paths(market: Market, negotiation: dict[str, Any]) -> list[tuple[str, str]]:
    a, offer = negotiation["a"]["id"], negotiation["offer"]["id"]
    return [
        ("get", f"/api/v1/quotes/{a}"),
        ("get", f"/api/v1/quotes/{a}/revisions"),
        ("get", f"/api/v1/quotes/{a}/counter-offers"),
        ("patch", f"/api/v1/quotes/{a}"),
        ("post", f"/api/v1/quotes/{a}/withdraw"),
        ("post", f"/api/v1/quotes/{a}/reject"),
        ("post", f"/api/v1/quotes/{a}/accept"),
        ("post", f"/api/v1/quotes/{a}/counter-offers"),
        ("post", f"/api/v1/quotes/{a}/attachments"),
        ("post", f"/api/v1/counter-offers/{offer}/decline"),
        ("post", f"/api/v1/counter-offers/{offer}/withdraw"),
        ("get", f"/api/v1/rfqs/{market.rfq.pk}/comparison"),
    ]


_BODIES: dict[str, dict[str, Any]] = {
    "accept": {"revision": 1},
    "counter-offers": {"target_unit_price": "1.00", "currency": "USD"},
}


def _call(client: Client, method: str, path: str) -> Any:
    body = next((b for suffix, b in _BODIES.items() if path.endswith(suffix)), None)
    if method == "patch":
        body = {"moq": 100}
    if method == "get":
        return client.get(path)
    if path.endswith("/attachments"):
        return client.post(path, {})
    return getattr(client, method)(path, body or {}, content_type="application/json")


@pytest.mark.parametrize("who", ["supplier_b", "other_buyer"])
def test_x1_x13_a_competitor_or_another_buyer_gets_404_everywhere_and_changes_nothing(
    market: Market, negotiation: dict[str, Any], who: str
) -> None:
    actor: Membership = getattr(market, who)
    client = client_for(actor)
    before = snapshot()

    for method, path in _a_paths(market, negotiation):
        if path.endswith("/attachments"):
            continue  # a multipart body is required first: tested below with a file
        response = _call(client, method, path)
        assert (path, response.status_code) == (path, 404)
        assert response.json()["code"] == "not_found"
        assert negotiation["a"]["id"] not in response.content.decode()

    assert snapshot() == before


@pytest.mark.parametrize("who", ["supplier_b", "other_buyer"])
def test_x1_a_supplier_cannot_attach_to_a_competitors_quote(
    market: Market, negotiation: dict[str, Any], who: str
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tradebridge.rfq.tests.factories import PDF_BYTES

    response = client_for(getattr(market, who)).post(
        f"/api/v1/quotes/{negotiation['a']['id']}/attachments",
        {"file": SimpleUploadedFile("x.pdf", PDF_BYTES, content_type="application/pdf")},
    )

    assert (response.status_code, response.json()) == (404, NOT_FOUND)
    assert QuoteRevision.objects.get(quote_id=negotiation["a"]["id"]).attachments.count() == 1


def test_x1_the_rfq_detail_shows_suppliers_no_quote_count_unless_the_buyer_chose(
    market: Market, negotiation: dict[str, Any]
) -> None:
    hidden = client_for(market.supplier_b).get(f"/api/v1/rfqs/{market.rfq.pk}")
    assert hidden.status_code == 200
    assert hidden.json().get("quote_count") is None
    RFQ.objects.filter(pk=market.rfq.pk).update(show_quote_count=True)
    shown = client_for(market.supplier_b).get(f"/api/v1/rfqs/{market.rfq.pk}")
    assert shown.json().get("quote_count") == 2


def test_x1_the_buyer_sees_every_quote_and_the_comparison(
    market: Market, negotiation: dict[str, Any]
) -> None:
    buyer = client_for(market.buyer)

    assert buyer.get(f"/api/v1/rfqs/{market.rfq.pk}/quotes").json()["count"] == 2
    rows = buyer.get(f"/api/v1/rfqs/{market.rfq.pk}/comparison").json()["rows"]
    assert len(rows) == 2
    revisions = buyer.get(f"/api/v1/quotes/{negotiation['a']['id']}/revisions").json()
    assert [a["filename"] for a in revisions[0]["attachments"]] == ["catalogue.pdf"]


def test_x1_a_supplier_never_gets_a_link_to_a_competitors_attachment(
    market: Market, negotiation: dict[str, Any]
) -> None:
    own = client_for(market.supplier_b).get(f"/api/v1/rfqs/{market.rfq.pk}/quotes").json()

    assert all(q["current"]["attachments"] == [] for q in own["results"])


def test_x14_a_revision_cannot_carry_another_quotes_fields(
    market: Market, negotiation: dict[str, Any]
) -> None:
    client = client_for(market.supplier_b)
    before = snapshot()

    for extra in (
        {"quote_id": negotiation["a"]["id"]},
        {"supplier": "supplier-a"},
        {"status": "accepted"},
        {"answers_counter_offer_id": negotiation["offer"]["id"]},
    ):
        response = client.patch(
            f"/api/v1/quotes/{negotiation['b']['id']}", extra, content_type="application/json"
        )
        assert (response.status_code, response.json()["code"]) == (422, "invalid_input")

    assert snapshot() == before


def test_x14_the_buyer_cannot_revise_a_quote_it_received(
    market: Market, negotiation: dict[str, Any]
) -> None:
    before = snapshot()

    response = client_for(market.buyer).patch(
        f"/api/v1/quotes/{negotiation['a']['id']}", {"moq": 100}, content_type="application/json"
    )

    assert (response.status_code, response.json()) == (404, NOT_FOUND)
    assert snapshot() == before


def test_x2_every_path_on_an_accepted_quote_answers_409_and_changes_nothing(
    market: Market, negotiation: dict[str, Any]
) -> None:
    a = negotiation["a"]["id"]
    buyer, supplier = client_for(market.buyer), client_for(market.supplier_a)
    revision = client_for(market.supplier_a).get(f"/api/v1/quotes/{a}").json()["revision"]
    accepted = buyer.post(
        f"/api/v1/quotes/{a}/accept", {"revision": revision}, content_type="application/json"
    )
    assert accepted.status_code == 201
    before = snapshot()

    attempts = [
        supplier.patch(f"/api/v1/quotes/{a}", quote_body(), content_type="application/json"),
        supplier.post(f"/api/v1/quotes/{a}/withdraw"),
        buyer.post(f"/api/v1/quotes/{a}/reject"),
        buyer.post(
            f"/api/v1/quotes/{a}/accept", {"revision": revision}, content_type="application/json"
        ),
        buyer.post(
            f"/api/v1/quotes/{a}/counter-offers",
            {"target_unit_price": "0.01", "currency": "USD"},
            content_type="application/json",
        ),
    ]

    assert [(r.status_code, r.json()["code"]) for r in attempts] == [
        (409, "invalid_transition")
    ] * len(attempts)
    assert snapshot() == before


def test_x1_a_quote_attachment_downloads_for_its_two_parties_only(
    market: Market, negotiation: dict[str, Any]
) -> None:
    attachment = QuoteRevision.objects.get(quote_id=negotiation["a"]["id"]).attachments.get()
    buyer_link = client_for(market.buyer).get(f"/api/v1/quotes/{negotiation['a']['id']}")
    url = buyer_link.json()["current"]["attachments"][0]["url"]

    assert client_for(market.buyer).get(url).status_code == 200
    assert client_for(market.supplier_b).get(url).status_code == 404  # bound to the buyer
    forged = download_url(kind=FileKind.QUOTE, attachment_id=attachment.pk, actor=market.supplier_b)
    response = client_for(market.supplier_b).get(forged)
    assert (response.status_code, response.json()["code"]) == (404, "not_found")
    own = download_url(kind=FileKind.QUOTE, attachment_id=attachment.pk, actor=market.supplier_a)
    assert client_for(market.supplier_a).get(own).status_code == 200


def test_x1_an_rfq_closed_at_its_cap_tells_suppliers_no_reason_unless_the_count_is_shown(
    market: Market, negotiation: dict[str, Any]
) -> None:
    RFQ.objects.filter(pk=market.rfq.pk).update(status="closed", closed_reason="cap")
    hidden = client_for(market.supplier_b).get(f"/api/v1/rfqs/{market.rfq.pk}")
    assert (hidden.status_code, hidden.json()["closed_reason"]) == (200, None)
    RFQ.objects.filter(pk=market.rfq.pk).update(show_quote_count=True)
    shown = client_for(market.supplier_b).get(f"/api/v1/rfqs/{market.rfq.pk}")
    assert (shown.json()["closed_reason"], shown.json()["quote_count"]) == ("cap", 2)
    buyer = client_for(market.buyer).get(f"/api/v1/rfqs/{market.rfq.pk}")
    assert buyer.json()["closed_reason"] == "cap"
