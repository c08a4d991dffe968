"""rfq_create and rfq_update: who may, what is checked, what is written (and what is not)."""

import uuid
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.tests.factories import CategoryFactory, ProductFactory, SupplierFactory
from tradebridge.companies.enums import CompanyKind
from tradebridge.core.errors import NotFound, PermissionDenied, ValidationFailed
from tradebridge.core.models import AuditEvent
from tradebridge.rfq.enums import InvitationSource, RFQStatus, RFQVisibility
from tradebridge.rfq.errors import QuoteDeadlinePassed, RFQFieldLocked, RFQRateLimited
from tradebridge.rfq.events import RFQOpened
from tradebridge.rfq.models import RFQ, RFQInvitation, RFQSettings
from tradebridge.rfq.services.rfqs import rfq_create, rfq_input_of, rfq_update
from tradebridge.rfq.tests.rfqs.conftest import People, rfq_input, scheduled

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["owner", "admin", "purchaser"])
def test_buying_roles_post_a_draft(people: People, role: str) -> None:
    actor = people.member(role)

    rfq = rfq_create(actor=actor, data=rfq_input())

    rfq.refresh_from_db()
    assert rfq.status == RFQStatus.DRAFT
    assert rfq.buyer == people.buyer
    assert rfq.created_by_id == actor.user_id
    assert rfq.reference.startswith("RFQ-")
    assert rfq.specs == {"Size": "5", "Material": "PU"}
    assert rfq.certifications == ["EN 71"]
    assert (rfq.language, rfq.incoterm, rfq.opened_at) == ("fr", "FOB", None)
    assert AuditEvent.objects.filter(action="rfq.created", object_id=str(rfq.pk)).count() == 1


@pytest.mark.parametrize("role", ["sales", "viewer"])
def test_other_roles_may_not_post(people: People, role: str) -> None:
    with pytest.raises(PermissionDenied):
        rfq_create(actor=people.member(role), data=rfq_input())
    assert not RFQ.objects.exists()


def test_a_supplier_only_company_may_not_post(people: People) -> None:
    with pytest.raises(PermissionDenied) as caught:
        rfq_create(actor=people.supplier_a, data=rfq_input())
    assert caught.value.details == {"reason": "not_an_active_buyer"}
    assert not RFQ.objects.exists()


def test_a_suspended_buyer_may_not_post(people: People) -> None:
    people.buyer.is_active = False
    people.buyer.save()

    with pytest.raises(PermissionDenied):
        rfq_create(actor=people.owner, data=rfq_input())


def test_posting_open_opens_and_announces_it(
    people: People, recording: None, django_capture_on_commit_callbacks: object
) -> None:
    with django_capture_on_commit_callbacks() as callbacks:  # type: ignore[operator]
        rfq = rfq_create(actor=people.owner, data=rfq_input(), open_now=True)

    rfq.refresh_from_db()
    assert rfq.status == RFQStatus.OPEN
    assert rfq.opened_at is not None
    assert scheduled(callbacks) == [RFQOpened(rfq.pk, people.buyer.pk, reopened=False)]


@pytest.mark.parametrize(
    ("overrides", "field", "reason"),
    [
        ({"quantity": 0}, "quantity", "too_small"),
        ({"title": "   "}, "title", "required"),
        ({"currency": "XYZ"}, "currency", "unknown_currency"),
        ({"incoterm": "FOO"}, "incoterm", "unknown_incoterm"),
        ({"destination_country": "QQ"}, "destination_country", "unknown_country"),
        ({"unit": "barrel"}, "unit", "unknown_unit"),
        ({"target_unit_price": Decimal(0)}, "target_unit_price", "invalid_price"),
        ({"target_unit_price": Decimal("1.23456")}, "target_unit_price", "invalid_price"),
        ({"quote_cap": 0}, "quote_cap", "too_small"),
        ({"visibility": "secret"}, "visibility", "unknown_visibility"),
        ({"language": "French!"}, "language", "unknown_language"),
        ({"certifications": tuple(f"C{i}" for i in range(21))}, "certifications", "too_many"),
        ({"specs": (("", "x"),)}, "specs", "invalid_item"),
        ({"specs": tuple((f"k{i}", "v") for i in range(51))}, "specs", "too_many"),
        ({"title": "x" * 201}, "title", "too_long"),
        ({"destination_place": "x" * 121}, "destination_place", "too_long"),
        ({"quantity": 2_147_483_648}, "quantity", "too_large"),
        ({"quote_cap": 1001}, "quote_cap", "too_large"),
        ({"certifications": ("x" * 41,)}, "certifications", "too_long"),
        ({"invited_suppliers": tuple(f"s{i}" for i in range(51))}, "invited_suppliers", "too_many"),
    ],
)
def test_bad_fields_are_named_and_nothing_is_written(
    people: People, overrides: dict[str, object], field: str, reason: str
) -> None:
    with pytest.raises(ValidationFailed) as caught:
        rfq_create(actor=people.owner, data=rfq_input(**overrides))

    assert caught.value.details["errors"] == {field: reason}
    assert (caught.value.details["field"], caught.value.details["reason"]) == (field, reason)
    assert not RFQ.objects.exists()
    assert not AuditEvent.objects.filter(action="rfq.created").exists()


