from django.contrib import admin
from django.urls import include, path

from config.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("", include("tradebridge.accounts.web.urls")),
    path("", include("tradebridge.companies.web.urls")),
    path("", include("tradebridge.search.web.urls")),
    path("", include("tradebridge.catalog.web.urls")),
    path("", include("tradebridge.core.web.urls")),
]
