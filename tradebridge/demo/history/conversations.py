"""Loading the demo conversations through the messaging services.

Each `conversation_data.DEMO_THREADS` not yet present (the pair's thread about its subject,
or with its title) is started by whoever wrote first, about its subject (the supplier's
product in the category it names, the buyer's RFQ or that RFQ's deal), and
each message is sent by its side's person at its moment (`backdate.message_sent` moves the
stamps the service wrote at the real time). A message read without a reply is marked read by
the other side's person at `read_after` (`thread_mark_read` takes the moment). Idempotent.
"""

from datetime import datetime
from uuid import UUID

from tradebridge.catalog.selectors import category_lookup
from tradebridge.companies.models import Membership
from tradebridge.demo.history import backdate
from tradebridge.demo.history.actors import membership, product_id
from tradebridge.demo.history.conversation_data import DEMO_THREADS, DemoMessage, DemoThread
from tradebridge.messaging.enums import SubjectKind
from tradebridge.messaging.models import Thread
from tradebridge.messaging.services.threads import (
    Counterpart,
    message_send,
    thread_mark_read,
    thread_start,
)
from tradebridge.rfq.models import RFQ, Deal


def load_conversations(*, now: datetime) -> tuple[int, int]:
    """Start the missing demo threads with their messages; return (threads, messages)."""
    categories = category_lookup()
    threads = messages = 0
    for scene in DEMO_THREADS:
        buyer, supplier = membership(scene.buyer), membership(scene.supplier)
        kind, about = _subject(scene, buyer, categories)
        # A thread about something is named by it, as from "Contact supplier" or a quote.
        title = "" if about else scene.title
        present = Thread.objects.filter(
            buyer_id=buyer.company_id,
            supplier_id=supplier.company_id,
            subject_kind=kind,
            subject_id=about,
            title=title,
        )
        if present.exists():
            continue
        _play(scene, buyer, supplier, (kind, about), title, now=now)
        threads += 1
        messages += len(scene.messages)
    return threads, messages


def _subject(
    scene: DemoThread, buyer: Membership, categories: dict[str, int]
) -> tuple[SubjectKind, UUID | None]:
    if scene.about_rfq is not None:
        rfq = RFQ.objects.get(buyer_id=buyer.company_id, title=scene.about_rfq)
        if scene.about_deal:
            return SubjectKind.DEAL, Deal.objects.values_list("id", flat=True).get(rfq=rfq)
        return SubjectKind.RFQ, rfq.pk
    if scene.about is not None:
        domain = scene.supplier.split("@")[1]
        category_id = categories[scene.about.casefold()]
        product = product_id(domain, category_id, scene.product_words)
        if product is not None:
            return SubjectKind.PRODUCT, product
    return SubjectKind.NONE, None


def _play(
    scene: DemoThread,
    buyer: Membership,
    supplier: Membership,
    subject: tuple[SubjectKind, UUID | None],
    title: str,
    *,
    now: datetime,
) -> None:
    start = now - scene.started_ago
    first, *rest = scene.messages
    author = buyer if first.side == "buyer" else supplier
    counterpart = (
        Counterpart(supplier_slug=supplier.company.slug)
        if first.side == "buyer"
        else Counterpart(buyer_id=buyer.company_id)
    )
    started = thread_start(
        actor=author,
        counterpart=counterpart,
        subject_kind=subject[0],
        subject_id=subject[1],
        title=title,
        body=first.body,
    )
    thread_id = started.thread.id
    backdate.message_sent(started.message, at=start + first.after, first=True)
    _read(first, thread_id, buyer, supplier, start=start)
    for message in rest:
        author = buyer if message.side == "buyer" else supplier
        sent = message_send(actor=author, thread_id=thread_id, body=message.body)
        backdate.message_sent(sent, at=start + message.after, first=False)
        _read(message, thread_id, buyer, supplier, start=start)


def _read(
    message: DemoMessage,
    thread_id: UUID,
    buyer: Membership,
    supplier: Membership,
    *,
    start: datetime,
) -> None:
    if message.read_after is None:
        return
    reader = supplier if message.side == "buyer" else buyer
    thread_mark_read(
        actor=reader, thread_id=thread_id, now=start + message.after + message.read_after
    )
