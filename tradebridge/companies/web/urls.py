from django.urls import URLPattern, path

from tradebridge.companies.web import invitations, members, signup, tokens, verification, views

urlpatterns: list[URLPattern] = [
    path("signup/", signup.signup, name="signup"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("company/new/", views.company_create, name="company_create"),
    path("company/switch/", views.company_switch, name="company_switch"),
    path("company/settings/", views.company_settings, name="company_settings"),
    path("company/members/", members.members, name="company_members"),
    path("company/verification/", verification.verification, name="company_verification"),
    path(
        "company/verification/documents/<uuid:document_id>/download/",
        verification.verification_document_download,
        name="verification_document_download",
    ),
    path(
        "company/members/<uuid:membership_id>/role/",
        members.member_role,
        name="company_member_role",
    ),
    path(
        "company/members/<uuid:membership_id>/remove/",
        members.member_remove,
        name="company_member_remove",
    ),
    path("company/invitations/", invitations.invitations, name="company_invitations"),
    path(
        "company/invitations/<uuid:invitation_id>/revoke/",
        invitations.invitation_cancel,
        name="company_invitation_revoke",
    ),
    path("invitations/<str:token>/", invitations.invitation_open, name="invitation_open"),
    path("account/tokens/", tokens.api_tokens, name="api_tokens"),
    path(
        "account/tokens/<uuid:token_id>/revoke/", tokens.api_token_cancel, name="api_token_revoke"
    ),
]
