"""Errors of disputes, with stable codes for the API (409, 422)."""

from tradebridge.core.errors import Conflict, ValidationFailed


class DisputeAlreadyOpen(Conflict):
    """details: `order_id`, `dispute_id`. The order already has an open dispute."""

    code = "dispute_already_open"
    default_message = "This order already has an open dispute."


class RefundExceedsHeld(ValidationFailed):
    """details: `held`, `requested`, `currency`. A requested, counter-offered or decided
    refund is more than the escrow holds for the order (never more than was paid)."""

    code = "refund_exceeds_held"
    default_message = "The refund cannot be more than the escrow holds for this order."


class DisputeResponseLate(Conflict):
    """details: `respond_by`. The supplier's time to counter-offer or contest has passed."""

    code = "dispute_response_late"
    default_message = "The time to answer this dispute has passed."


class DisputeEscalationEarly(Conflict):
    """details: `respond_by`. The supplier may still answer: escalation opens at `respond_by`."""

    code = "dispute_escalation_early"
    default_message = "The supplier still has time to answer; escalate from the deadline on."


class DisputeNoCounterOffer(Conflict):
    """The supplier made no counter-offer that the buyer could accept (it contested)."""

    code = "dispute_no_counter_offer"
    default_message = "There is no counter-offer to accept."
