"""The dispute status table: who may move a dispute from which status to which.

- A dispute opens `awaiting_supplier`: the supplier has `respond_by` (the operator's
  dispute-response days) to accept (resolved: the requested refund is paid, the rest
  released), counter-offer a partial refund, or contest. A counter-offer and a contest both
  leave it `supplier_countered` (the supplier has answered with less than the request;
  `supplier_response` tells which): the buyer accepts the counter-offer (resolved), escalates,
  or withdraws.
- `escalated`: to the operator. The buyer escalates once the supplier has answered with less,
  or from `respond_by` on when the supplier is silent; the timer escalates every open,
  unescalated dispute at `escalate_by` (the operator's auto-escalation days).
- The operator decides any open dispute (full refund, partial refund or release): resolved.
  The supplier may still accept the full request while the dispute is open.
- The buyer may withdraw an open dispute (nothing is refunded; the order goes back to where
  it was). Resolved and withdrawn are final.
"""

from typing import Final

from tradebridge.payments.enums import DisputeStatus

type DisputeTable = dict[DisputeStatus, frozenset[DisputeStatus]]

DISPUTE_TRANSITIONS: Final[DisputeTable] = {
    DisputeStatus.AWAITING_SUPPLIER: frozenset(
        {
            DisputeStatus.SUPPLIER_COUNTERED,
            DisputeStatus.ESCALATED,
            DisputeStatus.RESOLVED,
            DisputeStatus.WITHDRAWN,
        }
    ),
    DisputeStatus.SUPPLIER_COUNTERED: frozenset(
        {DisputeStatus.ESCALATED, DisputeStatus.RESOLVED, DisputeStatus.WITHDRAWN}
    ),
    DisputeStatus.ESCALATED: frozenset({DisputeStatus.RESOLVED, DisputeStatus.WITHDRAWN}),
    DisputeStatus.RESOLVED: frozenset(),
    DisputeStatus.WITHDRAWN: frozenset(),
}

OPEN_STATUSES: Final = frozenset(
    {DisputeStatus.AWAITING_SUPPLIER, DisputeStatus.SUPPLIER_COUNTERED, DisputeStatus.ESCALATED}
)
# The statuses the timer escalates once `escalate_by` has passed.
AUTO_ESCALATE_FROM: Final = frozenset(
    {DisputeStatus.AWAITING_SUPPLIER, DisputeStatus.SUPPLIER_COUNTERED}
)
