"""The production settings pass Django's deployment checks and send the security headers."""

import json
import re
from typing import Any

import pytest

HSTS_ONE_YEAR = "max-age=31536000; includeSubDomains; preload"


@pytest.fixture(scope="module")
def prod_responses(run_in_prod) -> dict[str, Any]:
    """What a browser sees from a production deployment (migrated, static files collected)."""
    for command in (
        ["migrate", "--no-input", "-v", "0"],
        ["collectstatic", "--no-input", "-v", "0"],
    ):
        prepared = run_in_prod("-m", "django", *command)
        assert prepared.returncode == 0, prepared.stderr
    result = run_in_prod("-m", "tests.security.prod_probe")
    assert result.returncode == 0, result.stderr
    probed: dict[str, Any] = json.loads(result.stdout)
    return probed


def test_check_deploy_reports_nothing(run_in_prod):
    result = run_in_prod("-m", "django", "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_production_refuses_to_start_without_a_secret_key(run_in_prod, prod_env, monkeypatch):
    monkeypatch.delitem(prod_env, "SECRET_KEY")

    result = run_in_prod("-m", "django", "check")

    assert result.returncode == 1
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_plain_http_is_redirected_to_https(prod_responses):
    assert prod_responses["plain_status"] == 301
    assert prod_responses["plain_location"] == "https://tradebridge.example.com/accounts/login/"


def test_https_responses_carry_hsts_and_the_hardening_headers(prod_responses):
    headers = prod_responses["headers"]

    assert prod_responses["status"] == 200
    assert headers["Strict-Transport-Security"] == HSTS_ONE_YEAR
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_the_content_security_policy_allows_only_this_origin_and_nonced_scripts(prod_responses):
    directives = dict(
        part.strip().split(" ", 1)
        for part in prod_responses["headers"]["Content-Security-Policy"].split(";")
    )

    assert directives["default-src"] == "'self'"
    assert re.fullmatch(r"'self'( 'nonce-[\w+/=-]+')?", directives["script-src"])
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in prod_responses["headers"]["Content-Security-Policy"]
    assert "unsafe-eval" not in prod_responses["headers"]["Content-Security-Policy"]


def test_session_and_csrf_cookies_are_secure_and_the_session_is_http_only(prod_responses):
    cookies = prod_responses["cookies"]

    assert prod_responses["preference_status"] == 302
    assert cookies["sessionid"] == {"secure": True, "httponly": True, "samesite": "Lax"}
    assert cookies["csrftoken"]["secure"] is True
    assert cookies["csrftoken"]["samesite"] == "Lax"
    assert all(cookie["secure"] for cookie in cookies.values())
