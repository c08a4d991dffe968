"""A supplier's default payment terms for cart orders (deals carry their own)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tradebridge.core.models import TimeStampedModel
from tradebridge.orders.enums import BalanceDue
from tradebridge.orders.models.base import percent_range


class SupplierTerms(TimeStampedModel):
    """What a supplier asks of cart orders: `deposit_percent` of the total into escrow before
    production, the balance when `balance_due` says. No row means full prepayment (100 %,
    before shipment). Written only by `orders.services.terms`."""

    company = models.OneToOneField(
        "companies.Company", on_delete=models.CASCADE, related_name="supplier_terms"
    )
    deposit_percent = models.DecimalField(_("deposit percent"), max_digits=5, decimal_places=2)
    balance_due = models.CharField(
        _("balance due"),
        max_length=24,
        choices=BalanceDue.choices,
        default=BalanceDue.BEFORE_SHIPMENT,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("supplier payment terms")
        verbose_name_plural = _("supplier payment terms")
        constraints = (
            percent_range("deposit_percent", "orders_supplierterms_deposit_range"),
            models.CheckConstraint(
                condition=Q(balance_due__in=BalanceDue.values),
                name="orders_supplierterms_balance_due_valid",
            ),
        )

    def __str__(self) -> str:
        return f"{self.deposit_percent} % / {self.balance_due} ({self.company_id})"
