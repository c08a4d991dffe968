# ruff: noqa: E501  # one vocabulary entry a line
"""The seeded synthetic catalog and the seeded queries of `search_catalog.py` (a benchmark).

Catalog: a dozen suppliers (Chinese hub provinces, a few in the EU and the US), each with
its own catalog file in the import format (docs/catalog-file-format.md). Titles come from two
vocabularies over about 60 Google Product Taxonomy categories:

- the demo suppliers' product types (`tradebridge.demo.catalogs.vocabulary`: templates with
  slots such as material, size, grade, and their French, German, Spanish and Chinese forms);
- about 30 more product nouns (tools, bags, kitchenware, safety gear...), each with its
  translations, combined with materials, features and sizes.

Every title also gets a model code, so titles are distinct at any size. A quarter of the
products carry fr/de/es/zh titles; one in 40 has a Chinese main title. Prices: 1-3 tiers in
the supplier's currency (CNY, USD or EUR); certifications, stock, lead times and sample
prices vary.

Queries: 1-3 words of that vocabulary (English mostly; some French, German, Chinese; some
with a typo), a share with a category filter and a price range in EUR or USD.
"""

import csv
import random
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Final, TextIO

from tradebridge.demo.catalogs.vocabulary import PRODUCT_TYPES, ProductType

HEADER: Final = [
    "sku", "title", "description", "title_fr", "title_de", "title_es", "title_zh", "category",
    "currency", "price_tiers", "unit", "lead_time_days", "stock", "origin_country",
    "certifications", "sample_price", "attributes",
]  # fmt: skip
LANGS: Final = ("en", "fr", "de", "es", "zh")
TO_CURRENCY: Final = {"USD": 1.0, "CNY": 7.2, "EUR": 0.92}  # rough: prices only vary


@dataclass(frozen=True, slots=True)
class Supplier:
    slug: str
    name: str
    country: str
    province: str
    currency: str
    verification: str
    share: int  # relative number of products
    groups: tuple[str, ...]  # product groups it sells


SUPPLIERS: Final = (
    Supplier("shenzhen-lumen", "Shenzhen Lumen Electronics Co., Ltd.", "CN", "Guangdong", "USD", "audited", 14, ("electronics", "tools")),
    Supplier("guangzhou-homewell", "Guangzhou Homewell Appliance Co., Ltd.", "CN", "Guangdong", "CNY", "business_verified", 10, ("home", "kitchen")),
    Supplier("yiwu-brightway", "Yiwu Brightway Trading Co., Ltd.", "CN", "Zhejiang", "CNY", "business_verified", 12, ("gifts", "office", "toys")),
    Supplier("ningbo-harbor", "Ningbo Harbor Industrial Co., Ltd.", "CN", "Zhejiang", "USD", "email_verified", 8, ("tools", "safety", "home")),
    Supplier("xiamen-haicang", "Xiamen Haicang Sports Goods Co., Ltd.", "CN", "Fujian", "USD", "audited", 10, ("sports",)),
    Supplier("quanzhou-stride", "Quanzhou Stride Sportswear Co., Ltd.", "CN", "Fujian", "CNY", "business_verified", 9, ("apparel", "sports")),
    Supplier("suzhou-silkroad", "Suzhou Silkroad Garment Co., Ltd.", "CN", "Jiangsu", "CNY", "unverified", 9, ("apparel", "bags")),
    Supplier("qingdao-ocean", "Qingdao Ocean Household Products Co., Ltd.", "CN", "Shandong", "USD", "email_verified", 6, ("kitchen", "baby", "beauty")),
    Supplier("baoding-luggage", "Baoding Baigou Luggage Co., Ltd.", "CN", "Hebei", "CNY", "unverified", 5, ("bags",)),
    Supplier("munich-werkzeug", "Werkzeug Handel München GmbH", "DE", "Bavaria", "EUR", "audited", 5, ("tools", "safety")),
    Supplier("milano-casa", "Casa Milano Forniture S.r.l.", "IT", "Lombardy", "EUR", "business_verified", 4, ("kitchen", "home", "beauty")),
    Supplier("warsaw-logistics", "Warszawa Logistics Supply Sp. z o.o.", "PL", "Masovia", "EUR", "email_verified", 3, ("safety", "office")),
    Supplier("la-outfitters", "LA Outfitters Wholesale Inc.", "US", "California", "USD", "business_verified", 3, ("apparel", "sports", "bags")),
    Supplier("dallas-toys", "Dallas Toy Distributors LLC", "US", "Texas", "USD", "unverified", 2, ("toys", "baby")),
)  # fmt: skip

