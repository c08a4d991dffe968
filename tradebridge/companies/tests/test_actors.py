import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.test import RequestFactory

from tradebridge.companies.actors import (
    CURRENT_COMPANY_SESSION_KEY,
    current_membership,
    membership_switch,
)
from tradebridge.companies.enums import Role
from tradebridge.companies.models import Membership
from tradebridge.companies.tests.factories import MembershipFactory
from tradebridge.core.errors import NotAuthenticated, NotFound

pytestmark = pytest.mark.django_db


def _request(user, company_id=None):
    request = RequestFactory().get("/")
    request.user = user
    request.session = SessionStore()
    if company_id is not None:
        request.session[CURRENT_COMPANY_SESSION_KEY] = str(company_id)
    return request


def test_current_membership_defaults_to_the_first_and_remembers_it(team):
    request = _request(team.viewer.user)

    assert current_membership(request) == team.viewer
    assert request.session[CURRENT_COMPANY_SESSION_KEY] == str(team.company.id)


def test_current_membership_follows_the_session_choice(team):
    second = MembershipFactory.create(user=team.viewer.user, role=Role.SALES)

    assert current_membership(_request(team.viewer.user, second.company_id)) == second


@pytest.mark.parametrize("stale_case", ["other_company", "not_a_uuid", "left_company"])
def test_a_stale_session_choice_falls_back_to_the_first_membership(team, stale_case):
    second = MembershipFactory.create(user=team.viewer.user, role=Role.SALES)
    choice = {
        "other_company": team.other_company.id,
        "not_a_uuid": "x",
        "left_company": second.company_id,
    }[stale_case]
    Membership.objects.filter(id=second.id).update(is_active=False)

    request = _request(team.viewer.user, choice)

    assert current_membership(request) == team.viewer
    assert request.session[CURRENT_COMPANY_SESSION_KEY] == str(team.company.id)


def test_current_membership_needs_a_signed_in_member(team):
    with pytest.raises(NotAuthenticated):
        current_membership(_request(AnonymousUser()))
    Membership.objects.filter(user=team.viewer.user).update(is_active=False)
    with pytest.raises(NotFound):
        current_membership(_request(team.viewer.user))


def test_switch_selects_only_the_users_own_companies(team):
    second = MembershipFactory.create(user=team.viewer.user, role=Role.SALES)
    request = _request(team.viewer.user)

    assert membership_switch(request, second.company_id) == second
    assert current_membership(request) == second
    with pytest.raises(NotFound):
        membership_switch(request, team.other_company.id)
    assert request.session[CURRENT_COMPANY_SESSION_KEY] == str(second.company_id)
