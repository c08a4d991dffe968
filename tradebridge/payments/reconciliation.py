"""Reconciling the ledger: everything recomputed from the postings, compared with what is
cached, and each difference described (`tradebridge ledger-check`).

Checked: every account's balance equals the sum of its postings; every transaction has at
least two postings, all in its currency, summing to zero; per currency all balances (world
included) sum to zero; each escrow hold's cached deposited / released / refunded equal the
ledger's, and released + refunded never exceed deposited.
"""

import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, Sum

from tradebridge.core.models import NIL_UUID
from tradebridge.payments.enums import AccountKind, TransactionKind
from tradebridge.payments.models import EscrowHold, LedgerAccount, LedgerTransaction, Posting


@dataclass(frozen=True, slots=True)
class CurrencyLine:
    currency: str
    accounts: int
    transactions: int
    postings_total: int  # the sum of every posting in the currency: 0 when healthy
    world_balance: int  # minus the money the platform holds in the currency


@dataclass(frozen=True, slots=True)
class HoldAmounts:
    deposited: int = 0
    released: int = 0
    refunded: int = 0


@dataclass(frozen=True, slots=True)
class LedgerReport:
    currencies: list[CurrencyLine]
    accounts_checked: int
    transactions_checked: int
    holds_checked: int
    differences: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.differences


def ledger_report() -> LedgerReport:
    differences = [
        *_account_differences(),
        *_transaction_differences(),
        *_hold_differences(),
    ]
    currencies = _currency_lines()
    differences.extend(
        f"currency {line.currency}: postings sum to {line.postings_total}, not 0"
        for line in currencies
        if line.postings_total != 0
    )
    return LedgerReport(
        currencies=currencies,
        accounts_checked=LedgerAccount.objects.count(),
        transactions_checked=LedgerTransaction.objects.count(),
        holds_checked=EscrowHold.objects.count(),
        differences=differences,
    )


def _account_differences() -> list[str]:
    rows = LedgerAccount.objects.annotate(computed=Sum("postings__amount_minor")).values_list(
        "pk", "kind", "currency", "balance_minor", "computed"
    )
    return [
        f"account {pk} ({kind} {currency}): balance {cached}, postings sum to {computed or 0}"
        for pk, kind, currency, cached, computed in rows.iterator()
        if cached != (computed or 0)
    ]


def _transaction_differences() -> list[str]:
    unbalanced = (
        LedgerTransaction.objects.annotate(
            total=Sum("postings__amount_minor"), count=Count("postings")
        )
        .filter(Q(count__lt=2) | ~Q(total=0))
        .values_list("key", "total", "count")
    )
    mixed = (
        Posting.objects.exclude(account__currency=F("transaction__currency"))
        .values_list("transaction__key", flat=True)
        .distinct()
    )
    return [
        *(
            f"transaction {key}: {count} postings summing to {total or 0}"
            for key, total, count in unbalanced
        ),
        *(f"transaction {key}: a posting to an account in another currency" for key in mixed),
    ]


def _currency_lines() -> list[CurrencyLine]:
    accounts = dict(
        LedgerAccount.objects.values("currency")
        .annotate(n=Count("id"))
        .values_list("currency", "n")
    )
    transactions = dict(
        LedgerTransaction.objects.values("currency")
        .annotate(n=Count("id"))
        .values_list("currency", "n")
    )
    totals = dict(
        Posting.objects.values("account__currency")
        .annotate(total=Sum("amount_minor"))
        .values_list("account__currency", "total")
    )
    world = dict(
        LedgerAccount.objects.filter(kind=AccountKind.WORLD).values_list(
            "currency", "balance_minor"
        )
    )
    return [
        CurrencyLine(
            currency=currency,
            accounts=accounts.get(currency, 0),
            transactions=transactions.get(currency, 0),
            postings_total=totals.get(currency) or 0,
            world_balance=world.get(currency, 0),
        )
        for currency in sorted(set(accounts) | set(transactions))
    ]


_OUT_BUCKETS: dict[str, str] = {
    TransactionKind.ESCROW_RELEASE.value: "released",
    TransactionKind.ESCROW_REFUND.value: "refunded",
}


def ledger_hold_amounts() -> dict[uuid.UUID, HoldAmounts]:
    """Per order: what its escrow account received, released and refunded, from postings."""
    sums: dict[uuid.UUID, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    rows = (
        Posting.objects.filter(account__kind=AccountKind.ESCROW)
        .values("account__order_id", "transaction__kind")
        .annotate(
            received=Sum("amount_minor", filter=Q(amount_minor__gt=0)),
            sent=Sum("amount_minor", filter=Q(amount_minor__lt=0)),
        )
        .values_list("account__order_id", "transaction__kind", "received", "sent")
    )
    for order_id, kind, received, sent in rows:
        sums[order_id]["deposited"] += received or 0
        sums[order_id][_OUT_BUCKETS.get(kind, "other_out")] -= sent or 0
    return {
        order_id: HoldAmounts(
            deposited=values["deposited"] - values["other_out"],
            released=values["released"],
            refunded=values["refunded"],
        )
        for order_id, values in sums.items()
    }


def _hold_differences() -> list[str]:
    ledger = ledger_hold_amounts()
    problems: list[str] = []
    holds = EscrowHold.objects.values_list(
        "order_id", "order_reference", "deposited_minor", "released_minor", "refunded_minor"
    )
    for order_id, reference, deposited, released, refunded in holds.iterator():
        cached = HoldAmounts(deposited, released, refunded)
        found = ledger.pop(order_id, HoldAmounts())
        if cached != found:
            problems.append(
                f"hold {reference}: cached {_amounts(cached)}, ledger {_amounts(found)}"
            )
        if released + refunded > deposited:
            problems.append(f"hold {reference}: released + refunded exceed deposited")
    problems.extend(
        f"escrow account of order {order_id} has postings but no hold"
        for order_id in ledger
        if order_id != NIL_UUID
    )
    return problems


def _amounts(amounts: HoldAmounts) -> str:
    return (
        f"deposited {amounts.deposited} / released {amounts.released} / refunded {amounts.refunded}"
    )
