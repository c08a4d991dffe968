"""E-mails the catalog sends to suppliers, as background tasks enqueued after the commit by
the event map (`config/event_handlers.py`). They take ids and the `base_url` of links, and
send nothing when the product has since moved on."""

from django.tasks import task
from django.urls import reverse

from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.models import Product
from tradebridge.companies.emails import company_recipients
from tradebridge.companies.permissions import Permission
from tradebridge.core.emails import email_send


@task()
def product_moderated_email_send(*, product_id: str, base_url: str = "") -> None:
    """Tell the supplier's catalog managers (owners, admins, sales) that an operator approved
    or suspended the product (with the reason). Sends nothing unless it is still published
    after an approval or still suspended."""
    product = Product.objects.select_related("supplier").filter(id=product_id).first()
    if product is None or product.status not in {ProductStatus.PUBLISHED, ProductStatus.SUSPENDED}:
        return
    verb = "approved" if product.status == ProductStatus.PUBLISHED else "suspended"
    path = reverse("catalog_manage_edit", kwargs={"product_id": product.id})
    for recipient in company_recipients(
        company_id=product.supplier_id, permission=Permission.MANAGE_CATALOG
    ):
        email_send(
            to=recipient.email,
            language=recipient.language,
            template=f"catalog/email/product_{verb}",
            context={"product": product, "company": product.supplier, "path": path},
            base_url=base_url or None,
        )
