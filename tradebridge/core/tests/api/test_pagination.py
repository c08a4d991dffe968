from typing import Any

import pytest
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import NinjaAPI, Router, Schema
from ninja.pagination import paginate
from ninja.testing import TestClient

from tradebridge.core.api.pagination import PagePagination
from tradebridge.core.models import AuditEvent
from tradebridge.core.services.audit import audit_record


class NumberOut(Schema):
    value: int


router = Router()


@router.get("/numbers", response=list[NumberOut], auth=None)
@paginate(PagePagination)
def list_numbers(request: HttpRequest) -> list[dict[str, Any]]:
    return [{"value": n} for n in range(1, 46)]


client = TestClient(router)


def test_first_page_has_the_default_size_and_the_total_count():
    response = client.get("/numbers")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 45
    assert body["page"] == 1
    assert body["page_size"] == 20
    assert [item["value"] for item in body["results"]] == list(range(1, 21))


def test_last_page_is_partial():
    response = client.get("/numbers?page=3&page_size=20")

    assert response.json() == {
        "count": 45,
        "page": 3,
        "page_size": 20,
        "results": [{"value": n} for n in range(41, 46)],
    }


@pytest.mark.parametrize("page", [4, 1000, 10**30])
def test_page_past_the_end_is_empty_not_an_error(page):
    response = client.get(f"/numbers?page={page}")

    assert response.status_code == 200
    assert response.json() == {"count": 45, "page": page, "page_size": 20, "results": []}


@pytest.mark.parametrize(
    ("_case", "query"),
    [
        ("page zero", "page=0"),
        ("negative page", "page=-1"),
        ("page size zero", "page_size=0"),
        ("page size above 100", "page_size=101"),
        ("not a number", "page=two"),
    ],
)
def test_out_of_bounds_parameters_are_rejected(_case, query):
    response = client.get(f"/numbers?{query}")

    assert response.status_code == 422


def test_page_size_of_100_is_allowed():
    response = client.get("/numbers?page_size=100")

    assert response.json()["page_size"] == 100
    assert len(response.json()["results"]) == 45


def test_openapi_documents_the_page_parameters():
    api = NinjaAPI(urls_namespace="pagination-openapi-test")
    api.add_router("/", router)
    schema = api.get_openapi_schema(path_prefix="")

    params = {p["name"] for p in schema["paths"]["/numbers"]["get"]["parameters"]}
    assert params == {"page", "page_size"}
    assert "/events" in schema["paths"]


class AuditEventOut(Schema):
    action: str
    object_id: str


@router.get("/events", response=list[AuditEventOut], auth=None)
@paginate(PagePagination)
def list_events(request: HttpRequest) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.order_by("object_id")


@pytest.mark.django_db
def test_a_queryset_page_costs_one_count_and_one_select(django_assert_num_queries):
    for n in range(25):
        audit_record(action="rfq.published", object_type="rfq", object_id=f"r{n:02d}")

    with django_assert_num_queries(2):
        response = client.get("/events?page=2&page_size=10")

    body = response.json()
    assert body["count"] == 25
    assert [item["object_id"] for item in body["results"]] == [f"r{n:02d}" for n in range(10, 20)]


@pytest.mark.django_db
def test_a_page_past_the_end_of_a_queryset_skips_the_select(django_assert_num_queries):
    audit_record(action="rfq.published", object_type="rfq", object_id="r1")

    with django_assert_num_queries(1):
        response = client.get("/events?page=99")

    assert response.json() == {"count": 1, "page": 99, "page_size": 20, "results": []}
