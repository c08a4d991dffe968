"""Idempotency records with Stripe's semantics, scoped per company, user, method and route.

The first request with a key claims it (a committed `in_progress` row); its response,
whatever its status, is stored and replayed to every retry with the same key and body.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from tradebridge.core.errors import Conflict, ValidationFailed
from tradebridge.core.models import NIL_UUID, IdempotencyRecord, IdempotencyState


class IdempotencyKeyReused(ValidationFailed):
    code = "idempotency_key_reused"
    default_message = "This Idempotency-Key was already used with a different request."


class IdempotencyRequestInProgress(Conflict):
    code = "idempotency_request_in_progress"
    default_message = "A request with this Idempotency-Key is still being processed; retry later."


@dataclass(frozen=True, slots=True)
class IdempotencyScope:
    """Who asks, and where: a key only ever matches within one scope."""

    company_id: UUID | None
    user_id: UUID | None
    method: str
    route: str


@dataclass(frozen=True, slots=True)
class StoredResponse:
    status: int
    body: bytes
    content_type: str


@dataclass(frozen=True, slots=True)
class IdempotencyClaim:
    """Either a fresh claim (`replay is None`: run the request) or a response to replay."""

    record_id: UUID
    replay: StoredResponse | None


def idempotency_ttl() -> timedelta:
    return timedelta(hours=settings.IDEMPOTENCY_KEY_TTL_HOURS)


def idempotency_claim(*, scope: IdempotencyScope, key: str, fingerprint: str) -> IdempotencyClaim:
    """Claim `key` in `scope` for a request whose body hashes to `fingerprint`.

    The claim is committed at once (its own transaction when called outside one), so a
    concurrent duplicate sees it. A record older than the TTL counts as absent.
    Raises IdempotencyKeyReused when the key was used with another fingerprint, and
    IdempotencyRequestInProgress while the first request has not finished.
    """
    lookup = _scope_lookup(scope=scope, key=key)
    IdempotencyRecord.objects.filter(
        **lookup, created_at__lt=timezone.now() - idempotency_ttl()
    ).delete()
    try:
        with transaction.atomic():
            record = IdempotencyRecord.objects.create(**lookup, fingerprint=fingerprint)
    except IntegrityError:
        return _existing_claim(lookup=lookup, fingerprint=fingerprint)
    return IdempotencyClaim(record_id=record.pk, replay=None)


def idempotency_complete(*, record_id: UUID, response: StoredResponse) -> None:
    """Store the response of the request that holds the claim. Idempotent."""
    IdempotencyRecord.objects.filter(pk=record_id).update(
        state=IdempotencyState.COMPLETED,
        response_status=response.status,
        response_body=response.body,
        response_content_type=response.content_type,
        completed_at=timezone.now(),
    )


def idempotency_release(*, record_id: UUID) -> None:
    """Give up a claim whose response cannot be stored (a stream): the key becomes free."""
    IdempotencyRecord.objects.filter(pk=record_id, state=IdempotencyState.IN_PROGRESS).delete()


def idempotency_prune(*, now: datetime | None = None) -> int:
    """Delete records older than IDEMPOTENCY_KEY_TTL_HOURS; returns how many went."""
    cutoff = (now or timezone.now()) - idempotency_ttl()
    deleted, _ = IdempotencyRecord.objects.filter(created_at__lt=cutoff).delete()
    return deleted


def _scope_lookup(*, scope: IdempotencyScope, key: str) -> dict[str, object]:
    return {
        "company_id": scope.company_id or NIL_UUID,
        "user_id": scope.user_id or NIL_UUID,
        "method": scope.method,
        "route": scope.route[:255],
        "key": key,
    }


def _existing_claim(*, lookup: dict[str, object], fingerprint: str) -> IdempotencyClaim:
    record = IdempotencyRecord.objects.filter(**lookup).first()
    if record is None:  # expired and pruned between our insert and this read
        raise IdempotencyRequestInProgress()
    if record.fingerprint != fingerprint:
        raise IdempotencyKeyReused()
    if record.state == IdempotencyState.IN_PROGRESS or record.response_status is None:
        raise IdempotencyRequestInProgress()
    stored = StoredResponse(
        status=record.response_status,
        body=bytes(record.response_body),
        content_type=record.response_content_type,
    )
    return IdempotencyClaim(record_id=record.pk, replay=stored)
