"""The demo logins `tradebridge serve` prints, for the demo users present in this database."""

from django.db import DatabaseError

from tradebridge.accounts.models import User
from tradebridge.demo.marketplace import DEMO_LOGINS, DEMO_PASSWORD


def demo_login_lines() -> list[str]:
    """The demo logins that exist in this database (none before `tradebridge demo`)."""
    emails = [login.email for login in DEMO_LOGINS]
    try:
        present = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    except DatabaseError:
        return ["  (database not migrated: run `tradebridge migrate` and `tradebridge demo`)"]
    if not present:
        return []
    rows = [
        f"    {login.email:<38} {login.description}"
        for login in DEMO_LOGINS
        if login.email in present
    ]
    return [f"  Demo logins (password {DEMO_PASSWORD}):", *rows]
