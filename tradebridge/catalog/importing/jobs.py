"""Import jobs: a supplier uploads a catalog file (and an images zip); a background task runs it.

`import_job_create` checks the actor's MANAGE_CATALOG permission once, stores the files and
enqueues `catalog.tasks.import_job_run` after the commit; `import_job_process` (the task's
body) runs the import and keeps `ImportJob`'s progress, counts and first errors up to date
after every batch, so the page can show them live. Jobs are read only through
`import_job_*_for_supplier`, scoped to the actor's company: another company's job does not
exist for them, nor for members without MANAGE_CATALOG.
"""

import logging
import uuid
from pathlib import PurePath
from typing import IO, Final

from django.core.files import File
from django.core.files.storage import default_storage
from django.db.models import QuerySet
from django.utils import timezone

from tradebridge.catalog.enums import ImportFormat, ImportStatus, ProductStatus
from tradebridge.catalog.importing.archive import ArchiveUnreadable, ImageArchive
from tradebridge.catalog.importing.readers import CatalogFile, FileFormat, FileUnreadable
from tradebridge.catalog.importing.runner import ImportSummary, catalog_import
from tradebridge.catalog.models import ImportJob, Product
from tradebridge.catalog.services import product_publish_many, publishes_directly
from tradebridge.companies.enums import CompanyKind
from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import Permission, ensure_can, has_permission
from tradebridge.companies.selectors import membership_get_for_user
from tradebridge.core.errors import NotFound, PermissionDenied, ValidationFailed
from tradebridge.core.tasks import enqueue_on_commit

logger = logging.getLogger(__name__)

MAX_FILE_BYTES: Final = 200 * 1024 * 1024
MAX_IMAGES_ZIP_BYTES: Final = 1024 * 1024 * 1024
_EXTENSIONS: Final = {
    ".csv": ImportFormat.CSV,
    ".xlsx": ImportFormat.XLSX,
    ".jsonl": ImportFormat.JSONL,
}


class UnsupportedCatalogFile(ValidationFailed):
    code = "unsupported_catalog_file"
    default_message = "Upload a .csv, .xlsx or .jsonl file."


def catalog_format_for(filename: str) -> FileFormat:
    """The format named by the file's extension; raises UnsupportedCatalogFile."""
    extension = PurePath(filename).suffix.lower()
    if extension not in _EXTENSIONS:
        raise UnsupportedCatalogFile(field="file")
    return FileFormat(_EXTENSIONS[extension].value)


def images_zip_name(job: ImportJob) -> str:
    return f"catalog/imports/{job.pk}-images.zip"


def import_job_create(
    *,
    actor: Membership,
    file: File[bytes],
    images: File[bytes] | None = None,
    dry_run: bool = False,
    publish: bool = False,
) -> ImportJob:
    """Store the upload as a queued job of the actor's company and run it in the background;
    with `publish`, the imported products are published when it ends (`import_job_publish`).

    Raises PermissionDenied (no MANAGE_CATALOG), UnsupportedCatalogFile (extension, size),
    ValidationFailed (`publish` for a supplier whose products wait for review).
    """
    ensure_can(actor, Permission.MANAGE_CATALOG)
    if not can_import_catalog(actor):
        raise PermissionDenied("Only a supplier company has a catalog.")
    if publish and not publishes_directly(actor.company):
        raise ValidationFailed(
            "Only a business-verified or audited supplier publishes on import.", field="publish"
        )
    filename = PurePath(file.name or "catalog").name[:200]
    file_format = catalog_format_for(filename)
    if (file.size or 0) > MAX_FILE_BYTES:
        raise UnsupportedCatalogFile(
            f"The file is larger than {MAX_FILE_BYTES >> 20} MB.", field="file"
        )
    if images is not None and (images.size or 0) > MAX_IMAGES_ZIP_BYTES:
        raise UnsupportedCatalogFile(
            f"The images zip is larger than {MAX_IMAGES_ZIP_BYTES >> 30} GB.", field="images"
        )
    from tradebridge.catalog.tasks import import_job_run  # here: the task module imports this one

    job = ImportJob(
        supplier_id=actor.company_id,
        created_by_id=actor.user_id,
        filename=filename,
        format=file_format.value,
        dry_run=dry_run,
        publish=publish and not dry_run,
    )
    job.file.save(f"{uuid.uuid4().hex}.{file_format.value}", file, save=False)
    job.save()
    if images is not None:
        default_storage.save(images_zip_name(job), images)
    enqueue_on_commit(import_job_run, job_id=str(job.pk))
    return job


PUBLISH_BATCH: Final = 500


def import_job_publish(*, actor: Membership, job_id: uuid.UUID) -> int:
    """Publish (or, for a supplier whose products wait for review, submit) every draft the
    job's file holds, in batches of PUBLISH_BATCH; returns how many moved. Products that are
    published, waiting, or suspended are left as they are; a SKU imported again since then
    belongs to the later job. Idempotent.

    Raises NotFound (another company's job, or no MANAGE_CATALOG), PermissionDenied.
    """
    job = import_job_get_for_supplier(actor=actor, job_id=job_id)
    drafts = Product.objects.filter(
        supplier_id=actor.company_id, import_job_id=job.pk, status=ProductStatus.DRAFT
    ).order_by("id")
    moved = 0
    while batch := list(drafts.values_list("id", flat=True)[:PUBLISH_BATCH]):
        product_publish_many(actor=actor, product_ids=batch)
        moved += len(batch)
    return moved


