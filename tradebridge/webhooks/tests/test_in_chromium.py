"""The webhook pages in a real browser at 1280 and 390 px: each page opens under the strict
CSP with no console error and no axe-core violation (tests/browser/checks.py fails the test
otherwise), phones get no side-scroll; an owner adds an endpoint (its secret shown once), reads
the delivery log, resends a delivery through HTMX and rotates the secret.
Screenshots: test-artifacts/screenshots/<test>/."""

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from tests.browser.sessions import open_page
from tradebridge.companies.models import Membership
from tradebridge.webhooks.enums import DeliveryStatus
from tradebridge.webhooks.models import (
    OutboxEvent,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
)
from tradebridge.webhooks.tests.conftest import People
from tradebridge.webhooks.tests.receiver import receiving

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Screenshot = Callable[[Page, str], Path]
WIDTHS = [1280, 390]


def _as(browser: Browser, live_server: object, membership: Membership, width: int) -> Page:
    client = Client()
    client.force_login(membership.user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page = open_page(browser, live_server.url, width=width, session=session)  # type: ignore[attr-defined]
    page.set_default_timeout(60_000)  # a busy 2-core machine serves the first page slowly
    return page


def _no_side_scroll(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.url


def _log(people: People, endpoint: WebhookEndpoint) -> WebhookDelivery:
    """Three deliveries: one delivered after a retry, one failing, one given up."""
    now = timezone.now()
    outcomes: list[tuple[DeliveryStatus, list[tuple[int | None, str]]]] = [
        (DeliveryStatus.SUCCEEDED, [(500, ""), (200, "")]),
        (DeliveryStatus.FAILED, [(503, "Service Unavailable")]),
        (DeliveryStatus.DEAD, [(None, "Could not connect.")] * 7),
    ]
    deliveries = []
    for event_type, (status, attempts) in zip(
        ("order.created", "order.paid", "order.shipped"), outcomes, strict=True
    ):
        # Written directly: outbox_add would have the relay post them at once (no transaction).
        event = OutboxEvent.objects.create(
            company_id=people.company.id, event_type=event_type, payload={"order_id": "9f1c"}
        )
        delivery = WebhookDelivery.objects.create(endpoint=endpoint, event=event)
        for n, (code, text) in enumerate(attempts):
            WebhookAttempt.objects.create(
                delivery=delivery,
                attempted_at=now + timedelta(minutes=n),
                status_code=code,
                duration_ms=84,
                error=text if code is None else "",
                response_body=text if code else "",
            )
        code, text = attempts[-1]
        WebhookDelivery.objects.filter(id=delivery.id).update(
            status=status,
            attempts=len(attempts),
            last_status_code=code,
            last_error=text if code is None else "",
            last_response_body=text if code else "",
            next_attempt_at=now + timedelta(minutes=2) if status == DeliveryStatus.FAILED else None,
        )
        deliveries.append(delivery)
    return deliveries[1]


@pytest.mark.parametrize("width", WIDTHS)
def test_an_owner_manages_webhooks(
    people: People, browser: Browser, live_server: object, screenshot: Screenshot, width: int
) -> None:
    page = _as(browser, live_server, people.owner, width)
    page.goto("/company/webhooks/")
    expect(page.locator("main h1")).to_have_text("Webhooks")
    _no_side_scroll(page)
    screenshot(page, f"empty-{width}")

    with receiving((200, "ok")) as receiver:
        page.fill("#id_url", receiver.url)
        page.fill("#id_description", "ERP order feed")
        page.check("input[name=event_types][value='order.paid']")
        page.check("input[name=event_types][value='order.shipped']")
        page.click("main form button[type=submit]")
        endpoint = WebhookEndpoint.objects.get()
        expect(page.locator("#secret-value")).to_have_value(endpoint.secret)
        _no_side_scroll(page)
        screenshot(page, f"added-{width}")

        failing = _log(people, endpoint)
        page.goto(f"/company/webhooks/{endpoint.pk}/")
        expect(page.locator("#deliveries")).to_be_visible()
        expect(page.locator(f"#delivery-{failing.pk}")).to_contain_text("HTTP 503")
        _no_side_scroll(page)
        screenshot(page, f"log-{width}")

        page.locator(f"#delivery-{failing.pk} button", has_text="Resend").click()
        expect(page.locator(f"#delivery-{failing.pk}")).to_contain_text("Resent")
        _no_side_scroll(page)
        screenshot(page, f"resent-{width}")

    page.click("button:has-text('Rotate secret')")
    endpoint.refresh_from_db()
    expect(page.locator("#secret-value")).to_have_value(endpoint.secret)
    expect(page.locator("main")).to_contain_text("The previous secret also signs until")
    _no_side_scroll(page)
    screenshot(page, f"rotated-{width}")
    assert [r.headers["webhook-id"] for r in receiver.requests] == [failing.event.event_id]


@pytest.mark.parametrize("width", WIDTHS)
def test_a_viewer_reads_the_log(
    people: People, browser: Browser, live_server: object, screenshot: Screenshot, width: int
) -> None:
    endpoint = WebhookEndpoint.objects.create(
        company=people.company, url="https://erp.lyon-sports.example/hooks", description="ERP"
    )
    _log(people, endpoint)
    page = _as(browser, live_server, people.viewer, width)
    page.goto(f"/company/webhooks/{endpoint.pk}/")
    expect(page.locator("main h1")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Resend")
    _no_side_scroll(page)
    screenshot(page, f"viewer-log-{width}")
