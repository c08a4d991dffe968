import pytest
from django.conf import settings

from tradebridge.accounts.tests.factories import UserFactory
from tradebridge.companies.enums import Role
from tradebridge.companies.models import Membership
from tradebridge.companies.tests.api.matrix import (
    MANAGERS,
    MEMBERS,
    assert_denial,
    client_as,
    matrix,
)
from tradebridge.companies.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def target(team) -> Membership:
    """A viewer of company A whom the matrix tries to change or remove."""
    return MembershipFactory.create(
        company=team.company, user=UserFactory.create(email="target@example.com"), role=Role.VIEWER
    )


@pytest.mark.parametrize(("actor_case", "status"), matrix(MEMBERS, 200))
def test_member_list_matrix(team, actor_case, status):
    response = client_as(team, actor_case).get(f"/api/v1/companies/{team.company.id}/members")

    if status == 200:
        body = response.json()
        assert response.status_code == 200
        assert body["count"] == 5
        assert [member["role"] for member in body["results"]] == list(MEMBERS)
        assert body["results"][0]["user"] == {
            "id": str(team.owner.user.id),
            "email": "owner@alpha.example.com",
            "full_name": team.owner.user.full_name,
        }
    else:
        assert_denial(response, status)


@pytest.mark.parametrize(("actor_case", "status"), matrix(MANAGERS, 200))
def test_member_role_change_matrix(team, target, actor_case, status):
    response = client_as(team, actor_case).patch(
        f"/api/v1/companies/{team.company.id}/members/{target.id}",
        {"role": "sales"},
        content_type="application/json",
    )

    target.refresh_from_db()
    if status == 200:
        assert response.status_code == 200
        assert response.json()["role"] == "sales"
        assert target.role == Role.SALES
    else:
        assert_denial(response, status)
        assert target.role == Role.VIEWER


@pytest.mark.parametrize(("actor_case", "status"), matrix(MANAGERS, 204))
def test_member_remove_matrix(team, target, actor_case, status):
    response = client_as(team, actor_case).delete(
        f"/api/v1/companies/{team.company.id}/members/{target.id}"
    )

    target.refresh_from_db()
    if status == 204:
        assert response.status_code == 204
        assert response.content == b""
        assert target.is_active is False
    else:
        assert_denial(response, status)
        assert target.is_active is True


@pytest.mark.parametrize("actor_case", ["admin", "purchaser", "sales", "viewer"])
def test_members_leave_through_delete_on_their_own_membership(team, actor_case):
    member = team.member(actor_case)

    response = client_as(team, actor_case).delete(
        f"/api/v1/companies/{team.company.id}/members/{member.id}"
    )

    assert response.status_code == 204
    assert Membership.objects.get(id=member.id).is_active is False


def test_the_last_owner_leaving_is_a_409(team):
    response = client_as(team, "owner").delete(
        f"/api/v1/companies/{team.company.id}/members/{team.owner.id}"
    )

    assert response.status_code == 409
    assert response.json() == {
        "code": "conflict",
        "message": "The last owner cannot be removed or demoted.",
        "details": {"reason": "last_owner"},
    }
    assert Membership.objects.get(id=team.owner.id).is_active is True


def test_member_list_paginates(team):
    response = client_as(team, "viewer").get(
        f"/api/v1/companies/{team.company.id}/members", {"page": 2, "page_size": 2}
    )

    body = response.json()
    assert (body["count"], body["page"], body["page_size"]) == (5, 2, 2)
    assert [member["role"] for member in body["results"]] == ["purchaser", "sales"]


@pytest.mark.parametrize("extra_members", [0, 15])
def test_member_list_query_count_does_not_grow_with_members(
    team, extra_members, django_assert_num_queries
):
    for _ in range(extra_members):
        MembershipFactory.create(company=team.company)
    client = client_as(team, "viewer")

    # session (when sessions live in the database), user, membership of the actor, count,
    # one page with users joined
    session_queries = int(settings.SESSION_ENGINE == "django.contrib.sessions.backends.db")
    with django_assert_num_queries(4 + session_queries):
        response = client.get(f"/api/v1/companies/{team.company.id}/members")

    assert response.json()["count"] == 5 + extra_members
