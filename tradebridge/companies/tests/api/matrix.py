"""Shared pieces of the authorization matrices: the actors and the exact error bodies."""

from django.test import Client

NOT_FOUND = {"code": "not_found", "message": "Not found.", "details": {}}

MEMBERS = ("owner", "admin", "purchaser", "sales", "viewer")
MANAGERS = ("owner", "admin")
NON_MANAGERS = ("purchaser", "sales", "viewer")


def expected_error(status: int) -> str | None:
    """The machine-readable code every denial with `status` must carry."""
    return {401: "not_authenticated", 403: "permission_denied", 404: "not_found"}.get(status)


def client_as(team, actor: str) -> Client:
    """A client signed in (session) as the actor's user; anonymous for "anonymous"."""
    client = Client()
    membership = team.member(actor)
    if membership is not None:
        client.force_login(membership.user)
    return client


def assert_denial(response, status: int) -> None:
    assert response.status_code == status
    if status == 404:
        assert response.json() == NOT_FOUND
    elif expected_error(status) is not None:
        assert response.json()["code"] == expected_error(status)


def matrix(allowed: tuple[str, ...], ok: int, denied_members: int = 403) -> list[tuple[str, int]]:
    """(actor, status) rows: `allowed` get `ok`, other members `denied_members`, the owner of
    another company 404 (no existence leak) and anonymous callers 401."""
    rows = [(actor, ok if actor in allowed else denied_members) for actor in MEMBERS]
    return [*rows, ("outsider", 404), ("anonymous", 401)]
