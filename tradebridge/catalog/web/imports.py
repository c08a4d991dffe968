"""The supplier's catalog import page: upload a file (and an images zip), follow the job live,
read its row errors; and the catalog download in the same format.

Only members with MANAGE_CATALOG in a supplier company see these pages; for anyone else they
do not exist (404), like another company's job.
"""

import tempfile
import uuid
from typing import cast

from django import forms
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from tradebridge.catalog.enums import ImportStatus
from tradebridge.catalog.exporting import catalog_export
from tradebridge.catalog.importing.jobs import (
    can_import_catalog,
    import_job_create,
    import_job_get_for_supplier,
    import_job_list_for_supplier,
)
from tradebridge.catalog.importing.readers import FileFormat
from tradebridge.companies.models import Membership
from tradebridge.companies.web.acting import acting_member, is_htmx
from tradebridge.core.errors import NotFound, ValidationFailed

ERRORS_PER_PAGE = 50
JOBS_SHOWN = 20


class CatalogImportForm(forms.Form):
    file = forms.FileField(
        label=_("Catalog file"),
        help_text=_("CSV (UTF-8), XLSX or JSONL, one row per product or variant."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.jsonl"}),
    )
    images = forms.FileField(
        label=_("Images (optional)"),
        required=False,
        help_text=_("A .zip with the image files that the images column names."),
        widget=forms.ClearableFileInput(attrs={"accept": ".zip"}),
    )
    dry_run = forms.BooleanField(
        label=_("Dry run: check the file and report, without changing the catalog"),
        required=False,
    )


def _ensure_catalog_manager(actor: Membership) -> None:
    if not can_import_catalog(actor):
        raise NotFound()


@never_cache
@acting_member
def import_jobs(request: HttpRequest, actor: Membership) -> HttpResponse:
    """The upload form and the company's past import jobs; POST starts a job."""
    _ensure_catalog_manager(actor)
    if request.method != "POST":
        return _jobs_page(request, actor, CatalogImportForm())
    form = CatalogImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            job = import_job_create(
                actor=actor,
                file=form.cleaned_data["file"],
                images=form.cleaned_data["images"],
                dry_run=form.cleaned_data["dry_run"],
            )
        except ValidationFailed as error:
            field = error.details.get("field")
            form.add_error(field if field in form.fields else None, error.message)
        else:
            return redirect("catalog_import_job", job_id=job.pk)
    return _jobs_page(request, actor, form, status=400)


def _jobs_page(
    request: HttpRequest, actor: Membership, form: CatalogImportForm, status: int = 200
) -> HttpResponse:
    context = {
        "actor": actor,
        "form": form,
        "jobs": import_job_list_for_supplier(actor=actor)[:JOBS_SHOWN],
        "formats": [file_format.value for file_format in FileFormat],
    }
    return render(request, "catalog/imports/jobs.html", context, status=status)


@never_cache
@acting_member
def import_job(request: HttpRequest, actor: Membership, job_id: uuid.UUID) -> HttpResponse:
    """One job: live progress while it runs (HTMX polls the `job` partial every second;
    without JavaScript the page reloads itself), then the summary and the row errors."""
    job = import_job_get_for_supplier(actor=actor, job_id=job_id)
    errors = Paginator(job.errors, ERRORS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "actor": actor,
        "job": job,
        "errors": errors,
        "running": job.status in (ImportStatus.QUEUED, ImportStatus.RUNNING),
        "percent": _percent(job.processed_rows, job.total_rows),
    }
    template = "catalog/imports/job.html"
    if is_htmx(request):
        template += "#job"
    return render(request, template, context)


def _percent(done: int, total: int | None) -> int:
    if not total:
        return 0
    return min(done * 100 // total, 100)


@acting_member
def catalog_download(request: HttpRequest, actor: Membership, file_format: str) -> HttpResponse:
    """The company's whole catalog as a CSV, XLSX or JSONL file in the import format."""
    _ensure_catalog_manager(actor)
    if file_format not in FileFormat:
        raise NotFound()
    spool = tempfile.TemporaryFile()  # noqa: SIM115  # FileResponse closes it
    catalog_export(supplier=actor.company, file_format=file_format, stream=spool)
    spool.seek(0)
    response = FileResponse(
        spool, as_attachment=True, filename=f"{actor.company.slug}-catalog.{file_format}"
    )
    return cast("HttpResponse", response)  # streamed; acting_member passes it through as is
