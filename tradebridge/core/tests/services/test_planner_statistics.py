from datetime import date, timedelta
from decimal import Decimal

import pytest

from tradebridge.core.models import AuditEvent, FxRate
from tradebridge.core.services.planner_statistics import (
    planner_statistics_are_stale,
    planner_statistics_refresh,
)
from tradebridge.core.tests.planner_statistics_probe import (
    statistics_cleared,
    tables_analyzed_since,
)


@pytest.mark.parametrize(
    ("changed_rows", "table_rows", "stale"),
    [
        (10_000, 1_000_000, True),  # many rows, whatever the table
        (9_999, 1_000_000, False),
        (1_000, 9_999, True),  # more than a tenth of the table
        (1_000, 10_000, False),  # exactly a tenth
        (999, 999, False),  # a small table plans well on any statistics
        (0, 0, False),
    ],
)
def test_a_refresh_is_due_after_many_rows_or_a_large_share(changed_rows, table_rows, stale):
    assert planner_statistics_are_stale(changed_rows=changed_rows, table_rows=table_rows) is stale


def _rates(count: int) -> None:
    start = date(2026, 1, 1)
    FxRate.objects.bulk_create(
        FxRate(date=start + timedelta(days=day), currency="USD", rate=Decimal("1.08"))
        for day in range(count)
    )


@pytest.mark.django_db
def test_analyzes_only_the_tables_of_the_given_models():
    _rates(50)
    AuditEvent.objects.create(action="fx.imported", object_type="fx_rate", object_id="ECB")
    moment = statistics_cleared()

    refreshed = planner_statistics_refresh(models=[FxRate, FxRate])

    assert refreshed.tables == ("core_fxrate",)
    assert tables_analyzed_since(moment) == {"core_fxrate"}


@pytest.mark.django_db
def test_analyzes_every_table_when_no_model_is_given():
    _rates(50)
    AuditEvent.objects.create(action="fx.imported", object_type="fx_rate", object_id="ECB")
    moment = statistics_cleared()

    refreshed = planner_statistics_refresh()

    assert {"core_fxrate", "core_auditevent", "catalog_product"} <= set(refreshed.tables)
    assert {"core_fxrate", "core_auditevent"} <= tables_analyzed_since(moment)
