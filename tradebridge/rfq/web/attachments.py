"""Files a buyer attaches to an RFQ from the pages: checked before the RFQ is written (a
refused file leaves the form, and nothing, saved), then stored one by one by the service."""

import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tradebridge.companies.models import Membership
from tradebridge.core.errors import Conflict, ValidationFailed
from tradebridge.rfq.files import attachment_check
from tradebridge.rfq.models import RFQ
from tradebridge.rfq.services.attachments import rfq_attachment_add
from tradebridge.rfq.services.quote_attachments import quote_attachment_add


def attachment_problem(error: ValidationFailed | Conflict) -> str:
    """A refused file's reason in the visitor's words."""
    return {
        "file_too_large": _("The file is larger than 10 MB."),
        "unsupported_file_type": _("Only PDF, JPEG, PNG and WebP files can be attached."),
        "file_empty": _("The file is empty."),
        "too_many_attachments": _("There are too many attachments already."),
    }.get(error.code, error.message)


def attachments_refused(files: list[Any]) -> list[str]:
    """For each upload that the service would refuse, "name: reason" (nothing is stored)."""
    refused = []
    for upload in files:
        try:
            attachment_check(upload, name=upload.name or "")
        except ValidationFailed as error:
            refused.append(f"{upload.name}: {attachment_problem(error)}")
        finally:
            upload.seek(0)
    return refused


def attachments_add(request: HttpRequest, actor: Membership, rfq: RFQ, files: list[Any]) -> int:
    """Attach each upload to the RFQ; a refused one is named in a message. How many were
    attached."""
    return _each(request, files, lambda upload: rfq_attachment_add(
        actor=actor, rfq_id=rfq.pk, file=upload, filename=upload.name or ""
    ))  # fmt: skip


def quote_attachments_add(
    request: HttpRequest, actor: Membership, quote_id: uuid.UUID, files: list[Any]
) -> int:
    """Attach each upload to the current revision of the company's quote."""
    return _each(request, files, lambda upload: quote_attachment_add(
        actor=actor, quote_id=quote_id, file=upload, filename=upload.name or ""
    ))  # fmt: skip


def _each(request: HttpRequest, files: list[Any], add: Callable[[Any], object]) -> int:
    added = 0
    for upload in files:
        try:
            add(upload)
        except (ValidationFailed, Conflict) as error:
            messages.error(request, f"{upload.name}: {attachment_problem(error)}")
        else:
            added += 1
    if added:
        text = ngettext("%(count)d file attached.", "%(count)d files attached.", added)
        messages.success(request, text % {"count": added})
    return added
