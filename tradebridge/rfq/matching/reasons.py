"""Why a supplier fits an RFQ: a machine-readable code with parameters, stored with the match
(`RFQInvitation.reasons`), and its text in the reader's language, rendered when shown.

Stored as `[{"code": "category_products", "params": {"count": 240, "category": "Soccer
Balls"}}, ...]`; shown as "240 products in Soccer Balls". A code this release does not know
(stored by a newer one) is shown as nothing rather than failing the page.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.translation import gettext, ngettext

from tradebridge.rfq.enums import InvitationSource


class ReasonCode(models.TextChoices):
    INVITED = "invited", "invited"
    CATEGORY_PRODUCTS = "category_products", "category_products"
    SIMILAR_PRODUCTS = "similar_products", "similar_products"
    CERTIFIED = "certified", "certified"
    BUSINESS_VERIFIED = "business_verified", "business_verified"
    AUDITED = "audited", "audited"
    REPLIES_WITHIN = "replies_within", "replies_within"
    RESPONSE_RATE = "response_rate", "response_rate"


@dataclass(frozen=True, slots=True)
class Reason:
    code: ReasonCode
    params: Mapping[str, str | int] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"code": str(self.code), "params": dict(self.params)}


def reasons_as_json(reasons: Iterable[Reason]) -> list[dict[str, Any]]:
    """The stored form of `reasons`."""
    return [reason.as_json() for reason in reasons]


def reasons_from_json(stored: object) -> tuple[Reason, ...]:
    """The reasons of a stored list; entries that are malformed or of an unknown code are
    skipped."""
    if not isinstance(stored, list):
        return ()
    reasons = []
    for entry in stored:
        if not isinstance(entry, dict) or entry.get("code") not in ReasonCode.values:
            continue
        params = entry.get("params")
        clean = (
            {str(k): v for k, v in params.items() if isinstance(v, str | int)}
            if isinstance(params, dict)
            else {}
        )
        reasons.append(Reason(ReasonCode(entry["code"]), clean))
    return tuple(reasons)


def reason_text(reason: Reason) -> str:
    """The reason in the active language, e.g. "240 products in Soccer Balls"."""
    params = reason.params
    match reason.code:
        case ReasonCode.INVITED:
            return str(InvitationSource.INVITED.label)
        case ReasonCode.CATEGORY_PRODUCTS:
            count = int(params.get("count", 0))
            return ngettext(
                "%(count)d product in %(category)s", "%(count)d products in %(category)s", count
            ) % {"count": count, "category": params.get("category", "")}
        case ReasonCode.SIMILAR_PRODUCTS:
            return gettext("Sells similar products")
        case ReasonCode.CERTIFIED:
            return gettext("%(certifications)s certified") % {
                "certifications": params.get("certifications", "")
            }
        case ReasonCode.BUSINESS_VERIFIED:
            return gettext("Business verified")
        case ReasonCode.AUDITED:
            return gettext("Audited supplier")
        case ReasonCode.REPLIES_WITHIN:
            hours = int(params.get("hours", 0))
            return ngettext(
                "Usually replies within %(hours)d h", "Usually replies within %(hours)d h", hours
            ) % {"hours": hours}
        case ReasonCode.RESPONSE_RATE:
            return gettext("Responds to %(percent)s%% of requests") % {
                "percent": params.get("percent", 0)
            }
