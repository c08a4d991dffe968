# ruff: noqa: T201, S311, E501  # output on stdout; seeded randomness; one query set a line
"""Benchmark (not a test): the semantic side of search — embedding, the vector index, the
match threshold.

    .venv/bin/python benchmarks/search_vectors.py                  # embeddings, 10k real, 100k
    .venv/bin/python benchmarks/search_vectors.py --sizes 100000 1000000
    .venv/bin/python benchmarks/search_vectors.py --calibrate      # the match threshold

1. Embedding: passages/s over seeded synthetic B2B titles in English, French, German, Spanish
   and Chinese (batches of 64), and the latency of one query's vector (distinct texts, so the
   in-process query cache never answers).
2. Real embeddings, 10,000 passages (cached in var/bench/ after the first run): search p50/p95
   through the HNSW graph and by exact brute force (numpy, float32), the graph's recall@10
   against the exact answer, the int8 similarity error.
3. Random unit vectors at each --sizes N: graph build time, p50/p95 of a 100-neighbour search
   in a read-only (memory-mapped) replica, of an exact search over 5,000 `allowed` products,
   and of numpy float32 brute force; the replica's resident memory; disk size.
4. With --fill: the vector fill of a rebuild over the catalog already loaded in the database
   of DATABASE_URL (index in SEARCH_INDEX_DIR; e.g. `search_catalog.py --step load` on a
   `search_corpus.write_catalogs` catalog): keyword rebuild, then `search_vectors_fill` with
   a cold or warm embedding cache (passages embedded, passages/s, products/s, peak RSS), then
   a second full rebuild, whose fill finds every passage in the cache.
5. With --passage-forms N: tokens and passages/s of N generated products' passages, every
   title (ours) against the main title alone.
6. With --cross-language [--variant V]: the labelled queries of tests/test_embeddings.py (80
   fr/de/es/zh queries, each naming one of 20 English-only products) over those 20 products
   among 996 others (the calibration catalog below): how often a product of the right kind
   (the labelled product's leaf category) is the nearest, in the ten nearest, and among the
   matches of the match rule at several lifts; and how many of 24 unrelated queries match.
   Variants of the embedding: `base` (ours), `title` (no category passage), `query-products`
   (products embedded with the "query: " prefix, the E5 convention for symmetric tasks),
   `passage-queries` (queries embedded with the "passage: " prefix).
7. With --calibrate: similarities of cross-language queries to the products they mean, and of
   unrelated queries to their nearest product, over the demo catalog (UCI Online Retail and the
   generated ranges, English titles only): recall and false matches for each threshold.

Runs on whatever cores the machine has; the figures in docs/search.md came from 2.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from tradebridge.search.vectors import EmbeddingCache, VectorIndex

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "var" / "bench" / "embeddings.sqlite3"
QUERY_WORDS = {
    "en": ["soccer ball", "yoga mat", "power bank", "gel pens", "led bulb", "running shoes"],
    "fr": ["ballon de football", "tapis de yoga", "batterie externe", "stylos gel", "ampoule"],
    "de": ["Fußball", "Yogamatte", "Powerbank", "Gelschreiber", "LED-Lampe", "Laufschuhe"],
    "es": ["balón de fútbol", "esterilla de yoga", "batería externa", "bolígrafos de gel"],
    "zh": ["足球", "瑜伽垫", "充电宝", "中性笔", "LED灯泡", "跑步鞋", "篮球", "蓝牙耳机"],
}
SIZES_WORDS = ["small", "large", "pack of 12", "wholesale", "custom logo", "OEM", "bulk", "new"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100_000])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--calibrate", action="store_true")
    parser.add_argument("--fill", action="store_true", help="the rebuild's vector fill")
    parser.add_argument("--cross-language", action="store_true")
    parser.add_argument(
        "--passage-forms",
        type=int,
        default=0,
        metavar="N",
        help="embedding speed of N products' passages: every title, or the main title alone",
    )
    parser.add_argument(
        "--variant",
        choices=["base", "title", "query-products", "passage-queries"],
        default="base",
    )
    parser.add_argument(
        "--stand-in-cache",
        action="store_true",
        help="with --fill: first cache a stand-in vector (random, seeded by the text) for "
        "every passage, to time a rebuild whose passages are all cached without embedding them",
    )
    parser.add_argument("--skip-embedding", action="store_true")
    parser.add_argument("--real", type=int, default=10_000, help="real passages (0: none)")
    parser.add_argument(
        "--build-expansion", type=int, default=0, help="graph expansion_add (default: ours)"
    )
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    print(f"cores: {os.cpu_count()}, embedding threads: {_threads()}")
    if args.calibrate:
        calibrate()
        return
    if args.passage_forms:
        passage_forms(args.passage_forms)
        return
    if args.cross_language:
        cross_language(args.variant)
        return
    if args.fill:
        fill(stand_in_cache=args.stand_in_cache)
        return
    if not args.skip_embedding:
        embedding_speed(args.queries)
    if args.real:
        real_vectors(args.queries, args.real)
    if args.build_expansion:
        from tradebridge.search import vectors

        vectors.HNSW_EXPANSION_ADD = args.build_expansion  # a cheaper build, same searches
        print(f"graph built with expansion_add {args.build_expansion}")
    for size in args.sizes:
        random_vectors(size, args.queries)


def _threads() -> int:
    from tradebridge.search.embeddings import threads

    return threads()


def timed(function: Callable[[], object], runs: int) -> tuple[float, float]:
    """p50 and p95 in milliseconds of `runs` calls, after two warm-up calls."""
    function()
    function()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]


def synthetic_products(count: int, seed: int = 2026) -> list[tuple[str, ...]]:
    """Product passages (`product_passages`) from the demo vocabulary: the generated ranges
    with their French, German, Spanish and Chinese titles, and the UCI products; varied with
    seeded pack and size words up to `count`."""
    from tradebridge.demo.catalogs.generated import generated_products
    from tradebridge.demo.catalogs.giftware import giftware_rows, rule_for
    from tradebridge.search.embeddings import product_passages

    base = [
        product_passages(
            title=p.title,
            category_path=p.category,
            language_titles={lang: t["title"] for lang, t in p.translations.items()},
        )
        for p in generated_products(seed, per_type=10_000)
    ]
    base += [
        product_passages(
            title=row.title, category_path=rule_for(row.title).category, language_titles={}
        )
        for row in giftware_rows(seed)
    ]
    rng = random.Random(seed)
    products = list(dict.fromkeys(base))[:count]
    while len(products) < count:
        title, *rest = rng.choice(base)
        products.append((f"{title}, {rng.choice(SIZES_WORDS)}", *rest))
    return products


def queries(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    words = [w for group in QUERY_WORDS.values() for w in group]
    return [f"{rng.choice(words)} {rng.choice(SIZES_WORDS)} {n}" for n in range(count)]


def embedding_speed(query_count: int) -> None:
    from tradebridge.search.embeddings import embed_passages, embed_query

    passages = [titles for titles, *_path in synthetic_products(1000, seed=11)]
    embed_passages(passages[:64])
    start = time.perf_counter()
    embed_passages(passages)
    elapsed = time.perf_counter() - start
    texts = iter(queries(query_count + 2))
    p50, p95 = timed(lambda: embed_query(next(texts)), query_count)
    print(f"embedding: {len(passages) / elapsed:.0f} passages/s (1,000 passages, batches of 64)")
    print(f"query vector: p50 {p50:.1f} ms, p95 {p95:.1f} ms ({query_count} distinct queries)")


def real_vectors(query_count: int, count: int = 10_000) -> None:
    from tradebridge.search.embeddings import embed_query
    from tradebridge.search.vectors import EmbeddingCache, VectorIndex, product_vectors

    start = time.perf_counter()
    rows = product_vectors(synthetic_products(count), cache=EmbeddingCache(CACHE))
    print(f"{count:,} real products: vectors in {time.perf_counter() - start:.0f} s ({CACHE})")
    ids = [uuid.UUID(int=n + 1) for n in range(count)]
    with tempfile.TemporaryDirectory() as folder:
        index = VectorIndex(Path(folder))
        start = time.perf_counter()
        index.upsert(ids, rows)
        print(f"  graph build: {time.perf_counter() - start:.1f} s")
        query_rows = [embed_query(text) for text in queries(query_count)]
        _compare(index, rows, ids, query_rows)


def _compare(
    index: "VectorIndex", rows: np.ndarray, ids: Sequence[uuid.UUID], qs: list[np.ndarray]
) -> None:
    position = {product_id: row for row, product_id in enumerate(ids)}
    recall, near, error = [], [], []
    for query in qs:
        exact = rows @ query
        best = set(np.argsort(-exact)[:10].tolist())
        tenth = float(np.sort(exact)[-10])
        found = index.search(query, 10)
        recall.append(len({position[i] for i, _s in found} & best) / 10)
        # Near-duplicate titles tie within int8 precision: count those as found too.
        near.append(sum(float(exact[position[i]]) >= tenth - 0.005 for i, _s in found) / 10)
        error += [abs(s - float(exact[position[i]])) for i, s in found]
    it = iter(qs * 3)
    graph = timed(lambda: index.search(next(it), 100), len(qs))
    brute = timed(lambda: np.argpartition(-(rows @ next(it)), 100)[:100], len(qs))
    print(f"  graph k=100: p50 {graph[0]:.2f} ms, p95 {graph[1]:.2f} ms")
    print(f"  numpy float32 brute force k=100: p50 {brute[0]:.2f} ms, p95 {brute[1]:.2f} ms")
    print(
        f"  recall@10 vs exact: {statistics.mean(recall):.3f} (within 0.005 of the tenth: "
        f"{statistics.mean(near):.3f}); int8 similarity error: max "
        f"{max(error):.4f}, mean {statistics.mean(error):.4f}"
    )


def random_vectors(size: int, query_count: int) -> None:
    from tradebridge.search.embeddings import DIMENSIONS
    from tradebridge.search.vectors import VectorIndex

    rng = np.random.default_rng(size)
    rows = rng.standard_normal((size, DIMENSIONS), dtype=np.float32)
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    ids = [uuid.UUID(int=n + 1) for n in range(size)]
    with tempfile.TemporaryDirectory(dir=ROOT / "var") as folder:
        writer = VectorIndex(Path(folder))
        start = time.perf_counter()
        for chunk in range(0, size, 50_000):
            writer.upsert(ids[chunk : chunk + 50_000], rows[chunk : chunk + 50_000])
        build = time.perf_counter() - start
        writer.save()
        del writer
        disk = sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file())
        rss_before = _rss_mb()
        replica = VectorIndex.open(Path(folder), read_only=True)
        qs = iter(
            np.concatenate(
                [
                    rows[:query_count] * 0.6
                    + rng.standard_normal((query_count, DIMENSIONS), dtype=np.float32) * 0.02
                ]
                * 4
            )
        )
        graph = timed(lambda: replica.search(next(qs), 100), query_count)
        allowed = set(random.Random(1).sample(ids, 5000))
        subset = timed(lambda: replica.search(next(qs), 100, allowed=allowed), query_count // 4)
        rss = _rss_mb() - rss_before
        brute = timed(lambda: np.argpartition(-(rows @ next(qs)), 100)[:100], 20)
    print(
        f"{size:,} random vectors: build {build:.0f} s ({size / build:.0f}/s, 2 threads), "
        f"disk {disk / 1e6:.0f} MB, replica resident +{rss:.0f} MB"
    )
    print(f"  graph k=100: p50 {graph[0]:.2f} ms, p95 {graph[1]:.2f} ms")
    print(f"  exact over 5,000 allowed: p50 {subset[0]:.2f} ms, p95 {subset[1]:.2f} ms")
    print(f"  numpy float32 brute force k=100: p50 {brute[0]:.1f} ms, p95 {brute[1]:.1f} ms")


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def fill(*, stand_in_cache: bool) -> None:
    """A keyword rebuild, its vector fill (timed), then a second rebuild with a warm cache."""
    import django

    django.setup()
    from django.conf import settings

    from tradebridge.search.services.indexing import search_reindex, search_vectors_fill
    from tradebridge.search.store import embedding_cache

    cache = embedding_cache()
    if stand_in_cache:
        _cache_stand_ins(cache)
    cached = len(cache)
    start = time.perf_counter()
    summary = search_reindex()
    print(f"keyword rebuild: {summary.products:,} products in {time.perf_counter() - start:.1f} s")
    shown = [time.monotonic()]

    def progress(done: int, total: int) -> None:
        if time.monotonic() - shown[0] > 60:
            shown[0] = time.monotonic()
            print(f"  {done:,} / {total:,} products, {time.perf_counter() - start:.0f} s")

    start = time.perf_counter()
    filled = search_vectors_fill(on_progress=progress)
    seconds = time.perf_counter() - start
    embedded = len(cache) - cached
    print(
        f"vector fill: {filled.products:,} products in {seconds:.1f} s "
        f"({filled.products / seconds:.1f} products/s); {embedded:,} passages embedded "
        f"({embedded / seconds:.1f}/s), {cached:,} already cached; peak RSS {_peak_mb():.0f} MB"
    )
    if filled.products:
        hours = 1_000_000 / (filled.products / seconds) / 3600
        print(f"  at this rate 1,000,000 products: {hours:.1f} h")
    vectors = Path(settings.SEARCH_INDEX_DIR) / summary.generation / "vectors"
    disk = sum(p.stat().st_size for p in vectors.rglob("*") if p.is_file())
    print(
        f"  vectors on disk: {disk / 1e6:.1f} MB; cache: {cache.path.stat().st_size / 1e6:.1f} MB"
    )
    start = time.perf_counter()
    again = search_reindex(vectors=True)
    seconds = time.perf_counter() - start
    print(
        f"rebuild with a warm cache: {again.products:,} products, keywords and vectors in "
        f"{seconds:.1f} s; {len(cache) - cached - embedded} passages embedded; "
        f"peak RSS {_peak_mb():.0f} MB"
    )


def _cache_stand_ins(cache: "EmbeddingCache") -> None:
    """A random unit vector, seeded by the text, for every passage of every visible product."""
    from tradebridge.search.embeddings import DIMENSIONS
    from tradebridge.search.selectors import product_document_batches

    start = time.perf_counter()
    for batch in product_document_batches(batch_size=2000):
        texts = list(dict.fromkeys(text for document in batch for text in document.passages))
        rows = {}
        for text in texts:
            seed = int.from_bytes(cache.key(text)[:8], "little")
            row = np.random.default_rng(seed).standard_normal(DIMENSIONS).astype(np.float32)
            rows[text] = row / np.linalg.norm(row)
        cache.put_many(rows)
    print(f"stand-in vectors cached for every passage in {time.perf_counter() - start:.1f} s")


def _peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# Kinds of product (leaf categories of the demo catalog) and queries naming them.
KINDS = {
    ("Soccer Balls",): ["ballon de football", "Fußball", "balón de fútbol", "足球"],
    ("Basketballs",): ["ballon de basket", "Basketball", "balón de baloncesto", "篮球"],
    ("Yoga & Pilates Mats",): ["tapis de yoga", "Yogamatte", "esterilla de yoga", "瑜伽垫"],
    ("Exercise Bands",): ["bandes de résistance", "Widerstandsbänder", "bandas elásticas", "弹力带"],
    ("Soccer Gloves",): ["gants de gardien", "Torwarthandschuhe", "guantes de portero", "守门员手套"],
    ("Shoes",): ["chaussures de course", "Laufschuhe", "zapatillas de running", "跑步鞋"],
    ("Mobile Phone Batteries",): ["batterie externe", "Powerbank", "batería externa", "充电宝"],
    ("Power Adapters & Chargers",): ["chargeur USB-C", "USB-C Ladegerät", "cargador USB-C", "充电器"],
    ("LED Light Bulbs",): ["ampoule LED", "LED-Glühbirne", "bombilla LED", "LED灯泡"],
    ("Headphones",): ["écouteurs bluetooth", "Bluetooth-Kopfhörer", "auriculares bluetooth", "蓝牙耳机"],
    ("Electric Kettles",): ["bouilloire électrique", "Wasserkocher", "hervidor eléctrico", "电热水壶"],
    ("Hair Dryers",): ["sèche-cheveux", "Haartrockner", "secador de pelo", "吹风机"],
    ("Fans",): ["ventilateur", "Ventilator", "ventilador", "电风扇"],
    ("Balloons",): ["ballons de baudruche", "Luftballons", "globos", "气球"],
    ("Pens", "Writing & Drawing Instruments"): ["stylos gel", "Kugelschreiber", "bolígrafos", "中性笔"],
    ("Candle Holders", "Candles"): ["bougeoir", "Kerzenhalter", "portavelas", "烛台"],
    ("Mugs",): ["tasse", "Kaffeebecher", "taza", "马克杯"],
    ("Door Mats",): ["paillasson", "Fußmatte", "felpudo", "门垫"],
    ("Wall Clocks", "Alarm Clocks"): ["horloge", "Wanduhr", "reloj de pared", "挂钟"],
    ("Lunch Boxes & Totes",): ["boîte à lunch", "Brotdose", "fiambrera", "饭盒"],
    ("Dresses",): ["robe", "Kleid", "vestido", "连衣裙"],
    ("Keychains",): ["porte-clés", "Schlüsselanhänger", "llavero", "钥匙扣"],
}  # fmt: skip
UNRELATED = [
    "mortgage refinancing rates", "taxi to the airport", "Steuererklärung", "horoscope for today",
    "法律咨询", "recette de crêpes", "quantum chromodynamics", "weather tomorrow",
    "software engineer job", "car insurance", "assurance auto", "Zahnarzt Termin",
    "vuelos baratos a Roma", "股票行情", "cours de piano", "Bundesliga Ergebnisse",
    "dentist appointment", "hotel booking Madrid", "visa application", "used cars for sale",
    "apartamentos en alquiler", "机票预订", "divorce lawyer", "online casino",
]  # fmt: skip


def passage_forms(count: int) -> None:
    """Tokens and passages/s for a product's titles in every language, and the main title."""
    from tradebridge.demo.catalogs.generated import generated_products
    from tradebridge.search import embeddings
    from tradebridge.search.embeddings import embed_passages, product_passages

    products = list(generated_products(5, per_type=60))
    random.Random(1).shuffle(products)
    products = products[:count]
    forms = {
        "every title": [
            {language: texts["title"] for language, texts in p.translations.items()}
            for p in products
        ],
        "main title": [{} for _p in products],
    }
    translated = sum(bool(p.translations) for p in products) / len(products)
    print(f"{len(products)} generated products, {translated:.0%} with translations")
    embed_passages(["warm up"])
    for name, translations in forms.items():
        texts = [
            product_passages(title=p.title, category_path="", language_titles=titles)[0]
            for p, titles in zip(products, translations, strict=True)
        ]
        with embeddings._lock:
            tokens = sum(embeddings._loaded_model().token_count(text) for text in texts)
        start = time.perf_counter()
        embed_passages(texts)
        rate = len(texts) / (time.perf_counter() - start)
        print(f"  {name}: {tokens / len(texts):.1f} tokens a passage, {rate:.1f} passages/s")


