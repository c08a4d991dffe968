# ruff: noqa: T201  # a benchmark reports on standard output
"""Benchmark (not a test): product search at catalog scale, against a bare tantivy reference.

    make bench-search                                   # 1,000,000 products, SQLite (+ PostgreSQL
    DATABASE_URL=postgres://... make bench-search       #   when DATABASE_URL points at a server)
    make bench-search BENCH_ARGS="--sizes 100000 --skip-postgres"

For each size and database, on a fresh database, each step in its own child process:

1. load: migrate (not timed), today's reference rates, the suppliers (benchmark setup, ORM),
   then every supplier's catalog file through the real import (`catalog_import`, timed:
   rows/s). The import creates drafts (suppliers submit them afterwards), so the setup
   publishes them with one UPDATE of status and published_at; the index is built by the real
   code only (step 2).
2. index: what `tradebridge search-reindex` runs: the planner statistics refresh
   (`planner_statistics_refresh`, timed apart), then the real rebuild (`search_reindex`):
   time, size on disk (everything under SEARCH_INDEX_DIR), peak resident memory of the
   process. Then the passage embedding rate on a sample, to project the vectors' build time.
3. query: 20 warm-up queries, then the 200 seeded queries through `search_products` (with
   every facet counted), then again with the page's products loaded from the database in
   rank order (`products_in_rank_order`, the API's path); then a bare tantivy index of the
   same products (one text field with tantivy's default tokenizer over title and
   description, fast fields for category ids and province) with the same words, the same
   category filter (price ranges have no field there) and a terms aggregation of the two
   facets. p50/p95/p99 of each, and our p95 / bare p95.

Options: --sizes N[,N] (or --products N; default 1,000,000), --seed S, --queries Q (200),
--skip-sqlite, --skip-postgres, --keep DIR (keep the catalog files, databases and indexes
there), --no-docs (do not write docs/performance.md), --analyze (run ANALYZE after the load,
not timed: nothing in the application does, and without planner statistics SQLite reads the
rebuild's id-ordered batches through a status index, sorting every published product for each
batch of 2,000: 15 s a batch at 1,000,000 products instead of 0.2 s).

--reuse (with --keep DIR): where DIR already holds a loaded database of a size and backend
(DIR/sqlite-N/bench.sqlite3, or the kept PostgreSQL database tb_bench_search_N_<pid>), skip
the generation and the load; delete the index and rebuild it, then query. The load figures
come from the load.json the load step saves beside the database; for a database loaded
before that file existed, give the log of that run with --load-log FILE (its "imported ..."
line holds the same figures), and with several kept PostgreSQL databases of one size name
the one to use with --pg-database NAME.
"""

import argparse
import json
import os
import re
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from search_corpus import (  # noqa: E402  # after the path is set
    SUPPLIERS,
    BenchQuery,
    make_queries,
    price,
    write_catalogs,
)

WARM_UP: Final = 20
PAGE_SIZE: Final = 24
EMBED_SAMPLE: Final = 256
RESULT: Final = "RESULT "
DOCS: Final = ROOT / "docs" / "performance.md"
RATES: Final = {"USD": "1.0800", "CNY": "7.8200", "GBP": "0.8400", "PLN": "4.2800"}


