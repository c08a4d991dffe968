"""Products as the subject of a buyer's thread: a published product names itself and its
supplier; a draft, or a product of a suspended supplier, is no subject."""

import pytest

from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.subjects import product_subject
from tradebridge.catalog.tests.factories import ProductFactory, SupplierFactory
from tradebridge.companies.enums import CompanyKind, Role
from tradebridge.companies.tests.factories import CompanyFactory, MembershipFactory
from tradebridge.core.errors import ValidationFailed
from tradebridge.messaging.enums import SubjectKind
from tradebridge.messaging.services import Counterpart, thread_start
from tradebridge.messaging.subjects import SubjectInfo

pytestmark = pytest.mark.django_db


def test_a_published_product_is_a_subject_and_a_draft_is_not() -> None:
    ball = ProductFactory.create(title="PU soccer ball")
    draft = ProductFactory.create(status=ProductStatus.DRAFT, published_at=None)
    assert product_subject(ball.id) == SubjectInfo("PU soccer ball", supplier_id=ball.supplier_id)
    assert product_subject(draft.id) is None
    ball.supplier.is_active = False
    ball.supplier.save()
    assert product_subject(ball.id) is None


def test_a_buyer_asks_the_products_own_supplier_only() -> None:
    ball = ProductFactory.create(title="PU soccer ball")
    other = SupplierFactory.create()
    buyer = MembershipFactory.create(
        company=CompanyFactory.create(kind=CompanyKind.BUYER), role=Role.PURCHASER
    )
    started = thread_start(
        actor=buyer,
        counterpart=Counterpart(supplier_slug=ball.supplier.slug),
        subject_kind=SubjectKind.PRODUCT,
        subject_id=ball.id,
        body="MOQ?",
    )
    assert started.thread.subject_label == "PU soccer ball"
    with pytest.raises(ValidationFailed) as raised:
        thread_start(
            actor=buyer,
            counterpart=Counterpart(supplier_slug=other.slug),
            subject_kind=SubjectKind.PRODUCT,
            subject_id=ball.id,
            body="MOQ?",
        )
    assert raised.value.details["reason"] == "subject_mismatch"
