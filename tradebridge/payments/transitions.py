"""The escrow hold and instalment status tables, and the status a hold's amounts imply.

- An instalment is pending, then partially paid and paid; an unpaid or partly paid one is
  cancelled when its order is cancelled. Paid and cancelled are final.
- An escrow hold awaits funds, is partially funded (some paid, more to come) and funded (every
  instalment paid or cancelled with money held). Money leaves it by release (to the supplier)
  and refund (to the buyer): once nothing is held and nothing more is to come it is
  `released` (all released), `refunded` (all refunded) or `closed` (both, or nothing was ever
  paid). While money is still held, any refund makes it `partially_refunded`; a partial release
  keeps its funding status (the amounts show it). Released, refunded and closed are final.

The services never pick a hold's status by hand: `escrow_status_for` derives it from the
cached amounts, and the table checks the move.
"""

from typing import Final

from tradebridge.payments.enums import EscrowStatus, InstalmentStatus

type EscrowTable = dict[EscrowStatus, frozenset[EscrowStatus]]
type InstalmentTable = dict[InstalmentStatus, frozenset[InstalmentStatus]]

_SETTLED: Final = frozenset({EscrowStatus.RELEASED, EscrowStatus.REFUNDED, EscrowStatus.CLOSED})

ESCROW_TRANSITIONS: Final[EscrowTable] = {
    EscrowStatus.AWAITING_FUNDS: frozenset(
        {EscrowStatus.PARTIALLY_FUNDED, EscrowStatus.FUNDED, EscrowStatus.CLOSED}
    ),
    EscrowStatus.PARTIALLY_FUNDED: frozenset(
        {EscrowStatus.FUNDED, EscrowStatus.PARTIALLY_REFUNDED} | _SETTLED
    ),
    EscrowStatus.FUNDED: frozenset({EscrowStatus.PARTIALLY_REFUNDED} | _SETTLED),
    EscrowStatus.PARTIALLY_REFUNDED: frozenset({EscrowStatus.REFUNDED, EscrowStatus.CLOSED}),
    EscrowStatus.RELEASED: frozenset(),
    EscrowStatus.REFUNDED: frozenset(),
    EscrowStatus.CLOSED: frozenset(),
}

INSTALMENT_TRANSITIONS: Final[InstalmentTable] = {
    InstalmentStatus.PENDING: frozenset(
        {InstalmentStatus.PARTIALLY_PAID, InstalmentStatus.PAID, InstalmentStatus.CANCELLED}
    ),
    InstalmentStatus.PARTIALLY_PAID: frozenset({InstalmentStatus.PAID, InstalmentStatus.CANCELLED}),
    InstalmentStatus.PAID: frozenset(),
    InstalmentStatus.CANCELLED: frozenset(),
}

# The instalments that may still receive money for the order.
INSTALMENT_OPEN_STATUSES: Final = frozenset(
    {InstalmentStatus.PENDING, InstalmentStatus.PARTIALLY_PAID}
)


def escrow_status_for(
    *, deposited: int, released: int, refunded: int, more_to_come: bool
) -> EscrowStatus:
    """The status implied by a hold's amounts (minor units) and whether any instalment is
    still open."""
    held = deposited - released - refunded
    if held > 0 or more_to_come:
        if refunded > 0:
            return EscrowStatus.PARTIALLY_REFUNDED
        if not more_to_come:
            return EscrowStatus.FUNDED
        return EscrowStatus.PARTIALLY_FUNDED if deposited > 0 else EscrowStatus.AWAITING_FUNDS
    if deposited > 0 and refunded == 0:
        return EscrowStatus.RELEASED
    if deposited > 0 and released == 0:
        return EscrowStatus.REFUNDED
    return EscrowStatus.CLOSED
