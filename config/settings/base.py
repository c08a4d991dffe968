"""Settings for every deployment, read from the environment (12-factor).

The defaults are the embedded deployment: SQLite under var/, tasks in the database,
e-mail printed to the console. The scale-out deployment sets DATABASE_URL, REDIS_URL,
CELERY_BROKER_URL and TASKS_BACKEND=celery (see docs/deployment.md).
"""

from pathlib import Path

import environ
from django.utils.csp import CSP

from config.settings.email_url import mailer_from_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(environ.Env().str("TRADEBRIDGE_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()

SECRET_KEY = env.str(
    "SECRET_KEY", default="embedded-demo-only-set-SECRET_KEY-in-production-0123456789"
)
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "config.apps.OperationsAdminConfig",  # django.contrib.admin with the back-office home
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks_db",
    "tradebridge.core",
    "tradebridge.accounts",
    "tradebridge.companies",
    "tradebridge.webhooks",
    "tradebridge.catalog",
    "tradebridge.payments",
    "tradebridge.orders",
    "tradebridge.messaging",
    "tradebridge.rfq",
    "tradebridge.search",
    "tradebridge.demo",
    # Last: installs the cross-app event handler map once every app is loaded.
    "config.apps.ProjectConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "tradebridge.core.web.middleware.RequestBaseUrlMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "tradebridge" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tradebridge.companies.web.context_processors.display_preferences",
                "tradebridge.companies.web.context_processors.company_navigation",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'tradebridge.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
    }
else:
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "tradebridge_cache",
        }
    }

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"

# django-allauth: e-mail as login, mandatory verification, TOTP + recovery codes.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_PREVENT_ENUMERATION = True
# Sign-up asks for the person's name and creates their company in the same transaction.
ACCOUNT_FORMS = {"signup": "tradebridge.companies.web.signup.CompanySignupForm"}
ACCOUNT_ADAPTER = "tradebridge.companies.web.adapters.CompanyAccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Tradebridge] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env.str("ACCOUNT_DEFAULT_HTTP_PROTOCOL", default="http")
# Sign-in protection (docs/deployment.md): failed passwords are limited per address by
# `login_failed_address` (generous: an office shares one address) and slowed per account by
# progressive delays (tradebridge/accounts/login_throttle.py), never a lock. `login_failed`
# is allauth's limit on wrong second-factor codes: only someone with the password gets there.
ACCOUNT_RATE_LIMITS = {
    "login_failed_address": "30/5m/ip",
    "login_failed": "30/5m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
# Behind N reverse proxies that append to X-Forwarded-For, the client is the Nth address
# from the right; left at 0, every visitor shares the proxy's address in the limits above.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Tradebridge"

MAILERS = {"default": mailer_from_url(env.str("EMAIL_URL", default="console://"))}
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Tradebridge <no-reply@tradebridge.local>"
)

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("fr", "Français"),
    ("de", "Deutsch"),
    ("es", "Español"),
    ("zh-hans", "简体中文"),
]
LOCALE_PATHS = [BASE_DIR / "tradebridge" / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "tradebridge" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Verification documents: outside MEDIA_ROOT, no URL; only a checked view serves them.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": VAR_DIR / "private"},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Background tasks: Django's task framework. Embedded default: the database-backed
# queue, drained by `tradebridge worker`. Scale-out: Celery on Redis or RabbitMQ.
TASKS_BACKEND = env.str("TASKS_BACKEND", default="database")
_TASK_BACKENDS = {
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
    "immediate": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"},
    "celery": {
        "BACKEND": "django_tasks_celery.CeleryBackend",
        "QUEUES": ["default"],
        "OPTIONS": {"CELERY_APP": "config.celery.app"},
    },
}
TASKS = {"default": _TASK_BACKENDS[TASKS_BACKEND]}
CELERY_APP = "config.celery.app"  # what `tradebridge worker` runs when TASKS_BACKEND=celery
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "redis://127.0.0.1:6379/0")
# Results in Redis when there is one; over a RabbitMQ broker without Redis, Celery's rpc://.
_CELERY_RESULTS = CELERY_BROKER_URL if CELERY_BROKER_URL.startswith("redis") else "rpc://"
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=REDIS_URL or _CELERY_RESULTS)
CELERY_RESULT_EXTENDED = True  # lets django-tasks-celery map a result back to its task
CELERY_TASK_ACKS_LATE = True  # a task whose worker dies is redelivered (tasks are idempotent)
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Finished rows of the database task backend are pruned after this many days (`tradebridge prune`).
TASK_RESULT_TTL_DAYS = env.int("TASK_RESULT_TTL_DAYS", default=14)
# Where the daily task fetches the ECB reference rates (e.g.
# https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml); unset: no fetching.
ECB_RATES_URL = env.str("ECB_RATES_URL", default="")
# The search index replica of this node (docs/search.md): local disk, never shared.
SEARCH_INDEX_DIR = Path(env.str("SEARCH_INDEX_DIR", default=str(VAR_DIR / "search")))

