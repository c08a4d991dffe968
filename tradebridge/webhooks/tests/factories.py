"""Factories of webhook endpoints (an active https endpoint of a new company, subscribed to
everything). Call `.create()` (typed) rather than the factory class itself."""

from factory.declarations import Sequence, SubFactory
from factory.django import DjangoModelFactory

from tradebridge.companies.tests.factories import CompanyFactory
from tradebridge.webhooks.models import WebhookEndpoint


class WebhookEndpointFactory(DjangoModelFactory[WebhookEndpoint]):
    class Meta:
        model = WebhookEndpoint

    company = SubFactory(CompanyFactory)
    url = Sequence(lambda n: f"https://hooks{n}.example.com/tradebridge")
    description = "ERP"
    event_types: list[str] = []
    is_active = True
