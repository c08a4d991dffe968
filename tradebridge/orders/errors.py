"""Errors of carts and checkout, with stable codes for the API (422, 409)."""

from tradebridge.core.errors import Conflict, DomainError, ValidationFailed


class CartEmpty(ValidationFailed):
    code = "cart_empty"
    default_message = "The cart is empty."


class CartInvalid(ValidationFailed):
    """details: `lines`: `[{"item_id", "code", ...the problem's details}]` (below_moq,
    not_order_multiple, sample_unavailable)."""

    code = "cart_invalid"
    default_message = "Some cart lines cannot be ordered as they are."


class CartFull(ValidationFailed):
    """details: `max_items`."""

    code = "cart_full"
    default_message = "The cart holds as many lines as it can."


class QuantityTooLarge(ValidationFailed):
    """details: `max_quantity`, `quantity`."""

    code = "quantity_too_large"
    default_message = "The quantity is larger than one order line may hold."


class OwnProduct(ValidationFailed):
    code = "own_product"
    default_message = "Your company cannot buy its own products."


class SampleUnavailable(ValidationFailed):
    code = "sample_unavailable"
    default_message = "This product is not offered as a sample."


class VariantRequired(ValidationFailed):
    code = "variant_required"
    default_message = "Choose one of this product's variants."


class ShipToRequired(ValidationFailed):
    code = "ship_to_required"
    default_message = "Give a ship-to address, or set a default shipping address first."


class PriceChanged(Conflict):
    """details: `lines`: `[{"item_id", "product_id", "variant_id", "old": money, "new": money}]`.
    The seen prices have been updated: the same checkout, sent again, goes through."""

    code = "price_changed"
    default_message = "Prices changed since you last saw them; review them and confirm again."


class ProductUnavailable(Conflict):
    """details: `item_ids`: the lines whose product is no longer sold (unpublished, or the
    supplier is not active). Remove them and confirm again."""

    code = "product_unavailable"
    default_message = "Some products in the cart are no longer available."


class CheckoutBusy(DomainError):
    """The embedded (SQLite) database stayed locked by other writers for longer than its busy
    timeout. Nothing was written; the same request may be sent again."""

    code = "busy"
    http_status = 503
    default_message = "Too many checkouts at once; try again in a moment."
