"""A dispute's stage, the status as every page and the API's `stage` show it: a contested
dispute reads "Supplier contested" (red) for the buyer, the supplier, the operator's list and
decide page and the API, never "Supplier counter-offered"; `status` keeps its values."""

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone, translation

from tradebridge.payments.dispute_stages import STAGE_TONES, dispute_stage, stage_tone
from tradebridge.payments.enums import DisputeStage, DisputeStatus, SupplierResponse
from tradebridge.payments.models import Dispute
from tradebridge.payments.services.disputes import dispute_escalate, dispute_respond
from tradebridge.payments.tests.disputes.conftest import Case, day, open_dispute, paid_case
from tradebridge.payments.tests.disputes.test_dispute_pages import card
from tradebridge.payments.web.dispute_panel import dispute_panel_context

CONTESTED_BADGE = (
    '<span class="badge badge--danger" id="dispute-status" data-stage="supplier_contested">'
    "Supplier contested</span>"
)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def contest(case: Case, dispute: Dispute) -> Dispute:
    dispute_respond(
        actor=case.sales, dispute_id=dispute.pk, response="contest", note="Intact", now=day(1)
    )
    dispute.refresh_from_db()
    return dispute


def counter(case: Case, dispute: Dispute) -> Dispute:
    from tradebridge.core.money import Money

    dispute_respond(
        actor=case.sales,
        dispute_id=dispute.pk,
        response="counter",
        counter_refund=Money.of("150.00", "EUR"),
        now=day(1),
    )
    dispute.refresh_from_db()
    return dispute


# --- the pure mapping ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "response", "stage"),
    [
        ("awaiting_supplier", "", DisputeStage.AWAITING_SUPPLIER),
        ("supplier_countered", "counter", DisputeStage.SUPPLIER_COUNTERED),
        ("supplier_countered", "contest", DisputeStage.SUPPLIER_CONTESTED),
        ("escalated", "contest", DisputeStage.ESCALATED),
        ("escalated", "counter", DisputeStage.ESCALATED),
        ("resolved", "accept", DisputeStage.RESOLVED),
        ("resolved", "contest", DisputeStage.RESOLVED),
        ("withdrawn", "counter", DisputeStage.WITHDRAWN),
    ],
)
def test_the_stage_of_each_status_and_response(status, response, stage):
    assert dispute_stage(status=status, supplier_response=response) == stage


def test_every_status_has_a_stage_of_the_same_value_and_label():
    for status in DisputeStatus:
        for response in ["", *SupplierResponse.values]:
            stage = dispute_stage(status=status, supplier_response=response)
            if stage != DisputeStage.SUPPLIER_CONTESTED:
                assert (stage.value, stage.label) == (status.value, status.label)


def test_an_unknown_status_is_refused():
    with pytest.raises(ValueError, match="supplier_contested"):
        dispute_stage(status="supplier_contested", supplier_response="contest")


def test_a_contest_and_a_counter_offer_have_different_colours():
    assert set(STAGE_TONES) == set(DisputeStage)
    assert stage_tone(DisputeStage.SUPPLIER_CONTESTED) == "danger"
    assert stage_tone(DisputeStage.SUPPLIER_COUNTERED) == "accent"
    assert len(set(STAGE_TONES.values())) == len(DisputeStage)


# --- the buyer's and the supplier's card --------------------------------------------------


@pytest.mark.django_db
def test_both_sides_see_a_contested_dispute_as_contested(case, dispute):
    contest(case, dispute)

    for viewer in (case.purchaser, case.sales):
        html = card(case, viewer)
        assert CONTESTED_BADGE in html
        assert "Supplier counter-offered" not in html


@pytest.mark.django_db
def test_a_counter_offer_keeps_its_badge(case, dispute):
    counter(case, dispute)

    html = card(case, case.purchaser)
    assert (
        '<span class="badge badge--accent" id="dispute-status" data-stage="supplier_countered">'
        "Supplier counter-offered</span>"
    ) in html


