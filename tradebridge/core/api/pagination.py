"""Page-number pagination for every list endpoint of the API.

Usage on a ninja operation::

    @router.get("/things", response=list[ThingOut])
    @paginate(PagePagination)
    def list_things(request: HttpRequest) -> QuerySet[Thing]: ...

The response is `{"count": int, "page": int, "page_size": int, "results": [...]}`.
A page past the end answers with empty `results` and the true `count`, never an error.
"""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


class PagePagination(PaginationBase):
    """`page` (from 1) and `page_size` (1..100, default 20); counts the whole list once."""

    items_attribute = "results"

    class Input(Schema):
        page: int = Field(1, ge=1, description="Page number, starting at 1.")
        page_size: int = Field(
            DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Items per page (1-100)."
        )

    class Output(Schema):
        count: int
        page: int
        page_size: int
        results: list[Any]

    def paginate_queryset(
        self,
        queryset: QuerySet[Any],
        pagination: Input,
        request: HttpRequest,
        **params: Any,
    ) -> dict[str, Any]:
        count = self._items_count(queryset)
        offset = (pagination.page - 1) * pagination.page_size
        # Past the end we skip the query: a huge page number must not reach the database.
        results = [] if offset >= count else list(queryset[offset : offset + pagination.page_size])
        return {
            "count": count,
            "page": pagination.page,
            "page_size": pagination.page_size,
            "results": results,
        }
