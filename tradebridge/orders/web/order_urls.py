from django.urls import URLPattern, URLResolver, path

from tradebridge.orders.web import order_actions, order_detail, order_lists

urlpatterns: list[URLPattern | URLResolver] = [
    path("orders/", order_lists.buyer_orders, name="orders_list"),
    path("supplier/orders/", order_lists.supplier_orders, name="orders_supplier_list"),
    path("orders/<uuid:order_id>/", order_detail.order_detail, name="orders_detail"),
    # The action names are the API's (confirm, decline, production-done, ship, ...).
    path("orders/<uuid:order_id>/<slug:action>/", order_actions.order_action, name="orders_action"),
]
