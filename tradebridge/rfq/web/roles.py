"""Which side of the RFQ pages a company may open: the buyer's pages exist for buyer (or
both) companies, the supplier's for supplier (or both) companies; to the others they are not
there (404), as the catalog's pages are not there for a buyer."""

from tradebridge.companies.enums import CompanyKind
from tradebridge.companies.models import Membership
from tradebridge.core.errors import NotFound


def is_buyer(actor: Membership) -> bool:
    return actor.company.kind in (CompanyKind.BUYER, CompanyKind.BOTH)


def is_supplier(actor: Membership) -> bool:
    return actor.company.kind in (CompanyKind.SUPPLIER, CompanyKind.BOTH)


def ensure_buyer(actor: Membership) -> None:
    if not is_buyer(actor):
        raise NotFound()


def ensure_supplier(actor: Membership) -> None:
    if not is_supplier(actor):
        raise NotFound()
