"""E-mails the catalog sends to suppliers, as background tasks enqueued after the commit by
the event map (`config/event_handlers.py`). They take ids and the `base_url` of links, and
send nothing about a product that has since moved on."""

import uuid
from collections.abc import Iterable

from django.tasks import task
from django.urls import reverse

from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.models import Product
from tradebridge.companies.emails import company_recipients
from tradebridge.companies.permissions import Permission
from tradebridge.core.emails import email_send

_MODERATED = (ProductStatus.PUBLISHED, ProductStatus.SUSPENDED)


@task()
def products_moderated_email_send(*, product_ids: list[str], base_url: str = "") -> None:
    """Tell the suppliers' catalog managers (owners, admins, sales) that an operator approved
    or suspended these products (one admin action's): one e-mail per supplier and decision,
    listing the products with their links, suspensions grouped only when they share the reason;
    a product alone gets its own e-mail. Products no longer published (after an approval) or
    suspended are left out."""
    products = (
        Product.objects.select_related("supplier")
        .filter(id__in=product_ids, status__in=_MODERATED)
        .order_by("title", "id")
    )
    groups: dict[tuple[uuid.UUID, str, str], list[Product]] = {}
    for product in products:
        reason = product.status_reason if product.status == ProductStatus.SUSPENDED else ""
        groups.setdefault((product.supplier_id, product.status, reason), []).append(product)
    for group in groups.values():
        _send(group, base_url)


@task()
def product_moderated_email_send(*, product_id: str, base_url: str = "") -> None:
    """One product's e-mail: kept for the tasks queued before e-mails were grouped."""
    products_moderated_email_send.call(product_ids=[product_id], base_url=base_url)


def _send(products: list[Product], base_url: str) -> None:
    """One supplier's products with one decision (and reason): a list, or one product."""
    first = products[0]
    verb = "approved" if first.status == ProductStatus.PUBLISHED else "suspended"
    company = first.supplier
    if len(products) == 1:
        template = f"catalog/email/product_{verb}"
        context: dict[str, object] = {"product": first, "path": _path(first)}
    else:
        template = f"catalog/email/products_{verb}"
        context = {
            "items": list(_items(products)),
            "reason": first.status_reason,
            "path": reverse("catalog_manage_list"),
        }
    for recipient in company_recipients(
        company_id=company.id, permission=Permission.MANAGE_CATALOG
    ):
        email_send(
            to=recipient.email,
            language=recipient.language,
            template=template,
            context={**context, "company": company},
            base_url=base_url or None,
        )


def _items(products: Iterable[Product]) -> Iterable[dict[str, object]]:
    for product in products:
        yield {"product": product, "path": _path(product)}


def _path(product: Product) -> str:
    return reverse("catalog_manage_edit", kwargs={"product_id": product.id})
