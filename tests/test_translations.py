"""The translation catalogues are sound: every translated plural entry fills as many forms as
its language's header declares (msgfmt --check refuses the catalogue otherwise)."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parent.parent / "tradebridge" / "locale"
LANGUAGES = ("fr", "de", "es", "zh_Hans")


def short_plurals(path: Path, language: str) -> list[str]:
    """The translated plural entries missing a form (babel pads missing forms with '')."""
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    return [
        str(message.id[0])
        for message in catalog
        if message.pluralizable
        and any(message.string)
        and (len(message.string) != catalog.num_plurals or not all(message.string))
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_plural_entry_has_the_headers_number_of_forms(language: str) -> None:
    assert short_plurals(LOCALE / language / "LC_MESSAGES" / "django.po", language) == []


def test_a_missing_form_is_caught(tmp_path: Path) -> None:
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=3; plural=(n == 0 || n == 1) ? 0 : 1;\\n"\n\n'
        'msgid "%(n)s day"\nmsgid_plural "%(n)s days"\n'
        'msgstr[0] "%(n)s jour"\nmsgstr[1] "%(n)s jours"\n',
        encoding="utf-8",
    )
    assert short_plurals(po, "fr") == ["%(n)s day"]
