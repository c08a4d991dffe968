"""Orders as thread subjects, and the order timers' periodic job: a thread about an order is
only between its buyer and supplier; the order page's link opens it."""

import uuid
from urllib.parse import parse_qs, urlsplit

import pytest

from tradebridge.core.errors import ValidationFailed
from tradebridge.core.periodic import periodic_jobs
from tradebridge.messaging.services.threads import Counterpart, thread_start
from tradebridge.orders.subjects import order_message_url, order_subject
from tradebridge.orders.tests.lifecycle.conftest import Parties, place

pytestmark = pytest.mark.django_db


def test_the_buyer_writes_to_the_supplier_about_the_order(parties: Parties) -> None:
    order = place(parties)

    started = thread_start(
        actor=parties.purchaser,
        counterpart=Counterpart(supplier_slug=parties.supplier.company.slug),
        subject_kind="order",
        subject_id=order.pk,
        body="Can you ship on Friday?",
    )

    assert started.thread.subject_label == f"{order.reference} · Match ball, size 5"


def test_the_supplier_writes_to_the_buyer_about_the_order(parties: Parties) -> None:
    order = place(parties)

    started = thread_start(
        actor=parties.sales,
        counterpart=Counterpart(buyer_id=parties.buyer.company_id),
        subject_kind="order",
        subject_id=order.pk,
        body="Production starts Monday.",
    )

    assert started.thread.subject_id == order.pk


def test_an_order_is_no_subject_with_another_supplier(parties: Parties) -> None:
    order = place(parties)

    with pytest.raises(ValidationFailed) as refused:
        thread_start(
            actor=parties.purchaser,
            counterpart=Counterpart(supplier_slug=parties.outsider_supplier.company.slug),
            subject_kind="order",
            subject_id=order.pk,
            body="Hello",
        )

    assert refused.value.details["reason"] == "subject_mismatch"


def test_an_unknown_order_is_no_subject(db: None) -> None:
    assert order_subject(uuid.uuid4()) is None


def test_the_message_link_names_the_other_company_and_the_order(parties: Parties) -> None:
    order = place(parties)

    as_buyer = urlsplit(order_message_url(order, as_buyer=True))
    as_supplier = urlsplit(order_message_url(order, as_buyer=False))

    assert as_buyer.path == as_supplier.path == "/messages/new/"
    assert parse_qs(as_buyer.query) == {
        "supplier": [parties.supplier.company.slug],
        "subject_kind": ["order"],
        "subject_id": [str(order.pk)],
    }
    assert parse_qs(as_supplier.query)["buyer"] == [str(parties.buyer.company_id)]


def test_the_order_timers_are_a_periodic_job_every_minute() -> None:
    job = next(job for job in periodic_jobs() if job.name.startswith("order deadlines"))

    assert job.every.total_seconds() == 60
