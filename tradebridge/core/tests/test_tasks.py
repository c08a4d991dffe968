import signal
import uuid
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.tasks import TaskResultStatus, task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tradebridge.core.management.commands.worker import Command as WorkerCommand
from tradebridge.core.models import AuditEvent, IdempotencyRecord
from tradebridge.core.tasks import (
    enqueue_on_commit,
    ping,
    prune_expired_records,
    refresh_planner_statistics,
)
from tradebridge.core.tests.planner_statistics_probe import (
    statistics_cleared,
    tables_analyzed_since,
)

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@task()
def record_shipment(*, order_id: str) -> str:
    AuditEvent.objects.create(action="order.shipped", object_type="order", object_id=order_id)
    return order_id


@pytest.fixture
def database_backend(settings):
    settings.TASKS = DATABASE_TASKS


@pytest.fixture
def restore_signal_handlers():
    """db_worker installs its own SIGINT/SIGTERM handlers; give pytest its own back."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


@pytest.mark.django_db(transaction=True)
def test_enqueue_on_commit_runs_the_task_after_the_commit():
    order_id = str(uuid.uuid4())

    with transaction.atomic():
        enqueue_on_commit(record_shipment, order_id=order_id)
        assert AuditEvent.objects.exists() is False

    assert list(AuditEvent.objects.values_list("object_id", flat=True)) == [order_id]


@pytest.mark.django_db(transaction=True)
def test_enqueue_on_commit_never_runs_the_task_on_rollback():
    class Abort(Exception):
        pass

    def enqueue_then_fail():
        with transaction.atomic():
            enqueue_on_commit(record_shipment, order_id="o-1")
            raise Abort

    with pytest.raises(Abort):
        enqueue_then_fail()

    assert AuditEvent.objects.exists() is False


# The worker commits and checks its connection like in production: no wrapping transaction.
@pytest.mark.django_db(transaction=True)
def test_the_database_worker_drains_the_queue_in_batch_mode(
    database_backend, restore_signal_handlers
):
    # given two tasks waiting in the database queue
    first = record_shipment.enqueue(order_id="o-1")
    second = record_shipment.enqueue(order_id="o-2")
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 2
    assert AuditEvent.objects.exists() is False

    # when
    out = StringIO()
    call_command("worker", "--batch", stdout=out)

    # then
    assert sorted(AuditEvent.objects.values_list("object_id", flat=True)) == ["o-1", "o-2"]
    first.refresh()
    second.refresh()
    assert (first.status, first.return_value) == (TaskResultStatus.SUCCESSFUL, "o-1")
    assert (second.status, second.return_value) == (TaskResultStatus.SUCCESSFUL, "o-2")
    assert "Database task worker on queue(s) default (batch)." in out.getvalue()


# The worker commits and checks its connection like in production: no wrapping transaction.
@pytest.mark.django_db(transaction=True)
def test_the_database_worker_prunes_before_it_starts(
    database_backend, restore_signal_handlers, settings
):
    # given an expired idempotency record, a fresh one, an old finished task row and a queued one
    now = timezone.now()
    IdempotencyRecord.objects.create(
        key="old", method="POST", route="r", fingerprint="f", created_at=now - timedelta(hours=49)
    )
    IdempotencyRecord.objects.create(
        key="new", method="POST", route="r", fingerprint="f", created_at=now
    )
    old = ping.enqueue(payload="old")
    DBTaskResult.objects.filter(pk=old.id).update(
        status=TaskResultStatus.SUCCESSFUL,
        finished_at=now - timedelta(days=settings.TASK_RESULT_TTL_DAYS, seconds=1),
    )
    waiting = ping.enqueue(payload="still queued")
    DBTaskResult.objects.filter(pk=waiting.id).update(run_after=now + timedelta(days=365))

    # when
    out = StringIO()
    call_command("worker", "--batch", stdout=out)

    # then
    assert list(IdempotencyRecord.objects.values_list("key", flat=True)) == ["new"]
    assert list(DBTaskResult.objects.values_list("id", flat=True)) == [uuid.UUID(waiting.id)]
    assert "Pruned 1 idempotency records and 1 finished task rows." in out.getvalue()


@pytest.mark.django_db
def test_prune_keeps_recent_and_unfinished_rows(database_backend, settings):
    now = timezone.now()
    recent = ping.enqueue(payload="recent")
    DBTaskResult.objects.filter(pk=recent.id).update(
        status=TaskResultStatus.FAILED, finished_at=now - timedelta(days=1)
    )
    running = ping.enqueue(payload="running")
    DBTaskResult.objects.filter(pk=running.id).update(
        status=TaskResultStatus.RUNNING, started_at=now - timedelta(days=100)
    )
    IdempotencyRecord.objects.create(
        key="k", method="POST", route="r", fingerprint="f", created_at=now - timedelta(hours=47)
    )

    out = StringIO()
    call_command("prune", stdout=out)

    assert DBTaskResult.objects.count() == 2
    assert IdempotencyRecord.objects.count() == 1
    assert out.getvalue().strip().splitlines() == [
        "Pruned 0 idempotency records (older than 48 h) "
        "and 0 finished task rows (older than 14 days).",
        "Pruned 0 webhook events (with their deliveries and attempts).",  # the webhooks app
        "Pruned 0 catalog change-feed rows.",  # registered by the catalog app
        "Pruned 0 unsent message attachments.",  # registered by the messaging app
    ]


@pytest.mark.django_db
def test_the_prune_task_reports_what_it_deleted():
    IdempotencyRecord.objects.create(
        key="old",
        method="POST",
        route="r",
        fingerprint="f",
        created_at=timezone.now() - timedelta(days=3),
    )

    result = prune_expired_records.enqueue()

    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == {
        "idempotency_records": 1,
        "task_results": 0,
        "webhook events (with their deliveries and attempts)": 0,  # the webhooks app
        "catalog change-feed rows": 0,  # registered by the catalog app
        "unsent message attachments": 0,  # registered by the messaging app
    }


@pytest.mark.django_db
def test_the_daily_statistics_task_analyzes_every_table():
    AuditEvent.objects.create(action="fx.imported", object_type="fx_rate", object_id="ECB")
    moment = statistics_cleared()

    result = refresh_planner_statistics.enqueue()

    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value["tables"] == len(
        connection.introspection.django_table_names(only_existing=True)
    )
    assert "core_auditevent" in tables_analyzed_since(moment)


@pytest.mark.django_db
def test_the_database_workers_daily_housekeeping_prunes_and_analyzes():
    AuditEvent.objects.create(action="fx.imported", object_type="fx_rate", object_id="ECB")
    moment = statistics_cleared()
    out = StringIO()

    WorkerCommand(stdout=out).housekeep()

    assert "core_auditevent" in tables_analyzed_since(moment)
    lines = out.getvalue().strip().splitlines()
    assert lines[0] == "Pruned 0 idempotency records and 0 finished task rows."
    assert lines[-1].startswith(
        f"Analyzed {len(connection.introspection.django_table_names(only_existing=True))} tables"
    )


def test_with_the_immediate_backend_there_is_no_worker_to_run():
    out = StringIO()

    call_command("worker", stdout=out)

    assert out.getvalue().strip() == "Tasks run inline (immediate backend): no worker is needed."


def test_an_unknown_task_backend_is_a_command_error(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}

    with pytest.raises(CommandError, match="No worker known for the task backend DummyBackend"):
        call_command("worker")
