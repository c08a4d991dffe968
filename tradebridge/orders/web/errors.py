"""The services' refusals as sentences in the reader's language, by their stable `code` (the
services' own messages are the API's English)."""

from django.utils.translation import gettext as _

from tradebridge.core.errors import DomainError


def _sentences() -> dict[str, str]:
    """Built per call: gettext must run in the reader's active language."""
    return {
        "invalid_quantity": _("Enter a whole number of at least 1."),
        "below_moq": _("The minimum order is %(moq)s."),
        "not_order_multiple": _(
            "Order in multiples of %(order_multiple)s; the nearest quantity is %(nearest)s."
        ),
        "insufficient_stock": _("Not enough stock: %(available)s left."),
        "quantity_too_large": _("This quantity is larger than one line may hold."),
        "cart_full": _("Your cart is full: check out or remove some lines first."),
        "cart_empty": _("Your cart is empty."),
        "cart_invalid": _("Some lines cannot be ordered as they are: fix them in the cart."),
        "own_product": _("Your company cannot buy its own products."),
        "sample_unavailable": _("This product is not offered as a sample."),
        "variant_required": _("Choose one of the variants."),
        "ship_to_required": _("Give a ship-to address."),
        "price_changed": _("Prices changed since you last saw them: check them and confirm again."),
        "product_unavailable": _("Some products are no longer available: remove them first."),
        "invalid_transition": _("This is no longer possible in the order's current status."),
        "protection_window_closed": _("The buyer protection window of this order has closed."),
        "permission_denied": _("Your role in the company does not allow this."),
        "not_found": _("This no longer exists."),
        "idempotency_request_in_progress": _(
            "Your order is already being placed: look at My orders in a moment."
        ),
        "idempotency_key_reused": _(
            "This checkout form was already sent with other details: reload the page."
        ),
    }


def error_text(error: DomainError) -> str:
    """A translated sentence for the error's code, its details filled in; the service's
    message for a code this page does not know."""
    sentence = _sentences().get(error.code)
    if sentence is None:
        return error.message
    try:
        return sentence % error.details if "%(" in sentence else sentence
    except (KeyError, TypeError, ValueError):
        return error.message
