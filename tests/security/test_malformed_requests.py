"""Requests Django refuses to parse answer 4xx on every kind of page, never 500.

Too many query or form fields, a body over DATA_UPLOAD_MAX_MEMORY_SIZE, broken percent-encoding
and invalid UTF-8. A page that reads the malformed data answers 400 with the site's error page
(the API: its JSON error body); a page that never reads it answers as usual. The error page
itself must not read the data again: that once turned `GET /search/?<1,001 fields>` into a 500.
"""

from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tradebridge.accounts.tests.factories import UserFactory
from tradebridge.catalog.tests.factories import ProductFactory
from tradebridge.companies.enums import Role
from tradebridge.companies.tests.factories import MembershipFactory, issue_api_token

pytestmark = pytest.mark.django_db

TOO_MANY_FIELDS = "&".join(f"f{number}=1" for number in range(1_001))
TOO_LARGE_FORM = "text=" + "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
BROKEN_QUERY = "q=%ff%fe%zz%&%c3=%e9t%C3%A9"


@dataclass(frozen=True)
class Site:
    client: Client
    token: str
    paths: dict[str, str]


@pytest.fixture
def site(search_index: Any) -> Site:
    """A signed-in supplier owner (session and API token), one published product."""
    owner = MembershipFactory.create(user=UserFactory.create(), role=Role.OWNER)
    product = ProductFactory.create(supplier=owner.company)
    client = Client(raise_request_exception=False)
    client.force_login(owner.user)
    return Site(
        client=client,
        token=issue_api_token(owner).token,
        paths={
            "home": "/",
            "search": "/search/",
            "product": reverse("catalog_product", args=[product.id, "ball"]),
            "storefront": f"/suppliers/{owner.company.slug}/",
            "dashboard": "/dashboard/",
            "login": "/accounts/login/",
            "api": "/api/v1/products",
            "api_write": f"/api/v1/companies/{owner.company.id}/products",
        },
    )


def _is_error_page(response: Any, code: str) -> bool:
    return f'data-error-code="{code}"' in response.content.decode()


def _is_api_error(response: Any, status: int, code: str) -> bool:
    return response.status_code == status and response.json()["code"] == code


# Pages that read the query string answer 400; the home page and the dashboard never read it.
@pytest.mark.parametrize(
    ("page", "status"),
    [
        ("home", 200),
        ("search", 400),
        ("product", 400),
        ("storefront", 400),
        ("dashboard", 200),
        ("login", 400),
    ],
)
def test_a_page_with_1001_query_fields_answers_the_error_page_or_ignores_them(site, page, status):
    response = site.client.get(f"{site.paths[page]}?{TOO_MANY_FIELDS}")

    assert response.status_code == status
    assert _is_error_page(response, "bad_request") is (status == 400)


def test_the_search_page_with_1001_query_fields_answers_400_not_500(site):
    response = site.client.get(f"/search/?q=ball&{TOO_MANY_FIELDS}")

    assert response.status_code == 400
    assert "<h1>Bad request</h1>" in response.content.decode()


@pytest.mark.parametrize("page", ["login", "dashboard", "search"])
def test_a_form_with_1001_fields_or_too_large_a_body_never_answers_500(site, page):
    for body in (TOO_MANY_FIELDS, TOO_LARGE_FORM):
        response = site.client.post(
            site.paths[page], body, content_type="application/x-www-form-urlencoded"
        )

        assert response.status_code == {"login": 400, "dashboard": 200, "search": 405}[page]


def test_the_login_form_with_too_large_a_body_answers_the_error_page(site):
    site.client.logout()

    response = site.client.post(
        "/accounts/login/", TOO_LARGE_FORM, content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 400
    assert _is_error_page(response, "bad_request")


# The signed-in owner is sent on from the login page to the dashboard.
@pytest.mark.parametrize(
    ("page", "status"),
    [
        ("home", 200),
        ("search", 200),
        ("product", 200),
        ("storefront", 200),
        ("dashboard", 200),
        ("login", 302),
    ],
)
def test_broken_percent_encoding_and_utf8_in_the_query_are_read_as_replacement_characters(
    site, page, status
):
    response = site.client.get(f"{site.paths[page]}?{BROKEN_QUERY}")

    assert response.status_code == status


def test_broken_utf8_in_the_path_is_a_not_found_page(site):
    response = site.client.get("/suppliers/%ff%fe/")

    assert response.status_code == 404
    assert _is_error_page(response, "not_found")


def test_the_api_answers_1001_query_fields_with_its_json_error(site):
    response = site.client.get(f"{site.paths['api']}?{TOO_MANY_FIELDS}")

    assert _is_api_error(response, 400, "bad_request")
    assert response.json()["details"] == {}


def test_the_api_answers_too_large_a_json_body_with_413(site):
    body = '{"sku": "' + "x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE + '"}'

    response = site.client.post(
        site.paths["api_write"],
        body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {site.token}"},
    )

    assert _is_api_error(response, 413, "request_too_large")
    assert response.json()["details"] == {"max_bytes": settings.DATA_UPLOAD_MAX_MEMORY_SIZE}


def test_the_api_answers_a_json_body_in_broken_utf8_with_its_json_error(site):
    response = site.client.post(
        site.paths["api_write"],
        b'{"sku": "\xff\xfe"}',
        content_type="application/json",
        headers={"Authorization": f"Bearer {site.token}"},
    )

    assert _is_api_error(response, 400, "bad_request")


def test_the_api_reads_broken_percent_encoding_in_the_query_as_text(site):
    response = site.client.get(f"{site.paths['api']}?{BROKEN_QUERY}")

    assert response.status_code == 200
    assert response.json()["count"] == 0


@pytest.mark.parametrize("path", ["/api/v1/nope", "/api/v1/products/1/2/3", "/api/v1/me/"])
def test_an_unknown_api_path_answers_the_json_not_found(site, path):
    response = site.client.get(f"{path}?{TOO_MANY_FIELDS}")

    assert response.status_code == 404
    assert response.json() == {
        "code": "not_found",
        "message": "No API operation at this path.",
        "details": {},
    }


def test_the_api_root_answers_the_json_not_found(site):
    response = site.client.get("/api/v1/")

    assert response.json() == {"code": "not_found", "message": "Not found.", "details": {}}
    assert response.status_code == 404


def test_an_unknown_api_path_answers_json_even_for_a_malformed_body(site):
    response = site.client.post(
        "/api/v1/nope", TOO_LARGE_FORM, content_type="application/x-www-form-urlencoded"
    )

    assert _is_api_error(response, 404, "not_found")
