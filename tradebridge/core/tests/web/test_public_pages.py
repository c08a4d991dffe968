"""The public pages: they render, point visitors to sign-up, and obey the strict CSP."""

import pytest

from tradebridge.core.tests.web.html_policy import csp_violations, scripts

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = (
    "/",
    "/accounts/login/",
    "/signup/",
    "/signup/?kind=supplier",
    "/accounts/password/reset/",
    "/accounts/confirm-email/",
)


def test_the_home_page_invites_buyers_and_suppliers_to_sign_up(client):
    response = client.get("/")

    assert response.status_code == 200
    assert 'href="/signup/?kind=buyer"' in response.text
    assert 'href="/signup/?kind=supplier"' in response.text
    assert 'href="/accounts/login/"' in response.text
    assert "Exchange rates: Source: ECB" in response.text


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_carry_the_csp_header_and_nothing_it_would_block(client, path):
    response = client.get(path)

    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self';" in policy
    assert "unsafe-inline" not in policy
    assert csp_violations(response.text) == []


def test_htmx_is_served_from_this_site(client):
    response = client.get("/")

    assert scripts(response.text) == [
        "/static/vendor/htmx/htmx.min.js",
        "/static/js/tradebridge.js",
        "/static/js/search.js",
    ]


def test_the_page_checker_catches_what_the_csp_would_block():
    html = (
        '<div style="color:red" onclick="go()"><style>p{}</style>'
        '<script>alert(1)</script><script nonce="abc">ok()</script>'
        '<script type="application/json">{}</script>'
        '<script src="https://cdn.example/x.js"></script></div>'
    )

    assert csp_violations(html, nonce="abc") == [
        "<div onclick=…>",
        "<div style=…>",
        "<style> element",
        "inline <script> without the page's nonce",
        "external script https://cdn.example/x.js",
    ]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Grenzüberschreitender B2B-Handel"),
        ("fr", "Commerce B2B international"),
        ("es", "Comercio B2B internacional"),
        ("zh-hans", "跨境 B2B 贸易"),
    ],
)
def test_the_language_switch_renders_the_home_page_in_that_language(client, language, text):
    response = client.post("/preferences/language/", {"language": language, "next": "/"})
    page = client.get("/")

    assert response.status_code == 302
    assert f'lang="{language}"' in page.text
    assert text in page.text
