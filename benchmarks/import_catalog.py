# ruff: noqa: T201  # a benchmark reports on standard output
"""Benchmark (not a test): import a seeded 100,000-row catalog CSV into a fresh database.

    make bench-import                       # SQLite (a fresh file), and PostgreSQL too when
    DATABASE_URL=postgres://... make bench-import   # DATABASE_URL points at a server

Each run is a separate process on a fresh database (migrated first, not timed), so the peak
memory figure (`ru_maxrss`) belongs to that import alone. Reports rows/s and peak memory; the
timed import includes the `ANALYZE` of the catalog tables it ends with (10,000 rows or more).
Options: --rows N (default 100,000), --seed S (default 2026), --keep (keep the CSV),
--skip-sqlite (PostgreSQL only). `make bench-import BENCH_ARGS="--rows 10000"` passes them.
"""

import argparse
import csv
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
HEADER = [
    "sku", "title", "description", "title_fr", "category", "price_tiers", "moq", "unit",
    "lead_time_days", "stock", "hs_code", "origin_country", "weight_kg", "certifications",
    "sample_price", "customization", "attributes",
]  # fmt: skip
CATEGORIES = [
    ("1112", "9506.62", "soccer ball"),
    ("Apparel & Accessories > Clothing > Shirts & Tops", "6109.10", "cotton T-shirt"),
    ("499713", "9506.91", "yoga mat"),
    ("Electronics > Audio > Audio Components > Headphones & Headsets", "8518.30", "headset"),
    ("Home & Garden > Kitchen & Dining > Tableware", "6912.00", "ceramic plate"),
]
MATERIALS = ["PU", "PVC", "TPU", "cotton", "polyester", "ABS", "stainless steel", "bamboo"]
BAD_ROW_EVERY = 200  # one row in 200 carries an error (a rising tier), as real files do


def generate(path: Path, rows: int, seed: int) -> None:
    """Write `rows` product rows, streamed, from a fixed seed."""
    rng = random.Random(seed)  # noqa: S311  # test data, not secrets
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for number in range(rows):
            category, hs_code, noun = CATEGORIES[number % len(CATEGORIES)]
            material = rng.choice(MATERIALS)
            base = rng.randint(150, 5000) / 100
            tiers = [(100, base), (500, base * 0.93), (2000, base * 0.87)]
            if number % BAD_ROW_EVERY == BAD_ROW_EVERY - 1:
                tiers[2] = (2000, base * 1.2)
            writer.writerow(
                [
                    f"BENCH-{number:07d}",
                    f"{material} {noun} model {number}",
                    f"Factory-direct {noun} in {material}, OEM welcome. Batch {number // 1000}.",
                    f"{noun} en {material} modèle {number}",
                    category,
                    ";".join(f"{qty}:{price:.2f}" for qty, price in tiers),
                    "",
                    "piece",
                    rng.choice(["15", "20", "1:15;5000:30"]),
                    rng.choice(["", "0", str(rng.randint(1, 20000))]),
                    hs_code,
                    "CN",
                    f"{rng.randint(50, 3000) / 1000:.3f}",
                    rng.choice(["CE", "CE;RoHS", "", "FSC"]),
                    rng.choice(["", "5", "12.5"]),
                    "logo;packaging",
                    f"Material={material};Colour={rng.choice(['red', 'blue', 'black'])}",
                ]
            )


def run_import(path: Path) -> None:
    """Child process: migrate the fresh database, then time the import of `path`."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from tradebridge.catalog.importing.readers import CatalogFile, FileFormat
    from tradebridge.catalog.importing.runner import catalog_import
    from tradebridge.companies.models import Company

    call_command("migrate", verbosity=0)
    supplier = Company.objects.create(
        slug="bench-supplier", legal_name="Bench Supplier", display_name="Bench Supplier",
        kind="supplier", country="CN", default_currency="USD",
    )  # fmt: skip
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with path.open("rb") as source:
        started = time.perf_counter()
        catalog = CatalogFile(source, FileFormat.CSV)
        summary = catalog_import(supplier=supplier, catalog=catalog)
        seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        f"  rows {summary.processed_rows:,}: {summary.created:,} created, "
        f"{summary.error_count:,} errors in {seconds:.1f} s = "
        f"{summary.processed_rows / seconds:,.0f} rows/s; peak RSS {peak / 1024:.0f} MB "
        f"({before / 1024:.0f} MB before the import)"
    )


def _fresh_postgres(url: str) -> tuple[str, str]:
    """A new database on the server of `url`: (its URL, its name)."""
    import psycopg

    name = f"tb_bench_import_{os.getpid()}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}")), name


def _drop_postgres(url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _child(path: Path, database_url: str) -> None:
    env = os.environ | {"DATABASE_URL": database_url, "DEBUG": "false"}
    command = [sys.executable, __file__, "--child", str(path)]
    subprocess.run(command, env=env, check=True)  # noqa: S603  # our own script


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", action="store_true", help="keep the generated CSV")
    parser.add_argument("--skip-sqlite", action="store_true", help="PostgreSQL only")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        run_import(options.child)
        return
    with tempfile.TemporaryDirectory(prefix="tb-bench-import-") as workdir:
        path = Path(workdir) / "catalog.csv"
        started = time.perf_counter()
        generate(path, options.rows, options.seed)
        size = path.stat().st_size / 1024 / 1024
        took = time.perf_counter() - started
        print(f"Generated {options.rows:,} rows ({size:.1f} MB) in {took:.1f} s")
        if not options.skip_sqlite:
            print("SQLite (fresh file):")
            _child(path, f"sqlite:///{workdir}/bench.sqlite3")
        server = os.environ.get("DATABASE_URL", "")
        if server.startswith("postgres"):
            url, name = _fresh_postgres(server)
            print(f"PostgreSQL (fresh database {name}):")
            try:
                _child(path, url)
            finally:
                _drop_postgres(server, name)
        if options.keep:
            kept = Path.cwd() / "bench-catalog.csv"
            kept.write_bytes(path.read_bytes())
            print(f"Kept the file as {kept}")


if __name__ == "__main__":
    main()
