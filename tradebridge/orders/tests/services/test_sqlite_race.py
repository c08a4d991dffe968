"""The embedded deployment never oversells: 20 processes race for 5 units on a SQLite file
database (WAL, IMMEDIATE transactions), each on its own connection; and a database that stays
locked answers 503 `busy` with nothing written.

The race runs in a process of its own (`orders.tests.sqlite_race`) whatever database the
suite uses, because the suite's in-memory SQLite database cannot be shared across processes.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError, connection

from tradebridge.orders.errors import CheckoutBusy
from tradebridge.orders.models import Order, Purchase
from tradebridge.orders.services import checkout
from tradebridge.orders.services.carts import cart_item_add
from tradebridge.orders.services.checkout import checkout_place
from tradebridge.orders.tests.buying import SHIP_TO, buyer_member, product


def test_twenty_processes_racing_for_five_units_on_sqlite_make_exactly_five_orders(
    tmp_path: Path,
) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'race.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
    }
    spec = json.dumps({"buyers": 20, "stock": 5})

    run = subprocess.run(  # noqa: S603  # our own interpreter and module, fixed arguments
        [sys.executable, "-m", "tradebridge.orders.tests.sqlite_race", spec],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )

    assert run.returncode == 0, run.stderr[-3000:]
    summary = json.loads(run.stdout.strip().splitlines()[-1])
    assert summary == {
        "outcomes": ["insufficient_stock"] * 15 + ["ok"] * 5,
        "stock": 0,
        "orders": 5,
        "reserved": 5,
    }


@pytest.mark.django_db
def test_a_locked_sqlite_database_answers_busy_and_writes_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    member = buyer_member()
    cart_item_add(actor=member, product_id=product(stock=10).pk, quantity=10)

    def locked(*args: object) -> None:
        raise OperationalError("database is locked")

    monkeypatch.setattr(checkout, "_checkout", locked)
    monkeypatch.setattr(connection, "vendor", "sqlite")

    with pytest.raises(CheckoutBusy) as raised:
        checkout_place(actor=member, ship_to=SHIP_TO)

    assert (raised.value.code, raised.value.http_status) == ("busy", 503)
    assert (Purchase.objects.count(), Order.objects.count()) == (0, 0)


@pytest.mark.django_db
def test_other_operational_errors_are_not_hidden(monkeypatch: pytest.MonkeyPatch) -> None:
    member = buyer_member()
    cart_item_add(actor=member, product_id=product().pk, quantity=10)

    def broken(*args: object) -> None:
        raise OperationalError("disk I/O error")

    monkeypatch.setattr(checkout, "_checkout", broken)

    with pytest.raises(OperationalError, match="disk I/O error"):
        checkout_place(actor=member, ship_to=SHIP_TO)
