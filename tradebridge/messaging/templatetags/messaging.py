"""Template tags of messaging: the navigation's unread count, a supplier's response figures,
and per-user attachment links. Each costs at most one query."""

from typing import Any

from django import template

from tradebridge.companies.models import Company, Membership
from tradebridge.messaging.downloads import attachment_link as signed_link
from tradebridge.messaging.models import MessageAttachment
from tradebridge.messaging.selectors import (
    NO_FIGURES,
    ResponseFigures,
    may_message,
    supplier_response_figures,
    unread_count_for_user,
)

register = template.Library()


@register.simple_tag
def can_message(membership: Membership | None) -> bool:
    """Whether the membership sees its company's threads (no query)."""
    return membership is not None and may_message(membership)


@register.simple_tag
def unread_messages(membership: Membership | None) -> int:
    """The user's unread messages in the company's threads (0 without a membership)."""
    if membership is None:
        return 0
    return unread_count_for_user(actor=membership)


@register.simple_tag
def supplier_response(supplier: Company) -> ResponseFigures:
    """The supplier's response rate (percent) and "replies within N h"; None when unknown."""
    return supplier_response_figures(supplier_ids=[supplier.pk]).get(supplier.pk, NO_FIGURES)


@register.simple_tag(takes_context=True)
def attachment_link(context: dict[str, Any], attachment: MessageAttachment) -> str:
    """A 10-minute download link for the signed-in user."""
    return signed_link(attachment_id=attachment.pk, user_id=context["request"].user.pk)
