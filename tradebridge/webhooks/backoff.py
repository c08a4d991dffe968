"""When a failed delivery is tried again: a fixed schedule with jitter (pure, no database)."""

from collections.abc import Callable
from datetime import timedelta
from random import random
from typing import Final

# The delay before the retry that follows the n-th failed attempt in a row (n = 1, 2, ...).
# After the last one fails too, the delivery is dead: 7 attempts over about 31 hours.
RETRY_SCHEDULE: Final = (
    timedelta(seconds=30),
    timedelta(minutes=2),
    timedelta(minutes=10),
    timedelta(hours=1),
    timedelta(hours=6),
    timedelta(hours=24),
)
# Each delay is spread by up to ±10 %, so endpoints that failed together do not retry together.
JITTER: Final = 0.1


def retry_delay(failures: int, *, unit: Callable[[], float] = random) -> timedelta | None:
    """The delay before the next try after `failures` (>= 1) failed attempts in a row, or None
    once the schedule is used up. `unit()` returns a number in [0, 1): 0.5 is no jitter."""
    if failures < 1:
        raise ValueError("failures must be at least 1")
    if failures > len(RETRY_SCHEDULE):
        return None
    base = RETRY_SCHEDULE[failures - 1]
    return base * (1 + JITTER * (2 * unit() - 1))
