"""Creating and editing companies."""

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from tradebridge.accounts.models import User
from tradebridge.companies.enums import CompanyKind, Role, VerificationLevel
from tradebridge.companies.events import CompanyProfileEdited
from tradebridge.companies.iso_codes import COUNTRY_CODES, CURRENCY_CODES
from tradebridge.companies.models import Company, Membership
from tradebridge.companies.permissions import Permission, ensure_can
from tradebridge.companies.services.kind_changes import company_kind_change_request
from tradebridge.companies.services.verification import company_verify_email
from tradebridge.core.errors import Conflict, ValidationFailed
from tradebridge.core.events import publish

_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$")
_IDENTITY_FIELDS = ("legal_name", "country", "registration_number", "vat_number")
# Shown with the company's products (cards, search): a change publishes CompanyProfileEdited.
_LISTED_FIELDS = frozenset({"display_name", "country", "province"})


@dataclass(frozen=True)
class CompanyChanges:
    """The fields an owner or admin may edit; `None` leaves a field as it is."""

    legal_name: str | None = None
    display_name: str | None = None
    kind: str | None = None
    country: str | None = None
    province: str | None = None
    city: str | None = None
    registration_number: str | None = None
    vat_number: str | None = None
    default_currency: str | None = None
    languages: list[str] | None = None
    website: str | None = None
    description: str | None = None


def company_create_with_owner(
    *,
    user: User,
    legal_name: str,
    kind: str,
    country: str,
    default_currency: str = "USD",
    province: str = "",
    city: str = "",
    languages: list[str] | None = None,
) -> Membership:
    """Create a company and make `user` its owner; return the owner's Membership. An owner
    whose e-mail address is confirmed makes it *e-mail verified* at once (`company_verify_email`).

    Raises ValidationFailed for an empty name, unknown kind, country or currency.
    """
    company = Company(
        legal_name=_required_text(legal_name, field="legal_name"),
        kind=_valid_kind(kind),
        country=_valid_country(country),
        default_currency=_valid_currency(default_currency),
        province=province.strip(),
        city=city.strip(),
        languages=_valid_languages(languages or []),
    )
    company.display_name = company.legal_name
    with transaction.atomic():
        _save_with_unique_slug(company)
        membership = Membership.objects.create(user=user, company=company, role=Role.OWNER)
        company_verify_email(user=user)  # an owner whose address is confirmed already
    company.refresh_from_db(fields=["verification_level"])
    return membership


def company_update(*, actor: Membership, changes: CompanyChanges) -> Company:
    """Apply `changes` to the actor's company (owner or admin); return the company.

    Legal identity (legal name, country, registration and VAT number) is frozen once the company
    is business verified: changing it raises Conflict. Raises ValidationFailed for bad values.
    Publishes CompanyProfileEdited in the transaction when a field shown with its products
    changed. A new `kind` is not applied: it becomes a request the operator approves
    (`company_kind_change_request`; `company_kind_change_pending` reads it back).
    """
    ensure_can(actor, Permission.MANAGE_COMPANY)
    values = _validated_company_changes(changes)
    kind = values.pop("kind", None)
    with transaction.atomic():
        company = Company.objects.select_for_update().get(id=actor.company_id)
        if isinstance(kind, str):
            company_kind_change_request(actor=actor, kind=kind)
        changed = {name: value for name, value in values.items() if getattr(company, name) != value}
        _ensure_identity_editable(company, changed)
        for name, value in changed.items():
            setattr(company, name, value)
        if changed:
            company.save(update_fields=[*changed, "updated_at"])
        if _LISTED_FIELDS & set(changed):
            publish(CompanyProfileEdited(company_id=company.id))
    return company


def _save_with_unique_slug(company: Company) -> None:
    base = slugify(company.legal_name)[:60].strip("-") or "company"
    taken = set(Company.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    candidate = base
    for number in range(2, len(taken) + 3):
        if candidate not in taken:
            break
        candidate = f"{base}-{number}"
    company.slug = candidate
    try:
        with transaction.atomic():
            company.save()
    except IntegrityError:  # a concurrent sign-up took the same slug between read and write
        company.slug = f"{base}-{secrets.token_hex(3)}"
        company.save()


def _validated_company_changes(changes: CompanyChanges) -> dict[str, object]:
    validators: dict[str, Callable[[Any], object]] = {
        "legal_name": partial(_required_text, field="legal_name"),
        "display_name": partial(_required_text, field="display_name"),
        "kind": _valid_kind,
        "country": _valid_country,
        "default_currency": _valid_currency,
        "languages": _valid_languages,
        "website": _valid_website,
    }
    given = {name: value for name, value in vars(changes).items() if value is not None}
    return {name: validators.get(name, str.strip)(value) for name, value in given.items()}


def _ensure_identity_editable(company: Company, changed: dict[str, object]) -> None:
    verified = company.verification_level in {
        VerificationLevel.BUSINESS_VERIFIED,
        VerificationLevel.AUDITED,
    }
    frozen = sorted(set(changed) & set(_IDENTITY_FIELDS))
    if verified and frozen:
        raise Conflict(
            "A verified company's legal identity can only be changed by the operator.",
            fields=frozen,
        )


def _required_text(value: str, *, field: str) -> str:
    text = value.strip()
    if not text:
        raise ValidationFailed("This field may not be empty.", field=field)
    return text


def _valid_kind(value: str) -> str:
    if value not in CompanyKind.values:
        raise ValidationFailed("Unknown company kind.", field="kind")
    return value


def _valid_country(value: str) -> str:
    code = value.strip().upper()
    if code not in COUNTRY_CODES:
        raise ValidationFailed("Not an ISO 3166 alpha-2 country code.", field="country")
    return code


def _valid_currency(value: str) -> str:
    code = value.strip().upper()
    if code not in CURRENCY_CODES:
        raise ValidationFailed("Not an ISO 4217 currency code.", field="default_currency")
    return code


def _valid_languages(values: list[str]) -> list[str]:
    codes = [value.strip().lower() for value in values]
    if not all(_LANGUAGE_CODE.match(code) for code in codes):
        raise ValidationFailed(
            "Languages must be language codes such as 'en' or 'zh-hans'.", field="languages"
        )
    return list(dict.fromkeys(codes))


def _valid_website(value: str) -> str:
    url = value.strip()
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError as exc:
            raise ValidationFailed("Not a valid http(s) address.", field="website") from exc
    return url
