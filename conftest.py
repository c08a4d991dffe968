"""Root pytest configuration: applies to every test in the project."""

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
