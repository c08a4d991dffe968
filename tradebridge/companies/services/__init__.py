"""Use cases of the companies domain. Every service checks the actor's role (`ensure_can`) itself.

Errors are core's: NotFound (absent or not the actor's), PermissionDenied (role too low),
ValidationFailed (bad values), Conflict (clashes with current state).
"""

from tradebridge.companies.services.companies import (
    CompanyChanges,
    company_create_with_owner,
    company_update,
)
from tradebridge.companies.services.documents import (
    GRANTABLE_LEVELS,
    MAX_PENDING_DOCUMENTS,
    verification_document_approve,
    verification_document_reject,
    verification_document_upload,
)
from tradebridge.companies.services.invitations import (
    INVITATION_TTL,
    IssuedInvitation,
    invitation_accept,
    invitation_create,
    invitation_revoke,
)
from tradebridge.companies.services.kind_changes import (
    company_kind_change_approve,
    company_kind_change_reject,
    company_kind_change_request,
)
from tradebridge.companies.services.memberships import membership_change_role, membership_remove
from tradebridge.companies.services.suspension import company_reinstate, company_suspend
from tradebridge.companies.services.tokens import (
    API_TOKEN_TOUCH_INTERVAL,
    MAX_API_TOKENS_PER_MEMBERSHIP,
    IssuedApiToken,
    api_token_authenticate,
    api_token_create,
    api_token_revoke,
)
from tradebridge.companies.services.verification import (
    company_set_verification,
    company_verify_email,
)

__all__ = [
    "API_TOKEN_TOUCH_INTERVAL",
    "GRANTABLE_LEVELS",
    "INVITATION_TTL",
    "MAX_API_TOKENS_PER_MEMBERSHIP",
    "MAX_PENDING_DOCUMENTS",
    "CompanyChanges",
    "IssuedApiToken",
    "IssuedInvitation",
    "api_token_authenticate",
    "api_token_create",
    "api_token_revoke",
    "company_create_with_owner",
    "company_kind_change_approve",
    "company_kind_change_reject",
    "company_kind_change_request",
    "company_reinstate",
    "company_set_verification",
    "company_suspend",
    "company_update",
    "company_verify_email",
    "invitation_accept",
    "invitation_create",
    "invitation_revoke",
    "membership_change_role",
    "membership_remove",
    "verification_document_approve",
    "verification_document_reject",
    "verification_document_upload",
]
