"""The Celery beat schedule of the scale-out deployment names tasks that exist."""

from django.utils.module_loading import import_string

from config.celery import app


def test_every_scheduled_task_is_a_django_task_at_its_path():
    for entry in app.conf.beat_schedule.values():
        assert import_string(entry["task"]).module_path == entry["task"]


def test_the_planner_statistics_are_refreshed_daily_after_the_pruning():
    schedule = app.conf.beat_schedule

    assert schedule["refresh-planner-statistics"]["task"] == (
        "tradebridge.core.tasks.refresh_planner_statistics"
    )
    analyze = schedule["refresh-planner-statistics"]["schedule"]
    prune = schedule["prune-expired-records"]["schedule"]
    assert (analyze.hour, analyze.minute, prune.hour, prune.minute) == ({3}, {47}, {3}, {17})
    assert analyze.day_of_week == prune.day_of_week == set(range(7))


def test_the_ecb_rates_are_fetched_daily_after_the_ecb_publishes():
    entry = app.conf.beat_schedule["fetch-fx-rates"]

    assert entry["task"] == "tradebridge.core.tasks.fetch_fx_rates"
    schedule = entry["schedule"]
    assert (schedule.hour, schedule.minute, schedule.day_of_week) == ({16}, {23}, set(range(7)))


def test_rfq_deadlines_run_every_minute():
    entry = app.conf.beat_schedule["rfq-deadlines"]

    assert entry["task"] == "tradebridge.rfq.tasks.rfq_deadlines_run"
    assert entry["schedule"].minute == set(range(60))


def test_the_webhooks_relay_runs_every_minute():
    entry = app.conf.beat_schedule["webhooks-relay"]

    assert entry["task"] == "tradebridge.webhooks.tasks.webhooks_relay"
    assert entry["schedule"].minute == set(range(60))


def test_the_order_timers_run_every_minute():
    entry = app.conf.beat_schedule["orders-timers"]

    assert entry["task"] == "tradebridge.orders.tasks.orders_timers_run"
    assert entry["schedule"].minute == set(range(60))


def test_disputes_escalate_every_minute():
    entry = app.conf.beat_schedule["dispute-auto-escalation"]

    assert entry["task"] == "tradebridge.payments.dispute_tasks.disputes_timers_task"
    assert entry["schedule"].minute == set(range(60))
