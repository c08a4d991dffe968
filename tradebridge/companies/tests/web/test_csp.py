"""Every signed-in page carries the CSP header and nothing the policy would block."""

import pytest

from tradebridge.accounts.tests.factories import DEFAULT_PASSWORD
from tradebridge.companies.tests.factories import issue_invitation
from tradebridge.companies.tests.web.pages import client_as
from tradebridge.core.tests.web.html_policy import csp_violations

pytestmark = pytest.mark.django_db

MEMBER_PAGES = (
    "/",
    "/dashboard/",
    "/company/settings/",
    "/company/members/",
    "/company/invitations/",
    "/company/verification/",
    "/account/tokens/",
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/2fa/",
)


def _assert_obeys_csp(response) -> None:
    policy = response["Content-Security-Policy"]
    assert "style-src 'self';" in policy
    assert "unsafe-inline" not in policy
    assert csp_violations(response.text) == []


@pytest.mark.parametrize("actor", ["owner", "viewer"])
@pytest.mark.parametrize("path", MEMBER_PAGES)
def test_member_pages_obey_the_csp(team, actor, path):
    response = client_as(team, actor).get(path)

    assert response.status_code == 200
    _assert_obeys_csp(response)


def test_pages_with_one_time_content_obey_the_csp(team):
    client = client_as(team, "owner")
    issued = issue_invitation(company=team.company)

    pages = [
        client.post("/account/tokens/", {"name": "CI"}),
        client.get(f"/company/members/{team.viewer.pk}/remove/"),
        client.get(f"/invitations/{issued.token}/"),
        client.get("/company/settings/?x=1"),
    ]

    assert [page.status_code for page in pages] == [201, 200, 200, 200]
    for page in pages:
        _assert_obeys_csp(page)


def test_the_authenticator_setup_with_its_qr_code_obeys_the_csp(team):
    client = client_as(team, "owner")
    reauthentication = client.get("/accounts/2fa/totp/activate/")
    client.post("/accounts/reauthenticate/", {"password": DEFAULT_PASSWORD})

    response = client.get("/accounts/2fa/totp/activate/")

    assert reauthentication.status_code == 302
    assert reauthentication["Location"].startswith("/accounts/reauthenticate/")

    assert response.status_code == 200
    assert 'class="qr"' in response.text
    _assert_obeys_csp(response)
