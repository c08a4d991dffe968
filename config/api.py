"""The REST API: one NinjaAPI under /api/v1/, routers per app, and the one error mapping.

Every error leaves as `{"code": ..., "message": ..., "details": {...}}` with a 4xx status.
"""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError

from tradebridge.catalog.api.endpoints import router as catalog_router
from tradebridge.companies.api.auth import API_AUTH
from tradebridge.companies.api.endpoints import router as companies_router
from tradebridge.core.errors import DomainError
from tradebridge.search.api.endpoints import router as search_router

api = NinjaAPI(
    title="Tradebridge API",
    version="1",
    description=(
        "Cross-border B2B trade: companies, catalog, RFQs, orders and escrow. "
        "Authenticate with `Authorization: Bearer <token>` (a personal API token) "
        "or the browser session with its CSRF token. Mutating POSTs accept an "
        "`Idempotency-Key` header."
    ),
    auth=API_AUTH,
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)
api.add_router("/", companies_router)
api.add_router("/", catalog_router)
api.add_router("/", search_router)


def error_response(
    request: HttpRequest,
    *,
    status: int,
    code: str,
    message: str,
    details: dict[str, Any] | None = None,
) -> HttpResponse:
    body = {"code": code, "message": message, "details": details or {}}
    return api.create_response(request, body, status=status)


@api.exception_handler(DomainError)
def _domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return error_response(
        request, status=exc.http_status, code=exc.code, message=exc.message, details=exc.details
    )


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return error_response(
        request,
        status=422,
        code="invalid_input",
        message="The request body or parameters are not valid.",
        details={"errors": exc.errors},
    )


@api.exception_handler(AuthenticationError)
def _authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return error_response(
        request, status=401, code="not_authenticated", message="Authentication required."
    )


@api.exception_handler(AuthorizationError)
def _authorization_error(request: HttpRequest, exc: AuthorizationError) -> HttpResponse:
    return error_response(
        request, status=403, code="permission_denied", message=str(exc) or "Forbidden."
    )


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(request, status=404, code="not_found", message="Not found.")


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return error_response(request, status=exc.status_code, code="http_error", message=str(exc))
