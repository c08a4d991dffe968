"""Search analytics: every search run (pages and API) and the results buyers clicked.

A read-only record for the insights work to aggregate (what buyers look for, by market and
week; zero-result queries). Like the audit log, it names companies and products by plain
UUIDs, not foreign keys: the record outlives the rows it mentions, and a search never waits
on a lock of a catalog or company row. It never holds a user id: the unit of analysis is the
buyer company (or an anonymous visitor).
"""

import uuid

from django.db import models
from django.utils import timezone

from tradebridge.search.enums import SearchKind, SearchSource


class SearchLog(models.Model):
    """One search as run: the text as typed and normalised, its filters, how many matched."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    kind = models.CharField(max_length=16, choices=SearchKind.choices)
    source = models.CharField(max_length=8, choices=SearchSource.choices)
    text = models.CharField(max_length=200, blank=True)
    normalized = models.CharField(max_length=200, blank=True)
    filters = models.JSONField(default=dict, blank=True)
    sort = models.CharField(max_length=16, blank=True)
    page = models.PositiveIntegerField(default=1)
    page_size = models.PositiveIntegerField(default=24)
    # The ids shown on the page, in order: impressions, and the clicks that may follow.
    result_ids = models.JSONField(default=list, blank=True)
    result_count = models.PositiveIntegerField()
    zero_results = models.BooleanField()
    language = models.CharField(max_length=10, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    company_id = models.UUIDField(null=True, blank=True)  # the searching company, if any
    market = models.CharField(max_length=2, blank=True)  # ISO 3166 alpha-2, if known
    week = models.CharField(max_length=8)  # ISO week, "2026-W49"

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=SearchKind.values), name="search_log_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(source__in=SearchSource.values),
                name="search_log_source_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(zero_results=True, result_count=0)
                | models.Q(zero_results=False, result_count__gt=0),
                name="search_log_zero_results_matches_count",
            ),
        ]
        indexes = [
            models.Index(fields=["week", "market", "normalized"], name="search_log_week_market"),
            models.Index(fields=["company_id", "-created_at"], name="search_log_company"),
            models.Index(fields=["created_at"], name="search_log_created"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.normalized!r} ({self.result_count})"


class SearchClick(models.Model):
    """A product of a logged search's results that the visitor opened, at its position (1 =
    first on the first page). Only a product the search showed can be clicked; one row per
    search and product: repeats are not counted."""

    search = models.ForeignKey(SearchLog, on_delete=models.CASCADE, related_name="clicks")
    product_id = models.UUIDField()
    position = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["search", "product_id"], name="search_click_once_per_search"
            ),
            models.CheckConstraint(
                condition=models.Q(position__gte=1), name="search_click_position_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product_id} at {self.position}"
