"""Errors of webhook endpoints, with stable codes for the API (409, 422).

An unacceptable URL is `ValidationFailed` with `details.field = "url"` and `details.reason`
(`scheme`, `host`, `credentials`, `port`, `private_address`); an unknown event type is
`ValidationFailed` with `details.field = "event_types"`.
"""

from tradebridge.core.errors import Conflict


class EndpointInactive(Conflict):
    """A test event for a disabled endpoint (it would never be sent)."""

    code = "webhook_endpoint_inactive"
    default_message = "The endpoint is disabled; enable it to send a test event."


class EndpointLimitReached(Conflict):
    """details: `limit`: endpoints a company may have."""

    code = "webhook_endpoint_limit"
    default_message = "Your company has as many webhook endpoints as allowed."
