"""The operator's back office: Django's admin site, branded, whose home lists what waits for
review across the apps (hence in the project package, which may read every app)."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.models import Product
from tradebridge.companies.enums import DocumentStatus, KindChangeStatus
from tradebridge.companies.models import Company, CompanyKindChange, VerificationDocument
from tradebridge.core.fx import business_days_between, rates_are_stale
from tradebridge.core.selectors import fx_rate_newest_date
from tradebridge.messaging.enums import ReportStatus
from tradebridge.messaging.models import MessageReport
from tradebridge.payments.bank_selectors import payouts_due_count, transfers_held_count
from tradebridge.rfq.enums import RFQReportStatus
from tradebridge.rfq.models import RFQReport


@dataclass(frozen=True, slots=True)
class Waiting:
    """One line of the operator's queue: how many, and the filtered list that shows them."""

    label: str
    count: int
    url: str


@dataclass(frozen=True, slots=True)
class RatesAge:
    newest: date | None
    business_days: int
    stale: bool


class OperationsAdminSite(admin.AdminSite):
    site_header = _("Tradebridge operations")
    site_title = _("Tradebridge operations")
    index_title = _("Back office")

    def index(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> TemplateResponse:
        """The home: the queue and the exchange rates' age above Django's list of models."""
        context = {"waiting": operator_queue(), "rates": rates_age(), **(extra_context or {})}
        response: TemplateResponse = super().index(request, extra_context=context)
        return response


def operator_queue() -> list[Waiting]:
    """What waits for an operator: documents and changes of kind to review, products pending
    review, suspended companies (to reinstate when resolved), reported messages and RFQs, bank
    transfers held for review and suppliers owed a payout. One count query each."""
    return [
        Waiting(
            str(_("Verification documents to review")),
            VerificationDocument.objects.filter(status=DocumentStatus.PENDING).count(),
            _changelist("companies_verificationdocument", status__exact=DocumentStatus.PENDING),
        ),
        Waiting(
            str(_("Changes of kind to review")),
            CompanyKindChange.objects.filter(status=KindChangeStatus.PENDING).count(),
            _changelist("companies_companykindchange", status__exact=KindChangeStatus.PENDING),
        ),
        Waiting(
            str(_("Products pending review")),
            Product.objects.filter(status=ProductStatus.PENDING_REVIEW).count(),
            _changelist("catalog_product", status__exact=ProductStatus.PENDING_REVIEW),
        ),
        Waiting(
            str(_("Suspended companies")),
            Company.objects.filter(is_active=False).count(),
            _changelist("companies_company", is_active__exact="0"),
        ),
        Waiting(
            str(_("Reported messages to review")),
            MessageReport.objects.filter(status=ReportStatus.OPEN).count(),
            _changelist("messaging_messagereport", status__exact=ReportStatus.OPEN),
        ),
        Waiting(
            str(_("Reported RFQs to review")),
            RFQReport.objects.filter(status=RFQReportStatus.OPEN).count(),
            _changelist("rfq_rfqreport", status__exact=RFQReportStatus.OPEN),
        ),
        Waiting(
            str(_("Bank transfers held for review")),
            transfers_held_count(),
            _changelist("payments_incomingtransfer", held="yes"),
        ),
        Waiting(
            str(_("Suppliers owed a payout")),
            payouts_due_count(),
            _changelist("payments_payoutbatch"),
        ),
    ]


def rates_age(*, today: date | None = None) -> RatesAge:
    """How old the newest ECB rate is, in business days, and whether that is stale."""
    today = today or timezone.localdate()
    newest = fx_rate_newest_date()
    age = business_days_between(newest, today) if newest else 0
    return RatesAge(newest=newest, business_days=age, stale=rates_are_stale(newest, today=today))


def _changelist(model: str, **filters: str) -> str:
    query = "&".join(f"{name}={value}" for name, value in filters.items())
    return f"{reverse(f'admin:{model}_changelist')}?{query}"
