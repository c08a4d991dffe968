"""The RFQ steps on the dashboard's checklist (registered in `RfqConfig.ready`): a buyer's
members who may post RFQs post their first one; a supplier's members who may quote answer
their first RFQ. Each is done once true (one EXISTS query); nothing for anyone else."""

from tradebridge.companies.models import Membership
from tradebridge.companies.onboarding import OnboardingStep
from tradebridge.companies.permissions import Permission, has_permission
from tradebridge.rfq.quote_selectors import quote_list_for_supplier
from tradebridge.rfq.selectors import rfq_list_for_buyer
from tradebridge.rfq.web.roles import is_buyer, is_supplier


def rfq_onboarding_steps(actor: Membership) -> list[OnboardingStep]:
    steps = []
    if is_buyer(actor) and has_permission(actor, Permission.CREATE_RFQS):
        posted = rfq_list_for_buyer(actor=actor).exists()
        steps.append(OnboardingStep(key="rfq", done=posted, url="rfq_new"))
    if is_supplier(actor) and has_permission(actor, Permission.SUBMIT_QUOTES):
        quoted = quote_list_for_supplier(actor=actor).exists()
        steps.append(OnboardingStep(key="quote", done=quoted, url="rfq_inbox"))
    return steps
