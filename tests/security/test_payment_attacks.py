"""Attack cases on payments (reliability anchors, section 8): card payments of another
company's instalment or with the client's amount and currency (X7, X13, X14), the sandbox
page of another buyer's payment, an operator's match in another currency and a non-operator's
match, signed provider events naming another instalment (X6), and formula injection in the
payout report (X11). Every refusal asserts that nothing changed."""

import time
import uuid
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tests.security.trades import (
    instalment,
    login,
    make_parties,
    post,
    snapshot,
)
from tradebridge.accounts.tests.factories import UserFactory
from tradebridge.core.money import Money
from tradebridge.orders.tests.lifecycle.conftest import Parties, place
from tradebridge.payments.bank_selectors import PayoutReportRow
from tradebridge.payments.models import (
    IncomingTransfer,
    ProviderPayment,
)
from tradebridge.payments.payout_report import payout_report_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def parties(db: None) -> Parties:
    return make_parties()


# --- payments --------------------------------------------------------------------------------


@pytest.fixture
def sandbox(settings: Any) -> None:
    settings.PAYMENT_PROVIDERS = ["sandbox"]
    settings.PAYMENTS_SANDBOX_SECRET = "sandbox-test-secret"


@pytest.mark.usefixtures("sandbox")
def test_x14_paying_another_orders_instalment_through_ones_own_order_is_refused(
    parties: Parties,
) -> None:
    """The outsider buyer has its own order; it starts a card payment on it naming the other
    company's deposit."""
    theirs = place(parties)
    outsiders = Parties(**{**parties.__dict__, "buyer": parties.outsider})
    own = place(outsiders)
    before = snapshot()

    response = post(
        login(parties.outsider),
        f"/api/v1/orders/{own.pk}/payments",
        {"instalment_id": str(instalment(theirs).pk), "provider": "sandbox"},
    )

    assert response.status_code == 404
    assert snapshot() == before


@pytest.mark.usefixtures("sandbox")
@pytest.mark.parametrize("who", ["buyer_viewer", "buyer_sales", "supplier", "outsider"])
def test_a_card_payment_by_anyone_but_the_buyers_payers_changes_nothing(
    parties: Parties, who: str
) -> None:
    order = place(parties)
    before = snapshot()

    response = post(
        login(getattr(parties, who)),
        f"/api/v1/orders/{order.pk}/payments",
        {"instalment_id": str(instalment(order).pk), "provider": "sandbox"},
    )

    # The supplier is a party to the order but no payer: it sees no payable instalment.
    assert response.status_code == (404 if who in {"outsider", "supplier"} else 403)
    assert snapshot() == before


@pytest.mark.usefixtures("sandbox")
def test_x7_the_amount_and_currency_of_a_card_payment_are_the_servers(parties: Parties) -> None:
    order = place(parties)
    deposit = instalment(order)

    response = post(
        login(parties.buyer),
        f"/api/v1/orders/{order.pk}/payments",
        {
            "instalment_id": str(deposit.pk),
            "provider": "sandbox",
            "amount": {"amount": "0.01", "currency": "JPY"},
        },
    )

    assert response.status_code == 201, response.content
    payment = ProviderPayment.objects.get()
    assert (payment.amount, payment.currency) == (Decimal("300.00"), "EUR")


@pytest.mark.usefixtures("sandbox")
def test_the_sandbox_page_of_another_buyers_payment_is_404(parties: Parties) -> None:
    order = place(parties)
    started = post(
        login(parties.buyer),
        f"/api/v1/orders/{order.pk}/payments",
        {"instalment_id": str(instalment(order).pk), "provider": "sandbox"},
    )
    assert started.status_code in {200, 201}, started.content
    payment = ProviderPayment.objects.get()
    before = snapshot()
    outsider = login(parties.outsider)
    page = f"/payments/sandbox/{payment.provider_payment_id}/"

    assert outsider.get(page).status_code == 404
    for verb in ("succeed", "pay", "approve", "decline", "fail"):
        assert outsider.post(f"{page}{verb}/").status_code == 404
    assert Client().get(page).status_code == 302
    assert snapshot() == before


def test_x7_an_operator_cannot_apply_a_transfer_in_another_currency(parties: Parties) -> None:
    from tradebridge.payments.services.bank_transfers import transfer_record
    from tradebridge.payments.statements.lines import StatementLine

    order = place(parties)
    transfer = transfer_record(
        line=StatementLine(
            source_ref="usd-1",
            amount=Money(Decimal("300.00"), "USD"),
            value_date=timezone.localdate(),
            reference_text=instalment(order).reference,
            payer_name="Rhein Sport",
        ),
        source="manual",
    )
    assert transfer.status == "unmatched"
    operator = UserFactory.create(is_staff=True)
    before = snapshot()

    response = post(
        login_user(operator),
        f"/api/v1/operator/transfers/{transfer.pk}/match",
        {"instalment_id": str(instalment(order).pk)},
    )

    assert response.status_code == 422
    assert IncomingTransfer.objects.get(pk=transfer.pk).status == "unmatched"
    assert snapshot() == before


