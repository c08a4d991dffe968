import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tradebridge.accounts.tests.factories import OperatorFactory, UserFactory
from tradebridge.companies.enums import VerificationLevel
from tradebridge.companies.models import Company, CompanyVerificationEvent
from tradebridge.companies.tests.factories import CompanyFactory, MembershipFactory, issue_api_token

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/companies/company/"


def _run_action(client: Client, action: str, *companies: Company):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [str(company.id) for company in companies]},
        follow=True,
    )


@pytest.mark.parametrize(
    ("action", "level"),
    [
        ("mark_business_verified", VerificationLevel.BUSINESS_VERIFIED),
        ("mark_audited", VerificationLevel.AUDITED),
    ],
)
def test_operators_verify_companies_with_an_admin_action(action, level):
    operator = OperatorFactory.create()
    companies = [CompanyFactory.create(), CompanyFactory.create()]
    client = Client()
    client.force_login(operator)

    response = _run_action(client, action, *companies)

    assert response.status_code == 200
    assert set(Company.objects.values_list("verification_level", flat=True)) == {level}
    events = CompanyVerificationEvent.objects.values_list("operator", "from_level", "to_level")
    assert sorted(events) == [(operator.id, "unverified", level.value)] * 2


def test_revoking_verification_goes_back_to_unverified_and_shows_in_the_history():
    operator = OperatorFactory.create()
    company = CompanyFactory.create(verification_level=VerificationLevel.AUDITED)
    client = Client()
    client.force_login(operator)

    _run_action(client, "revoke_verification", company)
    page = client.get(f"{CHANGELIST}{company.id}/change/")

    company.refresh_from_db()
    assert company.verification_level == VerificationLevel.UNVERIFIED
    assert page.status_code == 200
    assert "Verification history" in page.text or "verification history" in page.text


def test_non_operators_cannot_reach_the_actions():
    company = CompanyFactory.create()
    client = Client()
    client.force_login(UserFactory.create())

    response = _run_action(client, "mark_audited", company)

    assert response.redirect_chain[0][0].startswith("/admin/login/")
    company.refresh_from_db()
    assert company.verification_level == VerificationLevel.UNVERIFIED
    assert CompanyVerificationEvent.objects.count() == 0


def test_the_token_admin_shows_no_hash_and_creates_no_tokens():
    membership = MembershipFactory.create()
    issued = issue_api_token(membership)
    client = Client()
    client.force_login(OperatorFactory.create())

    change_page = client.get(f"/admin/companies/apitoken/{issued.api_token.id}/change/")
    add_page = client.get("/admin/companies/apitoken/add/")

    assert change_page.status_code == 200
    assert issued.api_token.prefix in change_page.text
    assert issued.api_token.token_hash not in change_page.text
    assert add_page.status_code == 403


def test_a_company_page_costs_the_same_queries_however_many_rows_its_histories_hold():
    company = CompanyFactory.create()
    client = Client()
    client.force_login(OperatorFactory.create())
    url = f"{CHANGELIST}{company.id}/change/"

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    def grow() -> None:
        MembershipFactory.create(company=company)
        CompanyVerificationEvent.objects.create(
            company=company,
            operator=OperatorFactory.create(),
            from_level=VerificationLevel.UNVERIFIED,
            to_level=VerificationLevel.EMAIL_VERIFIED,
        )

    grow()
    few = queries()
    for _ in range(6):
        grow()

    assert queries() == few
