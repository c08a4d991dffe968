"""Background work of search: applying the catalog's change feed to this node's index."""

from django.tasks import task

from tradebridge.catalog.events import CatalogChanged
from tradebridge.core.tasks import enqueue_on_commit
from tradebridge.search.services.indexing import search_sync


@task()
def search_sync_task() -> dict[str, int]:
    """Apply the feed rows the index has not applied yet (idempotent: a retry or a second
    run applies nothing new)."""
    summary = search_sync()
    return {"applied": summary.applied, "watermark": summary.watermark}


def search_sync_on_catalog_changed(event: CatalogChanged) -> None:
    """Handler of CatalogChanged (published after the commit): enqueue one sync."""
    enqueue_on_commit(search_sync_task)
