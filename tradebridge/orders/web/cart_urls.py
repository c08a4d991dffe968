from django.urls import URLPattern, URLResolver, path

from tradebridge.orders.web import cart, checkout

urlpatterns: list[URLPattern | URLResolver] = [
    path("cart/", cart.cart_page, name="orders_cart"),
    path("cart/items/<uuid:item_id>/", cart.cart_item_quantity, name="orders_cart_item"),
    path("cart/items/<uuid:item_id>/remove/", cart.cart_item_delete, name="orders_cart_remove"),
    path("cart/add/<uuid:product_id>/", cart.cart_add, name="orders_cart_add"),
    path("cart/price/<uuid:product_id>/", cart.buy_price, name="orders_buy_price"),
    path("checkout/", checkout.checkout_page, name="orders_checkout"),
    path("checkout/done/<uuid:purchase_id>/", checkout.checkout_done, name="orders_checkout_done"),
]
