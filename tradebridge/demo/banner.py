"""The demo logins `tradebridge serve` prints, for the demo users present in this database,
and where the demo's trading history shows once it is loaded."""

from typing import Final

from django.db import DatabaseError

from tradebridge.accounts.models import User
from tradebridge.demo.history.rfq_data import DEMO_RFQS
from tradebridge.demo.marketplace import DEMO_LOGINS, DEMO_PASSWORD
from tradebridge.rfq.models import RFQ

HISTORY_TOUR: Final = (
    "  Trading history (RFQs, quotes, a deal, conversations):",
    "    jonas.weber@rheinsport.example      buyer: /rfqs/ (quotes side by side), /deals/,"
    " /messages/ (unread replies)",
    "    chen.jie@haicang-sports.example     supplier: /supplier/rfqs/ (RFQs for you, ranked),"
    " /messages/",
    "    ye.na@homewell-appliance.example    supplier: a counter-offer to answer, a new RFQ",
)

ORDERS_TOUR: Final = (
    "  Orders and money (every status, disputes, bank transfers, payouts):",
    "    jonas.weber@rheinsport.example      buyer: /orders/ (My orders: a deal's order, a"
    " dispute, two suppliers in one purchase)",
    "    chen.jie@haicang-sports.example     supplier: /supplier/orders/ (one to confirm, a"
    " dispute to answer), Settings > Webhooks",
    "    operator@tradebridge.example        operator: /admin/ (bank transfers held for review,"
    " disputes, payouts)",
)


def demo_login_lines() -> list[str]:
    """The demo logins that exist in this database (none before `tradebridge demo`), and the
    tour of the trading history when it is loaded."""
    emails = [login.email for login in DEMO_LOGINS]
    try:
        present = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
        history = RFQ.objects.filter(title__in=[scene.title for scene in DEMO_RFQS]).exists()
    except DatabaseError:
        return ["  (database not migrated: run `tradebridge migrate` and `tradebridge demo`)"]
    if not present:
        return []
    rows = [
        f"    {login.email:<38} {login.description}"
        for login in DEMO_LOGINS
        if login.email in present
    ]
    tour = (*HISTORY_TOUR, *ORDERS_TOUR) if history else ()
    return [f"  Demo logins (password {DEMO_PASSWORD}):", *rows, *tour]
