"""Company, membership, invitation and token endpoints.

A company id the caller is not an active member of (or, with a bearer token, not the token's
company) answers 404, exactly like an id that does not exist.
"""

import uuid

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Status
from ninja.pagination import paginate

from tradebridge.accounts.models import User
from tradebridge.accounts.services import ProfileChanges, user_update_profile
from tradebridge.companies.api.auth import SESSION_AUTH, auth_membership, auth_user
from tradebridge.companies.api.schemas import (
    ApiTokenCreatedOut,
    ApiTokenCreateIn,
    ApiTokenOut,
    CompanyOut,
    CompanyPatchIn,
    InvitationAcceptIn,
    InvitationCreateIn,
    InvitationOut,
    MemberOut,
    MemberPatchIn,
    MeOut,
    MePatchIn,
    OwnMembershipOut,
)
from tradebridge.companies.models import ApiToken, Company, Invitation, Membership
from tradebridge.companies.selectors import (
    api_token_list_for_actor,
    company_get_for_actor,
    invitation_list_for_company,
    member_list_for_company,
    membership_list_for_user,
)
from tradebridge.companies.services import (
    CompanyChanges,
    api_token_create,
    api_token_revoke,
    company_update,
    invitation_accept,
    invitation_create,
    invitation_revoke,
    membership_change_role,
    membership_remove,
)
from tradebridge.core.api.idempotency import idempotent
from tradebridge.core.api.pagination import PagePagination

router = Router(tags=["companies"])
COMPANY = "/companies/{company_id}"


def _me(user: User) -> MeOut:
    memberships = [
        OwnMembershipOut.model_validate(membership)
        for membership in membership_list_for_user(user=user)
    ]
    return MeOut(
        id=user.id,
        email=user.email,
        full_name=user.full_name,
        preferred_language=user.preferred_language,
        preferred_currency=user.preferred_currency,
        memberships=memberships,
    )


@router.get("/me", response=MeOut, tags=["me"])
def me_read(request: HttpRequest) -> MeOut:
    """The signed-in user and their active memberships."""
    return _me(auth_user(request))


@router.patch("/me", response=MeOut, tags=["me"])
def me_update(request: HttpRequest, payload: MePatchIn) -> MeOut:
    """Change your name, language or display currency. Any other field is a 422."""
    changes = ProfileChanges(**payload.model_dump(exclude_none=True))
    return _me(user_update_profile(user=auth_user(request), changes=changes))


@router.get(COMPANY, response=CompanyOut)
def company_read(request: HttpRequest, company_id: uuid.UUID) -> Company:
    """Any member may read their company."""
    return company_get_for_actor(actor=auth_membership(request, company_id))


@router.patch(COMPANY, response=CompanyOut)
def company_edit(request: HttpRequest, company_id: uuid.UUID, payload: CompanyPatchIn) -> Company:
    """Owners and admins edit the company profile. Verification is the operator's, and so is a
    change of `kind`: the answer (200) keeps the current `kind` and shows the requested one in
    `pending_kind` until an operator approves or rejects it."""
    changes = CompanyChanges(**payload.model_dump(exclude_none=True))
    return company_update(actor=auth_membership(request, company_id), changes=changes)


@router.get(f"{COMPANY}/members", response=list[MemberOut])
@paginate(PagePagination)
def member_list(request: HttpRequest, company_id: uuid.UUID) -> QuerySet[Membership]:
    """Active members of the company, by join date."""
    return member_list_for_company(actor=auth_membership(request, company_id))


@router.patch(f"{COMPANY}/members/{{membership_id}}", response=MemberOut)
def member_change_role(
    request: HttpRequest, company_id: uuid.UUID, membership_id: uuid.UUID, payload: MemberPatchIn
) -> Membership:
    """Owners and admins change a member's role, never above their own."""
    actor = auth_membership(request, company_id)
    return membership_change_role(actor=actor, membership_id=membership_id, role=payload.role)


@router.delete(f"{COMPANY}/members/{{membership_id}}", response={204: None})
def member_remove(
    request: HttpRequest, company_id: uuid.UUID, membership_id: uuid.UUID
) -> Status[None]:
    """Owners and admins remove a member; any member may remove themselves (leave)."""
    membership_remove(actor=auth_membership(request, company_id), membership_id=membership_id)
    return Status(204, None)


@router.get(f"{COMPANY}/invitations", response=list[InvitationOut])
@paginate(PagePagination)
def invitation_list(request: HttpRequest, company_id: uuid.UUID) -> QuerySet[Invitation]:
    """Pending invitations of the company, newest first."""
    return invitation_list_for_company(actor=auth_membership(request, company_id))


@router.post(f"{COMPANY}/invitations", response={201: InvitationOut})
@idempotent
def invitation_send(
    request: HttpRequest, company_id: uuid.UUID, payload: InvitationCreateIn
) -> Status[Invitation]:
    """Owners and admins invite an e-mail address; the link goes out by e-mail only."""
    actor = auth_membership(request, company_id)
    issued = invitation_create(actor=actor, email=payload.email, role=payload.role)
    return Status(201, issued.invitation)


@router.delete(f"{COMPANY}/invitations/{{invitation_id}}", response={204: None})
def invitation_cancel(
    request: HttpRequest, company_id: uuid.UUID, invitation_id: uuid.UUID
) -> Status[None]:
    """Owners and admins revoke a pending invitation."""
    invitation_revoke(actor=auth_membership(request, company_id), invitation_id=invitation_id)
    return Status(204, None)


@router.post("/invitations/accept", response={201: OwnMembershipOut}, auth=SESSION_AUTH)
@idempotent
def invitation_join(request: HttpRequest, payload: InvitationAcceptIn) -> Status[Membership]:
    """Join a company with the token from the invitation e-mail (browser session only).

    Unknown, expired, used, revoked and someone else's tokens all answer the same 404.
    """
    return Status(201, invitation_accept(user=auth_user(request), token=payload.token))


@router.get(f"{COMPANY}/tokens", response=list[ApiTokenOut])
@paginate(PagePagination)
def api_token_list(request: HttpRequest, company_id: uuid.UUID) -> QuerySet[ApiToken]:
    """Your own unrevoked API tokens in this company (never their secret)."""
    return api_token_list_for_actor(actor=auth_membership(request, company_id))


@router.post(f"{COMPANY}/tokens", response={201: ApiTokenCreatedOut}, auth=SESSION_AUTH)
def api_token_issue(
    request: HttpRequest, company_id: uuid.UUID, payload: ApiTokenCreateIn
) -> Status[ApiTokenCreatedOut]:
    """Create a personal API token acting as your membership (browser session only).

    The token is in this response only; it is stored hashed. Not `@idempotent` on purpose:
    a stored response would keep the secret in clear.
    """
    actor = auth_membership(request, company_id)
    issued = api_token_create(actor=actor, name=payload.name, expires_at=payload.expires_at)
    body = ApiTokenOut.model_validate(issued.api_token).model_dump()
    return Status(201, ApiTokenCreatedOut(**body, token=issued.token))


@router.delete(f"{COMPANY}/tokens/{{token_id}}", response={204: None})
def api_token_delete(
    request: HttpRequest, company_id: uuid.UUID, token_id: uuid.UUID
) -> Status[None]:
    """Revoke one of your own API tokens."""
    api_token_revoke(actor=auth_membership(request, company_id), token_id=token_id)
    return Status(204, None)
