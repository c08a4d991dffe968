"""The one explicit map from domain events to the handlers that react to them.

It lives in the project package because it may import every app; the apps themselves
never import one another upward. `config.apps.ProjectConfig.ready()` installs it into
`tradebridge.core.events` at startup. Add a line per reaction, e.g.::

    from tradebridge.orders.services import order_mark_funded
    from tradebridge.payments.events import EscrowFunded

    HANDLERS = {EscrowFunded: [order_mark_funded_on_escrow_funded]}

Handlers take the event and return nothing. They should be cheap and idempotent; slow or
external work belongs in a task enqueued by the handler (see docs/tasks.md).
"""

from tradebridge.core.events import Event, Handler

HANDLERS: dict[type[Event], list[Handler]] = {}
