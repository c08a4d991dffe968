"""Errors of quotes, counter-offers and deals, with stable codes for the API (409, 422, 429).

Input errors (a quote's terms) live beside their rules in `rfq.quote_rules`.
"""

from tradebridge.core.errors import Conflict, RateLimited, ValidationFailed


class QuoteAlreadySubmitted(Conflict):
    """details: `quote_id`: the supplier's quote on this RFQ, to revise instead."""

    code = "quote_exists"
    default_message = "You have already quoted on this RFQ: revise your quote instead."


class RFQNotTakingQuotes(Conflict):
    """details: `reason` "status" and the `status` when the RFQ is not open; none when its
    quote cap is reached (the cap would tell how many quotes came in)."""

    code = "rfq_not_taking_quotes"
    default_message = "This RFQ no longer takes quotes."


class QuoteLimitReached(RateLimited):
    """details: `limit`: quotes a supplier may send per day (operator setting)."""

    code = "quote_limit_reached"
    default_message = "Your company has sent as many quotes as allowed today."


class QuoteChanged(Conflict):
    """details: `expected`, `current`: the revision the buyer saw and the current one."""

    code = "quote_changed"
    default_message = "The quote was revised since you saw it: review the new terms."


class QuoteValidityExpired(Conflict):
    """details: `valid_until`."""

    code = "quote_validity_expired"
    default_message = "The quote's validity has passed."


class CounterOfferPending(Conflict):
    """details: `counter_offer_id`: the open counter-offer of this quote."""

    code = "counter_offer_open"
    default_message = "This quote already has an open counter-offer."


class DealQuantityBelowMoq(ValidationFailed):
    """details: `moq`, `quantity`."""

    code = "below_moq"
    default_message = "The quantity is below the quote's minimum order quantity."


class InvalidCounterOffer(ValidationFailed):
    """details: `field`: target_unit_price, currency, quantity, terms."""

    code = "invalid_counter_offer"
    default_message = "The counter-offer is not valid."
