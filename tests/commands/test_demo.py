"""`tradebridge demo` loads the demo marketplace once; a second run changes nothing."""

from datetime import date
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.db.models import Count

from tradebridge.accounts.models import User
from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.models import Category, PriceTier, Product, ProductImage
from tradebridge.companies.enums import CompanyKind, Role, VerificationLevel
from tradebridge.companies.models import (
    Company,
    CompanyVerificationEvent,
    Invitation,
    Membership,
)
from tradebridge.core.models import FxRate
from tradebridge.demo.marketplace import DEMO_LOGINS, DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def _run_demo(*options: str) -> str:
    out = StringIO()
    call_command("demo", *options, stdout=out)
    return out.getvalue()


def _load_without_fx_rates() -> str:
    return _run_demo("--skip-fx-rates", "--skip-catalogs")


def _snapshot() -> tuple[int, int, int, int, int]:
    return (
        User.objects.count(),
        Company.objects.count(),
        Membership.objects.count(),
        Invitation.objects.count(),
        EmailAddress.objects.count(),
    )


def test_the_demo_loads_suppliers_in_chinese_hubs_and_buyers_abroad():
    _load_without_fx_rates()

    companies = {(c.kind, c.country, c.city) for c in Company.objects.all()}
    assert companies == {
        (CompanyKind.SUPPLIER, "CN", "Xiamen"),
        (CompanyKind.SUPPLIER, "CN", "Yiwu"),
        (CompanyKind.SUPPLIER, "CN", "Shenzhen"),
        (CompanyKind.SUPPLIER, "CN", "Quanzhou"),
        (CompanyKind.SUPPLIER, "CN", "Ningbo"),
        (CompanyKind.SUPPLIER, "CN", "Guangzhou"),
        (CompanyKind.SUPPLIER, "GB", "London"),
        (CompanyKind.BUYER, "DE", "Köln"),
        (CompanyKind.BUYER, "FR", "Lyon"),
        (CompanyKind.BUYER, "US", "Chicago"),
    }


def test_the_operator_has_verified_every_company_and_recorded_why():
    _load_without_fx_rates()

    levels = dict(Company.objects.values_list("display_name", "verification_level"))
    assert levels == {
        "Haicang Sports": VerificationLevel.AUDITED,
        "Brightway Yiwu": VerificationLevel.BUSINESS_VERIFIED,
        "Lumen Electronics": VerificationLevel.BUSINESS_VERIFIED,
        "Stride Sportswear": VerificationLevel.AUDITED,
        "Homewell Appliance": VerificationLevel.BUSINESS_VERIFIED,
        "Silkroad Garment": VerificationLevel.BUSINESS_VERIFIED,
        "Albion Giftware": VerificationLevel.BUSINESS_VERIFIED,
        "Rheinsport": VerificationLevel.BUSINESS_VERIFIED,
        "Maison Lumière": VerificationLevel.EMAIL_VERIFIED,
        "Lakeshore Supply": VerificationLevel.EMAIL_VERIFIED,
    }
    # Each owner's address is confirmed, so each company starts e-mail verified (an event
    # without an operator); the operator raises the others, with a note.
    automatic = CompanyVerificationEvent.objects.filter(operator__isnull=True)
    assert sorted(automatic.values_list("to_level", flat=True)) == [
        VerificationLevel.EMAIL_VERIFIED
    ] * len(levels)
    by_operator = CompanyVerificationEvent.objects.filter(operator__isnull=False)
    raised = [level for level in levels.values() if level != VerificationLevel.EMAIL_VERIFIED]
    assert by_operator.count() == len(raised)
    assert {event.operator.email for event in by_operator} == {"operator@tradebridge.example"}


def test_every_role_is_represented_and_every_company_has_one_owner():
    _load_without_fx_rates()

    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)
    owners = Membership.objects.filter(role=Role.OWNER)
    assert sorted(owners.values_list("company__slug", flat=True)) == sorted(
        Company.objects.values_list("slug", flat=True)
    )


def test_every_demo_login_signs_in_with_the_demo_password_and_a_verified_address():
    _load_without_fx_rates()

    users = User.objects.filter(email__in=[login.email for login in DEMO_LOGINS])
    assert users.count() == len(DEMO_LOGINS)
    assert all(user.check_password(DEMO_PASSWORD) for user in users)
    assert EmailAddress.objects.filter(verified=True, primary=True).count() == len(DEMO_LOGINS)


def test_the_operator_may_use_the_admin_site_and_nobody_else_may():
    _load_without_fx_rates()

    assert list(User.objects.filter(is_staff=True).values_list("email", "is_superuser")) == [
        ("operator@tradebridge.example", True)
    ]


def test_one_invitation_is_left_pending():
    _load_without_fx_rates()

    pending = Invitation.objects.filter(accepted_at__isnull=True, revoked_at__isnull=True)
    assert list(pending.values_list("email", "role")) == [
        ("new.sales@haicang-sports.example", Role.SALES)
    ]


def _catalog_snapshot() -> tuple[int, int, list[tuple[object, ...]], list[tuple[object, ...]]]:
    products = Product.objects.order_by("id").values_list("id", "updated_at", "status")
    images = ProductImage.objects.order_by("id").values_list("id", "product_id", "image")
    return Category.objects.count(), PriceTier.objects.count(), list(products), list(images)


def test_running_the_demo_twice_changes_nothing_and_says_so():
    first_output = _run_demo()
    after_first = (_snapshot(), FxRate.objects.count(), _catalog_snapshot())

    second_output = _run_demo()

    assert (_snapshot(), FxRate.objects.count(), _catalog_snapshot()) == after_first
    assert Product.objects.filter(status=ProductStatus.PUBLISHED).count() > 3500
    pictured = Product.objects.annotate(images_count=Count("images"))
    assert set(pictured.values_list("images_count", flat=True)) == {1}
    assert f"{Product.objects.count():,} products pictured (" in first_output
    assert "0 products pictured (0 distinct pictures)" in second_output
    assert "products created, 0 already present" in first_output
    assert "Demo catalogs: 0 products created" in second_output
    assert FxRate.objects.filter(source="ECB", currency="USD", date=date(2024, 7, 1)).exists()
    assert "Demo marketplace loaded" in first_output
    assert "Demo marketplace already present; nothing changed." in second_output
    assert " 0 created, 0 updated," in second_output
    assert f"password for all: {DEMO_PASSWORD}" in second_output
