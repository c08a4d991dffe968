"""The rules of a quote's terms (pure: no database)."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tradebridge.catalog.pricing import Tier
from tradebridge.core.errors import ValidationFailed
from tradebridge.rfq.quote_rules import (
    QuoteInput,
    tier_for_quantity,
    tiers_as_json,
    tiers_from_json,
    validate_quote_input,
)

TODAY = date(2026, 12, 7)
VALID = QuoteInput(
    currency="USD",
    tiers=(Tier(100, Decimal("4.20")), Tier(1000, Decimal("3.90"))),
    moq=100,
    lead_time_days=30,
    incoterm="FOB",
    named_place="Xiamen",
    valid_until=TODAY,
    sample_price=Decimal(25),
    sample_days=7,
)

# Property tests never fail on time: a loaded machine is slow, not wrong.
UNTIMED = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_a_valid_quote_passes_even_when_it_ends_today() -> None:
    validate_quote_input(VALID, today=TODAY)


@pytest.mark.parametrize(
    ("overrides", "code", "field"),
    [
        ({"deposit_percent": Decimal("30.005")}, "invalid_quote_terms", "deposit_percent"),
        ({"sample_days": 366}, "invalid_quote_terms", "sample_days"),
        ({"sample_price": Decimal("1.00001")}, "invalid_quote_terms", "sample_price"),
        ({"sample_price": Decimal("Infinity")}, "invalid_quote_terms", "sample_price"),
        ({"named_place": "x" * 121}, "named_place_required", "named_place"),
        (
            {"tiers": tuple(Tier(n, Decimal(1)) for n in range(1, 22))},
            "invalid_price_tiers",
            "tiers",
        ),
        ({"moq": True}, "invalid_quote_terms", "moq"),
        ({"lead_time_days": True}, "invalid_quote_terms", "lead_time_days"),
    ],
)
def test_each_broken_rule_names_its_code_and_field(
    overrides: dict[str, object], code: str, field: str
) -> None:
    with pytest.raises(ValidationFailed) as error:
        validate_quote_input(replace(VALID, **overrides), today=TODAY)  # type: ignore[arg-type]

    assert (error.value.code, error.value.details["field"]) == (code, field)


@UNTIMED
@given(
    st.lists(
        st.tuples(st.integers(1, 10**6), st.decimals(Decimal("0.0001"), Decimal(10**6), places=4)),
        min_size=1,
        max_size=20,
        unique_by=lambda pair: pair[0],
    )
)
def test_tiers_survive_their_stored_form(pairs: list[tuple[int, Decimal]]) -> None:
    tiers = tuple(Tier(q, p) for q, p in sorted(pairs))

    assert tiers_from_json(tiers_as_json(tiers)) == tiers


@UNTIMED
@given(st.integers(1, 5000))
def test_the_tier_is_the_last_one_reached(quantity: int) -> None:
    tiers = (Tier(100, Decimal(5)), Tier(500, Decimal(4)), Tier(2000, Decimal(3)))

    chosen = tier_for_quantity(tiers, quantity)

    reached = [tier for tier in tiers if tier.min_quantity <= quantity]
    assert chosen == (reached[-1] if reached else tiers[0])
