import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from tradebridge.core.fx import RatePoint, RateUnavailable, convert
from tradebridge.core.models import FxRate
from tradebridge.core.money import Money
from tradebridge.core.selectors import (
    audit_event_list_for_company,
    fx_rate_newest_date,
    fx_rate_table_for_date,
    fx_rate_table_latest,
)
from tradebridge.core.services.audit import audit_record

pytestmark = pytest.mark.django_db

FRIDAY = date(2026, 10, 30)


@pytest.fixture
def ecb_rates():
    rows = [
        ("ECB", FRIDAY - timedelta(days=10), "USD", "1.0500"),
        ("ECB", FRIDAY - timedelta(days=1), "USD", "1.1130"),
        ("ECB", FRIDAY, "USD", "1.1172"),
        ("ECB", FRIDAY, "CNY", "7.4326"),
        ("ECB", FRIDAY + timedelta(days=3), "USD", "1.2000"),
        ("OTHER", FRIDAY, "USD", "9.9999"),
    ]
    FxRate.objects.bulk_create(
        FxRate(source=s, date=d, currency=c, rate=Decimal(r)) for s, d, c, r in rows
    )


def test_the_rate_table_holds_the_look_back_window_up_to_the_date(
    ecb_rates, django_assert_num_queries
):
    with django_assert_num_queries(1):
        table = fx_rate_table_for_date(on=FRIDAY)

    assert table.source == "ECB"
    assert table.as_of == FRIDAY
    assert table.points == {
        "CNY": [RatePoint(FRIDAY, Decimal("7.4326"))],
        "USD": [
            RatePoint(FRIDAY - timedelta(days=1), Decimal("1.1130")),
            RatePoint(FRIDAY, Decimal("1.1172")),
        ],
    }


def test_the_rate_table_converts_on_a_weekend_with_fridays_rate(ecb_rates):
    sunday = FRIDAY + timedelta(days=2)

    conversion = convert(Money(Decimal(100), "EUR"), "USD", fx_rate_table_for_date(on=sunday))

    assert conversion.result == Money(Decimal("111.72"), "USD")
    assert conversion.rate_date == FRIDAY
    assert conversion.rate_source == "ECB"


def test_the_rate_table_can_be_limited_to_some_currencies(ecb_rates):
    table = fx_rate_table_for_date(on=FRIDAY, currencies=["CNY"])

    assert set(table.points) == {"CNY"}


def test_without_recent_rates_conversion_is_unavailable(ecb_rates):
    table = fx_rate_table_for_date(on=FRIDAY - timedelta(days=20))

    with pytest.raises(RateUnavailable):
        convert(Money(Decimal(100), "EUR"), "USD", table)


def test_the_latest_rates_come_from_the_last_week_in_one_query(
    ecb_rates, django_assert_num_queries
):
    with django_assert_num_queries(1):
        table = fx_rate_table_latest(on=FRIDAY, currencies={"EUR", "USD", "CNY"})

    conversion = convert(Money(Decimal(100), "EUR"), "USD", table)
    assert (conversion.result, conversion.rate_date) == (Money(Decimal("111.72"), "USD"), FRIDAY)


def test_old_history_still_converts_at_the_latest_rate_and_tells_its_date(
    ecb_rates, django_assert_num_queries
):
    two_months_later = FRIDAY + timedelta(days=60)

    with django_assert_num_queries(2):
        table = fx_rate_table_latest(on=two_months_later, currencies={"USD"})

    conversion = convert(Money(Decimal(100), "EUR"), "USD", table)
    assert conversion.rate_date == FRIDAY + timedelta(days=3)
    assert conversion.result == Money(Decimal("120.00"), "USD")


def test_rates_older_than_a_year_are_not_used(ecb_rates):
    table = fx_rate_table_latest(on=FRIDAY + timedelta(days=400), currencies={"USD"})

    with pytest.raises(RateUnavailable):
        convert(Money(Decimal(100), "EUR"), "USD", table)


