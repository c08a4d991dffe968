from django.urls import URLPattern, path

from tradebridge.messaging.web import views

urlpatterns: list[URLPattern] = [
    path("messages/", views.inbox, name="messaging_inbox"),
    path("messages/new/", views.thread_new, name="messaging_new"),
    path("messages/<uuid:thread_id>/", views.thread, name="messaging_thread"),
    path("messages/<uuid:thread_id>/poll/", views.thread_poll, name="messaging_thread_poll"),
    path("messages/reports/<uuid:message_id>/", views.report, name="messaging_message_report"),
    path(
        "messages/files/<str:token>/",
        views.attachment_download,
        name="messaging_attachment_download",
    ),
]
