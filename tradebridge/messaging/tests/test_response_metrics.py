"""The response-rate arithmetic: exact cases and the laws of the rate and the median."""

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from tradebridge.messaging.response_metrics import (
    ResponseRecord,
    ResponseStats,
    median_seconds,
    percent,
    replies_within_hours,
    response_stats,
)

NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


def _asked(days_ago: float, answered_after: timedelta | None) -> ResponseRecord:
    asked = NOW - timedelta(days=days_ago)
    return ResponseRecord(asked, asked + answered_after if answered_after is not None else None)


def test_no_request_means_no_figures() -> None:
    assert response_stats([], now=NOW) == ResponseStats(None, None, 0)


def test_unanswered_requests_count_against_the_rate() -> None:
    records = [_asked(1, HOUR), _asked(2, None), _asked(3, None), _asked(4, 3 * HOUR)]
    assert response_stats(records, now=NOW) == ResponseStats(50, 2 * 3600, 4)


def test_an_answer_after_48_hours_is_still_an_answer() -> None:
    stats = response_stats([_asked(10, timedelta(hours=49))], now=NOW)
    assert stats == ResponseStats(100, 49 * 3600, 1)


def test_requests_older_than_90_days_leave_the_window() -> None:
    records = [_asked(89.9, HOUR), _asked(90, None), _asked(200, None)]
    assert response_stats(records, now=NOW) == ResponseStats(100, 3600, 1)


def test_requests_after_now_are_not_counted() -> None:
    assert response_stats([_asked(-1, None)], now=NOW).requests_count == 0


def test_the_rate_rounds_half_up_and_the_median_of_an_even_count_rounds_down() -> None:
    assert percent(1, 8) == 13  # 12.5
    assert percent(1, 3) == 33
    assert percent(2, 3) == 67
    assert median_seconds([1, 2]) == 1  # 1.5
    assert median_seconds([10, 20, 30]) == 20


def test_replies_within_hours_rounds_up_to_at_least_one() -> None:
    assert replies_within_hours(None) is None
    assert replies_within_hours(0) == 1
    assert replies_within_hours(3600) == 1
    assert replies_within_hours(3601) == 2


@given(answered=st.integers(0, 500), unanswered=st.integers(0, 500))
def test_the_rate_is_a_percentage_that_grows_with_answers(answered: int, unanswered: int) -> None:
    rate = percent(answered, answered + unanswered)
    if answered + unanswered == 0:
        assert rate is None
        return
    assert rate is not None
    assert 0 <= rate <= 100
    assert abs(rate - 100 * answered / (answered + unanswered)) <= 0.5
    assert (rate == 100) == (unanswered == 0 or 200 * answered >= 199 * (answered + unanswered))
    more = percent(answered + 1, answered + unanswered + 1)
    assert more is not None
    assert more >= rate


@given(st.lists(st.integers(0, 10**7), min_size=1, max_size=60))
def test_the_median_splits_the_values_in_two(values: list[int]) -> None:
    ordered = sorted(values)
    middle = median_seconds(ordered)
    assert middle is not None
    assert ordered[0] <= middle <= ordered[-1]
    assert sum(v < middle for v in ordered) <= len(ordered) // 2
    assert sum(v > middle for v in ordered) <= len(ordered) // 2


@given(st.lists(st.tuples(st.integers(0, 89 * 24), st.none() | st.integers(0, 500)), max_size=40))
def test_stats_agree_with_the_records(rows: list[tuple[int, int | None]]) -> None:
    records = [
        _asked(hours / 24, timedelta(hours=answer) if answer is not None else None)
        for hours, answer in rows
    ]
    stats = response_stats(records, now=NOW)
    answered = [a for _, a in rows if a is not None]
    assert stats.requests_count == len(rows)
    assert stats.response_rate == percent(len(answered), len(rows))
    assert (stats.median_first_response_seconds is None) == (not answered)
