"""Domain errors. Services raise these; `config/api.py` maps them to HTTP statuses once.

Every error carries a stable machine-readable `code`, a human `message` and `details`.
"""

from typing import Any, ClassVar


class DomainError(Exception):
    """Base of every error a service may raise on purpose."""

    code: ClassVar[str] = "domain_error"
    http_status: ClassVar[int] = 422  # the one place an error's HTTP status is decided
    default_message: ClassVar[str] = "The request could not be completed."

    def __init__(self, message: str | None = None, **details: Any) -> None:
        self.message = message or self.default_message
        self.details: dict[str, Any] = details
        super().__init__(self.message)


class NotFound(DomainError):
    """The object does not exist, or is not visible to the actor (the two are never told apart)."""

    code = "not_found"
    http_status = 404
    default_message = "Not found."


class PermissionDenied(DomainError):
    """The actor is known and may see the object, but its role does not allow the action."""

    code = "permission_denied"
    http_status = 403
    default_message = "You do not have permission to do this."


class ValidationFailed(DomainError):
    """Input is well-formed but breaks a business rule."""

    code = "validation_failed"
    http_status = 422
    default_message = "The input is not valid."


class Conflict(DomainError):
    """The action clashes with the current state (duplicates, concurrent requests)."""

    code = "conflict"
    http_status = 409
    default_message = "The request conflicts with the current state."


class InvalidTransition(Conflict):
    """A status change that the entity's transition table does not allow."""

    code = "invalid_transition"
    default_message = "This status change is not allowed."


class NotAuthenticated(DomainError):
    code = "not_authenticated"
    http_status = 401
    default_message = "Authentication required."


class RateLimited(DomainError):
    code = "rate_limited"
    http_status = 429
    default_message = "Too many requests; slow down."


class BadRequest(DomainError):
    """The request itself is malformed (a header or parameter outside its syntax)."""

    code = "bad_request"
    http_status = 400
    default_message = "The request is malformed."
