"""The search index fixtures, offered to every app's tests by the root conftest.py
(`pytest_plugins`): `search_index` is a real index in a temporary directory that follows the
catalog."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tradebridge.search.engine import engine_caches_clear
from tradebridge.search.services.indexing import search_reindex
from tradebridge.search.store import reader_reset


@pytest.fixture(autouse=True)
def _search_index_elsewhere(
    settings: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    """No test ever writes the developer's index (var/search): without `search_index` the
    directory is empty, so syncs triggered by catalog changes do nothing."""
    settings.SEARCH_INDEX_DIR = tmp_path_factory.mktemp("no-search-index")
    reader_reset()
    engine_caches_clear()
    yield
    reader_reset()
    engine_caches_clear()


@pytest.fixture
def search_index(db: None, settings: Any, tmp_path: Path, _search_index_elsewhere: None) -> Path:
    """An index of the test database's visible products in `tmp_path`, live and followed:
    a product created, changed or published in the test is searchable once its transaction
    commits (use `django_capture_on_commit_callbacks(execute=True)` or a transactional test).
    Keywords only (see `search_index_with_vectors`). Returns the index directory."""
    settings.SEARCH_INDEX_DIR = tmp_path / "search"
    reader_reset()
    search_reindex()  # keywords only: embedding every product is slow
    return Path(settings.SEARCH_INDEX_DIR)


@pytest.fixture
def search_index_with_vectors(search_index: Path) -> Path:
    """`search_index` with the products' meaning vectors (cross-language search): rebuilt
    with vectors, and every synced change embedded. Slower: use it where meaning matters."""
    search_reindex(vectors=True)
    return search_index
