"""A company's webhook endpoint: where events are posted, and the secret that signs them."""

import base64
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tradebridge.companies.models import Company
from tradebridge.core.models import TimeStampedModel

SECRET_PREFIX = "whsec_"  # noqa: S105  # the format's prefix, not a secret
_SECRET_BYTES = 32


def new_webhook_secret() -> str:
    """A fresh Standard Webhooks secret: `whsec_` + base64 of 32 random bytes."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(_SECRET_BYTES)).decode("ascii")


def new_event_id() -> str:
    """A fresh event id (the `webhook-id` header), e.g. `evt_3f2a…` (32 hex digits)."""
    return f"evt_{uuid.uuid4().hex}"


class WebhookEndpoint(TimeStampedModel):
    """A URL of a company that receives the events it subscribes to (none listed = all).

    `previous_secret` still signs (beside `secret`) until `previous_secret_expires_at`, so a
    receiver has a day to switch to a rotated secret.
    """

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="webhook_endpoints")
    url = models.URLField(_("URL"), max_length=2000)
    description = models.CharField(_("description"), max_length=200, blank=True)
    secret = models.CharField(_("signing secret"), max_length=100, default=new_webhook_secret)
    previous_secret = models.CharField(_("previous signing secret"), max_length=100, blank=True)
    previous_secret_expires_at = models.DateTimeField(
        _("previous secret valid until"), null=True, blank=True
    )
    event_types = models.JSONField(_("event types"), default=list, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ("company", "created_at", "id")
        indexes = (models.Index(fields=("company", "is_active"), name="webhooks_endpoint_company"),)

    def __str__(self) -> str:
        return self.url

    def subscribes_to(self, event_type: str) -> bool:
        """Whether this endpoint wants `event_type` (an empty list means every type)."""
        return not self.event_types or event_type in self.event_types
