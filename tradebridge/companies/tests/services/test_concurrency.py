"""Races on PostgreSQL: real threads, real transactions, real row locks."""

import threading
from collections.abc import Callable
from functools import partial

import pytest
from django.db import connection

from tradebridge.accounts.tests.factories import UserFactory
from tradebridge.companies.enums import Role
from tradebridge.companies.models import Company, Invitation, Membership
from tradebridge.companies.services import (
    company_create_with_owner,
    invitation_accept,
    invitation_create,
    membership_change_role,
)
from tradebridge.companies.tests.factories import (
    CompanyFactory,
    MembershipFactory,
    issue_invitation,
)
from tradebridge.core.errors import DomainError

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _race(calls: list[Callable[[], object]]) -> list[str]:
    """Run `calls` at the same moment in threads; return "ok" or the error code of each."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[str] = []

    def run(call: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=10)
            call()
            outcomes.append("ok")
        except DomainError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(outcomes)


def test_concurrent_accepts_of_one_invitation_yield_one_membership():
    company = CompanyFactory.create()
    user = UserFactory.create(email="joiner@example.com")
    issued = issue_invitation(company=company, email="joiner@example.com", role=Role.SALES)

    outcomes = _race([lambda: invitation_accept(user=user, token=issued.token)] * 6)

    assert outcomes == ["not_found"] * 5 + ["ok"]
    assert Membership.objects.filter(user=user, company=company).count() == 1
    assert Invitation.objects.get().accepted_at is not None


def test_two_owners_demoting_each_other_at_once_leave_one_owner():
    company = CompanyFactory.create()
    first = MembershipFactory.create(company=company, role=Role.OWNER)
    second = MembershipFactory.create(company=company, role=Role.OWNER)

    outcomes = _race(
        [
            lambda: membership_change_role(actor=first, membership_id=second.id, role="admin"),
            lambda: membership_change_role(actor=second, membership_id=first.id, role="admin"),
        ]
    )

    # the second is judged on its fresh role (admin by then), not the stale one it came with
    owners = Membership.objects.filter(company=company, role=Role.OWNER, is_active=True)
    assert owners.count() == 1
    assert outcomes == ["ok", "permission_denied"]


def test_concurrent_sign_ups_with_one_name_get_distinct_slugs():
    users = [UserFactory.create() for _ in range(4)]

    sign_up = partial(
        company_create_with_owner, legal_name="Same Name Ltd", kind="buyer", country="GB"
    )

    outcomes = _race([partial(sign_up, user=user) for user in users])

    slugs = list(Company.objects.values_list("slug", flat=True))
    assert outcomes == ["ok"] * 4
    assert len(set(slugs)) == 4
    assert "same-name-ltd" in slugs


def test_concurrent_invitations_of_one_address_leave_one_open():
    owner = MembershipFactory.create(role=Role.OWNER)

    outcomes = _race(
        [lambda: invitation_create(actor=owner, email="twice@example.com", role="viewer")] * 4
    )

    open_invitations = Invitation.objects.filter(accepted_at__isnull=True, revoked_at__isnull=True)
    assert open_invitations.count() == 1
    assert set(outcomes) <= {"ok", "conflict"}
    assert "ok" in outcomes
