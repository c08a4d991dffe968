from django.urls import URLPattern, URLResolver, include, path

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("tradebridge.payments.web.sandbox")),
    path("", include("tradebridge.payments.web.dispute_urls")),
]
