"""The camt.053 parser: credits only, batches split, both schema versions, DTDs refused."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from tradebridge.core.money import Money
from tradebridge.payments.references import reference_find
from tradebridge.payments.statements.camt053 import parse_camt053
from tradebridge.payments.statements.lines import (
    LineError,
    StatementFormat,
    StatementLine,
    StatementUnreadable,
)

SAMPLES = Path(__file__).parent / "samples"
V02 = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"


def _document(entries: str, namespace: str = V02) -> bytes:
    return (
        f'<?xml version="1.0"?>\n<Document xmlns="{namespace}"><BkToCstmrStmt>'
        f"<Stmt><Id>S1</Id>{entries}</Stmt></BkToCstmrStmt></Document>"
    ).encode()


def _entry(body: str, amount: str = "10.00", indicator: str = "CRDT") -> str:
    return (
        f'<Ntry><Amt Ccy="EUR">{amount}</Amt><CdtDbtInd>{indicator}</CdtDbtInd>'
        f"<Sts>BOOK</Sts><BookgDt><Dt>2026-03-02</Dt></BookgDt>{body}</Ntry>"
    )


def test_a_day_statement_gives_its_booked_credits_and_splits_the_batch() -> None:
    parsed = parse_camt053((SAMPLES / "camt053_v02_day.xml").read_bytes())

    assert parsed.format is StatementFormat.CAMT053
    assert parsed.errors == ()
    assert parsed.skipped == 2  # the debit and the pending credit
    assert parsed.lines == (
        StatementLine(
            "2026030200001234",
            Money(Decimal("3000.00"), "EUR"),
            datetime.date(2026, 3, 2),
            "Deposit ORD-5KQ2 TB 7K3M 9QXD Q",
            "Nordlicht Sportartikel GmbH",
            line=86,
        ),
        StatementLine(
            "2026030200001236/B0003-01",
            Money(Decimal("2000.00"), "EUR"),
            datetime.date(2026, 3, 3),
            "TB-4HX2-PQ7R-V",
            "Alpenblick Handels AG",
            line=158,
        ),
        StatementLine(
            "2026030200001236/B0003-02",
            Money(Decimal("1500.50"), "EUR"),
            datetime.date(2026, 3, 3),
            "Facture 2026-118 ref tb9vdn3kte8",
            "Maison Dupont SARL",
            line=186,
        ),
        StatementLine(
            "2026030200001236/B0003-03",
            Money(Decimal("1320.00"), "EUR"),
            datetime.date(2026, 3, 3),
            "INVOICE 4471",
            "Unknown Payer Ltd",
            line=205,
        ),
    )
    assert [reference_find(line.reference_text) for line in parsed.lines] == [
        "TB-7K3M-9QXD-Q",
        "TB-4HX2-PQ7R-V",
        "TB-9VDN-3KTE-8",
        None,
    ]


def test_a_version_08_statement_reads_party_names_and_skips_reversals() -> None:
    parsed = parse_camt053((SAMPLES / "camt053_v08_usd.xml").read_bytes())

    assert parsed.errors == ()
    assert parsed.skipped == 1
    first, second = parsed.lines
    assert first == StatementLine(
        "FT26064ABCD12",
        Money(Decimal("12500.00"), "USD"),
        datetime.date(2026, 3, 5),
        "/RFB/TB-M5RT-1CX9-D BALANCE",
        "Pacific Outdoor Supply Inc.",
        line=38,
    )
    assert second.reference_text == "CHK DEP 1187 SAMPLE ORDER"
    assert second.source_ref.startswith("sha256:")
    assert (
        second.source_ref
        == parse_camt053((SAMPLES / "camt053_v08_usd.xml").read_bytes()).lines[1].source_ref
    )


def test_a_structured_reference_comes_before_the_free_text() -> None:
    body = (
        "<NtryDtls><TxDtls><RmtInf><Ustrd>thanks</Ustrd><Strd><CdtrRefInf>"
        "<Ref>RF18539007547034</Ref></CdtrRefInf></Strd></RmtInf></TxDtls></NtryDtls>"
        "<AcctSvcrRef>A1</AcctSvcrRef>"
    )

    (line,) = parse_camt053(_document(_entry(body))).lines

    assert line.reference_text == "RF18539007547034 thanks"


def test_entries_that_cannot_be_read_are_errors_at_their_line() -> None:
    entries = "\n".join(
        [
            _entry("<AcctSvcrRef>A1</AcctSvcrRef>"),
            '<Ntry><Amt Ccy="EUR">5.00</Amt><CdtDbtInd>CRDT</CdtDbtInd></Ntry>',
            _entry("<AcctSvcrRef>A3</AcctSvcrRef>", amount="abc"),
            '<Ntry><Amt Ccy="QQQ">5.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>'
            "<BookgDt><Dt>2026-03-02</Dt></BookgDt></Ntry>",
            _entry(
                "<AcctSvcrRef>A5</AcctSvcrRef><NtryDtls>"
                '<TxDtls><AmtDtls><TxAmt><Amt Ccy="EUR">4.00</Amt></TxAmt></AmtDtls></TxDtls>'
                '<TxDtls><AmtDtls><TxAmt><Amt Ccy="EUR">5.00</Amt></TxAmt></AmtDtls></TxDtls>'
                "</NtryDtls>"
            ),
            _entry("<AcctSvcrRef>A6</AcctSvcrRef><NtryDtls><TxDtls/><TxDtls/></NtryDtls>"),
        ]
    )

    parsed = parse_camt053(_document(entries))

    assert [line.source_ref for line in parsed.lines] == ["A1"]
    assert parsed.errors == (
        LineError(3, "The entry has no booking or value date."),
        LineError(4, "Unreadable amount 'abc'."),
        LineError(5, "Unknown currency 'QQQ'."),
        LineError(6, "The batch's transactions do not add up to the entry's amount."),
        LineError(7, "A batch entry has a transaction without its own amount."),
    )


def test_a_batch_without_an_entry_ref_uses_each_transactions_own_ref() -> None:
    body = (
        "<NtryDtls>"
        '<TxDtls><Refs><EndToEndId>E2E-1</EndToEndId></Refs><Amt Ccy="EUR">4.00</Amt></TxDtls>'
        '<TxDtls><Refs><TxId>TX-2</TxId></Refs><Amt Ccy="EUR">6.00</Amt></TxDtls>'
        "</NtryDtls>"
    )

    parsed = parse_camt053(_document(_entry(body)))

    assert [line.source_ref for line in parsed.lines] == ["E2E-1", "TX-2"]


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE Document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>',
        '<!DOCTYPE Document SYSTEM "http://127.0.0.1:1/evil.dtd">',
        '<!DOCTYPE Document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    ],
)
def test_a_dtd_is_refused_before_anything_is_expanded(doctype: str) -> None:
    data = f'<?xml version="1.0"?>\n{doctype}\n<Document xmlns="{V02}"/>'.encode()

    with pytest.raises(StatementUnreadable) as caught:
        parse_camt053(data)

    assert caught.value.reason == "dtd"


def test_malformed_xml_is_refused_with_its_line() -> None:
    with pytest.raises(StatementUnreadable) as caught:
        parse_camt053(b'<?xml version="1.0"?>\n<Document>\n<Stmt></Document>')

    assert caught.value.reason == "xml"
    assert caught.value.message == "The XML file is malformed at line 3."


@pytest.mark.parametrize(
    "namespace",
    ["urn:iso:std:iso:20022:tech:xsd:camt.054.001.02", "urn:example:not-a-statement"],
)
def test_other_xml_documents_are_refused(namespace: str) -> None:
    with pytest.raises(StatementUnreadable) as caught:
        parse_camt053(_document("", namespace))

    assert caught.value.reason == "format"
