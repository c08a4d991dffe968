import uuid
from datetime import date
from decimal import Decimal

import pytest

from tradebridge.core.models import AuditEvent
from tradebridge.core.services.audit import audit_record

pytestmark = pytest.mark.django_db


def test_records_who_did_what_to_which_object():
    user, company, quote = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()

    event = audit_record(
        action="quote.accepted",
        object_type="quote",
        object_id=quote,
        actor_user_id=user,
        company_id=company,
        data={"total": Decimal("12.50"), "valid_until": date(2026, 12, 1), "order": quote},
        ip="203.0.113.7",
    )

    event.refresh_from_db()
    assert (event.action, event.object_type, event.object_id) == (
        "quote.accepted",
        "quote",
        str(quote),
    )
    assert (event.actor_user_id, event.company_id, event.ip) == (user, company, "203.0.113.7")
    assert event.data == {"total": "12.50", "valid_until": "2026-12-01", "order": str(quote)}
    assert event.occurred_at is not None


def test_system_events_have_no_actor_or_company():
    event = audit_record(action="fx.imported", object_type="fx_rate", object_id="ECB")

    assert (event.actor_user_id, event.company_id, event.data, event.ip) == (None, None, {}, None)
    assert AuditEvent.objects.count() == 1
