"""The retry schedule (pure) and the signed message, checked with the reference verifier."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from standardwebhooks import Webhook

from tradebridge.webhooks.backoff import RETRY_SCHEDULE, retry_delay
from tradebridge.webhooks.models import new_webhook_secret
from tradebridge.webhooks.signing import event_body, signed_headers


@pytest.mark.parametrize(
    ("failures", "delay"),
    [
        (1, timedelta(seconds=30)),
        (2, timedelta(minutes=2)),
        (3, timedelta(minutes=10)),
        (4, timedelta(hours=1)),
        (5, timedelta(hours=6)),
        (6, timedelta(hours=24)),
        (7, None),
        (50, None),
    ],
)
def test_the_schedule_without_jitter(failures: int, delay: timedelta | None) -> None:
    assert retry_delay(failures, unit=lambda: 0.5) == delay


def test_the_jitter_bounds() -> None:
    for failures, base in enumerate(RETRY_SCHEDULE, start=1):
        assert retry_delay(failures, unit=lambda: 0.0) == base * 0.9
        low = retry_delay(failures, unit=lambda: 0.0)
        high = retry_delay(failures, unit=lambda: 0.9999999)
        assert low is not None
        assert high is not None
        assert low < base < high < base * 1.1


def test_no_failure_has_no_delay() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        retry_delay(0)


def test_a_secret_has_the_standard_format() -> None:
    secret = new_webhook_secret()

    assert secret.startswith("whsec_")
    assert len(secret) == 6 + 44
    assert secret != new_webhook_secret()


def test_the_body_is_compact_sorted_json() -> None:
    created = datetime(2026, 12, 7, 21, 30, 5, 123000, tzinfo=UTC)

    body = event_body(
        event_id="evt_1", event_type="order.paid", created_at=created, data={"b": 1, "a": "x"}
    )

    assert body == (
        '{"data":{"a":"x","b":1},"id":"evt_1",'
        '"timestamp":"2026-12-07T21:30:05.123000Z","type":"order.paid"}'
    )


def test_headers_verify_with_each_secret_and_not_with_another() -> None:
    first, second, stranger = new_webhook_secret(), new_webhook_secret(), new_webhook_secret()
    now = timezone.now()
    body = json.dumps({"type": "order.paid"})

    headers = signed_headers(msg_id="evt_1", timestamp=now, body=body, secrets=[first, second])

    assert headers["webhook-id"] == "evt_1"
    assert headers["webhook-timestamp"] == str(int(now.timestamp()))
    assert Webhook(first).verify(body, headers) == {"type": "order.paid"}
    assert Webhook(second).verify(body, headers) == {"type": "order.paid"}
    with pytest.raises(Exception, match="No matching signature"):
        Webhook(stranger).verify(body, headers)
    with pytest.raises(Exception, match="No matching signature"):
        Webhook(first).verify(body + " ", headers)


def test_signing_needs_a_secret() -> None:
    with pytest.raises(ValueError, match="secret"):
        signed_headers(msg_id="evt_1", timestamp=timezone.now(), body="{}", secrets=[])