@pytest.mark.parametrize(
    ("delta", "reason"),
    [
        (timedelta(minutes=-1), "deadline_in_past"),
        (timedelta(days=90, minutes=1), "deadline_too_far"),
    ],
)
def test_the_quote_deadline_is_ahead_and_within_90_days(
    people: People, delta: timedelta, reason: str
) -> None:
    data = rfq_input(quote_deadline=timezone.now() + delta)

    with pytest.raises(ValidationFailed) as caught:
        rfq_create(actor=people.owner, data=data)

    assert caught.value.details["errors"] == {"quote_deadline": reason}


def test_every_bad_field_is_named_at_once(people: People) -> None:
    data = rfq_input(quantity=-5, currency="ABC", needed_by=timezone.now().date() - timedelta(1))

    with pytest.raises(ValidationFailed) as caught:
        rfq_create(actor=people.owner, data=data)

    assert caught.value.details["errors"] == {
        "quantity": "too_small",
        "currency": "unknown_currency",
        "needed_by": "date_in_past",
    }


def test_codes_and_texts_are_normalised(people: People) -> None:
    data = rfq_input(
        title="  Match   balls ",
        currency="eur",
        destination_country="fr",
        incoterm="cif",
        certifications=("CE", " CE ", ""),
        invited_suppliers=(" Xiamen-Balls ",),
    )

    rfq = rfq_create(actor=people.owner, data=data)

    assert (rfq.title, rfq.currency, rfq.destination_country) == ("Match balls", "EUR", "FR")
    assert (rfq.incoterm, rfq.certifications) == ("CIF", ["CE"])
    assert list(rfq.invitations.values_list("supplier__slug", flat=True)) == ["xiamen-balls"]


def test_invited_suppliers_get_invitations(people: People) -> None:
    data = rfq_input(
        visibility=RFQVisibility.INVITED, invited_suppliers=("xiamen-balls", "ningbo-sport")
    )

    rfq = rfq_create(actor=people.owner, data=data, open_now=True)

    invitations = RFQInvitation.objects.filter(rfq=rfq).order_by("supplier__slug")
    assert [(i.supplier.slug, i.source) for i in invitations] == [
        ("ningbo-sport", InvitationSource.INVITED),
        ("xiamen-balls", InvitationSource.INVITED),
    ]


@pytest.mark.parametrize(
    "slug", ["no-such-company", "gone-trading", "madrid-retail", "lyon-sports"]
)
def test_only_active_suppliers_can_be_invited(people: People, slug: str) -> None:
    data = rfq_input(invited_suppliers=("xiamen-balls", slug))

    with pytest.raises(ValidationFailed) as caught:
        rfq_create(actor=people.owner, data=data)

    assert caught.value.details["errors"] == {"invited_suppliers": "unknown_supplier"}
    assert caught.value.details["unknown"] == [slug]
    assert not RFQ.objects.exists()
    assert not RFQInvitation.objects.exists()


def test_an_invited_only_rfq_cannot_open_without_invitees(people: People) -> None:
    with pytest.raises(ValidationFailed) as caught:
        rfq_create(
            actor=people.owner, data=rfq_input(visibility=RFQVisibility.INVITED), open_now=True
        )

    assert caught.value.details["errors"] == {"invited_suppliers": "required"}
    assert not RFQ.objects.exists()


