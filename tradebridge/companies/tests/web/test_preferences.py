"""Language and currency switchers: remembered in the session, and on the user when signed in."""

import pytest

from tradebridge.accounts.tests.factories import DEFAULT_PASSWORD
from tradebridge.companies.tests.factories import MembershipFactory
from tradebridge.companies.tests.web.pages import client_as, elements, tags

pytestmark = pytest.mark.django_db


def _selected(html: str, select_id: str) -> str | None:
    inside, chosen = False, None
    for tag, attrs in tags(html):
        if tag == "select":
            inside = attrs.get("id") == select_id
        elif tag == "option" and inside and "selected" in attrs:
            chosen = attrs["value"]
    return chosen


def _user(membership):
    membership.user.refresh_from_db()
    return membership.user


def test_a_visitors_currency_is_kept_in_the_session(client):
    response = client.post("/preferences/currency/", {"currency": "EUR", "next": "/"})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert _selected(client.get("/").text, "pref-currency") == "EUR"


def test_a_signed_in_users_currency_is_kept_on_the_user(team):
    client = client_as(team, "purchaser")

    client.post("/preferences/currency/", {"currency": "CNY", "next": "/dashboard/"})

    assert _user(team.purchaser).preferred_currency == "CNY"
    fresh = client_as(team, "purchaser")  # a new browser session
    assert _selected(fresh.get("/dashboard/").text, "pref-currency") == "CNY"


def test_an_unknown_currency_is_refused_and_nothing_changes(team):
    client = client_as(team, "purchaser")

    response = client.post("/preferences/currency/", {"currency": "XXX"})

    assert response.status_code == 400
    assert 'data-error-code="unknown_currency"' in response.text
    assert _user(team.purchaser).preferred_currency == ""


def test_the_currency_switch_never_redirects_to_another_site(client):
    response = client.post(
        "/preferences/currency/", {"currency": "EUR", "next": "//evil.example/phish"}
    )

    assert response["Location"] == "/"


def test_switching_to_german_renders_german_and_is_kept_on_the_user(team):
    client = client_as(team, "viewer")

    response = client.post("/preferences/language/", {"language": "de", "next": "/dashboard/"})
    page = client.get("/dashboard/")

    assert response.status_code == 302
    assert 'lang="de"' in page.text
    assert "Nächste Schritte" in page.text
    assert _user(team.viewer).preferred_language == "de"


def test_an_unsupported_language_changes_nothing(team):
    client = client_as(team, "viewer")

    client.post("/preferences/language/", {"language": "xx", "next": "/dashboard/"})

    assert 'lang="en"' in client.get("/dashboard/").text
    assert _user(team.viewer).preferred_language == ""


def test_both_switchers_are_plain_forms_that_work_without_javascript(client):
    forms = {a["action"]: a["method"] for a in elements(client.get("/").text, "form")}

    assert forms["/preferences/language/"] == "post"
    assert forms["/preferences/currency/"] == "post"


def test_signing_in_restores_the_users_language_on_a_new_device(team):

    user = team.viewer.user
    user.preferred_language = "fr"
    user.save(update_fields=["preferred_language"])
    client = client_as(team, "anonymous")

    client.post("/accounts/login/", {"login": user.email, "password": DEFAULT_PASSWORD})
    page = client.get("/dashboard/")

    assert 'lang="fr"' in page.text
    assert "Prochaines étapes" in page.text


# --- without a choice, a member sees their acting company's currency (issue 9, item 13) ---


def _company_currency(team, currency: str) -> None:
    team.company.default_currency = currency
    team.company.save(update_fields=["default_currency"])


def test_a_member_without_a_choice_sees_the_acting_companys_currency(team):
    _company_currency(team, "GBP")

    page = client_as(team, "purchaser").get("/dashboard/")

    assert _selected(page.text, "pref-currency") == "GBP"


def test_the_members_own_choice_wins_over_the_companys_currency(team):
    _company_currency(team, "GBP")
    client = client_as(team, "purchaser")

    client.post("/preferences/currency/", {"currency": "JPY", "next": "/"})

    assert _selected(client.get("/dashboard/").text, "pref-currency") == "JPY"


def test_the_default_follows_the_company_the_member_acts_for(team):
    _company_currency(team, "GBP")
    team.other_company.default_currency = "CNY"
    team.other_company.save(update_fields=["default_currency"])
    MembershipFactory.create(company=team.other_company, user=team.purchaser.user)
    client = client_as(team, "purchaser")
    client.get("/dashboard/")  # acts for the oldest membership first

    client.post("/company/switch/", {"company_id": str(team.other_company.pk), "next": "/"})

    assert _selected(client.get("/dashboard/").text, "pref-currency") == "CNY"


def test_a_company_currency_without_rates_falls_back_to_us_dollars(team):
    _company_currency(team, "AED")  # a valid ISO code the ECB publishes no rate for

    page = client_as(team, "purchaser").get("/dashboard/")

    assert _selected(page.text, "pref-currency") == "USD"


def test_visitors_without_a_choice_see_us_dollars(client):
    assert _selected(client.get("/").text, "pref-currency") == "USD"