# --- child steps --------------------------------------------------------------------------


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def step_load(directory: Path) -> dict[str, Any]:
    """Migrate, set up rates and suppliers, import every catalog file, publish."""
    _django()
    from decimal import Decimal

    from django.core.management import call_command
    from django.utils import timezone

    from tradebridge.catalog.enums import ProductStatus
    from tradebridge.catalog.importing.readers import CatalogFile, FileFormat
    from tradebridge.catalog.importing.runner import catalog_import
    from tradebridge.catalog.models import Product
    from tradebridge.companies.models import Company
    from tradebridge.core.fx_ecb import ParsedRate
    from tradebridge.core.services.fx import fx_rates_import

    call_command("migrate", verbosity=0)
    today = timezone.localdate()
    fx_rates_import(rates=[ParsedRate(today, code, Decimal(r)) for code, r in RATES.items()])
    rows = errors = 0
    seconds = 0.0
    for supplier in SUPPLIERS:
        company = Company.objects.create(
            slug=supplier.slug, legal_name=supplier.name, display_name=supplier.name,
            kind="supplier", country=supplier.country, province=supplier.province,
            default_currency=supplier.currency, verification_level=supplier.verification,
        )  # fmt: skip
        with (directory / f"{supplier.slug}.csv").open("rb") as source:
            summary = catalog_import(supplier=company, catalog=CatalogFile(source, FileFormat.CSV))
        rows += summary.processed_rows
        errors += summary.error_count
        seconds += summary.seconds
        print(
            f"    {supplier.slug}: {summary.processed_rows:,} rows, {summary.error_count} "
            f"errors, {summary.rows_per_second:,.0f} rows/s",
            flush=True,
        )
        for error in summary.errors[:3]:
            print(f"      {error}", flush=True)
    published_on_import = Product.objects.filter(status=ProductStatus.PUBLISHED).count()
    published_by_setup = Product.objects.exclude(status=ProductStatus.PUBLISHED).update(
        status=ProductStatus.PUBLISHED, published_at=timezone.now()
    )
    print(
        f"  imported {rows:,} rows ({errors:,} errors) in {seconds:.1f} s = "
        f"{rows / max(seconds, 1e-9):,.0f} rows/s; {published_on_import:,} published by the "
        f"import, {published_by_setup:,} by the setup UPDATE; peak RSS {_rss_mb():.0f} MB",
        flush=True,
    )
    return {
        "rows": rows,
        "errors": errors,
        "import_s": seconds,
        "rows_per_s": rows / max(seconds, 1e-9),
        "published_on_import": published_on_import,
        "published_by_setup": published_by_setup,
    }


def step_index() -> dict[str, Any]:
    """What search-reindex runs (the statistics refresh, then the rebuild), each timed; then
    the embedding rate on a sample of products."""
    _django()
    from django.conf import settings

    from tradebridge.core.services.planner_statistics import planner_statistics_refresh
    from tradebridge.search.services.indexing import search_reindex

    refreshed = planner_statistics_refresh()
    print(
        f"  planner statistics (search-reindex refreshes them first): {len(refreshed.tables)} "
        f"tables in {refreshed.seconds:.1f} s",
        flush=True,
    )
    before = _rss_mb()
    shown = [0.0]

    def progress(done: int, total: int) -> None:
        if time.monotonic() - shown[0] > 30:
            shown[0] = time.monotonic()
            print(f"    indexed {done:,} / {total:,}", flush=True)

    started = time.perf_counter()
    summary = search_reindex(on_progress=progress)
    seconds = time.perf_counter() - started
    peak = _rss_mb()
    root = Path(settings.SEARCH_INDEX_DIR)
    size = _size_mb(root)
    vectors = [p for p in root.rglob("*") if p.suffix in {".npy", ".usearch"}]
    print(
        f"  search_reindex: {summary.products:,} products, {summary.suppliers} suppliers in "
        f"{seconds:.1f} s ({summary.products / max(seconds, 1e-9):,.0f} products/s); index "
        f"{size:.0f} MB on disk ({'with' if vectors else 'no'} vector files); peak RSS "
        f"{peak:.0f} MB ({before:.0f} MB before)",
        flush=True,
    )
    rate = _embedding_rate()
    projected = summary.products / rate if rate else 0.0
    print(
        f"  embedding: {rate:,.0f} passages/s on {EMBED_SAMPLE} product passages; one passage "
        f"per product would take {projected / 60:,.1f} min for {summary.products:,} products",
        flush=True,
    )
    return {
        "statistics_s": refreshed.seconds,
        "products": summary.products,
        "index_s": seconds,
        "index_mb": size,
        "index_rss_mb": peak,
        "has_vectors": bool(vectors),
        "embed_per_s": rate,
        "embed_projected_s": projected,
    }


def _embedding_rate() -> float:
    from tradebridge.catalog.models import Product
    from tradebridge.search.embeddings import embed_passages, product_passages

    rows = Product.objects.order_by("id").values_list("title", "translations")[:EMBED_SAMPLE]
    passages = [
        product_passages(
            title=title,
            category_path="",
            language_titles={k: v.get("title", "") for k, v in (translations or {}).items()},
        )[0]
        for title, translations in rows
    ]
    embed_passages(passages[:8])  # loads the model
    started = time.perf_counter()
    embed_passages(passages)
    return len(passages) / (time.perf_counter() - started)


def _size_mb(root: Path) -> float:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file()) / 1024 / 1024


