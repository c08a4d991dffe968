"""Deployment checks of payments (`tradebridge check --deploy`)."""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Tags, register
from django.core.checks import Warning as CheckWarning


@register(Tags.security, deploy=True)
def sandbox_provider_check(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    """The sandbox provider lets any buyer mark escrow paid with play money: never live."""
    if "sandbox" not in getattr(settings, "PAYMENT_PROVIDERS", []):
        return []
    return [
        CheckWarning(
            "The sandbox card payment provider is enabled: buyers can pay with play money.",
            hint="Leave 'sandbox' out of PAYMENT_PROVIDERS in production (docs/deployment.md).",
            id="payments.W001",
        )
    ]
