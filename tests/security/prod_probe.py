"""Run inside a subprocess with the production settings: print what a client sees, as JSON.

Usage: python -m tests.security.prod_probe. Requests go through Django's test client, over HTTPS
unless said otherwise, to the host in ALLOWED_HOSTS; the database must be migrated.
"""

import json
import sys
from http.cookies import Morsel

import django

HOST = "tradebridge.example.com"


def _cookie_flags(morsel: Morsel[str]) -> dict[str, object]:
    return {
        "secure": bool(morsel["secure"]),
        "httponly": bool(morsel["httponly"]),
        "samesite": morsel["samesite"],
    }


def _probe() -> dict[str, object]:
    from django.test import Client

    client = Client(HTTP_HOST=HOST)
    plain = client.get("/accounts/login/")
    login_page = client.get("/accounts/login/", secure=True)
    # Choosing a display currency stores it in the session: the response sets the session cookie.
    preference = client.post(
        "/preferences/currency/",
        {"currency": "EUR", "next": "/", "csrfmiddlewaretoken": client.cookies["csrftoken"].value},
        secure=True,
        HTTP_REFERER=f"https://{HOST}/accounts/login/",
    )
    return {
        "plain_status": plain.status_code,
        "plain_location": plain.get("Location", ""),
        "status": login_page.status_code,
        "headers": dict(login_page.headers),
        "preference_status": preference.status_code,
        "cookies": {name: _cookie_flags(morsel) for name, morsel in client.cookies.items()},
    }


if __name__ == "__main__":
    django.setup()
    sys.stdout.write(json.dumps(_probe()))
