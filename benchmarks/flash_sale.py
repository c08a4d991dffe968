# ruff: noqa: T201, S603, S607  # a benchmark reports on standard output and runs our own commands
"""Benchmark (not a test): a flash sale through the HTTP API, against real web workers.

    make bench-orders                       # PostgreSQL (when reachable) and embedded SQLite
    .venv/bin/python benchmarks/flash_sale.py --units 1000 --baseline 15 --surge 10 --seconds 30

One ready-to-ship product with `--units` units (1,000 by default) and a crowd of buyer
companies, each with its own API token. Buyers arrive as an open model (Poisson arrivals, so a
slow server does not lower the load it is offered): `--baseline` arrivals per second for a
warm-up, then ten times that (`--surge`) for `--seconds`, then the baseline again. Each
arrival puts 1 to 3 units in its cart (`POST /api/v1/cart/items`) and checks out
(`POST /api/v1/checkout`). The server is `tradebridge serve` (granian, `--workers` processes)
on a fresh database: PostgreSQL (`BENCH_PG_URL`, default postgres://postgres@127.0.0.1:5432)
and the embedded SQLite deployment.

Reported per database: offered and achieved arrivals/s, orders/s while units lasted, p50, p95
and p99 checkout latency, 2xx / 409 / other 4xx / 5xx / timeouts, then checked from the
database: units sold (must be exactly `--units` once demand exceeds it), oversell (must be
0), remaining stock, and `tradebridge ledger-check` (must pass). On PostgreSQL it also runs
`pgbench` (TPC-B, scale 10, 8 clients, 20 s) on the same machine and reports the ratio of
orders/s to pgbench transactions/s. `--write-docs` puts the table into docs/performance.md.
"""

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
PG_BASE = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
PORT = 8765
REQUEST_TIMEOUT = 10.0
DOCS_MARK_START = "<!-- bench-orders:start -->"
DOCS_MARK_END = "<!-- bench-orders:end -->"


@dataclass
class Outcome:
    started: float
    checkout_ms: float | None = None
    status: int | None = None  # of the checkout (or of the add-to-cart when that failed)
    code: str = ""
    units: int = 0


@dataclass
class Result:
    database: str
    offered_per_s: float
    achieved_per_s: float
    orders: int
    orders_per_s: float
    sellout_s: float | None
    p50: float
    p95: float
    p99: float
    statuses: dict[str, int] = field(default_factory=dict)
    sold: int = 0
    stock_left: int | None = None
    oversell: int = 0
    ledger_ok: bool = False
    pgbench_tps: float | None = None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--baseline", type=float, default=15.0, help="arrivals/s before and after")
    parser.add_argument("--surge", type=float, default=10.0, help="surge factor over the baseline")
    parser.add_argument("--seconds", type=float, default=30.0, help="length of the surge")
    parser.add_argument("--warmup", type=float, default=5.0, help="baseline seconds before")
    parser.add_argument("--workers", type=int, default=2, help="web worker processes")
    parser.add_argument("--only", choices=["postgresql", "sqlite"], default=None)
    parser.add_argument("--write-docs", action="store_true")
    parser.add_argument("--seed-into", help=argparse.SUPPRESS)  # internal: in the server's env
    parser.add_argument("--count-for", help=argparse.SUPPRESS)  # internal: in the server's env
    args = parser.parse_args()
    if args.seed_into:
        seed(Path(args.seed_into), units=args.units, buyers=buyers_needed(args))
        return
    if args.count_for:
        count(args.count_for)
        return
    results = []
    if args.only in (None, "postgresql") and postgres_reachable():
        result = run_backend("postgresql", args)
        result.pgbench_tps = pgbench_tps()
        results.append(result)
    if args.only in (None, "sqlite"):
        results.append(run_backend("sqlite", args))
    table = report(results, args)
    print(table)
    if args.write_docs:
        write_docs(table)


def buyers_needed(args: argparse.Namespace) -> int:
    arrivals = args.baseline * (2 * args.warmup + args.surge * args.seconds)
    return int(arrivals * 1.5) + 100


