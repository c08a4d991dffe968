from decimal import Decimal

import pytest

from tradebridge.catalog.tests.factories import CategoryFactory
from tradebridge.payments.models import CommissionRate
from tradebridge.payments.selectors import payment_settings
from tradebridge.payments.services.commissions import commission_percent_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    root = CategoryFactory()
    child = CategoryFactory(parent=root)
    grandchild = CategoryFactory(parent=child)
    return root, child, grandchild


def test_the_default_is_three_percent(tree):
    assert commission_percent_for(tree[2].pk) == Decimal("3.00")
    assert commission_percent_for(None) == Decimal("3.00")


def test_the_operator_default_setting(tree):
    settings = payment_settings()
    settings.default_commission_percent = Decimal("4.50")
    settings.save()
    assert commission_percent_for(tree[2].pk) == Decimal("4.50")


def test_a_rate_without_category_overrides_the_setting(tree):
    CommissionRate.objects.create(category=None, percent=Decimal("2.00"))
    assert commission_percent_for(tree[2].pk) == Decimal("2.00")
    assert commission_percent_for(None) == Decimal("2.00")


def test_the_nearest_ancestor_rate_wins(tree):
    root, child, grandchild = tree
    CommissionRate.objects.create(category=root, percent=Decimal("5.00"))
    assert commission_percent_for(grandchild.pk) == Decimal("5.00")
    CommissionRate.objects.create(category=child, percent=Decimal("4.00"))
    assert commission_percent_for(grandchild.pk) == Decimal("4.00")
    assert commission_percent_for(root.pk) == Decimal("5.00")
    CommissionRate.objects.create(category=grandchild, percent=Decimal("1.25"))
    assert commission_percent_for(grandchild.pk) == Decimal("1.25")


def test_one_default_rate_only():
    from django.db import IntegrityError, transaction

    CommissionRate.objects.create(category=None, percent=Decimal("2.00"))
    with pytest.raises(IntegrityError), transaction.atomic():
        CommissionRate.objects.create(category=None, percent=Decimal("2.50"))


def test_payment_settings_defaults():
    settings = payment_settings()
    assert (
        settings.deposit_deadline_days,
        settings.supplier_confirmation_hours,
        settings.protection_days,
        settings.dispute_response_days,
        settings.auto_escalation_days,
        settings.shipping_grace_days,
        settings.default_commission_percent,
    ) == (7, 48, 30, 3, 7, 7, Decimal("3.00"))
    assert payment_settings().pk == 1
