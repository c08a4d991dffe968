"""Load the shipped Google Product Taxonomy, so categories exist right after `migrate`.

Only into an empty table: later changes of the file are applied by `tradebridge
load-categories`, which updates in place. The parser is imported from the app because it
is a pure function of the file; the rows are written through the historical model.
"""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from tradebridge.catalog.taxonomy import read_taxonomy


def load(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    category = apps.get_model("catalog", "Category")
    if category.objects.exists():
        return
    nodes = sorted(read_taxonomy(), key=lambda node: node.depth)
    category.objects.bulk_create(
        [
            category(
                id=node.id,
                parent_id=node.parent_id,
                name=node.name,
                path=node.path,
                depth=node.depth,
            )
            for node in nodes
        ],
        batch_size=500,
    )


def unload(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    category = apps.get_model("catalog", "Category")
    apps.get_model("catalog", "Product").objects.update(category=None)
    for depth in sorted(set(category.objects.values_list("depth", flat=True)), reverse=True):
        category.objects.filter(depth=depth).delete()


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
