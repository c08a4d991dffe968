# ruff: noqa: T201  # a benchmark reports on standard output
"""Benchmark (not a test): server time of the search pages on the demo marketplace.

    make demo   # once (or: tradebridge migrate && tradebridge demo && tradebridge search-reindex)
    .venv/bin/python benchmarks/search_page.py [--runs 40] [--profile NAME] [--queries]

Renders each page in-process with Django's test client (no network, no browser), against the
database of DATABASE_URL and the index of SEARCH_INDEX_DIR, after three warm-up requests;
reports p50 and p95 in ms of wall time and of this process's CPU time (SQLite and tantivy run
in-process, so CPU time is the server's work, and it stays readable when other jobs load the
machine, which stretches wall time), the SQL queries of one request and the response size. The
visitor's currency is EUR, so every card's price is converted. `--profile NAME` prints the
cProfile of 20 requests of that page (cumulative time); `--queries` prints its SQL.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HTMX = {"HX-Request": "true", "HX-Target": "search-area"}
CLOTHING = 166  # Apparel & Accessories > Clothing: a category landing page with subcategories


def pages() -> dict[str, tuple[str, dict[str, str], dict[str, str]]]:
    """name: (path, GET parameters, extra headers)."""
    two_facets = {"q": "ball", "supplier_province": "Fujian", "max_moq": "500"}
    return {
        "everything (page 1)": ("/search/", {}, {}),
        "q=ball": ("/search/", {"q": "ball"}, {}),
        "q=ball + 2 facets": ("/search/", two_facets, {}),
        "q=ball + 2 facets (HTMX partial)": ("/search/", two_facets, HTMX),
        "q=christmas, sorted by price": ("/search/", {"q": "christmas", "sort": "price"}, {}),
        "category landing page": (f"/categories/{CLOTHING}/clothing/", {}, {}),
        "zero results (typo help)": ("/search/", {"q": "xylophonne"}, {}),
        "suppliers q=sports": ("/search/suppliers/", {"q": "sports"}, {}),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--profile", default="", help="a page name to profile")
    parser.add_argument("--queries", action="store_true", help="print the SQL of --profile's page")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(headers={"accept-language": "en"})
    client.post("/preferences/currency/", {"currency": "EUR", "next": "/"})

    def get(path: str, params: dict[str, str], headers: dict[str, str]) -> Any:
        response = client.get(path, params, headers=headers)
        if response.status_code != 200:
            sys.exit(f"{path} {params} answered {response.status_code}")
        return response

    for name, (path, params, headers) in pages().items():
        if args.profile and name != args.profile:
            continue
        for _ in range(3):
            get(path, params, headers)
        with CaptureQueriesContext(connection) as queries:
            size = len(get(path, params, headers).content)
        sql = list(queries.captured_queries)  # the next request's start clears the log
        if args.profile:
            _profile(partial(get, path, params, headers), sql if args.queries else [])
            continue
        wall, cpu = [], []
        for _ in range(args.runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            get(path, params, headers)
            wall.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        print(
            f"{name:34s} wall p50 {_p(wall, 50):6.1f} p95 {_p(wall, 95):6.1f}"
            f"   cpu p50 {_p(cpu, 50):6.1f} p95 {_p(cpu, 95):6.1f} ms"
            f"   {len(sql):2d} queries   {size / 1024:5.1f} KiB"
        )


def _p(times: list[float], percent: int) -> float:
    """The nearest-rank percentile (50: the median)."""
    if percent == 50:
        return statistics.median(times)
    ordered = sorted(times)
    return ordered[max(0, round(len(ordered) * percent / 100) - 1)]


def _profile(request: Any, sql: list[dict[str, str]]) -> None:
    for query in sql:
        print(f"{query['time']}s  {query['sql'][:300]}")
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(20):
        request()
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)


if __name__ == "__main__":
    main()