def cross_language(variant: str) -> None:
    """Right kind of product for the labelled queries, by vector and by the match rule."""
    from tradebridge.demo.catalogs.generated import generated_products
    from tradebridge.demo.catalogs.giftware import giftware_rows, rule_for
    from tradebridge.search import embeddings, vectors
    from tradebridge.search.embeddings import embed_query, product_passages
    from tradebridge.search.hybrid import semantic_matches
    from tradebridge.search.tests.test_embeddings import LABELLED
    from tradebridge.search.vectors import EmbeddingCache, VectorIndex, product_vectors

    def embed(texts: Sequence[str], *, query: bool) -> np.ndarray:
        with embeddings._lock:
            model = embeddings._loaded_model()
            rows = (model.query if query else model.passage)([embeddings._clip(t) for t in texts])
        return np.asarray(rows, dtype=np.float32).reshape(len(texts), -1)

    catalog = [(title, path) for title, path, _queries in LABELLED]
    catalog += [(p.title, p.category) for p in generated_products(7, per_type=12)]
    catalog += [(g.title, rule_for(g.title).category) for g in list(giftware_rows(7))[::4]]
    cache_path = CACHE
    if variant == "query-products":
        vectors.embed_passages = lambda texts: embed(texts, query=True)  # type: ignore[assignment]
        cache_path = CACHE.with_name("embeddings-query-prefix.sqlite3")
    as_query = embed_query
    if variant == "passage-queries":
        as_query = lambda text: embed([text], query=False)[0]  # noqa: E731
    path_of = (lambda _path: "") if variant == "title" else (lambda path: path)
    passages = [
        product_passages(title=t, category_path=path_of(c), language_titles={}) for t, c in catalog
    ]
    ids = [uuid.UUID(int=n + 1) for n in range(len(catalog))]
    index = VectorIndex(Path(tempfile.mkdtemp()))
    index.upsert(ids, product_vectors(passages, cache=EmbeddingCache(cache_path)))
    leaf = [path.rsplit(">", 1)[-1].strip() for _title, path in catalog]
    row = {product_id: n for n, product_id in enumerate(ids)}
    found = []
    for number, (_title, _path, queries) in enumerate(LABELLED):
        for language, text in queries.items():
            vector = as_query(text)
            near = index.search(vector, 50)
            right = [leaf[row[i]] == leaf[number] for i, _s in near]
            found.append((language, text, near, right, index.background_similarity(vector)))
    unrelated = []
    for text in UNRELATED:
        vector = as_query(text)
        unrelated.append((index.search(vector, 50), index.background_similarity(vector)))
    print(
        f"{variant}: {len(catalog)} products; right kind nearest "
        f"{sum(r[0] for _l, _t, _n, r, _b in found)}/{len(found)}, in the ten nearest "
        f"{sum(any(r[:10]) for _l, _t, _n, r, _b in found)}/{len(found)}"
    )
    for lift in (0.036, 0.038, 0.040, 0.042):

        def rule(near: list, background: float, lift: float = lift) -> set:
            return {i for i, _s in semantic_matches(near, background=background, lift=lift)}

        by_language: dict[str, int] = {}
        for language, _text, near, right, background in found:
            chosen = rule(near, background)
            hit = any(r for (i, _s), r in zip(near, right, strict=True) if i in chosen)
            by_language[language] = by_language.get(language, 0) + hit
        false = sum(bool(rule(near, background)) for near, background in unrelated)
        print(
            f"  lift {lift:.3f}: right kind among the matches {sum(by_language.values())}/"
            f"{len(found)} {by_language}; unrelated queries with a match {false}/{len(unrelated)}"
        )
    for _language, text, near, _right, background in found:
        if text in LABELLED[0][2].values():  # the soccer ball: "足球" among them
            names = [f"{catalog[row[i]][0][:30]} (+{s - background:.3f})" for i, s in near[:3]]
            print(f"  {text}: {'; '.join(names)}")


