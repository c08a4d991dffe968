"""One entry point for a bank statement file: its format told from its bytes, never from its
name (camt.053 XML or CSV), then read by the matching parser."""

import codecs

from django.utils.translation import gettext as _

from tradebridge.payments.statements.camt053 import parse_camt053
from tradebridge.payments.statements.csv import parse_csv
from tradebridge.payments.statements.lines import (
    MAX_STATEMENT_BYTES,
    ParsedStatement,
    StatementFormat,
    StatementUnreadable,
)


def statement_format(data: bytes) -> StatementFormat:
    """XML (a `<` first, after any byte-order mark and blanks) is camt.053; the rest is CSV."""
    head = data[:64]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        head = head.decode("utf-16", errors="ignore").encode()
    head = head.removeprefix(codecs.BOM_UTF8).lstrip()
    return StatementFormat.CAMT053 if head.startswith(b"<") else StatementFormat.CSV


def statement_parse(data: bytes) -> ParsedStatement:
    """The statement's credit lines. Raises StatementUnreadable when the file is empty, too
    large or unreadable as a whole."""
    if not data.strip():
        raise StatementUnreadable("empty", _("The statement file is empty."))
    if len(data) > MAX_STATEMENT_BYTES:
        raise StatementUnreadable(
            "too_large",
            _("The statement file is larger than %(megabytes)d MB.")
            % {"megabytes": MAX_STATEMENT_BYTES // (1024 * 1024)},
        )
    if statement_format(data) is StatementFormat.CAMT053:
        return parse_camt053(data)
    return parse_csv(data)
