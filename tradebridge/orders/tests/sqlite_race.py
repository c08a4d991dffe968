"""The SQLite checkout race, run by `test_sqlite_race.py` in a process of its own (the test
suite's in-memory SQLite database cannot be shared between processes).

    DATABASE_URL=sqlite:////tmp/x/db.sqlite3 DJANGO_SETTINGS_MODULE=config.settings.test \\
        python -m tradebridge.orders.tests.sqlite_race '{"buyers": 20, "stock": 5}'

It builds the schema in a fresh SQLite file (from the models: the data migrations are not
needed here), adds one product with `stock` units and `buyers` members each with 1 unit in
their cart, then forks one process per buyer; released together by a barrier, each checks
out on its own connection, with the deployment's SQLite options (WAL, IMMEDIATE
transactions, busy timeout; `timeout` in the spec overrides the timeout). It prints a JSON
summary: the sorted outcomes ("ok" or the error code), the stock left, the orders, the units
reserved.
"""

import json
import multiprocessing
import sys
from multiprocessing.synchronize import Barrier
from typing import Any

import django


class _NoMigrations(dict[str, None]):
    def __contains__(self, item: object) -> bool:
        return True

    def __getitem__(self, item: str) -> None:
        return None


def main() -> None:
    spec: dict[str, Any] = json.loads(sys.argv[1])
    from django.conf import settings

    settings.MIGRATION_MODULES = _NoMigrations()
    if spec.get("timeout") is not None:
        settings.DATABASES["default"]["OPTIONS"]["timeout"] = spec["timeout"]
    django.setup()
    from django.core.management import call_command
    from django.db import connections

    call_command("migrate", run_syncdb=True, verbosity=0)
    product_id, member_ids = _market(spec["buyers"], spec["stock"])
    connections.close_all()  # the children must not share the parent's connection
    outcomes = _race(member_ids)
    print(json.dumps({"outcomes": outcomes, **_summary(product_id)}))  # noqa: T201


def _market(buyers: int, stock: int) -> tuple[str, list[str]]:
    from tradebridge.orders.services.carts import cart_item_add
    from tradebridge.orders.tests.buying import buyer_member, product

    ball = product(stock=stock, tiers=((1, "9.00"),))
    members = [buyer_member() for _ in range(buyers)]
    for member in members:
        cart_item_add(actor=member, product_id=ball.pk, quantity=1)
    return str(ball.pk), [str(member.pk) for member in members]


def _race(member_ids: list[str]) -> list[str]:
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(len(member_ids))
    queue = context.Queue()
    workers = [context.Process(target=_buy, args=(pk, barrier, queue)) for pk in member_ids]
    for worker in workers:
        worker.start()
    outcomes = [queue.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=30)
    return sorted(outcomes)


def _buy(member_id: str, barrier: Barrier, queue: Any) -> None:
    from django.db import connections

    from tradebridge.companies.models import Membership
    from tradebridge.core.errors import DomainError
    from tradebridge.orders.services.checkout import checkout_place
    from tradebridge.orders.tests.buying import SHIP_TO

    try:
        member = Membership.objects.select_related("user").get(pk=member_id)
        barrier.wait(timeout=60)
        checkout_place(actor=member, ship_to=SHIP_TO)
        queue.put("ok")
    except DomainError as error:
        queue.put(error.code)
    except BaseException as error:  # reported: the test fails with the reason
        queue.put(f"error: {type(error).__name__}: {error}")
    finally:
        connections.close_all()


def _summary(product_id: str) -> dict[str, Any]:
    from tradebridge.catalog.models import Product
    from tradebridge.orders.models import Order, StockReservation

    return {
        "stock": Product.objects.get(pk=product_id).stock,
        "orders": Order.objects.count(),
        "reserved": sum(StockReservation.objects.values_list("quantity", flat=True)),
    }


if __name__ == "__main__":
    main()
