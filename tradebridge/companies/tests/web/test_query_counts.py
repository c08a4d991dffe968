"""List pages cost the same number of queries however long the list is."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tradebridge.companies.enums import Role
from tradebridge.companies.tests.factories import (
    MembershipFactory,
    issue_api_token,
    issue_invitation,
)
from tradebridge.companies.tests.web.pages import client_as

pytestmark = pytest.mark.django_db


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def _grow(team, rows: int) -> None:
    for _ in range(rows):
        MembershipFactory.create(company=team.company, role=Role.SALES)
        issue_invitation(company=team.company, invited_by=team.owner.user)
        issue_api_token(team.owner)


@pytest.mark.parametrize(
    "path", ["/company/members/", "/company/invitations/", "/account/tokens/", "/dashboard/"]
)
def test_list_pages_do_not_query_per_row(team, path):
    client = client_as(team, "owner")
    client.get(path)  # the first request of a session also stores the current company
    _grow(team, 1)
    few = _queries(client, path)

    _grow(team, 6)
    many = _queries(client, path)

    assert many == few
