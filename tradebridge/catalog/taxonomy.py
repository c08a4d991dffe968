"""The Google Product Taxonomy file: reading it into category nodes. Pure, no ORM.

Google's format is one category per line, `id - Level 1 > Level 2 > ...`, after a
`# Google_Product_Taxonomy_Version: ...` header. A parent always has a shorter path than
its children, so sorting by depth gives an order in which every parent comes first.
The file shipped with the app is `data/taxonomy/taxonomy-with-ids.en-US.txt` (see
SOURCE.md there); `tradebridge load-categories` loads it.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tradebridge.core.errors import ValidationFailed

TAXONOMY_FILE = (
    Path(__file__).resolve().parent / "data" / "taxonomy" / "taxonomy-with-ids.en-US.txt"
)
PATH_SEPARATOR = " > "


class TaxonomyInvalid(ValidationFailed):
    """details: `line` (1-based) and `reason`."""

    code = "taxonomy_invalid"
    default_message = "The taxonomy file is not valid."


@dataclass(frozen=True, slots=True)
class TaxonomyNode:
    id: int
    name: str
    path: str
    parent_id: int | None
    depth: int  # 0 for a top-level category


def parse_taxonomy(lines: Iterable[str]) -> list[TaxonomyNode]:
    """Nodes in file order, parents before children. Raises TaxonomyInvalid on a malformed
    line, a duplicate id or path, or a category whose parent path is missing."""
    ids_by_path: dict[str, int] = {}
    seen_ids: set[int] = set()
    nodes: list[TaxonomyNode] = []
    for number, raw in enumerate(lines, start=1):
        line = raw.strip().lstrip("\ufeff")
        if not line or line.startswith("#"):
            continue
        category_id, raw_path = _split_line(line, number)
        segments = [segment.strip() for segment in raw_path.split(">")]
        if not all(segments):
            raise TaxonomyInvalid(line=number, reason="empty level in the path")
        path = PATH_SEPARATOR.join(segments)
        parent_id = _parent_id(ids_by_path, segments, number)
        if path in ids_by_path or category_id in seen_ids:
            raise TaxonomyInvalid(line=number, reason="duplicate id or path")
        ids_by_path[path] = category_id
        seen_ids.add(category_id)
        nodes.append(
            TaxonomyNode(
                id=category_id,
                name=segments[-1],
                path=path,
                parent_id=parent_id,
                depth=len(segments) - 1,
            )
        )
    return nodes


def read_taxonomy(path: Path = TAXONOMY_FILE) -> list[TaxonomyNode]:
    """Parse a taxonomy file (UTF-8). Raises TaxonomyInvalid or OSError."""
    with path.open(encoding="utf-8") as source:
        return parse_taxonomy(source)


def _split_line(line: str, number: int) -> tuple[int, str]:
    head, separator, path = line.partition(" - ")
    if not separator or not head.isascii() or not head.isdigit() or not path.strip():
        raise TaxonomyInvalid(line=number, reason="expected 'id - Level 1 > Level 2'")
    category_id = int(head)
    if not 0 < category_id < 2**31:
        raise TaxonomyInvalid(line=number, reason="id out of range")
    return category_id, path.strip()


def _parent_id(ids_by_path: dict[str, int], segments: list[str], number: int) -> int | None:
    if len(segments) == 1:
        return None
    parent_path = PATH_SEPARATOR.join(segments[:-1])
    if parent_path not in ids_by_path:
        raise TaxonomyInvalid(line=number, reason=f"parent '{parent_path}' is not listed before")
    return ids_by_path[parent_path]
