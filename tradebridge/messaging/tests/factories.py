"""Factories of messaging: threads and messages as the services would make them."""

from django.utils import timezone
from factory.declarations import LazyFunction, SelfAttribute, SubFactory
from factory.django import DjangoModelFactory

from tradebridge.companies.enums import CompanyKind
from tradebridge.companies.tests.factories import CompanyFactory
from tradebridge.messaging.models import Message, Thread


class ThreadFactory(DjangoModelFactory[Thread]):
    class Meta:
        model = Thread

    buyer = SubFactory(CompanyFactory, kind=CompanyKind.BUYER)
    supplier = SubFactory(CompanyFactory, kind=CompanyKind.SUPPLIER)
    started_by_company = SelfAttribute("buyer")
    last_message_at = LazyFunction(timezone.now)


class MessageFactory(DjangoModelFactory[Message]):
    class Meta:
        model = Message

    thread = SubFactory(ThreadFactory)
    sender_company = SelfAttribute("thread.buyer")
    body = "Hello, can you do 500 pieces?"
