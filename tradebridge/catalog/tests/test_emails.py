"""Suppliers hear by e-mail when an operator approves or suspends one of their products."""

import contextlib

import pytest
from django.core import mail
from django.db import transaction
from django.test import Client

from tradebridge.accounts.models import User
from tradebridge.catalog.emails import product_moderated_email_send
from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.models import Product
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


def _admin_action(team, action: str, products, **form: str):
    client = Client()
    client.force_login(team.operator)
    data = {"action": action, "_selected_action": [str(p.id) for p in products], **form}
    response = client.post("/admin/catalog/product/", data, follow=True)
    assert response.status_code == 200


def _pending(team, *titles: str, supplier=None) -> list[Product]:
    return [
        ProductFactory.create(
            supplier=supplier or team.supplier,
            title=title,
            sku=f"SKU-{number}",
            status=ProductStatus.PENDING_REVIEW,
            published_at=None,
        )
        for number, title in enumerate(titles, start=1)
    ]


def test_one_admin_action_approving_three_products_sends_one_email_listing_them(
    team, django_capture_on_commit_callbacks
):
    """Links are on the host the operator's request came to (the test client's)."""
    User.objects.filter(email="sales@xiamen-balls.example.com").update(preferred_language="de")
    products = _pending(team, "TPU ball", "PVC ball", "Futsal ball")

    with django_capture_on_commit_callbacks(execute=True):
        _admin_action(team, "approve", products)

    assert [message.to[0] for message in mail.outbox] == CATALOG_MANAGERS
    assert [message.subject for message in mail.outbox] == [
        "3 of your products are published",
        "3 of your products are published",
        "3 Ihrer Produkte sind veröffentlicht",
    ]
    lines = mail.outbox[0].body.splitlines()
    assert lines[2] == (
        "The operator approved 3 products of Xiamen Balls Co., Ltd.. "
        "They are published and buyers can find them:"
    )
    by_title = {product.title: product for product in products}
    for title in ("Futsal ball", "PVC ball", "TPU ball"):  # by title
        product = by_title[title]
        item = lines.index(f"- {title} ({product.sku})")
        assert lines[item + 1] == f"http://testserver/supplier/catalog/{product.id}/"
        html = str(mail.outbox[0].alternatives[0][0])  # type: ignore[union-attr]
        assert f'href="http://testserver/supplier/catalog/{product.id}/"' in html
    assert "http://testserver/supplier/catalog/" in lines
    assert mail.outbox[2].body.splitlines()[2] == (
        "Der Betreiber hat 3 Produkte von Xiamen Balls Co., Ltd. genehmigt. "
        "Sie sind veröffentlicht und Käufer können sie finden:"
    )


def test_one_action_over_two_suppliers_tells_each_only_of_its_own(
    team, django_capture_on_commit_callbacks
):
    ours = _pending(team, "TPU ball", "PVC ball")
    theirs = _pending(team, "Yiwu lamp", supplier=team.other_supplier)

    with django_capture_on_commit_callbacks(execute=True):
        _admin_action(team, "approve", [*ours, *theirs])

    to_other = [message for message in mail.outbox if message.to == [team.other_owner.user.email]]
    assert [message.subject for message in to_other] == ["Your product “Yiwu lamp” is published"]
    to_ours = [message for message in mail.outbox if message not in to_other]
    assert [message.subject for message in to_ours] == ["2 of your products are published"] * 3
    assert all("Yiwu lamp" not in message.body for message in to_ours)


def test_a_product_the_action_could_not_approve_is_not_listed(
    team, django_capture_on_commit_callbacks
):
    waiting = _pending(team, "TPU ball")
    published = ProductFactory.create(supplier=team.supplier, title="Old ball")

    with django_capture_on_commit_callbacks(execute=True):
        _admin_action(team, "approve", [*waiting, published])

    assert [message.subject for message in mail.outbox] == [
        "Your product “TPU ball” is published"
    ] * 3


def test_approvals_in_separate_transactions_are_separate_emails(
    team, django_capture_on_commit_callbacks
):
    products = _pending(team, "TPU ball", "PVC ball")

    for product in products:
        with django_capture_on_commit_callbacks(execute=True):
            product_approve(operator=team.operator, product_id=product.id)

    assert sorted({message.subject for message in mail.outbox}) == [
        "Your product “PVC ball” is published",
        "Your product “TPU ball” is published",
    ]
    assert len(mail.outbox) == 6


def test_one_suspension_action_with_one_reason_sends_one_email_with_the_reason(
    team, django_capture_on_commit_callbacks
):
    products = [
        ProductFactory.create(supplier=team.supplier, title=title, sku=sku)
        for title, sku in (("TPU ball", "TPU-5"), ("PVC ball", "PVC-4"))
    ]

    with django_capture_on_commit_callbacks(execute=True):
        _admin_action(team, "suspend", products, apply="1", reason="Fake CE mark.")

    assert [message.subject for message in mail.outbox] == ["2 of your products are suspended"] * 3
    lines = mail.outbox[0].body.splitlines()
    assert lines[2] == (
        "The operator suspended 2 products of Xiamen Balls Co., Ltd.. They are hidden from buyers:"
    )
    assert lines[lines.index("The reason:") + 1] == "Fake CE mark."
    assert "- PVC ball (PVC-4)" in lines
    assert "- TPU ball (TPU-5)" in lines


def test_suspensions_with_their_own_reasons_stay_one_email_each(
    team, django_capture_on_commit_callbacks
):
    products = [ProductFactory.create(supplier=team.supplier, title=t) for t in ("A", "B")]

    with django_capture_on_commit_callbacks(execute=True):  # one transaction, two reasons
        product_suspend(operator=team.operator, product_id=products[0].id, reason="Fake CE mark.")
        product_suspend(operator=team.operator, product_id=products[1].id, reason="Wrong photos.")

    subjects = sorted({message.subject for message in mail.outbox})
    assert subjects == ["Your product “A” is suspended", "Your product “B” is suspended"]
    assert len(mail.outbox) == 6


def test_an_approval_rolled_back_after_joining_the_batch_is_left_out(
    team, django_capture_on_commit_callbacks
):
    kept, undone = _pending(team, "TPU ball", "PVC ball")

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        product_approve(operator=team.operator, product_id=kept.id)
        with contextlib.suppress(RuntimeError), transaction.atomic():
            product_approve(operator=team.operator, product_id=undone.id)
            raise RuntimeError  # e.g. a later step of the same savepoint failed

    undone.refresh_from_db()
    assert undone.status == ProductStatus.PENDING_REVIEW
    assert [message.subject for message in mail.outbox] == [
        "Your product “TPU ball” is published"
    ] * 3


def test_a_task_queued_before_grouping_still_sends_its_products_email(team):
    (product,) = _pending(team, "TPU ball")
    product_approve(operator=team.operator, product_id=product.id)  # its own e-mail never runs
    mail.outbox.clear()

    product_moderated_email_send.call(product_id=str(product.id))

    assert [message.subject for message in mail.outbox] == [
        "Your product “TPU ball” is published"
    ] * 3
