"""The orders app's pages: the cart and checkout, the order lists and pages, the documents."""

from django.urls import URLPattern, URLResolver

from tradebridge.orders.web import cart_urls, document_urls, order_urls

urlpatterns: list[URLPattern | URLResolver] = [
    *cart_urls.urlpatterns,
    *order_urls.urlpatterns,
    *document_urls.urlpatterns,
]
