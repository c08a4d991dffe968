# ruff: noqa: T201, S311, E501  # output on stdout; seeded randomness; one data row a line
"""Benchmark (not a test): RFQ matching's quality on held-out real titles and its latency.

    .venv/bin/python benchmarks/rfq_matching.py                 # both
    .venv/bin/python benchmarks/rfq_matching.py --quality       # or --latency

1. Quality. 27 suppliers, each selling one kind of product, from real English titles: 13
   kinds of apparel and accessories from the Myntra catalog (test-only data, read from
   ../shared/data, never shipped) and 14 kinds of gift and home ware from the UCI Online
   Retail products (CC BY 4.0); up to 20 titles of each kind form the supplier's catalog,
   with a Google taxonomy path as its category. The RFQs are texts its catalog does not hold:
   - en: up to 5 *held-out* real titles of each kind (same source, not in any catalog);
   - zh: real Traditional-Chinese product titles of the Shopee parallel set (test-only
     data) whose English reference names one of the kinds (e.g. "shoe", "backpack");
   - fr: one short French request per kind, written for this benchmark (the shared data has
     no French product titles): an honest but small and hand-made set.
   For each RFQ: is the right supplier the first, and among the five first, by the vector
   similarity of `search/supplier_similarity.py` (what matching uses), and by words alone
   (`rfq/matching/lexical.py`, the fallback)? Embeddings are cached in var/bench/.
2. Latency. 1,000 and 10,000 synthetic suppliers, 10 products each in 2 categories, random
   unit vectors in a real `VectorIndex`: the first RFQ (group vectors built and cached), then
   p50/p95 of later RFQs (one matrix product; query vector given), the query's embedding
   (distinct texts), and ranking all candidates keeping 50 (`rank_suppliers`). The database reads of a
   real run (candidates, their products, certifications) are not in these figures.
"""

import argparse
import csv
import gzip
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "catalog"
UCI = ROOT / "tradebridge" / "demo" / "data" / "uci_online_retail_products_derived.csv"
CACHE = ROOT / "var" / "bench" / "rfq_matching_embeddings.sqlite3"
CATALOG_SIZE = 20
HELD_OUT = 5
SEED = 20261207

