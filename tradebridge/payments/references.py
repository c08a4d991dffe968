"""Payment references: what a buyer writes on a bank transfer so it finds its instalment.

A reference is `TB-` + 8 random Crockford base32 symbols + 1 check symbol, grouped for reading
aloud: `TB-7K3M-9QXD-Q`. The check symbol is Luhn mod 32 over the 8 symbols: it catches
every single mistyped symbol and every swap of two neighbours but one (0 and Z). Banks mangle
the text around it (spaces, case, hyphens dropped, O for 0, I or L for 1), so
`reference_find` reads it back out of free text and returns the canonical form, or None.
"""

import re
import secrets

PREFIX = "TB"
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
_BODY_LENGTH = 8
_VALUE = {symbol: value for value, symbol in enumerate(ALPHABET)}
# Crockford's reading rules: look-alikes are read as the digit they resemble.
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = " -_./:"
_CANDIDATE = re.compile(r"T\s*B")


def check_symbol(body: str) -> str:
    """The Luhn mod 32 check symbol of `body` (symbols of ALPHABET)."""
    total = 0
    factor = 2
    for symbol in reversed(body):
        addend = factor * _VALUE[symbol]
        total += addend // 32 + addend % 32
        factor = 1 if factor == 2 else 2
    return ALPHABET[(32 - total % 32) % 32]


def is_valid_body(symbols: str) -> bool:
    """True when the 9 symbols (8 + check) are in the alphabet and the check matches."""
    if len(symbols) != _BODY_LENGTH + 1 or any(s not in _VALUE for s in symbols):
        return False
    return check_symbol(symbols[:-1]) == symbols[-1]


def format_reference(symbols: str) -> str:
    """`7K3M9QXDQ` -> `TB-7K3M-9QXD-Q`."""
    return f"{PREFIX}-{symbols[0:4]}-{symbols[4:8]}-{symbols[8]}"


def new_payment_reference() -> str:
    """A fresh random reference (unique by the instalment's constraint)."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(_BODY_LENGTH))
    return format_reference(body + check_symbol(body))


def reference_find(text: str) -> str | None:
    """The first valid payment reference inside free bank text, canonical, or None.

    `"payment tb 7k3m 9qxd-q thanks"` -> `"TB-7K3M-9QXD-Q"`. Separators (space, -, _, ., /, :)
    may appear anywhere between the symbols; a candidate whose check symbol fails is skipped.
    """
    upper = text.upper()
    for match in _CANDIDATE.finditer(upper):
        symbols = _symbols_after(upper, match.end())
        if symbols is not None and is_valid_body(symbols):
            return format_reference(symbols)
    return None


def reference_normalise(text: str) -> str | None:
    """A reference typed by a person (any case, any grouping) in canonical form, or None."""
    return reference_find(text)


def _symbols_after(text: str, start: int) -> str | None:
    symbols: list[str] = []
    for char in text[start:]:
        if char in _SEPARATORS and len(symbols) < _BODY_LENGTH + 1:
            continue
        if len(symbols) == _BODY_LENGTH + 1:
            # A tenth symbol glued on means this was not a reference.
            return None if char.translate(_READ_AS) in _VALUE else "".join(symbols)
        read = char.translate(_READ_AS)
        if read not in _VALUE:
            return None
        symbols.append(read)
    return "".join(symbols) if len(symbols) == _BODY_LENGTH + 1 else None
