"""`{% dispute_panel %}`: the order page's dispute card (the page's `actor` and `order` in the
context): the order's open dispute, else its latest one; nothing when it never had one."""

from typing import Any

from django import template
from django.utils import timezone

from tradebridge.payments.dispute_selectors import dispute_latest_for_order
from tradebridge.payments.web.dispute_panel import dispute_panel_context

register = template.Library()


@register.inclusion_tag("payments/_dispute_panel_body.html", takes_context=True)
def dispute_panel(context: template.Context) -> dict[str, Any]:
    actor, order = context["actor"], context["order"]
    dispute = dispute_latest_for_order(company_id=actor.company_id, order_id=order.pk)
    if dispute is None:
        return {"dispute": None}
    request = context.get("request")
    return dispute_panel_context(actor, dispute, timezone.now()) | {
        "next": request.get_full_path() if request is not None else "",
        "csrf_token": context.get("csrf_token"),
    }
