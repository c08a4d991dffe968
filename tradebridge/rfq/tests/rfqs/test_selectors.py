"""Who sees which RFQ: the buyer's members, suppliers by visibility and invitation, operators."""

import uuid

import pytest

from tradebridge.companies.enums import CompanyKind
from tradebridge.core.errors import NotFound
from tradebridge.rfq.enums import RFQStatus, RFQVisibility
from tradebridge.rfq.models import RFQ
from tradebridge.rfq.selectors import (
    quote_attachment_get_for_download,
    rfq_attachment_get_for_download,
    rfq_get_for_buyer,
    rfq_get_for_member,
    rfq_get_for_operator,
    rfq_get_for_supplier,
    rfq_list_for_buyer,
    rfq_list_visible_to_supplier,
    rfq_settings,
)
from tradebridge.rfq.tests.factories import (
    QuoteAttachmentFactory,
    QuoteFactory,
    QuoteRevisionFactory,
    RFQAttachmentFactory,
    RFQFactory,
    RFQInvitationFactory,
)
from tradebridge.rfq.tests.rfqs.conftest import People

pytestmark = pytest.mark.django_db


def _rfq(people: People, **fields: object) -> RFQ:
    return RFQFactory.create(buyer=people.buyer, created_by=people.owner.user, **fields)


@pytest.mark.parametrize("role", ["owner", "admin", "purchaser", "sales", "viewer"])
def test_every_member_of_the_buyer_reads_its_rfqs(people: People, role: str) -> None:
    draft = _rfq(people, status=RFQStatus.DRAFT)
    cancelled = _rfq(people, status=RFQStatus.CANCELLED)
    RFQFactory.create()  # another buyer's

    actor = people.member(role)

    assert set(rfq_list_for_buyer(actor=actor)) == {draft, cancelled}
    assert list(rfq_list_for_buyer(actor=actor, status="draft")) == [draft]
    assert rfq_get_for_buyer(actor=actor, rfq_id=draft.pk) == draft


def test_another_company_gets_not_found(people: People) -> None:
    rfq = _rfq(people)

    for actor in (people.other_buyer, people.supplier_a):
        with pytest.raises(NotFound):
            rfq_get_for_buyer(actor=actor, rfq_id=rfq.pk)
    with pytest.raises(NotFound):
        rfq_get_for_buyer(actor=people.owner, rfq_id=uuid.uuid4())


def test_an_inactive_membership_sees_nothing(people: People) -> None:
    rfq = _rfq(people)
    people.owner.is_active = False
    people.owner.save()

    assert not rfq_list_for_buyer(actor=people.owner).exists()
    with pytest.raises(NotFound):
        rfq_get_for_buyer(actor=people.owner, rfq_id=rfq.pk)


@pytest.mark.parametrize(
    ("status", "visible"),
    [
        (RFQStatus.DRAFT, False),
        (RFQStatus.OPEN, True),
        (RFQStatus.CLOSED, True),
        (RFQStatus.AWARDED, True),
        (RFQStatus.CANCELLED, False),
    ],
)
def test_suppliers_see_public_rfqs_once_open(
    people: People, status: RFQStatus, visible: bool
) -> None:
    rfq = _rfq(people, status=status)

    assert (rfq in rfq_list_visible_to_supplier(actor=people.supplier_a)) is visible
    if visible:
        assert rfq_get_for_supplier(actor=people.supplier_a_sales, rfq_id=rfq.pk) == rfq
    else:
        with pytest.raises(NotFound):
            rfq_get_for_supplier(actor=people.supplier_a, rfq_id=rfq.pk)


def test_an_invited_only_rfq_is_seen_by_its_invitees_only(people: People) -> None:
    rfq = _rfq(people, visibility=RFQVisibility.INVITED)
    RFQInvitationFactory.create(rfq=rfq, supplier=people.supplier_a.company)

    assert rfq_get_for_supplier(actor=people.supplier_a, rfq_id=rfq.pk) == rfq
    with pytest.raises(NotFound):
        rfq_get_for_supplier(actor=people.supplier_b, rfq_id=rfq.pk)
    assert rfq not in rfq_list_visible_to_supplier(actor=people.supplier_b)


