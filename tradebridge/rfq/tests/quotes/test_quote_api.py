"""The quote API: the contract of issue 10 (paths, fields, money), through a whole negotiation."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tradebridge.companies.models import Membership
from tradebridge.rfq.models import Deal, Quote, QuoteRevision
from tradebridge.rfq.tests.factories import PDF_BYTES
from tradebridge.rfq.tests.quotes.conftest import Market

pytestmark = pytest.mark.django_db

EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(200)


def client_for(membership: Membership) -> Client:
    client = Client()
    client.force_login(membership.user)
    return client


def quote_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "currency": "USD",
        "tiers": [
            {"min_quantity": 100, "unit_price": "4.20"},
            {"min_quantity": 1000, "unit_price": "3.90"},
        ],
        "moq": 100,
        "lead_time_days": 30,
        "incoterm": "FOB",
        "named_place": "Xiamen",
        "valid_until": (timezone.now().date() + timedelta(days=30)).isoformat(),
        "deposit_percent": "30",
        "notes": "Thermo-bonded, 32 panels.",
    }
    body.update(overrides)
    return body


def submit(market: Market, supplier: Membership, **overrides: Any) -> dict[str, Any]:
    response = client_for(supplier).post(
        f"/api/v1/rfqs/{market.rfq.pk}/quotes",
        quote_body(**overrides),
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    body: dict[str, Any] = response.json()
    return body


def test_a_supplier_submits_and_reads_its_quote(market: Market) -> None:
    body = submit(market, market.supplier_a)

    assert body["status"] == "submitted"
    assert body["revision"] == 1
    assert body["supplier"] == {
        "slug": "supplier-a",
        "name": market.supplier_a.company.display_name,
    }
    current = body["current"]
    assert current["tiers"] == [
        {"min_quantity": 100, "unit_price": {"amount": "4.20", "currency": "USD"}},
        {"min_quantity": 1000, "unit_price": {"amount": "3.90", "currency": "USD"}},
    ]
    assert (current["moq"], current["incoterm"], current["named_place"]) == (100, "FOB", "Xiamen")
    assert current["fx"]["rates"] == {"EUR": "1", "USD": "1.08"}
    assert current["deposit_percent"] == "30"
    read = client_for(market.supplier_a).get(f"/api/v1/quotes/{body['id']}")
    assert read.status_code == 200
    assert read.json()["id"] == body["id"]


def test_submitting_is_idempotent_with_a_key(market: Market) -> None:
    client = client_for(market.supplier_a)
    url = f"/api/v1/rfqs/{market.rfq.pk}/quotes"
    first = client.post(
        url, quote_body(), content_type="application/json", HTTP_IDEMPOTENCY_KEY="k1"
    )
    again = client.post(
        url, quote_body(), content_type="application/json", HTTP_IDEMPOTENCY_KEY="k1"
    )

    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json()["id"] == first.json()["id"]
    assert again.headers["Idempotent-Replayed"] == "true"
    assert Quote.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "status", "code"),
    [
        ({"currency": "XXQ"}, 422, "invalid_currency"),
        ({"incoterm": "FOO"}, 422, "invalid_incoterm"),
        ({"tiers": [{"min_quantity": 100, "unit_price": "-1"}]}, 422, "invalid_input"),
        ({"tiers": [{"min_quantity": 100, "unit_price": 4.2}]}, 422, "invalid_input"),
        ({"lead_time_days": 400}, 422, "invalid_quote_terms"),
        ({"valid_until": "2020-01-01"}, 422, "valid_until_passed"),
        ({"status": "accepted"}, 422, "invalid_input"),
        ({"supplier_id": "00000000-0000-0000-0000-000000000000"}, 422, "invalid_input"),
    ],
)
def test_bad_input_answers_4xx_with_a_code_and_writes_nothing(
    market: Market, overrides: dict[str, Any], status: int, code: str
) -> None:
    response = client_for(market.supplier_a).post(
        f"/api/v1/rfqs/{market.rfq.pk}/quotes",
        quote_body(**overrides),
        content_type="application/json",
    )

    assert (response.status_code, response.json()["code"]) == (status, code)
    assert not Quote.objects.exists()


def test_the_whole_negotiation_through_the_api(market: Market) -> None:
    a = submit(market, market.supplier_a)
    b = submit(
        market,
        market.supplier_b,
        currency="CNY",
        tiers=[{"min_quantity": 500, "unit_price": "28"}],
        moq=500,
    )
    buyer = client_for(market.buyer)
    supplier = client_for(market.supplier_a)

    listed = buyer.get(f"/api/v1/rfqs/{market.rfq.pk}/quotes").json()
    assert listed["count"] == 2
    assert [q["id"] for q in listed["results"]] == [a["id"], b["id"]]

    comparison = buyer.get(f"/api/v1/rfqs/{market.rfq.pk}/comparison?currency=EUR").json()
    assert (comparison["currency"], comparison["quantity"]) == ("EUR", 1000)
    rows = {row["quote_id"]: row for row in comparison["rows"]}
    assert rows[a["id"]]["unit_price"] == {"amount": "3.6111", "currency": "EUR"}
    assert rows[a["id"]]["total"] == {"amount": "3611.11", "currency": "EUR"}
    assert rows[b["id"]]["total"] == {"amount": "3660.13", "currency": "EUR"}
    assert rows[a["id"]]["supplier"]["slug"] == "supplier-a"
    assert "total" in rows[a["id"]]["best"]
    assert [row["quote_id"] for row in comparison["rows"]] == [a["id"], b["id"]]

    offer = buyer.post(
        f"/api/v1/quotes/{a['id']}/counter-offers",
        {"target_unit_price": "3.60", "currency": "USD", "quantity": 1000, "terms": "Deposit 20%"},
        content_type="application/json",
    )
    assert offer.status_code == 201
    assert offer.json()["target_unit_price"] == {"amount": "3.60", "currency": "USD"}
    assert supplier.get(f"/api/v1/quotes/{a['id']}/counter-offers").json()[0]["status"] == "open"

    revised = supplier.patch(
        f"/api/v1/quotes/{a['id']}",
        {
            "tiers": [
                {"min_quantity": 100, "unit_price": "4.00"},
                {"min_quantity": 1000, "unit_price": "3.70"},
            ],
            "deposit_percent": "20",
        },
        content_type="application/json",
    )
    assert revised.status_code == 200, revised.json()
    assert (revised.json()["status"], revised.json()["revision"]) == ("revised", 2)
    assert revised.json()["current"]["named_place"] == "Xiamen"  # kept
    history = buyer.get(f"/api/v1/quotes/{a['id']}/revisions").json()
    assert [r["number"] for r in history] == [1, 2]
    assert buyer.get(f"/api/v1/quotes/{a['id']}/counter-offers").json()[0]["status"] == "answered"

    stale = buyer.post(
        f"/api/v1/quotes/{a['id']}/accept", {"revision": 1}, content_type="application/json"
    )
    assert (stale.status_code, stale.json()["code"]) == (409, "quote_changed")

    accepted = buyer.post(
        f"/api/v1/quotes/{a['id']}/accept", {"revision": 2}, content_type="application/json"
    )
    assert accepted.status_code == 201, accepted.json()
    deal = accepted.json()["deal"]
    assert deal["unit_price"] == {"amount": "3.70", "currency": "USD"}
    assert deal["total"] == {"amount": "3700.00", "currency": "USD"}
    assert (deal["quantity"], deal["currency"], deal["incoterm"]) == (1000, "USD", "FOB")
    assert (deal["named_place"], deal["deposit_percent"], deal["lead_time_days"]) == (
        "Xiamen",
        "20",
        30,
    )
    assert deal["balance_due"] == "before_shipment"
    assert deal["fx"]["rates"] == {"EUR": "1", "USD": "1.08"}
    assert (deal["fx"]["buyer_currency"], deal["fx"]["rate"][:6]) == ("EUR", "0.9259")
    assert deal["reference"].startswith("DEAL-")

    assert (
        supplier.get(f"/api/v1/deals/{deal['id']}").json()["deal"]["reference"] == deal["reference"]
    )
    assert [d["id"] for d in buyer.get("/api/v1/deals").json()["results"]] == [deal["id"]]
    assert client_for(market.supplier_b).get(f"/api/v1/deals/{deal['id']}").status_code == 404
    assert (
        client_for(market.supplier_b).get(f"/api/v1/quotes/{b['id']}").json()["status"]
        == "rejected"
    )


def test_withdraw_reject_and_decline(market: Market) -> None:
    a = submit(market, market.supplier_a)
    b = submit(market, market.supplier_b)
    buyer = client_for(market.buyer)

    offer = buyer.post(
        f"/api/v1/quotes/{b['id']}/counter-offers",
        {"target_unit_price": "3", "currency": "USD"},
        content_type="application/json",
    ).json()
    declined = client_for(market.supplier_b).post(f"/api/v1/counter-offers/{offer['id']}/decline")
    assert declined.json()["status"] == "declined"
    withdrawn = client_for(market.supplier_a).post(f"/api/v1/quotes/{a['id']}/withdraw")
    assert withdrawn.json()["status"] == "withdrawn"
    rejected = buyer.post(f"/api/v1/quotes/{b['id']}/reject")
    assert rejected.json()["status"] == "rejected"
    again = buyer.post(f"/api/v1/quotes/{b['id']}/reject")
    assert (again.status_code, again.json()["code"]) == (409, "invalid_transition")


def test_attachments_are_sniffed_and_linked_for_the_two_parties(market: Market) -> None:
    a = submit(market, market.supplier_a)
    supplier = client_for(market.supplier_a)
    url = f"/api/v1/quotes/{a['id']}/attachments"

    exe = supplier.post(url, {"file": _upload("catalogue.pdf", EXE_BYTES)})
    assert (exe.status_code, exe.json()["code"]) == (422, "unsupported_file_type")
    pdf = supplier.post(url, {"file": _upload("catalogue.pdf", PDF_BYTES)})
    assert pdf.status_code == 201, pdf.json()
    assert pdf.json()["content_type"] == "application/pdf"
    revision = QuoteRevision.objects.get(quote_id=a["id"])
    assert revision.attachments.count() == 1

    links = (
        client_for(market.buyer).get(f"/api/v1/quotes/{a['id']}").json()["current"]["attachments"]
    )
    assert [link["filename"] for link in links] == ["catalogue.pdf"]
    assert "/api/v1/rfq-files/" in links[0]["url"]


def test_the_comparison_refuses_an_unknown_currency_and_a_bad_sort(market: Market) -> None:
    submit(market, market.supplier_a)
    buyer = client_for(market.buyer)

    unknown = buyer.get(f"/api/v1/rfqs/{market.rfq.pk}/comparison?currency=XXQ")
    assert (unknown.status_code, unknown.json()["code"]) == (422, "invalid_currency")
    bad_sort = buyer.get(f"/api/v1/rfqs/{market.rfq.pk}/comparison?sort=supplier")
    assert bad_sort.status_code == 422
    by_lead = buyer.get(f"/api/v1/rfqs/{market.rfq.pk}/comparison?sort=-lead_time_days")
    assert by_lead.json()["sort"] == "-lead_time_days"


def test_no_deal_update_path_exists(market: Market) -> None:
    a = submit(market, market.supplier_a)
    buyer = client_for(market.buyer)
    deal = buyer.post(
        f"/api/v1/quotes/{a['id']}/accept", {"revision": 1}, content_type="application/json"
    ).json()["deal"]

    for method in ("put", "patch", "delete"):
        response = getattr(buyer, method)(
            f"/api/v1/deals/{deal['id']}", {"unit_price": "0.01"}, content_type="application/json"
        )
        assert response.status_code == 405
    assert Deal.objects.get().unit_price == Deal.objects.get().total / 1000


def _upload(name: str, data: bytes) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="application/pdf")
