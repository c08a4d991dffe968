import time
from collections.abc import Callable, Iterator

import pytest
from django.core.cache import cache

from tradebridge.accounts.tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """allauth keeps rate limits and used TOTP codes in the cache; start every test clean."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def advance_clock(monkeypatch: pytest.MonkeyPatch) -> Callable[[float], None]:
    """Move `time.time()` forward by some seconds, as if that much time had passed."""
    offset = 0.0
    real_time = time.time

    def advance(seconds: float) -> None:
        nonlocal offset
        offset += seconds
        monkeypatch.setattr(time, "time", lambda: real_time() + offset)

    return advance


@pytest.fixture
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> Callable[[float], None]:
    """Stop `time.time()` (so waits are exact); the returned function moves it forward."""
    now = time.time()

    def advance(seconds: float) -> None:
        nonlocal now
        now += seconds

    monkeypatch.setattr(time, "time", lambda: now)
    return advance


@pytest.fixture
def user() -> object:
    return UserFactory(email="mei@example.com")
