"""What the RFQ models share: human-readable references, the check constraints of choice
fields, and the private-storage attachment base."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tradebridge.rfq.enums import AttachmentContentType

# Crockford-like base32 without look-alikes (no 0/O, 1/I/L, U): easy to read out on the phone.
_REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
_REFERENCE_LENGTH = 8


def _reference(prefix: str) -> str:
    body = "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(_REFERENCE_LENGTH))
    return f"{prefix}-{body}"


def new_rfq_reference() -> str:
    """A fresh human-readable RFQ reference, e.g. `RFQ-7KX2M9QH` (unique by constraint)."""
    return _reference("RFQ")


def new_deal_reference() -> str:
    """A fresh human-readable deal reference, e.g. `DEAL-Q4TN8WZ3` (unique by constraint)."""
    return _reference("DEAL")


def choice_valid(
    field: str, choices: type[models.TextChoices], name: str
) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(**{f"{field}__in": choices.values}), name=name)


def nullable_choice_valid(
    field: str, choices: type[models.TextChoices], name: str
) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__in": choices.values}),
        name=name,
    )


def attachment_path(prefix: str, owner_id: object, content_type: str) -> str:
    # The stored name is random: the uploader's file name is kept in `original_filename` only.
    extension = {
        AttachmentContentType.PDF: "pdf",
        AttachmentContentType.JPEG: "jpg",
        AttachmentContentType.PNG: "png",
        AttachmentContentType.WEBP: "webp",
    }.get(AttachmentContentType(content_type), "bin")
    return f"{prefix}/{owner_id}/{uuid.uuid4().hex}.{extension}"


class AttachmentBase(models.Model):
    """A file in private storage: its sniffed type, size, digest, uploader and original name."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    original_filename = models.CharField(_("original file name"), max_length=255)
    content_type = models.CharField(
        _("content type"), max_length=32, choices=AttachmentContentType.choices
    )
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.original_filename
