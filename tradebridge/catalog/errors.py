"""Errors of the catalog, with stable codes for the API (422 ValidationFailed, 409 Conflict)."""

from tradebridge.core.errors import Conflict, ValidationFailed


class InvalidQuantity(ValidationFailed):
    code = "invalid_quantity"
    default_message = "The quantity must be a whole number of at least 1."


class BelowMinimumOrder(ValidationFailed):
    """details: `moq`, `quantity`."""

    code = "below_moq"
    default_message = "The quantity is below the minimum order quantity."


class NotOrderMultiple(ValidationFailed):
    """details: `order_multiple`, `quantity`, `nearest` (the next valid quantity up)."""

    code = "not_order_multiple"
    default_message = "The quantity must be a multiple of the order multiple."


class InvalidPriceTiers(ValidationFailed):
    """details: `field` ("tiers"), `index` of the offending tier when there is one."""

    code = "invalid_price_tiers"
    default_message = "The price tiers are not valid."


class InvalidLeadTime(ValidationFailed):
    """details: `field` ("lead_time_steps"), `index` of the offending step."""

    code = "invalid_lead_time"
    default_message = "The lead times are not valid."


class DuplicateSku(Conflict):
    """details: `field` ("sku" or "variants"), `sku`: already used by another product or
    variant of the same supplier."""

    code = "duplicate_sku"
    default_message = "This SKU is already used by another product or variant of yours."


class InsufficientStock(Conflict):
    """details: `product_id`, `variant_id` (None for a product without variants), `requested`,
    `available` (what is left now)."""

    code = "insufficient_stock"
    default_message = "Not enough stock is left for this product."
