"""Use cases of the companies domain. Every service checks the actor's role (`ensure_can`) itself.

Errors are core's: NotFound (absent or not the actor's), PermissionDenied (role too low),
ValidationFailed (bad values), Conflict (clashes with current state).
"""

from tradebridge.companies.services.companies import (
    CompanyChanges,
    company_create_with_owner,
    company_update,
)
from tradebridge.companies.services.invitations import (
    INVITATION_TTL,
    IssuedInvitation,
    invitation_accept,
    invitation_create,
    invitation_revoke,
)
from tradebridge.companies.services.memberships import membership_change_role, membership_remove
from tradebridge.companies.services.tokens import (
    API_TOKEN_TOUCH_INTERVAL,
    MAX_API_TOKENS_PER_MEMBERSHIP,
    IssuedApiToken,
    api_token_authenticate,
    api_token_create,
    api_token_revoke,
)
from tradebridge.companies.services.verification import company_set_verification

__all__ = [
    "API_TOKEN_TOUCH_INTERVAL",
    "INVITATION_TTL",
    "MAX_API_TOKENS_PER_MEMBERSHIP",
    "CompanyChanges",
    "IssuedApiToken",
    "IssuedInvitation",
    "api_token_authenticate",
    "api_token_create",
    "api_token_revoke",
    "company_create_with_owner",
    "company_set_verification",
    "company_update",
    "invitation_accept",
    "invitation_create",
    "invitation_revoke",
    "membership_change_role",
    "membership_remove",
]
