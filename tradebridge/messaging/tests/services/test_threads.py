"""Starting threads and sending messages: parties, roles, subjects, reuse, rate limits, the
response ledger, and nothing written on a refusal."""

import uuid
from datetime import timedelta
from typing import Any

import pytest
from django.test import override_settings
from django.utils import timezone

from tradebridge.companies.enums import CompanyKind, Role
from tradebridge.companies.tests.factories import MembershipFactory
from tradebridge.core.errors import NotFound, PermissionDenied, RateLimited, ValidationFailed
from tradebridge.messaging.enums import ResponseRequestKind, SubjectKind
from tradebridge.messaging.models import Message, ResponseRequest, SupplierResponseStats, Thread
from tradebridge.messaging.services import (
    Counterpart,
    message_send,
    thread_mark_read,
    thread_start,
)
from tradebridge.messaging.subjects import SubjectInfo
from tradebridge.messaging.tests.conftest import Parties

pytestmark = pytest.mark.django_db


def _start(parties: Parties, **fields: object) -> Thread:
    values: dict[str, object] = {
        "actor": parties.purchaser,
        "counterpart": Counterpart(supplier_slug=parties.supplier.slug),
        "body": "Can you make 500 balls in red?",
        **fields,
    }
    return thread_start(**values).thread  # type: ignore[arg-type]


