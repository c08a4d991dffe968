"""Errors of bank transfers, statement imports and payouts, with stable codes (404, 409)."""

from tradebridge.core.errors import Conflict, NotFound


class TransferNotFound(NotFound):
    default_message = "No such incoming transfer."


class TransferNotHeld(Conflict):
    """details: `transfer_id`, `status`. Nothing of the transfer is held for review any more
    (it was matched in full or returned): there is nothing left to match or return."""

    code = "transfer_not_held"
    default_message = "Nothing of this transfer is held for review."


class PayoutBatchNotFound(NotFound):
    default_message = "No such payout batch."
