"""Products as the subject of a buyer's thread with their supplier (messaging's registry,
`messaging.subjects`; registered in CatalogConfig.ready())."""

import uuid

from tradebridge.catalog.selectors import product_get_public
from tradebridge.core.errors import NotFound
from tradebridge.messaging.subjects import SubjectInfo


def product_subject(product_id: uuid.UUID) -> SubjectInfo | None:
    """A published product's title and supplier; None when it is not public."""
    try:
        product = product_get_public(product_id=product_id)
    except NotFound:
        return None
    return SubjectInfo(label=product.title, supplier_id=product.supplier_id)
