"""The translation catalogues are sound: every translated plural entry fills as many forms as
its language's header declares, and no entry is there twice (msgfmt --check refuses the
catalogue otherwise)."""

import re
from collections import Counter
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


# An entry's optional context and its id (which may run on over several quoted lines); the
# obsolete entries ("#~") are left out by the line start.
_ENTRY = re.compile(r'^(?:msgctxt (".*")\n)?msgid ((?:".*"\n)+)', re.MULTILINE)


def repeated_entries(text: str) -> list[str]:
    """The entries (context and id) written more than once: two helpers appending the same
    block once left 38 of them in each catalogue."""
    counts = Counter(_ENTRY.findall(text))
    return [msgid.strip() for (_, msgid), count in counts.items() if count > 1 and msgid != '""\n']


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_entry_is_written_twice(language: str) -> None:
    text = (LOCALE / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    assert repeated_entries(text) == []


def test_a_repeated_entry_is_caught() -> None:
    text = 'msgid "Order"\nmsgstr "Commande"\n\nmsgctxt "verb"\nmsgid "Order"\nmsgstr "Commander"\n'
    assert repeated_entries(text) == []
    assert repeated_entries(text + '\nmsgid "Order"\nmsgstr "Commande"\n') == ['"Order"']
