"""Errors of the order lifecycle, with stable codes for the API.

A verb not allowed in the order's status is core's InvalidTransition (409
`invalid_transition`); a verb of the other side (a buyer shipping) is core's PermissionDenied
(403, `details.reason = "wrong_side"`); another company's order is NotFound (404).
"""

from tradebridge.core.errors import Conflict, InvalidTransition


class ProtectionWindowClosed(Conflict):
    """details: `protection_ended_at`."""

    code = "protection_window_closed"
    default_message = "The buyer protection window of this order has closed."


class ShipDeadlineNotPassed(InvalidTransition):
    """The buyer cancels an order in production before its shipping deadline. details:
    `ship_by`. (Before production starts the buyer may cancel at will.)"""

    default_message = "An order in production can be cancelled only after its shipping deadline."


class BalanceGraceNotOver(InvalidTransition):
    """The supplier cancels an order awaiting its balance before the balance is unpaid
    ORDER_BALANCE_GRACE_DAYS past its due date. details: `grace_ends_at` (None: no due date)."""

    default_message = (
        "An order awaiting its balance can be cancelled only once the balance is overdue past "
        "the grace period."
    )
