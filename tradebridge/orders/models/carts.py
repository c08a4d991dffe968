"""A member's cart and its items, and the company's shipping addresses."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tradebridge.companies.iso_codes import validate_country_code, validate_currency_code
from tradebridge.core.models import TimeStampedModel
from tradebridge.orders.models.base import not_negative


class Cart(TimeStampedModel):
    """One cart per membership: what a member of a buyer company is about to buy."""

    membership = models.OneToOneField(
        "companies.Membership", on_delete=models.CASCADE, related_name="cart"
    )

    class Meta:
        verbose_name = _("cart")
        verbose_name_plural = _("carts")

    def __str__(self) -> str:
        return f"cart of {self.membership_id}"


class CartItem(models.Model):
    """A line of a cart. `unit_price_seen`/`currency_seen`/`stock_seen` are what the buyer was
    last shown (when added or last reviewed): checkout compares them with the catalog and
    refuses with `price_changed` until the buyer has seen the new price.

    A sample line (`is_sample`) buys `quantity` samples at the product's sample price, no MOQ.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    cart = models.ForeignKey(Cart, on_delete=models.CASCADE, related_name="items")
    product = models.ForeignKey(
        "catalog.Product", on_delete=models.CASCADE, related_name="cart_items"
    )
    variant = models.ForeignKey(
        "catalog.ProductVariant",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="cart_items",
    )
    quantity = models.PositiveIntegerField(_("quantity"))
    is_sample = models.BooleanField(_("sample"), default=False)
    unit_price_seen = models.DecimalField(_("unit price seen"), max_digits=20, decimal_places=4)
    currency_seen = models.CharField(
        _("currency seen"), max_length=3, validators=[validate_currency_code]
    )
    stock_seen = models.PositiveIntegerField(_("stock seen"), null=True, blank=True)
    added_at = models.DateTimeField(_("added at"), default=timezone.now)

    class Meta:
        verbose_name = _("cart item")
        verbose_name_plural = _("cart items")
        ordering = ("cart", "added_at", "id")
        constraints = (
            # Two partial constraints, because NULL variants never collide in a plain one.
            models.UniqueConstraint(
                fields=("cart", "product", "variant", "is_sample"),
                condition=Q(variant__isnull=False),
                name="orders_cartitem_unique_variant",
            ),
            models.UniqueConstraint(
                fields=("cart", "product", "is_sample"),
                condition=Q(variant__isnull=True),
                name="orders_cartitem_unique_product",
            ),
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="orders_cartitem_quantity_positive"
            ),
            not_negative("unit_price_seen", "orders_cartitem_price_not_negative"),
        )

    def __str__(self) -> str:
        return f"{self.quantity} x {self.product_id}"


class ShippingAddress(TimeStampedModel):
    """A company's delivery address; the default one is used when a checkout gives none."""

    company = models.ForeignKey(
        "companies.Company", on_delete=models.CASCADE, related_name="shipping_addresses"
    )
    name = models.CharField(_("name"), max_length=200)
    line1 = models.CharField(_("address line 1"), max_length=200)
    line2 = models.CharField(_("address line 2"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    country = models.CharField(_("country"), max_length=2, validators=[validate_country_code])
    is_default = models.BooleanField(_("default"), default=False)

    class Meta:
        verbose_name = _("shipping address")
        verbose_name_plural = _("shipping addresses")
        ordering = ("company", "-is_default", "created_at", "id")
        constraints = (
            models.UniqueConstraint(
                fields=("company",),
                condition=Q(is_default=True),
                name="orders_shippingaddress_one_default",
            ),
        )

    def __str__(self) -> str:
        return f"{self.name}, {self.city} ({self.country})"
