"""Choices of the payments domain: ledger accounts and transactions, escrow holds and
instalments, bank transfers, provider payments, disputes and payouts."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountKind(models.TextChoices):
    """What a ledger account holds. Only `world` (money outside the platform) may go negative."""

    WORLD = "world", _("Outside world (banks and providers)")
    UNAPPLIED_FUNDS = "unapplied_funds", _("Unapplied funds (held for review)")
    ESCROW = "escrow", _("Escrow (per order)")
    SUPPLIER_PAYABLE = "supplier_payable", _("Supplier payable")
    PLATFORM_COMMISSION = "platform_commission", _("Platform commission")
    BUYER_REFUNDS = "buyer_refunds", _("Refunds owed to a buyer")
    PAYOUTS_IN_TRANSIT = "payouts_in_transit", _("Payouts in transit")


class TransactionKind(models.TextChoices):
    """Why money moved (one ledger transaction, balanced per currency)."""

    PAYMENT_RECEIVED = "payment_received", _("Payment received")
    UNAPPLIED_RECEIVED = "unapplied_received", _("Unapplied payment received")
    UNAPPLIED_APPLIED = "unapplied_applied", _("Unapplied payment applied")
    ESCROW_RELEASE = "escrow_release", _("Escrow released")
    ESCROW_REFUND = "escrow_refund", _("Escrow refunded")
    REFUND_PAID_OUT = "refund_paid_out", _("Refund paid out")
    PAYOUT = "payout", _("Payout")
    ADJUSTMENT = "adjustment", _("Adjustment")


class EscrowStatus(models.TextChoices):
    """Where an order's escrow hold is (moves: `payments.transitions.ESCROW_TRANSITIONS`)."""

    AWAITING_FUNDS = "awaiting_funds", _("Awaiting funds")
    PARTIALLY_FUNDED = "partially_funded", _("Partially funded")
    FUNDED = "funded", _("Funded")
    RELEASED = "released", _("Released")
    PARTIALLY_REFUNDED = "partially_refunded", _("Partially refunded")
    REFUNDED = "refunded", _("Refunded")
    CLOSED = "closed", _("Closed")


class InstalmentKind(models.TextChoices):
    DEPOSIT = "deposit", _("Deposit")
    BALANCE = "balance", _("Balance")
    FULL = "full", _("Full payment")


class InstalmentStatus(models.TextChoices):
    """Moves: `payments.transitions.INSTALMENT_TRANSITIONS`."""

    PENDING = "pending", _("Pending")
    PARTIALLY_PAID = "partially_paid", _("Partially paid")
    PAID = "paid", _("Paid")
    CANCELLED = "cancelled", _("Cancelled")


class TransferSource(models.TextChoices):
    """Where a record of an incoming bank credit came from."""

    MANUAL = "manual", _("Entered by an operator")
    CSV = "csv", _("CSV statement")
    CAMT053 = "camt053", _("camt.053 statement")
    PROVIDER = "provider", _("Payment provider")


class TransferStatus(models.TextChoices):
    MATCHED = "matched", _("Matched")
    PARTIALLY_MATCHED = "partially_matched", _("Partially matched")
    UNMATCHED = "unmatched", _("Unmatched (held for review)")
    REFUNDED = "refunded", _("Refunded")


class PaymentProvider(models.TextChoices):
    SANDBOX = "sandbox", _("Sandbox")
    STRIPE = "stripe", _("Stripe")


class ProviderPaymentStatus(models.TextChoices):
    REQUIRES_PAYMENT = "requires_payment", _("Requires payment")
    PROCESSING = "processing", _("Processing")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")
    REFUNDED = "refunded", _("Refunded")


class DisputeReason(models.TextChoices):
    NOT_RECEIVED = "not_received", _("Not received")
    LATE = "late", _("Shipped late")
    NOT_AS_DESCRIBED = "not_as_described", _("Not as described")
    QUALITY = "quality", _("Quality problem")


class DisputeStatus(models.TextChoices):
    AWAITING_SUPPLIER = "awaiting_supplier", _("Awaiting the supplier")
    SUPPLIER_COUNTERED = "supplier_countered", _("Supplier counter-offered")
    ESCALATED = "escalated", _("Escalated to Tradebridge")
    RESOLVED = "resolved", _("Resolved")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class DisputeStage(models.TextChoices):
    """What a dispute's badge says: its status, with `supplier_countered` told apart by the
    supplier's response (a partial refund offered, or the claim contested). Derived, never
    stored: `payments.dispute_stages.dispute_stage`."""

    AWAITING_SUPPLIER = "awaiting_supplier", _("Awaiting the supplier")
    SUPPLIER_COUNTERED = "supplier_countered", _("Supplier counter-offered")
    SUPPLIER_CONTESTED = "supplier_contested", _("Supplier contested")
    ESCALATED = "escalated", _("Escalated to Tradebridge")
    RESOLVED = "resolved", _("Resolved")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class SupplierResponse(models.TextChoices):
    ACCEPT = "accept", _("Accepted")
    COUNTER = "counter", _("Counter-offered")
    CONTEST = "contest", _("Contested")


class DisputeResolution(models.TextChoices):
    FULL_REFUND = "full_refund", _("Full refund")
    PARTIAL_REFUND = "partial_refund", _("Partial refund")
    RELEASE = "release", _("Released to the supplier")


class PayoutBatchStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    PAID = "paid", _("Paid")


class PayoutStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    PAID = "paid", _("Paid")
    FAILED = "failed", _("Failed")


class EvidenceContentType(models.TextChoices):
    """What dispute evidence may be (sniffed from the bytes, never from the name)."""

    PDF = "application/pdf", "PDF"
    JPEG = "image/jpeg", "JPEG"
    PNG = "image/png", "PNG"
    WEBP = "image/webp", "WebP"
