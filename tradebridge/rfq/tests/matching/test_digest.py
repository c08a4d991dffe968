"""The digest e-mail of new matching RFQs: one per supplier member who may quote, in their
language, never twice for the same invitation, nothing about RFQs no longer open."""

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from tradebridge.accounts.tests.factories import UserFactory
from tradebridge.companies.enums import Role
from tradebridge.companies.tests.factories import MembershipFactory
from tradebridge.rfq.enums import RFQStatus
from tradebridge.rfq.matching.digest import rfq_match_digests_send
from tradebridge.rfq.matching.tasks import rfq_match_digests_task
from tradebridge.rfq.models import RFQInvitation
from tradebridge.rfq.services.matching import rfq_match
from tradebridge.rfq.tests.factories import RFQFactory
from tradebridge.rfq.tests.matching.conftest import SOCCER_BALLS, Market

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner_fr(market: Market) -> Any:
    user = UserFactory.create(email="patron@balls.example.com", preferred_language="fr")
    MembershipFactory.create(company=market.balls, user=user, role=Role.OWNER)
    viewer = UserFactory.create(email="viewer@balls.example.com")
    MembershipFactory.create(company=market.balls, user=viewer, role=Role.VIEWER)
    return user


def test_each_member_who_may_quote_gets_one_digest_in_their_language(
    market: Market, owner_fr: Any
) -> None:
    second = RFQFactory.create(title="Futsal balls", category_id=SOCCER_BALLS)
    rfq_match(rfq_id=market.rfq.id)
    rfq_match(rfq_id=second.id)

    assert rfq_match_digests_send() == 1

    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {market.balls_member.user.email, "patron@balls.example.com"}
    english = by_recipient[market.balls_member.user.email]
    assert english.subject == "2 new RFQs match your catalog"
    assert "Soccer balls size 5" in english.body
    assert "Futsal balls" in english.body
    assert "2 products in Soccer Balls; Sells similar products" in english.body
    french = by_recipient["patron@balls.example.com"]
    assert french.subject == "2 nouvelles demandes de devis correspondent à votre catalogue"
    assert "2 produits dans Soccer Balls" in french.body
    assert "Paris Sports" not in english.body  # the buyer's name is not in the digest


def test_a_second_run_sends_nothing_and_new_matches_come_in_the_next_digest(
    market: Market,
) -> None:
    rfq_match(rfq_id=market.rfq.id)
    rfq_match_digests_task.call()
    later = RFQFactory.create(title="Futsal balls", category_id=SOCCER_BALLS)
    rfq_match(rfq_id=later.id)
    rfq_match(rfq_id=market.rfq.id)  # a re-run notifies no one again

    rfq_match_digests_send()
    rfq_match_digests_send()

    assert [message.subject for message in mail.outbox] == [
        "A new RFQ matches your catalog",
        "A new RFQ matches your catalog",
    ]
    assert "Futsal balls" in mail.outbox[1].body
    assert "Soccer balls size 5" not in mail.outbox[1].body
    assert not RFQInvitation.objects.filter(emailed_at__isnull=True).exists()


def test_rfqs_closed_or_past_their_deadline_are_not_e_mailed(market: Market) -> None:
    rfq_match(rfq_id=market.rfq.id)
    RFQFactory.create()  # unmatched: nothing to send about it
    market.rfq.status = RFQStatus.CLOSED
    market.rfq.save(update_fields=["status"])

    assert rfq_match_digests_send() == 0

    market.rfq.status = RFQStatus.OPEN
    market.rfq.save(update_fields=["status"])
    assert rfq_match_digests_send(now=timezone.now() + timedelta(days=30)) == 0
    assert mail.outbox == []


def test_a_failed_send_leaves_the_invitation_to_the_next_run(
    market: Market, monkeypatch: pytest.MonkeyPatch
) -> None:
    rfq_match(rfq_id=market.rfq.id)

    def broken(**_: object) -> None:
        raise ConnectionError

    monkeypatch.setattr("tradebridge.rfq.matching.digest.email_send", broken)
    assert rfq_match_digests_send() == 0
    monkeypatch.undo()

    assert RFQInvitation.objects.get(rfq=market.rfq).emailed_at is None
    assert rfq_match_digests_send() == 1
