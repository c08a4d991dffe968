"""Which providers are enabled (settings `PAYMENT_PROVIDERS`) and how each is built.

`PAYMENT_PROVIDERS` lists names among `PaymentProvider` (sandbox, stripe); Stripe also needs
`STRIPE_SECRET_KEY` and `STRIPE_WEBHOOK_SECRET` (and `STRIPE_API_BASE`, Stripe's address by
default). The sandbox signs with `PAYMENTS_SANDBOX_SECRET`, or when it is empty with a key
derived from `SECRET_KEY` (read when used, so a deployment's own SECRET_KEY counts).
"""

import hashlib
import hmac

from django.conf import settings

from tradebridge.payments.enums import PaymentProvider as ProviderName
from tradebridge.payments.providers.base import PaymentProvider, ProviderNotEnabled
from tradebridge.payments.providers.sandbox import SandboxProvider, sandbox_page_url
from tradebridge.payments.providers.stripe import StripeProvider


def providers_enabled() -> list[str]:
    """The enabled provider names, in settings order, known ones only."""
    known = set(ProviderName.values)
    return [name for name in settings.PAYMENT_PROVIDERS if name in known]


def provider_get(name: str) -> PaymentProvider:
    """The adapter for `name`. Raises ProviderNotEnabled (404) for an unknown or disabled one,
    and for Stripe without its keys."""
    if name not in providers_enabled():
        raise ProviderNotEnabled(provider=name)
    if name == ProviderName.SANDBOX:
        return SandboxProvider(secret=_sandbox_secret())
    if not (settings.STRIPE_SECRET_KEY and settings.STRIPE_WEBHOOK_SECRET):
        raise ProviderNotEnabled(provider=name)
    return StripeProvider(
        secret_key=settings.STRIPE_SECRET_KEY,
        webhook_secret=settings.STRIPE_WEBHOOK_SECRET,
        api_base=settings.STRIPE_API_BASE,
    )


def sandbox_provider() -> SandboxProvider:
    """The sandbox adapter itself (its page calls `decide`). Raises ProviderNotEnabled."""
    provider = provider_get(ProviderName.SANDBOX)
    if not isinstance(provider, SandboxProvider):  # provider_get builds the sandbox itself
        raise TypeError(type(provider).__name__)
    return provider


def redirect_url_for(*, provider: str, provider_payment_id: str) -> str:
    """Where the buyer pays a payment in the browser: the sandbox's page; "" for Stripe
    (the client confirms with the client secret and Stripe.js)."""
    if provider == ProviderName.SANDBOX:
        return sandbox_page_url(provider_payment_id)
    return ""


def _sandbox_secret() -> str:
    if settings.PAYMENTS_SANDBOX_SECRET:
        return str(settings.PAYMENTS_SANDBOX_SECRET)
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, b"tradebridge.payments.sandbox", hashlib.sha256).hexdigest()