# -- the server under test ---------------------------------------------------------------


def run_backend(database: str, args: argparse.Namespace) -> Result:
    workdir = Path(tempfile.mkdtemp(prefix=f"tb-bench-orders-{database}-"))
    (workdir / "static").mkdir()  # the API serves no static file; WhiteNoise wants the folder
    env = server_env(database, workdir)
    print(f"== {database}: migrating a fresh database in {workdir}", flush=True)
    run([str(BIN / "tradebridge"), "migrate", "--no-input", "-v", "0"], env)
    run([str(BIN / "tradebridge"), "createcachetable"], env)
    seed_file = workdir / "seed.json"
    print(f"== {database}: seeding {buyers_needed(args)} buyers and {args.units} units", flush=True)
    run([str(BIN / "python"), __file__, "--seed-into", str(seed_file), *seed_args(args)], env)
    seeded = json.loads(seed_file.read_text())
    server = start_server(env, args.workers)
    try:
        asyncio.run(wait_until_warm(str(seeded["tokens"][-1]), args.workers))  # type: ignore[index]
        print(f"== {database}: flash sale", flush=True)
        outcomes, offered, elapsed = asyncio.run(flash_sale(seeded, args))
    finally:
        stop_server(server)
    result = summarise(database, outcomes, offered, elapsed)
    check_database(result, seeded, env, args.units)
    shutil.rmtree(workdir, ignore_errors=True)
    if database == "postgresql":
        drop_database(env["BENCH_DB_NAME"])
    return result


def seed_args(args: argparse.Namespace) -> list[str]:
    return [
        f"--units={args.units}",
        f"--baseline={args.baseline}",
        f"--surge={args.surge}",
        f"--seconds={args.seconds}",
        f"--warmup={args.warmup}",
    ]


