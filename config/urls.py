from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path, re_path

from config import api as api_module
from config.api import api
from tradebridge.accounts.web import two_factor

# The admin has no login form of its own: it sends visitors to allauth's, where the second
# factor and the login throttling apply. A signed-in non-operator gets 403 there.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    path("admin/", admin.site.urls),
    # Shadow allauth's views of the same paths (and names) to demand a fresh second factor.
    path("accounts/2fa/totp/activate/", two_factor.totp_activate),
    path("accounts/2fa/totp/deactivate/", two_factor.totp_deactivate),
    path("accounts/2fa/recovery-codes/", two_factor.recovery_codes_view),
    path("accounts/2fa/recovery-codes/generate/", two_factor.recovery_codes_generate),
    path("accounts/2fa/recovery-codes/download/", two_factor.recovery_codes_download),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    re_path(r"^api/v1/(?P<rest>.*)$", api_module.unknown_api_path),
    path("", include("tradebridge.accounts.web.urls")),
    path("", include("tradebridge.companies.web.urls")),
    path("", include("tradebridge.search.web.urls")),
    path("", include("tradebridge.catalog.web.urls")),
    path("", include("tradebridge.messaging.web.urls")),
    path("", include("tradebridge.rfq.web.urls")),
    path("", include("tradebridge.orders.web.urls")),
    path("", include("tradebridge.payments.web.urls")),
    path("", include("tradebridge.webhooks.web.urls")),
    path("", include("tradebridge.core.web.urls")),
]

handler400 = api_module.handler400
handler403 = api_module.handler403
handler404 = api_module.handler404
handler500 = api_module.server_error