def test_old_history_reads_only_each_currencys_latest_rate(ecb_rates):
    two_months_later = FRIDAY + timedelta(days=60)

    table = fx_rate_table_latest(on=two_months_later, currencies={"EUR", "USD", "CNY", "GBP"})

    assert table.points == {
        "CNY": [RatePoint(FRIDAY, Decimal("7.4326"))],
        "USD": [RatePoint(FRIDAY + timedelta(days=3), Decimal("1.2000"))],
    }
    assert (table.source, table.as_of, table.max_age_days) == ("ECB", two_months_later, 366)


def test_one_stale_currency_gives_every_currency_its_latest_rate(ecb_rates):
    ten_days_later = FRIDAY + timedelta(days=10)

    table = fx_rate_table_latest(on=ten_days_later, currencies={"USD", "CNY"})

    usd = convert(Money(Decimal(100), "EUR"), "USD", table)
    cny = convert(Money(Decimal(100), "EUR"), "CNY", table)
    assert (usd.result, usd.rate_date) == (
        Money(Decimal("120.00"), "USD"),
        FRIDAY + timedelta(days=3),
    )
    assert (cny.result, cny.rate_date) == (Money(Decimal("743.26"), "CNY"), FRIDAY)


def test_the_latest_rate_is_never_one_published_after_the_day(ecb_rates):
    sunday = FRIDAY + timedelta(days=2)

    table = fx_rate_table_latest(on=sunday, currencies={"USD", "GBP"})

    assert table.points == {"USD": [RatePoint(FRIDAY, Decimal("1.1172"))]}


def test_the_latest_rate_is_the_sources_own(ecb_rates):
    FxRate.objects.create(
        source="OTHER", date=FRIDAY + timedelta(days=5), currency="USD", rate=Decimal("8.8888")
    )
    two_months_later = FRIDAY + timedelta(days=60)

    ecb = fx_rate_table_latest(on=two_months_later, currencies={"USD"})
    other = fx_rate_table_latest(on=two_months_later, currencies={"USD"}, source="OTHER")

    assert ecb.points == {"USD": [RatePoint(FRIDAY + timedelta(days=3), Decimal("1.2000"))]}
    assert other.points == {"USD": [RatePoint(FRIDAY + timedelta(days=5), Decimal("8.8888"))]}


def test_a_latest_rate_366_days_old_is_still_used(ecb_rates):
    last_usd = FRIDAY + timedelta(days=3)

    table = fx_rate_table_latest(on=last_usd + timedelta(days=366), currencies={"USD"})

    assert convert(Money(Decimal(1), "EUR"), "USD", table).rate_date == last_usd


def test_a_latest_rate_367_days_old_is_not_read(ecb_rates):
    last_usd = FRIDAY + timedelta(days=3)

    table = fx_rate_table_latest(on=last_usd + timedelta(days=367), currencies={"USD"})

    assert table.points == {}


def test_a_company_sees_only_its_own_audit_events_newest_first():
    mine, theirs = uuid.uuid4(), uuid.uuid4()
    start = datetime(2026, 11, 1, 9, tzinfo=UTC)
    older = audit_record(
        action="rfq.published",
        object_type="rfq",
        object_id="r1",
        company_id=mine,
        occurred_at=start,
    )
    newer = audit_record(
        action="quote.accepted",
        object_type="quote",
        object_id="q1",
        company_id=mine,
        occurred_at=start + timedelta(hours=1),
    )
    audit_record(
        action="rfq.published",
        object_type="rfq",
        object_id="r2",
        company_id=theirs,
        occurred_at=start,
    )

    assert list(audit_event_list_for_company(company_id=mine)) == [newer, older]
    assert list(
        audit_event_list_for_company(company_id=mine, object_type="rfq", object_id="r1")
    ) == [older]
    assert (
        list(audit_event_list_for_company(company_id=mine, object_type="rfq", object_id="r2")) == []
    )


@pytest.mark.django_db
def test_the_newest_rate_date_is_of_the_source_asked_for():
    assert fx_rate_newest_date() is None
    FxRate.objects.create(date=date(2026, 10, 30), currency="USD", rate=Decimal("1.1"))
    FxRate.objects.create(date=date(2026, 10, 29), currency="JPY", rate=Decimal(170))
    FxRate.objects.create(date=date(2026, 12, 4), currency="USD", rate=Decimal("1.2"), source="X")

    assert fx_rate_newest_date() == date(2026, 10, 30)
    assert fx_rate_newest_date(source="X") == date(2026, 12, 4)
