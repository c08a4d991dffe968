"""The delivery status table.

A delivery is pending until its first attempt. A 2xx answer makes it succeeded; any other
outcome makes it failed (a retry is scheduled by the backoff schedule) or dead (the schedule
is used up). A resend (by a member, or the API) puts any delivery back to pending, due now,
with the schedule started again.
"""

from typing import Final

from tradebridge.webhooks.enums import DeliveryStatus

type DeliveryTable = dict[DeliveryStatus, frozenset[DeliveryStatus]]

_AFTER_ATTEMPT: Final = frozenset(
    {DeliveryStatus.SUCCEEDED, DeliveryStatus.FAILED, DeliveryStatus.DEAD}
)

DELIVERY_TRANSITIONS: Final[DeliveryTable] = {
    DeliveryStatus.PENDING: _AFTER_ATTEMPT,
    DeliveryStatus.FAILED: _AFTER_ATTEMPT | {DeliveryStatus.PENDING},
    DeliveryStatus.SUCCEEDED: frozenset({DeliveryStatus.PENDING}),
    DeliveryStatus.DEAD: frozenset({DeliveryStatus.PENDING}),
}

# The statuses the relay picks up when due.
DELIVERY_DUE_STATUSES: Final = frozenset({DeliveryStatus.PENDING, DeliveryStatus.FAILED})
