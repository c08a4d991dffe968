import pytest

from tradebridge.core.events import Event, install, installed_handlers


@pytest.fixture(autouse=True)
def published():
    """The payments events published during a test, instead of the project's handlers (the
    orders handlers would look for orders these tests never make)."""
    original = installed_handlers()
    seen: list[Event] = []
    install({kind: [seen.append] for kind in _payments_events()})
    yield seen
    install(original or {})


def _payments_events() -> list[type[Event]]:
    from tradebridge.payments import events

    return [
        value
        for value in vars(events).values()
        if isinstance(value, type) and issubclass(value, Event) and value is not Event
    ]
