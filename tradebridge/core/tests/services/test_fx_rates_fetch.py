from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from io import StringIO
from urllib.error import HTTPError

import pytest

from tradebridge.core.fx_ecb import RateFileInvalid
from tradebridge.core.management.commands.worker import Command as WorkerCommand
from tradebridge.core.models import FxRate
from tradebridge.core.services.fx import fx_rates_fetch
from tradebridge.core.tasks import fetch_fx_rates
from tradebridge.core.tests.fx_server import RateServer, rate_server

pytestmark = pytest.mark.django_db

CURRENCIES_ON_2026_10_30 = 29


@pytest.fixture
def ecb() -> Iterator[RateServer]:
    with rate_server() as server:
        yield server


def test_the_daily_file_is_fetched_and_stored(ecb):
    summary = fx_rates_fetch(url=f"{ecb.base_url}/eurofxref-daily.xml")

    assert summary.created == CURRENCIES_ON_2026_10_30
    assert (summary.updated, summary.unchanged) == (0, 0)
    assert (summary.first_date, summary.last_date) == (date(2026, 10, 30), date(2026, 10, 30))
    usd = FxRate.objects.get(currency="USD")
    assert (usd.date, usd.rate, usd.source) == (date(2026, 10, 30), Decimal("1.1172"), "ECB")
    assert ecb.requests == ["/eurofxref-daily.xml"]


def test_fetching_a_day_already_stored_changes_nothing(ecb):
    url = f"{ecb.base_url}/eurofxref-daily.xml"
    fx_rates_fetch(url=url)

    again = fx_rates_fetch(url=url)

    assert (again.created, again.updated, again.unchanged) == (0, 0, CURRENCIES_ON_2026_10_30)
    assert FxRate.objects.count() == CURRENCIES_ON_2026_10_30


def test_an_http_error_raises_and_stores_nothing(ecb):
    with pytest.raises(HTTPError) as error:
        fx_rates_fetch(url=f"{ecb.base_url}/missing.xml")

    assert error.value.code == 404
    assert FxRate.objects.exists() is False


def test_a_file_that_is_not_rates_is_refused_whole(ecb):
    ecb.files["/broken.xml"] = b"<gesmes:Envelope><Cube><Cube time='2026-11-02'>"

    with pytest.raises(RateFileInvalid) as error:
        fx_rates_fetch(url=f"{ecb.base_url}/broken.xml")

    assert error.value.message.startswith("not well-formed XML")
    assert FxRate.objects.exists() is False


def test_only_http_urls_are_fetched(tmp_path):
    local = tmp_path / "eurofxref-daily.xml"
    local.write_text("<x/>")

    with pytest.raises(RateFileInvalid) as error:
        fx_rates_fetch(url=local.as_uri())

    assert error.value.message == f"{local.as_uri()}: only http:// and https:// URLs are fetched"


def test_the_task_does_nothing_without_a_configured_url(settings):
    settings.ECB_RATES_URL = ""

    result = fetch_fx_rates.enqueue()

    assert result.return_value == {"skipped": "ECB_RATES_URL is not set"}
    assert FxRate.objects.exists() is False


def test_the_task_fetches_the_configured_url(settings, ecb):
    settings.ECB_RATES_URL = f"{ecb.base_url}/eurofxref-daily.xml"

    result = fetch_fx_rates.enqueue()

    assert result.return_value == {
        "last_date": "2026-10-30",
        "created": CURRENCIES_ON_2026_10_30,
        "updated": 0,
        "unchanged": 0,
    }
    assert FxRate.objects.count() == CURRENCIES_ON_2026_10_30


def test_the_embedded_workers_daily_run_fetches_the_rates(settings, ecb):
    settings.ECB_RATES_URL = f"{ecb.base_url}/eurofxref-daily.xml"
    out = StringIO()

    WorkerCommand(stdout=out).fetch_fx_rates()

    assert out.getvalue().strip() == (
        f"ECB rates up to 2026-10-30: {CURRENCIES_ON_2026_10_30} created, 0 updated, 0 unchanged."
    )
    assert FxRate.objects.count() == CURRENCIES_ON_2026_10_30


def test_the_embedded_worker_reports_a_failed_fetch_and_keeps_running(settings, ecb):
    settings.ECB_RATES_URL = f"{ecb.base_url}/missing.xml"
    out, err = StringIO(), StringIO()

    WorkerCommand(stdout=out, stderr=err).fetch_fx_rates()

    assert err.getvalue().strip() == (
        f"Could not fetch the ECB rates from {ecb.base_url}/missing.xml: HTTP Error 404: Not Found"
    )
    assert out.getvalue() == ""
