"""Form fields point screen readers at their help text: every `aria-describedby` id that Django
gives a widget with help text is on the page (layouts/_field.html renders the help with it)."""

from html.parser import HTMLParser

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.described_by: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if found.get("id"):
            self.ids.add(found["id"])
        for target in found.get("aria-describedby", "").split():
            self.described_by.append((found.get("name", tag), target))


def _described_by(html: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(every field -> help id, the ones whose id is missing from the page)."""
    parser = _Ids()
    parser.feed(html)
    missing = [(field, target) for field, target in parser.described_by if target not in parser.ids]
    return parser.described_by, missing


@pytest.mark.parametrize(
    ("actor", "path", "fields"),
    [
        ("owner", "/supplier/catalog/new/", 8),
        ("owner", "/company/settings/", 1),
        ("anonymous", "/signup/", 1),
    ],
)
def test_every_help_text_a_field_points_at_is_on_the_page(market, actor, path, fields):
    client: Client = market.client(actor)

    described, missing = _described_by(client.get(path).text)

    assert missing == []
    assert len(described) == fields
