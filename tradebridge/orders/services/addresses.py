"""A company's shipping addresses: add one, make one the default, and resolve the ship-to of a
checkout (given, or the company's default)."""

import uuid
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet

from tradebridge.companies.iso_codes import COUNTRY_CODES
from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import Permission, ensure_can
from tradebridge.core.errors import NotFound, ValidationFailed
from tradebridge.orders.errors import ShipToRequired
from tradebridge.orders.models import ShippingAddress

_LIMITS = {"name": 200, "line1": 200, "line2": 200, "city": 100, "postal_code": 20}


@dataclass(frozen=True, slots=True)
class ShipTo:
    """A delivery address as a checkout or an order takes it."""

    name: str
    line1: str
    city: str
    country: str
    line2: str = ""
    postal_code: str = ""

    def snapshot(self) -> dict[str, str]:
        """The `ship_to_*` fields of a purchase or an order."""
        return {
            "ship_to_name": self.name,
            "ship_to_line1": self.line1,
            "ship_to_line2": self.line2,
            "ship_to_city": self.city,
            "ship_to_postal_code": self.postal_code,
            "ship_to_country": self.country,
        }


def ship_to_clean(ship_to: ShipTo) -> ShipTo:
    """The address trimmed, the country upper-cased. Raises ValidationFailed (`field`) for a
    missing name, line 1 or city, a field too long, or a country that is not ISO 3166."""
    values = {name: getattr(ship_to, name).strip() for name in (*_LIMITS, "country")}
    values["country"] = values["country"].upper()
    for name in ("name", "line1", "city"):
        if not values[name]:
            raise ValidationFailed(f"The {name} of the address is required.", field=name)
    for name, limit in _LIMITS.items():
        if len(values[name]) > limit:
            raise ValidationFailed(f"The {name} is too long.", field=name, max_length=limit)
    if values["country"] not in COUNTRY_CODES:
        raise ValidationFailed("Not an ISO 3166 country code.", field="country")
    return ShipTo(**values)


def ship_to_for_checkout(actor: Membership, ship_to: ShipTo | None) -> ShipTo:
    """The given address (cleaned), or the company's default one. Raises ShipToRequired."""
    if ship_to is not None:
        return ship_to_clean(ship_to)
    default = ShippingAddress.objects.filter(company_id=actor.company_id, is_default=True).first()
    if default is None:
        raise ShipToRequired()
    return _ship_to_of(default)


def shipping_address_list_for_company(*, actor: Membership) -> QuerySet[ShippingAddress]:
    """The actor's company's addresses, the default first (none for an inactive member)."""
    if not actor.is_active:
        return ShippingAddress.objects.none()
    return ShippingAddress.objects.filter(company_id=actor.company_id).order_by(
        "-is_default", "created_at", "id"
    )


def shipping_address_add(
    *, actor: Membership, address: ShipTo, is_default: bool = False
) -> ShippingAddress:
    """Add an address to the actor's company; the company's first address is its default.
    Raises PermissionDenied (PLACE_ORDERS) or ValidationFailed."""
    ensure_can(actor, Permission.PLACE_ORDERS)
    clean = ship_to_clean(address)
    with transaction.atomic():
        first = not ShippingAddress.objects.filter(company_id=actor.company_id).exists()
        if is_default and not first:
            _default_clear(actor.company_id)
        return ShippingAddress.objects.create(
            company_id=actor.company_id,
            name=clean.name,
            line1=clean.line1,
            line2=clean.line2,
            city=clean.city,
            postal_code=clean.postal_code,
            country=clean.country,
            is_default=is_default or first,
        )


def shipping_address_set_default(*, actor: Membership, address_id: uuid.UUID) -> ShippingAddress:
    """Make one of the company's addresses its default. Raises PermissionDenied, NotFound
    (not the company's). Idempotent."""
    ensure_can(actor, Permission.PLACE_ORDERS)
    with transaction.atomic():
        address = (
            ShippingAddress.objects.select_for_update()
            .filter(pk=address_id, company_id=actor.company_id)
            .first()
        )
        if address is None:
            raise NotFound(address_id=str(address_id))
        _default_clear(actor.company_id)
        address.is_default = True
        address.save(update_fields=["is_default", "updated_at"])
    return address


def _default_clear(company_id: uuid.UUID) -> None:
    ShippingAddress.objects.filter(company_id=company_id, is_default=True).update(is_default=False)


def _ship_to_of(address: ShippingAddress) -> ShipTo:
    return ShipTo(
        name=address.name,
        line1=address.line1,
        line2=address.line2,
        city=address.city,
        postal_code=address.postal_code,
        country=address.country,
    )
