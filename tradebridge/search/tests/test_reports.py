"""Search log aggregates: by market and week, operators only; a company sees its own
searches; suppliers see zero-result demand only once several buyers share it."""

import uuid

import pytest

from tradebridge.accounts.tests.factories import OperatorFactory, UserFactory
from tradebridge.catalog.tests.factories import SupplierFactory
from tradebridge.companies.enums import CompanyKind, Role
from tradebridge.companies.models import Membership
from tradebridge.companies.tests.factories import CompanyFactory, MembershipFactory
from tradebridge.core.errors import NotFound, PermissionDenied
from tradebridge.search.enums import SearchKind, SearchSource
from tradebridge.search.models import SearchLog
from tradebridge.search.reports import (
    QueryCount,
    search_log_list_for_company,
    search_top_queries,
    search_zero_result_queries,
    search_zero_result_queries_for_supplier,
)

pytestmark = pytest.mark.django_db

WEEK = "2026-W49"


def log(text: str, count: int, *, market: str = "DE", week: str = WEEK, company=None) -> None:
    SearchLog.objects.create(
        kind=SearchKind.PRODUCTS,
        source=SearchSource.API,
        text=text,
        normalized=text.casefold(),
        result_count=count,
        zero_results=count == 0,
        market=market,
        week=week,
        company_id=company,
    )


@pytest.fixture
def searches() -> list[uuid.UUID]:
    buyers = [CompanyFactory.create(kind=CompanyKind.BUYER).id for _ in range(3)]
    for _ in range(3):
        log("Soccer ball", 40, company=buyers[0])
    log("soccer ball", 38, company=buyers[1])
    log("kite", 0, company=buyers[0])
    log("kite", 0, company=buyers[1])
    log("kite", 0, company=buyers[2])
    log("kite", 0)  # an anonymous visitor
    log("yoga mat", 0, company=buyers[0])
    log("soccer ball", 41, market="FR")
    log("soccer ball", 45, week="2026-W48")
    return buyers


def test_top_queries_of_a_market_and_week_with_their_latest_result_count(searches):
    operator = OperatorFactory.create()

    rows = search_top_queries(operator=operator, week=WEEK, market="de")

    assert rows == [
        QueryCount("kite", searches=4, companies=3, last_result_count=0),
        QueryCount("soccer ball", searches=4, companies=2, last_result_count=38),
        QueryCount("yoga mat", searches=1, companies=1, last_result_count=0),
    ]
    everywhere = search_top_queries(operator=operator, week=WEEK)
    assert ("soccer ball", 5) in [(row.query, row.searches) for row in everywhere]


def test_zero_result_queries_by_market_and_week(searches):
    operator = OperatorFactory.create()

    rows = search_zero_result_queries(operator=operator, week=WEEK, market="DE")

    assert rows == [
        QueryCount("kite", searches=4, companies=3, last_result_count=0),
        QueryCount("yoga mat", searches=1, companies=1, last_result_count=0),
    ]
    assert search_zero_result_queries(operator=operator, week=WEEK, market="FR") == []


@pytest.mark.parametrize("reader", ["buyer", "inactive_operator"])
def test_only_active_operators_read_the_platform_aggregates(searches, reader):
    user = UserFactory.create() if reader == "buyer" else OperatorFactory.create(is_active=False)

    for selector in (search_top_queries, search_zero_result_queries):
        with pytest.raises(PermissionDenied):
            selector(operator=user, week=WEEK)


def _member(kind: CompanyKind, **fields: object) -> Membership:
    company = (
        SupplierFactory.create(**fields)
        if kind == CompanyKind.SUPPLIER
        else CompanyFactory.create(kind=kind, **fields)
    )
    return MembershipFactory.create(company=company, role=Role.SALES)


def test_suppliers_see_zero_result_queries_only_once_three_buyer_companies_ran_them(searches):
    supplier = _member(CompanyKind.SUPPLIER)

    rows = search_zero_result_queries_for_supplier(actor=supplier, week=WEEK)

    assert rows == [QueryCount("kite", searches=4, companies=3, last_result_count=0)]


def test_a_buyer_company_cannot_read_supplier_demand_and_an_inactive_member_reads_nothing(
    searches,
):
    with pytest.raises(PermissionDenied):
        search_zero_result_queries_for_supplier(actor=_member(CompanyKind.BUYER), week=WEEK)
    inactive = _member(CompanyKind.SUPPLIER)
    inactive.is_active = False
    with pytest.raises(NotFound):
        search_zero_result_queries_for_supplier(actor=inactive, week=WEEK)
    suspended = _member(CompanyKind.SUPPLIER, is_active=False)
    with pytest.raises(NotFound):
        search_zero_result_queries_for_supplier(actor=suspended, week=WEEK)


def test_a_company_reads_its_own_searches_only(searches):
    member = MembershipFactory.create(company_id=searches[1])
    stranger = MembershipFactory.create()

    mine = search_log_list_for_company(actor=member)

    assert sorted(entry.normalized for entry in mine) == ["kite", "soccer ball"]
    assert list(search_log_list_for_company(actor=stranger)) == []
    member.is_active = False
    assert list(search_log_list_for_company(actor=member)) == []