@pytest.mark.django_db
def test_the_dispute_page_in_french(case, dispute):
    contest(case, dispute)
    client = client_for(case.purchaser.user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"

    page = client.get(f"/disputes/{dispute.pk}/")

    assert page.status_code == 200
    assert ">Contestation du fournisseur</span>" in page.content.decode()


@pytest.mark.django_db
def test_the_card_context_names_the_stage(case, dispute):
    contest(case, dispute)

    with translation.override("en"):
        context = dispute_panel_context(case.purchaser, dispute, day(2))
        label = str(context["status_label"])  # lazy: read in the language of the override

    assert (context["stage"], context["status_tone"]) == ("supplier_contested", "danger")
    assert label == "Supplier contested"


# --- the API ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_api_adds_the_stage_and_keeps_the_status(case, dispute):
    contest(case, dispute)

    body = client_for(case.purchaser.user).get(f"/api/v1/disputes/{dispute.pk}").json()

    assert (body["status"], body["supplier_response"], body["stage"]) == (
        "supplier_countered",
        "contest",
        "supplier_contested",
    )


@pytest.mark.django_db
def test_the_openapi_document_lists_the_stages(client):
    schema = client.get("/api/v1/openapi.json").json()

    stage = schema["components"]["schemas"]["DisputeOut"]["properties"]["stage"]
    resolved = stage
    if "$ref" in stage:
        resolved = schema["components"]["schemas"][stage["$ref"].rsplit("/", 1)[1]]
    elif "allOf" in stage:
        resolved = schema["components"]["schemas"][stage["allOf"][0]["$ref"].rsplit("/", 1)[1]]
    assert resolved["enum"] == DisputeStage.values


# --- the operator -------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_operator_list_shows_each_stage_and_filters_by_it(operator):
    contested_case, countered_case = paid_case(), paid_case()
    contested = contest(contested_case, open_dispute(contested_case))
    countered = counter(countered_case, open_dispute(countered_case))
    admin = client_for(operator)

    page = admin.get("/admin/payments/dispute/").content.decode()
    assert (
        '<span class="dispute-stage dispute-stage--danger" data-stage="supplier_contested">'
        "Supplier contested</span>"
    ) in page
    assert (
        '<span class="dispute-stage dispute-stage--accent" data-stage="supplier_countered">'
        "Supplier counter-offered</span>"
    ) in page

    only_contested = admin.get("/admin/payments/dispute/?stage=supplier_contested")
    assert contested.order_reference in only_contested.content.decode()
    assert countered.order_reference not in only_contested.content.decode()
    only_countered = admin.get("/admin/payments/dispute/?stage=supplier_countered")
    assert countered.order_reference in only_countered.content.decode()
    assert contested.order_reference not in only_countered.content.decode()


@pytest.mark.django_db
def test_the_operator_list_puts_an_older_escalated_dispute_first(operator):
    escalated_case, newer_case = paid_case(), paid_case()
    escalated = open_dispute(escalated_case, now=timezone.now())
    dispute_escalate(actor=escalated_case.purchaser, dispute_id=escalated.pk, now=day(3))
    newer = open_dispute(newer_case, now=timezone.now())  # created after: newest-first would lead

    page = client_for(operator).get("/admin/payments/dispute/").content.decode()

    assert page.index(escalated.order_reference) < page.index(newer.order_reference)


@pytest.mark.django_db
def test_the_decide_page_shows_the_stage(case, dispute, operator):
    contest(case, dispute)

    page = client_for(operator).get(f"/admin/payments/dispute/{dispute.pk}/decide/")

    assert (
        '<span class="dispute-stage dispute-stage--danger" id="dispute-stage"'
        ' data-stage="supplier_contested">Supplier contested</span>'
    ) in page.content.decode()
    assert "css/admin-disputes" in page.content.decode()
