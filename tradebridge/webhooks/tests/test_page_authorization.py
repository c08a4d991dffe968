"""Who may do what on the webhook pages: another company's endpoint or delivery is 404;
members without MANAGE_COMPANY read but every change is 403; anonymous visitors go to the
sign-in page. Every denial changes nothing."""

import pytest
from django.test import Client
from django.urls import reverse

from tradebridge.webhooks.services import outbox_add
from tradebridge.webhooks.tests.conftest import People
from tradebridge.webhooks.tests.factories import WebhookEndpointFactory
from tradebridge.webhooks.tests.test_authorization import snapshot

pytestmark = pytest.mark.django_db

type Page = tuple[str, str, bool]  # method, url name, takes the delivery id


WRITES_ON_ONE: list[Page] = [
    ("post", "webhook", False),
    ("post", "webhook_secret", False),
    ("post", "webhook_rotate", False),
    ("get", "webhook_delete", False),
    ("post", "webhook_delete", False),
    ("post", "webhook_test", False),
    ("post", "webhook_delivery_resend", True),
]
READS_OF_ONE: list[Page] = [("get", "webhook", False)]


@pytest.fixture
def target(people: People) -> dict[str, str]:
    endpoint = WebhookEndpointFactory.create(company=people.company)
    event = outbox_add(company_id=people.company.id, event_type="order.paid", payload={})
    assert event is not None
    return {"endpoint": str(endpoint.id), "delivery": str(event.deliveries.get().id)}


def _url(name: str, with_delivery: bool, target: dict[str, str]) -> str:
    args = [target["endpoint"], target["delivery"]] if with_delivery else [target["endpoint"]]
    return reverse(name, args=args)


def _client(people: People, actor: str) -> Client:
    client = Client()
    if actor != "anonymous":
        client.force_login(people.member(actor).user)
    return client


FORM = {"url": "https://changed.example/", "event_types": ["order.paid"]}


@pytest.mark.parametrize(("method", "name", "with_delivery"), WRITES_ON_ONE + READS_OF_ONE)
def test_another_company_gets_404(
    people: People, target: dict[str, str], method: str, name: str, with_delivery: bool
) -> None:
    before = snapshot()

    response = getattr(_client(people, "other_owner"), method)(
        _url(name, with_delivery, target), FORM if method == "post" else None
    )

    assert response.status_code == 404
    assert snapshot() == before


@pytest.mark.parametrize("actor", ["viewer", "purchaser", "sales"])
@pytest.mark.parametrize(("method", "name", "with_delivery"), WRITES_ON_ONE)
def test_members_without_manage_company_get_403(
    people: People,
    target: dict[str, str],
    actor: str,
    method: str,
    name: str,
    with_delivery: bool,
) -> None:
    before = snapshot()

    response = getattr(_client(people, actor), method)(
        _url(name, with_delivery, target), FORM if method == "post" else None
    )

    assert response.status_code == 403
    assert snapshot() == before


@pytest.mark.parametrize("actor", ["viewer", "purchaser", "sales"])
def test_members_without_manage_company_may_not_add(people: People, actor: str) -> None:
    before = snapshot()

    response = _client(people, actor).post(reverse("webhooks"), FORM)

    assert response.status_code == 403
    assert snapshot() == before


@pytest.mark.parametrize(("method", "name", "with_delivery"), WRITES_ON_ONE + READS_OF_ONE)
def test_anonymous_goes_to_sign_in(
    people: People, target: dict[str, str], method: str, name: str, with_delivery: bool
) -> None:
    before = snapshot()
    url = _url(name, with_delivery, target)

    response = getattr(_client(people, "anonymous"), method)(
        url, FORM if method == "post" else None
    )

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert snapshot() == before


def test_anonymous_list_goes_to_sign_in(people: People) -> None:
    response = _client(people, "anonymous").post(reverse("webhooks"), FORM)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_post_only_actions_refuse_other_methods(
    people: People, target: dict[str, str], method: str
) -> None:
    for name in ("webhook_secret", "webhook_rotate", "webhook_test"):
        response = getattr(_client(people, "owner"), method)(_url(name, False, target))
        assert response.status_code == 405
