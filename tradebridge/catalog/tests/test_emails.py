"""Suppliers hear by e-mail when an operator approves or suspends one of their products."""

import pytest
from django.core import mail

from tradebridge.accounts.models import User
from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.services import product_approve, product_suspend
from tradebridge.catalog.tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

CATALOG_MANAGERS = [
    "owner@xiamen-balls.example.com",
    "admin@xiamen-balls.example.com",
    "sales@xiamen-balls.example.com",
]


def test_an_approval_is_told_to_the_suppliers_catalog_managers(
    team, django_capture_on_commit_callbacks
):
    product = ProductFactory.create(
        supplier=team.supplier, title="TPU ball", sku="TPU-5", status=ProductStatus.PENDING_REVIEW
    )

    with django_capture_on_commit_callbacks(execute=True):
        product_approve(operator=team.operator, product_id=product.id)

    assert [message.to[0] for message in mail.outbox] == CATALOG_MANAGERS
    message = mail.outbox[0]
    assert message.subject == "Your product “TPU ball” is published"
    assert message.body.splitlines()[2] == (
        "The operator approved “TPU ball” (TPU-5) of Xiamen Balls Co., Ltd.. "
        "It is published and buyers can find it."
    )
    link = f"http://127.0.0.1:8000/supplier/catalog/{product.id}/"
    assert link in message.body.splitlines()
    assert f'href="{link}"' in message.alternatives[0][0]  # type: ignore[attr-defined]


def test_a_suspension_carries_the_reason_in_the_recipients_language(
    team, django_capture_on_commit_callbacks
):
    User.objects.filter(email="sales@xiamen-balls.example.com").update(preferred_language="de")
    product = ProductFactory.create(supplier=team.supplier, title="TPU ball", sku="TPU-5")

    with django_capture_on_commit_callbacks(execute=True):
        product_suspend(operator=team.operator, product_id=product.id, reason="Fake CE mark.")

    assert [message.subject for message in mail.outbox] == [
        "Your product “TPU ball” is suspended",
        "Your product “TPU ball” is suspended",
        "Ihr Produkt „TPU ball“ ist gesperrt",
    ]
    lines = mail.outbox[2].body.splitlines()
    assert lines[lines.index("Der Grund:") + 1] == "Fake CE mark."
