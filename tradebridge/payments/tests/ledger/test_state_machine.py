"""The ledger's laws as a Hypothesis state machine over random sequences of escrow holds
opened, payments (partial, full, over), releases and refunds (partial, full, too much), dispute
splits (a partial refund, then the rest released), cancellations and replayed keys.

After every step: each transaction balances; every account's balance equals the sum of its
postings; per currency all balances (world included) sum to zero; each hold's cached
amounts equal the model's and its escrow account's balance, and released + refunded never
exceed deposited. At the end of each example `ledger_report` (what `ledger-check` runs) finds
no difference; the example's transaction is then rolled back.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from functools import partial

import pytest
from django.db import transaction
from django.db.models import F, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from tradebridge.companies.tests.factories import CompanyFactory
from tradebridge.core.money import InvalidAmount, Money
from tradebridge.payments.enums import AccountKind, EscrowStatus
from tradebridge.payments.errors import EscrowInsufficient
from tradebridge.payments.ledger import from_minor, to_minor
from tradebridge.payments.models import EscrowHold, LedgerAccount, LedgerTransaction, Posting
from tradebridge.payments.reconciliation import ledger_report
from tradebridge.payments.services.escrow import (
    PaymentApplication,
    escrow_cancel_unpaid,
    escrow_open,
    escrow_refund,
    escrow_release,
    instalment_payment_apply,
)
from tradebridge.payments.transitions import INSTALMENT_OPEN_STATUSES

NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
SETTLED = {EscrowStatus.RELEASED, EscrowStatus.REFUNDED, EscrowStatus.CLOSED}

percents = st.one_of(
    st.sampled_from([Decimal(0), Decimal(30), Decimal(50), Decimal(100)]),
    st.decimals(min_value=0, max_value=100, places=2),
)


@dataclass
class Expected:
    currency: str
    deposited: int = 0
    released: int = 0
    refunded: int = 0

    @property
    def held(self) -> int:
        return self.deposited - self.released - self.refunded


class EscrowLedger(RuleBasedStateMachine):
    holds = Bundle("holds")

    def __init__(self) -> None:
        super().__init__()
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        self.expected: dict[uuid.UUID, Expected] = {}
        self.replays: list[Callable[[], object]] = []
        self.count = 0

    @initialize()
    def companies(self) -> None:
        self.buyer = CompanyFactory.create()
        self.supplier = CompanyFactory.create()

    def _key(self, prefix: str) -> str:
        self.count += 1
        return f"{prefix}-{self.count}"

    # --- rules -------------------------------------------------------------------------------

    @rule(
        target=holds,
        total=st.integers(min_value=1, max_value=10**9),
        currency=st.sampled_from(["EUR", "JPY"]),
        deposit=percents,
        commission=st.decimals(min_value=0, max_value=20, places=2),
    )
    def open(self, total: int, currency: str, deposit: Decimal, commission: Decimal) -> uuid.UUID:
        order_id = uuid.uuid4()
        escrow_open(
            order_id=order_id,
            order_reference=f"ORD-{self.count}",
            buyer_id=self.buyer.pk,
            supplier_id=self.supplier.pk,
            total=from_minor(total, currency),
            deposit_percent=deposit,
            commission_percent=commission,
            deposit_due_at=NOW,
        )
        self.expected[order_id] = Expected(currency)
        return order_id

    @rule(
        order_id=holds,
        position=st.integers(min_value=0, max_value=1),
        how=st.sampled_from(["partial", "full", "over"]),
        fraction=st.integers(min_value=1, max_value=99),
        extra=st.integers(min_value=1, max_value=10**6),
    )
    def pay(self, order_id: uuid.UUID, position: int, how: str, fraction: int, extra: int) -> None:
        hold = EscrowHold.objects.get(order_id=order_id)
        plan = list(hold.instalments.order_by("position"))
        instalment = plan[position % len(plan)]
        owed = (
            to_minor(Money(instalment.amount - instalment.paid_amount, hold.currency))
            if instalment.status in INSTALMENT_OPEN_STATUSES
            else 0
        )
        amount = {
            "partial": max(1, owed * fraction // 100),
            "full": max(1, owed),
            "over": owed + extra,
        }[how]
        key = self._key("pay")
        result = instalment_payment_apply(
            instalment_id=instalment.pk,
            amount=from_minor(amount, hold.currency),
            key=key,
            source="bank_transfer",
            now=NOW,
        )
        applied = min(amount, owed)
        assert to_minor(result.applied) == applied
        assert to_minor(result.unapplied) == amount - applied
        self.expected[order_id].deposited += applied
        self.replays.append(
            partial(
                instalment_payment_apply,
                instalment_id=instalment.pk,
                amount=from_minor(amount, hold.currency),
                key=key,
                source="retry",
                now=NOW,
            )
        )

    @rule(
        order_id=holds,
        how=st.sampled_from(["all", "part", "too_much"]),
        part=st.integers(min_value=1, max_value=100),
        refund=st.booleans(),
    )
    def move_out(self, order_id: uuid.UUID, how: str, part: int, refund: bool) -> None:
        expected = self.expected[order_id]
        requested = {
            "all": expected.held,
            "part": expected.held * part // 100,
            "too_much": expected.held + part,
        }[how]
        amount = None if how == "all" else from_minor(requested, expected.currency)
        service = escrow_refund if refund else escrow_release
        key = self._key("refund" if refund else "release")
        if requested <= 0 and amount is not None:
            with pytest.raises(InvalidAmount):  # an amount of nothing
                service(order_id=order_id, key=key, amount=amount, reason="test")
            return
        if requested <= 0 or requested > expected.held:
            with pytest.raises(EscrowInsufficient):
                service(order_id=order_id, key=key, amount=amount, reason="test")
            return
        service(order_id=order_id, key=key, amount=amount, reason="test")
        if refund:
            expected.refunded += requested
        else:
            expected.released += requested
        self.replays.append(
            partial(service, order_id=order_id, key=key, amount=amount, reason="retry")
        )

    @rule(order_id=holds, part=st.integers(min_value=1, max_value=99))
    def dispute_split(self, order_id: uuid.UUID, part: int) -> None:
        """A dispute ending in a partial refund: the refund, then the rest released."""
        expected = self.expected[order_id]
        refund = expected.held * part // 100
        if refund == 0 or refund == expected.held:
            return
        escrow_refund(
            order_id=order_id,
            key=self._key("dispute-refund"),
            amount=from_minor(refund, expected.currency),
            reason="dispute",
        )
        expected.refunded += refund
        rest = expected.held
        escrow_release(order_id=order_id, key=self._key("dispute-release"), reason="dispute")
        expected.released += rest
        hold = EscrowHold.objects.get(order_id=order_id)
        assert hold.held_minor == 0

    @rule(order_id=holds)
    def cancel(self, order_id: uuid.UUID) -> None:
        """The order is cancelled: unpaid instalments cancelled, whatever is held refunded."""
        escrow_cancel_unpaid(order_id=order_id)
        expected = self.expected[order_id]
        if expected.held:
            escrow_refund(order_id=order_id, key=self._key("cancel-refund"), reason="cancelled")
            expected.refunded += expected.held
        hold = EscrowHold.objects.get(order_id=order_id)
        assert hold.status in SETTLED

    @precondition(lambda self: bool(self.replays))
    @rule(data=st.data())
    def replay(self, data: st.DataObject) -> None:
        """A retry with a key already used changes nothing."""
        retry = data.draw(st.sampled_from(self.replays))
        before = (LedgerTransaction.objects.count(), Posting.objects.count())
        result = retry()
        if isinstance(result, PaymentApplication):
            assert result.replayed
        assert (LedgerTransaction.objects.count(), Posting.objects.count()) == before

    # --- invariants --------------------------------------------------------------------------

    @invariant()
    def every_transaction_balances(self) -> None:
        unbalanced = (
            Posting.objects.values("transaction_id")
            .annotate(total=Sum("amount_minor"))
            .exclude(total=0)
        )
        assert not unbalanced.exists()

    @invariant()
    def balances_equal_their_postings(self) -> None:
        accounts = LedgerAccount.objects.annotate(
            computed=Coalesce(Sum("postings__amount_minor"), 0)
        ).exclude(balance_minor=F("computed"))
        assert not accounts.exists()

    @invariant()
    def every_currency_sums_to_zero(self) -> None:
        totals = LedgerAccount.objects.values("currency").annotate(total=Sum("balance_minor"))
        assert {row["total"] for row in totals} <= {0}

    @invariant()
    def holds_match_the_model(self) -> None:
        escrow = LedgerAccount.objects.filter(
            kind=AccountKind.ESCROW, order_id=OuterRef("order_id")
        ).values("balance_minor")
        rows = EscrowHold.objects.annotate(escrow=Subquery(escrow)).values_list(
            "order_id", "deposited_minor", "released_minor", "refunded_minor", "escrow", "status"
        )
        for order_id, deposited, released, refunded, balance, status in rows:
            expected = self.expected[order_id]
            assert (deposited, released, refunded) == (
                expected.deposited,
                expected.released,
                expected.refunded,
            )
            assert released + refunded <= deposited
            assert (balance or 0) == expected.held
            assert status not in SETTLED or expected.held == 0

    def teardown(self) -> None:
        try:
            assert ledger_report().differences == []
        finally:
            transaction.set_rollback(True)
            self._atomic.__exit__(None, None, None)


@pytest.mark.django_db
def test_escrow_ledger_state_machine(published):
    run_state_machine_as_test(
        EscrowLedger,
        settings=settings(
            max_examples=50,
            stateful_step_count=12,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
