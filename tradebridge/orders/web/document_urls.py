"""The trade documents of an order, as PDFs: /orders/<id>/documents/<kind>.pdf."""

from django.urls import URLPattern, URLResolver, path

from tradebridge.orders.web import documents

urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "orders/<uuid:order_id>/documents/<slug:kind>.pdf",
        documents.document_download,
        name="orders_document",
    ),
]
