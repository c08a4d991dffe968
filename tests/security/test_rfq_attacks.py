"""Attack cases on RFQs, quotes, counter-offers and deals (reliability anchors, section 8):

- X1: supplier B tries to learn supplier A's quote (its price, attachment, even the number of
  competing quotes) through every API path, list trick, HTML page and HTMX fragment; an
  uninvited or suspended supplier tries to see an invited-only RFQ.
- X2: the terms of an accepted quote are frozen on every path; inputs refuse extra fields.
- X13: acting on another company's objects by id.
- X14: referencing another company's ids inside one's own RFQ.
- Bad input: a clear 4xx with a machine-readable code, and nothing written.

Every attack asserts the exact answer and that the database did not change. The API is
called with personal bearer tokens, pages with a signed-in browser session.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from tests.security.uploads import streamed_upload
from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.tests.factories import ProductFactory, SupplierFactory
from tradebridge.companies.enums import Role
from tradebridge.companies.models import Company, Membership
from tradebridge.companies.tests.factories import MembershipFactory, issue_api_token
from tradebridge.core.models import FxRate
from tradebridge.messaging.models import Thread
from tradebridge.rfq.enums import RFQVisibility
from tradebridge.rfq.models import (
    RFQ,
    CounterOffer,
    Deal,
    Quote,
    QuoteAttachment,
    QuoteRevision,
    RFQAttachment,
    RFQInvitation,
    RFQReport,
)
from tradebridge.rfq.tests.factories import (
    PDF_BYTES,
    BuyerFactory,
    QuoteAttachmentFactory,
    RFQAttachmentFactory,
    RFQFactory,
    RFQInvitationFactory,
)

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
# Supplier A's price is a number found nowhere else, so that any leak of it is visible.
A_PRICE = "123.45"
A_NAME = "Xiamen Secretball Works"


@dataclass
class Cast:
    """A buyer (owner, viewer) with a public RFQ quoted by A (countered, with an attachment)
    and B, and an invited-only RFQ for A alone; another buyer; supplier C (never invited);
    a suspended supplier (invited to the invited-only RFQ before its suspension)."""

    buyer: Membership
    buyer_viewer: Membership
    other_buyer: Membership
    supplier_a: Membership
    supplier_b: Membership
    supplier_c: Membership
    suspended: Membership
    rfq: RFQ
    invited_rfq: RFQ
    quote_a: str
    quote_b: str
    offer_a: str
    attachment_a: QuoteAttachment

    def api(self, who: str) -> Client:
        token = issue_api_token(getattr(self, who)).token
        return Client(HTTP_AUTHORIZATION=f"Bearer {token}")

    def page(self, who: str) -> Client:
        client = Client()
        client.force_login(getattr(self, who).user)
        return client


def _member(company: Company, role: Role = Role.OWNER) -> Membership:
    return MembershipFactory.create(company=company, role=role)


def quote_body(price: str, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "currency": "USD",
        "tiers": [{"min_quantity": 100, "unit_price": price}],
        "moq": 100,
        "lead_time_days": 30,
        "incoterm": "FOB",
        "named_place": "Xiamen",
        "valid_until": (timezone.now().date() + timedelta(days=30)).isoformat(),
        "deposit_percent": "30",
        "notes": "Thermo-bonded, 32 panels.",
    }
    return body | overrides


def _post(client: Client, path: str, body: object = None) -> Any:
    return client.post(path, body or {}, content_type="application/json")


@pytest.fixture
def cast(db: None) -> Cast:
    day = timezone.now().date() - timedelta(days=1)
    FxRate.objects.bulk_create(
        FxRate(date=day, currency=code, rate=Decimal(rate))
        for code, rate in {"USD": "1.0800", "CNY": "7.6500"}.items()
    )
    buyer_company = BuyerFactory.create(slug="lyon-sport", display_name="Lyon Sport")
    buyer = _member(buyer_company)
    supplier_a = SupplierFactory.create(slug="supplier-a", display_name=A_NAME)
    suspended = SupplierFactory.create(slug="gone-trading")
    rfq = RFQFactory.create(buyer=buyer_company, created_by=buyer.user, quantity=1000)
    invited_rfq = RFQFactory.create(
        buyer=buyer_company,
        created_by=buyer.user,
        title="Private tender: indoor balls",
        visibility=RFQVisibility.INVITED,
    )
    RFQInvitationFactory.create(rfq=invited_rfq, supplier=supplier_a)
    RFQInvitationFactory.create(rfq=invited_rfq, supplier=suspended)
    RFQAttachmentFactory.create(rfq=invited_rfq)
    people = {
        "buyer": buyer,
        "buyer_viewer": _member(buyer_company, Role.VIEWER),
        "other_buyer": _member(BuyerFactory.create(slug="berlin-buy")),
        "supplier_a": _member(supplier_a),
        "supplier_b": _member(SupplierFactory.create(slug="supplier-b")),
        "supplier_c": _member(SupplierFactory.create(slug="supplier-c")),
        "suspended": _member(suspended),
    }
    partial = Cast(
        **people,
        rfq=rfq,
        invited_rfq=invited_rfq,
        quote_a="",
        quote_b="",
        offer_a="",
        attachment_a=None,
    )  # type: ignore[arg-type]
    a = _post(partial.api("supplier_a"), f"/api/v1/rfqs/{rfq.pk}/quotes", quote_body(A_PRICE))
    b = _post(partial.api("supplier_b"), f"/api/v1/rfqs/{rfq.pk}/quotes", quote_body("4.90"))
    assert (a.status_code, b.status_code) == (201, 201), (a.json(), b.json())
    offer = _post(
        partial.api("buyer"),
        f"/api/v1/quotes/{a.json()['id']}/counter-offers",
        {"target_unit_price": "4.00", "currency": "USD"},
    )
    assert offer.status_code == 201, offer.json()
    suspended.is_active = False
    suspended.save(update_fields=["is_active"])
    partial.quote_a, partial.quote_b, partial.offer_a = (
        a.json()["id"],
        b.json()["id"],
        offer.json()["id"],
    )
    partial.attachment_a = QuoteAttachmentFactory.create(
        revision=QuoteRevision.objects.get(quote_id=a.json()["id"]),
        original_filename="secret-price-list.pdf",
    )
    return partial


def snapshot() -> list[Any]:
    """Every row of the RFQ domain (and threads), to compare before and after an attack."""
    return [
        list(model.objects.order_by("pk").values())
        for model in (
            RFQ,
            RFQInvitation,
            RFQAttachment,
            Quote,
            QuoteRevision,
            QuoteAttachment,
            CounterOffer,
            Deal,
            RFQReport,
            Thread,
        )
    ]


@pytest.fixture
def unchanged() -> Iterator[None]:
    before = snapshot()
    yield
    assert snapshot() == before


def assert_not_found(response: Any, *secrets: str) -> None:
    """A plain 404 (JSON `not_found` under /api/) that names none of `secrets`."""
    assert response.status_code == 404, (response.status_code, response.content[:300])
    if response["Content-Type"].startswith("application/json"):
        assert response.json()["code"] in ("not_found", "download_link_invalid")
    body = response.content.decode()
    for secret in secrets:
        assert secret not in body


def _a_secrets(cast: Cast) -> tuple[str, ...]:
    return (cast.quote_a, A_PRICE, A_NAME, "secret-price-list", "supplier-a")


# --- X1: supplier B and supplier A's quote ---------------------------------------------


LIST_TRICKS = [
    "",
    "?supplier=supplier-a",
    "?supplier_id={supplier_a_id}",
    "?ordering=price",
    "?ordering=-tiers__unit_price",
    "?expand=quotes",
    "?limit=1000&offset=0",
    "?page_size=1000",
    "?page=2",
    "?status=submitted",
    "?rfq={rfq_id}",
    "?quote_id={quote_a}",
]


@pytest.mark.parametrize("trick", LIST_TRICKS)
def test_x1_supplier_b_lists_only_its_own_quote_whatever_the_query(cast: Cast, trick: str) -> None:
    query = trick.format(
        supplier_a_id=cast.supplier_a.company_id, rfq_id=cast.rfq.pk, quote_a=cast.quote_a
    )

    response = cast.api("supplier_b").get(f"/api/v1/rfqs/{cast.rfq.pk}/quotes{query}")

    if trick == "?page_size=1000":  # above the largest page: refused, whoever asks
        assert (response.status_code, response.json()["code"]) == (422, "invalid_input")
        return
    assert response.status_code == 200
    body = response.json()
    assert [quote["id"] for quote in body["results"]] in ([cast.quote_b], [])
    assert body["count"] == 1  # its own quote: never the number of quotes on the RFQ
    for secret in _a_secrets(cast):
        assert secret not in response.content.decode()


def _a_reads(cast: Cast, deal_id: str = "") -> list[str]:
    a, offer = cast.quote_a, cast.offer_a
    paths = [
        f"/api/v1/quotes/{a}",
        f"/api/v1/quotes/{a}/revisions",
        f"/api/v1/quotes/{a}/counter-offers",
        f"/api/v1/rfqs/{cast.rfq.pk}/comparison",
        f"/api/v1/rfqs/{cast.rfq.pk}/comparison?currency=USD&sort=unit_price",
        f"/api/v1/rfqs/{cast.rfq.pk}/matches",
        f"/api/v1/counter-offers/{offer}",
    ]
    if deal_id:
        paths.append(f"/api/v1/deals/{deal_id}")
    return paths


def test_x1_supplier_b_gets_404_on_every_api_read_of_a(cast: Cast) -> None:
    client = cast.api("supplier_b")

    for path in _a_reads(cast):
        assert_not_found(client.get(path), *_a_secrets(cast))


def test_x1_supplier_b_cannot_download_as_attachment_with_a_link_made_for_someone_else(
    cast: Cast,
) -> None:
    revisions = cast.api("buyer").get(f"/api/v1/quotes/{cast.quote_a}/revisions").json()
    buyer_link = revisions[-1]["attachments"][0]["url"]
    own_links = cast.api("supplier_a").get(f"/api/v1/quotes/{cast.quote_a}").json()
    supplier_link = own_links["current"]["attachments"][0]["url"]
    assert cast.api("buyer").get(buyer_link).status_code == 200  # the link works for its owner

    for link in (buyer_link, supplier_link):
        for who in ("supplier_b", "other_buyer", "buyer_viewer"):
            assert_not_found(cast.api(who).get(link), A_PRICE)
            assert_not_found(cast.page(who).get(link), A_PRICE)


def test_x1_a_tampered_or_expired_quote_download_link_is_refused(cast: Cast) -> None:
    from tradebridge.rfq.downloads import FileKind, download_token_sign

    token = download_token_sign(
        kind=FileKind.QUOTE, attachment_id=cast.attachment_a.pk, actor=cast.supplier_b
    )
    # A link B signed for itself, naming A's attachment: the permission is checked again.
    assert_not_found(cast.api("supplier_b").get(f"/api/v1/rfq-files/{token}"))
    tampered = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    assert_not_found(cast.api("supplier_b").get(f"/api/v1/rfq-files/{tampered}"))
    own = download_token_sign(
        kind=FileKind.QUOTE, attachment_id=cast.attachment_a.pk, actor=cast.supplier_a
    )
    later = timezone.now() + timedelta(minutes=11)
    from unittest import mock

    with mock.patch("time.time", return_value=later.timestamp()):
        assert_not_found(cast.api("supplier_a").get(f"/api/v1/rfq-files/{own}"))
    assert cast.api("supplier_a").get(f"/api/v1/rfq-files/{own}").status_code == 200


def test_x1_the_deal_of_a_is_invisible_to_b(cast: Cast) -> None:
    revision = cast.api("supplier_a").get(f"/api/v1/quotes/{cast.quote_a}").json()["revision"]
    accepted = _post(
        cast.api("buyer"), f"/api/v1/quotes/{cast.quote_a}/accept", {"revision": revision}
    )
    assert accepted.status_code == 201, accepted.json()
    deal_id = accepted.json()["deal"]["id"]
    client = cast.api("supplier_b")

    for path in _a_reads(cast, deal_id):
        assert_not_found(client.get(path), *_a_secrets(cast))
    deals = client.get("/api/v1/deals").json()
    assert deals["count"] == 0
    assert_not_found(cast.page("supplier_b").get(f"/deals/{deal_id}/"), A_PRICE, A_NAME)
    assert deal_id not in cast.page("supplier_b").get("/deals/").content.decode()
    assert cast.page("supplier_a").get(f"/deals/{deal_id}/").status_code == 200
    awarded = cast.page("supplier_b").get(f"/supplier/rfqs/{cast.rfq.pk}/").content.decode()
    assert not [secret for secret in _a_secrets(cast) if secret in awarded]


def _a_pages(cast: Cast) -> list[tuple[str, str]]:
    rfq, a, offer = cast.rfq.pk, cast.quote_a, cast.offer_a
    return [
        ("get", f"/rfqs/{rfq}/"),
        ("get", f"/rfqs/{rfq}/?sort=unit_price&currency=USD"),
        ("get", f"/rfqs/{rfq}/edit/"),
        ("post", f"/rfqs/{rfq}/attachments/"),
        ("get", f"/rfqs/{rfq}/cancel/"),
        ("get", f"/quotes/{a}/counter-offer/"),
        ("get", f"/quotes/{a}/accept/"),
        ("get", f"/quotes/{a}/reject/"),
        ("get", f"/supplier/quotes/{a}/revise/"),
        ("post", f"/supplier/quotes/{a}/withdraw/"),
        ("post", f"/supplier/counter-offers/{offer}/decline/"),
        ("post", f"/quotes/{a}/reject/"),
        ("post", f"/quotes/{a}/accept/"),
        ("post", f"/rfqs/{rfq}/close/"),
    ]


@pytest.mark.parametrize("who", ["supplier_b", "other_buyer"])
@pytest.mark.parametrize("headers", [{}, HTMX, HTMX | {"HTTP_HX_TARGET": "comparison"}])
def test_x1_every_page_and_fragment_with_a_ids_is_404_for_b(
    cast: Cast, who: str, headers: dict[str, str], unchanged: None
) -> None:
    client = cast.page(who)

    for method, path in _a_pages(cast):
        response = getattr(client, method)(path, **headers)
        assert (path, response.status_code) == (path, 404)
        for secret in _a_secrets(cast)[1:]:  # an error page may echo the requested address
            assert secret not in response.content.decode()


def test_x1_the_supplier_rfq_page_shows_b_its_own_quote_and_nothing_of_a(cast: Cast) -> None:
    for headers in ({}, HTMX):
        response = cast.page("supplier_b").get(f"/supplier/rfqs/{cast.rfq.pk}/", **headers)
        assert response.status_code == 200
        page = response.content.decode()
        assert "4.90" in page  # its own price
        for secret in _a_secrets(cast):
            assert secret not in page
        assert 'id="quote-count"' not in page


# --- X1: the number of competing quotes ---------------------------------------------------


def _count_leaks(text: str) -> list[str]:
    """Phrases that tell how many quotes an RFQ received."""
    return re.findall(r"\b2 (?:quotes|offers|devis|Angebote|cotizaciones)\b|quote_count\": 2", text)


def test_x1_no_supplier_path_tells_the_number_of_quotes_unless_the_buyer_chose(
    cast: Cast,
) -> None:
    rfq = cast.rfq.pk
    api = cast.api("supplier_b")
    answers = [
        api.get(f"/api/v1/rfqs/{rfq}"),
        api.get(f"/api/v1/rfqs/{rfq}/quotes"),
        api.get("/api/v1/rfq-inbox"),
        api.get("/api/v1/rfqs"),
        cast.page("supplier_b").get(f"/supplier/rfqs/{rfq}/"),
        cast.page("supplier_b").get("/supplier/rfqs/"),
        cast.page("supplier_b").get("/supplier/rfqs/", **HTMX),
    ]
    assert answers[0].json()["quote_count"] is None
    for answer in answers:
        assert answer.status_code == 200
        assert _count_leaks(answer.content.decode()) == []
    for message in mail.outbox:
        text = message.body + "".join(str(alt[0]) for alt in getattr(message, "alternatives", []))
        assert _count_leaks(text) == []
        assert A_PRICE not in text
        if set(message.to) & {cast.supplier_b.user.email, cast.supplier_c.user.email}:
            assert A_NAME not in text

    RFQ.objects.filter(pk=rfq).update(show_quote_count=True)
    assert api.get(f"/api/v1/rfqs/{rfq}").json()["quote_count"] == 2
    page = cast.page("supplier_b").get(f"/supplier/rfqs/{rfq}/").content.decode()
    assert 'id="quote-count"' in page


def test_x1_the_buyer_sees_both_quotes_and_the_count(cast: Cast) -> None:
    api = cast.api("buyer")

    assert api.get(f"/api/v1/rfqs/{cast.rfq.pk}").json()["quote_count"] == 2
    assert api.get(f"/api/v1/rfqs/{cast.rfq.pk}/quotes").json()["count"] == 2
    assert len(api.get(f"/api/v1/rfqs/{cast.rfq.pk}/comparison").json()["rows"]) == 2


# --- X1: invited-only RFQs, uninvited and suspended suppliers ------------------------------


def _invited_paths(cast: Cast) -> list[tuple[str, str]]:
    rfq = cast.invited_rfq.pk
    return [
        ("get", f"/api/v1/rfqs/{rfq}"),
        ("get", f"/api/v1/rfqs/{rfq}/quotes"),
        ("get", f"/api/v1/rfqs/{rfq}/attachments"),
        ("get", f"/api/v1/rfqs/{rfq}/matches"),
        ("get", f"/api/v1/rfqs/{rfq}/comparison"),
        ("post", f"/api/v1/rfqs/{rfq}/quotes"),
        ("post", f"/api/v1/rfqs/{rfq}/open"),
        ("post", f"/api/v1/rfqs/{rfq}/close"),
        ("post", f"/api/v1/rfqs/{rfq}/cancel"),
        ("patch", f"/api/v1/rfqs/{rfq}"),
    ]


def assert_hidden(who: str, response: Any, *secrets: str) -> None:
    """What an actor who may not see an object gets: a 404; for a suspended company's member
    the sign-in of its token fails (401) and pages send it to the dashboard (no company)."""
    if who == "suspended":
        expected = 401 if response["Content-Type"].startswith("application/json") else 302
        assert response.status_code == expected, response.content[:300]
        if expected == 302:
            assert response["Location"] == "/dashboard/"
        body = response.content.decode()
        assert not [secret for secret in secrets if secret in body]
        return
    assert_not_found(response, *secrets)


def _same_as_for_a_missing_rfq(api: Client, path: str, response: Any, body: object) -> None:
    """A refusal that does not depend on the RFQ (a buyer submitting a quote: 403) must be
    the answer for an RFQ that does not exist too: no existence leak."""
    missing = path.replace(str(path.split("/")[4]), "00000000-0000-4000-8000-000000000000")
    twin = api.post(missing, body, content_type="application/json")
    assert (twin.status_code, twin.json()) == (response.status_code, response.json())


@pytest.mark.parametrize("who", ["supplier_b", "supplier_c", "suspended", "other_buyer"])
def test_x1_an_invited_only_rfq_does_not_exist_for_the_uninvited_and_the_suspended(
    cast: Cast, who: str, unchanged: None
) -> None:
    api, page = cast.api(who), cast.page(who)
    secret = cast.invited_rfq.title

    for method, path in _invited_paths(cast):
        body = quote_body("1.00") if path.endswith("/quotes") else {}
        response = (
            api.get(path)
            if method == "get"
            else getattr(api, method)(path, body, content_type="application/json")
        )
        if response.status_code == 403 and who == "other_buyer" and method == "post":
            _same_as_for_a_missing_rfq(api, path, response, body)
            continue
        assert_hidden(who, response, secret)
    rfq = cast.invited_rfq.pk
    for path in (
        f"/supplier/rfqs/{rfq}/",
        f"/supplier/rfqs/{rfq}/quote/",
        f"/supplier/rfqs/{rfq}/report/",
        f"/rfqs/{rfq}/",
    ):
        for headers in ({}, HTMX):
            response = page.get(path, **headers)
            if headers and who == "suspended":  # HTMX: a client redirect, nothing shown
                assert response.status_code in (200, 302, 404)
                assert secret not in response.content.decode()
                continue
            assert_hidden(who, response, secret)
    assert_hidden(who, page.post(f"/supplier/rfqs/{rfq}/report/", {"reason": "spam"}), secret)
    if who != "suspended":
        assert str(rfq) not in api.get("/api/v1/rfq-inbox").content.decode()
        assert secret not in page.get("/supplier/rfqs/").content.decode()


def test_x1_the_invited_supplier_sees_the_invited_only_rfq(cast: Cast) -> None:
    api = cast.api("supplier_a")

    assert api.get(f"/api/v1/rfqs/{cast.invited_rfq.pk}").status_code == 200
    assert str(cast.invited_rfq.pk) in api.get("/api/v1/rfq-inbox").content.decode()
    files = api.get(f"/api/v1/rfqs/{cast.invited_rfq.pk}/attachments").json()
    assert api.get(files[0]["download_url"]).status_code == 200


def test_x1_an_invited_only_rfq_file_link_stops_working_for_a_supplier_once_suspended(
    cast: Cast,
) -> None:
    supplier = cast.supplier_a.company
    api = cast.api("supplier_a")
    link = api.get(f"/api/v1/rfqs/{cast.invited_rfq.pk}/attachments").json()[0]["download_url"]
    supplier.is_active = False
    supplier.save(update_fields=["is_active"])

    assert api.get(link).status_code in (401, 404)
    assert cast.page("supplier_a").get(link).status_code in (401, 404)


def test_x1_a_suspended_supplier_sees_no_rfq_at_all(cast: Cast) -> None:
    api, page = cast.api("suspended"), cast.page("suspended")

    for path in ("/api/v1/rfq-inbox", f"/api/v1/rfqs/{cast.rfq.pk}", "/api/v1/deals"):
        assert_hidden("suspended", api.get(path), cast.rfq.title)
    for path in ("/supplier/rfqs/", f"/supplier/rfqs/{cast.rfq.pk}/", "/deals/"):
        assert_hidden("suspended", page.get(path), cast.rfq.title)
    # a member of the suspended company who also belongs to an active one acts for that one
    MembershipFactory.create(user=cast.suspended.user, company=SupplierFactory.create())
    assert page.get("/api/v1/rfq-inbox").json()["count"] == 1  # the public RFQ only
    assert cast.invited_rfq.title not in page.get("/supplier/rfqs/").content.decode()


# --- X2: accepted terms are frozen; inputs refuse extra fields ------------------------------


def _accept_a(cast: Cast) -> str:
    revision = cast.api("supplier_a").get(f"/api/v1/quotes/{cast.quote_a}").json()["revision"]
    accepted = _post(
        cast.api("buyer"), f"/api/v1/quotes/{cast.quote_a}/accept", {"revision": revision}
    )
    assert accepted.status_code == 201, accepted.json()
    return str(accepted.json()["deal"]["id"])


def test_x2_no_path_changes_an_accepted_quote_or_its_deal(cast: Cast) -> None:
    deal_id = _accept_a(cast)
    supplier, buyer = cast.api("supplier_a"), cast.api("buyer")
    before = snapshot()

    refused = [
        supplier.patch(
            f"/api/v1/quotes/{cast.quote_a}",
            {"tiers": [{"min_quantity": 1, "unit_price": "0.01"}]},
            content_type="application/json",
        ),
        _post(supplier, f"/api/v1/quotes/{cast.quote_a}/withdraw"),
        _post(buyer, f"/api/v1/quotes/{cast.quote_a}/reject"),
        _post(
            buyer,
            f"/api/v1/quotes/{cast.quote_a}/counter-offers",
            {"target_unit_price": "0.01", "currency": "USD"},
        ),
        _post(supplier, f"/api/v1/counter-offers/{cast.offer_a}/decline"),
    ]
    assert [(r.status_code, r.json()["code"]) for r in refused] == [
        (409, "invalid_transition")
    ] * len(refused)
    for method in ("patch", "put", "delete"):
        answer = getattr(buyer, method)(
            f"/api/v1/deals/{deal_id}", {"unit_price": "0.01"}, content_type="application/json"
        )
        assert answer.status_code in (404, 405), (method, answer.status_code)
    for method in ("put", "delete"):
        answer = getattr(supplier, method)(
            f"/api/v1/quotes/{cast.quote_a}", quote_body("0.01"), content_type="application/json"
        )
        assert answer.status_code in (404, 405), (method, answer.status_code)
    # the pages: revise, withdraw, counter-offer and accept again
    page_supplier, page_buyer = cast.page("supplier_a"), cast.page("buyer")
    page_supplier.post(f"/supplier/quotes/{cast.quote_a}/revise/", {"tiers-0-unit_price": "0.01"})
    page_supplier.post(f"/supplier/quotes/{cast.quote_a}/withdraw/")
    page_supplier.post(f"/supplier/counter-offers/{cast.offer_a}/decline/")
    page_buyer.post(f"/quotes/{cast.quote_a}/counter-offer/", {"target_unit_price": "0.01"})
    page_buyer.post(f"/quotes/{cast.quote_a}/reject/")
    page_buyer.post(f"/quotes/{cast.quote_a}/accept/", {"revision": 1})
    assert snapshot() == before
    deal = Deal.objects.get(pk=deal_id)
    assert (deal.unit_price, deal.currency) == (Decimal(A_PRICE), "USD")


def test_x2_an_awarded_rfq_takes_no_new_price_nor_quote(cast: Cast) -> None:
    _accept_a(cast)
    before = snapshot()

    patched = cast.api("buyer").patch(
        f"/api/v1/rfqs/{cast.rfq.pk}",
        {"target_unit_price": "0.01", "quantity": 1},
        content_type="application/json",
    )
    late = _post(cast.api("supplier_c"), f"/api/v1/rfqs/{cast.rfq.pk}/quotes", quote_body("0.5"))

    assert patched.status_code == 409
    assert late.status_code == 409
    assert snapshot() == before


@pytest.mark.parametrize(
    "extra",
    [
        {"status": "accepted"},
        {"supplier": "supplier-b"},
        {"supplier_id": "00000000-0000-0000-0000-000000000000"},
        {"rfq": "00000000-0000-0000-0000-000000000000"},
        {"rfq_id": "00000000-0000-0000-0000-000000000000"},
        {"unit_price": "0.01"},
        {"total": "1.00"},
        {"current_revision_number": 9},
        {"fx_rates": {"USD": "100"}},
        {"deal": {"unit_price": "0.01"}},
    ],
)
def test_x2_a_revision_with_a_field_it_does_not_name_is_422(
    cast: Cast, extra: dict[str, Any], unchanged: None
) -> None:
    response = cast.api("supplier_a").patch(
        f"/api/v1/quotes/{cast.quote_a}", {"moq": 200} | extra, content_type="application/json"
    )

    assert (response.status_code, response.json()["code"]) == (422, "invalid_input")


@pytest.mark.parametrize(
    ("path", "extra"),
    [
        ("/api/v1/rfqs/{rfq}", {"status": "awarded"}),
        ("/api/v1/rfqs/{rfq}", {"buyer_id": "00000000-0000-0000-0000-000000000000"}),
        ("/api/v1/rfqs/{rfq}", {"quote_count": 0}),
        ("/api/v1/rfqs/{rfq}", {"reference": "RFQ-AAAAAAAA"}),
        ("/api/v1/quotes/{a}/counter-offers", {"status": "accepted"}),
        ("/api/v1/quotes/{a}/accept", {"unit_price": "0.01"}),
        ("/api/v1/rfqs/{rfq}/quotes", {"status": "accepted"}),
    ],
)
def test_x2_every_rfq_input_refuses_unknown_fields(
    cast: Cast, path: str, extra: dict[str, Any], unchanged: None
) -> None:
    url = path.format(rfq=cast.rfq.pk, a=cast.quote_a)
    bodies: dict[str, dict[str, Any]] = {
        "counter-offers": {"target_unit_price": "4.00", "currency": "USD"},
        "accept": {"revision": 1},
        "quotes": quote_body("4.00"),
    }
    body = next((b for suffix, b in bodies.items() if url.endswith(suffix)), {"title": "New"})
    who = "supplier_c" if url.endswith("/quotes") else "buyer"
    client = cast.api(who)
    method = client.patch if url.endswith(str(cast.rfq.pk)) else client.post

    response = method(url, body | extra, content_type="application/json")

    assert (response.status_code, response.json()["code"]) == (422, "invalid_input")


# --- X13: acting on another company's objects by id -------------------------------------------


@pytest.mark.parametrize("who", ["other_buyer", "supplier_b"])
def test_x13_another_company_cannot_open_close_cancel_edit_or_attach_to_the_rfq(
    cast: Cast, who: str, unchanged: None
) -> None:
    api, page = cast.api(who), cast.page(who)
    rfq = cast.rfq.pk

    for verb in ("open", "close", "cancel"):
        assert_not_found(_post(api, f"/api/v1/rfqs/{rfq}/{verb}"))
        assert_not_found(page.post(f"/rfqs/{rfq}/{verb}/", **HTMX))
    assert_not_found(
        api.patch(f"/api/v1/rfqs/{rfq}", {"title": "Mine now"}, content_type="application/json")
    )
    assert_not_found(page.post(f"/rfqs/{rfq}/edit/", {"title": "Mine now"}))
    upload = SimpleUploadedFile("x.pdf", PDF_BYTES, content_type="application/pdf")
    assert_not_found(api.post(f"/api/v1/rfqs/{rfq}/attachments", {"file": upload}))
    upload.seek(0)
    assert_not_found(page.post(f"/rfqs/{rfq}/attachments/", {"file": upload}))


def test_x13_another_buyer_cannot_accept_reject_or_counter_the_quotes(
    cast: Cast, unchanged: None
) -> None:
    api, page = cast.api("other_buyer"), cast.page("other_buyer")
    a = cast.quote_a

    assert_not_found(_post(api, f"/api/v1/quotes/{a}/accept", {"revision": 1}))
    assert_not_found(_post(api, f"/api/v1/quotes/{a}/reject"))
    assert_not_found(
        _post(
            api, f"/api/v1/quotes/{a}/counter-offers", {"target_unit_price": "1", "currency": "USD"}
        )
    )
    assert_not_found(_post(api, f"/api/v1/counter-offers/{cast.offer_a}/withdraw"))
    assert_not_found(page.post(f"/quotes/{a}/accept/", {"revision": 1}))
    assert_not_found(page.post(f"/quotes/{a}/reject/"))
    assert_not_found(page.post(f"/quotes/{a}/counter-offer/", {"target_unit_price": "1"}))


def test_x13_supplier_b_cannot_decline_withdraw_or_revise_a(cast: Cast, unchanged: None) -> None:
    api, page = cast.api("supplier_b"), cast.page("supplier_b")

    assert_not_found(_post(api, f"/api/v1/counter-offers/{cast.offer_a}/decline"))
    assert_not_found(_post(api, f"/api/v1/quotes/{cast.quote_a}/withdraw"))
    assert_not_found(
        api.patch(f"/api/v1/quotes/{cast.quote_a}", {"moq": 1}, content_type="application/json")
    )
    assert_not_found(page.post(f"/supplier/counter-offers/{cast.offer_a}/decline/"))
    assert_not_found(page.post(f"/supplier/quotes/{cast.quote_a}/withdraw/"))
    assert_not_found(page.post(f"/supplier/quotes/{cast.quote_a}/revise/", {"moq": 1}))


def test_x13_the_buyer_cannot_decline_its_own_counter_offer_as_if_it_were_the_supplier(
    cast: Cast, unchanged: None
) -> None:
    answer = _post(cast.api("buyer"), f"/api/v1/counter-offers/{cast.offer_a}/decline")

    assert answer.status_code in (403, 404)


def test_x13_a_viewer_of_the_buyer_cannot_act(cast: Cast, unchanged: None) -> None:
    api = cast.api("buyer_viewer")

    for path, body in (
        (f"/api/v1/quotes/{cast.quote_a}/accept", {"revision": 1}),
        (f"/api/v1/quotes/{cast.quote_a}/reject", {}),
        (f"/api/v1/rfqs/{cast.rfq.pk}/cancel", {}),
        (
            f"/api/v1/quotes/{cast.quote_a}/counter-offers",
            {"target_unit_price": "1", "currency": "USD"},
        ),
    ):
        response = _post(api, path, body)
        assert (path, response.status_code) == (path, 403)


def test_x13_nobody_reports_an_rfq_it_cannot_see(cast: Cast, unchanged: None) -> None:
    for who in ("supplier_c", "suspended", "other_buyer"):
        response = cast.page(who).post(
            f"/supplier/rfqs/{cast.invited_rfq.pk}/report/", {"reason": "spam"}
        )
        assert_hidden(who, response, cast.invited_rfq.title)


# --- X14: another company's ids inside one's own RFQ ---------------------------------------


def rfq_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "title": "Training cones",
        "description": "Orange, 23 cm.",
        "quantity": 500,
        "unit": "piece",
        "destination_country": "FR",
        "currency": "EUR",
        "quote_deadline": (timezone.now() + timedelta(days=5)).isoformat(),
        "status": "open",
    }
    return body | overrides


def test_x14_an_rfq_naming_another_companys_unpublished_product_is_refused(
    cast: Cast, unchanged: None
) -> None:
    for status in (ProductStatus.DRAFT, ProductStatus.PENDING_REVIEW, ProductStatus.SUSPENDED):
        product = ProductFactory.create(supplier=cast.supplier_b.company, status=status)
        response = _post(cast.api("buyer"), "/api/v1/rfqs", rfq_body(product_id=str(product.pk)))
        assert response.status_code in (404, 422), response.json()
        assert product.title not in response.content.decode()
        prefilled = cast.page("buyer").get("/rfqs/new/", {"product": str(product.pk)})
        assert prefilled.status_code == 200
        assert product.title not in prefilled.content.decode()


def test_x14_an_rfq_inviting_a_suspended_or_unknown_supplier_or_a_buyer_is_refused(
    cast: Cast, unchanged: None
) -> None:
    for slug in ("gone-trading", "no-such-supplier", "berlin-buy", "lyon-sport"):
        response = _post(
            cast.api("buyer"),
            "/api/v1/rfqs",
            rfq_body(visibility="invited", invited_suppliers=[slug]),
        )
        assert (slug, response.status_code) == (slug, 422)
        assert "invited_suppliers" in str(response.json()["details"])


def test_x14_an_open_rfq_cannot_invite_a_suspended_supplier_later(
    cast: Cast, unchanged: None
) -> None:
    response = cast.api("buyer").patch(
        f"/api/v1/rfqs/{cast.rfq.pk}",
        {"invited_suppliers": ["gone-trading"]},
        content_type="application/json",
    )

    assert response.status_code == 422


# --- bad input --------------------------------------------------------------------------------


def assert_machine_readable_422(response: Any, field: str | None) -> None:
    """A 422 with a snake_case `code` and, when given, the field named in its details."""
    assert response.status_code == 422, response.content[:300]
    body = response.json()
    assert re.fullmatch(r"[a-z][a-z_]+", body["code"]), body
    if field is not None:
        assert field in str(body["details"]), body


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"quote_deadline": (timezone.now() - timedelta(hours=1)).isoformat()}, "quote_deadline"),
        ({"quantity": 0}, "quantity"),
        ({"quantity": -1}, "quantity"),
        ({"quantity": 1.5}, "quantity"),
        ({"quantity": 2**63}, "quantity"),
        ({"currency": "XYZ"}, "currency"),
        ({"currency": "usd "}, "currency"),
        ({"incoterm": "FOO"}, "incoterm"),
        ({"incoterm": "fob"}, "incoterm"),
        ({"target_unit_price": "-1"}, "target_unit_price"),
        ({"target_unit_price": "NaN"}, "target_unit_price"),
        ({"title": "Cones\x00"}, None),
        ({"description": "a\x00b"}, None),
        ({"specs": {"Size\x00": "5"}}, None),
        ({"destination_country": "ZZ"}, "destination_country"),
    ],
)
def test_bad_rfq_input_is_a_clear_422_and_writes_nothing(
    cast: Cast, overrides: dict[str, Any], field: str | None, unchanged: None
) -> None:
    response = _post(cast.api("buyer"), "/api/v1/rfqs", rfq_body(**overrides))

    assert_machine_readable_422(response, field)


@pytest.mark.parametrize(
    "overrides",
    [
        {"currency": "XYZ"},
        {"incoterm": "FOO"},
        {"moq": 0},
        {"lead_time_days": -1},
        {"tiers": []},
        {"tiers": [{"min_quantity": 0, "unit_price": "1.00"}]},
        {"tiers": [{"min_quantity": 100, "unit_price": "-1.00"}]},
        {"valid_until": (timezone.now().date() - timedelta(days=1)).isoformat()},
        {"deposit_percent": "101"},
        {"notes": "free\x00samples"},
        {"named_place": "\x00"},
    ],
)
def test_bad_quote_input_is_a_clear_422_and_writes_nothing(
    cast: Cast, overrides: dict[str, Any], unchanged: None
) -> None:
    response = _post(
        cast.api("supplier_c"),
        f"/api/v1/rfqs/{cast.rfq.pk}/quotes",
        quote_body("4.00", **overrides),
    )

    assert_machine_readable_422(response, None)


def test_a_nul_byte_in_a_query_parameter_is_a_4xx(cast: Cast) -> None:
    for path in (
        f"/api/v1/rfqs/{cast.rfq.pk}/comparison?currency=US%00",
        "/api/v1/rfqs?status=open%00",
    ):
        response = cast.api("buyer").get(path)
        assert 400 <= response.status_code < 500, (path, response.status_code)


EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(200)
HTML_BYTES = b"<html><script>alert(1)</script></html>"
SVG_BYTES = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'


@pytest.mark.parametrize(
    ("name", "data"),
    [("invoice.pdf", EXE_BYTES), ("photo.png", HTML_BYTES), ("logo.pdf", SVG_BYTES)],
)
def test_an_executable_or_script_renamed_pdf_is_refused_everywhere(
    cast: Cast, name: str, data: bytes, unchanged: None
) -> None:
    targets = [
        ("buyer", f"/api/v1/rfqs/{cast.rfq.pk}/attachments"),
        ("supplier_a", f"/api/v1/quotes/{cast.quote_a}/attachments"),
    ]
    for who, path in targets:
        upload = SimpleUploadedFile(name, data, content_type="application/pdf")
        response = cast.api(who).post(path, {"file": upload})
        assert (path, response.status_code) == (path, 422)
        assert response.json()["code"] == "unsupported_file_type", response.json()


def test_a_50_mb_attachment_is_refused_without_being_held_in_memory(
    cast: Cast, unchanged: None
) -> None:
    import tracemalloc

    fifty_mb = 50 * 1024 * 1024
    targets = [
        ("buyer", f"/api/v1/rfqs/{cast.rfq.pk}/attachments"),
        ("supplier_a", f"/api/v1/quotes/{cast.quote_a}/attachments"),
    ]
    for who, path in targets:
        client = cast.api(who)
        tracemalloc.start()
        try:
            response = streamed_upload(client, path, fifty_mb)
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert (path, response.status_code) == (path, 413), response.content[:400]
        assert response.json()["code"] == "file_too_large"
        assert peak < 20 * 1024 * 1024, f"{path}: {peak / 1e6:.0f} MB held"
    tracemalloc.start()
    try:
        page = streamed_upload(cast.page("buyer"), f"/rfqs/{cast.rfq.pk}/attachments/", fifty_mb)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (page.status_code, page["Location"]) == (302, f"/rfqs/{cast.rfq.pk}/")  # + the error
    assert peak < 20 * 1024 * 1024, f"the page: {peak / 1e6:.0f} MB held"


def test_x15_a_competitors_idempotency_key_replays_nothing_of_its_quote(cast: Cast) -> None:
    rfq = RFQFactory.create(buyer=cast.buyer.company, created_by=cast.buyer.user)
    path, key = f"/api/v1/rfqs/{rfq.pk}/quotes", {"HTTP_IDEMPOTENCY_KEY": "quote-2026-12-07"}
    first = cast.api("supplier_a").post(
        path, quote_body(A_PRICE), content_type="application/json", **key
    )
    assert first.status_code == 201

    second = cast.api("supplier_b").post(
        path, quote_body(A_PRICE), content_type="application/json", **key
    )

    assert second.status_code == 201
    assert second.json()["id"] != first.json()["id"]
    assert second.json()["supplier"]["slug"] == "supplier-b"
    assert Quote.objects.filter(rfq=rfq).count() == 2
