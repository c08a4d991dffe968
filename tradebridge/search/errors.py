"""The errors of the search service (see also `store.SearchUnavailable`)."""

from typing import Final

from tradebridge.core.errors import ValidationFailed

MAX_NUMBER: Final = 2**31 - 1  # ids, quantities and days beyond this are not ours


class InvalidSearch(ValidationFailed):
    code = "invalid_search"
    default_message = "The search parameters are not valid."
