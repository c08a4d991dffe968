from django.urls import URLPattern, path

from tradebridge.core.web import views

urlpatterns: list[URLPattern] = [
    path("", views.home, name="home"),
]
