"""Factories for companies, memberships, invitations and API tokens.

Secrets are made as the services make them, so tests hold raw tokens exactly as a user would.
Call `.create()` (typed) rather than the factory class itself.
"""

import uuid
from datetime import timedelta

from django.utils import timezone
from factory.declarations import LazyAttribute, LazyFunction, Sequence, SubFactory
from factory.django import DjangoModelFactory

from tradebridge.accounts.tests.factories import UserFactory
from tradebridge.companies.enums import CompanyKind, Role
from tradebridge.companies.models import ApiToken, Company, Invitation, Membership
from tradebridge.companies.selectors import token_digest
from tradebridge.companies.services import IssuedApiToken, IssuedInvitation, api_token_create


class CompanyFactory(DjangoModelFactory[Company]):
    class Meta:
        model = Company

    legal_name = Sequence(lambda n: f"Company {n} Ltd")
    display_name = LazyAttribute(lambda company: company.legal_name)
    slug = Sequence(lambda n: f"company-{n}")
    kind = CompanyKind.BOTH
    country = "DE"
    default_currency = "EUR"


class MembershipFactory(DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    user = SubFactory(UserFactory)
    company = SubFactory(CompanyFactory)
    role = Role.VIEWER


class InvitationFactory(DjangoModelFactory[Invitation]):
    class Meta:
        model = Invitation

    company = SubFactory(CompanyFactory)
    email = Sequence(lambda n: f"invitee{n}@example.com")
    role = Role.VIEWER
    token_hash = LazyFunction(lambda: token_digest(uuid.uuid4().hex))
    expires_at = LazyFunction(lambda: timezone.now() + timedelta(days=7))


def issue_invitation(**fields: object) -> IssuedInvitation:
    """A pending invitation (any field overridable) together with its raw token."""
    token = f"invite-{uuid.uuid4().hex}"
    invitation = InvitationFactory.create(token_hash=token_digest(token), **fields)
    return IssuedInvitation(invitation=invitation, token=token)


def issue_api_token(
    membership: Membership, name: str = "script", **fields: object
) -> IssuedApiToken:
    """An API token of `membership`, made by the service; `fields` then override columns."""
    issued = api_token_create(actor=membership, name=name)
    if fields:
        ApiToken.objects.filter(id=issued.api_token.id).update(**fields)
        issued.api_token.refresh_from_db()
    return issued
