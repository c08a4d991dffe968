import uuid
from typing import Any

import pytest

from tradebridge.accounts.tests.factories import OperatorFactory, UserFactory
from tradebridge.companies.enums import CompanyKind, Role, VerificationLevel
from tradebridge.companies.models import Company, CompanyVerificationEvent
from tradebridge.companies.services import (
    CompanyChanges,
    company_create_with_owner,
    company_set_verification,
    company_update,
)
from tradebridge.companies.tests.factories import CompanyFactory
from tradebridge.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed

pytestmark = pytest.mark.django_db


def test_create_makes_the_user_owner_of_a_new_unverified_company():
    user = UserFactory.create(email_verified=False)

    membership = company_create_with_owner(
        user=user,
        legal_name="  Shenzhen Bright Sports Co., Ltd ",
        kind=CompanyKind.SUPPLIER,
        country="cn",
        default_currency="cny",
        province="Guangdong",
        city="Shenzhen",
        languages=["ZH-Hans", "en", "en"],
    )

    company = Company.objects.get()
    assert membership.user == user
    assert membership.company == company
    assert membership.role == Role.OWNER
    assert membership.is_active is True
    assert company.slug == "shenzhen-bright-sports-co-ltd"
    assert company.legal_name == "Shenzhen Bright Sports Co., Ltd"
    assert company.display_name == "Shenzhen Bright Sports Co., Ltd"
    assert (company.country, company.default_currency) == ("CN", "CNY")
    assert (company.province, company.city) == ("Guangdong", "Shenzhen")
    assert company.languages == ["zh-hans", "en"]
    assert company.verification_level == VerificationLevel.UNVERIFIED


def test_create_numbers_slugs_of_companies_with_the_same_name():
    slugs = [
        company_create_with_owner(
            user=UserFactory.create(), legal_name="Nordic Goods AB", kind="buyer", country="SE"
        ).company.slug
        for _ in range(3)
    ]

    assert slugs == ["nordic-goods-ab", "nordic-goods-ab-2", "nordic-goods-ab-3"]


def test_create_falls_back_to_a_generic_slug_for_names_without_latin_letters():
    membership = company_create_with_owner(
        user=UserFactory.create(), legal_name="深圳体育用品", kind="supplier", country="CN"
    )

    assert membership.company.slug == "company"


@pytest.mark.parametrize(
    ("fields", "field_case"),
    [
        ({"legal_name": "   "}, "legal_name"),
        ({"kind": "reseller"}, "kind"),
        ({"country": "EU"}, "country"),
        ({"country": "XX"}, "country"),
        ({"default_currency": "DEM"}, "default_currency"),
        ({"default_currency": "US"}, "default_currency"),
        ({"languages": ["english"]}, "languages"),
    ],
)
def test_create_rejects_invalid_values_and_writes_nothing(fields, field_case):
    values = {"legal_name": "Acme", "kind": "buyer", "country": "US"} | fields

    with pytest.raises(ValidationFailed) as error:
        company_create_with_owner(user=UserFactory.create(), **values)

    assert error.value.details == {"field": field_case}
    assert Company.objects.count() == 0


def test_owner_updates_the_profile_with_normalised_values(team):
    changes = CompanyChanges(
        display_name=" Alpha ",
        kind=CompanyKind.BUYER,
        country="at",
        city=" Vienna ",
        default_currency="chf",
        languages=["de", "EN"],
        website="https://alpha.example.com",
        description="Sports retail.",
    )

    company = company_update(actor=team.owner, changes=changes)

    company.refresh_from_db()
    assert company.display_name == "Alpha"
    assert company.kind == CompanyKind.BOTH  # a change of kind waits for the operator
    assert company.kind_changes.get().to_kind == CompanyKind.BUYER
    assert (company.country, company.city, company.default_currency) == ("AT", "Vienna", "CHF")
    assert company.languages == ["de", "en"]
    assert company.website == "https://alpha.example.com"
    assert company.description == "Sports retail."
    assert company.legal_name == "Alpha Trading GmbH"


def test_admin_may_update_the_company(team):
    company = company_update(actor=team.admin, changes=CompanyChanges(city="Graz"))

    assert company.city == "Graz"


