"""Read an ISO 20022 bank-to-customer statement (camt.053, versions .001.02 to .001.13).

What is read, per `BkToCstmrStmt/Stmt/Ntry` (docs/payments.md, "camt.053 statements"):

- only credits (`CdtDbtInd` CRDT), booked (`Sts` BOOK, or `Sts/Cd` BOOK from .08 on), not
  reversals (`RvslInd` true): everything else is counted as skipped;
- `Amt@Ccy`, the value date `ValDt/Dt` (or `DtTm`), falling back to `BookgDt`;
- the bank's id of the entry: `AcctSvcrRef`, else `NtryRef`, else a hash of the content;
- per transaction (`NtryDtls/TxDtls`; a batch entry has several, each becomes its own line,
  with its amount from `Amt` (.08) or `AmtDtls/TxAmt/Amt` (.02) and its own refs):
  the structured creditor reference `RmtInf/Strd/CdtrRefInf/Ref`, then the unstructured
  `RmtInf/Ustrd` lines, then `AddtlTxInf`/`AddtlNtryInf`, as the reference text; the payer
  `RltdPties/Dbtr/Nm` (.02) or `RltdPties/Dbtr/Pty/Nm` (.08).

Security: the bytes are parsed with expat directly, and a document type declaration (DTD) or
an entity declaration stops the parse at once, before anything is expanded (no entity
expansion bombs, no external entities): the protection defusedxml gives, without it.
"""

import datetime
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Final
from xml.etree.ElementTree import Element, TreeBuilder
from xml.parsers import expat

from django.utils.translation import gettext as _

from tradebridge.core.money import InvalidAmount, InvalidCurrency, Money, minor_units
from tradebridge.payments.statements.lines import (
    LineError,
    ParsedStatement,
    StatementFormat,
    StatementLine,
    StatementUnreadable,
    clip,
    content_ref,
)

NAMESPACE_PREFIX: Final = "urn:iso:std:iso:20022:tech:xsd:camt.053.001."


class _Forbidden(Exception):
    pass


@dataclass(frozen=True, slots=True)
class _Transaction:
    """What one TxDtls (or an entry without any) adds to the entry's own values."""

    refs: tuple[str, ...]
    line: int
    amount: Money | None
    reference_text: str
    payer_name: str


def parse_camt053(data: bytes) -> ParsedStatement:
    """Every booked credit of the statement; an entry that cannot be read comes back as an
    error at the line of its `<Ntry>`. Raises StatementUnreadable (reason `dtd`, `xml` or
    `format`) when the document as a whole cannot be read."""
    root, lines_of = parse_xml(data)
    if not _local(root.tag) == "Document" or not _namespace(root.tag).startswith(NAMESPACE_PREFIX):
        raise StatementUnreadable(
            "format",
            _("The XML file is not an ISO 20022 camt.053 bank statement."),
            namespace=_namespace(root.tag),
        )
    lines: list[StatementLine] = []
    errors: list[LineError] = []
    skipped = 0
    seen: Counter[str] = Counter()
    for entry in _all(root, "BkToCstmrStmt", "Stmt", "Ntry"):
        number = lines_of.get(id(entry), 0)
        if not _is_booked_credit(entry):
            skipped += 1
            continue
        try:
            lines.extend(_entry_lines(entry, number, lines_of, seen))
        except ValueError as error:
            errors.append(LineError(number, str(error)))
    return ParsedStatement(StatementFormat.CAMT053, tuple(lines), tuple(errors), skipped)


# XML ------------------------------------------------------------------------------------------


def parse_xml(data: bytes) -> tuple[Element, dict[int, int]]:
    """The document's root, and the line number where each element starts (by `id()`).

    Refuses any DTD or entity declaration (StatementUnreadable reason `dtd`) and malformed XML
    (reason `xml`).
    """
    builder = TreeBuilder()
    lines_of: dict[int, int] = {}
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True

    def start(tag: str, attributes: dict[str, str]) -> None:
        element = builder.start(_qualified(tag), attributes)
        lines_of[id(element)] = parser.CurrentLineNumber

    def forbid(*_args: object) -> None:
        raise _Forbidden

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda tag: builder.end(_qualified(tag))
    parser.CharacterDataHandler = builder.data
    parser.StartDoctypeDeclHandler = forbid
    parser.EntityDeclHandler = forbid
    parser.ExternalEntityRefHandler = forbid  # type: ignore[assignment]  # raising is refusing
    try:
        parser.Parse(data, True)
    except _Forbidden:
        raise StatementUnreadable(
            "dtd", _("The XML file declares a DTD or entities, which are refused.")
        ) from None
    except expat.ExpatError as error:
        raise StatementUnreadable(
            "xml",
            _("The XML file is malformed at line %(line)d.") % {"line": error.lineno},
            error=str(error),
        ) from None
    return builder.close(), lines_of


def _qualified(tag: str) -> str:
    return "{" + tag if "}" in tag else tag


def _namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: Element, name: str) -> Iterator[Element]:
    return (child for child in element if _local(child.tag) == name)


def _all(element: Element, *path: str) -> Iterator[Element]:
    """Every descendant along `path` (local names, namespaces ignored)."""
    if not path:
        yield element
        return
    for child in _children(element, path[0]):
        yield from _all(child, *path[1:])


def _first(element: Element, *path: str) -> Element | None:
    return next(_all(element, *path), None)


