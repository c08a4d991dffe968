"""`tradebridge serve` lists the demo logins present in the database."""

from io import StringIO

import pytest
from django.core.management import call_command

from tradebridge.core import serve_banner
from tradebridge.demo.banner import HISTORY_TOUR, demo_login_lines


def test_the_demo_app_registers_its_logins_once_at_start_up():
    assert serve_banner._PROVIDERS.count(demo_login_lines) == 1


@pytest.mark.django_db
def test_no_demo_logins_before_the_demo_is_loaded():
    assert demo_login_lines() == []


@pytest.mark.django_db
def test_the_loaded_demo_logins_are_listed_with_the_password():
    call_command("demo", "--skip-fx-rates", stdout=StringIO())

    lines = demo_login_lines()

    assert lines[0] == "  Demo logins (password demo-pass-2026):"
    assert any("lin.wei@haicang-sports.example" in line for line in lines[1:])
    assert any("operator@tradebridge.example" in line for line in lines[1:])
    assert HISTORY_TOUR[0] not in lines  # no FX rates: the trading history was left out
