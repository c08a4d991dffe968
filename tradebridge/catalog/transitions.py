"""The product status tables: who may move a product from which status to which.

- A supplier submits a draft for review, publishes (directly when its company is business
  verified or audited, otherwise the product waits in review), or unpublishes back to draft.
  A supplier never moves a product into or out of `suspended`.
- An operator approves a product in review, suspends any product with a reason, and
  reinstates a suspended one (to published if it had been published before, else to draft).
"""

from typing import Final

from tradebridge.catalog.enums import ProductStatus

type Table = dict[ProductStatus, frozenset[ProductStatus]]

_DRAFT, _REVIEW = ProductStatus.DRAFT, ProductStatus.PENDING_REVIEW
_PUBLISHED, _SUSPENDED = ProductStatus.PUBLISHED, ProductStatus.SUSPENDED

SUPPLIER_TRANSITIONS: Final[Table] = {
    _DRAFT: frozenset({_REVIEW, _PUBLISHED}),
    _REVIEW: frozenset({_PUBLISHED, _DRAFT}),
    _PUBLISHED: frozenset({_DRAFT}),
}
APPROVE_TRANSITIONS: Final[Table] = {_REVIEW: frozenset({_PUBLISHED})}
SUSPEND_TRANSITIONS: Final[Table] = {
    status: frozenset({_SUSPENDED}) for status in (_DRAFT, _REVIEW, _PUBLISHED)
}
REINSTATE_TRANSITIONS: Final[Table] = {_SUSPENDED: frozenset({_PUBLISHED, _DRAFT})}

# Every move anyone may make (for documentation and the admin).
PRODUCT_TRANSITIONS: Final[Table] = {
    status: frozenset().union(
        *(
            table.get(status, frozenset())
            for table in (
                SUPPLIER_TRANSITIONS,
                APPROVE_TRANSITIONS,
                SUSPEND_TRANSITIONS,
                REINSTATE_TRANSITIONS,
            )
        )
    )
    for status in ProductStatus
}