def step_analyze() -> dict[str, Any]:
    """Planner statistics for the database (setup, with --analyze)."""
    _django()
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    seconds = time.perf_counter() - started
    print(f"  ANALYZE in {seconds:.1f} s", flush=True)
    return {"analyze_s": seconds}


def step_query(queries_path: Path, bare_dir: Path) -> dict[str, Any]:
    """Time the queries: the engine, the engine + database load, bare tantivy."""
    _django()
    from tradebridge.search.engine import search_products
    from tradebridge.search.results import products_in_rank_order

    spec = json.loads(queries_path.read_text())
    warm_up = [_product_query(BenchQuery(**q)) for q in spec["warm_up"]]
    queries = [_product_query(BenchQuery(**q)) for q in spec["queries"]]

    def engine(query: Any) -> int:
        return search_products(query).count

    def with_db(query: Any) -> int:
        found = search_products(query)
        products = products_in_rank_order(product_ids=[hit.product_id for hit in found.hits])
        return len(products)

    for query in warm_up:
        engine(query)
    engine_ms, counts = _timed(engine, queries)
    db_ms, _shown = _timed(with_db, queries)
    zero = sum(1 for count in counts if count == 0)
    print(
        f"  engine: {_line(engine_ms)}; median {statistics.median(counts):,.0f} hits, "
        f"{zero} queries without a hit",
        flush=True,
    )
    print(f"  engine + page from the database: {_line(db_ms)}", flush=True)
    analyzed_ms = _after_analyze(with_db, queries)
    bare = _bare(bare_dir, [BenchQuery(**q) for q in spec["warm_up"]], spec["queries"])
    return {
        "engine_ms": engine_ms,
        "db_ms": db_ms,
        "analyzed_ms": analyzed_ms,
        "zero_hits": zero,
        "median_hits": statistics.median(counts),
        **bare,
    }


def _after_analyze(with_db: Callable[[Any], int], queries: Sequence[Any]) -> list[float]:
    """The database load again once the database has planner statistics (`ANALYZE`): nothing
    in the application runs it, and without statistics SQLite reads the page's products
    through the (status, published_at) index, scanning every published product."""
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    took = time.perf_counter() - started
    analyzed_ms, _shown = _timed(with_db, queries)
    print(
        f"  engine + page from the database after ANALYZE ({took:.1f} s): {_line(analyzed_ms)}",
        flush=True,
    )
    return analyzed_ms


def _product_query(query: BenchQuery) -> Any:
    from tradebridge.search.types import ProductQuery

    category = query.category
    if query.category_path:
        category = _category_by_path()[query.category_path.casefold()]
    return ProductQuery(
        text=query.text,
        category=category,
        currency=query.currency,
        min_price=price(query.min_price),
        max_price=price(query.max_price),
        language=query.language if query.language in {"en", "fr", "de", "es"} else "en",
        page_size=PAGE_SIZE,
    )


_paths: dict[str, int] = {}


def _category_by_path() -> dict[str, int]:
    from tradebridge.catalog.models import Category

    if not _paths:
        _paths.update(
            (path.casefold(), category_id)
            for category_id, path in Category.objects.values_list("id", "path")
        )
    return _paths


def _timed(run: Callable[[Any], int], queries: Sequence[Any]) -> tuple[list[float], list[int]]:
    times: list[float] = []
    answers: list[int] = []
    for query in queries:
        started = time.perf_counter()
        answers.append(run(query))
        times.append((time.perf_counter() - started) * 1000)
    return times, answers


def _percentiles(ms: Sequence[float]) -> tuple[float, float, float]:
    cuts = statistics.quantiles(ms, n=100, method="inclusive")
    return cuts[49], cuts[94], cuts[98]


def _line(ms: Sequence[float]) -> str:
    p50, p95, p99 = _percentiles(ms)
    return f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, p99 {p99:.1f} ms, max {max(ms):.1f} ms"


# --- the bare tantivy reference -----------------------------------------------------------

_WORD: Final = re.compile(r"[^\W_]+")  # tantivy's simple tokenizer: runs of alphanumerics


