"""Trade documents of an order (proforma invoice, commercial invoice, packing list) and the
gap-free per-supplier numbering they take their numbers from. Written only through
`orders.documents`."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tradebridge.companies.models import private_storage
from tradebridge.core.models import TimeStampedModel
from tradebridge.orders.enums import TradeDocumentKind
from tradebridge.orders.models.base import choice_valid
from tradebridge.orders.models.orders import Order


class DocumentSequence(models.Model):
    """The next number of one supplier's documents of one kind: taken under a row lock, in the
    same transaction as the document, so numbers never skip or repeat."""

    supplier = models.ForeignKey(
        "companies.Company", on_delete=models.CASCADE, related_name="document_sequences"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=TradeDocumentKind.choices)
    next_number = models.PositiveIntegerField(_("next number"), default=1)

    class Meta:
        verbose_name = _("document sequence")
        verbose_name_plural = _("document sequences")
        constraints = (
            models.UniqueConstraint(fields=("supplier", "kind"), name="orders_docseq_unique"),
            choice_valid("kind", TradeDocumentKind, "orders_docseq_kind_valid"),
            models.CheckConstraint(
                condition=Q(next_number__gte=1), name="orders_docseq_next_positive"
            ),
        )

    def __str__(self) -> str:
        return f"{self.supplier_id} {self.kind} #{self.next_number}"


def _document_path(document: "TradeDocument", filename: str) -> str:
    return f"trade-documents/{document.order_id}/{document.kind}-{document.number}.pdf"


class TradeDocument(TimeStampedModel):
    """One issued trade document of an order, e.g. `PI-2026-000042`. One per order and kind.

    `snapshot` keeps the data the document was rendered from; `file` the rendered PDF
    (private storage; blank while rendered on demand).
    """

    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="documents")
    supplier = models.ForeignKey(
        "companies.Company", on_delete=models.PROTECT, related_name="trade_documents"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=TradeDocumentKind.choices)
    number = models.CharField(_("number"), max_length=32)
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    snapshot = models.JSONField(_("snapshot"), default=dict, blank=True)
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=_document_path, blank=True
    )

    class Meta:
        verbose_name = _("trade document")
        verbose_name_plural = _("trade documents")
        ordering = ("order", "kind")
        constraints = (
            models.UniqueConstraint(
                fields=("supplier", "kind", "number"), name="orders_document_number_unique"
            ),
            models.UniqueConstraint(fields=("order", "kind"), name="orders_document_one_per_kind"),
            choice_valid("kind", TradeDocumentKind, "orders_document_kind_valid"),
        )

    def __str__(self) -> str:
        return self.number
