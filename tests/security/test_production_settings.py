"""The production settings pass Django's deployment checks and send the security headers."""

import json
import re
from typing import Any

import pytest

HSTS_ONE_YEAR = "max-age=31536000; includeSubDomains; preload"


@pytest.fixture(scope="module")
def login_page(run_in_prod) -> dict[str, Any]:
    collected = run_in_prod("-m", "django", "collectstatic", "--no-input", "-v", "0")
    assert collected.returncode == 0, collected.stderr
    result = run_in_prod("-m", "tests.security.prod_probe", "/accounts/login/")
    assert result.returncode == 0, result.stderr
    probed: dict[str, dict[str, Any]] = json.loads(result.stdout)
    return probed["/accounts/login/"]


def test_check_deploy_reports_nothing(run_in_prod):
    result = run_in_prod("-m", "django", "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_production_refuses_to_start_without_a_secret_key(run_in_prod, prod_env, monkeypatch):
    monkeypatch.delitem(prod_env, "SECRET_KEY")

    result = run_in_prod("-m", "django", "check")

    assert result.returncode == 1
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_plain_http_is_redirected_to_https(login_page):
    assert login_page["plain_status"] == 301
    assert login_page["plain_location"] == "https://tradebridge.example.com/accounts/login/"


def test_https_responses_carry_hsts_and_the_hardening_headers(login_page):
    headers = login_page["headers"]

    assert login_page["status"] == 200
    assert headers["Strict-Transport-Security"] == HSTS_ONE_YEAR
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_the_content_security_policy_allows_only_this_origin_and_nonced_scripts(login_page):
    directives = dict(
        part.strip().split(" ", 1)
        for part in login_page["headers"]["Content-Security-Policy"].split(";")
    )

    assert directives["default-src"] == "'self'"
    assert re.fullmatch(r"'self'( 'nonce-[\w+/=-]+')?", directives["script-src"])
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in login_page["headers"]["Content-Security-Policy"]
    assert "unsafe-eval" not in login_page["headers"]["Content-Security-Policy"]


def test_cookies_are_secure_and_the_session_is_http_only(login_page):
    cookies = login_page["cookies"]

    assert cookies["csrftoken"]["secure"] is True
    assert all(cookie["secure"] for cookie in cookies.values())