# kind: (source, title must contain one of, must not contain, taxonomy path, Shopee English
# words that name it, a French request written for this benchmark)
KINDS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...], str, tuple[str, ...], str]] = {
    "t-shirt": (
        "myntra",
        ("t-shirt",),
        (),
        "Apparel & Accessories > Clothing > Shirts & Tops",
        ("t-shirt", "tshirt"),
        "T-shirts en coton imprimés pour hommes",
    ),
    "jeans": (
        "myntra",
        ("jeans",),
        (),
        "Apparel & Accessories > Clothing > Pants > Jeans",
        ("jeans",),
        "Jeans slim en denim stretch",
    ),
    "kurta": (
        "myntra",
        ("kurta",),
        ("jacket",),
        "Apparel & Accessories > Clothing > Traditional & Ceremonial Clothing",
        (),
        "Tuniques kurta brodées pour femmes",
    ),
    "dress": (
        "myntra",
        (" dress",),
        ("kurta",),
        "Apparel & Accessories > Clothing > Dresses",
        ("dress",),
        "Robes d'été fluides pour femmes",
    ),
    "watch": (
        "myntra",
        (" watch",),
        ("strap",),
        "Apparel & Accessories > Jewelry > Watches",
        ("watch",),
        "Montres analogiques avec bracelet en cuir",
    ),
    "shoes": (
        "myntra",
        (" shoes",),
        ("shoe bag",),
        "Apparel & Accessories > Shoes",
        ("shoe", "sneaker"),
        "Chaussures de sport légères pour la course",
    ),
    "saree": (
        "myntra",
        ("saree",),
        (),
        "Apparel & Accessories > Clothing > Traditional & Ceremonial Clothing > Saris & Lehengas",
        (),
        "Saris en soie avec bordure dorée",
    ),
    "earrings": (
        "myntra",
        ("earrings",),
        (),
        "Apparel & Accessories > Jewelry > Earrings",
        ("earring",),
        "Boucles d'oreilles pendantes plaquées or",
    ),
    "backpack": (
        "myntra",
        ("backpack",),
        (),
        "Luggage & Bags > Backpacks",
        ("backpack",),
        "Sacs à dos pour ordinateur portable",
    ),
    "sunglasses": (
        "myntra",
        ("sunglasses",),
        (),
        "Apparel & Accessories > Clothing Accessories > Sunglasses",
        ("sunglasses",),
        "Lunettes de soleil polarisées",
    ),
    "wallet": (
        "myntra",
        ("wallet",),
        (),
        "Apparel & Accessories > Handbags, Wallets & Cases > Wallets & Money Clips",
        ("wallet",),
        "Portefeuilles en cuir pour hommes",
    ),
    "necklace": (
        "myntra",
        ("necklace",),
        ("earrings",),
        "Apparel & Accessories > Jewelry > Necklaces",
        ("necklace",),
        "Colliers fantaisie avec pendentif",
    ),
    "socks": (
        "myntra",
        ("socks",),
        (),
        "Apparel & Accessories > Clothing > Underwear & Socks > Socks",
        ("socks",),
        "Chaussettes en coton, lot de 5 paires",
    ),
    "mug": (
        "uci",
        (" mug",),
        (),
        "Home & Garden > Kitchen & Dining > Tableware > Drinkware > Mugs",
        ("mug", " cup"),
        "Tasses à café en céramique décorées",
    ),
    "shopping bag": (
        "uci",
        ("jumbo bag", "jumbo shopper", "shopper"),
        (),
        "Luggage & Bags > Shopping Totes",
        (" bag", "tote"),
        "Grands sacs de courses réutilisables",
    ),
    "candle": (
        "uci",
        ("candle", "t-light"),
        (),
        "Home & Garden > Decor > Home Fragrances > Candles",
        ("candle",),
        "Bougies parfumées et photophores",
    ),
    "cushion": (
        "uci",
        ("cushion",),
        (),
        "Home & Garden > Decor > Throw Pillows",
        ("cushion", "pillow"),
        "Housses de coussin décoratives",
    ),
    "clock": (
        "uci",
        ("clock",),
        (),
        "Home & Garden > Decor > Clocks",
        ("clock",),
        "Horloges murales et réveils rétro",
    ),
    "christmas": (
        "uci",
        ("christmas",),
        ("card", "wrap"),
        "Home & Garden > Decor > Seasonal & Holiday Decorations",
        ("christmas",),
        "Décorations de sapin de Noël",
    ),
    "baking": (
        "uci",
        ("cake", "baking"),
        ("candle",),
        "Home & Garden > Kitchen & Dining > Cookware & Bakeware > Bakeware",
        ("baking", "cake mold"),
        "Moules à gâteau et caissettes de cuisson",
    ),
    "umbrella": (
        "uci",
        ("umbrella",),
        (),
        "Home & Garden > Household Supplies > Umbrellas",
        ("umbrella",),
        "Parapluies pliants",
    ),
    "hot water bottle": (
        "uci",
        ("hot water bottle",),
        (),
        "Health & Beauty > Health Care > First Aid > Hot & Cold Therapies > Heating Pads",
        ("hot water bottle",),
        "Bouillottes avec housse tricotée",
    ),
    "lantern": (
        "uci",
        ("lantern",),
        (),
        "Home & Garden > Lighting > Lanterns",
        ("lantern",),
        "Lanternes décoratives en métal",
    ),
    "photo frame": (
        "uci",
        ("frame",),
        (),
        "Home & Garden > Decor > Picture Frames",
        ("photo frame", "picture frame"),
        "Cadres photo en bois",
    ),
    "doormat": (
        "uci",
        ("doormat",),
        (),
        "Home & Garden > Decor > Door Mats",
        ("doormat", "door mat"),
        "Paillassons en fibre de coco",
    ),
    "greeting card": (
        "uci",
        ("card",),
        ("cardholder", "card holder"),
        "Arts & Entertainment > Party & Celebration > Gift Giving > Greeting & Note Cards",
        ("greeting card",),
        "Cartes de vœux illustrées",
    ),
    "gift wrap": (
        "uci",
        ("wrap",),
        (),
        "Arts & Entertainment > Party & Celebration > Gift Giving > Gift Wrapping > Gift Wrap",
        ("wrapping paper", "gift wrap"),
        "Papier cadeau à motifs",
    ),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quality", action="store_true")
    parser.add_argument("--latency", action="store_true")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    args = parser.parse_args()
    setup_django()
    both = not (args.quality or args.latency)
    if args.quality or both:
        quality()
    if args.latency or both:
        latency(args.sizes)


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()


# --- quality --------------------------------------------------------------------------


def titles_by_kind() -> dict[str, list[str]]:
    """Every real English title of each kind, deduplicated, in a seeded order."""
    pools: dict[str, list[str]] = defaultdict(list)
    with gzip.open(DATA / "myntra_products_catalog.csv.gz", "rt", encoding="utf-8-sig") as file:
        myntra = [row["ProductName"] for row in csv.DictReader(file)]
    with UCI.open(encoding="utf-8") as file:
        uci = [row["Description"].strip() for row in csv.DictReader(file)]
    for title in [*myntra, *uci]:
        kind = kind_of(title, "myntra" if title in myntra else "uci")
        if kind and title not in pools[kind]:
            pools[kind].append(title)
    shuffler = random.Random(SEED)
    for titles in pools.values():
        shuffler.shuffle(titles)
    return pools


def kind_of(title: str, source: str) -> str | None:
    """The one kind a title is of (None: none, or more than one)."""
    text = f" {title.lower()} "
    found = [
        kind
        for kind, (from_source, include, exclude, *_rest) in KINDS.items()
        if from_source == source
        and any(word in text for word in include)
        and not any(word in text for word in exclude)
    ]
    return found[0] if len(found) == 1 else None


def shopee_queries() -> list[tuple[str, str]]:
    """(Traditional-Chinese title, kind) for the Shopee pairs whose English names one kind."""
    queries = []
    with (DATA / "shopee_zh_en_titles" / "dev_parallel_zh_tw_en.csv").open(
        encoding="utf-8-sig"
    ) as file:
        for row in csv.DictReader(file):
            english = f" {row['title_en'].lower()} "
            kinds = {
                kind for kind, spec in KINDS.items() if any(word in english for word in spec[4])
            }
            if "backpack" in kinds:
                kinds.discard("shopping bag")
            if len(kinds) == 1:
                queries.append((row["title_zh_tw"], kinds.pop()))
    return queries


def quality() -> None:
    from tradebridge.rfq.matching.lexical import overlap_scores, words
    from tradebridge.search.embeddings import embed_query, product_passages
    from tradebridge.search.supplier_similarity import VectorSupplierSimilarity
    from tradebridge.search.vectors import EmbeddingCache, VectorIndex

    pools = titles_by_kind()
    kinds = [kind for kind in KINDS if len(pools[kind]) > HELD_OUT + 2]
    catalogs = {kind: pools[kind][HELD_OUT : HELD_OUT + CATALOG_SIZE] for kind in kinds}
    held_out = {kind: pools[kind][:HELD_OUT] for kind in kinds}
    products = sum(len(titles) for titles in catalogs.values())
    print(f"Quality: {len(kinds)} suppliers, {products} catalog titles (English only)")
    cache = EmbeddingCache(CACHE)
    started = time.perf_counter()
    index, groups = build_index(catalogs, cache, product_passages, VectorIndex)
    print(
        f"  catalog vectors: {time.perf_counter() - started:.1f} s (cache: {CACHE.relative_to(ROOT)})"
    )
    supplier_words = {
        kind: set(words(" ".join([*catalogs[kind], KINDS[kind][3]]))) for kind in kinds
    }
    provider = VectorSupplierSimilarity()
    sets = {
        "en (held-out real titles)": [(t, kind) for kind in kinds for t in held_out[kind]],
        "fr (written for this benchmark)": [(KINDS[kind][5], kind) for kind in kinds],
        "zh (real Shopee titles, Traditional)": [(t, k) for t, k in shopee_queries() if k in kinds],
    }
    print("  | RFQs | n | vectors top 1 | vectors top 5 | words top 1 | words top 5 |")
    print("  |---|---|---|---|---|---|")
    for name, queries in sets.items():
        vector_ranks, word_ranks = [], []
        for text, kind in queries:
            scores = provider.similarities_in(index, query=embed_query(text), groups=groups)
            vector_ranks.append(rank_of(kind, {key[0]: value for key, value in scores.items()}))
            lexical = overlap_scores(words(text), supplier_words)
            word_ranks.append(rank_of(kind, lexical))
        print(
            f"  | {name} | {len(queries)} | {share(vector_ranks, 1)} | {share(vector_ranks, 5)} | {share(word_ranks, 1)} | {share(word_ranks, 5)} |"
        )


def build_index(catalogs, cache, product_passages, vector_index_class):  # type: ignore[no-untyped-def]
    from tradebridge.search.vectors import product_vectors

    ids: list[uuid.UUID] = []
    passages = []
    groups: dict[tuple[str, int], list[uuid.UUID]] = {}
    for kind, titles in catalogs.items():
        members = []
        for title in titles:
            product_id = uuid.uuid4()
            members.append(product_id)
            ids.append(product_id)
            passages.append(
                product_passages(title=title, category_path=KINDS[kind][3], language_titles={})
            )
        groups[(kind, 0)] = members
    vectors = product_vectors(passages, cache=cache)
    index = vector_index_class(Path(tempfile.mkdtemp()) / "vectors")
    index.upsert(ids, vectors)
    index.save()
    return vector_index_class.open(index.directory, read_only=True), groups


def rank_of(kind: str, scores: dict[str, float]) -> int | None:
    """The rank of `kind`'s supplier by score (ties by name); None when not scored above 0."""
    order = sorted(scores, key=lambda key: (-scores[key], key))
    return order.index(kind) + 1 if kind in order and scores[kind] > 0 else None


def share(ranks: list[int | None], top: int) -> str:
    hits = sum(1 for rank in ranks if rank is not None and rank <= top)
    return f"{hits}/{len(ranks)} ({100 * hits / max(1, len(ranks)):.0f}%)"


# --- latency --------------------------------------------------------------------------


def latency(sizes: list[int]) -> None:
    from tradebridge.rfq.matching.ranking import (
        MatchCriteria,
        SupplierFeatures,
        rank_suppliers,
    )
    from tradebridge.search.embeddings import DIMENSIONS, embed_query
    from tradebridge.search.supplier_similarity import VectorSupplierSimilarity
    from tradebridge.search.vectors import VectorIndex

    rng = np.random.default_rng(SEED)
    texts = [f"Request {n}: size {n % 7 + 3} PU soccer balls, lot {n}" for n in range(10)]
    embedded = []
    for text in texts:
        began = time.perf_counter()
        embed_query(text)
        embedded.append(time.perf_counter() - began)
    print(
        f"Latency: the RFQ's query vector (distinct texts): p50 {ms(statistics.median(embedded))}, p95 {ms(p95(embedded))}"
    )
    print(
        "  | suppliers | products | index build | first RFQ (group vectors built) | later RFQs p50 / p95 | ranking, 50 kept, p50 |"
    )
    print("  |---|---|---|---|---|---|")
    for size in sizes:
        products = size * 10
        seeded = random.Random(size)
        ids = [uuid.UUID(int=seeded.getrandbits(128) | 1) for _ in range(products)]
        vectors = rng.standard_normal((products, DIMENSIONS)).astype(np.float32)
        began = time.perf_counter()
        index = VectorIndex(Path(tempfile.mkdtemp()) / "vectors")
        for start in range(0, products, 20_000):
            index.upsert(ids[start : start + 20_000], vectors[start : start + 20_000])
        index.save()
        index = VectorIndex.open(index.directory, read_only=True)
        build = time.perf_counter() - began
        suppliers = [uuid.UUID(int=n + 1) for n in range(size)]
        groups = {
            (supplier, category): ids[s * 10 + category * 5 : s * 10 + category * 5 + 5]
            for s, supplier in enumerate(suppliers)
            for category in (0, 1)
        }
        provider = VectorSupplierSimilarity()
        queries = rng.standard_normal((21, DIMENSIONS)).astype(np.float32)
        queries /= np.linalg.norm(queries, axis=1, keepdims=True)
        began = time.perf_counter()
        provider.similarities_in(index, query=queries[0], groups=groups)
        first = time.perf_counter() - began
        later, ranking = [], []
        for query in queries[1:]:
            began = time.perf_counter()
            scores = provider.similarities_in(index, query=query, groups=groups)
            later.append(time.perf_counter() - began)
            best: dict[uuid.UUID, float] = {}
            for (supplier, _category), value in scores.items():
                best[supplier] = max(value, best.get(supplier, 0.0))
            features = [
                SupplierFeatures(supplier_id=s, similarity=best.get(s), products_in_category=3)
                for s in suppliers
            ]
            began = time.perf_counter()
            rank_suppliers(MatchCriteria(category_name="Soccer Balls"), features, limit=50)
            ranking.append(time.perf_counter() - began)
        print(
            f"  | {size:,} | {products:,} | {build:.1f} s | {ms(first)} | {ms(statistics.median(later))} / {ms(p95(later))} | {ms(statistics.median(ranking))} |"
        )


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


if __name__ == "__main__":
    main()
