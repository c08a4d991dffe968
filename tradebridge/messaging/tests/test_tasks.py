"""Messaging's background work: its periodic jobs are registered, the tasks run the services,
and unsent attachments are pruned after a day."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from PIL import Image

from tradebridge.core.periodic import periodic_jobs
from tradebridge.messaging.models import MessageAttachment, SupplierResponseStats
from tradebridge.messaging.services import (
    Counterpart,
    attachment_orphans_prune,
    attachment_upload,
    message_send,
    thread_start,
)
from tradebridge.messaging.tasks import (
    notify_unread_messages,
    refresh_all_response_stats,
    refresh_supplier_response_stats,
)
from tradebridge.messaging.tests.conftest import Parties

pytestmark = pytest.mark.django_db


def test_the_periodic_jobs_are_registered() -> None:
    every = {job.name: job.every for job in periodic_jobs()}
    assert every["unread-message e-mails"] == timedelta(minutes=1)
    assert every["supplier response stats"] == timedelta(days=1)


def test_the_tasks_run_their_services(parties: Parties) -> None:
    thread_start(
        actor=parties.purchaser,
        counterpart=Counterpart(supplier_slug=parties.supplier.slug),
        body="Hello",
    )
    assert notify_unread_messages.call() == 0  # not yet past the delay
    refresh_supplier_response_stats.call(supplier_id=str(parties.supplier.id))
    assert SupplierResponseStats.objects.get().requests_count == 1
    assert refresh_all_response_stats.call() == 1


def _png() -> io.BytesIO:
    out = io.BytesIO()
    Image.new("RGB", (2, 2)).save(out, "PNG")
    out.seek(0)
    return out


def test_unsent_attachments_are_pruned_after_a_day(parties: Parties) -> None:
    thread = thread_start(
        actor=parties.purchaser,
        counterpart=Counterpart(supplier_slug=parties.supplier.slug),
        body="Hello",
    ).thread
    sent = attachment_upload(
        actor=parties.sales, thread_id=thread.id, file=_png(), filename="a.png"
    )
    message_send(actor=parties.sales, thread_id=thread.id, body="", attachment_ids=[sent.id])
    unsent = attachment_upload(
        actor=parties.sales, thread_id=thread.id, file=_png(), filename="b.png"
    )
    storage, name = unsent.file.storage, str(unsent.file.name)
    assert attachment_orphans_prune(now=timezone.now()) == 0
    assert attachment_orphans_prune(now=timezone.now() + timedelta(days=1, minutes=1)) == 1
    assert list(MessageAttachment.objects.values_list("id", flat=True)) == [sent.id]
    assert not storage.exists(name)
