"""Background work of the catalog. Tasks take ids as strings, load, call one service."""

from django.tasks import task

from tradebridge.catalog.importing.jobs import import_job_process


@task()
def import_job_run(*, job_id: str) -> None:
    """Run a queued catalog import job (a no-op when it already ran or is running)."""
    import_job_process(job_id=job_id)
