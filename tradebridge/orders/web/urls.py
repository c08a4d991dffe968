"""The orders app's pages: the cart and checkout, the order lists and pages, the documents,
the company's shipping addresses and payment terms."""

from django.urls import URLPattern, URLResolver

from tradebridge.orders.web import address_urls, cart_urls, document_urls, order_urls, terms_urls

# The documents' paths come before the order actions' `orders/<id>/<action>/`.
urlpatterns: list[URLPattern | URLResolver] = [
    *cart_urls.urlpatterns,
    *document_urls.urlpatterns,
    *order_urls.urlpatterns,
    *address_urls.urlpatterns,
    *terms_urls.urlpatterns,
]
