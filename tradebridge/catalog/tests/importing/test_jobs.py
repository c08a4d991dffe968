"""Import jobs as services: who may start one, and a job runs once."""

import pytest
from django.core.files.base import ContentFile

from tradebridge.catalog.enums import ImportStatus
from tradebridge.catalog.importing.jobs import import_job_create, import_job_process
from tradebridge.catalog.models import ImportJob, Product
from tradebridge.catalog.tests.importing.catalog_files import GOOD, csv_bytes
from tradebridge.core.errors import PermissionDenied

pytestmark = pytest.mark.usefixtures("categories")


def catalog_file(name="catalog.csv"):
    return ContentFile(csv_bytes(GOOD), name=name)


@pytest.mark.parametrize("actor", ["purchaser", "viewer", "buyer_owner"])
def test_only_catalog_managers_of_a_supplier_start_a_job(team, actor):
    with pytest.raises(PermissionDenied):
        import_job_create(actor=team.member(actor), file=catalog_file())

    assert not ImportJob.objects.exists()


def test_a_job_runs_once(team, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = import_job_create(actor=team.admin, file=catalog_file())
    assert len(callbacks) == 1  # the task is enqueued after the commit
    job.refresh_from_db()
    assert job.status == ImportStatus.QUEUED

    import_job_process(job_id=job.pk)
    Product.objects.all().delete()
    import_job_process(job_id=job.pk)

    job.refresh_from_db()
    assert (job.status, job.created_count, job.total_rows) == (ImportStatus.SUCCEEDED, 2, 2)
    assert job.started_at is not None
    assert job.finished_at is not None
    assert not Product.objects.exists()  # the second run did nothing
