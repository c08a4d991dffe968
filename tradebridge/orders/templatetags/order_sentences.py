"""`{% filter full_stop %}...{% endfilter %}`: sentences that end with a date or a time end
with one full stop. English times read "5 p.m.", so "Ships by Dec. 8, 2026, 5 p.m." would
otherwise end with two; an ellipsis ("...") is left alone."""

import re

from django import template

register = template.Library()

_DOUBLE_STOP = re.compile(r"(?<!\.)\.\.(?!\.)")


@register.filter(is_safe=True)
def full_stop(text: str) -> str:
    """The text with every doubled full stop made one."""
    return _DOUBLE_STOP.sub(".", text)
