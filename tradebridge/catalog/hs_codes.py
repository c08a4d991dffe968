"""The Harmonized System 2022 nomenclature: validating and describing HS codes.

The nomenclature ships in `data/hs/hs2022.csv` (see SOURCE.md there). An HS code of a
product is 6 to 10 digits: the first 6 are the international subheading, which must exist
in HS 2022; digits 7-10 are national (tariff lines) and are not checked here.
"""

import csv
import re
from functools import cache
from pathlib import Path

HS_FILE = Path(__file__).resolve().parent / "data" / "hs" / "hs2022.csv"
_SEPARATORS = str.maketrans("", "", " .-")
_DIGITS = re.compile(r"[0-9]+")  # ASCII only: str.isdigit() also accepts fullwidth digits and "²"


def hs_code_normalize(code: str) -> str:
    """`"9506.62"`, `"9506 62 00"` -> digits only (`"950662"`, `"95066200"`)."""
    return code.strip().translate(_SEPARATORS)


def hs_code_is_valid(code: str) -> bool:
    """True for 6-10 digits whose first 6 are an HS 2022 subheading (separators allowed)."""
    digits = hs_code_normalize(code)
    return (
        6 <= len(digits) <= 10
        and _DIGITS.fullmatch(digits) is not None
        and digits[:6] in _subheadings()
    )


def hs_code_describe(code: str) -> str | None:
    """The HS 2022 description of a chapter (2 digits), heading (4) or subheading (6-10:
    the first 6 count); None when unknown."""
    digits = hs_code_normalize(code)
    if _DIGITS.fullmatch(digits) is None:
        return None
    key = digits[:6] if len(digits) >= 6 else digits
    return _descriptions().get(key)


@cache
def _descriptions() -> dict[str, str]:
    with HS_FILE.open(encoding="utf-8", newline="") as source:
        return {
            row["hscode"]: row["description"]
            for row in csv.DictReader(source)
            # UN Comtrade's "TOTAL" section (99, 9999, 999999: "not specified according to
            # kind") is a statistical bucket, not part of the nomenclature.
            if row["level"] in {"2", "4", "6"} and row["section"] != "TOTAL"
        }


@cache
def _subheadings() -> frozenset[str]:
    return frozenset(code for code in _descriptions() if len(code) == 6)
