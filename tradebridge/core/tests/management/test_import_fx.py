import gzip
import os
import subprocess
import sys
import zipfile
from datetime import date
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tradebridge.core.models import FxRate

pytestmark = pytest.mark.django_db

SAMPLE = (
    "Date,USD,JPY,CYP,\n"
    "2026-10-30,1.1172,175.68,N/A,\n"
    "2026-10-29,1.113,175.92,N/A,\n"
    "1999-01-04,1.1789,133.73,0.58231,\n"
)


def run(path):
    out = StringIO()
    call_command("import-fx", str(path), stdout=out)
    return out.getvalue()


def stored():
    return sorted(FxRate.objects.values_list("source", "date", "currency", "rate"))


EXPECTED = [
    ("ECB", date(1999, 1, 4), "CYP", Decimal("0.58231")),
    ("ECB", date(1999, 1, 4), "JPY", Decimal("133.73")),
    ("ECB", date(1999, 1, 4), "USD", Decimal("1.1789")),
    ("ECB", date(2026, 10, 29), "JPY", Decimal("175.92")),
    ("ECB", date(2026, 10, 29), "USD", Decimal("1.113")),
    ("ECB", date(2026, 10, 30), "JPY", Decimal("175.68")),
    ("ECB", date(2026, 10, 30), "USD", Decimal("1.1172")),
]


@pytest.fixture(params=["plain", "gzip", "zip"])
def rate_file(request, tmp_path):
    if request.param == "plain":
        path = tmp_path / "eurofxref-hist.csv"
        path.write_text(SAMPLE)
    elif request.param == "gzip":
        path = tmp_path / "eurofxref-hist.csv.gz"
        path.write_bytes(gzip.compress(SAMPLE.encode()))
    else:
        path = tmp_path / "eurofxref-hist.zip"
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("eurofxref-hist.csv", SAMPLE)
    return path


def test_import_stores_every_rate_and_summarises(rate_file):
    output = run(rate_file)

    assert stored() == EXPECTED
    assert f"Read 7 rates from {rate_file}." in output
    assert "Writing [##############################] 100%  7/7" in output
    assert output.strip().endswith(
        "ECB rates 1999-01-04 to 2026-10-30, 3 currencies: 7 created, 0 updated, 0 unchanged."
    )


def test_reimporting_the_same_file_changes_nothing(rate_file):
    run(rate_file)

    output = run(rate_file)

    assert stored() == EXPECTED
    assert "0 created, 0 updated, 7 unchanged." in output
    assert "Writing" not in output


def test_a_corrected_file_updates_only_the_changed_rates(tmp_path):
    path = tmp_path / "rates.csv"
    path.write_text(SAMPLE)
    run(path)
    path.write_text(SAMPLE.replace("1.1172", "1.1175") + "2026-11-02,1.12,176,N/A,\n")

    output = run(path)

    assert "2 created, 1 updated, 6 unchanged." in output
    assert FxRate.objects.get(date=date(2026, 10, 30), currency="USD").rate == Decimal("1.1175")
    assert FxRate.objects.count() == 9


def test_a_bad_file_exits_non_zero_with_a_readable_message_and_writes_nothing(tmp_path):
    path = tmp_path / "rates.csv"
    path.write_text(SAMPLE + "2026-10-28,1.11,oops,N/A,\n")

    with pytest.raises(CommandError) as error:
        run(path)

    assert str(error.value) == f"Cannot import {path}: line 5, JPY: 'oops' is not a positive rate"
    assert FxRate.objects.exists() is False


def test_a_missing_file_exits_non_zero(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run(tmp_path / "nope.csv")


def test_the_source_label_keeps_sources_apart(tmp_path):
    path = tmp_path / "rates.csv"
    path.write_text(SAMPLE)
    run(path)

    call_command("import-fx", str(path), "--source", "TEST", stdout=StringIO())

    assert FxRate.objects.filter(source="TEST").count() == 7
    assert FxRate.objects.filter(source="ECB").count() == 7


def test_the_cli_exits_1_and_prints_the_reason(tmp_path):
    path = tmp_path / "rates.csv"
    path.write_text("Day,USD\n")
    cli = Path(sys.executable).parent / "tradebridge"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}

    result = subprocess.run(  # noqa: S603
        [str(cli), "import-fx", str(path)], capture_output=True, text=True, env=env, check=False
    )

    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"CommandError: Cannot import {path}: line 1: the first column must be 'Date'"
    )
