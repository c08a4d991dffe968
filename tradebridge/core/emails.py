"""Every e-mail the platform sends: one branded layout, rendered in the recipient's language,
with absolute links on the site's base URL, from the operator's sender (`DEFAULT_FROM_EMAIL`).

An e-mail is three templates named from one prefix, as allauth names its own:
`<prefix>_subject.txt`, `<prefix>_message.txt` (the plain text part) and, optionally,
`<prefix>_message.html` (extending `emails/layout.html`); without it the HTML part is the text
part inside the layout, its links made clickable. Links sit on lines of their own in the text
part and are never folded (see `BrandedEmail`).

The base URL of links: the current request's scheme and host when a request is being served
(its host already passed ALLOWED_HOSTS), else `SITE_URL`. A task runs outside the request, so
whoever enqueues an e-mail task passes `current_request_base_url()` along with the ids.
"""

import email.policy
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from email.message import EmailMessage as PythonEmailMessage
from email.message import Message
from email.policy import Policy
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation

# RFC 5322 allows lines of 998 characters; folding at 78 would split long links in two.
_UNFOLDED_LINES = 998
_request_base_url: ContextVar[str] = ContextVar("request_base_url", default="")


class BrandedEmail(EmailMultiAlternatives):
    """A message whose body lines are not folded at 78 characters: a short line stays 7bit or
    8bit text, so a long link reads whole in every client and in the console backend."""

    # The annotation is a string: email.message.Message is not subscriptable at run time.
    def message(self, *, policy: "Policy[Message[str, str]] | None" = None) -> PythonEmailMessage:
        unfolded = (policy or email.policy.default).clone(max_line_length=_UNFOLDED_LINES)
        message: PythonEmailMessage = super().message(policy=unfolded)
        return message


def site_base_url() -> str:
    """`scheme://host[:port]` of links: the request being served, else SITE_URL."""
    return _request_base_url.get() or str(settings.SITE_URL).rstrip("/")


def current_request_base_url() -> str:
    """The base of links of the request being served, or "" outside one. Pass this (not
    `site_base_url()`) to an e-mail task, so that outside a request the task uses the SITE_URL
    of the process that sends it (`tradebridge serve` sets it for its worker)."""
    return _request_base_url.get()


@contextmanager
def request_base_url(base_url: str) -> Iterator[None]:
    """Make `base_url` the base of links while serving one request."""
    token = _request_base_url.set(base_url.rstrip("/"))
    try:
        yield
    finally:
        _request_base_url.reset(token)


def email_language(preferred: str) -> str:
    """The language to write in: the recipient's preference when the site speaks it."""
    return preferred if preferred in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def email_send(
    *,
    to: str,
    language: str,
    template: str,
    context: Mapping[str, Any],
    base_url: str | None = None,
    subject_prefix: str = "",
) -> None:
    """Render `template` (a prefix, see the module doc) in `language` and send it to `to`.

    `context` gains `base_url`, `site_name` and `email`. Raises TemplateDoesNotExist when the
    subject or text template is missing; sending errors propagate (a task retries).
    """
    full_context = {
        "site_name": "Tradebridge",
        "email": to,
        **context,
        "base_url": (base_url or site_base_url()).rstrip("/"),
    }
    with translation.override(email_language(language)):
        subject = " ".join(render_to_string(f"{template}_subject.txt", full_context).split())
        text = render_to_string(f"{template}_message.txt", full_context).strip()
        html = _render_html(template, full_context, text)
    message = BrandedEmail(
        subject=f"{subject_prefix}{subject}",
        body=f"{text}\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
    )
    message.attach_alternative(html, "text/html")
    message.send()


def _render_html(template: str, context: Mapping[str, Any], text: str) -> str:
    try:
        return render_to_string(f"{template}_message.html", context)
    except TemplateDoesNotExist:
        return render_to_string("emails/from_text.html", {**context, "text": text})
