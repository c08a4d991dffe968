"""The status tables of incoming bank transfers and of payouts.

Incoming transfer (a bank credit; its money is never lost):

- `unmatched`: no instalment found (unknown reference, another currency, an instalment no
  longer open): the whole amount is held in `unapplied_funds` for review.
- `partially_matched`: part of it paid an instalment, the rest (an over-payment) is held.
  An operator may apply the held rest to another instalment (it stays `partially_matched`
  while something is still held) or return it to the payer.
- `matched`: all of it paid instalments. Final.
- `refunded`: what was held went back to the payer (all of it, or the rest after a partial
  match: `applied_amount` says how much had been applied). Final.

Payout batch and payout: `pending` (supplier_payable moved to payouts_in_transit, the bank
transfer to make) -> `paid` (the operator confirmed the bank paid it: payouts_in_transit ->
world). A single payout may be `failed` by the bank; its money stays in transit until the
operator pays it again.
"""

from typing import Final

from tradebridge.payments.enums import PayoutBatchStatus, PayoutStatus, TransferStatus

type TransferTable = dict[TransferStatus, frozenset[TransferStatus]]

TRANSFER_TRANSITIONS: Final[TransferTable] = {
    TransferStatus.UNMATCHED: frozenset(
        {TransferStatus.MATCHED, TransferStatus.PARTIALLY_MATCHED, TransferStatus.REFUNDED}
    ),
    TransferStatus.PARTIALLY_MATCHED: frozenset(
        {TransferStatus.MATCHED, TransferStatus.PARTIALLY_MATCHED, TransferStatus.REFUNDED}
    ),
    TransferStatus.MATCHED: frozenset(),
    TransferStatus.REFUNDED: frozenset(),
}

# Transfers with money held in unapplied_funds: the operator's queue.
TRANSFER_HELD_STATUSES: Final = frozenset(
    {TransferStatus.UNMATCHED, TransferStatus.PARTIALLY_MATCHED}
)

PAYOUT_BATCH_TRANSITIONS: Final[dict[PayoutBatchStatus, frozenset[PayoutBatchStatus]]] = {
    PayoutBatchStatus.PENDING: frozenset({PayoutBatchStatus.PAID}),
    PayoutBatchStatus.PAID: frozenset(),
}

PAYOUT_TRANSITIONS: Final[dict[PayoutStatus, frozenset[PayoutStatus]]] = {
    PayoutStatus.PENDING: frozenset({PayoutStatus.PAID, PayoutStatus.FAILED}),
    PayoutStatus.FAILED: frozenset({PayoutStatus.PAID}),
    PayoutStatus.PAID: frozenset(),
}
