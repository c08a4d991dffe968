"""Deployment checks of sign-in protection (`tradebridge check --deploy`)."""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Tags, register
from django.core.checks import Warning as CheckWarning


@register(Tags.security, deploy=True)
def trusted_proxies_check(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    """Behind a proxy (the production settings trust its X-Forwarded-Proto) with no trusted
    proxy count, every visitor has the proxy's address: one address's sign-in limit is all."""
    behind_a_proxy = bool(getattr(settings, "SECURE_PROXY_SSL_HEADER", None))
    told_who_the_client_is = bool(
        getattr(settings, "ALLAUTH_TRUSTED_PROXY_COUNT", 0)
        or getattr(settings, "ALLAUTH_TRUSTED_CLIENT_IP_HEADER", None)
    )
    if not behind_a_proxy or told_who_the_client_is:
        return []
    return [
        CheckWarning(
            "Sign-in limits count every visitor as the proxy's address.",
            hint="Set TRUSTED_PROXY_COUNT to the number of proxies in front (docs/deployment.md).",
            id="accounts.W001",
        )
    ]
