"""The supplier's catalog import page: upload a file (and an images zip), follow the job live,
read its row errors; and the catalog download in the same format.

Only members with MANAGE_CATALOG in a supplier company see these pages; for anyone else they
do not exist (404), like another company's job.
"""

import io
import tempfile
import uuid
from datetime import datetime
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from tradebridge.catalog.enums import ImportStatus
from tradebridge.catalog.exporting import catalog_export, catalog_template_write
from tradebridge.catalog.file_format import REQUIRED_COLUMNS
from tradebridge.catalog.importing.jobs import (
    can_import_catalog,
    import_job_create,
    import_job_get_for_supplier,
    import_job_list_for_supplier,
    import_job_publish,
)
from tradebridge.catalog.importing.readers import FileFormat
from tradebridge.catalog.services import publishes_directly
from tradebridge.catalog.web.display import published_message
from tradebridge.companies.models import Membership
from tradebridge.companies.web.acting import acting_member, is_htmx
from tradebridge.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed

ERRORS_PER_PAGE = 50
JOBS_SHOWN = 20

# The file format page: (column, what it holds, an example); docs/catalog-file-format.md has
# every rule.
COLUMN_HELP = (
    ("sku", _("Your stock-keeping unit, unique in your catalog."), "BALL-5"),
    ("title", _("The product's name (not on variant rows)."), "PU soccer ball, size 5"),
    ("description", _("Free text."), ""),
    ("title_fr, description_de, …", _("Translations, by language code."), "Ballon de football"),
    ("category", _("A Google product category: its id or its full path."), "1112"),
    ("currency", _("ISO 4217 code; default: your company's currency."), "USD"),
    ("price_tiers", _("Quantity:unit price pairs separated by ;"), "100:4.20;500:3.90"),
    ("moq", _("Minimum order quantity; default: the first tier's quantity."), "200"),
    ("order_multiple", _("Orders come in multiples of this; default 1."), "10"),
    ("unit", _("piece, pair, set, box, carton, kg, m and more; default piece."), "piece"),
    ("lead_time_days", _("Days to ship, or quantity:days pairs."), "1:15;5000:30"),
    ("stock", _("Ready-to-ship quantity; empty: made to order."), "1200"),
    ("hs_code", _("6 to 10 digits of the HS 2022 code."), "9506.62"),
    ("origin_country", _("ISO 3166 country code."), "CN"),
    ("weight_kg, length_cm, width_cm, height_cm", _("Unit weight and size."), "0.42"),
    ("units_per_carton", _("A whole number."), "50"),
    ("certifications", _("A list separated by ;"), "CE;RoHS"),
    ("sample_price", _("A sample's price (0: free); empty: no samples."), "12.50"),
    ("customization", _("A list separated by ;"), "logo;packaging"),
    ("attributes", _("Name=Value pairs separated by ;"), "Material=PU;Size=5"),
    ("images", _("File names in the images zip, separated by ;"), "ball.jpg;ball-back.jpg"),
    ("variant_of", _("Makes the row a variant of the product with this SKU."), "BALL-5"),
    ("options", _("A variant's options, Name=Value pairs."), "Color=Red;Size=5"),
)


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
    publish = forms.BooleanField(
        label=_("Publish the imported products when the import ends"),
        help_text=_("Your verification lets your products go public without review."),
        required=False,
    )

    def __init__(self, *args: Any, can_publish: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not can_publish:  # offered only where the service allows it
            del self.fields["publish"]


def _ensure_catalog_manager(actor: Membership) -> None:
    if not can_import_catalog(actor):
        raise NotFound()


@never_cache
@acting_member
def import_jobs(request: HttpRequest, actor: Membership) -> HttpResponse:
    """The upload form and the company's past import jobs; POST starts a job."""
    _ensure_catalog_manager(actor)
    can_publish = publishes_directly(actor.company)
    if request.method != "POST":
        return _jobs_page(request, actor, CatalogImportForm(can_publish=can_publish))
    form = CatalogImportForm(request.POST, request.FILES, can_publish=can_publish)
    if form.is_valid():
        try:
            job = import_job_create(
                actor=actor,
                file=form.cleaned_data["file"],
                images=form.cleaned_data["images"],
                dry_run=form.cleaned_data["dry_run"],
                publish=form.cleaned_data.get("publish", False),
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
        "duration": _duration(job.started_at, job.finished_at),
        "publishes_directly": publishes_directly(actor.company),
    }
    template = "catalog/imports/job.html"
    if is_htmx(request):
        template += "#job"
    return render(request, template, context)


@require_POST
@acting_member
def import_job_publish_all(
    request: HttpRequest, actor: Membership, job_id: uuid.UUID
) -> HttpResponse:
    """Publish (or submit for review) every draft the job's file holds."""
    try:
        moved = import_job_publish(actor=actor, job_id=job_id)
    except (PermissionDenied, Conflict) as error:
        messages.error(request, error.message)
        return redirect("catalog_import_job", job_id=job_id)
    messages.success(request, published_message(actor.company, moved))
    return redirect("catalog_import_job", job_id=job_id)


def _duration(started: datetime | None, finished: datetime | None) -> str:
    """How long the job ran: seconds under a minute ("12 s"; `timesince` would say
    "0 minutes"), else minutes and hours as `timesince` puts them; "" while unfinished."""
    if started is None or finished is None:
        return ""
    seconds = (finished - started).total_seconds()
    if seconds < 1:
        return str(_("under a second"))
    if seconds < 60:
        return str(_("%(seconds)d s") % {"seconds": seconds})
    return timesince(started, finished)


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


@acting_member
def import_format(request: HttpRequest, actor: Membership) -> HttpResponse:
    """What a catalog file holds: the columns, with an example each, and the template file."""
    _ensure_catalog_manager(actor)
    context = {"actor": actor, "columns": COLUMN_HELP, "required": REQUIRED_COLUMNS}
    return render(request, "catalog/imports/format.html", context)


@acting_member
def import_template(request: HttpRequest, actor: Membership) -> HttpResponse:
    """A CSV to start from: the header row and two example rows (a product and a variant)."""
    _ensure_catalog_manager(actor)
    buffer = io.BytesIO()
    catalog_template_write(stream=buffer)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="catalog-template.csv"'
    return response
