"""allauth's pages speak like the rest of the site: sentence case ("Sign in", not "Sign In",
through tradebridge/locale/en), and sign-in offers the site's own sign-up page."""

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

TITLE_CASE = re.compile(r"Sign In|Sign Up|Remember Me|Verify Your Email|Email Address|>Email<")


def _page(path: str, language: str = "en") -> str:
    response = Client().get(path, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.text


def test_sign_in_is_in_sentence_case():
    page = _page("/accounts/login/")

    assert re.search(r"<title>\s*Sign in\s*· Tradebridge</title>", page)
    assert re.search(r"<h1[^>]*>\s*Sign in\s*</h1>", page)
    assert "Remember me" in page
    assert '<label for="id_login">E-mail</label>' in page  # as the site spells it
    assert TITLE_CASE.findall(page) == []


@pytest.mark.parametrize(
    ("query", "href"),
    [("", "/signup/"), ("?next=/dashboard/", "/signup/?next=%2Fdashboard%2F")],
)
def test_sign_in_links_the_sites_own_sign_up_page_keeping_next(query, href):
    page = _page(f"/accounts/login/{query}")

    assert f'<a href="{href}">' in page
    assert 'href="/accounts/signup/' not in page


def test_the_address_confirmation_page_is_in_sentence_case():
    page = _page("/accounts/confirm-email/")

    assert "Verify your e-mail address" in page
    assert TITLE_CASE.findall(page) == []


def test_other_languages_keep_allauths_translations():
    page = _page("/accounts/login/", "de")

    assert re.search(r"<h1[^>]*>\s*Anmeldung\s*</h1>", page)
    assert "Sign in" not in page
