"""Reads of provider payments, scoped to the buyer company that owes the instalment.

Another company's instalment or payment answers NotFound, as one that does not exist."""

from dataclasses import dataclass
from uuid import UUID

from django.db.models import QuerySet
from django.utils.translation import get_language

from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import Permission, has_permission
from tradebridge.core.errors import NotFound
from tradebridge.core.money import Money
from tradebridge.payments.enums import (
    InstalmentKind,
    InstalmentStatus,
    PaymentProvider,
    ProviderPaymentStatus,
)
from tradebridge.payments.models import Instalment, ProviderPayment
from tradebridge.payments.providers.registry import providers_enabled

PAYABLE_INSTALMENT_STATUSES = (InstalmentStatus.PENDING, InstalmentStatus.PARTIALLY_PAID)
# Payable again at the provider: a declined card may be retried on the same payment.
LIVE_PAYMENT_STATUSES = (
    ProviderPaymentStatus.REQUIRES_PAYMENT,
    ProviderPaymentStatus.PROCESSING,
    ProviderPaymentStatus.FAILED,
)


def instalment_get_for_buyer(
    *, actor: Membership, order_id: UUID, instalment_id: UUID
) -> Instalment:
    """The instalment of `order_id`'s escrow hold, if the actor's company is its buyer."""
    instalment = (
        Instalment.objects.select_related("hold")
        .filter(pk=instalment_id, hold__order_id=order_id, hold__buyer_id=actor.company_id)
        .first()
    )
    if instalment is None:
        raise NotFound()
    return instalment


def provider_payment_get_for_buyer(*, actor: Membership, payment_id: UUID) -> ProviderPayment:
    """One of the actor's company's provider payments (by our id), with its instalment and hold."""
    payment = (
        ProviderPayment.objects.select_related("instalment__hold")
        .filter(pk=payment_id, instalment__hold__buyer_id=actor.company_id)
        .first()
    )
    if payment is None:
        raise NotFound()
    return payment


def provider_payment_find(*, provider: str, provider_payment_id: str) -> ProviderPayment | None:
    """The payment the provider calls `provider_payment_id`, or None (no actor: webhooks)."""
    return (
        ProviderPayment.objects.select_related("instalment__hold")
        .filter(provider=provider, provider_payment_id=provider_payment_id)
        .first()
    )


def instalments_payable_by_card(*, company_id: UUID, order_id: UUID) -> QuerySet[Instalment]:
    """The order's instalments the buyer company may still pay by card, in plan order."""
    return Instalment.objects.filter(
        hold__order_id=order_id, hold__buyer_id=company_id, status__in=PAYABLE_INSTALMENT_STATUSES
    ).order_by("position")


def provider_payment_live(*, instalment_id: UUID, provider: str) -> ProviderPayment | None:
    """The newest payment of the instalment at `provider` the buyer may still pay."""
    return (
        ProviderPayment.objects.filter(
            instalment_id=instalment_id, provider=provider, status__in=LIVE_PAYMENT_STATUSES
        )
        .order_by("-created_at")
        .first()
    )


def provider_payment_get_by_provider_id_for_buyer(
    *, actor: Membership, provider: str, provider_payment_id: str
) -> ProviderPayment:
    """The actor's company's payment that `provider` calls `provider_payment_id`."""
    payment = (
        ProviderPayment.objects.select_related("instalment__hold")
        .filter(
            provider=provider,
            provider_payment_id=provider_payment_id,
            instalment__hold__buyer_id=actor.company_id,
        )
        .first()
    )
    if payment is None:
        raise NotFound()
    return payment


@dataclass(frozen=True, slots=True)
class CardPayable:
    instalment_id: UUID
    kind_label: str
    reference: str
    amount_due: Money
    amount_text: str  # formatted for the active language


@dataclass(frozen=True, slots=True)
class CardPaymentPanel:
    """The context of `payments/order_card_payment.html`: what the actor may pay by card on
    the order now. `provider` is the one the web form uses (the sandbox), None when no
    browser-usable provider is enabled."""

    order_id: UUID
    provider: str | None
    instalments: list[CardPayable]


def card_payment_panel_for_member(*, actor: Membership, order_id: UUID) -> CardPaymentPanel:
    """Empty for a supplier, a viewer or any role without PLACE_ORDERS, and for another
    company's order (the order page already answered 404 for that)."""
    provider = PaymentProvider.SANDBOX if PaymentProvider.SANDBOX in providers_enabled() else None
    if provider is None or not has_permission(actor, Permission.PLACE_ORDERS):
        return CardPaymentPanel(order_id=order_id, provider=provider, instalments=[])
    # A balance has no due date until it falls due (production done, shipment, delivery):
    # the page offers what is due, not what will be.
    rows = instalments_payable_by_card(company_id=actor.company_id, order_id=order_id).filter(
        due_at__isnull=False
    )
    return CardPaymentPanel(
        order_id=order_id, provider=provider, instalments=[_payable(row) for row in rows]
    )


def _payable(instalment: Instalment) -> CardPayable:
    due = Money(instalment.amount - instalment.paid_amount, instalment.currency)
    return CardPayable(
        instalment_id=instalment.pk,
        kind_label=str(InstalmentKind(instalment.kind).label),
        reference=instalment.reference,
        amount_due=due,
        amount_text=due.format(get_language() or "en"),
    )
