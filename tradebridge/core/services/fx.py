"""Storing reference exchange rates, from a file or fetched from the ECB."""

import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from django.db import transaction

from tradebridge.core.fx_ecb import (
    ParsedRate,
    RateFileInvalid,
    decode_rate_bytes,
    parse_ecb_rates,
)
from tradebridge.core.models import FxRate

BATCH_SIZE = 2000
FETCH_TIMEOUT_SECONDS = 30
MAX_FETCH_BYTES = 20 * 1024 * 1024  # the whole history, zipped, is under 1 MB


@dataclass(frozen=True, slots=True)
class FxImportSummary:
    created: int
    updated: int
    unchanged: int
    currencies: tuple[str, ...]
    first_date: date
    last_date: date


def fx_rates_import(
    *,
    rates: Sequence[ParsedRate],
    source: str = "ECB",
    on_progress: Callable[[int, int], None] | None = None,
) -> FxImportSummary:
    """Upsert `rates` for `source` in bulk, in one transaction (all or nothing).

    Idempotent: rows already stored with the same rate are not written again, so a
    re-import reports them as unchanged. `on_progress(done, total)` follows the writes.
    """
    if not rates:
        raise ValueError("fx_rates_import needs at least one rate")
    first, last = min(rate.on for rate in rates), max(rate.on for rate in rates)
    with transaction.atomic():
        stored = {
            (day, currency): value
            for day, currency, value in FxRate.objects.filter(
                source=source, date__range=(first, last)
            ).values_list("date", "currency", "rate")
        }
        created = [rate for rate in rates if (rate.on, rate.currency) not in stored]
        updated = [
            rate
            for rate in rates
            if (rate.on, rate.currency) in stored and stored[(rate.on, rate.currency)] != rate.rate
        ]
        _upsert([*created, *updated], source=source, on_progress=on_progress)
    return FxImportSummary(
        created=len(created),
        updated=len(updated),
        unchanged=len(rates) - len(created) - len(updated),
        currencies=tuple(sorted({rate.currency for rate in rates})),
        first_date=first,
        last_date=last,
    )


def _upsert(
    rates: Sequence[ParsedRate], *, source: str, on_progress: Callable[[int, int], None] | None
) -> None:
    total = len(rates)
    for start in range(0, total, BATCH_SIZE):
        batch = rates[start : start + BATCH_SIZE]
        FxRate.objects.bulk_create(
            [FxRate(date=r.on, currency=r.currency, rate=r.rate, source=source) for r in batch],
            update_conflicts=True,
            unique_fields=["source", "date", "currency"],
            update_fields=["rate"],
        )
        if on_progress is not None:
            on_progress(min(start + BATCH_SIZE, total), total)


def fx_rates_fetch(
    *, url: str, source: str = "ECB", timeout: float = FETCH_TIMEOUT_SECONDS
) -> FxImportSummary:
    """Download the rates at `url` (the ECB's daily or 90-day XML, or its CSV history, plain,
    zipped or gzipped) and store them with `fx_rates_import`.

    Idempotent: days already stored with the same rates are reported unchanged. Raises
    RateFileInvalid (not an http(s) URL, a bad or oversized file; nothing is stored) and
    OSError (unreachable, timeout, an HTTP error status).
    """
    if urlsplit(url).scheme not in {"http", "https"}:
        raise RateFileInvalid(f"{url}: only http:// and https:// URLs are fetched")
    # The scheme is checked above, so urlopen cannot open a local file.
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310
        raw: bytes = response.read(MAX_FETCH_BYTES + 1)
    if len(raw) > MAX_FETCH_BYTES:
        raise RateFileInvalid(f"{url}: larger than {MAX_FETCH_BYTES:,} bytes")
    return fx_rates_import(rates=parse_ecb_rates(decode_rate_bytes(raw, name=url)), source=source)
