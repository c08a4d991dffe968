"""A supplier's response rate and median first-response time: pure arithmetic, no ORM.

Over a rolling window (90 days): every request asked inside the window counts; the rate is the
share of them answered (at any time, however late), as a whole percent rounded half up; the
median is over the answered ones' first-response times, in whole seconds (the mean of the two
middle ones, rounded down, for an even count). No request: both are None.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

WINDOW: Final = timedelta(days=90)


@dataclass(frozen=True, slots=True)
class ResponseRecord:
    asked_at: datetime
    answered_at: datetime | None


@dataclass(frozen=True, slots=True)
class ResponseStats:
    response_rate: int | None  # percent, 0..100
    median_first_response_seconds: int | None
    requests_count: int


def response_stats(
    records: Iterable[ResponseRecord], *, now: datetime, window: timedelta = WINDOW
) -> ResponseStats:
    """The stats of the requests asked in `(now - window, now]`."""
    since = now - window
    inside = [r for r in records if since < r.asked_at <= now]
    delays = sorted(
        int((r.answered_at - r.asked_at).total_seconds())
        for r in inside
        if r.answered_at is not None
    )
    return ResponseStats(
        response_rate=percent(len(delays), len(inside)),
        median_first_response_seconds=median_seconds(delays),
        requests_count=len(inside),
    )


def percent(part: int, whole: int) -> int | None:
    """`part / whole` as a whole percent rounded half up; None when `whole` is 0."""
    if whole == 0:
        return None
    return (200 * part + whole) // (2 * whole)


def median_seconds(sorted_values: Sequence[int]) -> int | None:
    """The median of ascending `sorted_values` (the lower-rounded mean of the middle two)."""
    count = len(sorted_values)
    if count == 0:
        return None
    middle = count // 2
    if count % 2:
        return sorted_values[middle]
    return (sorted_values[middle - 1] + sorted_values[middle]) // 2


def replies_within_hours(median_first_response_seconds: int | None) -> int | None:
    """The "usually replies within N h" figure: the median rounded up to whole hours (>= 1)."""
    if median_first_response_seconds is None:
        return None
    return max(1, -(-median_first_response_seconds // 3600))
