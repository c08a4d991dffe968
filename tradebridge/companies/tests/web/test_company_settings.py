"""The company profile page: owners and admins edit it, other members read it."""

import pytest

from tradebridge.companies.enums import VerificationLevel
from tradebridge.companies.models import Company
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
