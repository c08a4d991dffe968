"""Where webhooks may go (SSRF): https only (http to localhost only when allowed), no
credentials in the URL, no private, loopback, link-local or reserved address unless
WEBHOOKS_ALLOW_PRIVATE, every resolved address checked, the connection pinned to the checked
address (no second DNS lookup)."""

from collections.abc import Callable

import pytest
from django.test import override_settings

from tradebridge.webhooks.destinations import (
    Destination,
    DestinationRefused,
    destination_resolve,
    url_check,
    url_check_literal,
)
from tradebridge.webhooks.enums import DeliveryStatus
from tradebridge.webhooks.services import deliveries_relay, outbox_add
from tradebridge.webhooks.tests.conftest import People
from tradebridge.webhooks.tests.factories import WebhookEndpointFactory
from tradebridge.webhooks.tests.receiver import receiving
from tradebridge.webhooks.transport import http_post

PRIVATE_ADDRESSES = [
    "127.0.0.1",
    "10.0.0.5",
    "172.16.3.4",
    "192.168.1.10",
    "169.254.169.254",  # cloud metadata
    "100.64.0.1",  # carrier-grade NAT
    "0.0.0.0",  # noqa: S104  # an address under test, not a bind
    "224.0.0.1",
    "::1",
    "fe80::1",
    "fc00::1",
    "::ffff:127.0.0.1",
    "::ffff:169.254.169.254",
]


def _resolver(*addresses: str) -> Callable[[str, int], list[str]]:
    return lambda host, port: list(addresses)


@override_settings(WEBHOOKS_ALLOW_PRIVATE=False)
@pytest.mark.parametrize("address", PRIVATE_ADDRESSES)
def test_a_host_resolving_to_a_private_address_is_refused(address: str) -> None:
    with pytest.raises(DestinationRefused) as refused:
        destination_resolve("https://hooks.example.com/x", resolve=_resolver(address))

    assert refused.value.reason == "private_address"


@override_settings(WEBHOOKS_ALLOW_PRIVATE=False)
def test_one_private_address_among_public_ones_is_refused() -> None:
    with pytest.raises(DestinationRefused):
        destination_resolve(
            "https://hooks.example.com/x", resolve=_resolver("93.184.216.34", "10.1.2.3")
        )


@override_settings(WEBHOOKS_ALLOW_PRIVATE=False)
def test_a_public_address_is_accepted() -> None:
    destination = destination_resolve(
        "https://hooks.example.com:8443/x", resolve=_resolver("93.184.216.34", "2606:2800::1")
    )

    assert destination == Destination(
        url="https://hooks.example.com:8443/x",
        host="hooks.example.com",
        port=8443,
        addresses=("93.184.216.34", "2606:2800::1"),
    )


def test_a_host_that_does_not_resolve_is_refused() -> None:
    def fail(host: str, port: int) -> list[str]:
        raise OSError("no such host")

    with pytest.raises(DestinationRefused) as refused:
        destination_resolve("https://nowhere.invalid/x", resolve=fail)

    assert refused.value.reason == "dns"


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://hooks.example.com/x", "scheme"),
        ("file:///etc/passwd", "host"),
        ("gopher://hooks.example.com/x", "scheme"),
        ("http://hooks.example.com/x", "scheme"),  # http only to localhost, even when allowed
        ("http://10.0.0.1/x", "scheme"),
        ("https://user:secret@hooks.example.com/x", "credentials"),
        ("https://hooks.example.com:99999/x", "port"),
        ("https:///x", "host"),
    ],
)
def test_urls_that_are_refused_whatever_the_settings(url: str, reason: str) -> None:
    with override_settings(WEBHOOKS_ALLOW_HTTP=True), pytest.raises(DestinationRefused) as refused:
        url_check(url)

    assert refused.value.reason == reason


@override_settings(WEBHOOKS_ALLOW_HTTP=False)
@pytest.mark.parametrize("url", ["http://127.0.0.1:8000/x", "http://localhost/x"])
def test_http_to_localhost_needs_the_setting(url: str) -> None:
    with pytest.raises(DestinationRefused) as refused:
        url_check(url)

    assert refused.value.reason == "scheme"


@override_settings(WEBHOOKS_ALLOW_HTTP=True)
@pytest.mark.parametrize("url", ["http://127.0.0.1:8000/x", "http://localhost/x", "http://[::1]/"])
def test_http_to_localhost_with_the_setting(url: str) -> None:
    assert url_check(url)[0] in {"127.0.0.1", "localhost", "::1"}


@override_settings(WEBHOOKS_ALLOW_PRIVATE=False)
@pytest.mark.parametrize(
    "url",
    [
        "https://localhost/x",
        "https://api.localhost/x",
        "https://127.0.0.1/x",
        "https://[::1]/x",
        "https://169.254.169.254/latest",
        "https://10.0.0.8/x",
    ],
)
def test_saving_a_local_address_is_refused(url: str) -> None:
    with pytest.raises(DestinationRefused) as refused:
        url_check_literal(url)

    assert refused.value.reason == "private_address"


@override_settings(WEBHOOKS_ALLOW_PRIVATE=False)
def test_saving_a_host_name_is_not_a_dns_lookup() -> None:
    url_check_literal("https://hooks.example.com/x")  # checked again at each delivery


@pytest.mark.django_db
@override_settings(WEBHOOKS_ALLOW_PRIVATE=False)
def test_the_relay_sends_nothing_to_a_private_address(people: People) -> None:
    with receiving() as receiver:
        WebhookEndpointFactory.create(company=people.company, url=receiver.url)
        event = outbox_add(company_id=people.company.id, event_type="order.paid", payload={})
        assert event is not None
        report = deliveries_relay(unit=lambda: 0.5)

    assert receiver.requests == []
    assert (report.succeeded, report.failed) == (0, 1)
    delivery = event.deliveries.get()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.last_error == ("Refused: The URL points to a private or local network address.")
    assert delivery.attempt_log.get().status_code is None


def test_the_connection_goes_to_the_checked_address() -> None:
    """The host name is not resolved again (it would not resolve at all here): the request
    goes to the address the check approved, with the URL's host in the Host header."""
    with receiving((204, "")) as receiver:
        port = int(receiver.url.rsplit(":", 1)[1].split("/")[0])
        destination = Destination(
            url=f"http://hooks.tradebridge.invalid:{port}/in",
            host="hooks.tradebridge.invalid",
            port=port,
            addresses=("127.0.0.1",),
        )
        result = http_post(destination=destination, body=b"{}", headers={"x-test": "1"})

    assert (result.status_code, result.error) == (204, "")
    [received] = receiver.requests
    assert received.path == "/in"
    assert received.headers["host"] == f"hooks.tradebridge.invalid:{port}"
    assert received.headers["x-test"] == "1"