# The demo product types by group (their supplier's domain picks the group).
_DEMO_GROUPS: Final = {
    "haicang-sports.example": "sports",
    "stride-sportswear.example": "apparel",
    "brightway-yiwu.example": "gifts",
    "lumen-electronics.example": "electronics",
    "homewell-appliance.example": "kitchen",
    "silkroad-garment.example": "apparel",
}

# The demo types' product nouns in the query languages (en, fr, de, es, zh).
DEMO_NOUNS: Final = {
    "soccer-ball": ("soccer ball", "ballon de football", "Fußball", "balón de fútbol", "足球"),
    "basketball": ("basketball", "ballon de basket", "Basketball", "baloncesto", "篮球"),
    "yoga-mat": ("yoga mat", "tapis de yoga", "Yogamatte", "esterilla de yoga", "瑜伽垫"),
    "resistance-band": ("resistance band", "bande de résistance", "Widerstandsband", "banda elástica", "弹力带"),
    "goalkeeper-gloves": ("goalkeeper gloves", "gants de gardien", "Torwarthandschuhe", "guantes de portero", "守门员手套"),
    "running-shoe": ("running shoes", "chaussures de running", "Laufschuhe", "zapatillas de running", "跑鞋"),
    "football-jersey": ("football jersey", "maillot de football", "Fußballtrikot", "camiseta de fútbol", "足球衣"),
    "track-suit": ("tracksuit", "survêtement", "Trainingsanzug", "chándal", "运动服"),
    "compression-leggings": ("compression leggings", "legging de compression", "Kompressionsleggings", "mallas de compresión", "紧身裤"),
    "sports-socks": ("sports socks", "chaussettes de sport", "Sportsocken", "calcetines deportivos", "运动袜"),
    "latex-balloons": ("latex balloons", "ballons en latex", "Latexballons", "globos de látex", "乳胶气球"),
    "gel-pen": ("gel pen", "stylo gel", "Gelschreiber", "bolígrafo de gel", "中性笔"),
    "keychain": ("keychain", "porte-clés", "Schlüsselanhänger", "llavero", "钥匙扣"),
    "hair-claw": ("hair claw", "pince à cheveux", "Haarklammer", "pinza de pelo", "发夹"),
    "hand-flag": ("hand flag", "drapeau", "Handfahne", "bandera de mano", "手摇旗"),
    "power-bank": ("power bank", "batterie externe", "Powerbank", "batería externa", "充电宝"),
    "usb-c-charger": ("USB-C charger", "chargeur USB-C", "USB-C-Ladegerät", "cargador USB-C", "充电器"),
    "led-bulb": ("LED bulb", "ampoule LED", "LED-Lampe", "bombilla LED", "灯泡"),
    "earbuds": ("wireless earbuds", "écouteurs sans fil", "kabellose Ohrhörer", "auriculares inalámbricos", "蓝牙耳机"),
    "led-strip": ("LED strip", "ruban LED", "LED-Streifen", "tira LED", "灯带"),
    "kettle": ("electric kettle", "bouilloire électrique", "Wasserkocher", "hervidor eléctrico", "电水壶"),
    "air-fryer": ("air fryer", "friteuse sans huile", "Heißluftfritteuse", "freidora de aire", "空气炸锅"),
    "hand-blender": ("hand blender", "mixeur plongeant", "Stabmixer", "batidora de mano", "搅拌机"),
    "electric-fan": ("electric fan", "ventilateur", "Ventilator", "ventilador", "电风扇"),
    "hair-dryer": ("hair dryer", "sèche-cheveux", "Haartrockner", "secador de pelo", "吹风机"),
    "t-shirt": ("t-shirt", "t-shirt", "T-Shirt", "camiseta", "T恤"),
    "hoodie": ("hoodie", "sweat à capuche", "Kapuzenpullover", "sudadera con capucha", "连帽衫"),
    "polo": ("polo shirt", "polo", "Poloshirt", "polo", "polo衫"),
    "jeans": ("jeans", "jean", "Jeans", "vaqueros", "牛仔裤"),
    "dress": ("dress", "robe", "Kleid", "vestido", "连衣裙"),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Noun:
    key: str
    group: str
    category: int  # Google Product Taxonomy id
    materials: str  # a key of MATERIALS
    price: float  # USD, first tier
    unit: str
    words: tuple[str, str, str, str, str]  # en, fr, de, es, zh


NOUNS: Final = (
    Noun("jacket", "apparel", 5598, "textile", 14.0, "piece", ("jacket", "veste", "Jacke", "chaqueta", "夹克")),
    Noun("cap", "apparel", 173, "textile", 1.8, "piece", ("baseball cap", "casquette", "Baseballkappe", "gorra", "棒球帽")),
    Noun("sunglasses", "gifts", 178, "plastic", 2.2, "piece", ("sunglasses", "lunettes de soleil", "Sonnenbrille", "gafas de sol", "太阳镜")),
    Noun("handbag", "bags", 3032, "leather", 9.5, "piece", ("handbag", "sac à main", "Handtasche", "bolso", "手提包")),
    Noun("necklace", "gifts", 196, "metal", 1.4, "piece", ("necklace", "collier", "Halskette", "collar", "项链")),
    Noun("diapers", "baby", 551, "textile", 0.12, "pack", ("baby diapers", "couches bébé", "Babywindeln", "pañales", "纸尿裤")),
    Noun("pallet", "safety", 503011, "plastic", 28.0, "piece", ("plastic pallet", "palette plastique", "Kunststoffpalette", "palé de plástico", "塑料托盘")),
    Noun("helmet", "safety", 2723, "plastic", 3.1, "piece", ("safety helmet", "casque de chantier", "Schutzhelm", "casco de seguridad", "安全帽")),
    Noun("work-gloves", "safety", 5591, "textile", 0.45, "pair", ("work gloves", "gants de travail", "Arbeitshandschuhe", "guantes de trabajo", "劳保手套")),
    Noun("phone-case", "electronics", 2353, "plastic", 0.9, "piece", ("phone case", "coque de téléphone", "Handyhülle", "funda de móvil", "手机壳")),
    Noun("shelf", "home", 464, "metal", 22.0, "set", ("storage shelf", "étagère", "Regal", "estantería", "货架")),
    Noun("drill", "tools", 1217, "metal", 18.0, "piece", ("cordless drill", "perceuse sans fil", "Akkubohrer", "taladro inalámbrico", "电钻")),
    Noun("hammer", "tools", 1186, "metal", 2.4, "piece", ("claw hammer", "marteau", "Hammer", "martillo", "羊角锤")),
    Noun("saw", "tools", 1235, "metal", 3.3, "piece", ("hand saw", "scie", "Handsäge", "sierra", "手锯")),
    Noun("screwdriver", "tools", 1203, "metal", 4.6, "set", ("screwdriver set", "jeu de tournevis", "Schraubendreher", "destornilladores", "螺丝刀")),
    Noun("wrench", "tools", 1632, "metal", 2.9, "piece", ("wrench", "clé plate", "Schraubenschlüssel", "llave inglesa", "扳手")),
    Noun("bandage", "beauty", 509, "textile", 0.2, "roll", ("elastic bandage", "bande élastique", "Verband", "vendaje", "绷带")),
    Noun("lipstick", "beauty", 477, "plastic", 0.8, "piece", ("lipstick", "rouge à lèvres", "Lippenstift", "pintalabios", "口红")),
    Noun("toothbrush", "beauty", 527, "plastic", 0.25, "piece", ("toothbrush", "brosse à dents", "Zahnbürste", "cepillo de dientes", "牙刷")),
    Noun("wok", "kitchen", 664, "metal", 7.5, "piece", ("wok pan", "wok", "Wokpfanne", "wok", "炒锅")),
    Noun("water-bottle", "kitchen", 3809, "plastic", 1.6, "piece", ("water bottle", "gourde", "Trinkflasche", "botella de agua", "水瓶")),
    Noun("plate", "kitchen", 3553, "ceramic", 1.1, "piece", ("dinner plate", "assiette", "Teller", "plato", "餐盘")),
    Noun("mug", "kitchen", 2169, "ceramic", 0.95, "piece", ("coffee mug", "tasse à café", "Kaffeebecher", "taza de café", "马克杯")),
    Noun("backpack", "bags", 100, "textile", 6.2, "piece", ("backpack", "sac à dos", "Rucksack", "mochila", "背包")),
    Noun("duffel", "bags", 103, "textile", 5.4, "piece", ("duffel bag", "sac de voyage", "Reisetasche", "bolsa de viaje", "旅行包")),
    Noun("suitcase", "bags", 107, "plastic", 24.0, "piece", ("suitcase", "valise", "Koffer", "maleta", "行李箱")),
    Noun("stapler", "office", 947, "metal", 1.3, "piece", ("stapler", "agrafeuse", "Hefter", "grapadora", "订书机")),
    Noun("dumbbell", "sports", 3164, "metal", 6.0, "pair", ("dumbbell", "haltère", "Hantel", "mancuerna", "哑铃")),
    Noun("tent", "sports", 1022, "textile", 21.0, "piece", ("camping tent", "tente de camping", "Campingzelt", "tienda de campaña", "帐篷")),
    Noun("bicycle", "sports", 1026, "metal", 68.0, "piece", ("bicycle", "vélo", "Fahrrad", "bicicleta", "自行车")),
    Noun("blocks", "toys", 1254, "plastic", 3.8, "set", ("building blocks", "blocs de construction", "Bausteine", "bloques de construcción", "积木")),
    Noun("doll", "toys", 1257, "plastic", 2.7, "piece", ("fashion doll", "poupée", "Puppe", "muñeca", "娃娃")),
    Noun("headlight", "electronics", 3318, "metal", 9.0, "pair", ("LED headlight", "phare LED", "LED-Scheinwerfer", "faro LED", "LED大灯")),
)  # fmt: skip

Words = tuple[str, str, str, str, str]
MATERIALS: Final[dict[str, tuple[Words, ...]]] = {
    "metal": (
        ("stainless steel", "acier inoxydable", "Edelstahl", "acero inoxidable", "不锈钢"),
        ("aluminium", "aluminium", "Aluminium", "aluminio", "铝合金"),
        ("carbon steel", "acier au carbone", "Kohlenstoffstahl", "acero al carbono", "碳钢"),
        ("chrome vanadium", "chrome-vanadium", "Chrom-Vanadium", "cromo vanadio", "铬钒钢"),
        ("brass", "laiton", "Messing", "latón", "黄铜"),
    ),
    "plastic": (
        ("ABS", "ABS", "ABS", "ABS", "ABS"),
        ("polypropylene", "polypropylène", "Polypropylen", "polipropileno", "聚丙烯"),
        ("silicone", "silicone", "Silikon", "silicona", "硅胶"),
        ("TPU", "TPU", "TPU", "TPU", "TPU"),
        ("HDPE", "PEHD", "HDPE", "PEAD", "高密度聚乙烯"),
    ),
    "textile": (
        ("cotton", "coton", "Baumwolle", "algodón", "纯棉"),
        ("polyester", "polyester", "Polyester", "poliéster", "涤纶"),
        ("nylon", "nylon", "Nylon", "nailon", "尼龙"),
        ("oxford cloth", "tissu oxford", "Oxford-Gewebe", "tela oxford", "牛津布"),
        ("recycled PET", "PET recyclé", "recyceltes PET", "PET reciclado", "再生涤纶"),
    ),
    "ceramic": (
        ("ceramic", "céramique", "Keramik", "cerámica", "陶瓷"),
        ("porcelain", "porcelaine", "Porzellan", "porcelana", "瓷"),
        ("bamboo fibre", "fibre de bambou", "Bambusfaser", "fibra de bambú", "竹纤维"),
        ("tempered glass", "verre trempé", "gehärtetes Glas", "vidrio templado", "钢化玻璃"),
    ),
    "leather": (
        ("PU leather", "cuir PU", "PU-Leder", "cuero PU", "PU皮"),
        ("genuine leather", "cuir véritable", "Echtleder", "cuero genuino", "真皮"),
        ("canvas", "toile", "Canvas", "lona", "帆布"),
        ("vegan leather", "cuir végan", "veganes Leder", "cuero vegano", "纯素皮革"),
    ),
}
FEATURES: Final[tuple[Words, ...]] = (
    ("waterproof", "imperméable", "wasserdicht", "impermeable", "防水"),
    ("foldable", "pliable", "faltbar", "plegable", "可折叠"),
    ("portable", "portable", "tragbar", "portátil", "便携"),
    ("heavy duty", "robuste", "strapazierfähig", "resistente", "重型"),
    ("eco-friendly", "écologique", "umweltfreundlich", "ecológico", "环保"),
    ("lightweight", "léger", "leicht", "ligero", "轻便"),
    ("rechargeable", "rechargeable", "wiederaufladbar", "recargable", "充电式"),
    ("anti-slip", "antidérapant", "rutschfest", "antideslizante", "防滑"),
    ("custom logo", "logo personnalisé", "mit Logo", "logo personalizado", "定制标志"),
    ("professional", "professionnel", "professionell", "profesional", "专业"),
    ("kids", "enfant", "Kinder", "infantil", "儿童"),
    ("premium", "haut de gamme", "Premium", "premium", "高端"),
    ("vintage", "vintage", "Vintage", "vintage", "复古"),
    ("magnetic", "magnétique", "magnetisch", "magnético", "磁吸"),
)  # fmt: skip
SIZES: Final = (
    "small", "medium", "large", "XL", "mini", "pack of 6", "pack of 12", "set of 3",
    "20 cm", "30 cm", "45 cm", "500 ml", "750 ml", "1 L", "2 kg", "5 kg", "12 inch", "16 inch",
)  # fmt: skip
COLOURS: Final = ("black", "white", "red", "blue", "green", "grey", "pink", "navy", "beige")
CERTIFICATIONS: Final = ("CE", "RoHS", "FCC", "REACH", "ISO 9001", "BSCI", "FDA", "EN 71", "GS")
DESCRIBE: Final = (
    "Factory direct, OEM and ODM welcome.",
    "Export quality, strict QC before shipment.",
    "Wholesale price for bulk orders; samples ready in 7 days.",
    "Custom packaging and private label available.",
    "Suitable for retail chains, e-commerce sellers and promotions.",
)


@dataclass(frozen=True, slots=True)
class Kind:
    """What a product can be: a demo type (`demo`) or a noun of this module (`noun`)."""

    group: str
    category: str  # id or full path, as the catalog file takes it
    demo: ProductType | None = None
    noun: Noun | None = None

    @property
    def words(self) -> Words:
        if self.noun is not None:
            return self.noun.words
        assert self.demo is not None  # noqa: S101  # one of the two is set
        return DEMO_NOUNS[self.demo.key]


KINDS: Final = (
    *(Kind(_DEMO_GROUPS[t.supplier], t.category, demo=t) for t in PRODUCT_TYPES),
    *(Kind(n.group, str(n.category), noun=n) for n in NOUNS),
)


@dataclass(frozen=True, slots=True)
class Row:
    title: str
    translations: dict[str, str]
    description: str
    category: str
    price: float  # USD, first tier
    unit: str
    attributes: str


def _demo_row(kind: ProductType, rng: random.Random, model: str) -> Row:
    chosen = {slot.key: rng.choice(slot.options) for slot in kind.slots}
    title = kind.title.format(**{key: option.value for key, option in chosen.items()})
    translations: dict[str, str] = {}
    for language, template in kind.titles.items():
        values = {key: option.text(language) for key, option in chosen.items()}
        translations[language] = f"{template.format(**values)} {model}"
    factor = 1.0
    for option in chosen.values():
        factor *= float(option.factor)
    specs = "; ".join(f"{slot.name}: {chosen[slot.key].value}" for slot in kind.slots)
    attributes = ";".join(
        f"{slot.name}={chosen[slot.key].value}" for slot in kind.slots[:2]
    ) + "".join(f";{name}={value}" for name, value in kind.attributes[:1])
    return Row(
        title=f"{title} {model}",
        translations=translations,
        description=f"{specs}. {rng.choice(DESCRIBE)}",
        category=kind.category,
        price=float(kind.base_price) * factor,
        unit=kind.unit,
        attributes=attributes,
    )


def _noun_row(noun: Noun, rng: random.Random, model: str) -> Row:
    material = rng.choice(MATERIALS[noun.materials])
    feature = rng.choice(FEATURES)
    size = rng.choice(SIZES)
    colour = rng.choice(COLOURS)
    en = f"{feature[0].capitalize()} {material[0]} {noun.words[0]}, {size}, {colour} {model}"
    translations = {
        "fr": f"{noun.words[1].capitalize()} {feature[1]} en {material[1]}, {size} {model}",
        "de": f"{feature[2].capitalize()} {noun.words[2]} aus {material[2]}, {size} {model}",
        "es": f"{noun.words[3].capitalize()} {feature[3]} de {material[3]}, {size} {model}",
        "zh": f"{feature[4]}{material[4]}{noun.words[4]} {size} {model}",
    }
    description = (
        f"{feature[0].capitalize()} {noun.words[0]} made of {material[0]}, {colour}, {size}. "
        f"{rng.choice(DESCRIBE)} {rng.choice(DESCRIBE)}"
    )
    return Row(
        title=en,
        translations=translations,
        description=description,
        category=str(noun.category),
        price=noun.price * rng.uniform(0.7, 1.6),
        unit=noun.unit,
        attributes=f"Material={material[0]};Colour={colour};Size={size}",
    )


def _model(rng: random.Random) -> str:
    letters = "".join(rng.choice("ABCDEFGHJKLMNPRSTWXYZ") for _ in range(2))
    return f"{letters}-{rng.randint(100, 99999)}"


def _tiers(usd: float, currency: str, rng: random.Random) -> str:
    price = max(usd * TO_CURRENCY[currency] * rng.uniform(0.9, 1.1), 0.05)
    quantities = sorted(rng.sample([50, 100, 200, 300, 500, 1000, 2000, 5000], rng.randint(1, 3)))
    tiers = []
    for step, quantity in enumerate(quantities):
        tiers.append(f"{quantity}:{price * (1 - 0.06 * step):.2f}")
    return ";".join(tiers)


def supplier_kinds(supplier: Supplier) -> list[Kind]:
    return [kind for kind in KINDS if kind.group in supplier.groups]


def write_catalogs(directory: Path, products: int, seed: int) -> dict[str, Path]:
    """One catalog file per supplier under `directory`, `products` rows in all (streamed);
    returns the files by supplier slug."""
    rng = random.Random(seed)  # noqa: S311  # benchmark data, not secrets
    paths = {supplier.slug: directory / f"{supplier.slug}.csv" for supplier in SUPPLIERS}
    handles: dict[str, TextIO] = {}
    writers: dict[str, Any] = {}
    try:
        for slug, path in paths.items():
            handles[slug] = path.open("w", newline="", encoding="utf-8")
            writers[slug] = csv.writer(handles[slug])
            writers[slug].writerow(HEADER)
        kinds = {supplier.slug: supplier_kinds(supplier) for supplier in SUPPLIERS}
        weights = [supplier.share for supplier in SUPPLIERS]
        for number, supplier in enumerate(_suppliers(rng, products, weights)):
            writers[supplier.slug].writerow(_row(number, supplier, kinds[supplier.slug], rng))
    finally:
        for handle in handles.values():
            handle.close()
    return paths


def _suppliers(rng: random.Random, products: int, weights: list[int]) -> Iterator[Supplier]:
    for _ in range(products):
        yield rng.choices(SUPPLIERS, weights=weights)[0]


def _row(number: int, supplier: Supplier, kinds: list[Kind], rng: random.Random) -> list[str]:
    kind = rng.choice(kinds)
    model = _model(rng)
    if kind.demo is not None:
        row = _demo_row(kind.demo, rng, model)
    else:
        assert kind.noun is not None  # noqa: S101  # one of the two is set
        row = _noun_row(kind.noun, rng, model)
    title, translations = row.title, dict(row.translations)
    share = rng.random()
    if share < 0.025 and "zh" in translations:
        title = translations.pop("zh")  # a Chinese main title
    elif share > 0.25:
        translations = {}  # three products in four are in English only
    stock = rng.choice(["", "", "", "0", str(rng.randint(50, 50000))])
    certifications = ";".join(rng.sample(CERTIFICATIONS, rng.choice([0, 0, 1, 1, 2, 3])))
    sample = rng.choice(["", "", "0", f"{row.price * TO_CURRENCY[supplier.currency] * 2:.2f}"])
    lead = rng.choice(["7", "15", "20", "30", "45", "1:15;5000:30", "1:20;2000:35"])
    return [
        f"{supplier.slug[:4].upper()}-{number:08d}",
        title,
        row.description,
        translations.get("fr", ""),
        translations.get("de", ""),
        translations.get("es", ""),
        translations.get("zh", ""),
        row.category,
        supplier.currency,
        _tiers(row.price, supplier.currency, rng),
        row.unit,
        lead,
        stock,
        supplier.country,
        certifications,
        sample,
        row.attributes,
    ]


# --- queries ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BenchQuery:
    text: str
    language: str
    category: int | None = None  # a taxonomy id, resolved by the child for path categories
    category_path: str = ""
    currency: str = "EUR"
    min_price: str = ""
    max_price: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _typo(word: str, rng: random.Random) -> str:
    """One edit (swap, drop or replace a letter) inside a word of 5+ letters."""
    if len(word) < 5 or not word.isalpha():
        return word
    position = rng.randint(1, len(word) - 2)
    edit = rng.choice(("swap", "drop", "replace"))
    if edit == "swap":
        return word[:position] + word[position + 1] + word[position] + word[position + 2 :]
    if edit == "drop":
        return word[:position] + word[position + 1 :]
    return word[:position] + rng.choice("aeiou") + word[position + 1 :]


def make_queries(count: int, seed: int) -> list[BenchQuery]:
    """`count` seeded queries: 1-3 words (67% English, a fifth of them with a typo; 12%
    French, 10% German, 11% Chinese); 30% with a category filter (the product's category or
    its parent), 30% with a price range in EUR or USD."""
    rng = random.Random(f"{seed}:queries")  # noqa: S311  # benchmark data, not secrets
    found: list[BenchQuery] = []
    for _ in range(count):
        kind = rng.choice(KINDS)
        roll = rng.random()
        language = "en"
        if roll < 0.12:
            language = "fr"
        elif roll < 0.22:
            language = "de"
        elif roll < 0.33:
            language = "zh"
        words = kind.words
        noun = words[LANGS.index(language)]
        text = _with_extra(noun, kind, language, rng)
        if language == "en" and rng.random() < 0.2:
            parts = text.split()
            longest = max(range(len(parts)), key=lambda i: len(parts[i]))
            parts[longest] = _typo(parts[longest], rng)
            text = " ".join(parts)
        category, path = None, ""
        if rng.random() < 0.3:
            if kind.category.isdigit():
                category = int(kind.category)
            else:
                path = kind.category.rsplit(" > ", rng.choice([0, 1]))[0]
        low = high = ""
        currency = rng.choice(["EUR", "USD"])
        if rng.random() < 0.3:
            low = str(rng.choice([0, 1, 2, 5]))
            high = str(rng.choice([5, 10, 20, 50, 100]) + int(low))
        found.append(BenchQuery(text, language, category, path, currency, low, high))
    return found


def _with_extra(noun: str, kind: Kind, language: str, rng: random.Random) -> str:
    """The noun, alone or with a material or feature word in front, in 1-3 words."""
    if rng.random() < 0.5 or len(noun.split()) >= 3:
        return noun
    index = LANGS.index(language)
    if kind.noun is not None:
        extra = rng.choice([*MATERIALS[kind.noun.materials], *FEATURES])[index]
    elif kind.demo is not None and kind.demo.slots:
        option = rng.choice(rng.choice(kind.demo.slots).options)
        extra = option.text(language)
    else:
        return noun
    first = extra.split()[0]
    joined = f"{first}{noun}" if language == "zh" else f"{first} {noun}"
    return " ".join(joined.split()[:3]) if language != "zh" else joined


def price(value: str) -> Decimal | None:
    return Decimal(value) if value else None
