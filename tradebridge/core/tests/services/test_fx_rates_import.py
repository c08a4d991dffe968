from datetime import date, timedelta
from decimal import Decimal

import pytest

from tradebridge.core.fx_ecb import ParsedRate
from tradebridge.core.models import FxRate
from tradebridge.core.services.fx import BATCH_SIZE, FxImportSummary, fx_rates_import

pytestmark = pytest.mark.django_db


def test_progress_is_reported_per_batch_up_to_the_total():
    rates = [
        ParsedRate(date(2020, 1, 1) + timedelta(days=n), "USD", Decimal("1.1"))
        for n in range(BATCH_SIZE + 5)
    ]
    seen = []

    summary = fx_rates_import(
        rates=rates, on_progress=lambda done, total: seen.append((done, total))
    )

    assert seen == [(BATCH_SIZE, BATCH_SIZE + 5), (BATCH_SIZE + 5, BATCH_SIZE + 5)]
    assert summary == FxImportSummary(
        created=BATCH_SIZE + 5,
        updated=0,
        unchanged=0,
        currencies=("USD",),
        first_date=rates[0].on,
        last_date=rates[-1].on,
    )
    assert FxRate.objects.count() == BATCH_SIZE + 5


def test_nothing_to_import_is_a_programming_error():
    with pytest.raises(ValueError, match="at least one rate"):
        fx_rates_import(rates=[])
