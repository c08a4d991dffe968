"""The company's verification page (documents, current level, history) and document downloads.

Owners and admins upload; every member reads. Downloads are served only to the company's
members and to operators, always as an attachment that a browser will not render (X10).
"""

import uuid

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from tradebridge.accounts.models import User
from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import Permission, has_permission
from tradebridge.companies.selectors import (
    verification_document_get_for_download,
    verification_document_list_for_company,
    verification_history_for_company,
)
from tradebridge.companies.services import verification_document_upload
from tradebridge.companies.web.acting import acting_member
from tradebridge.companies.web.forms import VerificationDocumentForm
from tradebridge.core.errors import Conflict, NotFound, ValidationFailed
from tradebridge.core.web.errors import error_page

DOWNLOAD_CSP = "sandbox; default-src 'none'"


@never_cache
@acting_member
def verification(request: HttpRequest, actor: Membership) -> HttpResponse:
    """The company's level, its history and documents; POST uploads a document."""
    if request.method != "POST":
        return _page(request, actor, VerificationDocumentForm())
    form = VerificationDocumentForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            verification_document_upload(
                actor=actor,
                kind=form.cleaned_data["kind"],
                file=upload,
                filename=upload.name or "",
            )
        except (ValidationFailed, Conflict) as error:
            form.add_error("file" if error.details.get("field") == "file" else None, error.message)
        else:
            messages.success(request, _("The document was uploaded; an operator will review it."))
            return redirect("company_verification")
    return _page(request, actor, form, status=400)


def _page(
    request: HttpRequest, actor: Membership, form: VerificationDocumentForm, status: int = 200
) -> HttpResponse:
    context = {
        "actor": actor,
        "company": actor.company,
        "form": form,
        "can_upload": has_permission(actor, Permission.MANAGE_COMPANY),
        "documents": verification_document_list_for_company(actor=actor),
        "history": verification_history_for_company(actor=actor),
    }
    return render(request, "companies/verification.html", context, status=status)


@require_GET
def verification_document_download(
    request: HttpRequest, document_id: uuid.UUID
) -> HttpResponseBase:
    """The file, to the company's members and operators only; 404 for anyone else."""
    user = request.user
    if not isinstance(user, User):
        return redirect_to_login(request.get_full_path())
    try:
        document = verification_document_get_for_download(user=user, document_id=document_id)
    except NotFound as error:
        return error_page(request, error)
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_filename,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = DOWNLOAD_CSP
    response["Cache-Control"] = "private, no-store"
    return response