# Security headers that hold in every deployment; production adds HTTPS-only ones (prod.py).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

NINJA_PAGINATION_MAX_PER_PAGE_SIZE = 100
IDEMPOTENCY_KEY_TTL_HOURS = 48

# Messaging: unread messages are e-mailed after this delay (batched per user and thread);
# a company may start this many threads a day and send this many messages a minute.
MESSAGE_EMAIL_DELAY_MINUTES = env.int("MESSAGE_EMAIL_DELAY_MINUTES", default=10)
MESSAGING_NEW_THREADS_PER_DAY = env.int("MESSAGING_NEW_THREADS_PER_DAY", default=30)
MESSAGING_MESSAGES_PER_MINUTE = env.int("MESSAGING_MESSAGES_PER_MINUTE", default=20)

# Orders: a balance still unpaid this many days after it fell due lets the supplier cancel the
# order and keep the deposit (orders.services.timers; docs/architecture.md, "Order timers").
ORDER_BALANCE_GRACE_DAYS = env.int("ORDER_BALANCE_GRACE_DAYS", default=7)

# Outbound webhooks (webhooks.destinations): plain http:// to localhost, and endpoints on
# private, loopback or link-local addresses, are for development only (off in production).
WEBHOOKS_ALLOW_HTTP = env.bool("WEBHOOKS_ALLOW_HTTP", default=DEBUG)
WEBHOOKS_ALLOW_PRIVATE = env.bool("WEBHOOKS_ALLOW_PRIVATE", default=DEBUG)
# The daily prune deletes an event once all its deliveries succeeded or were given up and
# none changed for this many days (webhooks.services.retention); pending and failed stay.
WEBHOOKS_RETENTION_DAYS = env.int("WEBHOOKS_RETENTION_DAYS", default=30)

# Card payments (payments.providers): the sandbox is the demo's provider; Stripe is enabled
# when both of its keys are set. STRIPE_API_BASE is Stripe's address (tests point it at a fake).
STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="")
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_API_BASE = env.str("STRIPE_API_BASE", default="https://api.stripe.com")
PAYMENTS_SANDBOX_SECRET = env.str("PAYMENTS_SANDBOX_SECRET", default="")  # "": from SECRET_KEY
PAYMENT_PROVIDERS = env.list(
    "PAYMENT_PROVIDERS",
    default=["sandbox", *(["stripe"] if STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET else [])],
)

# Bank transfers (payments.bank_selectors): the platform's escrow account that buyers pay
# into, shown with each instalment's payment reference. The defaults are a demo account.
PAYMENTS_BANK_ACCOUNT_NAME = env.str(
    "PAYMENTS_BANK_ACCOUNT_NAME", default="Tradebridge Escrow (demo)"
)
PAYMENTS_BANK_IBAN = env.str("PAYMENTS_BANK_IBAN", default="DE89370400440532013000")
PAYMENTS_BANK_BIC = env.str("PAYMENTS_BANK_BIC", default="COBADEFFXXX")
PAYMENTS_BANK_NAME = env.str("PAYMENTS_BANK_NAME", default="Demo Bank AG")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint logs every parsing step at INFO, three lines at import (its own stylesheets).
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}
