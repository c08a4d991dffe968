"""Error pages wear the site layout, say what happened in the visitor's language, obey the CSP."""

import pytest
from django.test import Client
from django.views.defaults import server_error

from tradebridge.core.tests.web.html_policy import csp_violations

pytestmark = pytest.mark.django_db


def test_an_unknown_address_gets_the_sites_not_found_page(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert 'data-error-code="not_found"' in response.text
    assert "<h1>Page not found</h1>" in response.text
    assert csp_violations(response.text) == []


def test_the_not_found_page_speaks_the_visitors_language(client):
    client.post("/preferences/language/", {"language": "de", "next": "/"})

    response = client.get("/no-such-page/")

    assert "<h1>Seite nicht gefunden</h1>" in response.text


def test_a_form_without_its_csrf_token_gets_an_explanation_not_a_bare_403():
    client = Client(enforce_csrf_checks=True)

    response = client.post("/preferences/currency/", {"currency": "EUR"})

    assert response.status_code == 403
    assert 'data-error-code="csrf_failed"' in response.text
    assert csp_violations(response.text) == []


def test_the_server_error_page_renders_without_any_context(rf):
    response = server_error(rf.get("/"))

    assert response.status_code == 500
    assert 'data-error-code="server_error"' in response.content.decode()
    assert csp_violations(response.content.decode()) == []
