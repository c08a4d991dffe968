"""The dispute pages: /disputes/<id>/, its actions, and evidence downloads."""

from django.urls import URLPattern, URLResolver, path

from tradebridge.payments.web import disputes

urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "disputes/evidence/<str:token>/",
        disputes.evidence_download,
        name="payments_dispute_evidence_download",
    ),
    path("disputes/<uuid:dispute_id>/", disputes.dispute_detail, name="payments_dispute"),
    path(
        "disputes/<uuid:dispute_id>/<slug:action>/",
        disputes.dispute_action,
        name="payments_dispute_action",
    ),
]
