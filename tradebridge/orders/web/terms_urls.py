from django.urls import URLPattern, URLResolver, path

from tradebridge.orders.web import terms

urlpatterns: list[URLPattern | URLResolver] = [
    path("company/payment-terms/", terms.terms_page, name="supplier_terms"),
]
