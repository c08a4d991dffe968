"""Shared pieces of the web tests: signed-in clients and HTML inspection."""

from html.parser import HTMLParser

from django.test import Client

MEMBERS = ("owner", "admin", "purchaser", "sales", "viewer")
MANAGERS = ("owner", "admin")
NON_MANAGERS = ("purchaser", "sales", "viewer")


def client_as(team, actor: str) -> Client:
    """A browser-like client signed in as the actor's user ("anonymous": nobody)."""
    client = Client()
    membership = team.member(actor)
    if membership is not None:
        client.force_login(membership.user)
    return client


def htmx_headers() -> dict[str, str]:
    return {"HX-Request": "true"}


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {name: value or "" for name, value in attrs}))


def tags(html: str) -> list[tuple[str, dict[str, str]]]:
    """Every start tag of the page with its attributes, in document order."""
    parser = _Elements()
    parser.feed(html)
    return parser.elements


def elements(html: str, tag: str) -> list[dict[str, str]]:
    """The attributes of every `tag` element of the page (valueless ones as ""), in order."""
    return [attrs for name, attrs in tags(html) if name == tag]


def main_html(html: str) -> str:
    """The page's <main> element: what differs between pages (tokens in forms excluded)."""
    return html[html.index('<main id="main"') : html.index("</main>")]