def test_a_suspended_supplier_sees_none_even_invited(people: People) -> None:
    public = _rfq(people)
    invited = _rfq(people, visibility=RFQVisibility.INVITED)
    RFQInvitationFactory.create(rfq=invited, supplier=people.suspended_supplier.company)

    actor = people.suspended_supplier
    assert not rfq_list_visible_to_supplier(actor=actor).exists()
    for rfq in (public, invited):
        with pytest.raises(NotFound):
            rfq_get_for_supplier(actor=actor, rfq_id=rfq.pk)


def test_a_buyer_only_company_is_no_supplier(people: People) -> None:
    rfq = _rfq(people)

    assert not rfq_list_visible_to_supplier(actor=people.other_buyer).exists()
    with pytest.raises(NotFound):
        rfq_get_for_supplier(actor=people.other_buyer, rfq_id=rfq.pk)


def test_a_both_company_does_not_see_its_own_rfqs_as_a_supplier(people: People) -> None:
    people.buyer.kind = CompanyKind.BOTH
    people.buyer.save()
    rfq = _rfq(people)

    assert rfq not in rfq_list_visible_to_supplier(actor=people.owner)
    assert rfq_get_for_member(actor=people.owner, rfq_id=rfq.pk) == (rfq, True)


def test_member_view_tells_buyer_from_supplier(people: People) -> None:
    rfq = _rfq(people)

    assert rfq_get_for_member(actor=people.viewer, rfq_id=rfq.pk) == (rfq, True)
    assert rfq_get_for_member(actor=people.supplier_b, rfq_id=rfq.pk) == (rfq, False)
    with pytest.raises(NotFound):
        rfq_get_for_member(actor=people.other_buyer, rfq_id=rfq.pk)


def test_operators_see_any_rfq_and_nobody_else_through_that_door(people: People) -> None:
    rfq = _rfq(people, status=RFQStatus.DRAFT)

    assert rfq_get_for_operator(user=people.operator, rfq_id=rfq.pk) == rfq
    with pytest.raises(NotFound):
        rfq_get_for_operator(user=people.owner.user, rfq_id=rfq.pk)


def test_rfq_attachments_follow_the_rfq(people: People) -> None:
    attachment = RFQAttachmentFactory.create(rfq=_rfq(people, visibility=RFQVisibility.INVITED))
    RFQInvitationFactory.create(rfq=attachment.rfq, supplier=people.supplier_a.company)

    for actor in (people.viewer, people.supplier_a):
        assert (
            rfq_attachment_get_for_download(actor=actor, attachment_id=attachment.pk) == attachment
        )
    for actor in (people.supplier_b, people.other_buyer, people.suspended_supplier):
        with pytest.raises(NotFound):
            rfq_attachment_get_for_download(actor=actor, attachment_id=attachment.pk)


def test_quote_attachments_are_for_the_quoting_supplier_and_the_buyer_only(
    people: People,
) -> None:
    rfq = _rfq(people)
    quote = QuoteFactory.create(rfq=rfq, supplier=people.supplier_a.company, revision=False)
    revision = QuoteRevisionFactory.create(quote=quote)
    attachment = QuoteAttachmentFactory.create(revision=revision)

    for actor in (people.viewer, people.supplier_a_sales):
        got = quote_attachment_get_for_download(actor=actor, attachment_id=attachment.pk)
        assert got == attachment
    for actor in (people.supplier_b, people.other_buyer):
        with pytest.raises(NotFound):
            quote_attachment_get_for_download(actor=actor, attachment_id=attachment.pk)
    with pytest.raises(NotFound):
        quote_attachment_get_for_download(actor=people.viewer, attachment_id=uuid.uuid4())


def test_rfq_settings_are_one_row_with_defaults(db: None) -> None:
    first = rfq_settings()

    assert first.pk == 1
    assert (
        first.suppliers_notified_per_rfq,
        first.quotes_per_supplier_per_day,
        first.rfqs_per_company_per_day,
    ) == (20, 30, 20)
    assert rfq_settings() == first
