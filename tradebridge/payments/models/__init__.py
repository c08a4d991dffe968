"""The payments models: the double-entry ledger, escrow holds and instalments, money arriving
(bank transfers, provider payments and their events), disputes, commissions and payouts.

Rows are written only through `payments.services`; statuses move through
`payments.transitions`. One module per sub-domain; import the models from here.
"""

from tradebridge.payments.models.disputes import (
    OPEN_DISPUTE_STATUSES,
    Dispute,
    DisputeEvent,
    DisputeEvidence,
    _evidence_path,
)
from tradebridge.payments.models.escrow import EscrowHold, Instalment
from tradebridge.payments.models.ledger import LedgerAccount, LedgerTransaction, Posting
from tradebridge.payments.models.payouts import (
    CommissionRate,
    PaymentSettings,
    Payout,
    PayoutBatch,
)
from tradebridge.payments.models.receipts import (
    IncomingTransfer,
    ProviderEvent,
    ProviderPayment,
)

__all__ = [
    "OPEN_DISPUTE_STATUSES",
    "CommissionRate",
    "Dispute",
    "DisputeEvent",
    "DisputeEvidence",
    "EscrowHold",
    "IncomingTransfer",
    "Instalment",
    "LedgerAccount",
    "LedgerTransaction",
    "PaymentSettings",
    "Payout",
    "PayoutBatch",
    "Posting",
    "ProviderEvent",
    "ProviderPayment",
    "_evidence_path",  # named by migrations
]
