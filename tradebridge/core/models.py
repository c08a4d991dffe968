"""Shared model bases, and the models core owns: FX rates, the audit log, idempotency records."""

import uuid

from django.db import models
from django.utils import timezone

# The "nobody" UUID (RFC 9562 nil UUID): an idempotency scope without a company or a user.
# A real value rather than NULL, because NULLs never collide in a unique constraint.
NIL_UUID = uuid.UUID(int=0)


class TimeStampedModel(models.Model):
    """Abstract base: a UUID primary key and creation/update times."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class FxRate(models.Model):
    """Units of `currency` for one euro on `date`, as published by `source` (ECB by default)."""

    date = models.DateField()
    currency = models.CharField(max_length=3)
    rate = models.DecimalField(max_digits=20, decimal_places=8)
    source = models.CharField(max_length=32, default="ECB")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "date", "currency"],
                name="core_fxrate_unique_source_date_currency",
            ),
            models.CheckConstraint(
                condition=models.Q(rate__gt=0), name="core_fxrate_rate_positive"
            ),
        ]
        indexes = [models.Index(fields=["currency", "-date"], name="core_fxrate_currency_date")]

    def __str__(self) -> str:
        return f"{self.date} 1 EUR = {self.rate} {self.currency} ({self.source})"


class AuditEvent(models.Model):
    """One thing that happened, who did it, to what. Append-only; ids are plain UUIDs.

    `company_id` and `actor_user_id` are not foreign keys: core sits below the apps that
    own companies and users, and an audit trail must outlive the rows it mentions.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    occurred_at = models.DateTimeField(default=timezone.now)
    actor_user_id = models.UUIDField(null=True, blank=True)
    company_id = models.UUIDField(null=True, blank=True)
    action = models.CharField(max_length=100)
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    data = models.JSONField(default=dict, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["company_id", "-occurred_at"], name="core_audit_company_time"),
            models.Index(fields=["object_type", "object_id"], name="core_audit_object"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.occurred_at:%Y-%m-%d %H:%M} {self.action} {self.object_type}:{self.object_id}"
        )


class IdempotencyState(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"


class IdempotencyRecord(models.Model):
    """The first response to a request carrying an `Idempotency-Key`, replayed on retries.

    Scoped by company, user, method and route, so one tenant can never see another's
    response by reusing its key (attack case X15).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    key = models.CharField(max_length=255)
    company_id = models.UUIDField(default=NIL_UUID)
    user_id = models.UUIDField(default=NIL_UUID)
    method = models.CharField(max_length=10)
    route = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)
    state = models.CharField(
        max_length=16, choices=IdempotencyState.choices, default=IdempotencyState.IN_PROGRESS
    )
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.BinaryField(default=b"")
    response_content_type = models.CharField(max_length=255, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["company_id", "user_id", "method", "route", "key"],
                name="core_idempotency_unique_scope_key",
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=IdempotencyState.values),
                name="core_idempotency_state_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.method} {self.route} key={self.key} ({self.state})"
