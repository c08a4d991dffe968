"""The supplier-terms API and the Payment terms settings page: reading and setting the own
company's terms, validation, authorization (another company's terms are never reachable; a
viewer or a buyer-only company changes nothing; anonymous callers are refused), and the
checkout review showing each supplier's terms."""

import json
import re
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from tradebridge.companies.enums import CompanyKind, Role
from tradebridge.companies.models import Membership
from tradebridge.companies.tests.factories import CompanyFactory, MembershipFactory
from tradebridge.orders.models import SupplierTerms
from tradebridge.orders.services.carts import cart_item_add
from tradebridge.orders.services.terms import supplier_terms_get, supplier_terms_set
from tradebridge.orders.tests.buying import buyer_member, default_address, product, supplier_company

pytestmark = pytest.mark.django_db

URL = "/api/v1/supplier-terms"
PAGE = "/company/payment-terms/"


def _seller(role: Role = Role.OWNER, kind: CompanyKind = CompanyKind.SUPPLIER) -> Membership:
    return MembershipFactory.create(company=supplier_company(kind=kind), role=role)


def _client(member: Membership) -> Client:
    client = Client()
    client.force_login(member.user)
    return client


def _put(client: Client, body: Any) -> Any:
    return client.put(URL, json.dumps(body), content_type="application/json")


def _rows() -> list[tuple[Any, Decimal, str]]:
    return list(SupplierTerms.objects.values_list("company_id", "deposit_percent", "balance_due"))


def test_a_supplier_reads_the_default_then_sets_and_reads_its_terms() -> None:
    owner = _seller()
    client = _client(owner)

    before = client.get(URL)
    put = _put(client, {"deposit_percent": "30", "balance_due": "against_documents"})
    after = client.get(URL)

    assert (before.status_code, before.json()) == (
        200,
        {"deposit_percent": "100", "balance_due": "before_shipment", "is_default": True},
    )
    expected = {"deposit_percent": "30", "balance_due": "against_documents", "is_default": False}
    assert (put.status_code, put.json()) == (200, expected)
    assert (after.status_code, after.json()) == (200, expected)
    assert _rows() == [(owner.company_id, Decimal("30.00"), "against_documents")]


def test_an_integer_percent_with_decimals_as_a_string_is_taken() -> None:
    client = _client(_seller(Role.ADMIN, CompanyKind.BOTH))

    assert (
        _put(client, {"deposit_percent": 25, "balance_due": "net_30"}).json()["deposit_percent"]
        == "25"
    )
    assert (
        _put(client, {"deposit_percent": "12.5", "balance_due": "net_30"}).json()["deposit_percent"]
        == "12.5"
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"deposit_percent": "101", "balance_due": "net_30"}, "deposit_percent"),
        ({"deposit_percent": "-5", "balance_due": "net_30"}, "deposit_percent"),
        ({"deposit_percent": "30.123", "balance_due": "net_30"}, "deposit_percent"),
        ({"deposit_percent": "30", "balance_due": "net_90"}, "balance_due"),
    ],
)
def test_bad_terms_answer_422_and_change_nothing(body: dict[str, Any], field: str) -> None:
    client = _client(_seller())

    response = _put(client, body)

    # The schema says what is valid (0 to 100, two decimals; the four balance terms), so the
    # API refuses before the service: 422 invalid_input naming the field.
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"
    assert any(field in error["loc"] for error in response.json()["details"]["errors"])
    assert _rows() == []


@pytest.mark.parametrize(
    "body",
    [
        {"deposit_percent": 30.5, "balance_due": "net_30"},  # a float: strings or integers only
        {"deposit_percent": "30", "balance_due": "net_30", "company_id": "x"},
        {"deposit_percent": "30"},
    ],
)
def test_malformed_bodies_are_refused(body: dict[str, Any]) -> None:
    response = _put(_client(_seller()), body)

    assert response.status_code == 422
    assert _rows() == []


def test_another_companys_terms_are_never_read_nor_written() -> None:
    mine, theirs = _seller(), _seller()
    supplier_terms_set(actor=theirs, deposit_percent="40", balance_due="on_delivery")
    client = _client(mine)

    read = client.get(URL).json()
    _put(client, {"deposit_percent": "10", "balance_due": "net_30"})

    assert read["is_default"] is True
    assert supplier_terms_get(theirs.company_id).deposit_percent == Decimal("40.00")
    assert {row[0]: row[1] for row in _rows()} == {
        theirs.company_id: Decimal("40.00"),
        mine.company_id: Decimal("10.00"),
    }


