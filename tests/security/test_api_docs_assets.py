"""The interactive API docs load every asset from this server: no CDN, no inline script."""

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

ASSET = re.compile(r"""(?:src|href)=["']([^"']+)["']""")
SCRIPT_TAG = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL)


@pytest.fixture
def docs_html() -> str:
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    return response.content.decode()


def test_every_asset_of_the_docs_page_is_served_locally(docs_html):
    assets = ASSET.findall(docs_html)

    assert assets
    assert [url for url in assets if not url.startswith("/static/")] == []


def test_the_docs_page_has_no_executable_inline_script(docs_html):
    inline = [
        match.group("body").strip()
        for match in SCRIPT_TAG.finditer(docs_html)
        if "src=" not in match.group("attrs") and "application/json" not in match.group("attrs")
    ]

    assert inline == []


def test_the_openapi_schema_is_public_and_names_the_api():
    response = Client().get("/api/v1/openapi.json")

    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Tradebridge API"