@pytest.mark.parametrize("role_case", ["purchaser", "sales", "viewer"])
def test_other_roles_may_not_update_the_company(team, role_case):
    with pytest.raises(PermissionDenied):
        company_update(actor=team.member(role_case), changes=CompanyChanges(city="Graz"))

    assert Company.objects.get(id=team.company.id).city == ""


@pytest.mark.parametrize(
    ("changes", "field_case"),
    [
        (CompanyChanges(display_name=""), "display_name"),
        (CompanyChanges(website="javascript:alert(1)"), "website"),
        (CompanyChanges(country="UK"), "country"),
        (CompanyChanges(default_currency="XYZ"), "default_currency"),
    ],
)
def test_update_rejects_invalid_values_and_changes_nothing(team, changes, field_case):
    with pytest.raises(ValidationFailed) as error:
        company_update(actor=team.owner, changes=CompanyChanges(city="Graz", **_only(changes)))

    assert error.value.details == {"field": field_case}
    company = Company.objects.get(id=team.company.id)
    assert (company.city, company.country, company.website) == ("", "DE", "")


def test_update_clears_the_website_with_an_empty_string(team):
    Company.objects.filter(id=team.company.id).update(website="https://old.example.com")

    company = company_update(actor=team.owner, changes=CompanyChanges(website=""))

    assert Company.objects.get(id=company.id).website == ""


def test_a_verified_company_cannot_change_its_legal_identity(team):
    Company.objects.filter(id=team.company.id).update(
        verification_level=VerificationLevel.BUSINESS_VERIFIED
    )

    with pytest.raises(Conflict) as error:
        company_update(
            actor=team.owner, changes=CompanyChanges(legal_name="Other GmbH", city="Graz")
        )

    assert error.value.details == {"fields": ["legal_name"]}
    company = Company.objects.get(id=team.company.id)
    assert (company.legal_name, company.city) == ("Alpha Trading GmbH", "")


def test_a_verified_company_may_resubmit_its_unchanged_identity_and_edit_the_rest(team):
    Company.objects.filter(id=team.company.id).update(verification_level=VerificationLevel.AUDITED)

    company = company_update(
        actor=team.owner,
        changes=CompanyChanges(legal_name="Alpha Trading GmbH", country="DE", city="Graz"),
    )

    assert (company.legal_name, company.city) == ("Alpha Trading GmbH", "Graz")


def test_operator_sets_verification_and_the_history_records_it():
    operator = OperatorFactory.create()
    company = CompanyFactory.create()

    company_set_verification(
        operator=operator,
        company_id=company.id,
        level=VerificationLevel.BUSINESS_VERIFIED,
        note="Registry extract checked",
    )
    company_set_verification(operator=operator, company_id=company.id, level="audited")

    company.refresh_from_db()
    assert company.verification_level == VerificationLevel.AUDITED
    events = list(
        CompanyVerificationEvent.objects.order_by("created_at").values_list(
            "operator", "from_level", "to_level", "note"
        )
    )
    assert events == [
        (operator.id, "unverified", "business_verified", "Registry extract checked"),
        (operator.id, "business_verified", "audited", ""),
    ]


def test_setting_the_same_level_again_records_nothing():
    operator = OperatorFactory.create()
    company = CompanyFactory.create()

    company_set_verification(operator=operator, company_id=company.id, level="unverified")

    assert CompanyVerificationEvent.objects.count() == 0


def test_only_active_operators_set_verification():
    company = CompanyFactory.create()
    inactive_operator = OperatorFactory.create(is_active=False)

    for user in (UserFactory.create(), inactive_operator):
        with pytest.raises(PermissionDenied):
            company_set_verification(operator=user, company_id=company.id, level="audited")

    company.refresh_from_db()
    assert company.verification_level == VerificationLevel.UNVERIFIED
    assert CompanyVerificationEvent.objects.count() == 0


def test_set_verification_rejects_unknown_levels_and_companies():
    operator = OperatorFactory.create()
    company = CompanyFactory.create()

    with pytest.raises(ValidationFailed):
        company_set_verification(operator=operator, company_id=company.id, level="platinum")
    with pytest.raises(NotFound):
        company_set_verification(operator=operator, company_id=uuid.uuid4(), level="audited")

    assert CompanyVerificationEvent.objects.count() == 0


def _only(changes: CompanyChanges) -> dict[str, Any]:
    return {name: value for name, value in vars(changes).items() if value is not None}
