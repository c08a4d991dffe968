"""What a thread may be about. Messaging never imports the apps that own products, RFQs,
quotes or orders: each registers, from its AppConfig.ready(), a resolver for its kind that
tells the subject's label and the companies it belongs to (catalog: products; rfq: RFQs and
quotes). A kind without a resolver cannot be the subject of a new thread.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from tradebridge.core.errors import ValidationFailed
from tradebridge.messaging.enums import SubjectKind


@dataclass(frozen=True, slots=True)
class SubjectInfo:
    """A subject as its owner app sees it. `supplier_id` / `buyer_id`, when set, must be the
    thread's supplier / buyer (a product belongs to its supplier)."""

    label: str
    supplier_id: uuid.UUID | None = None
    buyer_id: uuid.UUID | None = None


type SubjectResolver = Callable[[uuid.UUID], SubjectInfo | None]
_RESOLVERS: dict[SubjectKind, SubjectResolver] = {}


def subject_resolver_register(kind: SubjectKind, resolver: SubjectResolver) -> None:
    """Make `resolver` tell subjects of `kind` (None: no such subject, or not visible)."""
    _RESOLVERS[kind] = resolver


def subject_resolve(kind: SubjectKind, subject_id: uuid.UUID | None) -> SubjectInfo | None:
    """The subject's info; None for `SubjectKind.NONE`. Raises ValidationFailed with reason
    `subject_unsupported` (no resolver), `subject_required` or `subject_not_found`."""
    if kind == SubjectKind.NONE:
        return None
    if subject_id is None:
        raise ValidationFailed("Name the subject.", field="subject_id", reason="subject_required")
    resolver = _RESOLVERS.get(kind)
    if resolver is None:
        raise ValidationFailed(
            "Threads cannot be about this yet.", field="subject_kind", reason="subject_unsupported"
        )
    found = resolver(subject_id)
    if found is None:
        raise ValidationFailed(
            "The subject does not exist.", field="subject_id", reason="subject_not_found"
        )
    return found
