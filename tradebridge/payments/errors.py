"""Errors of the payments domain, with stable codes for the API (404, 409, 422).

A currency other than the instalment's or the hold's is `core.money.CurrencyMismatch`
(422 `currency_mismatch`); an amount finer than the currency's minor unit is
`core.money.InvalidAmount` (422 `invalid_amount`).
"""

from tradebridge.core.errors import Conflict, NotFound, ValidationFailed


class EscrowNotFound(NotFound):
    """details: `order_id`. No escrow hold for this order."""

    default_message = "No escrow hold for this order."


class InstalmentNotFound(NotFound):
    default_message = "No such instalment."


class EscrowInsufficient(Conflict):
    """details: `held`, `requested`, `currency`. A release or refund asked for more than the
    escrow holds (also when nothing is held)."""

    code = "escrow_insufficient"
    default_message = "The escrow does not hold that much."


class LedgerInsufficientFunds(Conflict):
    """details: `account_id`, `kind`, `balance`, `change`. A posting would take an account
    other than `world` below zero."""

    code = "ledger_insufficient_funds"
    default_message = "The account does not hold enough for this transaction."


class LedgerKeyConflict(Conflict):
    """details: `key`, `existing_kind`, `kind`. The idempotency key was already used for a
    different kind of transaction or another currency or order."""

    code = "ledger_key_conflict"
    default_message = "This ledger key was already used for another transaction."


class LedgerUnbalanced(ValidationFailed):
    """details: `sum`. The postings of a transaction do not sum to zero, are empty, or mix
    currencies: a programming error, refused before anything is written."""

    code = "ledger_unbalanced"
    default_message = "The postings of a ledger transaction must balance."


class InvalidPaymentPlan(ValidationFailed):
    """details: `field`. A deposit or commission percent outside 0..100, or a total that is not
    positive."""

    code = "invalid_payment_plan"
    default_message = "The payment plan is not valid."


class InstalmentNotPayable(Conflict):
    """details: `instalment_id`, `status`. Unapplied funds can be applied only to an
    instalment that is still pending or partly paid."""

    code = "instalment_not_payable"
    default_message = "This instalment takes no more payments."
