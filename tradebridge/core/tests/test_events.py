import uuid
from dataclasses import FrozenInstanceError, dataclass

import pytest
from django.db import transaction

from tradebridge.core import events
from tradebridge.core.events import Event, install, installed_handlers, publish
from tradebridge.core.models import AuditEvent
from tradebridge.core.services.audit import audit_record


@dataclass(frozen=True, slots=True)
class OrderPaid(Event):
    order_id: uuid.UUID


@dataclass(frozen=True, slots=True)
class OrderShipped(Event):
    order_id: uuid.UUID


@dataclass(frozen=True, slots=True)
class ExpressOrderPaid(OrderPaid):
    pass


@pytest.fixture
def calls():
    """Install a test map for the duration of a test, then put the project's back."""
    original = installed_handlers()
    received: list[tuple[str, Event]] = []

    def first(event):
        received.append(("first", event))

    def second(event):
        received.append(("second", event))

    def audit(event):
        audit_record(action="order.paid", object_type="order", object_id=event.order_id)

    install({OrderPaid: [first, second, audit], OrderShipped: []})
    yield received
    if original is None:
        events._installed = None
    else:
        install(original)


def test_the_project_map_is_installed_at_startup():
    assert installed_handlers() is not None


def test_publish_calls_the_handlers_of_the_exact_type_in_order(calls, db):
    event = OrderPaid(order_id=uuid.uuid4())

    publish(event)

    assert calls == [("first", event), ("second", event)]
    assert AuditEvent.objects.filter(object_id=str(event.order_id)).count() == 1


def test_an_event_without_handlers_is_a_no_op(calls):
    publish(OrderShipped(order_id=uuid.uuid4()))

    assert calls == []


def test_a_subclass_is_not_dispatched_to_its_parents_handlers(calls):
    publish(ExpressOrderPaid(order_id=uuid.uuid4()))

    assert calls == []


@pytest.mark.django_db(transaction=True)
def test_after_commit_handlers_wait_for_the_commit(calls):
    event = OrderPaid(order_id=uuid.uuid4())

    with transaction.atomic():
        publish(event, after_commit=True)
        assert calls == []

    assert calls == [("first", event), ("second", event)]
    assert AuditEvent.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_after_commit_handlers_never_run_on_rollback(calls):
    class Abort(Exception):
        pass

    def publish_then_fail():
        with transaction.atomic():
            publish(OrderPaid(order_id=uuid.uuid4()), after_commit=True)
            raise Abort

    with pytest.raises(Abort):
        publish_then_fail()

    assert calls == []
    assert AuditEvent.objects.exists() is False


@pytest.mark.django_db(transaction=True)
def test_a_failing_after_commit_handler_does_not_stop_the_others(calls, caplog):
    def broken(event):
        raise RuntimeError("mail server down")

    install({OrderPaid: [broken, *installed_handlers()[OrderPaid]]})  # type: ignore[index]
    event = OrderPaid(order_id=uuid.uuid4())

    with transaction.atomic():
        publish(event, after_commit=True)

    assert calls == [("first", event), ("second", event)]
    assert "mail server down" in caplog.text


@pytest.mark.django_db
def test_a_failing_immediate_handler_rolls_the_change_back(calls):
    def broken(event):
        raise RuntimeError("refused")

    install({OrderPaid: [*installed_handlers()[OrderPaid], broken]})  # type: ignore[index]

    with pytest.raises(RuntimeError, match="refused"), transaction.atomic():
        publish(OrderPaid(order_id=uuid.uuid4()))

    assert AuditEvent.objects.exists() is False


def test_publishing_before_install_raises(calls):
    events._installed = None

    with pytest.raises(RuntimeError, match="No event handlers installed"):
        publish(OrderPaid(order_id=uuid.uuid4()))


def test_only_events_can_be_published_or_mapped(calls):
    with pytest.raises(TypeError):
        publish("order paid")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        install({str: []})  # type: ignore[dict-item]


def test_events_are_immutable():
    event = OrderPaid(order_id=uuid.uuid4())

    with pytest.raises(FrozenInstanceError):
        event.order_id = uuid.uuid4()  # type: ignore[misc]
