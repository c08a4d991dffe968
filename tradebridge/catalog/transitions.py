"""The product status table. Who may take each step is decided by the services:

- a supplier submits a draft for review, publishes (directly when its company is business
  verified or audited, otherwise the product waits in review), or unpublishes back to draft;
- an operator approves a product in review, suspends any product with a reason, and
  reinstates a suspended one (to published if it had been published before, else to draft).
"""

from typing import Final

from tradebridge.catalog.enums import ProductStatus

PRODUCT_TRANSITIONS: Final[dict[ProductStatus, frozenset[ProductStatus]]] = {
    ProductStatus.DRAFT: frozenset(
        {ProductStatus.PENDING_REVIEW, ProductStatus.PUBLISHED, ProductStatus.SUSPENDED}
    ),
    ProductStatus.PENDING_REVIEW: frozenset(
        {ProductStatus.PUBLISHED, ProductStatus.DRAFT, ProductStatus.SUSPENDED}
    ),
    ProductStatus.PUBLISHED: frozenset({ProductStatus.DRAFT, ProductStatus.SUSPENDED}),
    ProductStatus.SUSPENDED: frozenset({ProductStatus.PUBLISHED, ProductStatus.DRAFT}),
}
