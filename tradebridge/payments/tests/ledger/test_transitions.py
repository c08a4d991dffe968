"""The escrow status a hold's amounts imply, and that every move the services can make is in
the transition table (checked over every small state and every operation)."""

import itertools

import pytest

from tradebridge.payments.enums import EscrowStatus, InstalmentStatus
from tradebridge.payments.transitions import (
    ESCROW_TRANSITIONS,
    INSTALMENT_TRANSITIONS,
    escrow_status_for,
)

S = EscrowStatus


@pytest.mark.parametrize(
    ("deposited", "released", "refunded", "more", "status"),
    [
        (0, 0, 0, True, S.AWAITING_FUNDS),
        (30, 0, 0, True, S.PARTIALLY_FUNDED),
        (30, 30, 0, True, S.PARTIALLY_FUNDED),  # a deposit released early, balance to come
        (100, 0, 0, False, S.FUNDED),
        (100, 40, 0, False, S.FUNDED),  # partly released: the amounts show it
        (100, 0, 25, False, S.PARTIALLY_REFUNDED),
        (30, 0, 30, True, S.PARTIALLY_REFUNDED),  # deposit refunded, balance not yet cancelled
        (100, 100, 0, False, S.RELEASED),
        (100, 0, 100, False, S.REFUNDED),
        (100, 75, 25, False, S.CLOSED),
        (0, 0, 0, False, S.CLOSED),  # cancelled before any payment
    ],
)
def test_status_for(deposited, released, refunded, more, status):
    assert (
        escrow_status_for(
            deposited=deposited, released=released, refunded=refunded, more_to_come=more
        )
        == status
    )


def _states():
    for deposited, released, refunded in itertools.product(range(4), repeat=3):
        if released + refunded <= deposited:
            for more in (True, False):
                yield deposited, released, refunded, more


def _moves(deposited, released, refunded, more):
    held = deposited - released - refunded
    if more:
        yield deposited + 1, released, refunded, True  # a partial payment
        yield deposited + 1, released, refunded, False  # the last instalment paid
        yield deposited, released, refunded, False  # the unpaid instalments cancelled
    if held:
        yield deposited, released + 1, refunded, more
        yield deposited, released, refunded + 1, more


def test_every_move_the_services_make_is_in_the_table():
    checked = 0
    for state in _states():
        before = escrow_status_for(
            deposited=state[0], released=state[1], refunded=state[2], more_to_come=state[3]
        )
        for after_state in _moves(*state):
            after = escrow_status_for(
                deposited=after_state[0],
                released=after_state[1],
                refunded=after_state[2],
                more_to_come=after_state[3],
            )
            assert after == before or after in ESCROW_TRANSITIONS[before], (state, after_state)
            checked += 1
    assert checked == 100  # every state of up to 3 units, every move


def test_settled_holds_are_final():
    for status in (S.RELEASED, S.REFUNDED, S.CLOSED):
        assert ESCROW_TRANSITIONS[status] == frozenset()
    assert set(ESCROW_TRANSITIONS) == set(EscrowStatus)


def test_instalment_table():
    assert set(INSTALMENT_TRANSITIONS) == set(InstalmentStatus)
    assert INSTALMENT_TRANSITIONS[InstalmentStatus.PAID] == frozenset()
    assert INSTALMENT_TRANSITIONS[InstalmentStatus.CANCELLED] == frozenset()
    assert InstalmentStatus.PENDING not in INSTALMENT_TRANSITIONS[InstalmentStatus.PARTIALLY_PAID]
