"""Choices of the catalog: product statuses, units of sale, import job formats and statuses."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProductStatus(models.TextChoices):
    """Where a product is in its life. Only published products of active suppliers are public."""

    DRAFT = "draft", _("Draft")
    PENDING_REVIEW = "pending_review", _("Pending review")
    PUBLISHED = "published", _("Published")
    SUSPENDED = "suspended", _("Suspended")


class Unit(models.TextChoices):
    """The unit a product is sold and priced in (MOQ and tiers count these)."""

    PIECE = "piece", _("piece")
    PAIR = "pair", _("pair")
    SET = "set", _("set")
    PACK = "pack", _("pack")
    BOX = "box", _("box")
    CARTON = "carton", _("carton")
    DOZEN = "dozen", _("dozen")
    ROLL = "roll", _("roll")
    SHEET = "sheet", _("sheet")
    BAG = "bag", _("bag")
    KG = "kg", _("kg")
    G = "g", _("g")
    TON = "ton", _("metric ton")
    M = "m", _("metre")
    M2 = "m2", _("square metre")
    M3 = "m3", _("cubic metre")
    L = "l", _("litre")


class ImportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "XLSX"
    JSONL = "jsonl", "JSONL"


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")
