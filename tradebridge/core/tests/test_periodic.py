"""The apps' periodic jobs for the database worker: due when never run or their interval
passed."""

from datetime import timedelta

import pytest

from tradebridge.core import periodic
from tradebridge.core.periodic import periodic_due, periodic_jobs, periodic_register


@pytest.fixture
def jobs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(periodic, "_JOBS", {})


@pytest.mark.usefixtures("jobs")
def test_a_job_is_due_at_first_and_then_after_its_interval() -> None:
    runs: list[str] = []
    periodic_register("minute", every=timedelta(minutes=1), run=lambda: runs.append("m"))
    periodic_register("day", every=timedelta(days=1), run=lambda: runs.append("d"))
    assert [job.name for job in periodic_due(last_runs={}, now=0.0)] == ["minute", "day"]
    last = {"minute": 0.0, "day": 0.0}
    assert periodic_due(last_runs=last, now=59.9) == []
    assert [job.name for job in periodic_due(last_runs=last, now=60.0)] == ["minute"]
    assert [job.name for job in periodic_due(last_runs=last, now=86_400.0)] == ["minute", "day"]


@pytest.mark.usefixtures("jobs")
def test_registering_a_name_again_replaces_it() -> None:
    periodic_register("job", every=timedelta(minutes=1), run=lambda: None)
    periodic_register("job", every=timedelta(minutes=5), run=lambda: None)
    assert [job.every for job in periodic_jobs()] == [timedelta(minutes=5)]
