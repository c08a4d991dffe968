"""The dispute card and its actions in the browser's terms: what each viewer may do, the
plain and HTMX posts, another company's dispute 404, evidence downloads through links bound
to one user."""

import io
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.test import Client
from PIL import Image

from tradebridge.companies.enums import Role
from tradebridge.companies.tests.factories import MembershipFactory
from tradebridge.payments.dispute_downloads import evidence_link
from tradebridge.payments.enums import DisputeStatus
from tradebridge.payments.models import DisputeEvidence
from tradebridge.payments.services.dispute_evidence import dispute_evidence_add
from tradebridge.payments.tests.disputes.conftest import paid_case

pytestmark = pytest.mark.django_db


def client_for(member) -> Client:
    client = Client()
    client.force_login(member.user)
    return client


def card(case, member):
    order = SimpleNamespace(pk=case.order_id)
    return render_to_string("payments/dispute_panel.html", {"actor": member, "order": order})


def actions(html):
    return sorted(
        action
        for action in ("accept", "counter", "contest", "accept-counter", "escalate", "withdraw")
        if f'data-action="{action}"' in html
    )


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_no_dispute_no_card(case):
    assert card(case, case.purchaser).strip() == ""


def test_each_viewer_sees_its_actions(case, dispute):
    viewer = MembershipFactory.create(company=case.buyer, role=Role.VIEWER)

    supplier_card = card(case, case.sales)
    assert actions(supplier_card) == ["accept", "contest", "counter"]
    assert "400.00" in supplier_card
    assert actions(card(case, case.purchaser)) == ["withdraw"]
    assert actions(card(case, viewer)) == []
    assert 'data-action="evidence"' not in card(case, viewer)


def test_another_company_sees_no_card(case, dispute):
    stranger = MembershipFactory.create(company=paid_case().buyer, role=Role.OWNER)

    assert card(case, stranger).strip() == ""


def test_the_supplier_counters_with_htmx(case, dispute):
    response = client_for(case.sales).post(
        f"/disputes/{dispute.pk}/counter/",
        {"counter_refund": "150,00", "note": "15 torn"},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    dispute.refresh_from_db()
    assert dispute.status == DisputeStatus.SUPPLIER_COUNTERED
    assert 'id="dispute-panel"' in response.content.decode()
    assert 'data-action="counter"' not in response.content.decode()


def test_a_refused_action_shows_why(case, dispute):
    response = client_for(case.purchaser).post(
        f"/disputes/{dispute.pk}/escalate/", headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    assert 'id="dispute-error"' in response.content.decode()
    dispute.refresh_from_db()
    assert dispute.status == DisputeStatus.AWAITING_SUPPLIER


def test_a_plain_post_goes_back(case, dispute):
    response = client_for(case.purchaser).post(
        f"/disputes/{dispute.pk}/withdraw/", {"next": "/orders/"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/orders/"
    dispute.refresh_from_db()
    assert dispute.status == DisputeStatus.WITHDRAWN


def test_a_foreign_next_is_ignored(case, dispute):
    response = client_for(case.purchaser).post(
        f"/disputes/{dispute.pk}/withdraw/", {"next": "https://evil.example/"}
    )

    assert response["Location"] == f"/disputes/{dispute.pk}/"


@pytest.mark.parametrize("action", ["withdraw", "accept", "evidence", "unknown"])
def test_another_company_gets_404(case, dispute, action):
    stranger = MembershipFactory.create(company=paid_case().buyer, role=Role.OWNER)

    response = client_for(stranger).post(f"/disputes/{dispute.pk}/{action}/")

    assert response.status_code == 404
    dispute.refresh_from_db()
    assert dispute.status == DisputeStatus.AWAITING_SUPPLIER
    assert client_for(stranger).get(f"/disputes/{dispute.pk}/").status_code == 404


def test_evidence_upload_and_download(case, dispute):
    upload = io.BytesIO(png())
    upload.name = "torn.png"
    client_for(case.purchaser).post(f"/disputes/{dispute.pk}/evidence/", {"file": upload})
    evidence = DisputeEvidence.objects.get()

    own = evidence_link(evidence_id=evidence.pk, user_id=case.sales.user_id)
    response = client_for(case.sales).get(own)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="torn.png"'
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert response.getvalue() == png()
    # The supplier's link is the supplier's: the buyer gets 404 with it.
    assert client_for(case.purchaser).get(own).status_code == 404


def test_a_link_for_a_former_member_is_404(case, dispute):
    evidence = dispute_evidence_add(
        actor=case.purchaser, dispute_id=dispute.pk, file=io.BytesIO(png()), filename="a.png"
    )
    stranger = MembershipFactory.create(company=paid_case().buyer, role=Role.OWNER)
    link = evidence_link(evidence_id=evidence.pk, user_id=stranger.user_id)

    assert client_for(stranger).get(link).status_code == 404


def test_the_dispute_page(case, dispute):
    response = client_for(case.sales).get(f"/disputes/{dispute.pk}/")

    assert response.status_code == 200
    assert 'id="dispute-panel"' in response.content.decode()
