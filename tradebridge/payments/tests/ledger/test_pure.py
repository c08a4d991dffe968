"""The pure ledger arithmetic and the payment references (no database)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradebridge.core.money import InvalidAmount, Money
from tradebridge.payments import references
from tradebridge.payments.ledger import (
    from_minor,
    is_balanced,
    net_postings,
    percent_half_up,
    split_half_up,
    split_largest_remainder,
    to_minor,
)

percents = st.decimals(min_value=0, max_value=100, places=2)
totals = st.integers(min_value=0, max_value=10**15)


@pytest.mark.parametrize(
    ("amount", "currency", "minor"),
    [("12.50", "EUR", 1250), ("0.01", "USD", 1), ("500", "JPY", 500), ("1.234", "KWD", 1234)],
)
def test_to_minor_and_back(amount, currency, minor):
    assert to_minor(Money.of(amount, currency)) == minor
    assert from_minor(minor, currency) == Money.of(amount, currency)


def test_to_minor_refuses_an_amount_finer_than_the_minor_unit():
    with pytest.raises(InvalidAmount):
        to_minor(Money.of("12.345", "EUR"))
    with pytest.raises(InvalidAmount):
        to_minor(Money.of("0.5", "JPY"))


def test_to_minor_accepts_trailing_zeros():
    assert to_minor(Money.of("12.5000", "EUR")) == 1250


def test_from_minor_has_the_currency_digits():
    assert from_minor(5, "EUR").as_dict() == {"amount": "0.05", "currency": "EUR"}
    assert from_minor(-1250, "EUR").amount == Decimal("-12.50")


@pytest.mark.parametrize(
    ("total", "percent", "part"),
    [
        (1000, Decimal(30), 300),
        (1, Decimal(50), 1),  # 0.5 rounds half-up to 1
        (3, Decimal(50), 2),  # 1.5 -> 2
        (5, Decimal(10), 1),  # 0.5 -> 1
        (4, Decimal(10), 0),  # 0.4 -> 0
        (10001, Decimal("3.00"), 300),  # 300.03 -> 300
        (10050, Decimal("3.00"), 302),  # 301.5 -> 302
        (999, Decimal(0), 0),
        (999, Decimal(100), 999),
    ],
)
def test_percent_half_up(total, percent, part):
    assert percent_half_up(total, percent) == part
    assert split_half_up(total, percent) == (part, total - part)


@given(total=totals, percent=percents)
def test_split_half_up_always_sums_to_the_whole(total, percent):
    part, rest = split_half_up(total, percent)
    assert part + rest == total
    assert 0 <= part <= total
    assert abs(Decimal(part) - Decimal(total) * percent / 100) <= Decimal("0.5")


@pytest.mark.parametrize(
    ("total", "percent"), [(-1, Decimal(1)), (1, Decimal(-1)), (1, Decimal(101))]
)
def test_split_half_up_refuses_nonsense(total, percent):
    with pytest.raises(ValueError, match=r"negative|between"):
        split_half_up(total, percent)


def test_largest_remainder_example():
    # 100 in thirds: 33.33 each, the leftover unit goes to the first (ties: earlier first).
    assert split_largest_remainder(100, [Decimal(1)] * 3) == [34, 33, 33]
    # 10 as 1:2:2 -> 2, 4, 4 exactly.
    assert split_largest_remainder(10, [Decimal(1), Decimal(2), Decimal(2)]) == [2, 4, 4]
    # 7 as 0.45:0.55 -> 3.15, 3.85 -> 3, 4.
    assert split_largest_remainder(7, [Decimal("0.45"), Decimal("0.55")]) == [3, 4]


@given(
    total=totals,
    weights=st.lists(st.decimals(min_value=0, max_value=1000, places=3), min_size=1, max_size=8),
)
def test_largest_remainder_always_sums_to_the_whole(total, weights):
    if sum(weights) == 0:
        weights = [*weights[:-1], Decimal(1)]
    parts = split_largest_remainder(total, weights)
    assert sum(parts) == total
    whole = sum(weights)
    for part, weight in zip(parts, weights, strict=True):
        assert abs(Decimal(part) - Decimal(total) * weight / whole) < 1


@pytest.mark.parametrize("weights", [[], [Decimal(0)], [Decimal(-1), Decimal(2)]])
def test_largest_remainder_refuses_bad_weights(weights):
    with pytest.raises(ValueError, match="weights"):
        split_largest_remainder(10, weights)


def test_balanced_and_net_postings():
    assert is_balanced([-300, 291, 9])
    assert not is_balanced([-300, 290])
    assert net_postings([("a", 5), ("b", -5), ("a", 3), ("c", 0)]) == {"a": 8, "b": -5}
    assert net_postings([("a", 5), ("a", -5)]) == {}


# --- payment references ---------------------------------------------------------------------


def test_a_new_reference_is_canonical_and_valid():
    reference = references.new_payment_reference()
    assert len(reference) == len("TB-XXXX-XXXX-C")
    assert reference.startswith("TB-")
    assert references.reference_find(reference) == reference


def test_check_symbol_example():
    assert references.format_reference("7K3M9QXDQ") == "TB-7K3M-9QXD-Q"
    assert references.is_valid_body("7K3M9QXDQ")
    assert not references.is_valid_body("7K3M9QXD4")


@pytest.mark.parametrize(
    "text",
    [
        "payment TB-7K3M-9QXD-Q thanks",
        "payment TB-7K3M 9QXD-Q thanks",
        "tb7k3m9qxdq",
        "INV 2231 / tb 7k3m 9qxd q / ACME GmbH",
        "Ref:TB.7K3M.9QXD.Q",
        "TB-7K3M-9QXD-Q",
        "TB-7K3M-9QXD-Q.",
        "payment TB-7K3M-9QXD-4 or rather TB-7K3M-9QXD-Q",  # the first fails its check
    ],
)
def test_reference_found_in_bank_text(text):
    assert references.reference_find(text) == "TB-7K3M-9QXD-Q"


def test_look_alikes_are_read_as_digits():
    body = "10AB2C3D"
    check = references.check_symbol(body)
    assert references.reference_find(f"TB-IOAB-2C3D-{check}") == f"TB-10AB-2C3D-{check}"
    assert references.reference_find(f"TB-lOAB-2C3D-{check}") == f"TB-10AB-2C3D-{check}"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "no reference here",
        "TB-7K3M-9QXD-4",  # wrong check symbol
        "TB-7K3M-9QXD",  # too short
        "TB-7K3M-9QXD-QQ",  # a tenth symbol glued on
        "TB-7K3M-9QUD-Q",  # U is not in the alphabet
    ],
)
def test_no_reference_found(text):
    assert references.reference_find(text) is None


@given(
    body=st.text(alphabet=references.ALPHABET, min_size=8, max_size=8),
    position=st.integers(min_value=0, max_value=8),
    replacement=st.sampled_from(references.ALPHABET),
)
def test_every_single_mistyped_symbol_is_caught(body, position, replacement):
    symbols = body + references.check_symbol(body)
    mistyped = symbols[:position] + replacement + symbols[position + 1 :]
    assert references.is_valid_body(mistyped) == (mistyped == symbols)


@given(
    body=st.text(alphabet=references.ALPHABET, min_size=8, max_size=8),
    position=st.integers(min_value=0, max_value=6),
)
def test_swapped_neighbours_are_caught_except_zero_and_z(body, position):
    symbols = body + references.check_symbol(body)
    pair = symbols[position : position + 2]
    swapped = symbols[:position] + pair[::-1] + symbols[position + 2 :]
    if pair[0] == pair[1] or set(pair) == {"0", "Z"}:
        return
    assert not references.is_valid_body(swapped)
