"""PostgreSQL only: two members writing at the same moment about the same subject end up in
one thread; two concurrent e-mail runs claim each message once."""

import threading
import uuid
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from tradebridge.companies.models import Membership
from tradebridge.core.errors import DomainError
from tradebridge.messaging.enums import SubjectKind
from tradebridge.messaging.models import Message, MessageNotification, Thread
from tradebridge.messaging.services import Counterpart, message_unread_notify, thread_start
from tradebridge.messaging.subjects import SubjectInfo
from tradebridge.messaging.tests.conftest import Parties

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _race(calls: list[Callable[[], object]]) -> list[object]:
    barrier = threading.Barrier(len(calls))
    outcomes: list[object] = []

    def run(call: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=10)
            outcomes.append(call())
        except DomainError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def test_concurrent_starts_about_one_subject_share_one_thread(
    parties: Parties, product_subjects: dict[str, object]
) -> None:
    ball = uuid.uuid4()
    product_subjects[str(ball)] = SubjectInfo("Ball", supplier_id=parties.supplier.id)

    def start(actor: Membership) -> Callable[[], object]:
        return lambda: (
            thread_start(
                actor=actor,
                counterpart=Counterpart(supplier_slug=parties.supplier.slug),
                subject_kind=SubjectKind.PRODUCT,
                subject_id=ball,
                body="Price?",
            ).thread.id
        )

    outcomes = _race([start(parties.purchaser), start(parties.buyer_owner)])
    assert len(outcomes) == 2
    assert len(set(outcomes)) == 1
    assert Thread.objects.count() == 1
    assert Message.objects.count() == 2


def test_concurrent_email_runs_claim_each_message_once(parties: Parties) -> None:
    thread_start(
        actor=parties.purchaser,
        counterpart=Counterpart(supplier_slug=parties.supplier.slug),
        body="Hello",
    )
    later = timezone.now() + timedelta(minutes=11)
    outcomes = _race([lambda: message_unread_notify(now=later)] * 3)
    assert sum(outcome for outcome in outcomes if isinstance(outcome, int)) == 2
    assert MessageNotification.objects.count() == 2
