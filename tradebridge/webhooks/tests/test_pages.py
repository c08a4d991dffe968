"""The webhook pages of the company settings: list and add endpoints (the secret shown once),
an endpoint's page with its delivery log, edit, reveal and rotate the secret, resend (HTMX),
send a test event, remove."""

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tradebridge.companies.models import Membership
from tradebridge.webhooks.enums import DeliveryStatus
from tradebridge.webhooks.models import OutboxEvent, WebhookDelivery, WebhookEndpoint
from tradebridge.webhooks.services import deliveries_relay, outbox_add
from tradebridge.webhooks.tests.conftest import People
from tradebridge.webhooks.tests.factories import WebhookEndpointFactory
from tradebridge.webhooks.tests.receiver import receiving

pytestmark = pytest.mark.django_db


def client_for(membership: Membership) -> Client:
    client = Client()
    client.force_login(membership.user)
    return client


def _delivery(people: People, endpoint: WebhookEndpoint) -> WebhookDelivery:
    event = outbox_add(company_id=people.company.id, event_type="order.paid", payload={})
    assert event is not None
    return WebhookDelivery.objects.get(event=event, endpoint=endpoint)


def test_the_list_shows_the_company_endpoints_and_the_add_form(people: People) -> None:
    own = WebhookEndpointFactory.create(company=people.company, description="Our ERP")
    theirs = WebhookEndpointFactory.create(description="Their ERP")

    page = client_for(people.owner).get(reverse("webhooks")).content.decode()

    assert own.url in page
    assert "Our ERP" in page
    assert theirs.url not in page
    assert 'action="/company/webhooks/"' in page
    assert own.secret not in page


def test_a_viewer_sees_the_list_without_the_add_form(people: People) -> None:
    WebhookEndpointFactory.create(company=people.company)

    response = client_for(people.viewer).get(reverse("webhooks"))

    assert response.status_code == 200
    assert 'action="/company/webhooks/"' not in response.content.decode()


def test_adding_shows_the_secret_once(people: People) -> None:
    client = client_for(people.admin)

    response = client.post(
        reverse("webhooks"),
        {"url": "https://erp.example/hooks", "event_types": ["order.paid"], "is_active": "on"},
    )

    assert response.status_code == 201
    endpoint = WebhookEndpoint.objects.get()
    assert (endpoint.url, endpoint.event_types, endpoint.is_active) == (
        "https://erp.example/hooks",
        ["order.paid"],
        True,
    )
    assert endpoint.secret in response.content.decode()
    assert endpoint.secret not in client.get(reverse("webhooks")).content.decode()
    detail = client.get(reverse("webhook", args=[endpoint.id])).content.decode()
    assert endpoint.secret not in detail


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://erp.example/hooks", "The URL must start with https://."),
        ("https://u:p@erp.example/", "The URL may not contain a user name or password."),
    ],
)
def test_a_refused_url_is_shown_on_the_form(people: People, url: str, message: str) -> None:
    response = client_for(people.owner).post(reverse("webhooks"), {"url": url})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_the_endpoint_page_lists_deliveries_with_attempts(people: People) -> None:
    with receiving((500, "try later")) as receiver:
        endpoint = WebhookEndpointFactory.create(company=people.company, url=receiver.url)
        delivery = _delivery(people, endpoint)
        deliveries_relay(unit=lambda: 0.5)

    page = client_for(people.viewer).get(reverse("webhook", args=[endpoint.id])).content.decode()

    assert delivery.event.event_id in page
    assert "order.paid" in page
    assert "HTTP 500" in page
    assert "try later" in page
    assert "Failed, will retry" in page
    assert "Resend" not in page  # a viewer reads only
    assert endpoint.secret not in page


def test_the_log_filters_by_status(people: People) -> None:
    endpoint = WebhookEndpointFactory.create(company=people.company)
    pending = _delivery(people, endpoint)
    dead = _delivery(people, endpoint)
    WebhookDelivery.objects.filter(id=dead.id).update(status=DeliveryStatus.DEAD)
    url = reverse("webhook", args=[endpoint.id])

    page = client_for(people.owner).get(url, {"status": "dead"}).content.decode()

    assert dead.event.event_id in page
    assert pending.event.event_id not in page


