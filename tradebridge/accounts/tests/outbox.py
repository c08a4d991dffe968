"""Reading the links out of e-mails in the test outbox (locmem backend)."""

import re

from django.core import mail

_LINK = re.compile(r"https?://[^/\s]+(/\S*)")


def link_in_email(*, prefix: str, index: int = 0) -> str | None:
    """The path of the first link starting with `prefix` in e-mail `index`, or None."""
    paths = _LINK.findall(str(mail.outbox[index].body))
    return next((path for path in paths if path.startswith(prefix)), None)