def calibrate() -> None:
    """The match rule's numbers: for each candidate lift (and, for comparison, each absolute
    threshold), how many kind queries get a product of the right kind among their matches,
    the share of matches of the right kind, and how many unrelated queries match anything."""
    from tradebridge.demo.catalogs.generated import generated_products
    from tradebridge.demo.catalogs.giftware import giftware_rows, rule_for
    from tradebridge.search.embeddings import embed_query, product_passages
    from tradebridge.search.hybrid import SEMANTIC_MATCH_WINDOW
    from tradebridge.search.vectors import EmbeddingCache, VectorIndex, product_vectors

    catalog = [(p.title, p.category) for p in generated_products(7, per_type=12)]
    catalog += [(g.title, rule_for(g.title).category) for g in list(giftware_rows(7))[::4]]
    passages = [product_passages(title=t, category_path=c, language_titles={}) for t, c in catalog]
    leaves = np.array([category.rsplit(" > ", 1)[-1] for _title, category in catalog])
    ids = [uuid.UUID(int=n + 1) for n in range(len(catalog))]
    index = VectorIndex(Path(tempfile.mkdtemp()))
    index.upsert(ids, product_vectors(passages, cache=EmbeddingCache(CACHE)))
    print(f"calibration catalog: {len(catalog)} products (English titles only)")

    position = {product_id: row for row, product_id in enumerate(ids)}

    def neighbours(text: str) -> tuple[np.ndarray, float, np.ndarray]:
        query = embed_query(text)
        found = index.search(query, 100)
        rows = np.array([position[i] for i, _s in found])
        return np.array([s for _i, s in found]), index.background_similarity(query), rows

    kind = []
    for leaf, texts in KINDS.items():
        for text in texts:
            scores, background, found = neighbours(text)
            kind.append(((scores, background), np.isin(leaves[found], list(leaf))))
    unrelated = [neighbours(q)[:2] for q in UNRELATED]
    for name, floors in (
        ("lift", np.arange(0.030, 0.046, 0.002)),
        ("absolute", np.arange(0.845, 0.886, 0.005)),
    ):
        for value in floors:
            _report(name, float(value), kind, unrelated, SEMANTIC_MATCH_WINDOW)


def _report(name: str, value: float, kind: list, unrelated: list, window: float) -> None:
    def matched(scores: np.ndarray, background: float) -> np.ndarray:
        floor = value + (background if name == "lift" else 0.0)
        return (scores >= floor) & (scores >= scores[0] - window)

    right, precision = 0, []
    for (scores, background), relevant in kind:
        chosen = matched(scores, background)
        if chosen.any():
            right += bool(relevant[chosen].any())
            precision.append(float(relevant[chosen].mean()))
    false = sum(bool(matched(s, b).any()) for s, b in unrelated)
    print(
        f"  {name} {value:.3f}: right kind matched {right}/{len(kind)}, precision "
        f"{statistics.mean(precision) if precision else 0:.2f}, unrelated with a match "
        f"{false}/{len(unrelated)}"
    )


if __name__ == "__main__":
    main()
