"""The order page's payments panel: what the buyer needs to pay by bank transfer, what the
supplier follows, nothing for anyone else."""

from types import SimpleNamespace
from typing import Any

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from tradebridge.companies.enums import Role
from tradebridge.companies.models import Membership
from tradebridge.companies.tests.factories import MembershipFactory
from tradebridge.payments.enums import TransferSource
from tradebridge.payments.services.bank_transfers import transfer_record
from tradebridge.payments.tests.bank.conftest import Escrow, statement_line

pytestmark = pytest.mark.django_db


def _render(actor: Membership, escrow: Escrow) -> str:
    context: dict[str, Any] = {"actor": actor, "order": SimpleNamespace(pk=escrow.hold.order_id)}
    return render_to_string("payments/order_payments_panel.html", context)


def test_the_buyer_sees_what_is_left_to_pay_and_where(escrow: Escrow, settings: Any) -> None:
    settings.PAYMENTS_BANK_IBAN = "DE02120300000000202051"
    settings.PAYMENTS_BANK_ACCOUNT_NAME = "Tradebridge Escrow GmbH"
    buyer = MembershipFactory.create(company=escrow.buyer, role=Role.VIEWER)
    transfer_record(
        line=statement_line(escrow.deposit.reference, "100.00"), source=TransferSource.CSV
    )

    html = _render(buyer, escrow)

    assert 'id="bank-transfer-instructions"' in html
    assert "DE02120300000000202051" in html
    assert "Tradebridge Escrow GmbH" in html
    assert escrow.deposit.reference in html
    assert escrow.balance.reference in html
    assert 'data-instalment="deposit" data-status="partially_paid"' in html
    assert "<strong>€200.00</strong>" in html  # left of the 300.00 deposit
    assert "When the supplier asks for it" in html  # the balance has no due date yet
    assert 'data-escrow-status="partially_funded"' in html


def test_the_supplier_follows_the_payments_without_bank_details(escrow: Escrow) -> None:
    supplier = MembershipFactory.create(company=escrow.supplier, role=Role.SALES)

    html = _render(supplier, escrow)

    assert 'id="order-payments"' in html
    assert 'id="bank-transfer-instructions"' not in html
    assert escrow.deposit.reference in html
    assert "pays you once the buyer confirms receipt" in html


def test_once_everything_is_paid_no_instructions_remain(escrow: Escrow) -> None:
    buyer = MembershipFactory.create(company=escrow.buyer, role=Role.OWNER)
    for instalment, amount in ((escrow.deposit, "300.00"), (escrow.balance, "700.00")):
        transfer_record(
            line=statement_line(instalment.reference, amount), source=TransferSource.CSV
        )

    html = _render(buyer, escrow)

    assert 'id="bank-transfer-instructions"' not in html
    assert 'data-escrow-status="funded"' in html


def test_another_company_sees_nothing(escrow: Escrow) -> None:
    stranger = MembershipFactory.create(role=Role.OWNER)

    assert _render(stranger, escrow).strip() == ""


def test_the_panel_speaks_french(escrow: Escrow) -> None:
    buyer = MembershipFactory.create(company=escrow.buyer, role=Role.OWNER)

    with translation.override("fr"):
        html = _render(buyer, escrow)

    assert "Payer par virement bancaire (T/T)" in html
    assert "Référence de paiement" in html
