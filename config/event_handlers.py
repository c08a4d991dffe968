"""The one explicit map from domain events to the handlers that react to them.

It lives in the project package because it may import every app; the apps themselves
never import one another upward. `config.apps.ProjectConfig.ready()` installs it into
`tradebridge.core.events` at startup. Add a line per reaction, e.g.::

    from tradebridge.orders.services import order_mark_funded
    from tradebridge.payments.events import EscrowFunded

    HANDLERS = {EscrowFunded: [order_mark_funded_on_escrow_funded]}

Handlers take the event and return nothing. They should be cheap and idempotent; slow or
external work belongs in a task enqueued by the handler (see docs/tasks.md).
"""

from tradebridge.catalog.events import CatalogChanged
from tradebridge.catalog.services import supplier_products_changed
from tradebridge.companies.events import (
    CompanyKindChanged,
    CompanyProfileEdited,
    CompanyReinstated,
    CompanySuspended,
    CompanyVerificationChanged,
)
from tradebridge.core.events import Event, Handler
from tradebridge.search.tasks import search_sync_on_catalog_changed


def _supplier_products_changed(
    event: CompanySuspended
    | CompanyReinstated
    | CompanyVerificationChanged
    | CompanyProfileEdited
    | CompanyKindChanged,
) -> None:
    """In the company change's transaction: feed rows for all the company's products."""
    supplier_products_changed(company_id=event.company_id)


HANDLERS: dict[type[Event], list[Handler]] = {
    CompanySuspended: [_supplier_products_changed],
    CompanyReinstated: [_supplier_products_changed],
    CompanyVerificationChanged: [_supplier_products_changed],
    CompanyProfileEdited: [_supplier_products_changed],
    CompanyKindChanged: [_supplier_products_changed],  # a buyer's products are never public
    CatalogChanged: [search_sync_on_catalog_changed],  # this node's index follows the feed
}
