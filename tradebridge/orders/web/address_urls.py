from django.urls import URLPattern, URLResolver, path

from tradebridge.orders.web import addresses

urlpatterns: list[URLPattern | URLResolver] = [
    path("company/addresses/", addresses.address_list, name="orders_addresses"),
    path(
        "company/addresses/<uuid:address_id>/default/",
        addresses.address_default,
        name="orders_address_default",
    ),
]
