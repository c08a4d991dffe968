import uuid

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tradebridge.core.models import AuditEvent
from tradebridge.core.services.audit import audit_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator_client(client):
    operator = get_user_model().objects.create_superuser(email="ops@example.com", password="x" * 12)
    client.force_login(operator)
    return client


@pytest.fixture
def event():
    return audit_record(
        action="quote.accepted",
        object_type="quote",
        object_id=uuid.uuid4(),
        company_id=uuid.uuid4(),
    )


@pytest.mark.parametrize("model", ["auditevent", "fxrate", "idempotencyrecord"])
def test_the_operator_can_list_core_records(operator_client, event, model):
    response = operator_client.get(reverse(f"admin:core_{model}_changelist"))

    assert response.status_code == 200


def test_an_audit_event_is_shown_but_cannot_be_changed(operator_client, event):
    url = reverse("admin:core_auditevent_change", args=[event.pk])

    page = operator_client.get(url)
    post = operator_client.post(url, {"action": "forged"})

    assert page.status_code == 200
    assert "quote.accepted" in page.content.decode()
    assert post.status_code == 403
    event.refresh_from_db()
    assert event.action == "quote.accepted"


def test_audit_events_cannot_be_added_or_deleted(operator_client, event):
    add = operator_client.get(reverse("admin:core_auditevent_add"))
    delete = operator_client.post(
        reverse("admin:core_auditevent_delete", args=[event.pk]), {"post": "yes"}
    )

    assert add.status_code == 403
    assert delete.status_code == 403
    assert AuditEvent.objects.count() == 1