def test_a_product_rfq_invites_its_supplier_and_takes_its_category(people: People) -> None:
    category = CategoryFactory.create()
    product = ProductFactory.create(supplier=people.supplier_b.company, category=category)

    rfq = rfq_create(actor=people.owner, data=rfq_input(product_id=product.pk))

    assert (rfq.product, rfq.category) == (product, category)
    assert list(rfq.invitations.values_list("supplier_id", flat=True)) == [product.supplier_id]


@pytest.mark.parametrize("case", ["draft", "suspended_supplier", "missing", "own"])
def test_a_product_that_is_not_public_is_unknown(people: People, case: str) -> None:
    people.buyer.kind = CompanyKind.BOTH
    people.buyer.save()
    product_id = {
        "draft": lambda: ProductFactory.create(status=ProductStatus.DRAFT).pk,
        "suspended_supplier": lambda: (
            ProductFactory.create(supplier=SupplierFactory.create(is_active=False)).pk
        ),
        "missing": uuid.uuid4,
        "own": lambda: ProductFactory.create(supplier=people.buyer).pk,
    }[case]()

    with pytest.raises(ValidationFailed) as caught:
        rfq_create(actor=people.owner, data=rfq_input(product_id=product_id))

    assert caught.value.details["errors"] == {"product_id": "unknown_product"}
    assert not RFQ.objects.exists()


def test_an_unknown_category_is_refused(people: People) -> None:
    with pytest.raises(ValidationFailed) as caught:
        rfq_create(actor=people.owner, data=rfq_input(category_id=987_654_321))

    assert caught.value.details["errors"] == {"category_id": "unknown_category"}


def test_the_daily_limit_counts_the_companys_rfqs(people: People) -> None:
    RFQSettings.objects.update_or_create(id=1, defaults={"rfqs_per_company_per_day": 2})
    rfq_create(actor=people.owner, data=rfq_input())
    rfq_create(actor=people.purchaser, data=rfq_input())

    with pytest.raises(RFQRateLimited) as caught:
        rfq_create(actor=people.admin, data=rfq_input())

    assert (caught.value.code, caught.value.http_status) == ("rfq_limit_reached", 429)
    assert caught.value.details == {"limit": 2}
    assert RFQ.objects.count() == 2
    rfq_create(actor=people.other_buyer, data=rfq_input())  # another company is not counted


def test_the_daily_limit_forgets_yesterday(people: People) -> None:
    RFQSettings.objects.update_or_create(id=1, defaults={"rfqs_per_company_per_day": 1})
    old = rfq_create(actor=people.owner, data=rfq_input())
    RFQ.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=25))

    rfq_create(actor=people.owner, data=rfq_input())

    assert RFQ.objects.count() == 2


# --- rfq_update --------------------------------------------------------------------------


def test_a_draft_changes_freely_and_its_invitations_follow(people: People) -> None:
    rfq = rfq_create(actor=people.owner, data=rfq_input(invited_suppliers=("xiamen-balls",)))
    data = replace(
        rfq_input_of(rfq), title="Training balls", quantity=800, invited_suppliers=("ningbo-sport",)
    )

    rfq_update(actor=people.purchaser, rfq_id=rfq.pk, data=data)

    rfq.refresh_from_db()
    assert (rfq.title, rfq.quantity) == ("Training balls", 800)
    assert list(rfq.invitations.values_list("supplier__slug", flat=True)) == ["ningbo-sport"]
    event = AuditEvent.objects.get(action="rfq.updated", object_id=str(rfq.pk))
    assert event.data["fields"] == ["invited_suppliers", "quantity", "title"]


def test_another_buyer_cannot_update(people: People) -> None:
    rfq = rfq_create(actor=people.owner, data=rfq_input())

    with pytest.raises(NotFound):
        rfq_update(actor=people.other_buyer, rfq_id=rfq.pk, data=rfq_input(title="Mine now"))

    rfq.refresh_from_db()
    assert rfq.title == "Match footballs size 5"


def test_an_open_rfq_only_extends_its_deadline_and_adds_invitees(people: People) -> None:
    rfq = rfq_create(actor=people.owner, data=rfq_input(), open_now=True)
    later = rfq.quote_deadline + timedelta(days=3)
    data = replace(
        rfq_input_of(rfq),
        quote_deadline=later,
        show_quote_count=True,
        invited_suppliers=("ningbo-sport",),
    )

    rfq_update(actor=people.owner, rfq_id=rfq.pk, data=data)

    rfq.refresh_from_db()
    assert (rfq.quote_deadline, rfq.show_quote_count) == (later, True)
    assert rfq.invitations.get().supplier.slug == "ningbo-sport"


