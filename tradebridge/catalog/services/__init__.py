"""Write paths of the catalog, one module per sub-domain; import them from here.

- `products`: product_create / product_update / product_delete (a supplier's member), and
  product_upsert_many / product_upsert_by_sku (the importer);
- `product_writes`: the one write path under them (a batch, one query per table);
- `statuses`: submit, publish (one or many), unpublish (supplier); approve, suspend,
  reinstate (operator);
- `product_data`: ProductData, VariantData and the field rules;
- `categories`: categories_load (the taxonomy file);
- the change feed (`catalog.change_feed`): supplier_products_changed (a company event's
  handler), product_changes_prune (daily).
"""

from tradebridge.catalog.change_feed import product_changes_prune, supplier_products_changed
from tradebridge.catalog.services.categories import CategoryLoadSummary, categories_load
from tradebridge.catalog.services.product_data import ProductData, VariantData, validated
from tradebridge.catalog.services.products import (
    UpsertOutcome,
    product_create,
    product_delete,
    product_update,
    product_upsert_by_sku,
    product_upsert_many,
    products_mark_imported,
)
from tradebridge.catalog.services.statuses import (
    product_approve,
    product_publish,
    product_publish_many,
    product_reinstate,
    product_submit_for_review,
    product_suspend,
    product_unpublish,
    publishes_directly,
)

__all__ = [
    "CategoryLoadSummary",
    "ProductData",
    "UpsertOutcome",
    "VariantData",
    "categories_load",
    "product_approve",
    "product_changes_prune",
    "product_create",
    "product_delete",
    "product_publish",
    "product_publish_many",
    "product_reinstate",
    "product_submit_for_review",
    "product_suspend",
    "product_unpublish",
    "product_update",
    "product_upsert_by_sku",
    "product_upsert_many",
    "products_mark_imported",
    "publishes_directly",
    "supplier_products_changed",
    "validated",
]
