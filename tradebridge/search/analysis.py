"""How text becomes index terms, the same way for documents and queries: pure, no database.

Every served language with a Snowball stemmer (en, fr, de, es) has its own analyzer: words
split on non-alphanumerics, lower-cased, accents folded, stemmed, so "holders" and "holder",
"bougies" and "bougie" meet. The `plain` analyzer does the same without stemming: it feeds the
field that typo-tolerant (fuzzy) and prefix queries run on. Chinese, Japanese and Korean text
has no spaces: it is indexed as overlapping character pairs ("陶瓷杯" -> "陶瓷 瓷杯"), so any
two-character word of a query finds it without a dictionary.
"""

import re
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Final

from tantivy import Filter, Index, TextAnalyzer, TextAnalyzerBuilder, Tokenizer

STEMMED_LANGUAGES: Final = {"en": "english", "fr": "french", "de": "german", "es": "spanish"}
PLAIN: Final = "tb_plain"
CJK_PAIRS: Final = "whitespace"  # pairs are made in Python, then split on spaces
MAX_TERM_LENGTH: Final = 40  # longer "words" (hashes, URLs) are dropped

_CJK_RUN: Final = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+"
)


def analyzer_name(language: str) -> str:
    return f"tb_{language}"


@cache
def _analyzers() -> Mapping[str, TextAnalyzer]:
    def build(language: str | None) -> TextAnalyzer:
        builder = (
            TextAnalyzerBuilder(Tokenizer.simple())
            .filter(Filter.remove_long(MAX_TERM_LENGTH))
            .filter(Filter.lowercase())
            .filter(Filter.ascii_fold())
        )
        if language is not None:
            builder = builder.filter(Filter.stemmer(language))
        return builder.build()

    analyzers = {analyzer_name(code): build(name) for code, name in STEMMED_LANGUAGES.items()}
    analyzers[PLAIN] = build(None)
    return analyzers


def register_analyzers(index: Index) -> None:
    """Tantivy keeps analyzers in memory only: every opened index needs them again."""
    for name, analyzer in _analyzers().items():
        index.register_tokenizer(name, analyzer)


def stem(word: str, *, language: str) -> list[str]:
    """The terms `word` becomes in `language`'s stemmed field (usually one)."""
    return _analyzers()[analyzer_name(language)].analyze(word)


def plain_words(text: str) -> list[str]:
    """Lower-cased, accent-folded words of `text`, in order, CJK characters excluded."""
    return _analyzers()[PLAIN].analyze(_CJK_RUN.sub(" ", text))


def cjk_pairs(text: str) -> list[str]:
    """Overlapping character pairs of every CJK run in `text`; a lone character stays one."""
    pairs: list[str] = []
    for run in _CJK_RUN.findall(text):
        if len(run) == 1:
            pairs.append(run)
        pairs.extend(run[i : i + 2] for i in range(len(run) - 1))
    return pairs


def cjk_field_text(texts: Iterable[str]) -> str:
    """What the CJK field of a document holds: its pairs, space-separated."""
    return " ".join(pair for text in texts for pair in cjk_pairs(text))