def test_a_buyer_writes_to_a_supplier_and_the_reply_answers_the_request(
    parties: Parties, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        thread = _start(parties, title="Red balls")
    stats = SupplierResponseStats.objects.get(supplier=parties.supplier)  # refreshed by the task
    assert (stats.response_rate, stats.requests_count) == (0, 1)
    assert (thread.buyer_id, thread.supplier_id) == (parties.buyer.id, parties.supplier.id)
    request = ResponseRequest.objects.get()
    assert (request.kind, request.ref_id, request.answered_at) == ("thread", thread.id, None)

    with django_capture_on_commit_callbacks(execute=True):
        reply = message_send(actor=parties.sales, thread_id=thread.id, body="Yes, 20 days.")

    request.refresh_from_db()
    assert request.answered_at == reply.created_at
    stats.refresh_from_db()
    assert (stats.response_rate, stats.requests_count) == (100, 1)
    assert stats.median_first_response_seconds == int(
        (reply.created_at - request.asked_at).total_seconds()
    )


def test_the_same_subject_reuses_the_thread_and_another_subject_opens_one(
    parties: Parties, product_subjects: dict[str, object]
) -> None:
    ball, bag = uuid.uuid4(), uuid.uuid4()
    product_subjects[str(ball)] = SubjectInfo("Soccer ball", supplier_id=parties.supplier.id)
    product_subjects[str(bag)] = SubjectInfo("Ball bag", supplier_id=parties.supplier.id)
    first = thread_start(
        actor=parties.purchaser,
        counterpart=Counterpart(supplier_slug=parties.supplier.slug),
        subject_kind=SubjectKind.PRODUCT,
        subject_id=ball,
        body="Price for 1,000?",
    )
    again = thread_start(
        actor=parties.buyer_owner,
        counterpart=Counterpart(supplier_slug=parties.supplier.slug),
        subject_kind=SubjectKind.PRODUCT,
        subject_id=ball,
        body="And for 2,000?",
    )
    other = _start(parties, subject_kind=SubjectKind.PRODUCT, subject_id=bag)
    assert first.created
    assert not again.created
    assert again.thread.id == first.thread.id
    assert first.thread.subject_label == "Soccer ball"
    assert other.id != first.thread.id
    assert Message.objects.filter(thread=first.thread).count() == 2


def test_a_supplier_writes_to_a_buyer_without_opening_a_request(parties: Parties) -> None:
    started = thread_start(
        actor=parties.sales, counterpart=Counterpart(buyer_id=parties.buyer.id), body="New prices"
    )
    assert started.thread.started_by_company_id == parties.supplier.id
    assert not ResponseRequest.objects.exists()


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"body": "   "}, "body_empty"),
        ({"body": "x" * 5001}, "body_too_long"),
        ({"title": "t" * 201}, "title_too_long"),
        ({"subject_kind": "invoice", "subject_id": uuid.uuid4()}, "subject_unsupported"),
        ({"subject_kind": SubjectKind.PRODUCT}, "subject_required"),
        ({"subject_kind": SubjectKind.PRODUCT, "subject_id": uuid.uuid4()}, "subject_not_found"),
        ({"subject_kind": SubjectKind.ORDER, "subject_id": uuid.uuid4()}, "subject_not_found"),
        ({"attachment_ids": [uuid.uuid4()]}, "attachment_invalid"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(
    parties: Parties, product_subjects: dict[str, object], fields: dict[str, object], reason: str
) -> None:
    with pytest.raises(ValidationFailed) as raised:
        _start(parties, **fields)
    assert raised.value.details["reason"] == reason
    assert not Thread.objects.exists()
    assert not Message.objects.exists()
    assert not ResponseRequest.objects.exists()


def test_a_product_of_another_supplier_is_no_subject_of_this_thread(
    parties: Parties, product_subjects: dict[str, object]
) -> None:
    theirs = uuid.uuid4()
    product_subjects[str(theirs)] = SubjectInfo("Their ball", supplier_id=parties.other.id)
    with pytest.raises(ValidationFailed) as raised:
        _start(parties, subject_kind=SubjectKind.PRODUCT, subject_id=theirs)
    assert raised.value.details["reason"] == "subject_mismatch"
    assert not Thread.objects.exists()


def test_counterparts_must_exist_be_active_and_of_the_right_kind(parties: Parties) -> None:
    with pytest.raises(NotFound):
        _start(parties, counterpart=Counterpart(supplier_slug="nobody"))
    with pytest.raises(NotFound):  # a buyer is no supplier
        _start(parties, counterpart=Counterpart(supplier_slug=parties.buyer.slug))
    parties.other.is_active = False
    parties.other.save()
    with pytest.raises(NotFound):  # suspended
        _start(parties, counterpart=Counterpart(supplier_slug=parties.other.slug))
    with pytest.raises(ValidationFailed) as raised:  # a supplier-only company cannot buy
        thread_start(
            actor=parties.sales,
            counterpart=Counterpart(supplier_slug=parties.supplier.slug),
            body="Hi",
        )
    assert raised.value.details["reason"] == "not_a_buyer"
    with pytest.raises(ValidationFailed):
        _start(parties, counterpart=Counterpart())
    assert not Thread.objects.exists()


def test_viewers_may_not_write_and_outsiders_do_not_see_the_thread(parties: Parties) -> None:
    with pytest.raises(PermissionDenied):
        _start(parties, actor=parties.buyer_viewer)
    thread = _start(parties)
    with pytest.raises(NotFound):
        message_send(actor=parties.supplier_viewer, thread_id=thread.id, body="hi")
    with pytest.raises(NotFound):
        message_send(actor=parties.outsider, thread_id=thread.id, body="hi")
    with pytest.raises(NotFound):
        thread_mark_read(actor=parties.outsider, thread_id=thread.id)
    assert Message.objects.count() == 1


def test_members_of_a_suspended_company_cannot_act(parties: Parties) -> None:
    thread = _start(parties)
    parties.supplier.is_active = False
    parties.supplier.save()
    parties.sales.refresh_from_db()
    with pytest.raises(NotFound):
        message_send(actor=parties.sales, thread_id=thread.id, body="hi")
    assert Message.objects.count() == 1


@override_settings(MESSAGING_NEW_THREADS_PER_DAY=2)
def test_new_threads_are_limited_per_company_and_day(
    parties: Parties, product_subjects: dict[str, object]
) -> None:
    ids = [uuid.uuid4() for _ in range(3)]
    for subject_id in ids:
        product_subjects[str(subject_id)] = SubjectInfo("Ball", supplier_id=parties.supplier.id)
    _start(parties, subject_kind=SubjectKind.PRODUCT, subject_id=ids[0])
    _start(parties, actor=parties.buyer_owner, subject_kind=SubjectKind.PRODUCT, subject_id=ids[1])
    with pytest.raises(RateLimited) as raised:
        _start(parties, subject_kind=SubjectKind.PRODUCT, subject_id=ids[2])
    assert raised.value.code == "rate_limited"
    assert Thread.objects.count() == 2
    Thread.objects.update(created_at=timezone.now() - timedelta(days=1, seconds=1))
    _start(parties, subject_kind=SubjectKind.PRODUCT, subject_id=ids[2])  # a day later


@override_settings(MESSAGING_MESSAGES_PER_MINUTE=3)
def test_messages_are_limited_per_company_and_minute(parties: Parties) -> None:
    thread = _start(parties)
    message_send(actor=parties.purchaser, thread_id=thread.id, body="two")
    message_send(actor=parties.buyer_owner, thread_id=thread.id, body="three")
    with pytest.raises(RateLimited):
        message_send(actor=parties.purchaser, thread_id=thread.id, body="four")
    message_send(actor=parties.sales, thread_id=thread.id, body="the supplier's own quota")
    assert Message.objects.count() == 4


def test_the_request_is_answered_once_by_the_first_reply(parties: Parties) -> None:
    thread = _start(parties)
    message_send(actor=parties.purchaser, thread_id=thread.id, body="Anyone?")
    first = message_send(actor=parties.sales, thread_id=thread.id, body="Yes")
    message_send(actor=parties.supplier_admin, thread_id=thread.id, body="Also yes")
    request = ResponseRequest.objects.get(kind=ResponseRequestKind.THREAD)
    assert request.asked_at < first.created_at
    assert request.answered_at == first.created_at


def test_a_buyer_kind_company_cannot_be_written_to_as_a_supplier(parties: Parties) -> None:
    parties.other.kind = CompanyKind.BUYER
    parties.other.save()
    with pytest.raises(NotFound):
        _start(parties, counterpart=Counterpart(supplier_slug=parties.other.slug))


def test_a_company_cannot_write_to_itself_nor_act_while_suspended(parties: Parties) -> None:
    both = MembershipFactory.create(company=parties.other, role=Role.OWNER)
    with pytest.raises(NotFound):
        thread_start(
            actor=both, counterpart=Counterpart(supplier_slug=parties.other.slug), body="Hi me"
        )
    parties.buyer.is_active = False
    parties.buyer.save()
    with pytest.raises(NotFound):
        _start(parties)
    assert not Thread.objects.exists()
