import pytest

from tradebridge.search.tests.shelf import Shelf, build_shelf


@pytest.fixture
def shelf(search_index: object) -> Shelf:
    return build_shelf()
