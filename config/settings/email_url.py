"""Turn `EMAIL_URL` into a Django 6.1 `MAILERS` entry.

`console://` prints mail (embedded default), `locmem://` keeps it in memory (tests),
`smtp://user:pass@host:587` sends with STARTTLS, `smtps://user:pass@host:465` with TLS.
"""

from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

_DEV_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
    "dummy": "django.core.mail.backends.dummy.EmailBackend",
}
_SMTP = "django.core.mail.backends.smtp.EmailBackend"


def mailer_from_url(url: str) -> dict[str, Any]:
    """Return the MAILERS entry for `url`; raise ValueError on an unknown scheme."""
    parts = urlsplit(url)
    if parts.scheme in _DEV_BACKENDS:
        return {"BACKEND": _DEV_BACKENDS[parts.scheme]}
    if parts.scheme not in {"smtp", "smtps"}:
        raise ValueError(f"EMAIL_URL: unsupported scheme {parts.scheme!r}")
    query = parse_qs(parts.query)
    options: dict[str, Any] = {
        "host": parts.hostname or "localhost",
        "port": parts.port,
        "username": unquote(parts.username) if parts.username else None,
        "password": unquote(parts.password) if parts.password else None,
        "use_ssl": parts.scheme == "smtps",
        "use_tls": parts.scheme == "smtp" and query.get("tls", ["1"])[0] != "0",
        "timeout": 10,
    }
    return {"BACKEND": _SMTP, "OPTIONS": {k: v for k, v in options.items() if v is not None}}
