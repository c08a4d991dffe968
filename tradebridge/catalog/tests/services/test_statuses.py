import uuid
from typing import Any

import pytest

from tradebridge.accounts.tests.factories import OperatorFactory, UserFactory
from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.events import CatalogChanged
from tradebridge.catalog.models import Product
from tradebridge.catalog.services import (
    product_approve,
    product_publish,
    product_publish_many,
    product_reinstate,
    product_submit_for_review,
    product_suspend,
    product_unpublish,
)
from tradebridge.catalog.tests.conftest import SupplierTeam, feed_mark, feed_rows
from tradebridge.catalog.tests.factories import ProductFactory
from tradebridge.companies.enums import VerificationLevel
from tradebridge.companies.models import Company
from tradebridge.core.errors import (
    InvalidTransition,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from tradebridge.core.models import AuditEvent


def _draft(team: SupplierTeam) -> Product:
    return ProductFactory.create(
        supplier=team.supplier, status=ProductStatus.DRAFT, published_at=None
    )


def _verify(company: Company, level: str) -> None:
    Company.objects.filter(id=company.id).update(verification_level=level)
    company.refresh_from_db()


def _state(product: Product) -> tuple[str, str, object, int]:
    product.refresh_from_db()
    return (
        product.status,
        product.status_reason,
        product.published_at,
        AuditEvent.objects.filter(object_id=str(product.id)).count(),
    )


@pytest.mark.parametrize("level", [VerificationLevel.BUSINESS_VERIFIED, VerificationLevel.AUDITED])
def test_a_business_verified_supplier_publishes_at_once(team: SupplierTeam, level: str) -> None:
    _verify(team.supplier, level)
    product = _draft(team)

    published = product_publish(actor=team.sales, product_id=product.id)

    assert published.status == ProductStatus.PUBLISHED
    assert published.published_at is not None
    event = AuditEvent.objects.get(action="product.published", object_id=str(product.id))
    assert event.data == {"sku": product.sku, "from": "draft", "to": "published", "reason": ""}
    assert event.actor_user_id == team.sales.user_id


@pytest.mark.parametrize("level", [VerificationLevel.UNVERIFIED, VerificationLevel.EMAIL_VERIFIED])
def test_other_suppliers_go_to_review_and_an_operator_approves(
    team: SupplierTeam, level: str
) -> None:
    _verify(team.supplier, level)
    product = _draft(team)

    waiting = product_publish(actor=team.owner, product_id=product.id)
    again = product_publish(actor=team.owner, product_id=product.id)  # idempotent
    approved = product_approve(operator=team.operator, product_id=product.id)

    assert waiting.status == again.status == ProductStatus.PENDING_REVIEW
    assert approved.status == ProductStatus.PUBLISHED
    assert approved.published_at is not None
    assert list(
        AuditEvent.objects.filter(object_id=str(product.id))
        .order_by("occurred_at")
        .values_list("action", flat=True)
    ) == ["product.published", "product.approved"]


def test_submit_then_unpublish_returns_to_draft(team: SupplierTeam) -> None:
    product = _draft(team)

    submitted = product_submit_for_review(actor=team.sales, product_id=product.id)
    withdrawn = product_unpublish(actor=team.sales, product_id=product.id)

    assert submitted.status == ProductStatus.PENDING_REVIEW
    assert withdrawn.status == ProductStatus.DRAFT


def test_unpublishing_a_published_product_hides_it_and_keeps_its_first_publication(
    team: SupplierTeam,
) -> None:
    product = ProductFactory.create(supplier=team.supplier)
    first = product.published_at

    product_unpublish(actor=team.sales, product_id=product.id)

    assert _state(product)[:3] == (ProductStatus.DRAFT, "", first)


def test_status_changes_write_the_feed_and_announce_it_once_per_transaction(
    team: SupplierTeam, changed: list[CatalogChanged], django_capture_on_commit_callbacks: object
) -> None:
    _verify(team.supplier, VerificationLevel.BUSINESS_VERIFIED)
    product = _draft(team)
    mark = feed_mark()

    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        product_publish(actor=team.sales, product_id=product.id)
        product_suspend(operator=team.operator, product_id=product.id, reason="Counterfeit")

    assert feed_rows(mark) == [(product.id, team.supplier.id)] * 2
    assert changed == [CatalogChanged()]  # both in the test's one transaction


@pytest.mark.parametrize("service", [product_publish, product_unpublish, product_submit_for_review])
@pytest.mark.parametrize("role", ["purchaser", "viewer"])
def test_members_who_do_not_sell_cannot_change_statuses(
    team: SupplierTeam, role: str, service: object
) -> None:
    product = _draft(team)
    before = _state(product)

    with pytest.raises(PermissionDenied):
        service(actor=team.member(role), product_id=product.id)  # type: ignore[operator]

    assert _state(product) == before


@pytest.mark.parametrize("service", [product_publish, product_unpublish, product_submit_for_review])
def test_another_supplier_gets_not_found(team: SupplierTeam, service: object) -> None:
    product = _draft(team)
    before = _state(product)

    with pytest.raises(NotFound):
        service(actor=team.other_owner, product_id=product.id)  # type: ignore[operator]

    assert _state(product) == before


def test_a_suspended_supplier_cannot_publish(team: SupplierTeam) -> None:
    product = _draft(team)
    Company.objects.filter(id=team.supplier.id).update(is_active=False)
    team.sales.company.refresh_from_db()
    before = _state(product)

    with pytest.raises(PermissionDenied):
        product_publish(actor=team.sales, product_id=product.id)

    assert _state(product) == before


def test_suspension_needs_a_reason_and_an_operator(team: SupplierTeam) -> None:
    product = ProductFactory.create(supplier=team.supplier)
    before = _state(product)
    staff_less = UserFactory.create()
    inactive_operator = OperatorFactory.create(is_active=False)

    with pytest.raises(ValidationFailed) as no_reason:
        product_suspend(operator=team.operator, product_id=product.id, reason="   ")
    with pytest.raises(PermissionDenied):
        product_suspend(operator=staff_less, product_id=product.id, reason="Fake")
    with pytest.raises(PermissionDenied):
        product_suspend(operator=inactive_operator, product_id=product.id, reason="Fake")

    assert no_reason.value.details["field"] == "reason"
    assert _state(product) == before


def test_suspend_then_reinstate_to_published(team: SupplierTeam) -> None:
    product = ProductFactory.create(supplier=team.supplier)

    suspended = product_suspend(
        operator=team.operator, product_id=product.id, reason="  Counterfeit logo  "
    )
    suspended_state = _state(product)
    reinstated = product_reinstate(operator=team.operator, product_id=product.id)

    assert suspended.status == ProductStatus.SUSPENDED
    assert suspended_state[:2] == (ProductStatus.SUSPENDED, "Counterfeit logo")
    assert reinstated.status == ProductStatus.PUBLISHED
    assert reinstated.status_reason == ""
    suspension = AuditEvent.objects.get(action="product.suspended")
    assert suspension.data["reason"] == "Counterfeit logo"
    assert suspension.actor_user_id == team.operator.id
    assert AuditEvent.objects.filter(action="product.reinstated").count() == 1


def test_a_never_published_product_is_reinstated_as_a_draft(team: SupplierTeam) -> None:
    product = _draft(team)
    product_suspend(operator=team.operator, product_id=product.id, reason="Spam")

    assert product_reinstate(operator=team.operator, product_id=product.id).status == "draft"


def test_a_supplier_cannot_lift_or_bypass_a_suspension(team: SupplierTeam) -> None:
    _verify(team.supplier, VerificationLevel.AUDITED)
    product = ProductFactory.create(supplier=team.supplier)
    product_suspend(operator=team.operator, product_id=product.id, reason="Unsafe")
    before = _state(product)

    with pytest.raises(InvalidTransition):
        product_publish(actor=team.owner, product_id=product.id)
    with pytest.raises(InvalidTransition):
        product_unpublish(actor=team.owner, product_id=product.id)
    with pytest.raises(InvalidTransition):
        product_submit_for_review(actor=team.owner, product_id=product.id)

    assert _state(product) == before


def test_operator_transitions_outside_the_table_are_refused(team: SupplierTeam) -> None:
    published = ProductFactory.create(supplier=team.supplier)
    before = _state(published)

    with pytest.raises(InvalidTransition) as approving:
        product_approve(operator=team.operator, product_id=published.id)
    with pytest.raises(InvalidTransition):
        product_reinstate(operator=team.operator, product_id=published.id)
    product_suspend(operator=team.operator, product_id=published.id, reason="x")
    with pytest.raises(InvalidTransition):
        product_suspend(operator=team.operator, product_id=published.id, reason="again")

    assert approving.value.details["current"] == "published"
    assert before[0] == ProductStatus.PUBLISHED


def test_operator_actions_on_a_missing_product_are_not_found(team: SupplierTeam) -> None:
    with pytest.raises(NotFound):
        product_suspend(operator=team.operator, product_id=uuid.uuid4(), reason="x")
    with pytest.raises(NotFound):
        product_approve(operator=team.operator, product_id=uuid.uuid4())


# --- many at once -----------------------------------------------------------------------


def _drafts(team: SupplierTeam, count: int) -> list[Product]:
    return [_draft(team) for _ in range(count)]


def test_publishing_many_moves_each_and_audits_each_in_a_few_queries(
    team: SupplierTeam, django_assert_num_queries: Any
) -> None:
    _verify(team.supplier, VerificationLevel.BUSINESS_VERIFIED)
    products = _drafts(team, 20)
    mark = feed_mark()

    # a savepoint around: lock, update, audit, feed
    with django_assert_num_queries(6):
        product_publish_many(actor=team.sales, product_ids=[p.id for p in products])

    assert {_state(p)[0] for p in products} == {ProductStatus.PUBLISHED}
    assert all(_state(p)[2] is not None for p in products)  # published_at set
    assert AuditEvent.objects.filter(action="product.published").count() == 20
    event = AuditEvent.objects.filter(object_id=str(products[0].id)).get()
    assert event.data == {
        "sku": products[0].sku,
        "from": "draft",
        "to": "published",
        "reason": "",
    }
    assert event.actor_user_id == team.sales.user_id
    assert sorted(feed_rows(mark)) == sorted((p.id, team.supplier.id) for p in products)


def test_publishing_many_sends_an_unverified_suppliers_products_to_review_once(
    team: SupplierTeam,
) -> None:
    products = _drafts(team, 3)
    product_publish(actor=team.sales, product_id=products[0].id)
    mark = feed_mark()

    product_publish_many(actor=team.sales, product_ids=[p.id for p in products])

    assert {_state(p)[0] for p in products} == {ProductStatus.PENDING_REVIEW}
    assert [_state(p)[3] for p in products] == [1, 1, 1]  # one audit event each
    assert sorted(feed_rows(mark)) == sorted((p.id, team.supplier.id) for p in products[1:])


@pytest.mark.parametrize("role", ["purchaser", "viewer"])
def test_publishing_many_needs_the_catalog_permission(team: SupplierTeam, role: str) -> None:
    products = _drafts(team, 2)

    with pytest.raises(PermissionDenied):
        product_publish_many(actor=team.member(role), product_ids=[p.id for p in products])

    assert {_state(p)[:2] for p in products} == {(ProductStatus.DRAFT, "")}


def test_publishing_many_with_another_suppliers_product_changes_nothing(
    team: SupplierTeam,
) -> None:
    ours = _drafts(team, 2)
    theirs = ProductFactory.create(supplier=team.other_supplier, status=ProductStatus.DRAFT)

    with pytest.raises(NotFound):
        product_publish_many(actor=team.sales, product_ids=[ours[0].id, theirs.id, ours[1].id])

    assert [_state(p)[0] for p in [*ours, theirs]] == [ProductStatus.DRAFT] * 3
    assert feed_rows() == []


def test_publishing_many_with_a_suspended_product_changes_nothing(team: SupplierTeam) -> None:
    draft = _draft(team)
    suspended = ProductFactory.create(supplier=team.supplier, status=ProductStatus.SUSPENDED)

    with pytest.raises(InvalidTransition):
        product_publish_many(actor=team.sales, product_ids=[draft.id, suspended.id])

    assert (_state(draft)[0], _state(suspended)[0]) == (
        ProductStatus.DRAFT,
        ProductStatus.SUSPENDED,
    )
    assert not AuditEvent.objects.exists()


def test_publishing_many_keeps_the_first_publication_date(team: SupplierTeam) -> None:
    _verify(team.supplier, VerificationLevel.AUDITED)
    new = _draft(team)
    before = ProductFactory.create(supplier=team.supplier, status=ProductStatus.DRAFT)
    first = before.published_at
    assert first is not None

    product_publish_many(actor=team.sales, product_ids=[new.id, before.id])

    assert _state(before)[:3] == (ProductStatus.PUBLISHED, "", first)
    assert _state(new)[2] is not None
