from django.urls import URLPattern, URLResolver, path

from tradebridge.webhooks.web import deliveries, endpoints

urlpatterns: list[URLPattern | URLResolver] = [
    path("company/webhooks/", endpoints.endpoint_list, name="webhooks"),
    path("company/webhooks/<uuid:endpoint_id>/", endpoints.endpoint_detail, name="webhook"),
    path(
        "company/webhooks/<uuid:endpoint_id>/secret/",
        endpoints.endpoint_secret,
        name="webhook_secret",
    ),
    path(
        "company/webhooks/<uuid:endpoint_id>/rotate/",
        endpoints.endpoint_rotate,
        name="webhook_rotate",
    ),
    path(
        "company/webhooks/<uuid:endpoint_id>/delete/",
        endpoints.endpoint_remove,
        name="webhook_delete",
    ),
    path(
        "company/webhooks/<uuid:endpoint_id>/test/",
        deliveries.endpoint_send_test,
        name="webhook_test",
    ),
    path(
        "company/webhooks/<uuid:endpoint_id>/deliveries/<uuid:delivery_id>/resend/",
        deliveries.delivery_resend,
        name="webhook_delivery_resend",
    ),
]
