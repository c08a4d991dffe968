"""Loading the category tree from a Google Product Taxonomy file (`tradebridge load-categories`)."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db import transaction

from tradebridge.catalog.models import Category
from tradebridge.catalog.taxonomy import TaxonomyNode

_FIELDS = ("parent_id", "name", "path", "depth")


@dataclass(frozen=True, slots=True)
class CategoryLoadSummary:
    created: int
    updated: int
    unchanged: int
    not_in_file: int  # kept: products may still point at them


def categories_load(
    *, nodes: Sequence[TaxonomyNode], on_progress: Callable[[int, int], None] | None = None
) -> CategoryLoadSummary:
    """Create missing categories and update changed ones (name, path, parent, depth), parents
    first, in one transaction. Idempotent: loading the same file again changes nothing.
    Categories missing from the file are kept and counted."""
    ordered = sorted(nodes, key=lambda node: node.depth)
    created = updated = unchanged = 0
    with transaction.atomic():
        existing = Category.objects.in_bulk()
        to_create: list[Category] = []
        to_update: list[Category] = []
        for done, node in enumerate(ordered, start=1):
            wanted = {
                "parent_id": node.parent_id,
                "name": node.name,
                "path": node.path,
                "depth": node.depth,
            }
            category = existing.get(node.id)
            if category is None:
                to_create.append(Category(id=node.id, **wanted))
            elif any(getattr(category, name) != value for name, value in wanted.items()):
                for name, value in wanted.items():
                    setattr(category, name, value)
                to_update.append(category)
            else:
                unchanged += 1
            if on_progress is not None and (done % 500 == 0 or done == len(ordered)):
                on_progress(done, len(ordered))
        Category.objects.bulk_create(to_create, batch_size=500)
        Category.objects.bulk_update(to_update, _FIELDS, batch_size=500)
        created, updated = len(to_create), len(to_update)
        in_file = {node.id for node in nodes}
        not_in_file = sum(1 for category_id in existing if category_id not in in_file)
    return CategoryLoadSummary(created, updated, unchanged, not_in_file)
