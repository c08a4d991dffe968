"""The lexical fallback of supplier similarity: which of the RFQ's words a group of products
uses, weighted by how rare each word is among the groups compared.

A group's words are those of its products' titles in every language stored (`translations`)
and of their category's names (English, German, Spanish), for its GROUP_SAMPLE newest
products. Words are compared case-, accent- and width-folded, with a plural "s" dropped;
Chinese, Japanese and Korean text is compared as overlapping character pairs, as the search
index does. The score is the idf-weighted share of the RFQ's words (those any group uses)
that the group uses: 1 when it uses all of them, 0 when none. Words no group uses ("please",
"quote") weigh nothing. It cannot cross languages: that is what the vectors are for.
"""

import math
import re
import unicodedata
from collections.abc import Collection, Hashable, Iterable, Mapping
from typing import Final
from uuid import UUID

from tradebridge.catalog.models import Product

GROUP_SAMPLE: Final = 50
_CHUNK: Final = 500
_CATEGORY_NAMES: Final = ("category__name", "category__name_de", "category__name_es")
_WORD = re.compile(r"\w+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+")
# Words too common in requests and titles to tell anything (en, fr, de, es).
_STOPWORD_TEXT: Final = (
    "a an and or the of for with in on to by from per we our you your need needs looking "
    "please quote request pcs pieces piece units set sets "
    "le la les un une des du de et ou pour avec en au aux sur nous notre vos besoin "
    "der die das ein eine und oder fur mit im von zu wir unser brauchen "
    "el los las unos unas y o para con por del al necesitamos"
)
STOPWORDS: Final = frozenset(_STOPWORD_TEXT.split())


def words(text: str) -> list[str]:
    """The comparable words of `text`, in order (repeats kept)."""
    folded = _fold(text)
    found: list[str] = []
    for chunk in _WORD.findall(folded):
        found.extend(_chunk_words(chunk))
    return found


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _chunk_words(chunk: str) -> list[str]:
    found: list[str] = []
    position = 0
    for run in _CJK.finditer(chunk):
        found.extend(_latin_word(chunk[position : run.start()]))
        text = run.group()
        found.extend([text] if len(text) == 1 else [text[i : i + 2] for i in range(len(text) - 1)])
        position = run.end()
    found.extend(_latin_word(chunk[position:]))
    return found


def _latin_word(word: str) -> list[str]:
    word = word.replace("_", "")
    if (len(word) < 2 and not word.isdigit()) or word in STOPWORDS:  # "size 5" counts
        return []
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return [word]


def overlap_scores[K: Hashable](
    query: Iterable[str], documents: Mapping[K, Collection[str]]
) -> dict[K, float]:
    """Each document's idf-weighted share of the query's words that any document uses."""
    distinct = set(query)
    count = len(documents)
    frequency = {word: sum(word in doc for doc in documents.values()) for word in distinct}
    weights = {word: math.log(1 + count / found) for word, found in frequency.items() if found > 0}
    total = sum(weights.values())
    if not total:
        return dict.fromkeys(documents, 0.0)
    return {
        key: sum(weight for word, weight in weights.items() if word in doc) / total
        for key, doc in documents.items()
    }


class LexicalSimilarity:
    """`SupplierSimilarity` over the database's product texts; judges every group."""

    name = "lexical"

    def similarities[K: Hashable](
        self, *, text: str, groups: Mapping[K, Collection[UUID]]
    ) -> dict[K, float]:
        query = words(text)
        if not query:
            return dict.fromkeys(groups, 0.0)
        sampled = {key: list(ids)[:GROUP_SAMPLE] for key, ids in groups.items()}
        texts = _product_words({pid for ids in sampled.values() for pid in ids})
        documents = {
            key: {word for pid in ids for word in texts.get(pid, ())}
            for key, ids in sampled.items()
        }
        return overlap_scores(query, documents)


def _product_words(product_ids: set[UUID]) -> dict[UUID, set[str]]:
    found: dict[UUID, set[str]] = {}
    ordered = sorted(product_ids)
    for start in range(0, len(ordered), _CHUNK):
        rows = Product.objects.filter(id__in=ordered[start : start + _CHUNK]).values_list(
            "id",
            "title",
            "translations",
            "category__name",
            "category__name_de",
            "category__name_es",
        )
        for product_id, title, translations, *category_names in rows:
            texts = [title, *_translated_titles(translations), *filter(None, category_names)]
            found[product_id] = set(words(" ".join(texts)))
    return found


def _translated_titles(translations: object) -> list[str]:
    if not isinstance(translations, dict):
        return []
    return [
        str(entry["title"])
        for entry in translations.values()
        if isinstance(entry, dict) and entry.get("title")
    ]
