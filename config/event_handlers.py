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

from tradebridge.catalog.emails import products_moderated_email_send
from tradebridge.catalog.events import CatalogChanged, ProductApproved, ProductSuspended
from tradebridge.catalog.services import supplier_products_changed
from tradebridge.companies.emails import (
    company_suspension_email_send,
    verification_document_reviewed_email_send,
    verification_level_email_send,
)
from tradebridge.companies.events import (
    CompanyKindChanged,
    CompanyProfileEdited,
    CompanyReinstated,
    CompanySuspended,
    CompanyVerificationChanged,
    VerificationDocumentReviewed,
)
from tradebridge.core.emails import current_request_base_url
from tradebridge.core.events import Event, Handler
from tradebridge.core.tasks import enqueue_on_commit, enqueue_on_commit_batched
from tradebridge.messaging.events import ResponseRequestChanged, SupplierResponseStatsChanged
from tradebridge.messaging.tasks import refresh_supplier_response_stats
from tradebridge.orders.events import OrderStatusChanged
from tradebridge.orders.services.documents import documents_on_order_status_changed
from tradebridge.orders.services.payment_events import (
    order_on_dispute_opened,
    order_on_dispute_resolved,
    order_on_dispute_updated,
    order_on_escrow_refunded,
    order_on_escrow_released,
    order_on_instalment_paid,
    order_on_payment_received,
)
from tradebridge.payments.events import (
    DisputeOpened,
    DisputeResolved,
    DisputeUpdated,
    EscrowRefunded,
    EscrowReleased,
    InstalmentPaid,
    PaymentReceived,
)
from tradebridge.rfq.events import RFQOpened
from tradebridge.rfq.matching.tasks import rfq_match_on_opened
from tradebridge.search.tasks import search_sync_on_catalog_changed


def _supplier_products_changed(
    event: CompanySuspended
    | CompanyReinstated
    | CompanyVerificationChanged
    | CompanyProfileEdited
    | CompanyKindChanged
    | SupplierResponseStatsChanged,
) -> None:
    """In the company change's transaction: feed rows for all the company's products."""
    supplier_products_changed(company_id=event.company_id)


def _refresh_response_stats(event: ResponseRequestChanged) -> None:
    """A supplier was asked or answered: recompute its response stats in a task."""
    enqueue_on_commit(refresh_supplier_response_stats, supplier_id=str(event.supplier_id))


# The e-mails below are enqueued after the commit, with the base URL of the operator's request
# being served (if any); without one the task uses SITE_URL.


def _email_company_suspension(event: CompanySuspended | CompanyReinstated) -> None:
    enqueue_on_commit(
        company_suspension_email_send,
        company_id=str(event.company_id),
        base_url=current_request_base_url(),
    )


def _email_verification_level(event: CompanyVerificationChanged) -> None:
    enqueue_on_commit(
        verification_level_email_send,
        company_id=str(event.company_id),
        base_url=current_request_base_url(),
    )


def _email_document_reviewed(event: VerificationDocumentReviewed) -> None:
    enqueue_on_commit(
        verification_document_reviewed_email_send,
        document_id=str(event.document_id),
        base_url=current_request_base_url(),
    )


def _email_product_moderated(event: ProductApproved | ProductSuspended) -> None:
    """The products one transaction moderates (one admin action) make one task, which sends
    one e-mail per supplier."""
    enqueue_on_commit_batched(
        products_moderated_email_send,
        batch_arg="product_ids",
        item=str(event.product_id),
        base_url=current_request_base_url(),
    )


HANDLERS: dict[type[Event], list[Handler]] = {
    CompanySuspended: [_supplier_products_changed, _email_company_suspension],
    CompanyReinstated: [_supplier_products_changed, _email_company_suspension],
    CompanyVerificationChanged: [_supplier_products_changed, _email_verification_level],
    CompanyProfileEdited: [_supplier_products_changed],
    CompanyKindChanged: [_supplier_products_changed],  # a buyer's products are never public
    VerificationDocumentReviewed: [_email_document_reviewed],
    ProductApproved: [_email_product_moderated],
    ProductSuspended: [_email_product_moderated],
    CatalogChanged: [search_sync_on_catalog_changed],  # this node's index follows the feed
    ResponseRequestChanged: [_refresh_response_stats],
    # search shows a supplier's response rate: its products' feed rows re-feed its document
    SupplierResponseStatsChanged: [_supplier_products_changed],
    RFQOpened: [rfq_match_on_opened],  # rank, store and notify the RFQ's suppliers in a task
    # Payments publish inside the transaction that moved the money: the order moves with it.
    PaymentReceived: [order_on_payment_received],  # timeline: a part payment, what is left
    InstalmentPaid: [order_on_instalment_paid],  # deposit -> production, balance -> ready
    DisputeOpened: [order_on_dispute_opened],
    DisputeUpdated: [order_on_dispute_updated],  # timeline; a withdrawal restores the order
    DisputeResolved: [order_on_dispute_resolved],  # the order completes
    EscrowReleased: [order_on_escrow_released],  # timeline
    EscrowRefunded: [order_on_escrow_refunded],  # timeline
    # In the order's transaction: confirmed -> proforma invoice; shipped -> commercial invoice
    # and packing list (numbered gap-free; a failed move gives the numbers back).
    OrderStatusChanged: [documents_on_order_status_changed],
}