def test_an_owner_edits_the_endpoint(people: People) -> None:
    endpoint = WebhookEndpointFactory.create(company=people.company)

    response = client_for(people.owner).post(
        reverse("webhook", args=[endpoint.id]),
        {"url": "https://new.example/in", "description": "New", "event_types": ["dispute.opened"]},
    )

    assert response.status_code == 302
    endpoint.refresh_from_db()
    assert (endpoint.url, endpoint.description, endpoint.event_types, endpoint.is_active) == (
        "https://new.example/in",
        "New",
        ["dispute.opened"],
        False,
    )


def test_show_and_rotate_the_secret(people: People) -> None:
    endpoint = WebhookEndpointFactory.create(company=people.company)
    old = endpoint.secret
    client = client_for(people.owner)

    shown = client.post(reverse("webhook_secret", args=[endpoint.id])).content.decode()
    rotated = client.post(reverse("webhook_rotate", args=[endpoint.id])).content.decode()

    endpoint.refresh_from_db()
    assert old in shown
    assert endpoint.secret != old
    assert endpoint.secret in rotated
    assert endpoint.previous_secret == old
    assert "The previous secret also signs until" in rotated


def test_resend_with_htmx_returns_the_row(people: People) -> None:
    endpoint = WebhookEndpointFactory.create(company=people.company)
    delivery = _delivery(people, endpoint)
    WebhookDelivery.objects.filter(id=delivery.id).update(status=DeliveryStatus.DEAD)

    response = client_for(people.owner).post(
        reverse("webhook_delivery_resend", args=[endpoint.id, delivery.id]),
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    row = response.content.decode()
    assert row.strip().startswith(f'<tr id="delivery-{delivery.id}"')
    assert "Resent" in row
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.PENDING


def test_resend_without_htmx_goes_back_to_the_page(people: People) -> None:
    endpoint = WebhookEndpointFactory.create(company=people.company)
    delivery = _delivery(people, endpoint)

    response = client_for(people.owner).post(
        reverse("webhook_delivery_resend", args=[endpoint.id, delivery.id])
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("webhook", args=[endpoint.id])


def test_send_a_test_event(people: People) -> None:
    endpoint = WebhookEndpointFactory.create(company=people.company)

    response = client_for(people.owner).post(reverse("webhook_test", args=[endpoint.id]))

    assert response.status_code == 302
    event = OutboxEvent.objects.get()
    assert event.event_type == "ping"
    assert event.deliveries.get().endpoint_id == endpoint.id


def test_remove_after_confirming(people: People) -> None:
    endpoint = WebhookEndpointFactory.create(company=people.company)
    client = client_for(people.owner)

    confirm = client.get(reverse("webhook_delete", args=[endpoint.id]))
    removed = client.post(reverse("webhook_delete", args=[endpoint.id]))

    assert confirm.status_code == 200
    assert "Remove this endpoint?" in confirm.content.decode()
    assert removed.status_code == 302
    assert removed["Location"] == reverse("webhooks")
    assert not WebhookEndpoint.objects.exists()


def test_the_settings_navigation_links_to_webhooks(people: People) -> None:
    page: Any = client_for(people.viewer).get(reverse("company_members")).content.decode()

    assert f'href="{reverse("webhooks")}"' in page


WORDS = {
    "en": ("Endpoints", "Deliveries", "Failed, will retry"),
    "fr": ("Points de réception", "Envois", "Échec, nouvel essai prévu"),
    "de": ("Endpunkte", "Zustellungen", "Fehlgeschlagen, neuer Versuch folgt"),
    "es": ("Endpoints", "Envíos", "Fallido, se reintentará"),
    "zh-hans": ("端点", "投递记录", "失败，将重试"),  # noqa: RUF001  # the Chinese comma
}


@pytest.mark.parametrize("language", list(WORDS))
def test_the_pages_answer_in_each_language(people: People, language: str) -> None:
    endpoint = WebhookEndpointFactory.create(company=people.company)
    delivery = _delivery(people, endpoint)
    WebhookDelivery.objects.filter(id=delivery.id).update(status=DeliveryStatus.FAILED)
    client = client_for(people.owner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    endpoints_word, deliveries_word, status_word = WORDS[language]

    listed = client.get(reverse("webhooks")).content.decode()
    detail = client.get(reverse("webhook", args=[endpoint.id])).content.decode()

    assert f'<html lang="{language}"' in listed
    assert endpoints_word in listed
    assert deliveries_word in detail
    assert status_word in detail
