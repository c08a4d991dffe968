"""Request and response bodies. Inputs name their fields and forbid others (no mass assignment)."""

import uuid
from datetime import datetime
from typing import Annotated, Any

from babel.numbers import list_currencies
from django.conf import settings
from ninja import Field, Schema
from pydantic import AwareDatetime, ConfigDict, model_validator

from tradebridge.companies.enums import CompanyKind, Role, VerificationLevel
from tradebridge.companies.models import Company
from tradebridge.companies.selectors import company_kind_change_pending
from tradebridge.core.api.params import one_of
from tradebridge.core.money import is_currency


class StrictIn(Schema):
    """Base of every input: an unknown field (`is_staff`, `company_id`, ...) is a 422, and so
    is a NUL character in any text (PostgreSQL's text cannot hold it; SQLite's can)."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _refuse_nul(cls, data: Any) -> Any:
        if _holds_nul(data):
            raise ValueError("Text may not contain the NUL character (U+0000).")
        return data


def _holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(key) or _holds_nul(item) for key, item in value.items())
    if isinstance(value, list | tuple):
        return any(_holds_nul(item) for item in value)
    return False


# --- output ----------------------------------------------------------------------------------


class CompanySummaryOut(Schema):
    id: uuid.UUID
    slug: str
    display_name: str
    kind: CompanyKind
    country: str
    verification_level: VerificationLevel


class CompanyOut(CompanySummaryOut):
    legal_name: str
    province: str
    city: str
    registration_number: str
    vat_number: str
    default_currency: str
    languages: list[str]
    website: str
    description: str
    created_at: datetime
    pending_kind: CompanyKind | None = Field(
        None,
        description="The kind the company asked to become, waiting for the operator's approval "
        "(`kind` changes only then); null when nothing is pending.",
    )

    @staticmethod
    def resolve_pending_kind(obj: Company) -> str | None:
        change = company_kind_change_pending(company_id=obj.id)
        return change.to_kind if change is not None else None


class OwnMembershipOut(Schema):
    id: uuid.UUID
    role: Role
    company: CompanySummaryOut


class MeOut(Schema):
    id: uuid.UUID
    email: str
    full_name: str
    preferred_language: str
    preferred_currency: str
    memberships: list[OwnMembershipOut]


class MemberUserOut(Schema):
    id: uuid.UUID
    email: str
    full_name: str


class MemberOut(Schema):
    id: uuid.UUID
    role: Role
    joined_at: datetime = Field(..., alias="created_at")
    user: MemberUserOut


class InvitationOut(Schema):
    id: uuid.UUID
    email: str
    role: Role
    created_at: datetime
    expires_at: datetime


class ApiTokenOut(Schema):
    id: uuid.UUID
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None


class ApiTokenCreatedOut(ApiTokenOut):
    token: str = Field(..., description="The full token. Shown only in this response.")


# --- input -----------------------------------------------------------------------------------


LanguageCode = Annotated[
    str,
    one_of(
        ["", *(code for code, _name in settings.LANGUAGES)],
        any_case=True,
        description="One of the site's languages; an empty string clears it.",
    ),
]
CurrencyCode = Annotated[
    str,
    one_of(
        ["", *(code for code in list_currencies() if is_currency(code))],
        any_case=True,
        description="An ISO 4217 code; an empty string clears it.",
    ),
]


class MePatchIn(StrictIn):
    full_name: str | None = Field(None, max_length=150)
    preferred_language: LanguageCode | None = None
    preferred_currency: CurrencyCode | None = None


class CompanyPatchIn(StrictIn):
    legal_name: str | None = Field(None, max_length=200)
    display_name: str | None = Field(None, max_length=200)
    kind: CompanyKind | None = None
    country: str | None = Field(None, max_length=2)
    province: str | None = Field(None, max_length=100)
    city: str | None = Field(None, max_length=100)
    registration_number: str | None = Field(None, max_length=64)
    vat_number: str | None = Field(None, max_length=32)
    default_currency: str | None = Field(None, max_length=3)
    languages: list[str] | None = Field(None, max_length=20)
    website: str | None = Field(None, max_length=200)
    description: str | None = Field(None, max_length=5000)


class MemberPatchIn(StrictIn):
    role: Role


class InvitationCreateIn(StrictIn):
    email: str = Field(..., max_length=254)
    role: Role


class InvitationAcceptIn(StrictIn):
    token: str = Field(..., max_length=100)


class ApiTokenCreateIn(StrictIn):
    name: str = Field(..., max_length=100)
    expires_at: AwareDatetime | None = None