def _bare(directory: Path, warm_up: list[BenchQuery], raw: list[dict[str, Any]]) -> dict[str, Any]:
    from tantivy import Index, Occur, Query, SchemaBuilder

    from tradebridge.catalog.enums import ProductStatus
    from tradebridge.catalog.models import Product
    from tradebridge.catalog.selectors import category_tree

    builder = SchemaBuilder()
    builder.add_text_field("text")  # the default tokenizer: simple, lower case, long removed
    builder.add_unsigned_field("category", indexed=True, fast=True)
    builder.add_text_field("province", fast=True, tokenizer_name="raw")
    schema = builder.build()
    directory.mkdir(parents=True, exist_ok=True)
    index = Index(schema, path=str(directory), reuse=False)
    tree = category_tree()
    started = time.perf_counter()
    writer = index.writer(heap_size=256_000_000, num_threads=1)
    rows = (
        Product.objects.filter(status=ProductStatus.PUBLISHED)
        .values_list("title", "description", "category_id", "supplier__province")
        .iterator(chunk_size=5000)
    )
    documents = 0
    from tantivy import Document

    for title, description, category_id, province in rows:
        document = Document()
        document.add_text("text", f"{title} {description}")
        for ancestor in tree.ancestors_and_self(category_id) if category_id else ():
            document.add_unsigned("category", ancestor)
        document.add_text("province", province)
        writer.add_document(document)
        documents += 1
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    build_s = time.perf_counter() - started
    size = _size_mb(directory)
    searcher = index.searcher()
    request = {
        "category": {"terms": {"field": "category", "size": 20_000}},
        "province": {"terms": {"field": "province", "size": 1_000}},
    }

    def run(query: BenchQuery) -> int:
        parts = [
            (Occur.Must, Query.term_query(schema, "text", word))
            for word in _WORD.findall(query.text.lower())
            if len(word) < 40
        ]
        category = query.category
        if query.category_path:
            category = _category_by_path()[query.category_path.casefold()]
        if category is not None:
            parts.append((Occur.Must, Query.term_query(schema, "category", category)))
        whole = Query.boolean_query(parts) if parts else Query.all_query()
        found = searcher.search(whole, PAGE_SIZE, count=True)
        searcher.aggregate(whole, request)
        return int(found.count)  # type: ignore[attr-defined]

    for query in warm_up:
        run(query)
    bare_ms, counts = _timed(run, [BenchQuery(**q) for q in raw])
    print(
        f"  bare tantivy: {documents:,} documents in {build_s:.1f} s, {size:.0f} MB; "
        f"{_line(bare_ms)}; median {statistics.median(counts):,.0f} hits",
        flush=True,
    )
    return {
        "bare_ms": bare_ms,
        "bare_build_s": build_s,
        "bare_mb": size,
        "bare_median_hits": statistics.median(counts),
    }


# --- the parent ---------------------------------------------------------------------------


def _child(step: str, env: dict[str, str], *args: str) -> dict[str, Any]:
    command = [sys.executable, __file__, "--step", step, *args]
    found: dict[str, Any] = {}
    with subprocess.Popen(  # noqa: S603  # our own script
        command, env=os.environ | env, stdout=subprocess.PIPE, text=True
    ) as process:
        assert process.stdout is not None  # noqa: S101  # piped above
        for line in process.stdout:
            if line.startswith(RESULT):
                found = json.loads(line[len(RESULT) :])
            else:
                print(line, end="", flush=True)
    if process.returncode:
        raise SystemExit(f"the {step} step failed (exit status {process.returncode})")
    return found


def _fresh_postgres(url: str, size: int) -> tuple[str, str]:
    import psycopg

    name = f"tb_bench_search_{size}_{os.getpid()}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}")), name


