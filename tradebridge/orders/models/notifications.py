"""Which member was e-mailed about which order timeline event: the claim that makes each
e-mail go once (`orders.emails`)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tradebridge.orders.models.orders import OrderEvent


class OrderEventEmail(models.Model):
    """One e-mail about `event` to `user`; the unique pair is the idempotency key."""

    id = models.BigAutoField(primary_key=True)
    event = models.ForeignKey(OrderEvent, on_delete=models.CASCADE, related_name="emails")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("order e-mail")
        verbose_name_plural = _("order e-mails")
        constraints = (
            models.UniqueConstraint(fields=("event", "user"), name="orders_event_email_once"),
        )

    def __str__(self) -> str:
        return f"{self.event_id} → {self.user_id}"
