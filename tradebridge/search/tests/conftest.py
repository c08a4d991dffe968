import pytest

from tradebridge.search.tests.shelf import Shelf, build_shelf


@pytest.fixture
def shelf(search_index: object) -> Shelf:
    """The small marketplace of `shelf.py`, indexed (API, page and use-case tests)."""
    return build_shelf()
