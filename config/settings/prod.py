"""Production hardening on top of base: HTTPS only, secrets required, real mail.

`tradebridge check --deploy` with these settings reports nothing.
"""

from config.settings.base import *  # noqa: F403
from config.settings.base import env

SECRET_KEY = env.str("SECRET_KEY")  # no default: refuse to start without one
DEBUG = False
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"

# No sandbox card payments in production: the sandbox marks escrow paid with play money. Card
# payments need Stripe's keys; without them buyers pay by bank transfer only. An operator who
# lists "sandbox" here anyway is warned by `tradebridge check --deploy`.
PAYMENT_PROVIDERS = env.list(
    "PAYMENT_PROVIDERS",
    default=["stripe"] if STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET else [],  # noqa: F405
)