def _text(element: Element, *path: str) -> str:
    found = _first(element, *path)
    return (found.text or "").strip() if found is not None else ""


# Entries --------------------------------------------------------------------------------------


def _is_booked_credit(entry: Element) -> bool:
    status = _text(entry, "Sts", "Cd") or _text(entry, "Sts")
    return (
        _text(entry, "CdtDbtInd") == "CRDT"
        and status.upper() in {"BOOK", ""}
        and _text(entry, "RvslInd").lower() not in {"true", "1"}
    )


def _entry_lines(
    entry: Element, line: int, lines_of: dict[int, int], seen: Counter[str]
) -> list[StatementLine]:
    amount = _money(_first(entry, "Amt"))
    value_date = _date(entry)
    entry_ref = _text(entry, "AcctSvcrRef") or _text(entry, "NtryRef")
    details = list(_all(entry, "NtryDtls", "TxDtls"))
    transactions = [_transaction(detail, lines_of) for detail in details] or [
        _Transaction((), line, None, "", "")
    ]
    if len(transactions) > 1 and any(tx.amount is None for tx in transactions):
        raise ValueError(_("A batch entry has a transaction without its own amount."))
    additional = clip(_text(entry, "AddtlNtryInf"))
    lines = []
    for position, transaction in enumerate(transactions, start=1):
        money = transaction.amount or amount
        if money.currency != amount.currency:
            raise ValueError(_("A transaction's currency differs from its entry's."))
        reference_text = transaction.reference_text or additional
        source_ref = _source_ref(entry_ref, transaction, position, len(transactions))
        lines.append(
            StatementLine(
                source_ref=source_ref
                or content_ref(
                    (value_date.isoformat(), str(money), reference_text, transaction.payer_name),
                    seen,
                ),
                amount=money,
                value_date=value_date,
                reference_text=reference_text,
                payer_name=transaction.payer_name,
                line=transaction.line,
            )
        )
    _check_batch_total(amount, lines)
    return lines


def _date(entry: Element) -> datetime.date:
    """The value date, else the booking date (a `Dt`, or the day of a `DtTm`)."""
    for path in (("ValDt", "Dt"), ("ValDt", "DtTm"), ("BookgDt", "Dt"), ("BookgDt", "DtTm")):
        text = _text(entry, *path)
        if text:
            try:
                return datetime.date.fromisoformat(text[:10])
            except ValueError:
                raise ValueError(_("Unreadable date %(value)r.") % {"value": text}) from None
    raise ValueError(_("The entry has no booking or value date."))


def _transaction(detail: Element, lines_of: dict[int, int]) -> _Transaction:
    amount_element = _first(detail, "Amt")
    if amount_element is None:  # .02 has the transaction's amount only in AmtDtls
        amount_element = _first(detail, "AmtDtls", "TxAmt", "Amt")
    structured = [
        (ref.text or "").strip()
        for ref in _all(detail, "RmtInf", "Strd", "CdtrRefInf", "Ref")
        if (ref.text or "").strip()
    ]
    unstructured = [(u.text or "").strip() for u in _all(detail, "RmtInf", "Ustrd")]
    text = " ".join([*structured, *unstructured]) or _text(detail, "AddtlTxInf")
    payer = _text(detail, "RltdPties", "Dbtr", "Nm") or _text(
        detail, "RltdPties", "Dbtr", "Pty", "Nm"
    )
    refs = tuple(
        value
        for value in (
            _text(detail, "Refs", "AcctSvcrRef"),
            _text(detail, "Refs", "EndToEndId"),
            _text(detail, "Refs", "TxId"),
        )
        if value and value.upper() != "NOTPROVIDED"
    )
    return _Transaction(
        refs=refs,
        line=lines_of.get(id(detail), 0),
        amount=_money(amount_element) if amount_element is not None else None,
        reference_text=clip(text),
        payer_name=clip(payer),
    )


def _source_ref(entry_ref: str, transaction: _Transaction, position: int, count: int) -> str:
    """The entry's bank id; in a batch, that id plus the transaction's own id (or position)."""
    if count == 1:
        return (entry_ref or (transaction.refs[0] if transaction.refs else ""))[:100]
    if not entry_ref:
        return transaction.refs[0][:100] if transaction.refs else ""
    own = transaction.refs[0] if transaction.refs else str(position)
    return f"{entry_ref}/{own}"[:100]


def _money(element: Element | None) -> Money:
    if element is None:
        raise ValueError(_("The entry has no amount."))
    text, currency = (element.text or "").strip(), element.get("Ccy", "")
    try:
        money = Money(Decimal(text), currency)
    except (InvalidOperation, InvalidAmount):
        raise ValueError(_("Unreadable amount %(value)r.") % {"value": text}) from None
    except InvalidCurrency:
        raise ValueError(_("Unknown currency %(value)r.") % {"value": currency}) from None
    if money.amount <= 0:
        raise ValueError(_("Unreadable amount %(value)r.") % {"value": text})
    if money.rounded() != money:
        raise ValueError(
            _("%(amount)s has more decimals than %(currency)s allows (%(places)d).")
            % {"amount": text, "currency": currency, "places": minor_units(currency)}
        )
    return money


def _check_batch_total(amount: Money, lines: list[StatementLine]) -> None:
    if (
        len(lines) > 1
        and Money.total((line.amount for line in lines), currency=amount.currency) != amount
    ):
        raise ValueError(_("The batch's transactions do not add up to the entry's amount."))