def _drop_postgres(url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


LOAD_JSON: Final = "load.json"
_IMPORTED: Final = re.compile(
    r"imported (?P<rows>[\d,]+) rows \((?P<errors>[\d,]+) errors\) in (?P<import_s>[\d.]+) s "
    r"= [\d,]+ rows/s; (?P<published_on_import>[\d,]+) published by the import, "
    r"(?P<published_by_setup>[\d,]+) by the setup UPDATE"
)


def load_figures_from_log(log: Path, backend: str, size: int) -> dict[str, Any]:
    """The load figures of `backend` at `size` from the log of an earlier run: the first
    "imported ..." line after that run's "<backend>, <size> products:" heading."""
    heading = f"{backend}, {size:,} products:"
    lines = log.read_text().splitlines()
    if heading not in lines:
        raise SystemExit(f"{log} has no {heading!r} section")
    for line in lines[lines.index(heading) + 1 :]:
        if (found := _IMPORTED.search(line)) is not None:
            figures: dict[str, Any] = {
                key: int(value.replace(",", ""))
                for key, value in found.groupdict().items()
                if key != "import_s"
            }
            figures["import_s"] = float(found["import_s"])
            figures["rows_per_s"] = figures["rows"] / max(figures["import_s"], 1e-9)
            return figures
        if line and not line.startswith(" "):
            break  # the next section: this one's load did not finish
    raise SystemExit(f"{log}: the load of {heading!r} did not finish")


def _reused_load(workdir: Path, backend: str, size: int, log: Path | None) -> dict[str, Any]:
    saved = workdir / LOAD_JSON
    if saved.exists():
        figures: dict[str, Any] = json.loads(saved.read_text())
    else:
        assert log is not None  # noqa: S101  # _require_load_figures
        figures = load_figures_from_log(log, backend, size)
    print(
        f"  load reused from an earlier run: {figures['rows']:,} rows imported at "
        f"{figures['rows_per_s']:,.0f} rows/s (that run's figures)",
        flush=True,
    )
    for stale in ("index", "bare"):
        shutil.rmtree(workdir / stale, ignore_errors=True)
    return figures | {"reused_load": True}


def run_backend(
    backend: str,
    database_url: str,
    size: int,
    catalog: Path,
    queries: Path,
    workdir: Path,
    *,
    analyze: bool = False,
    reuse: bool = False,
    load_log: Path | None = None,
) -> dict[str, Any]:
    env = {
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "SEARCH_INDEX_DIR": str(workdir / "index"),
        "MEDIA_ROOT": str(workdir / "media"),
    }
    print(f"{backend}, {size:,} products:", flush=True)
    if reuse:
        load = _reused_load(workdir, backend, size, load_log)
    else:
        print("  load (migrate, rates, suppliers: not timed; the import: timed)", flush=True)
        load = _child("load", env, str(catalog))
        (workdir / LOAD_JSON).write_text(json.dumps(load))
    if analyze:
        load |= _child("analyze", env)
    print("  index (search_reindex)", flush=True)
    index = _child("index", env)
    print("  query", flush=True)
    query = _child("query", env, str(queries), str(workdir / "bare"))
    return {"backend": backend, "size": size, **load, **index, **query}


def _row(result: dict[str, Any]) -> list[str]:
    engine = _percentiles(result["engine_ms"])
    db = _percentiles(result["db_ms"])
    bare = _percentiles(result["bare_ms"])
    return [
        result["backend"],
        f"{result['size']:,}",
        f"{result['rows_per_s']:,.0f}",
        f"{result['index_s']:,.0f}",
        f"{result['index_mb']:,.0f}",
        " / ".join(f"{v:.1f}" for v in engine),
        " / ".join(f"{v:.1f}" for v in db),
        f"{bare[1]:.1f}",
        f"{engine[1] / bare[1]:.1f}x",
    ]


HEAD: Final = [
    "Backend", "Products", "Import rows/s", "Index build s", "Index MB",
    "Engine p50 / p95 / p99 ms", "With DB load p50 / p95 / p99 ms", "Bare tantivy p95 ms",
    "Ours ÷ bare (p95)",
]  # fmt: skip


def _table(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(HEAD) + " |", "|" + "---|" * len(HEAD)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _note(result: dict[str, Any], command: str, when: str, load: str) -> str:
    analyzed = " (ANALYZE after the load)" if "analyze_s" in result else ""
    reused = (
        " (by an earlier run whose database this run reused)" if "reused_load" in result else ""
    )
    return (
        f"- {result['backend']}, {result['size']:,} products{analyzed}: {when}, load average "
        f"{load}; "
        f"`{command}`. {result['rows']:,} rows imported{reused} ({result['errors']:,} errors), "
        f"{result['published_on_import']:,} published by the import and "
        f"{result['published_by_setup']:,} by the setup UPDATE; {_analyzed(result)}"
        f"{_statistics(result)}"
        f"index build peak RSS "
        f"{result['index_rss_mb']:,.0f} MB, {'with' if result['has_vectors'] else 'without'} "
        f"vectors; embedding {result['embed_per_s']:,.0f} passages/s, so one passage per "
        f"product would add {result['embed_projected_s'] / 60:,.0f} min; bare tantivy build "
        f"{result['bare_build_s']:,.0f} s, {result['bare_mb']:,.0f} MB; "
        f"{result['zero_hits']} of the queries found nothing (median hits: ours "
        f"{result.get('median_hits', 0):,.0f}, bare {result.get('bare_median_hits', 0):,.0f})."
    )


def _statistics(result: dict[str, Any]) -> str:
    if "statistics_s" not in result:
        return ""
    return f"planner statistics refreshed before the rebuild in {result['statistics_s']:.1f} s; "


def _analyzed(result: dict[str, Any]) -> str:
    if "analyzed_ms" not in result:
        return ""
    p50, p95, p99 = _percentiles(result["analyzed_ms"])
    return f"with DB load after `ANALYZE` {p50:.1f} / {p95:.1f} / {p99:.1f} ms; "


START: Final = "<!-- bench-search results: written by benchmarks/search_catalog.py -->"
END: Final = "<!-- /bench-search results -->"


def write_docs(results: list[dict[str, Any]], command: str, when: str, load: str) -> None:
    """Replace the rows and notes of the same (backend, size) in the Search section's
    results block of docs/performance.md, keeping the others."""
    text = DOCS.read_text()
    rows: dict[tuple[str, str], list[str]] = {}
    notes: dict[tuple[str, str], str] = {}
    if START in text and END in text:
        block = text[text.index(START) + len(START) : text.index(END)]
        for line in block.splitlines():
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            if line.startswith("| ") and cells[0] != HEAD[0] and len(cells) == len(HEAD):
                rows[(cells[0], cells[1])] = cells
            elif line.startswith("- ") and ":" in line:
                backend, _, rest = line[2:].partition(", ")
                notes[(backend, rest.split(" products")[0])] = line
    for result in results:
        key = (result["backend"], f"{result['size']:,}")
        rows[key] = _row(result)
        notes[key] = _note(result, command, when, load)
    block = "\n".join(["", _table(list(rows.values())), "", *notes.values(), ""])
    if START in text and END in text:
        text = text[: text.index(START) + len(START)] + block + text[text.index(END) :]
    else:
        text = text.rstrip("\n") + f"\n\n{START}{block}{END}\n"
    DOCS.write_text(text)


def _fresh_dir(path: Path) -> Path:
    if path.exists():
        shutil.rmtree(path)
    path.mkdir()
    return path


def _run_sizes(
    options: argparse.Namespace, sizes: list[int], base: Path, server: str
) -> list[dict[str, Any]]:
    queries = base / "queries.json"
    queries.write_text(
        json.dumps(
            {
                "warm_up": [q.as_dict() for q in make_queries(WARM_UP, options.seed + 1)],
                "queries": [q.as_dict() for q in make_queries(options.queries, options.seed)],
            }
        )
    )
    results = []
    for size in sizes:
        catalog = base / f"catalog-{size}"
        sqlite = None if options.skip_sqlite else _kept_sqlite(options, base, size)
        postgres = None
        if not options.skip_postgres and server.startswith("postgres"):
            postgres = _kept_postgres(options, server, base, size)
        if (not options.skip_sqlite and sqlite is None) or (
            not options.skip_postgres and server.startswith("postgres") and postgres is None
        ):
            _generate(catalog, size, options.seed)
        if not options.skip_sqlite:
            work = sqlite or _fresh_dir(base / f"sqlite-{size}")
            url = f"sqlite:///{work}/bench.sqlite3"
            results.append(
                run_backend(
                    "SQLite", url, size, catalog, queries, work, analyze=options.analyze,
                    reuse=sqlite is not None, load_log=options.load_log,
                )
            )  # fmt: skip
        if not options.skip_postgres and server.startswith("postgres"):
            results.append(_run_postgres(options, server, size, catalog, queries, base, postgres))
    return results


def _generate(catalog: Path, size: int, seed: int) -> None:
    catalog.mkdir(exist_ok=True)
    started = time.perf_counter()
    write_catalogs(catalog, size, seed)
    print(
        f"Generated {size:,} products in {len(SUPPLIERS)} supplier files "
        f"({_size_mb(catalog):.0f} MB) in {time.perf_counter() - started:.1f} s",
        flush=True,
    )


def _run_postgres(
    options: argparse.Namespace,
    server: str,
    size: int,
    catalog: Path,
    queries: Path,
    base: Path,
    kept: str | None,
) -> dict[str, Any]:
    if kept is not None:
        url = urlunsplit(urlsplit(server)._replace(path=f"/{kept}"))
        return run_backend(
            "PostgreSQL", url, size, catalog, queries, base / f"postgres-{size}",
            analyze=options.analyze, reuse=True, load_log=options.load_log,
        )  # fmt: skip
    url, name = _fresh_postgres(server, size)
    work = _fresh_dir(base / f"postgres-{size}")
    (work / "database.txt").write_text(name)
    try:
        return run_backend("PostgreSQL", url, size, catalog, queries, work, analyze=options.analyze)
    finally:
        if not options.keep:
            _drop_postgres(server, name)


def _kept_sqlite(options: argparse.Namespace, base: Path, size: int) -> Path | None:
    """With --reuse, the work dir of a loaded SQLite database of `size`, if there is one."""
    work = base / f"sqlite-{size}"
    if not options.reuse or not (work / "bench.sqlite3").exists():
        return None
    _require_load_figures(options, work)
    return work


def _require_load_figures(options: argparse.Namespace, work: Path) -> None:
    """Refuse, rather than reload over it, a kept database whose load figures are unknown."""
    if not (work / LOAD_JSON).exists() and options.load_log is None:
        raise SystemExit(
            f"--reuse: {work / LOAD_JSON} is missing (a load from before that file existed, or "
            "one that did not finish); give the log of the run that loaded it with --load-log"
        )


def _kept_postgres(options: argparse.Namespace, server: str, base: Path, size: int) -> str | None:
    """With --reuse, the name of the kept PostgreSQL database of `size`: --pg-database, the
    name this script saved in the work dir, or the only tb_bench_search_<size>_<pid> there is."""
    work = base / f"postgres-{size}"
    if not options.reuse or not work.is_dir():
        return None
    _require_load_figures(options, work)
    if options.pg_database:
        return str(options.pg_database)
    if (work / "database.txt").exists():
        return (work / "database.txt").read_text().strip()
    import psycopg

    with psycopg.connect(server, autocommit=True) as connection:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE %s ORDER BY datname",
                [f"tb_bench_search_{size}\\_%"],
            )
        ]
    if len(names) > 1:
        raise SystemExit(
            f"--reuse: several kept databases of {size:,} products ({', '.join(names)}); "
            "name one with --pg-database"
        )
    return names[0] if names else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=1_000_000)
    parser.add_argument("--sizes", default="", help="comma-separated sizes (overrides --products)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--keep", type=Path, help="work in DIR and keep everything there")
    parser.add_argument("--no-docs", action="store_true", help="leave docs/performance.md")
    parser.add_argument("--analyze", action="store_true", help="ANALYZE after the load")
    parser.add_argument(
        "--reuse", action="store_true", help="with --keep: reuse a loaded database found there"
    )
    parser.add_argument(
        "--load-log", type=Path, help="--reuse: the load figures from this earlier run's log"
    )
    parser.add_argument("--pg-database", help="--reuse: the kept PostgreSQL database to use")
    parser.add_argument("--step", help=argparse.SUPPRESS)
    options, rest = parser.parse_known_args()
    if options.step:
        step = {
            "load": lambda: step_load(Path(rest[0])),
            "index": step_index,
            "analyze": step_analyze,
            "query": lambda: step_query(Path(rest[0]), Path(rest[1])),
        }[options.step]
        print(RESULT + json.dumps(step()), flush=True)
        return
    if options.reuse and not options.keep:
        parser.error("--reuse needs --keep DIR (the directory of the earlier run)")
    sizes = [int(s.replace("_", "")) for s in options.sizes.split(",") if s.strip()]
    arguments = shlex.join(sys.argv[1:])
    command = f'make bench-search BENCH_ARGS="{arguments}"' if arguments else "make bench-search"
    server = os.environ.get("DATABASE_URL", "")
    if server.startswith("postgres") and not options.skip_postgres:
        command = f"DATABASE_URL={server} {command}"
    with tempfile.TemporaryDirectory(prefix="tb-bench-search-") as scratch:
        base = options.keep or Path(scratch)
        base.mkdir(parents=True, exist_ok=True)
        results = _run_sizes(options, sizes or [options.products], base, server)
    if not results:
        print("Nothing measured (both databases skipped).")
        return
    print()
    print(_table([_row(result) for result in results]))
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    load = " ".join(f"{v:.1f}" for v in os.getloadavg())
    if not options.no_docs:
        write_docs(results, command, when, load)
        print(f"\nWritten to {DOCS.relative_to(ROOT)} (Search section).")


if __name__ == "__main__":
    main()
