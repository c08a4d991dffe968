"""Background work of matching: rank an RFQ's suppliers once it opened, and send the digest
e-mails of new matching RFQs (every 10 minutes: docs/tasks.md)."""

import uuid

from django.tasks import task

from tradebridge.core.tasks import enqueue_on_commit
from tradebridge.rfq.events import RFQOpened
from tradebridge.rfq.matching.digest import rfq_match_digests_send
from tradebridge.rfq.services.matching import rfq_match


@task()
def rfq_match_task(*, rfq_id: str) -> int:
    """Rank, store and notify the RFQ's suppliers (idempotent: `rfq_match`)."""
    return rfq_match(rfq_id=uuid.UUID(rfq_id))


@task()
def rfq_match_digests_task(*, base_url: str = "") -> int:
    """Send the pending digest e-mails; never one invitation twice (`rfq.matching.digest`)."""
    return rfq_match_digests_send(base_url=base_url)


def rfq_match_on_opened(event: RFQOpened) -> None:
    """Handler of RFQOpened (published after the commit): enqueue the matching."""
    enqueue_on_commit(rfq_match_task, rfq_id=str(event.rfq_id))
