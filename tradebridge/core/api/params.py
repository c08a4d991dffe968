"""Parameter types whose OpenAPI schema says exactly what the server accepts.

A client generated from the document (or schemathesis) must never meet a value the schema
allows and the server refuses, nor the reverse: `OneOf` validates against the same list it
publishes as the `enum`. Usage: `Annotated[str, one_of(["EUR", "USD"], any_case=True)]`.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic_core import PydanticCustomError, core_schema

# PostgreSQL's text cannot hold NUL (0x00) and SQLite's can: free-text parameters refuse it
# on every database alike (422), and their schema says so.
NO_NUL = r"^[^\x00]*$"
NO_NUL_NOT_BLANK = r"^[^\x00]*[^\x00\s][^\x00]*$"


@dataclass(frozen=True)
class OneOf:
    """A string among `choices`, published as an enum."""

    choices: tuple[str, ...]
    description: str = ""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(self._check, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        published: dict[str, Any] = {"type": "string", "enum": list(self.choices)}
        if self.description:
            published["description"] = self.description
        return published

    def _check(self, value: str) -> str:
        if value not in self.choices:
            raise PydanticCustomError("one_of", "Must be one of the listed values.")
        return value


def one_of(choices: Iterable[str], *, any_case: bool = False, description: str = "") -> OneOf:
    """`OneOf` the `choices`, also in lower case with `any_case`."""
    allowed = set(choices)
    if any_case:
        allowed |= {choice.lower() for choice in allowed}
    return OneOf(choices=tuple(sorted(allowed)), description=description)
