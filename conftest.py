"""Root pytest configuration: applies to every test in the project."""

import fcntl
import os
from collections.abc import Iterator

import pytest
from django.db import connection

# The search index fixtures (`search_index`) for every app's tests, and the browser fixtures
# (chromium with console and axe-core checks on every page) for every browser test, in
# tests/browser/ and in the apps' `test_in_chromium.py` alike.
pytest_plugins = ["tradebridge.search.tests.fixtures", "tests.browser.checks"]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Concurrency tests (`@pytest.mark.postgres`) run on PostgreSQL only: SQLite's in-memory
    test database locks whole tables across threads, which is not what production sees.
    They are deselected (and counted as such) on SQLite; CI runs the suite on both."""
    if connection.vendor == "postgresql":
        return
    deselected = [item for item in items if item.get_closest_marker("postgres")]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if item not in deselected]


@pytest.fixture(autouse=True)
def _one_race_at_a_time(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    """Under pytest-xdist (`make test`), a concurrency test (`@pytest.mark.postgres`) waits until
    no other worker runs one: a race opens a PostgreSQL connection per thread (up to 50), so
    races on several workers at once could pass the server's max_connections (100)."""
    in_worker = "PYTEST_XDIST_WORKER" in os.environ
    if not in_worker or request.node.get_closest_marker("postgres") is None:
        yield
        return
    # The workers' temporary directories share this run's parent directory.
    lock_path = tmp_path_factory.getbasetemp().parent / "postgres-races.lock"
    with lock_path.open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
