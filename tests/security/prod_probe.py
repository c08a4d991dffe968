"""Run inside a subprocess with the production settings: print what a client sees, as JSON.

Usage: python -m tests.security.prod_probe PATH [PATH ...]; HTTPS requests through the test client.
"""

import json
import sys

import django


def _probe(path: str) -> dict[str, object]:
    from django.test import Client

    client = Client(HTTP_HOST="tradebridge.example.com")
    plain = client.get(path)
    secure = client.get(path, secure=True)
    return {
        "plain_status": plain.status_code,
        "plain_location": plain.get("Location", ""),
        "status": secure.status_code,
        "headers": dict(secure.headers),
        "cookies": {
            name: {"secure": bool(morsel["secure"]), "httponly": bool(morsel["httponly"])}
            for name, morsel in secure.cookies.items()
        },
    }


if __name__ == "__main__":
    django.setup()
    sys.stdout.write(json.dumps({path: _probe(path) for path in sys.argv[1:]}))
