"""Choices of search: what was searched, and through which interface."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchKind(models.TextChoices):
    PRODUCTS = "products", _("Products")
    SUPPLIERS = "suppliers", _("Suppliers")


class SearchSource(models.TextChoices):
    """Where a logged search came from: the search pages or the REST API."""

    PAGE = "page", _("Search page")
    API = "api", _("API")