@pytest.mark.parametrize(
    ("change", "locked"),
    [
        ({"quantity": 10}, ["quantity"]),
        ({"title": "Other", "currency": "USD"}, ["currency", "title"]),
        ({"quote_deadline": "earlier"}, ["quote_deadline"]),
    ],
)
def test_an_open_rfq_keeps_its_terms(
    people: People, change: dict[str, object], locked: list[str]
) -> None:
    rfq = rfq_create(actor=people.owner, data=rfq_input(), open_now=True)
    if change.get("quote_deadline") == "earlier":
        change = {"quote_deadline": rfq.quote_deadline - timedelta(hours=1)}

    with pytest.raises(RFQFieldLocked) as caught:
        rfq_update(actor=people.owner, rfq_id=rfq.pk, data=replace(rfq_input_of(rfq), **change))  # type: ignore[arg-type]

    assert (caught.value.code, caught.value.http_status) == ("rfq_field_locked", 409)
    assert caught.value.details["fields"] == locked
    before = rfq.quantity, rfq.title, rfq.quote_deadline
    rfq.refresh_from_db()
    assert (rfq.quantity, rfq.title, rfq.quote_deadline) == before


def test_an_open_rfq_past_its_deadline_is_not_edited(people: People) -> None:
    rfq = rfq_create(actor=people.owner, data=rfq_input(), open_now=True)
    RFQ.objects.filter(pk=rfq.pk).update(quote_deadline=timezone.now() - timedelta(seconds=1))
    rfq.refresh_from_db()
    data = replace(rfq_input_of(rfq), quote_deadline=timezone.now() + timedelta(days=2))

    with pytest.raises(QuoteDeadlinePassed):
        rfq_update(actor=people.owner, rfq_id=rfq.pk, data=data)


def test_an_invited_supplier_suspended_since_does_not_block_other_edits(people: People) -> None:
    rfq = rfq_create(actor=people.owner, data=rfq_input(invited_suppliers=("xiamen-balls",)))
    people.supplier_a.company.is_active = False
    people.supplier_a.company.save()

    rfq_update(actor=people.owner, rfq_id=rfq.pk, data=replace(rfq_input_of(rfq), quantity=900))

    rfq.refresh_from_db()
    assert rfq.quantity == 900
    with pytest.raises(ValidationFailed):  # but it cannot be invited anew elsewhere
        rfq_create(actor=people.owner, data=rfq_input(invited_suppliers=("xiamen-balls",)))


def test_an_open_rfq_does_not_take_invitations_back(people: People) -> None:
    data = rfq_input(invited_suppliers=("xiamen-balls", "ningbo-sport"))
    rfq = rfq_create(actor=people.owner, data=data, open_now=True)

    with pytest.raises(RFQFieldLocked) as caught:
        rfq_update(
            actor=people.owner,
            rfq_id=rfq.pk,
            data=replace(rfq_input_of(rfq), invited_suppliers=("ningbo-sport",)),
        )

    assert caught.value.details["fields"] == ["invited_suppliers"]
    assert rfq.invitations.count() == 2


@pytest.mark.parametrize("status", [RFQStatus.CLOSED, RFQStatus.AWARDED, RFQStatus.CANCELLED])
def test_an_ended_rfq_is_not_edited(people: People, status: RFQStatus) -> None:
    rfq = rfq_create(actor=people.owner, data=rfq_input())
    RFQ.objects.filter(pk=rfq.pk).update(status=status)

    with pytest.raises(RFQFieldLocked) as caught:
        rfq_update(actor=people.owner, rfq_id=rfq.pk, data=rfq_input_of(rfq))

    assert caught.value.details["status"] == status.value


def test_inviting_a_matched_supplier_makes_it_the_buyers_invitation(people: People) -> None:
    rfq = rfq_create(actor=people.owner, data=rfq_input(), open_now=True)
    matched = RFQInvitation.objects.create(
        rfq=rfq, supplier=people.supplier_b.company, source=InvitationSource.MATCHED, rank=1
    )

    rfq_update(
        actor=people.owner,
        rfq_id=rfq.pk,
        data=replace(rfq_input_of(rfq), invited_suppliers=("ningbo-sport",)),
    )

    matched.refresh_from_db()
    assert (matched.source, matched.rank) == (InvitationSource.INVITED, 1)
    assert rfq.invitations.count() == 1
