"""A thread about a product with its own title, in a real browser at 1280 and 390 px: the
subject and the title each on their own line, no side-scroll, no console error, no axe-core
violation. Screenshots: test-artifacts/screenshots/<test>/."""

import uuid

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.sessions import open_page
from tradebridge.messaging.enums import SubjectKind
from tradebridge.messaging.models import Thread

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 390])
def test_the_subject_and_the_title_show_apart(parties, browser, live_server, screenshot, width):
    thread = Thread.objects.create(
        buyer=parties.buyer,
        supplier=parties.supplier,
        started_by_company=parties.buyer,
        subject_kind=SubjectKind.PRODUCT,
        subject_id=uuid.uuid4(),
        subject_label="Match football size 5",
        title="Colours for the spring range",
        last_message_at=timezone.now(),
    )
    client = Client()
    client.force_login(parties.purchaser.user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page = open_page(browser, live_server.url, width=width, session=session)
    page.goto(f"/messages/{thread.id}/")
    expect(page.locator("#thread-subject")).to_have_text("Product: Match football size 5")
    expect(page.locator("#thread-title")).to_have_text("Colours for the spring range")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, "thread")
