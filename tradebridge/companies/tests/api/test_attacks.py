"""Attack cases from the reliability research (§8): X4 cross-company role escalation,
X9 mass assignment, and the enumeration half of X15 on invitation acceptance."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tradebridge.accounts.models import User
from tradebridge.accounts.tests.factories import UserFactory
from tradebridge.companies.enums import Role, VerificationLevel
from tradebridge.companies.models import Company, Invitation, Membership
from tradebridge.companies.tests.api.matrix import NOT_FOUND, client_as
from tradebridge.companies.tests.factories import MembershipFactory, issue_invitation

pytestmark = pytest.mark.django_db


# --- X4: cross-company role escalation ------------------------------------------------------


@pytest.fixture
def b_member(team) -> Membership:
    return MembershipFactory.create(company=team.other_company, role=Role.VIEWER)


@pytest.mark.parametrize("company_case", ["company_b_path", "own_company_path"])
def test_x4_an_admin_of_a_cannot_change_a_member_of_b(team, b_member, company_case):
    company_id = team.other_company.id if company_case == "company_b_path" else team.company.id

    response = client_as(team, "admin").patch(
        f"/api/v1/companies/{company_id}/members/{b_member.id}",
        {"role": "admin"},
        content_type="application/json",
    )

    assert (response.status_code, response.json()) == (404, NOT_FOUND)
    assert Membership.objects.get(id=b_member.id).role == Role.VIEWER


@pytest.mark.parametrize(
    ("role", "status", "code"),
    [
        ("owner", 403, "permission_denied"),
        ("platform_staff", 422, "invalid_input"),
        ("OWNER", 422, "invalid_input"),
    ],
)
def test_x4_an_admin_cannot_invite_above_its_role_or_with_made_up_roles(team, role, status, code):
    response = client_as(team, "admin").post(
        f"/api/v1/companies/{team.company.id}/invitations",
        {"email": "accomplice@example.com", "role": role},
        content_type="application/json",
    )

    assert (response.status_code, response.json()["code"]) == (status, code)
    assert Invitation.objects.count() == 0


@pytest.mark.parametrize("actor_case", ["admin", "purchaser", "sales", "viewer"])
def test_x4_nobody_promotes_themselves_to_owner(team, actor_case):
    member = team.member(actor_case)

    response = client_as(team, actor_case).patch(
        f"/api/v1/companies/{team.company.id}/members/{member.id}",
        {"role": "owner"},
        content_type="application/json",
    )

    assert response.status_code == 403
    assert Membership.objects.get(id=member.id).role == actor_case


def test_x4_a_token_issued_for_company_b_and_another_address_joins_nothing(team):
    issued = issue_invitation(
        company=team.other_company, email="b.buyer@example.com", role=Role.OWNER
    )

    response = client_as(team, "admin").post(
        "/api/v1/invitations/accept", {"token": issued.token}, content_type="application/json"
    )

    assert response.status_code == 404
    assert not Membership.objects.filter(user=team.admin.user, company=team.other_company).exists()
    assert Invitation.objects.get().accepted_at is None


# --- X9: mass assignment ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "field",
    ["is_staff", "is_superuser", "is_active", "email", "email_verified", "company_id", "id"],
)
def test_x9_me_update_with_a_privileged_field_is_a_422_and_changes_nothing(team, field):
    value = "attacker@example.com" if field in {"email", "company_id", "id"} else True

    response = client_as(team, "viewer").patch(
        "/api/v1/me", {"full_name": "Mallory", field: value}, content_type="application/json"
    )

    user = User.objects.get(id=team.viewer.user_id)
    assert response.status_code == 422
    assert response.json()["details"]["errors"][0]["type"] == "extra_forbidden"
    assert (user.full_name, user.email) != ("Mallory", "attacker@example.com")
    assert (user.is_staff, user.is_superuser, user.is_active) == (False, False, True)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("verification_level", "audited"),
        ("is_active", False),
        ("slug", "hijacked"),
        ("id", "00000000-0000-0000-0000-000000000000"),
        ("company_id", "00000000-0000-0000-0000-000000000000"),
        ("owner", "attacker@example.com"),
    ],
)
def test_x9_company_update_with_a_protected_field_is_a_422_and_changes_nothing(team, field, value):
    response = client_as(team, "owner").patch(
        f"/api/v1/companies/{team.company.id}",
        {"city": "Hamburg", field: value},
        content_type="application/json",
    )

    company = Company.objects.get(id=team.company.id)
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"
    assert (company.city, company.slug, company.is_active) == ("", "alpha", True)
    assert company.verification_level == VerificationLevel.UNVERIFIED


def test_x9_a_member_role_change_cannot_move_the_membership(team):
    response = client_as(team, "owner").patch(
        f"/api/v1/companies/{team.company.id}/members/{team.viewer.id}",
        {
            "role": "sales",
            "company_id": str(team.other_company.id),
            "user_id": str(team.owner.user_id),
        },
        content_type="application/json",
    )

    viewer = Membership.objects.get(id=team.viewer.id)
    assert response.status_code == 422
    assert (viewer.role, viewer.company_id, viewer.user_id) == (
        Role.VIEWER,
        team.company.id,
        team.viewer.user_id,
    )


# --- X15 (enumeration half): every bad invitation token answers the same ----------------------


def test_x15_unknown_expired_used_revoked_and_foreign_tokens_answer_identically(team):
    user = UserFactory.create(email="prober@example.com")
    past = timezone.now() - timedelta(seconds=1)
    tokens = {
        "unknown_case": "made-up-token-" + "x" * 29,
        "expired_case": issue_invitation(
            company=team.company, email="prober@example.com", expires_at=past
        ).token,
        "used_case": issue_invitation(
            company=team.company, email="prober@example.com", accepted_at=past
        ).token,
        "revoked_case": issue_invitation(
            company=team.company, email="prober@example.com", revoked_at=past
        ).token,
        "other_company_case": issue_invitation(
            company=team.other_company, email="someone@example.com"
        ).token,
    }
    client = Client()
    client.force_login(user)

    answers = {}
    for case, token in tokens.items():
        response = client.post(
            "/api/v1/invitations/accept", {"token": token}, content_type="application/json"
        )
        answers[case] = (response.status_code, response["Content-Type"], response.content)

    assert len(set(answers.values())) == 1
    status, _, content = answers["unknown_case"]
    assert status == 404
    assert content == (
        b'{"code": "not_found", "message": "This invitation is not valid. It may have expired '
        b'or been used.", "details": {}}'
    )
    assert not Membership.objects.filter(user=user).exists()
