"""The errors of the search service (see also `store.SearchUnavailable`)."""

from typing import Final

from tradebridge.core.errors import ValidationFailed
from tradebridge.search.types import MAX_PAGE, MAX_PAGE_SIZE

MAX_NUMBER: Final = 2**31 - 1  # ids, quantities and days beyond this are not ours


class InvalidSearch(ValidationFailed):
    code = "invalid_search"
    default_message = "The search parameters are not valid."


def paging_problems(page: int, page_size: int) -> dict[str, str]:
    """What is wrong with a search's page and page size (the same rule for every search)."""
    problems: dict[str, str] = {}
    if page < 1:
        problems["page"] = "must be 1 or more"
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        problems["page_size"] = f"must be between 1 and {MAX_PAGE_SIZE}"
    if page > MAX_PAGE:
        problems["page"] = f"must be at most {MAX_PAGE}"
    return problems
