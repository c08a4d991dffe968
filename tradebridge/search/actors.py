"""Who searches, as far as search analytics may know: the company acting in the request.

Search is public; the searching company, when there is one, is the session's current
membership's company or the company of a valid API token. Nothing here ever refuses a search:
an anonymous visitor, a bad token or a user without a company simply searches anonymously.
"""

from django.http import HttpRequest
from django.utils.translation import get_language

from tradebridge.accounts.models import User
from tradebridge.companies.actors import current_membership
from tradebridge.companies.models import Company
from tradebridge.companies.services import api_token_authenticate
from tradebridge.core.errors import DomainError
from tradebridge.search.enums import SearchSource
from tradebridge.search.services.analytics import SearchContext


def request_language() -> str:
    """The active language's base code ("de", "zh" from "zh-hans"), for stemming and labels."""
    return (get_language() or "en").split("-")[0].lower()


def searching_company(request: HttpRequest) -> Company | None:
    """The company searching, or None for an anonymous visitor."""
    header = request.headers.get("Authorization", "")
    try:
        if header.startswith("Bearer "):
            return api_token_authenticate(raw_token=header.removeprefix("Bearer ")).company
        if isinstance(request.user, User) and request.user.is_active:
            return current_membership(request).company
    except DomainError:  # a bad token or no company: the search stays anonymous
        return None
    return None


def search_context(request: HttpRequest, *, source: SearchSource, currency: str) -> SearchContext:
    """What the search log keeps about this request: never the user, at most the company
    and its country as the market."""
    company = searching_company(request)
    return SearchContext(
        source=source,
        language=request_language(),
        currency=currency,
        company_id=company.id if company is not None else None,
        market=company.country if company is not None else "",
    )