def server_env(database: str, workdir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("REDIS_URL", None)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.base",
            "DEBUG": "false",
            "SECRET_KEY": "bench-" + "x" * 50,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "TRADEBRIDGE_VAR_DIR": str(workdir),
        }
    )
    if database == "postgresql":
        name = f"tb_bench_orders_{os.getpid()}"
        create_database(name)
        env["DATABASE_URL"] = f"{PG_BASE}/{name}?conn_max_age=60"
        env["BENCH_DB_NAME"] = name
    else:
        env["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    return env


def start_server(env: dict[str, str], workers: int) -> subprocess.Popen[bytes]:
    command = [
        str(BIN / "tradebridge"),
        "serve",
        f"--port={PORT}",
        f"--workers={workers}",
        "--no-task-worker",
    ]
    server = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, start_new_session=True
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", PORT), timeout=0.5):
                return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit("the server did not start") from None
            time.sleep(0.2)
    stop_server(server)
    raise SystemExit("the server did not answer within 60 s")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def run(command: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode:
        print(done.stdout, done.stderr, sep="\n", file=sys.stderr)
        raise SystemExit(f"failed: {' '.join(command)}")
    return done.stdout


# -- seeding (runs in a subprocess with the server's environment) -------------------------


def seed(out: Path, *, units: int, buyers: int) -> None:
    """A supplier with one published ready-to-ship product, and `buyers` buyer companies,
    each with a purchaser and an API token; bulk inserts (a benchmark's set-up, not a
    user's path: the services make one company at a time)."""
    import secrets
    from decimal import Decimal

    import django

    django.setup()
    from django.utils import timezone

    from tradebridge.accounts.models import User
    from tradebridge.catalog.enums import ProductStatus, Unit
    from tradebridge.catalog.models import PriceTier, Product
    from tradebridge.companies.enums import CompanyKind, Role, VerificationLevel
    from tradebridge.companies.models import ApiToken, Company, Membership
    from tradebridge.companies.selectors import token_digest

    supplier = Company.objects.create(
        slug="flash-supplier",
        legal_name="Flash Sports Co. Ltd",
        display_name="Flash Sports",
        kind=CompanyKind.SUPPLIER,
        country="CN",
        city="Xiamen",
        default_currency="EUR",
        verification_level=VerificationLevel.BUSINESS_VERIFIED,
    )
    product = Product.objects.create(
        supplier=supplier,
        sku="FLASH-BALL-5",
        title="Match ball size 5, limited edition",
        unit=Unit.PIECE,
        currency="EUR",
        moq=1,
        stock=units,
        status=ProductStatus.PUBLISHED,
        published_at=timezone.now(),
        min_unit_price=Decimal("9.90"),
        max_unit_price=Decimal("9.90"),
        hs_code="950662",
        origin_country="CN",
        weight_kg=Decimal("0.45"),
        units_per_carton=20,
    )
    PriceTier.objects.create(product=product, min_quantity=1, unit_price=Decimal("9.90"))
    users = User.objects.bulk_create(
        User(email=f"buyer{n}@flash.example", is_active=True) for n in range(buyers)
    )
    companies = Company.objects.bulk_create(
        Company(
            slug=f"flash-buyer-{n}",
            legal_name=f"Flash Buyer {n} GmbH",
            display_name=f"Flash Buyer {n}",
            kind=CompanyKind.BUYER,
            country="DE",
            default_currency="EUR",
        )
        for n in range(buyers)
    )
    memberships = Membership.objects.bulk_create(
        Membership(user=user, company=company, role=Role.PURCHASER)
        for user, company in zip(users, companies, strict=True)
    )
    tokens, rows = [], []
    for membership in memberships:
        prefix = secrets.token_hex(4)
        raw = f"tb_{prefix}_{secrets.token_urlsafe(32)}"
        tokens.append(raw)
        rows.append(
            ApiToken(
                membership=membership, name="flash", prefix=prefix, token_hash=token_digest(raw)
            )
        )
    ApiToken.objects.bulk_create(rows)
    out.write_text(json.dumps({"product_id": str(product.pk), "tokens": tokens}))


def count(product_id: str) -> None:
    """Units sold in live orders, and the stock left, as JSON on standard output."""
    import django

    django.setup()
    from django.db.models import Sum

    from tradebridge.catalog.models import Product
    from tradebridge.orders.enums import OrderStatus
    from tradebridge.orders.models import OrderLine

    sold = (
        OrderLine.objects.filter(product_id=product_id)
        .exclude(order__status=OrderStatus.CANCELLED)
        .aggregate(units=Sum("quantity"))["units"]
    )
    stock = Product.objects.get(pk=product_id).stock
    print(json.dumps({"sold": sold or 0, "stock": stock}))


# -- the load --------------------------------------------------------------------------


async def flash_sale(
    seeded: dict[str, object], args: argparse.Namespace
) -> tuple[list[Outcome], int, float]:
    tokens = list(seeded["tokens"])  # type: ignore[call-overload]
    product_id = str(seeded["product_id"])
    rng = random.Random(11)  # noqa: S311  # load shape, not security
    schedule = arrival_times(args, rng)
    outcomes: list[Outcome] = []
    tasks = []
    start = time.perf_counter()
    for index, at in enumerate(schedule):
        delay = at - (time.perf_counter() - start)
        if delay > 0:
            await asyncio.sleep(delay)
        outcome = Outcome(started=time.perf_counter() - start)
        outcomes.append(outcome)
        token = tokens[index % len(tokens)]
        quantity = rng.randint(1, 3)
        tasks.append(asyncio.create_task(buy(outcome, token, product_id, quantity)))
    await asyncio.gather(*tasks)
    return outcomes, len(schedule), time.perf_counter() - start


async def wait_until_warm(token: str, workers: int) -> None:
    """Granian accepts connections before its workers have imported Django (seconds on a
    busy machine): the sale starts once a few requests in a row answer quickly."""
    headers = {"Authorization": f"Bearer {token}"}
    deadline, quick = time.monotonic() + 180, 0
    while quick < 4 * workers:
        if time.monotonic() > deadline:
            raise SystemExit("the server did not warm up within 180 s")
        begun = time.perf_counter()
        status, _ = await request("GET", "/api/v1/cart", None, headers)
        quick = quick + 1 if status == 200 and time.perf_counter() - begun < 1 else 0


def arrival_times(args: argparse.Namespace, rng: random.Random) -> list[float]:
    phases = [
        (args.warmup, args.baseline),
        (args.seconds, args.baseline * args.surge),
        (args.warmup, args.baseline),
    ]
    times, now, end = [], 0.0, 0.0
    for length, rate in phases:
        end += length
        while True:
            now += rng.expovariate(rate)
            if now >= end:
                now = end
                break
            times.append(now)
    return times


async def buy(outcome: Outcome, token: str, product_id: str, quantity: int) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    item = {"product_id": product_id, "quantity": quantity}
    status, body = await request("POST", "/api/v1/cart/items", item, headers)
    if status != 201:
        outcome.status, outcome.code = status, error_code(body)
        return
    checkout = {
        "ship_to": {
            "name": "Receiving dock",
            "line1": "1 Harbour Road",
            "city": "Rotterdam",
            "postal_code": "3011",
            "country": "NL",
        },
        "po_number": "FLASH",
    }
    begun = time.perf_counter()
    status, body = await request("POST", "/api/v1/checkout", checkout, headers)
    outcome.checkout_ms = (time.perf_counter() - begun) * 1000
    outcome.status, outcome.code = status, error_code(body)
    if status == 201:
        outcome.units = quantity


async def request(
    method: str, path: str, payload: object, headers: dict[str, str]
) -> tuple[int, bytes]:
    """One HTTP/1.1 request on its own connection; status 0 on a timeout or a broken one."""
    body = b"" if payload is None else json.dumps(payload).encode()
    head = [
        f"{method} {path} HTTP/1.1",
        f"Host: 127.0.0.1:{PORT}",
        "Content-Type: application/json",
        f"Content-Length: {len(body)}",
        "Connection: close",
        *(f"{name}: {value}" for name, value in headers.items()),
    ]
    try:
        return await asyncio.wait_for(
            exchange("\r\n".join(head) + "\r\n\r\n", body), REQUEST_TIMEOUT
        )
    except (TimeoutError, OSError):
        return 0, b""


async def exchange(head: str, body: bytes) -> tuple[int, bytes]:
    reader, writer = await asyncio.open_connection("127.0.0.1", PORT)
    try:
        writer.write(head.encode() + body)
        await writer.drain()
        response = await reader.read()
    finally:
        writer.close()
    status_line, _, rest = response.partition(b"\r\n")
    parts = status_line.split()
    status = int(parts[1]) if len(parts) > 1 else 0
    return status, rest.partition(b"\r\n\r\n")[2]


def error_code(body: bytes) -> str:
    try:
        return str(json.loads(body).get("code", ""))
    except (ValueError, AttributeError):
        return ""


# -- results ---------------------------------------------------------------------------


def summarise(database: str, outcomes: list[Outcome], offered: int, elapsed: float) -> Result:
    latencies = sorted(o.checkout_ms for o in outcomes if o.checkout_ms is not None)
    successes = [o for o in outcomes if o.status == 201]
    sellout = max((o.started for o in successes), default=None)
    statuses: dict[str, int] = {}
    for o in outcomes:
        key = status_key(o)
        statuses[key] = statuses.get(key, 0) + 1
    window = sellout or elapsed
    return Result(
        database=database,
        offered_per_s=offered / elapsed,
        achieved_per_s=sum(1 for o in outcomes if o.status) / elapsed,
        orders=len(successes),
        orders_per_s=len(successes) / window if window else 0.0,
        sellout_s=sellout,
        p50=percentile(latencies, 50),
        p95=percentile(latencies, 95),
        p99=percentile(latencies, 99),
        statuses=statuses,
    )


def status_key(outcome: Outcome) -> str:
    if not outcome.status:
        return "timeout"
    if outcome.status == 201:
        return "201"
    if outcome.status >= 500:
        return "5xx"
    return f"{outcome.status} {outcome.code}".strip()


def percentile(values: list[float], pct: int) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1]


def check_database(
    result: Result, seeded: dict[str, object], env: dict[str, str], units: int
) -> None:
    output = run([str(BIN / "python"), __file__, "--count-for", str(seeded["product_id"])], env)
    counted = json.loads(output.strip().splitlines()[-1])
    result.sold = counted["sold"]
    result.stock_left = counted["stock"]
    result.oversell = max(0, result.sold - units)
    check = subprocess.run(
        [str(BIN / "tradebridge"), "ledger-check"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    result.ledger_ok = check.returncode == 0


# -- pgbench ---------------------------------------------------------------------------


def postgres_reachable() -> bool:
    return (
        shutil.which("psql") is not None
        and subprocess.run(
            ["psql", f"{PG_BASE}/postgres", "-qAtc", "select 1"], capture_output=True, check=False
        ).returncode
        == 0
    )


def create_database(name: str) -> None:
    drop_database(name)
    subprocess.run(["psql", f"{PG_BASE}/postgres", "-qc", f"CREATE DATABASE {name}"], check=True)


def drop_database(name: str) -> None:
    subprocess.run(
        ["psql", f"{PG_BASE}/postgres", "-qc", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"],
        check=True,
        capture_output=True,
    )


def pgbench_tps() -> float | None:
    if shutil.which("pgbench") is None:
        return None
    name = f"tb_bench_pgbench_{os.getpid()}"
    create_database(name)
    try:
        url = f"{PG_BASE}/{name}"
        subprocess.run(["pgbench", "-i", "-s", "10", "-q", url], check=True, capture_output=True)
        done = subprocess.run(
            ["pgbench", "-c", "8", "-j", "2", "-T", "20", "-n", url],
            check=True,
            capture_output=True,
            text=True,
        )
    finally:
        drop_database(name)
    found = re.search(r"tps = ([0-9.]+)", done.stdout)
    return float(found.group(1)) if found else None


def report(results: list[Result], args: argparse.Namespace) -> str:
    offered = f"{args.baseline:g}/s, then {args.baseline * args.surge:g}/s for {args.seconds:g} s"
    lines = [
        f"Flash sale: {args.units} units, arrivals {offered}, {args.workers} web workers, "
        f"{os.cpu_count()} CPUs (client, server and database on one machine).",
        "",
        "| database | offered/s | achieved/s | orders | orders/s | sold out at | "
        "checkout p50 / p95 / p99 | outcomes | units sold | oversell | stock left | ledger | "
        "pgbench tps | orders/s ÷ pgbench |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        outcomes = ", ".join(f"{k}: {v}" for k, v in sorted(r.statuses.items()))
        ratio = f"{100 * r.orders_per_s / r.pgbench_tps:.1f} %" if r.pgbench_tps else "—"
        sold_out = f"{r.sellout_s:.1f} s" if r.sellout_s else "—"
        lines.append(
            f"| {r.database} | {r.offered_per_s:.0f} | {r.achieved_per_s:.0f} | {r.orders} | "
            f"{r.orders_per_s:.1f} | {sold_out} | {r.p50:.0f} / {r.p95:.0f} / {r.p99:.0f} ms | "
            f"{outcomes} | {r.sold} | {r.oversell} | {r.stock_left} | "
            f"{'balanced' if r.ledger_ok else 'FAILED'} | "
            f"{f'{r.pgbench_tps:.0f}' if r.pgbench_tps else '—'} | {ratio} |"
        )
    return "\n".join(lines)


def write_docs(table: str) -> None:
    path = ROOT / "docs" / "performance.md"
    text = path.read_text()
    block = f"{DOCS_MARK_START}\n{table}\n{DOCS_MARK_END}"
    if DOCS_MARK_START in text:
        text = re.sub(
            re.escape(DOCS_MARK_START) + ".*?" + re.escape(DOCS_MARK_END),
            lambda _: block,
            text,
            flags=re.DOTALL,
        )
    else:
        text += f"\n## Flash sale (`make bench-orders`)\n\n{block}\n"
    path.write_text(text)


if __name__ == "__main__":
    main()
