from django.urls import URLPattern, path

from tradebridge.accounts.web import views

urlpatterns: list[URLPattern] = [
    path("preferences/currency/", views.currency_set, name="currency_set"),
    path("preferences/language/", views.language_set, name="language_set"),
]
