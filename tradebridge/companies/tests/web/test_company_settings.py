"""The company profile page: owners and admins edit it, other members read it."""

import pytest

from tradebridge.accounts.tests.factories import OperatorFactory
from tradebridge.companies.enums import VerificationLevel
from tradebridge.companies.models import Company
from tradebridge.companies.services import company_kind_change_reject, company_kind_change_request
from tradebridge.companies.tests.web.pages import MANAGERS, NON_MANAGERS, client_as, elements

pytestmark = pytest.mark.django_db


def _profile(**changes):
    data = {
        "legal_name": "Alpha Trading GmbH",
        "display_name": "Alpha Trading",
        "kind": "both",
        "country": "DE",
        "province": "Bavaria",
        "city": "Munich",
        "registration_number": "HRB 12345",
        "vat_number": "DE123456789",
        "default_currency": "EUR",
        "languages": ["en", "de"],
        "website": "https://alpha.example.com",
        "description": "Importer of sports goods.",
    }
    data.update(changes)
    return data


def _snapshot(company: Company) -> dict[str, object]:
    company.refresh_from_db()
    return {
        name: getattr(company, name)
        for name in ("legal_name", "display_name", "city", "website", "languages", "description")
    }


@pytest.mark.parametrize("actor", MANAGERS)
def test_owners_and_admins_save_the_profile(team, actor):
    response = client_as(team, actor).post("/company/settings/", _profile())

    assert response.status_code == 302
    assert response["Location"] == "/company/settings/"
    assert _snapshot(team.company) == {
        "legal_name": "Alpha Trading GmbH",
        "display_name": "Alpha Trading",
        "city": "Munich",
        "website": "https://alpha.example.com",
        "languages": ["en", "de"],
        "description": "Importer of sports goods.",
    }


@pytest.mark.parametrize("actor", NON_MANAGERS)
def test_other_members_read_the_profile_without_a_form_to_submit(team, actor):
    response = client_as(team, actor).get("/company/settings/")

    assert response.status_code == 200
    inputs = [a for a in elements(response.text, "input") if a.get("name") == "legal_name"]
    assert inputs == [
        {
            "type": "text",
            "name": "legal_name",
            "value": "Alpha Trading GmbH",
            "maxlength": "200",
            "required": "",
            "disabled": "",
            "id": "id_legal_name",
        }
    ]
    assert "Save changes" not in response.text


@pytest.mark.parametrize("actor", NON_MANAGERS)
def test_other_members_cannot_save_and_nothing_changes(team, actor):
    before = _snapshot(team.company)

    response = client_as(team, actor).post("/company/settings/", _profile(city="Berlin"))

    assert response.status_code == 403
    assert 'data-error-code="permission_denied"' in response.text
    assert _snapshot(team.company) == before


def test_a_member_of_another_company_edits_only_their_own(team):
    before = _snapshot(team.company)

    response = client_as(team, "outsider").post(
        "/company/settings/", _profile(legal_name="Beta Sourcing Ltd", city="Lyon")
    )

    assert response.status_code == 302
    assert _snapshot(team.company) == before
    team.other_company.refresh_from_db()
    assert team.other_company.city == "Lyon"


def test_bad_input_is_reported_on_the_field_and_nothing_changes(team):
    before = _snapshot(team.company)

    response = client_as(team, "owner").post(
        "/company/settings/", _profile(website="ftp://alpha.example.com", city="Berlin")
    )

    assert response.status_code == 400
    assert "Not a valid http(s) address." in response.text
    assert _snapshot(team.company) == before


def test_a_verified_company_keeps_its_legal_identity(team):
    Company.objects.filter(pk=team.company.pk).update(
        verification_level=VerificationLevel.BUSINESS_VERIFIED
    )
    before = _snapshot(team.company)

    response = client_as(team, "owner").post(
        "/company/settings/", _profile(legal_name="Renamed GmbH")
    )

    assert response.status_code == 400
    assert "legal identity can only be changed by the operator" in response.text
    assert _snapshot(team.company) == before


def test_a_new_kind_is_a_request_shown_on_the_page_until_the_operator_decides(team):
    Company.objects.filter(id=team.company.id).update(kind="buyer")
    client = client_as(team, "owner")

    response = client.post("/company/settings/", _profile(kind="supplier"))

    assert response.status_code == 302
    assert Company.objects.get(id=team.company.id).kind == "buyer"
    page = client.get("/company/settings/").text
    assert (
        "You asked to become: Supplier. The operator reviews the request; until then the company "
        "stays: Buyer." in page
    )
    kinds = {"buyer", "supplier", "both"}
    selected = [a["value"] for a in elements(page, "option") if "selected" in a]
    assert [value for value in selected if value in kinds] == ["supplier"]


def test_a_rejected_request_shows_the_operators_note(team):
    Company.objects.filter(id=team.company.id).update(kind="buyer")
    change = company_kind_change_request(actor=team.owner, kind="both")
    assert change is not None
    company_kind_change_reject(
        operator=OperatorFactory.create(), change_id=change.id, note="Send a licence first."
    )

    page = client_as(team, "viewer").get("/company/settings/").text

    assert "The operator rejected the request to become: Buyer and supplier. Send a licence" in page