@pytest.mark.parametrize("role", [Role.VIEWER, Role.SALES])
def test_members_below_admin_read_but_may_not_write(role: Role) -> None:
    member = _seller(role)
    client = _client(member)

    assert client.get(URL).status_code == 200
    response = _put(client, {"deposit_percent": "30", "balance_due": "net_30"})

    assert (response.status_code, response.json()["code"]) == (403, "permission_denied")
    assert _rows() == []


def test_a_company_that_only_buys_may_not_set_terms() -> None:
    owner = MembershipFactory.create(
        company=CompanyFactory.create(kind=CompanyKind.BUYER), role=Role.OWNER
    )

    response = _put(_client(owner), {"deposit_percent": "30", "balance_due": "net_30"})

    assert (response.status_code, response.json()["details"]) == (403, {"reason": "not_a_supplier"})
    assert _rows() == []


def test_anonymous_callers_are_refused() -> None:
    client = Client()

    assert client.get(URL).status_code == 401
    assert _put(client, {"deposit_percent": "30", "balance_due": "net_30"}).status_code == 401
    assert client.get(PAGE)["Location"].startswith("/accounts/login/")
    assert client.post(PAGE, {"deposit_percent": "30", "balance_due": "net_30"}).status_code == 302
    assert _rows() == []


# --- the settings page ------------------------------------------------------------------------


def test_the_page_shows_the_default_and_the_escrow_help_and_saves() -> None:
    owner = _seller()
    client = _client(owner)

    page = client.get(PAGE).content.decode()
    saved = client.post(PAGE, {"deposit_percent": "30", "balance_due": "before_shipment"})
    again = client.get(PAGE).content.decode()

    assert "Full payment before production" in page
    assert "before production starts" in page
    assert 'id="terms-form"' in page
    assert f'href="{PAGE}" aria-current="page"' in page
    assert (saved.status_code, saved["Location"]) == (302, PAGE)
    assert "30 % deposit, balance before shipment" in again
    assert _rows() == [(owner.company_id, Decimal("30.00"), "before_shipment")]


def test_a_bad_percent_is_shown_on_the_form_and_nothing_saved() -> None:
    client = _client(_seller())

    response = client.post(PAGE, {"deposit_percent": "120", "balance_due": "net_30"})

    assert response.status_code == 400
    assert 'id="id_deposit_percent"' in response.content.decode()
    assert _rows() == []


def test_a_viewer_sees_the_terms_without_the_form_and_cannot_post() -> None:
    viewer = _seller(Role.VIEWER)
    supplier_terms_set(
        actor=MembershipFactory.create(company=viewer.company, role=Role.OWNER),
        deposit_percent="50",
        balance_due="on_delivery",
    )
    client = _client(viewer)

    page = client.get(PAGE).content.decode()
    posted = client.post(PAGE, {"deposit_percent": "10", "balance_due": "net_30"})

    assert "50 % deposit, balance on delivery" in page
    assert 'id="terms-form"' not in page
    assert posted.status_code == 403
    assert _rows() == [(viewer.company_id, Decimal("50.00"), "on_delivery")]


def test_a_buyer_only_company_has_no_terms_page_nor_link() -> None:
    buyer = buyer_member(Role.OWNER)
    client = _client(buyer)

    assert client.get(PAGE).status_code == 403
    assert PAGE not in client.get("/company/addresses/").content.decode()


def test_the_checkout_review_shows_each_suppliers_terms() -> None:
    seller, prepaid = _seller(), supplier_company()
    supplier_terms_set(actor=seller, deposit_percent="30", balance_due="net_30")
    buyer = buyer_member()
    default_address(buyer)
    cart_item_add(actor=buyer, product_id=product(seller.company).pk, quantity=10)
    cart_item_add(actor=buyer, product_id=product(prepaid).pk, quantity=10)

    page = _client(buyer).get("/checkout/").content.decode()

    terms = re.findall(r"<dd data-group-terms>([^<]+)</dd>", page)
    assert sorted(terms) == [
        "30 % deposit, balance 30 days after delivery",
        "Full payment before production",
    ]
