"""What the orders models share: human-readable references, choice-field check constraints
and the ship-to snapshot fields."""

import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tradebridge.companies.iso_codes import validate_country_code

# Crockford-like base32 without look-alikes (no 0/O, 1/I/L, U): easy to read out on the phone.
_REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
_REFERENCE_LENGTH = 8


def _reference(prefix: str) -> str:
    body = "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(_REFERENCE_LENGTH))
    return f"{prefix}-{body}"


def new_purchase_reference() -> str:
    """A fresh purchase reference, e.g. `PUR-7KX2M9QH` (unique by constraint)."""
    return _reference("PUR")


def new_order_reference() -> str:
    """A fresh order reference, e.g. `ORD-Q4TN8WZ3` (unique by constraint)."""
    return _reference("ORD")


def choice_valid(
    field: str, choices: type[models.TextChoices], name: str, *, blank: bool = False
) -> models.CheckConstraint:
    condition = Q(**{f"{field}__in": choices.values})
    if blank:
        condition |= Q(**{field: ""})
    return models.CheckConstraint(condition=condition, name=name)


def not_negative(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(**{f"{field}__gte": 0}), name=name)


def percent_range(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": 0}) & Q(**{f"{field}__lte": 100}), name=name
    )


class ShipToSnapshot(models.Model):
    """The ship-to address copied onto a purchase or an order when it is placed."""

    ship_to_name = models.CharField(_("ship-to name"), max_length=200, blank=True)
    ship_to_line1 = models.CharField(_("address line 1"), max_length=200, blank=True)
    ship_to_line2 = models.CharField(_("address line 2"), max_length=200, blank=True)
    ship_to_city = models.CharField(_("city"), max_length=100, blank=True)
    ship_to_postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    ship_to_country = models.CharField(
        _("country"), max_length=2, blank=True, validators=[validate_country_code]
    )

    class Meta:
        abstract = True
