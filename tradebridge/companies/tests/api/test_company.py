import uuid

import pytest

from tradebridge.companies.models import Company
from tradebridge.companies.tests.api.matrix import (
    MANAGERS,
    MEMBERS,
    NOT_FOUND,
    assert_denial,
    client_as,
    matrix,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("actor_case", "status"), matrix(MEMBERS, 200))
def test_company_read_matrix(team, actor_case, status):
    response = client_as(team, actor_case).get(f"/api/v1/companies/{team.company.id}")

    if status == 200:
        assert response.status_code == 200
        body = response.json()
        assert (body["id"], body["slug"], body["legal_name"]) == (
            str(team.company.id),
            "alpha",
            "Alpha Trading GmbH",
        )
    else:
        assert_denial(response, status)


@pytest.mark.parametrize(("actor_case", "status"), matrix(MANAGERS, 200))
def test_company_update_matrix(team, actor_case, status):
    response = client_as(team, actor_case).patch(
        f"/api/v1/companies/{team.company.id}",
        {"city": "Hamburg", "languages": ["de", "en"]},
        content_type="application/json",
    )

    company = Company.objects.get(id=team.company.id)
    if status == 200:
        assert response.status_code == 200
        assert response.json()["city"] == "Hamburg"
        assert (company.city, company.languages) == ("Hamburg", ["de", "en"])
    else:
        assert_denial(response, status)
        assert (company.city, company.languages) == ("", [])


def test_an_unknown_company_and_someone_elses_answer_the_same(team):
    client = client_as(team, "outsider")

    foreign = client.get(f"/api/v1/companies/{team.company.id}")
    unknown = client.get(f"/api/v1/companies/{uuid.uuid4()}")

    assert (foreign.status_code, foreign.json()) == (unknown.status_code, unknown.json())
    assert unknown.json() == NOT_FOUND


def test_a_malformed_company_id_is_a_422(team):
    response = client_as(team, "owner").get("/api/v1/companies/not-a-uuid")

    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"


def test_invalid_values_are_a_422_with_the_field(team):
    response = client_as(team, "owner").patch(
        f"/api/v1/companies/{team.company.id}",
        {"country": "ZZ", "city": "Hamburg"},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json()["details"] == {"field": "country"}
    assert Company.objects.get(id=team.company.id).city == ""


def test_a_change_of_kind_is_a_request_shown_as_pending_kind(team):
    Company.objects.filter(id=team.company.id).update(kind="buyer")
    client = client_as(team, "owner")

    response = client.patch(
        f"/api/v1/companies/{team.company.id}", {"kind": "both"}, content_type="application/json"
    )

    assert response.status_code == 200
    assert (response.json()["kind"], response.json()["pending_kind"]) == ("buyer", "both")
    assert Company.objects.get(id=team.company.id).kind == "buyer"
    body = client.get(f"/api/v1/companies/{team.company.id}").json()
    assert (body["kind"], body["pending_kind"]) == ("buyer", "both")


def test_nothing_pending_reads_as_null(team):
    body = client_as(team, "viewer").get(f"/api/v1/companies/{team.company.id}").json()

    assert (body["kind"], body["pending_kind"]) == ("both", None)
