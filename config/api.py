"""The REST API: one NinjaAPI under /api/v1/, routers per app, and the one error mapping.

Every error leaves as `{"code": ..., "message": ..., "details": {...}}` with a 4xx status.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.views import defaults
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError
from ninja.openapi.schema import OpenAPISchema

from tradebridge.catalog.api.endpoints import router as catalog_router
from tradebridge.companies.api.auth import API_AUTH
from tradebridge.companies.api.endpoints import router as companies_router
from tradebridge.core.api.idempotency import IDEMPOTENT_MARK
from tradebridge.core.api.openapi import document_errors, document_text_without_nul
from tradebridge.core.errors import DomainError
from tradebridge.core.web import errors as error_pages
from tradebridge.messaging.api.endpoints import router as messaging_router
from tradebridge.orders.api.cart_endpoints import router as orders_cart_router
from tradebridge.orders.api.document_endpoints import router as orders_documents_router
from tradebridge.orders.api.order_endpoints import router as orders_router
from tradebridge.orders.api.terms_endpoints import router as orders_terms_router
from tradebridge.payments.api.dispute_endpoints import router as payments_disputes_router
from tradebridge.payments.api.endpoints import router as payments_router
from tradebridge.payments.api.provider_endpoints import router as payments_providers_router
from tradebridge.rfq.api.deal_order_endpoints import router as rfq_deal_orders_router
from tradebridge.rfq.api.endpoints import router as rfq_router
from tradebridge.rfq.api.matching_endpoints import router as rfq_matching_router
from tradebridge.rfq.api.quote_endpoints import router as rfq_quotes_router
from tradebridge.search.api.endpoints import router as search_router
from tradebridge.webhooks.api.endpoints import router as webhooks_router


class TradebridgeAPI(NinjaAPI):
    """The NinjaAPI whose OpenAPI document describes every error answer (core.api.openapi)."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        document = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        document_errors(document, idempotent=self._idempotent_operation_ids())
        document_text_without_nul(document)
        return document

    def _idempotent_operation_ids(self) -> set[str]:
        # ninja lists its mounted routers only through this private helper (ninja 1.x).
        return {
            operation.operation_id or self.get_openapi_operation_id(operation)
            for router in self._get_bound_routers()
            for path_view in router.path_operations.values()
            for operation in path_view.operations
            if getattr(operation.view_func, IDEMPOTENT_MARK, False)
        }


api = TradebridgeAPI(
    title="Tradebridge API",
    version="1",
    description=(
        "Cross-border B2B trade: companies, catalog, RFQs, orders and escrow. "
        "Authenticate with `Authorization: Bearer <token>` (a personal API token) "
        "or the browser session with its CSRF token. Mutating POSTs accept an "
        "`Idempotency-Key` header.\n\n"
        'Every error is `{"code", "message", "details"}` (the `Error` schema) with a 4xx '
        "status; each operation lists the statuses it can answer.\n\n"
        'Money is `{"amount": "4.20", "currency": "USD"}`, the amount a decimal string '
        "with at least the currency's minor digits. Unit prices have at most 4 decimal places "
        "(a converted one is rounded half-up to 4); totals are rounded half-up to the "
        "currency's minor unit (2 for EUR, 0 for JPY); exchange rates have at most 8 "
        "significant digits. Products and suppliers carry `url`, the absolute address of "
        "their page on the marketplace."
    ),
    auth=API_AUTH,
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)
api.add_router("/", companies_router)
api.add_router("/", catalog_router)
api.add_router("/", search_router)
api.add_router("/", rfq_router)
api.add_router("/", rfq_matching_router)
api.add_router("/", rfq_quotes_router)
api.add_router("/", rfq_deal_orders_router)
api.add_router("/", messaging_router)
api.add_router("/", orders_cart_router)
api.add_router("/", orders_router)
api.add_router("/", orders_documents_router)
api.add_router("/", orders_terms_router)
api.add_router("/", payments_router)
api.add_router("/", payments_disputes_router)
api.add_router("/", payments_providers_router)
api.add_router("/", webhooks_router)


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


# ninja's own HttpErrors ("Cannot parse request body"...) get the code their status implies.
_CODES_BY_STATUS = {400: "bad_request", 401: "not_authenticated", 403: "permission_denied"}


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    code = _CODES_BY_STATUS.get(exc.status_code, "http_error")
    return error_response(request, status=exc.status_code, code=code, message=str(exc))


@api.exception_handler(RequestDataTooBig)
def _request_too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return error_response(
        request,
        status=413,
        code="request_too_large",
        message="The request body is larger than the server accepts.",
        details={"max_bytes": settings.DATA_UPLOAD_MAX_MEMORY_SIZE},
    )


@api.exception_handler(SuspiciousOperation)
@api.exception_handler(MultiPartParserError)
def _malformed_request(request: HttpRequest, exc: Exception) -> HttpResponse:
    """Too many query or form fields, a broken multipart body...: Django refused to parse it."""
    return error_response(
        request, status=400, code="bad_request", message="The request is malformed."
    )


# --- Django's error handlers (config/urls.py): JSON under /api/, the HTML page elsewhere ------

API_PREFIX = "/api/"


def api_or_page(
    page: error_pages.ErrorPage, *, status: int, code: str, message: str
) -> error_pages.ErrorPage:
    """A Django error handler answering API paths with the API's error body, others with `page`.

    Used for errors raised before or outside an API operation: a malformed request rejected
    by a middleware, an unknown path under /api/v1/.
    """

    def handler(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
        if request.path_info.startswith(API_PREFIX):
            return _json_error(status=status, code=code, message=message)
        return page(request, exception)

    return handler


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: the API's error body under /api/, Django's static 500 page elsewhere."""
    if request.path_info.startswith(API_PREFIX):
        return _json_error(status=500, code="internal_error", message="Internal server error.")
    return defaults.server_error(request)


def unknown_api_path(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Any path under /api/v1/ that no operation serves (also with DEBUG on)."""
    return _json_error(status=404, code="not_found", message="No API operation at this path.")


def _json_error(*, status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"code": code, "message": message, "details": {}}, status=status)


handler400 = api_or_page(
    error_pages.bad_request, status=400, code="bad_request", message="The request is malformed."
)
handler403 = api_or_page(
    error_pages.permission_denied, status=403, code="permission_denied", message="Forbidden."
)
handler404 = api_or_page(
    error_pages.page_not_found, status=404, code="not_found", message="Not found."
)