def can_import_catalog(actor: Membership) -> bool:
    """Whether the actor manages a supplier's catalog (MANAGE_CATALOG in a supplier company)."""
    return has_permission(actor, Permission.MANAGE_CATALOG) and actor.company.kind in (
        CompanyKind.SUPPLIER,
        CompanyKind.BOTH,
    )


def import_job_list_for_supplier(*, actor: Membership) -> QuerySet[ImportJob]:
    """The actor's company's import jobs, newest first (none unless `can_import_catalog`)."""
    if not can_import_catalog(actor):
        return ImportJob.objects.none()
    return ImportJob.objects.filter(supplier_id=actor.company_id).defer("errors")


def import_job_get_for_supplier(*, actor: Membership, job_id: uuid.UUID) -> ImportJob:
    """One of the actor's company's jobs; NotFound for another's, or without MANAGE_CATALOG."""
    job = import_job_list_for_supplier(actor=actor).defer(None).filter(pk=job_id).first()
    if job is None:
        raise NotFound()
    return job


def import_job_process(*, job_id: uuid.UUID | str) -> None:
    """Run a queued job to its end. Idempotent: a job that is not queued is left alone."""
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportStatus.QUEUED).update(
        status=ImportStatus.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return
    job = ImportJob.objects.select_related("supplier", "created_by").get(pk=job_id)
    try:
        summary = _run(job)
    except (FileUnreadable, ArchiveUnreadable) as error:
        reason = str(error.details.get("reason", error.code))
        _finish(job, ImportStatus.FAILED, errors=[_file_error(reason, error.message)])
        return
    except Exception:
        logger.exception("Catalog import job %s failed", job.pk)
        _finish(job, ImportStatus.FAILED, errors=[_file_error("internal", "The import failed.")])
        raise
    _finish(job, ImportStatus.SUCCEEDED, summary=summary)
    if job.publish and not job.dry_run:
        _publish_on_import(job)


def _publish_on_import(job: ImportJob) -> None:
    """As its uploader, if they still manage the catalog and the supplier still publishes at
    once (else the products stay drafts, as without the option)."""
    if job.created_by is None:
        return
    try:  # a company suspended meanwhile has no active memberships: its products stay drafts
        actor = membership_get_for_user(user=job.created_by, company_id=job.supplier_id)
    except NotFound:
        return
    if not can_import_catalog(actor) or not publishes_directly(actor.company):
        return
    import_job_publish(actor=actor, job_id=job.pk)


def _run(job: ImportJob) -> ImportSummary:
    images_name = images_zip_name(job)
    with job.file.open("rb") as source:
        catalog = CatalogFile(source, FileFormat(job.format))
        ImportJob.objects.filter(pk=job.pk).update(total_rows=catalog.total_rows)
        images = _open_images(images_name)
        try:
            return catalog_import(
                supplier=job.supplier,
                catalog=catalog,
                created_by=job.created_by,
                images=images[1] if images else None,
                dry_run=job.dry_run,
                on_progress=lambda summary: _save_progress(job, summary),
                job_id=job.pk,
            )
        finally:
            if images:
                images[1].close()
                images[0].close()


def _open_images(name: str) -> tuple[IO[bytes], ImageArchive] | None:
    if not default_storage.exists(name):
        return None
    stream = default_storage.open(name, "rb")
    try:
        return stream, ImageArchive(stream)
    except ArchiveUnreadable:
        stream.close()
        raise


def _save_progress(job: ImportJob, summary: ImportSummary) -> None:
    ImportJob.objects.filter(pk=job.pk).update(
        processed_rows=summary.processed_rows,
        created_count=summary.created,
        updated_count=summary.updated,
        error_count=summary.error_count,
        errors=[error.as_json() for error in summary.errors],
    )


def _finish(
    job: ImportJob,
    status: ImportStatus,
    *,
    summary: ImportSummary | None = None,
    errors: list[dict[str, object]] | None = None,
) -> None:
    values: dict[str, object] = {"status": status, "finished_at": timezone.now()}
    if summary is not None:
        values |= {
            "total_rows": summary.processed_rows,
            "processed_rows": summary.processed_rows,
            "created_count": summary.created,
            "updated_count": summary.updated,
            "error_count": summary.error_count,
            "errors": [error.as_json() for error in summary.errors],
        }
    if errors is not None:
        values |= {"errors": errors, "error_count": len(errors)}
    ImportJob.objects.filter(pk=job.pk).update(**values)
    if default_storage.exists(images_zip_name(job)):
        default_storage.delete(images_zip_name(job))


def _file_error(reason: str, message: str) -> dict[str, object]:
    return {"line": 0, "column": "", "reason": message, "code": reason}
