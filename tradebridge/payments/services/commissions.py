"""The platform's commission for an order: the rate of its category or the nearest ancestor
that has one, else the default (a CommissionRate without category, else the operator's
`PaymentSettings.default_commission_percent`, 3.00 % out of the box)."""

from decimal import Decimal

from tradebridge.catalog.models import Category
from tradebridge.payments.models import CommissionRate
from tradebridge.payments.selectors import payment_settings

_MAX_DEPTH = 32  # the taxonomy is 7 levels deep; a guard against a cycle in bad data


def commission_percent_for(category_id: int | None) -> Decimal:
    """The commission percent for a product of `category_id` (None: uncategorised)."""
    rates: dict[int | None, Decimal] = dict(
        CommissionRate.objects.values_list("category_id", "percent")
    )
    current = category_id
    for _level in range(_MAX_DEPTH):
        if current is None:
            break
        if current in rates:
            return rates[current]
        current = Category.objects.filter(pk=current).values_list("parent_id", flat=True).first()
    if None in rates:
        return rates[None]
    return payment_settings().default_commission_percent
