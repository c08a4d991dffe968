"""Project-level tests: the security baseline (`tests/security`) and the browser journeys
(`tests/browser`, marked `browser`: they drive Debian's chromium through Playwright)."""

from pathlib import Path

import pytest

BROWSER_TESTS = Path(__file__).parent / "browser"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test under tests/browser carries the `browser` marker (`-m "not browser"`)."""
    for item in items:
        if BROWSER_TESTS in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)
