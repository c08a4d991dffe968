"""GET /api/v1/rfqs/{id}/matches and GET /api/v1/rfq-inbox: bodies, who may read them, and
that nothing about other suppliers leaks into a supplier's inbox."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tradebridge.accounts.models import User
from tradebridge.accounts.tests.factories import UserFactory
from tradebridge.catalog.tests.factories import SupplierFactory
from tradebridge.companies.enums import Role
from tradebridge.companies.tests.factories import MembershipFactory
from tradebridge.rfq.enums import RFQVisibility
from tradebridge.rfq.services.matching import rfq_match
from tradebridge.rfq.tests.factories import BuyerFactory, RFQFactory, RFQInvitationFactory
from tradebridge.rfq.tests.matching.conftest import SOCCER_BALLS, Market, supplier_with

pytestmark = pytest.mark.django_db
NOT_FOUND = {"code": "not_found", "message": "Not found.", "details": {}}


def _client(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _matches(user: User | None, market: Market) -> object:
    return _client(user).get(f"/api/v1/rfqs/{market.rfq.id}/matches")


def test_the_buyer_reads_the_ranked_suppliers_with_reasons(market: Market) -> None:
    rfq_match(rfq_id=market.rfq.id)

    response = _client(market.buyer_member.user).get(
        f"/api/v1/rfqs/{market.rfq.id}/matches", HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == 1
    (match,) = body["results"]
    assert {k: match[k] for k in ("slug", "name", "rank", "source", "notified")} == {
        "slug": market.balls.slug,
        "name": "Xiamen Balls",
        "rank": 1,
        "source": "matched",
        "notified": True,
    }
    assert 0 < match["score"] <= 1
    assert match["reasons"][0] == {
        "code": "category_products",
        "text": "2 products in Soccer Balls",
        "params": {"category": "Soccer Balls", "count": 2},
    }
    assert [reason["code"] for reason in match["reasons"]] == [
        "category_products",
        "similar_products",
        "certified",
        "business_verified",
    ]


def test_the_operator_reads_any_rfqs_matches(market: Market) -> None:
    rfq_match(rfq_id=market.rfq.id)
    operator = UserFactory.create(is_staff=True)

    response = _matches(operator, market)

    assert response.status_code == 200  # type: ignore[attr-defined]
    assert response.json()["count"] == 1  # type: ignore[attr-defined]


@pytest.mark.parametrize("who", ["matched_supplier", "other_supplier", "other_buyer"])
def test_anyone_else_gets_404_as_for_an_unknown_rfq(market: Market, who: str) -> None:
    rfq_match(rfq_id=market.rfq.id)
    users = {
        "matched_supplier": market.balls_member.user,
        "other_supplier": market.mugs_member.user,
        "other_buyer": MembershipFactory.create(
            company=BuyerFactory.create(), role=Role.OWNER
        ).user,
    }

    response = _matches(users[who], market)

    assert response.status_code == 404  # type: ignore[attr-defined]
    assert response.json() == NOT_FOUND  # type: ignore[attr-defined]


def test_anonymous_callers_get_401(market: Market) -> None:
    assert _matches(None, market).status_code == 401  # type: ignore[attr-defined]
    assert Client().get("/api/v1/rfq-inbox").status_code == 401


def test_the_inbox_lists_the_suppliers_rfqs_by_fit_and_nothing_about_others(
    market: Market,
) -> None:
    rival = supplier_with(["Soccer ball size 5 PVC"], SOCCER_BALLS, display_name="Rival Balls")
    rfq_match(rfq_id=market.rfq.id)
    RFQFactory.create(title="Garden chairs")

    response = _client(market.balls_member.user).get("/api/v1/rfq-inbox", HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 200
    body = response.json()
    assert [item["title"] for item in body["results"]] == ["Soccer balls size 5", "Garden chairs"]
    first = body["results"][0]
    assert first["source"] == "matched"
    assert first["is_new"] is True
    assert first["has_quoted"] is False
    assert first["reasons"][0]["text"] == "2 produits dans Soccer Balls"
    assert first["category"] == "Soccer Balls"
    text = response.content.decode()
    assert "Rival Balls" not in text
    assert rival.slug not in text
    assert str(rival.id) not in text
    assert body["results"][1]["score"] is None


def test_an_uninvited_supplier_never_sees_an_invited_only_rfq(market: Market) -> None:
    market.rfq.visibility = RFQVisibility.INVITED
    market.rfq.save(update_fields=["visibility"])
    RFQInvitationFactory.create(rfq=market.rfq, supplier=market.mugs)
    rfq_match(rfq_id=market.rfq.id)

    uninvited = _client(market.balls_member.user).get("/api/v1/rfq-inbox").json()
    invited = _client(market.mugs_member.user).get("/api/v1/rfq-inbox").json()

    assert uninvited["count"] == 0
    assert [item["source"] for item in invited["results"]] == ["invited"]


def test_a_suspended_supplier_sees_no_rfq(market: Market) -> None:
    rfq_match(rfq_id=market.rfq.id)
    market.balls.is_active = False
    market.balls.save(update_fields=["is_active"])

    response = _client(market.balls_member.user).get("/api/v1/rfq-inbox")

    # A suspended company's members act for no company: the platform answers 404.
    assert response.status_code == 404
    assert response.json() == NOT_FOUND


def test_the_inbox_costs_the_same_queries_for_one_rfq_or_many(market: Market) -> None:
    rfq_match(rfq_id=market.rfq.id)
    client = _client(market.balls_member.user)
    client.get("/api/v1/rfq-inbox")  # warm the session

    with CaptureQueriesContext(connection) as one:
        client.get("/api/v1/rfq-inbox")
    for number in range(6):
        rfq = RFQFactory.create(title=f"Soccer balls lot {number}", category_id=SOCCER_BALLS)
        rfq_match(rfq_id=rfq.id)
    with CaptureQueriesContext(connection) as seven:
        response = client.get("/api/v1/rfq-inbox")

    assert response.json()["count"] == 7
    assert len(seven) == len(one)


def test_pages_are_bounded(market: Market) -> None:
    SupplierFactory.create()
    response = _client(market.balls_member.user).get("/api/v1/rfq-inbox?page_size=101")

    assert response.status_code == 422
