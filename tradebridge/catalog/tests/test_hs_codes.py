import pytest

from tradebridge.catalog.hs_codes import hs_code_describe, hs_code_is_valid, hs_code_normalize


@pytest.mark.parametrize(
    "code",
    ["950662", "9506.62", "9506 62 00", "95066200", "9506620000", "010121", " 610910 "],
)
def test_real_subheadings_with_national_digits_are_valid(code: str) -> None:
    assert hs_code_is_valid(code)


@pytest.mark.parametrize(
    "code",
    [
        "",
        "95",
        "9506",
        "95066",
        "950680",
        "999999",
        "95066200001",
        "9506ab",
        "abcdef",
        "\uff19\uff15\uff10\uff16\uff16\uff12",
    ],
)
def test_unknown_short_long_or_non_digit_codes_are_invalid(code: str) -> None:
    assert not hs_code_is_valid(code)


def test_descriptions_of_chapter_heading_and_subheading() -> None:
    assert hs_code_describe("95") is not None
    assert hs_code_describe("9506") == (
        "Gymnastics, athletics, other sports (including table tennis) or outdoor games "
        "equipment, n.e.c. in this chapter, swimming pools and paddling pools"
    )
    assert hs_code_describe("950632") == "Golf balls"
    assert hs_code_describe("9506.32.0010") == "Golf balls"
    assert hs_code_describe("950680") is None
    assert hs_code_describe("99") is None
    assert hs_code_describe("golf") is None


def test_normalize_keeps_digits_only() -> None:
    assert hs_code_normalize(" 9506.62-00 ") == "95066200"
