"""What the index holds about a product or a supplier: plain values (built from database rows
by `search.selectors`) and their tantivy documents. Pure: no database.

The quality signal that relevance blends with the text score is in [0, 1]: today the
supplier's verification level (0, 1/3, 2/3, 1); response rate and reviews join it when they
exist (see docs/search.md).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from tantivy import Document

from tradebridge.search import schema as f
from tradebridge.search.analysis import STEMMED_LANGUAGES, cjk_field_text

MAIN_LANGUAGE = "en"  # products' `title`/`description`; other languages live in `translations`
VERIFICATION_ORDER = ("unverified", "email_verified", "business_verified", "audited")


def verification_rank(level: str) -> int:
    """0 for unverified up to 3 for audited; unknown levels count as unverified."""
    return VERIFICATION_ORDER.index(level) if level in VERIFICATION_ORDER else 0


def quality_score(*, verification_level: str) -> float:
    return verification_rank(verification_level) / (len(VERIFICATION_ORDER) - 1)


@dataclass(frozen=True, slots=True)
class ProductDocument:
    """A visible product as the index sees it. `titles`/`bodies` are by language code;
    `extra_text` (attributes, category names, supplier name, SKU) by language too: each in
    its language's body, all of it in `words`."""

    product_id: str
    supplier_id: str
    titles: Mapping[str, str]
    bodies: Mapping[str, str]
    extra_text: Mapping[str, str]  # by language: category names differ, the rest repeats
    category_ids: Sequence[int]  # the category first, then its ancestors up to the top
    currency: str
    price_min: float | None
    price_max: float | None
    moq: int
    country: str
    province: str
    verification: int
    certifications: Sequence[str]
    ready_to_ship: bool
    lead_time_days: int | None
    sample_available: bool
    published: int  # seconds since the epoch
    quality: float
    passages: tuple[str, ...] = ()  # what its meaning vector embeds (embeddings.product_passages)

    def to_tantivy(self) -> Document:
        doc = Document()
        doc.add_text(f.ID, self.product_id)
        doc.add_text(f.SUPPLIER_ID, self.supplier_id)
        _add_texts(doc, self.titles, self.bodies, self.extra_text)
        for category_id in self.category_ids:
            doc.add_unsigned(f.CATEGORY_IDS, category_id)
        for depth, category_id in enumerate(reversed(self.category_ids)):
            doc.add_unsigned(f.category_level_field(depth), category_id)
        doc.add_text(f.CURRENCY, self.currency)
        if self.price_min is not None and self.price_max is not None:
            doc.add_float(f.PRICE_MIN, self.price_min)
            doc.add_float(f.PRICE_MAX, self.price_max)
        doc.add_unsigned(f.MOQ, self.moq)
        _add_keyword(doc, f.COUNTRY, self.country)
        _add_keyword(doc, f.PROVINCE, self.province)
        doc.add_unsigned(f.VERIFICATION, self.verification)
        for certification in self.certifications:
            _add_keyword(doc, f.CERTIFICATIONS, certification)
        doc.add_unsigned(f.READY_TO_SHIP, int(self.ready_to_ship))
        if self.lead_time_days is not None:
            doc.add_unsigned(f.LEAD_TIME, self.lead_time_days)
        doc.add_unsigned(f.SAMPLE, int(self.sample_available))
        doc.add_unsigned(f.PUBLISHED, max(self.published, 0))
        doc.add_float(f.QUALITY, self.quality)
        return doc


@dataclass(frozen=True, slots=True)
class SupplierDocument:
    """An active supplier company: its names, place, level, and what it sells (the
    categories and titles of its visible products, by language)."""

    company_id: str
    names: Sequence[str]
    texts: Mapping[str, str]  # by language: description, main products' titles, categories
    category_ids: Sequence[int]
    country: str
    province: str
    verification: int
    response_rate: int | None = None
    quality: float = 0.0
    other_text: Sequence[str] = field(default_factory=tuple)

    def to_tantivy(self) -> Document:
        doc = Document()
        doc.add_text(f.ID, self.company_id)
        for name in self.names:
            doc.add_text(f.NAME, name)
        texts = [*self.names, *self.texts.values(), *self.other_text]
        for language in STEMMED_LANGUAGES:
            doc.add_text(f.body_field(language), " ".join([*self.names, *self._for(language)]))
        doc.add_text(f.WORDS, " ".join(texts))
        doc.add_text(f.CJK, cjk_field_text(texts))
        for category_id in self.category_ids:
            doc.add_unsigned(f.CATEGORY_IDS, category_id)
        _add_keyword(doc, f.COUNTRY, self.country)
        _add_keyword(doc, f.PROVINCE, self.province)
        doc.add_unsigned(f.VERIFICATION, self.verification)
        if self.response_rate is not None:
            doc.add_unsigned(f.RESPONSE_RATE, self.response_rate)
        doc.add_float(f.QUALITY, self.quality)
        return doc

    def _for(self, language: str) -> list[str]:
        text = self.texts.get(language, "")
        return [text, *self.other_text] if text else list(self.other_text)


def _add_keyword(doc: Document, name: str, value: str) -> None:
    if value:
        doc.add_text(name, value)


def _add_texts(
    doc: Document,
    titles: Mapping[str, str],
    bodies: Mapping[str, str],
    extra: Mapping[str, str],
) -> None:
    """Stemmed fields of the served languages, each with its own language's texts only:
    the body of a language holds its description and its extra text (its category names,
    attributes, SKU, supplier). The English extra text is not copied into the other
    languages' bodies: a brand, a material or a SKU typed in any language matches through
    `words` (every text, unstemmed), and the copies made every English word of a query
    walk the same postings four times."""
    for language in STEMMED_LANGUAGES:
        if title := titles.get(language, ""):
            doc.add_text(f.title_field(language), title)
        body = " ".join(t for t in (bodies.get(language, ""), extra.get(language, "")) if t)
        if body:
            doc.add_text(f.body_field(language), body)
    every = [*titles.values(), *bodies.values(), *extra.values()]
    doc.add_text(f.WORDS, " ".join(every))
    doc.add_text(f.CJK, cjk_field_text(every))