def login_user(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("who", ["buyer", "supplier"])
def test_x13_matching_a_transfer_as_a_non_operator_is_404(parties: Parties, who: str) -> None:
    from tradebridge.payments.services.bank_transfers import transfer_record
    from tradebridge.payments.statements.lines import StatementLine

    order = place(parties)
    transfer = transfer_record(
        line=StatementLine(
            source_ref="eur-1",
            amount=Money(Decimal("300.00"), "EUR"),
            value_date=timezone.localdate(),
            reference_text="no reference",
            payer_name="Rhein Sport",
        ),
        source="manual",
    )
    before = snapshot()

    response = post(
        login(getattr(parties, who)),
        f"/api/v1/operator/transfers/{transfer.pk}/match",
        {"instalment_id": str(instalment(order).pk)},
    )

    assert response.status_code == 404
    assert IncomingTransfer.objects.get(pk=transfer.pk).status == "unmatched"
    assert snapshot() == before


# --- X6: a signed provider event naming another company's instalment ---------------------------


@pytest.fixture
def stripe(settings: Any) -> str:
    from tradebridge.payments.tests.providers.stripe_events import TEST_WEBHOOK_SECRET

    settings.PAYMENT_PROVIDERS = ["sandbox", "stripe"]
    settings.STRIPE_SECRET_KEY = "sk_test_fake"
    settings.STRIPE_WEBHOOK_SECRET = TEST_WEBHOOK_SECRET
    return TEST_WEBHOOK_SECRET


def _stripe_post(body: bytes) -> Any:
    from tradebridge.payments.tests.providers.stripe_events import stripe_headers

    return Client(enforce_csrf_checks=True).post(
        "/api/v1/payments/webhooks/stripe",
        data=body,
        content_type="application/json",
        headers=stripe_headers(body, timestamp=int(time.time())),
    )


@pytest.mark.usefixtures("stripe")
def test_x6_a_signed_event_for_an_unknown_intent_naming_a_foreign_instalment_pays_nothing(
    parties: Parties,
) -> None:
    """An attacker who knows the secret's format cannot sign; but a genuine event of another
    account's intent (or a test-mode one) whose metadata names our instalment must not pay it."""
    from tradebridge.payments.tests.providers.stripe_events import (
        event_body,
        payment_intent_object,
    )

    order = place(parties)
    deposit = instalment(order)
    before = snapshot()
    body = event_body(
        "evt_foreign",
        "payment_intent.succeeded",
        payment_intent_object(
            "pi_not_ours",
            amount=30000,
            currency="eur",
            status="succeeded",
            metadata={"instalment_id": str(deposit.pk)},
        ),
        created=int(time.time()),
    )

    response = _stripe_post(body)

    assert response.status_code == 200
    after = snapshot()
    assert after.instalments == before.instalments
    assert after.postings == before.postings
    assert after.statuses == before.statuses


@pytest.mark.usefixtures("stripe")
def test_x6_a_signed_event_of_our_intent_naming_another_instalment_pays_only_its_own(
    parties: Parties,
) -> None:
    """The event of the buyer's own deposit intent, its metadata rewritten to name another
    company's instalment (and a bigger amount): the other instalment stays unpaid."""
    from tradebridge.payments.tests.providers.stripe_events import (
        event_body,
        payment_intent_object,
    )

    theirs = place(Parties(**{**parties.__dict__, "buyer": parties.outsider}))
    order = place(parties)
    deposit = instalment(order)
    payment = ProviderPayment.objects.create(
        provider="stripe",
        provider_payment_id="pi_ours",
        instalment=deposit,
        amount=deposit.amount,
        currency=deposit.currency,
        status="processing",
    )
    foreign = instalment(theirs)
    body = event_body(
        "evt_rewritten",
        "payment_intent.succeeded",
        payment_intent_object(
            payment.provider_payment_id,
            amount=100000,
            currency="eur",
            status="succeeded",
            metadata={"instalment_id": str(foreign.pk)},
        ),
        created=int(time.time()),
    )

    response = _stripe_post(body)

    assert response.status_code == 200
    foreign.refresh_from_db()
    assert (foreign.status, foreign.paid_amount) == ("pending", Decimal(0))
    deposit.refresh_from_db()
    assert deposit.paid_amount <= deposit.amount


# --- X11: the payout report ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ['=HYPERLINK("http://x")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tTab", "\x00=1+2"],
)
def test_x11_a_formula_in_a_suppliers_name_is_neutralised(name: str) -> None:
    row = PayoutReportRow(
        payout_id=uuid.uuid4(),
        supplier_id=uuid.uuid4(),
        supplier_name=name,
        legal_name=name,
        amount=Money(Decimal("10.00"), "EUR"),
        reference="PAY-1",
        status="pending",
        orders=["ORD-1"],
    )

    text = payout_report_csv([row])

    import csv
    import io

    cells = next(iter(list(csv.reader(io.StringIO(text)))[1:]))
    assert cells[0] == cells[1] == "'" + name
