# ruff: noqa: T201  # a benchmark reports on standard output
"""Benchmark (not a test): what an open messaging tab costs the server.

    .venv/bin/python benchmarks/messaging_poll.py [--runs 200] [--messages 200]

An open thread page polls `/messages/<id>/poll/?after=...` every 5 seconds. This measures, in
process with Django's test client (no network, no browser) on a throwaway test database
(config.settings.test: SQLite in memory, or PostgreSQL with DATABASE_URL), the queries and
server time of one poll when nothing is new (the common case: 204) and when one message
arrived (the partial with it), in a thread of `--messages` messages; and the thread list and
the unread badge for comparison. Reports queries per request, p50 and p95 in ms, and the
database work of an idle tab per hour (720 polls).
"""

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _measure(
    runs: int, call: Callable[[], int], prepare: Callable[[], None] = lambda: None
) -> tuple[float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        call()
    times, queries = [], 0
    for _ in range(runs):
        prepare()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            call()
            times.append((time.perf_counter() - start) * 1000)
        queries = len(captured)
    times.sort()
    return statistics.median(times), times[max(0, round(len(times) * 0.95) - 1)], queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--messages", type=int, default=200)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        _run(args.runs, args.messages)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def _run(runs: int, message_count: int) -> None:
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from tradebridge.accounts.tests.factories import UserFactory
    from tradebridge.companies.enums import CompanyKind, Role
    from tradebridge.companies.tests.factories import CompanyFactory, MembershipFactory
    from tradebridge.messaging.models import Message
    from tradebridge.messaging.services import Counterpart, thread_start

    buyer = CompanyFactory.create(slug="bench-buyer", kind=CompanyKind.BUYER)
    supplier = CompanyFactory.create(slug="bench-supplier", kind=CompanyKind.SUPPLIER)
    purchaser = MembershipFactory.create(
        company=buyer, role=Role.PURCHASER, user=UserFactory.create(email="p@bench.example")
    )
    thread = thread_start(
        actor=purchaser, counterpart=Counterpart(supplier_slug=supplier.slug), body="Hello"
    ).thread
    Message.objects.bulk_create(
        Message(thread=thread, sender_company=supplier, body=f"Line {n} " * 20)
        for n in range(message_count)
    )
    client = Client()
    client.force_login(purchaser.user)
    poll = f"/messages/{thread.id}/poll/"

    def idle() -> int:
        return client.get(poll, {"after": timezone.now().isoformat()}).status_code

    last_seen = [timezone.now()]

    def arrive() -> None:
        last_seen[0] = Message.objects.filter(thread=thread).latest("created_at").created_at
        Message.objects.create(thread=thread, sender_company=supplier, body="Anything new?")

    def one_new() -> int:
        return client.get(poll, {"after": last_seen[0].isoformat()}).status_code

    print(f"{connection.vendor}, a thread of {message_count} messages, {runs} runs each")
    rows: dict[str, tuple[Callable[[], int], Callable[[], None]]] = {
        "poll, nothing new (204)": (idle, lambda: None),
        "poll, one new message (partial)": (one_new, arrive),
        "thread list /messages/": (lambda: client.get("/messages/").status_code, lambda: None),
        "unread count API": (
            lambda: client.get("/api/v1/threads/unread-count").status_code,
            lambda: None,
        ),
    }
    idle_p50 = 0.0
    for name, (call, prepare) in rows.items():
        p50, p95, queries = _measure(runs, call, prepare)
        idle_p50 = idle_p50 or p50
        print(f"{name:36s} {queries:2d} queries   p50 {p50:6.2f} ms   p95 {p95:6.2f} ms")
    print(f"an idle open tab: 720 polls/hour = {720 * idle_p50 / 1000:.2f} s of server time/hour")


if __name__ == "__main__":
    main()
