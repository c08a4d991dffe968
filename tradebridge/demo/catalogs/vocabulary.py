# ruff: noqa: E501, RUF001  # long vocabulary lines; full-width punctuation in Chinese titles
"""The vocabulary of the generated Chinese suppliers' catalogs: product types with their title
templates (English, and French, German, Spanish and Chinese for some), options that vary a
title and its price, categories (Google Product Taxonomy paths), HS 2022 subheadings, tier
quantities, lead times, certifications and packing data, as such factories list them.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final

LANGUAGES: Final = ("fr", "de", "es", "zh")


@dataclass(frozen=True, slots=True)
class Option:
    """One value of a slot: its English text, its price factor and its translations."""

    value: str
    factor: Decimal
    translations: Mapping[str, str] = field(default_factory=dict)

    def text(self, language: str) -> str:
        return self.translations.get(language, self.value)


def opt(value: str, factor: str = "1", **translations: str) -> Option:
    return Option(value=value, factor=Decimal(factor), translations=translations)


@dataclass(frozen=True, slots=True)
class Slot:
    """A varying part of a title, also listed as the attribute `name`."""

    key: str
    name: str
    options: tuple[Option, ...]


@dataclass(frozen=True, slots=True)
class ProductType:
    key: str
    supplier: str  # the demo supplier's e-mail domain
    category: str
    hs_code: str
    unit: str
    base_price: Decimal  # in the supplier's currency, first tier, neutral options
    breaks: tuple[int, ...]  # tier quantities; the first is the MOQ
    lead_time_days: int
    title: str
    slots: tuple[Slot, ...]
    titles: Mapping[str, str] = field(default_factory=dict)  # language -> template
    attributes: tuple[tuple[str, str], ...] = ()
    certifications: tuple[str, ...] = ()
    customization: tuple[str, ...] = ("Logo printing", "Custom packaging")
    weight_kg: Decimal = Decimal("0.5")
    dimensions_cm: tuple[Decimal, Decimal, Decimal] = (Decimal(20), Decimal(15), Decimal(10))
    units_per_carton: int = 50
    variants: tuple[tuple[str, tuple[str, ...]], ...] = ()
    order_multiple: int = 1


def _d(value: str) -> Decimal:
    return Decimal(value)


def _dims(length: str, width: str, height: str) -> tuple[Decimal, Decimal, Decimal]:
    return (Decimal(length), Decimal(width), Decimal(height))


HAICANG = "haicang-sports.example"
STRIDE = "stride-sportswear.example"
BRIGHTWAY = "brightway-yiwu.example"
LUMEN = "lumen-electronics.example"
HOMEWELL = "homewell-appliance.example"
SILKROAD = "silkroad-garment.example"

_COLOURS: Final = (
    opt("Black", fr="noir", de="Schwarz", es="negro", zh="黑色"),
    opt("White", fr="blanc", de="Weiß", es="blanco", zh="白色"),
    opt("Navy", fr="bleu marine", de="Marineblau", es="azul marino", zh="藏青色"),
    opt("Red", fr="rouge", de="Rot", es="rojo", zh="红色"),
    opt("Grey", fr="gris", de="Grau", es="gris", zh="灰色"),
    opt("Royal Blue", fr="bleu roi", de="Königsblau", es="azul real", zh="宝蓝色"),
)
_APPAREL_SIZES: Final = (("Size", ("S", "M", "L", "XL", "XXL")),)
_SHOE_SIZES: Final = (("EU size", ("39", "40", "41", "42", "43", "44", "45")),)

PRODUCT_TYPES: Final[tuple[ProductType, ...]] = (
    # --- Xiamen: sports goods (Haicang Sports, USD) -----------------------------------------
    ProductType(
        key="soccer-ball",
        supplier=HAICANG,
        category="Sporting Goods > Athletics > Soccer > Soccer Balls",
        hs_code="950662",
        unit="piece",
        base_price=_d("4.20"),
        breaks=(500, 1000, 3000, 10000),
        lead_time_days=20,
        title="{material} Size {size} {grade} Soccer Ball, {build}",
        titles={
            "fr": "Ballon de football {grade} taille {size} en {material}, {build}",
            "de": "Fußball Größe {size} aus {material}, {grade}, {build}",
            "es": "Balón de fútbol {grade} talla {size} de {material}, {build}",
            "zh": "{size}号{material}{grade}足球（{build}）",
        },
        slots=(
            Slot(
                "material",
                "Cover material",
                (
                    opt("PU Leather", "1.2", fr="cuir PU", de="PU-Leder", es="cuero PU", zh="PU皮"),
                    opt("PVC", "0.7", fr="PVC", de="PVC", es="PVC", zh="PVC"),
                    opt("TPU", "1", fr="TPU", de="TPU", es="TPU", zh="TPU"),
                    opt(
                        "Microfiber PU",
                        "1.45",
                        fr="microfibre PU",
                        de="Mikrofaser-PU",
                        es="microfibra PU",
                        zh="超纤PU",
                    ),
                ),
            ),
            Slot("size", "Size", (opt("3", "0.8"), opt("4", "0.9"), opt("5", "1"))),
            Slot(
                "grade",
                "Grade",
                (
                    opt(
                        "Match", "1.3", fr="de match", de="Spielball", es="de partido", zh="比赛用"
                    ),
                    opt(
                        "Training",
                        "1",
                        fr="d'entraînement",
                        de="Trainingsball",
                        es="de entrenamiento",
                        zh="训练用",
                    ),
                    opt(
                        "Futsal",
                        "1.1",
                        fr="de futsal",
                        de="Futsalball",
                        es="de fútbol sala",
                        zh="五人制",
                    ),
                    opt(
                        "Promotional",
                        "0.75",
                        fr="promotionnel",
                        de="Werbeball",
                        es="promocional",
                        zh="促销",
                    ),
                ),
            ),
            Slot(
                "build",
                "Construction",
                (
                    opt(
                        "Thermo-bonded",
                        "1.35",
                        fr="thermocollé",
                        de="thermisch verklebt",
                        es="termosellado",
                        zh="热粘合",
                    ),
                    opt(
                        "Machine-stitched",
                        "1",
                        fr="cousu machine",
                        de="maschinengenäht",
                        es="cosido a máquina",
                        zh="机缝",
                    ),
                    opt(
                        "Hand-stitched",
                        "1.2",
                        fr="cousu main",
                        de="handgenäht",
                        es="cosido a mano",
                        zh="手缝",
                    ),
                ),
            ),
        ),
        attributes=(("Bladder", "Butyl"), ("Panels", "32")),
        certifications=("EN 71", "REACH"),
        weight_kg=_d("0.43"),
        dimensions_cm=_dims("22", "22", "22"),
        units_per_carton=50,
        customization=("Logo printing", "Custom panel design", "Custom packaging"),
    ),
    ProductType(
        key="basketball",
        supplier=HAICANG,
        category="Sporting Goods > Athletics > Basketball > Basketballs",
        hs_code="950662",
        unit="piece",
        base_price=_d("5.10"),
        breaks=(300, 1000, 3000, 8000),
        lead_time_days=25,
        title="{material} Size {size} {court} Basketball, {finish}",
        titles={
            "fr": "Ballon de basket taille {size} en {material}, {court}",
            "de": "Basketball Größe {size} aus {material}, {court}",
            "es": "Balón de baloncesto talla {size} de {material}, {court}",
            "zh": "{size}号{material}篮球（{court}）",
        },
        slots=(
            Slot(
                "material",
                "Cover material",
                (
                    opt(
                        "Composite Leather",
                        "1.4",
                        fr="cuir composite",
                        de="Kompositleder",
                        es="cuero compuesto",
                        zh="复合皮",
                    ),
                    opt("Rubber", "0.7", fr="caoutchouc", de="Gummi", es="caucho", zh="橡胶"),
                    opt("PU", "1", fr="PU", de="PU", es="PU", zh="PU"),
                ),
            ),
            Slot("size", "Size", (opt("5", "0.8"), opt("6", "0.9"), opt("7", "1"))),
            Slot(
                "court",
                "Use",
                (
                    opt("Indoor", "1.1", fr="intérieur", de="Halle", es="interior", zh="室内"),
                    opt("Outdoor", "0.95", fr="extérieur", de="Outdoor", es="exterior", zh="室外"),
                    opt(
                        "Indoor/Outdoor",
                        "1",
                        fr="intérieur et extérieur",
                        de="Halle und Outdoor",
                        es="interior y exterior",
                        zh="室内外",
                    ),
                ),
            ),
            Slot(
                "finish",
                "Surface",
                (
                    opt("Deep Channel", "1.05"),
                    opt("Pebbled Grip", "1"),
                    opt("Moisture-wicking", "1.15"),
                ),
            ),
        ),
        attributes=(("Bladder", "Butyl"),),
        certifications=("REACH",),
        weight_kg=_d("0.6"),
        dimensions_cm=_dims("25", "25", "25"),
        units_per_carton=30,
    ),
    ProductType(
        key="yoga-mat",
        supplier=HAICANG,
        category="Sporting Goods > Exercise & Fitness > Yoga & Pilates > Yoga & Pilates Mats",
        hs_code="392690",
        unit="piece",
        base_price=_d("3.80"),
        breaks=(200, 500, 2000, 5000),
        lead_time_days=15,
        title="{thickness} {material} Yoga Mat, {pattern}, 183 x 61 cm",
        titles={
            "fr": "Tapis de yoga {material} {thickness}, {pattern}, 183 x 61 cm",
            "de": "Yogamatte aus {material}, {thickness}, {pattern}, 183 x 61 cm",
            "es": "Esterilla de yoga de {material} {thickness}, {pattern}, 183 x 61 cm",
            "zh": "{thickness}{material}瑜伽垫（{pattern}），183 x 61 厘米",
        },
        slots=(
            Slot(
                "thickness",
                "Thickness",
                (opt("4 mm", "0.85"), opt("6 mm", "1"), opt("8 mm", "1.2"), opt("10 mm", "1.35")),
            ),
            Slot(
                "material",
                "Material",
                (
                    opt("TPE", "1.1", zh="TPE"),
                    opt("NBR", "0.8", zh="NBR"),
                    opt(
                        "Natural Rubber",
                        "1.8",
                        fr="caoutchouc naturel",
                        de="Naturkautschuk",
                        es="caucho natural",
                        zh="天然橡胶",
                    ),
                    opt("PVC", "0.7", zh="PVC"),
                ),
            ),
            Slot(
                "pattern",
                "Design",
                (
                    opt(
                        "Dual-colour",
                        "1.05",
                        fr="bicolore",
                        de="zweifarbig",
                        es="bicolor",
                        zh="双色",
                    ),
                    opt(
                        "Alignment Lines",
                        "1.1",
                        fr="lignes d'alignement",
                        de="mit Ausrichtungslinien",
                        es="con líneas de alineación",
                        zh="体位线",
                    ),
                    opt("Plain", "1", fr="uni", de="einfarbig", es="liso", zh="纯色"),
                ),
            ),
        ),
        certifications=("SGS", "REACH"),
        weight_kg=_d("0.9"),
        dimensions_cm=_dims("61", "13", "13"),
        units_per_carton=20,
        customization=("Logo printing", "Custom colour", "Carry strap"),
    ),
    ProductType(
        key="resistance-band",
        supplier=HAICANG,
        category="Sporting Goods > Exercise & Fitness > Exercise Bands",
        hs_code="950691",
        unit="set",
        base_price=_d("2.60"),
        breaks=(500, 2000, 5000),
        lead_time_days=12,
        title="{count}-Piece {material} Resistance Band Set, {level}",
        slots=(
            Slot("count", "Pieces", (opt("3", "0.8"), opt("5", "1"), opt("11", "1.9"))),
            Slot(
                "material", "Material", (opt("Latex", "1"), opt("TPE", "0.9"), opt("Fabric", "1.3"))
            ),
            Slot(
                "level",
                "Resistance",
                (
                    opt("Light to Heavy", "1"),
                    opt("Extra Heavy", "1.15"),
                    opt("Physiotherapy Grade", "1.1"),
                ),
            ),
        ),
        certifications=("REACH",),
        weight_kg=_d("0.35"),
        dimensions_cm=_dims("20", "15", "5"),
        units_per_carton=100,
    ),
    ProductType(
        key="goalkeeper-gloves",
        supplier=HAICANG,
        category="Sporting Goods > Athletics > Soccer > Soccer Gloves",
        hs_code="420321",
        unit="pair",
        base_price=_d("3.90"),
        breaks=(200, 500, 2000, 5000),
        lead_time_days=25,
        title="{palm} Goalkeeper Gloves, {cut} Cut, {closure}",
        slots=(
            Slot(
                "palm",
                "Palm",
                (
                    opt("4 mm German Latex", "1.6"),
                    opt("3 mm Latex", "1"),
                    opt("Contact Latex", "1.3"),
                ),
            ),
            Slot(
                "cut",
                "Cut",
                (
                    opt("Negative", "1.1"),
                    opt("Flat", "1"),
                    opt("Roll Finger", "1.05"),
                    opt("Hybrid", "1.15"),
                ),
            ),
            Slot("closure", "Closure", (opt("Wrap Strap", "1"), opt("Elastic Cuff", "0.95"))),
        ),
        variants=(("Size", ("7", "8", "9", "10")),),
        weight_kg=_d("0.2"),
        units_per_carton=100,
        dimensions_cm=_dims("28", "14", "4"),
    ),
    # --- Quanzhou: sportswear and sports shoes (Stride Sportswear, USD) ------------------------
    ProductType(
        key="running-shoe",
        supplier=STRIDE,
        category="Apparel & Accessories > Shoes",
        hs_code="640411",
        unit="pair",
        base_price=_d("11.50"),
        breaks=(300, 1000, 3000, 10000),
        lead_time_days=35,
        title="{gender} {upper} Running Shoes, {sole} Sole",
        titles={
            "fr": "Chaussures de running {gender}, tige {upper}, semelle {sole}",
            "de": "{gender} Laufschuhe, Obermaterial {upper}, Sohle aus {sole}",
            "es": "Zapatillas de running {gender}, empeine de {upper}, suela de {sole}",
            "zh": "{gender}{upper}跑鞋（{sole}大底）",
        },
        slots=(
            Slot(
                "gender",
                "Gender",
                (
                    opt("Men's", "1", fr="homme", de="Herren", es="de hombre", zh="男士"),
                    opt("Women's", "1", fr="femme", de="Damen", es="de mujer", zh="女士"),
                    opt("Unisex", "1", fr="unisexe", de="Unisex", es="unisex", zh="中性"),
                ),
            ),
            Slot(
                "upper",
                "Upper",
                (
                    opt("Flyknit", "1.3", fr="tricot", de="Strick", es="punto", zh="飞织"),
                    opt(
                        "Breathable Mesh",
                        "1",
                        fr="mesh respirant",
                        de="atmungsaktivem Mesh",
                        es="malla transpirable",
                        zh="透气网面",
                    ),
                    opt(
                        "Synthetic Leather",
                        "1.1",
                        fr="cuir synthétique",
                        de="Kunstleder",
                        es="cuero sintético",
                        zh="超纤皮",
                    ),
                ),
            ),
            Slot(
                "sole",
                "Sole",
                (
                    opt("EVA", "1", zh="EVA"),
                    opt("MD", "1.1", zh="MD"),
                    opt("Rubber", "1.15", fr="caoutchouc", de="Gummi", es="caucho", zh="橡胶"),
                    opt(
                        "Carbon-plated",
                        "2.4",
                        fr="à plaque carbone",
                        de="Carbonplatte",
                        es="con placa de carbono",
                        zh="碳板",
                    ),
                ),
            ),
        ),
        variants=_SHOE_SIZES,
        certifications=("BSCI", "REACH"),
        weight_kg=_d("0.72"),
        dimensions_cm=_dims("33", "21", "12"),
        units_per_carton=12,
        customization=("Logo embossing", "Custom colourway", "Custom shoebox"),
    ),
    ProductType(
        key="football-jersey",
        supplier=STRIDE,
        category="Apparel & Accessories > Clothing > Activewear",
        hs_code="610463",
        unit="piece",
        base_price=_d("4.20"),
        breaks=(100, 500, 2000, 5000),
        lead_time_days=18,
        title="{print} Football Jersey, {fabric}, {colour}",
        titles={
            "fr": "Maillot de football {print}, {fabric}, {colour}",
            "de": "Fußballtrikot, {print}, {fabric}, {colour}",
            "es": "Camiseta de fútbol {print}, {fabric}, {colour}",
            "zh": "{colour}{print}足球服（{fabric}）",
        },
        slots=(
            Slot(
                "print",
                "Printing",
                (
                    opt(
                        "Sublimated",
                        "1.2",
                        fr="sublimé",
                        de="sublimiert",
                        es="sublimada",
                        zh="热升华",
                    ),
                    opt(
                        "Plain Team",
                        "1",
                        fr="uni d'équipe",
                        de="einfarbig",
                        es="lisa de equipo",
                        zh="纯色队服",
                    ),
                ),
            ),
            Slot(
                "fabric",
                "Fabric",
                (
                    opt(
                        "100% Recycled Polyester",
                        "1.15",
                        fr="100 % polyester recyclé",
                        de="100 % recyceltes Polyester",
                        es="100 % poliéster reciclado",
                        zh="100%再生涤纶",
                    ),
                    opt(
                        "Quick-dry Polyester Mesh",
                        "1",
                        fr="maille polyester séchage rapide",
                        de="schnelltrocknendes Polyester-Mesh",
                        es="malla de poliéster de secado rápido",
                        zh="速干涤纶网眼",
                    ),
                ),
            ),
            Slot("colour", "Colour", _COLOURS),
        ),
        variants=_APPAREL_SIZES,
        certifications=("OEKO-TEX Standard 100", "GRS"),
        weight_kg=_d("0.18"),
        dimensions_cm=_dims("30", "25", "2"),
        units_per_carton=100,
        customization=("Names and numbers", "Team crest", "Sponsor logos"),
    ),
    ProductType(
        key="track-suit",
        supplier=STRIDE,
        category="Apparel & Accessories > Clothing > Activewear",
        hs_code="611212",
        unit="set",
        base_price=_d("9.80"),
        breaks=(100, 300, 1000, 3000),
        lead_time_days=25,
        title="{gender} {fabric} Track Suit, {fit} Fit, {colour}",
        slots=(
            Slot(
                "gender", "Gender", (opt("Men's", "1"), opt("Women's", "1"), opt("Kids'", "0.75"))
            ),
            Slot(
                "fabric",
                "Fabric",
                (
                    opt("Polyester Tricot", "1"),
                    opt("Cotton Fleece", "1.25"),
                    opt("Woven Nylon", "1.1"),
                ),
            ),
            Slot("fit", "Fit", (opt("Slim", "1"), opt("Regular", "1"))),
            Slot("colour", "Colour", _COLOURS[:4]),
        ),
        variants=_APPAREL_SIZES,
        certifications=("BSCI",),
        weight_kg=_d("0.65"),
        dimensions_cm=_dims("35", "28", "6"),
        units_per_carton=30,
    ),
    ProductType(
        key="compression-leggings",
        supplier=STRIDE,
        category="Apparel & Accessories > Clothing > Activewear",
        hs_code="610463",
        unit="piece",
        base_price=_d("5.30"),
        breaks=(200, 600, 2000, 6000),
        lead_time_days=20,
        title="Women's {length} Compression Leggings, {fabric}, {feature}",
        slots=(
            Slot(
                "length",
                "Length",
                (opt("Full-length", "1"), opt("7/8", "0.95"), opt("Capri", "0.9")),
            ),
            Slot(
                "fabric",
                "Fabric",
                (opt("Nylon-Spandex 75/25", "1.15"), opt("Polyester-Spandex 80/20", "1")),
            ),
            Slot(
                "feature",
                "Feature",
                (
                    opt("High Waist", "1"),
                    opt("Side Pocket", "1.05"),
                    opt("Squat-proof", "1.1"),
                    opt("Seamless", "1.2"),
                ),
            ),
        ),
        variants=(("Size", ("XS", "S", "M", "L", "XL")),),
        certifications=("OEKO-TEX Standard 100",),
        weight_kg=_d("0.22"),
        dimensions_cm=_dims("28", "22", "3"),
        units_per_carton=120,
    ),
    ProductType(
        key="sports-socks",
        supplier=STRIDE,
        category="Apparel & Accessories > Clothing > Underwear & Socks > Socks",
        hs_code="611595",
        unit="pair",
        base_price=_d("0.62"),
        breaks=(1000, 5000, 20000),
        lead_time_days=15,
        title="{height} {fabric} Sports Socks, {feature}",
        slots=(
            Slot(
                "height",
                "Height",
                (opt("Crew", "1"), opt("Ankle", "0.85"), opt("Knee-high Football", "1.4")),
            ),
            Slot(
                "fabric",
                "Fabric",
                (opt("Combed Cotton", "1"), opt("Coolmax", "1.2"), opt("Merino Blend", "1.8")),
            ),
            Slot(
                "feature",
                "Feature",
                (
                    opt("Cushioned Sole", "1.05"),
                    opt("Anti-slip Grip", "1.25"),
                    opt("Arch Support", "1.1"),
                ),
            ),
        ),
        certifications=("OEKO-TEX Standard 100",),
        weight_kg=_d("0.05"),
        dimensions_cm=_dims("25", "10", "2"),
        units_per_carton=500,
        order_multiple=10,
    ),
    # --- Yiwu: small commodities (Brightway, CNY) ---------------------------------------------
    ProductType(
        key="latex-balloons",
        supplier=BRIGHTWAY,
        category="Arts & Entertainment > Party & Celebration > Party Supplies > Balloons",
        hs_code="950590",
        unit="bag",
        base_price=_d("6.50"),
        breaks=(100, 500, 2000, 5000),
        lead_time_days=10,
        title="{size} {finish} Latex Balloons, {count} per Bag, {colour}",
        titles={
            "fr": "Ballons en latex {finish} {size}, {count} par sachet, {colour}",
            "de": "Latexballons {size}, {finish}, {count} Stück pro Beutel, {colour}",
            "es": "Globos de látex {finish} de {size}, {count} por bolsa, {colour}",
            "zh": "{size}{finish}乳胶气球，每袋{count}个，{colour}",
        },
        slots=(
            Slot(
                "size",
                "Size",
                (
                    opt('10"', "0.8", fr="10 po", de="10 Zoll", es="10 pulgadas", zh="10寸"),
                    opt('12"', "1", fr="12 po", de="12 Zoll", es="12 pulgadas", zh="12寸"),
                    opt('18"', "1.9", fr="18 po", de="18 Zoll", es="18 pulgadas", zh="18寸"),
                ),
            ),
            Slot(
                "finish",
                "Finish",
                (
                    opt("Pastel", "1", fr="pastel", de="Pastell", es="pastel", zh="马卡龙"),
                    opt(
                        "Metallic",
                        "1.3",
                        fr="métallisés",
                        de="metallic",
                        es="metalizados",
                        zh="金属色",
                    ),
                    opt("Chrome", "1.8", fr="chromés", de="Chrom", es="cromados", zh="铬色"),
                ),
            ),
            Slot("count", "Pieces per bag", (opt("50", "0.55"), opt("100", "1"))),
            Slot(
                "colour",
                "Colour",
                (
                    opt("Assorted", "1", fr="assortis", de="gemischt", es="surtidos", zh="混色"),
                    opt(
                        "Rose Gold", "1.1", fr="or rose", de="Roségold", es="oro rosa", zh="玫瑰金"
                    ),
                    opt("Blue", "1", fr="bleu", de="Blau", es="azul", zh="蓝色"),
                ),
            ),
        ),
        certifications=("EN 71",),
        weight_kg=_d("0.3"),
        dimensions_cm=_dims("25", "18", "3"),
        units_per_carton=100,
        customization=("Logo printing", "Custom colour mix"),
    ),
    ProductType(
        key="gel-pen",
        supplier=BRIGHTWAY,
        category="Office Supplies > Office Instruments > Writing & Drawing Instruments > Pens & Pencils > Pens",
        hs_code="960810",
        unit="box",
        base_price=_d("8.00"),
        breaks=(200, 1000, 5000),
        lead_time_days=12,
        title="{tip} {ink} Gel Pens, Box of {count}, {barrel} Barrel",
        slots=(
            Slot("tip", "Tip", (opt("0.38 mm", "1"), opt("0.5 mm", "1"), opt("0.7 mm", "1"))),
            Slot(
                "ink",
                "Ink",
                (opt("Black", "1"), opt("Blue", "1"), opt("Red", "1"), opt("Erasable Blue", "1.4")),
            ),
            Slot("count", "Pens per box", (opt("12", "1"), opt("24", "1.9"))),
            Slot(
                "barrel",
                "Barrel",
                (opt("Transparent", "1"), opt("Rubber Grip", "1.2"), opt("Metal Clip", "1.35")),
            ),
        ),
        certifications=("EN 71", "ASTM D-4236"),
        weight_kg=_d("0.15"),
        dimensions_cm=_dims("16", "8", "2"),
        units_per_carton=240,
    ),
    ProductType(
        key="keychain",
        supplier=BRIGHTWAY,
        category="Apparel & Accessories > Handbag & Wallet Accessories > Keychains",
        hs_code="732690",
        unit="piece",
        base_price=_d("1.20"),
        breaks=(500, 2000, 10000),
        lead_time_days=15,
        title="{material} {shape} Keychain, {finish}",
        slots=(
            Slot(
                "material",
                "Material",
                (
                    opt("Zinc Alloy", "1.5"),
                    opt("Soft PVC", "0.8"),
                    opt("Acrylic", "0.7"),
                    opt("Genuine Leather", "1.8"),
                ),
            ),
            Slot(
                "shape",
                "Shape",
                (
                    opt("Round", "1"),
                    opt("Heart", "1"),
                    opt("Star", "1"),
                    opt("Bottle Opener", "1.3"),
                    opt("Custom Shape", "1.2"),
                ),
            ),
            Slot(
                "finish",
                "Finish",
                (opt("Printed Logo", "1"), opt("Engraved Logo", "1.2"), opt("Enamel Fill", "1.3")),
            ),
        ),
        weight_kg=_d("0.02"),
        dimensions_cm=_dims("6", "4", "1"),
        units_per_carton=1000,
        customization=("Logo printing", "Custom shape", "Individual OPP bag"),
    ),
    ProductType(
        key="hair-claw",
        supplier=BRIGHTWAY,
        category="Apparel & Accessories > Clothing Accessories > Hair Accessories > Hair Pins, Claws & Clips > Hair Claws & Clips",
        hs_code="961590",
        unit="dozen",
        base_price=_d("9.60"),
        breaks=(50, 200, 1000),
        lead_time_days=10,
        title="{size} {material} Hair Claw Clips, {style}, 12 per Card",
        slots=(
            Slot("size", "Size", (opt("4 cm", "0.7"), opt("8 cm", "1"), opt("11 cm", "1.3"))),
            Slot(
                "material",
                "Material",
                (opt("Acetate", "2.2"), opt("Matte ABS", "1"), opt("Metal", "1.5")),
            ),
            Slot(
                "style",
                "Style",
                (opt("Tortoiseshell", "1.1"), opt("Solid Colours", "1"), opt("Pearl", "1.25")),
            ),
        ),
        weight_kg=_d("0.12"),
        dimensions_cm=_dims("20", "12", "4"),
        units_per_carton=100,
    ),
    ProductType(
        key="hand-flag",
        supplier=BRIGHTWAY,
        category="Home & Garden > Decor > Flags & Windsocks",
        hs_code="630790",
        unit="piece",
        base_price=_d("0.85"),
        breaks=(1000, 5000, 20000),
        lead_time_days=8,
        title="{size} Polyester Hand Flag, {print}, {pole} Pole",
        slots=(
            Slot(
                "size",
                "Size",
                (opt("14 x 21 cm", "0.8"), opt("20 x 30 cm", "1"), opt("30 x 45 cm", "1.4")),
            ),
            Slot(
                "print",
                "Printing",
                (
                    opt("Country Flag", "1"),
                    opt("Custom Print", "1.15"),
                    opt("Fan Club Design", "1.05"),
                ),
            ),
            Slot("pole", "Pole", (opt("Plastic", "1"), opt("Wooden", "1.1"))),
        ),
        weight_kg=_d("0.02"),
        dimensions_cm=_dims("30", "2", "1"),
        units_per_carton=1000,
    ),
    # --- Shenzhen: consumer electronics (Lumen, USD) ------------------------------------------
    ProductType(
        key="power-bank",
        supplier=LUMEN,
        category="Electronics > Electronics Accessories > Power > Batteries > Mobile Phone Batteries",
        hs_code="850760",
        unit="piece",
        base_price=_d("7.80"),
        breaks=(100, 500, 2000, 5000),
        lead_time_days=20,
        title="{capacity} Power Bank, {output}, {feature}",
        titles={
            "fr": "Batterie externe {capacity}, {output}, {feature}",
            "de": "Powerbank {capacity}, {output}, {feature}",
            "es": "Batería externa {capacity}, {output}, {feature}",
            "zh": "{capacity}移动电源，{output}，{feature}",
        },
        slots=(
            Slot(
                "capacity",
                "Capacity",
                (opt("5000 mAh", "0.6"), opt("10000 mAh", "1"), opt("20000 mAh", "1.6")),
            ),
            Slot(
                "output",
                "Output",
                (
                    opt("USB-C PD 20W", "1", zh="USB-C PD 20W"),
                    opt("USB-C PD 65W", "1.9"),
                    opt("Dual USB-A 12W", "0.8"),
                ),
            ),
            Slot(
                "feature",
                "Feature",
                (
                    opt(
                        "Magnetic Wireless",
                        "1.3",
                        fr="sans fil magnétique",
                        de="magnetisch kabellos",
                        es="inalámbrica magnética",
                        zh="磁吸无线",
                    ),
                    opt(
                        "LED Display",
                        "1.05",
                        fr="écran LED",
                        de="LED-Anzeige",
                        es="pantalla LED",
                        zh="LED显示",
                    ),
                    opt(
                        "Slim Aluminium",
                        "1.15",
                        fr="aluminium fin",
                        de="flaches Aluminium",
                        es="aluminio fino",
                        zh="超薄铝合金",
                    ),
                ),
            ),
        ),
        certifications=("CE", "FCC", "RoHS", "UN38.3", "MSDS"),
        weight_kg=_d("0.25"),
        dimensions_cm=_dims("15", "7", "2"),
        units_per_carton=50,
        customization=("Logo printing", "Custom packaging", "Custom colour"),
    ),
    ProductType(
        key="usb-c-charger",
        supplier=LUMEN,
        category="Electronics > Electronics Accessories > Power > Power Adapters & Chargers",
        hs_code="850440",
        unit="piece",
        base_price=_d("3.40"),
        breaks=(200, 1000, 5000, 10000),
        lead_time_days=18,
        title="{power} GaN USB-C Charger, {plug} Plug, {ports}",
        slots=(
            Slot(
                "power",
                "Power",
                (opt("20W", "0.6"), opt("35W", "0.9"), opt("65W", "1.5"), opt("100W", "2.3")),
            ),
            Slot(
                "plug",
                "Plug",
                (opt("EU", "1"), opt("UK", "1.05"), opt("US", "1"), opt("AU", "1.05")),
            ),
            Slot("ports", "Ports", (opt("1 x USB-C", "1"), opt("2 x USB-C + 1 x USB-A", "1.3"))),
        ),
        certifications=("CE", "UKCA", "FCC", "RoHS", "ETL"),
        weight_kg=_d("0.09"),
        dimensions_cm=_dims("6", "4", "3"),
        units_per_carton=200,
    ),
    ProductType(
        key="led-bulb",
        supplier=LUMEN,
        category="Home & Garden > Lighting > Light Bulbs > LED Light Bulbs",
        hs_code="853952",
        unit="piece",
        base_price=_d("0.78"),
        breaks=(1000, 5000, 20000, 50000),
        lead_time_days=20,
        title="{watt} {base} LED Bulb, {shape}, {cct}, {feature}",
        titles={
            "fr": "Ampoule LED {watt} {base}, {shape}, {cct}",
            "de": "LED-Lampe {watt} {base}, {shape}, {cct}",
            "es": "Bombilla LED {watt} {base}, {shape}, {cct}",
            "zh": "{watt} {base} LED灯泡，{shape}，{cct}",
        },
        slots=(
            Slot(
                "watt",
                "Power",
                (opt("5W", "0.8"), opt("9W", "1"), opt("12W", "1.2"), opt("15W", "1.4")),
            ),
            Slot(
                "base",
                "Base",
                (opt("E27", "1"), opt("E14", "1"), opt("B22", "1"), opt("GU10", "1.1")),
            ),
            Slot(
                "shape",
                "Shape",
                (
                    opt("A60", "1", zh="A60球泡"),
                    opt(
                        "Candle C37",
                        "1.05",
                        fr="flamme C37",
                        de="Kerze C37",
                        es="vela C37",
                        zh="C37蜡烛",
                    ),
                    opt(
                        "Filament G45",
                        "1.5",
                        fr="filament G45",
                        de="Filament G45",
                        es="filamento G45",
                        zh="G45灯丝",
                    ),
                ),
            ),
            Slot(
                "cct",
                "Colour temperature",
                (
                    opt(
                        "2700K Warm White",
                        "1",
                        fr="2700K blanc chaud",
                        de="2700K Warmweiß",
                        es="2700K blanco cálido",
                        zh="2700K暖白",
                    ),
                    opt(
                        "4000K Neutral White",
                        "1",
                        fr="4000K blanc neutre",
                        de="4000K Neutralweiß",
                        es="4000K blanco neutro",
                        zh="4000K中性白",
                    ),
                    opt(
                        "6500K Daylight",
                        "1",
                        fr="6500K lumière du jour",
                        de="6500K Tageslicht",
                        es="6500K luz de día",
                        zh="6500K日光",
                    ),
                ),
            ),
            Slot("feature", "Feature", (opt("Dimmable", "1.35"), opt("Non-dimmable", "1"))),
        ),
        certifications=("CE", "RoHS", "ERP", "EMC"),
        weight_kg=_d("0.04"),
        dimensions_cm=_dims("11", "6", "6"),
        units_per_carton=100,
        order_multiple=100,
        customization=("Custom packaging", "Private label"),
    ),
    ProductType(
        key="earbuds",
        supplier=LUMEN,
        category="Electronics > Audio > Audio Components > Headphones & Headsets > Headphones",
        hs_code="851830",
        unit="piece",
        base_price=_d("8.90"),
        breaks=(100, 500, 2000, 5000),
        lead_time_days=25,
        title="{type} Bluetooth 5.3 Earbuds, {feature}, {battery} Playtime",
        slots=(
            Slot(
                "type",
                "Type",
                (opt("True Wireless", "1"), opt("Open-ear", "1.2"), opt("Sports Ear-hook", "1.1")),
            ),
            Slot(
                "feature",
                "Feature",
                (
                    opt("Active Noise Cancelling", "1.6"),
                    opt("ENC Calls", "1.1"),
                    opt("Low-latency Gaming Mode", "1.15"),
                ),
            ),
            Slot("battery", "Battery", (opt("24 h", "0.9"), opt("36 h", "1"), opt("48 h", "1.2"))),
        ),
        certifications=("CE", "FCC", "RoHS", "BQB", "UN38.3"),
        weight_kg=_d("0.12"),
        dimensions_cm=_dims("10", "8", "4"),
        units_per_carton=100,
    ),
    ProductType(
        key="led-strip",
        supplier=LUMEN,
        category="Home & Garden > Lighting > Light Ropes & Strings",
        hs_code="940542",
        unit="roll",
        base_price=_d("2.90"),
        breaks=(100, 500, 2000),
        lead_time_days=15,
        title="{length} {voltage} LED Strip Light, {type}, {ip}",
        slots=(
            Slot("length", "Length", (opt("5 m", "1"), opt("10 m", "1.85"))),
            Slot("voltage", "Voltage", (opt("12V", "1"), opt("24V", "1.1"), opt("USB 5V", "0.9"))),
            Slot(
                "type",
                "Type",
                (
                    opt("SMD2835 Warm White", "1"),
                    opt("SMD5050 RGB", "1.3"),
                    opt("COB Seamless", "1.6"),
                    opt("RGBIC Wi-Fi App Control", "2.2"),
                ),
            ),
            Slot("ip", "Protection", (opt("IP20", "1"), opt("IP65 Waterproof", "1.2"))),
        ),
        certifications=("CE", "RoHS", "FCC"),
        weight_kg=_d("0.2"),
        dimensions_cm=_dims("12", "12", "3"),
        units_per_carton=100,
    ),
    # --- Ningbo: home appliances (Homewell, USD) ----------------------------------------------
    ProductType(
        key="kettle",
        supplier=HOMEWELL,
        category="Home & Garden > Kitchen & Dining > Kitchen Appliances > Electric Kettles",
        hs_code="851671",
        unit="piece",
        base_price=_d("6.90"),
        breaks=(500, 1000, 3000, 6000),
        lead_time_days=35,
        title="{capacity} {material} Electric Kettle, {power}, {feature}",
        titles={
            "fr": "Bouilloire électrique {capacity} en {material}, {power}, {feature}",
            "de": "Wasserkocher {capacity} aus {material}, {power}, {feature}",
            "es": "Hervidor eléctrico de {capacity} de {material}, {power}, {feature}",
            "zh": "{capacity}{material}电热水壶，{power}，{feature}",
        },
        slots=(
            Slot(
                "capacity",
                "Capacity",
                (
                    opt("1.0 L", "0.9", fr="1,0 l", de="1,0 l", es="1,0 l", zh="1.0升"),
                    opt("1.7 L", "1", fr="1,7 l", de="1,7 l", es="1,7 l", zh="1.7升"),
                ),
            ),
            Slot(
                "material",
                "Body",
                (
                    opt(
                        "Stainless Steel",
                        "1.2",
                        fr="inox",
                        de="Edelstahl",
                        es="acero inoxidable",
                        zh="不锈钢",
                    ),
                    opt(
                        "Borosilicate Glass",
                        "1.3",
                        fr="verre borosilicate",
                        de="Borosilikatglas",
                        es="vidrio de borosilicato",
                        zh="高硼硅玻璃",
                    ),
                    opt(
                        "BPA-free PP",
                        "0.8",
                        fr="PP sans BPA",
                        de="BPA-freiem PP",
                        es="PP sin BPA",
                        zh="无双酚A PP",
                    ),
                ),
            ),
            Slot("power", "Power", (opt("1850-2200W", "1", zh="1850-2200W"), opt("1500W", "0.95"))),
            Slot(
                "feature",
                "Feature",
                (
                    opt(
                        "Strix Controller",
                        "1.25",
                        fr="thermostat Strix",
                        de="Strix-Regler",
                        es="control Strix",
                        zh="Strix温控",
                    ),
                    opt(
                        "Temperature Presets",
                        "1.45",
                        fr="réglage de température",
                        de="Temperaturwahl",
                        es="temperatura regulable",
                        zh="多档控温",
                    ),
                    opt(
                        "Auto Shut-off",
                        "1",
                        fr="arrêt automatique",
                        de="Abschaltautomatik",
                        es="apagado automático",
                        zh="自动断电",
                    ),
                ),
            ),
        ),
        certifications=("CE", "GS", "CB", "LFGB", "RoHS"),
        weight_kg=_d("1.1"),
        dimensions_cm=_dims("23", "16", "25"),
        units_per_carton=6,
        customization=("Logo printing", "Custom colour", "Private-label gift box"),
    ),
    ProductType(
        key="air-fryer",
        supplier=HOMEWELL,
        category="Home & Garden > Kitchen & Dining > Kitchen Appliances > Deep Fryers",
        hs_code="851660",
        unit="piece",
        base_price=_d("24.50"),
        breaks=(300, 1000, 3000),
        lead_time_days=40,
        title="{capacity} {type} Air Fryer, {power}, {control}",
        slots=(
            Slot(
                "capacity",
                "Capacity",
                (
                    opt("3.5 L", "0.8"),
                    opt("5.5 L", "1"),
                    opt("8 L", "1.3"),
                    opt("2 x 4.5 L Dual Basket", "1.8"),
                ),
            ),
            Slot(
                "type",
                "Type",
                (opt("Basket", "1"), opt("Oven-style", "1.25"), opt("Visible-window", "1.1")),
            ),
            Slot("power", "Power", (opt("1400W", "0.95"), opt("1700W", "1"))),
            Slot(
                "control",
                "Control",
                (opt("Digital Touch Screen", "1.1"), opt("Mechanical Dial", "0.9")),
            ),
        ),
        certifications=("CE", "GS", "ETL", "LFGB", "RoHS"),
        weight_kg=_d("4.8"),
        dimensions_cm=_dims("36", "30", "33"),
        units_per_carton=2,
    ),
    ProductType(
        key="hand-blender",
        supplier=HOMEWELL,
        category="Home & Garden > Kitchen & Dining > Kitchen Appliances > Food Mixers & Blenders",
        hs_code="850940",
        unit="piece",
        base_price=_d("7.40"),
        breaks=(500, 1000, 3000, 6000),
        lead_time_days=30,
        title="{power} Stick Hand Blender, {shaft} Shaft, {set}",
        slots=(
            Slot("power", "Power", (opt("600W", "0.85"), opt("800W", "1"), opt("1000W", "1.2"))),
            Slot("shaft", "Shaft", (opt("Stainless Steel", "1.1"), opt("Plastic", "0.9"))),
            Slot(
                "set",
                "Accessories",
                (
                    opt("Blender Only", "0.85"),
                    opt("3-in-1 with Whisk and Beaker", "1.15"),
                    opt("4-in-1 with Chopper", "1.3"),
                ),
            ),
        ),
        certifications=("CE", "GS", "CB", "RoHS", "LFGB"),
        weight_kg=_d("1.0"),
        dimensions_cm=_dims("40", "12", "10"),
        units_per_carton=8,
    ),
    ProductType(
        key="electric-fan",
        supplier=HOMEWELL,
        category="Home & Garden > Household Appliances > Climate Control Appliances > Fans",
        hs_code="841451",
        unit="piece",
        base_price=_d("9.20"),
        breaks=(300, 1000, 3000),
        lead_time_days=35,
        title="{size} {type} Fan, {speeds}, {control}",
        slots=(
            Slot("size", "Size", (opt('12"', "0.8"), opt('16"', "1"), opt('18"', "1.15"))),
            Slot(
                "type",
                "Type",
                (
                    opt("Pedestal", "1"),
                    opt("Desk", "0.8"),
                    opt("Wall-mounted", "0.95"),
                    opt("Tower", "1.4"),
                ),
            ),
            Slot("speeds", "Speeds", (opt("3 Speeds", "1"), opt("DC Motor 12 Speeds", "1.6"))),
            Slot("control", "Control", (opt("Remote Control", "1.15"), opt("Push Buttons", "1"))),
        ),
        certifications=("CE", "GS", "ERP", "RoHS"),
        weight_kg=_d("3.2"),
        dimensions_cm=_dims("52", "18", "40"),
        units_per_carton=1,
    ),
    ProductType(
        key="hair-dryer",
        supplier=HOMEWELL,
        category="Health & Beauty > Personal Care > Hair Care > Hair Styling Tools > Hair Dryers",
        hs_code="851631",
        unit="piece",
        base_price=_d("6.80"),
        breaks=(500, 1000, 3000, 6000),
        lead_time_days=30,
        title="{power} {motor} Hair Dryer, {feature}",
        slots=(
            Slot(
                "power",
                "Power",
                (opt("1200W Travel", "0.8"), opt("1800W", "1"), opt("2200W Salon", "1.25")),
            ),
            Slot(
                "motor",
                "Motor",
                (opt("AC", "1"), opt("DC", "0.9"), opt("High-speed Brushless", "3.2")),
            ),
            Slot(
                "feature",
                "Feature",
                (
                    opt("Ionic", "1.1"),
                    opt("Foldable Handle", "1"),
                    opt("Diffuser and Concentrator", "1.15"),
                ),
            ),
        ),
        certifications=("CE", "GS", "CB", "RoHS"),
        weight_kg=_d("0.7"),
        dimensions_cm=_dims("26", "22", "9"),
        units_per_carton=12,
    ),
    # --- Guangzhou: apparel (Silkroad Garment, USD) -------------------------------------------
    ProductType(
        key="t-shirt",
        supplier=SILKROAD,
        category="Apparel & Accessories > Clothing > Shirts & Tops",
        hs_code="610910",
        unit="piece",
        base_price=_d("2.40"),
        breaks=(100, 500, 2000, 10000),
        lead_time_days=15,
        title="{weight} {fabric} {fit} T-Shirt, {neck}, {colour}",
        titles={
            "fr": "T-shirt {fit} {fabric} {weight}, {neck}, {colour}",
            "de": "T-Shirt {fit} aus {fabric}, {weight}, {neck}, {colour}",
            "es": "Camiseta {fit} de {fabric} {weight}, {neck}, {colour}",
            "zh": "{weight}{fabric}{fit}T恤，{neck}，{colour}",
        },
        slots=(
            Slot(
                "weight",
                "Fabric weight",
                (
                    opt("180 gsm", "1", zh="180克"),
                    opt("220 gsm", "1.2", zh="220克"),
                    opt(
                        "250 gsm Heavyweight",
                        "1.4",
                        fr="250 g/m² épais",
                        de="250 g/m² schwer",
                        es="250 g/m² gruesa",
                        zh="250克重磅",
                    ),
                ),
            ),
            Slot(
                "fabric",
                "Fabric",
                (
                    opt(
                        "100% Combed Cotton",
                        "1",
                        fr="100 % coton peigné",
                        de="100 % gekämmter Baumwolle",
                        es="100 % algodón peinado",
                        zh="100%精梳棉",
                    ),
                    opt(
                        "Organic Cotton",
                        "1.35",
                        fr="coton bio",
                        de="Bio-Baumwolle",
                        es="algodón orgánico",
                        zh="有机棉",
                    ),
                    opt(
                        "Cotton-Polyester 60/40",
                        "0.85",
                        fr="coton-polyester 60/40",
                        de="Baumwolle-Polyester 60/40",
                        es="algodón-poliéster 60/40",
                        zh="棉涤60/40",
                    ),
                ),
            ),
            Slot(
                "fit",
                "Fit",
                (
                    opt(
                        "Regular",
                        "1",
                        fr="coupe classique",
                        de="Regular Fit",
                        es="corte regular",
                        zh="常规款",
                    ),
                    opt(
                        "Oversized", "1.1", fr="oversize", de="Oversize", es="oversize", zh="宽松款"
                    ),
                ),
            ),
            Slot(
                "neck",
                "Neckline",
                (
                    opt(
                        "Crew Neck",
                        "1",
                        fr="col rond",
                        de="Rundhals",
                        es="cuello redondo",
                        zh="圆领",
                    ),
                    opt("V-Neck", "1", fr="col V", de="V-Ausschnitt", es="cuello en V", zh="V领"),
                ),
            ),
            Slot("colour", "Colour", _COLOURS),
        ),
        variants=_APPAREL_SIZES,
        certifications=("OEKO-TEX Standard 100", "BSCI", "GOTS"),
        weight_kg=_d("0.2"),
        dimensions_cm=_dims("30", "25", "2"),
        units_per_carton=100,
        customization=("Screen printing", "Embroidery", "Woven neck label", "Custom hangtag"),
    ),
    ProductType(
        key="hoodie",
        supplier=SILKROAD,
        category="Apparel & Accessories > Clothing > Shirts & Tops",
        hs_code="611020",
        unit="piece",
        base_price=_d("7.90"),
        breaks=(50, 300, 1000, 3000),
        lead_time_days=20,
        title="{weight} {fabric} Pullover Hoodie, {fit}, {colour}",
        slots=(
            Slot(
                "weight", "Fabric weight", (opt("320 gsm", "1"), opt("400 gsm Heavyweight", "1.3"))
            ),
            Slot(
                "fabric",
                "Fabric",
                (
                    opt("Cotton Fleece", "1"),
                    opt("French Terry", "1.05"),
                    opt("Cotton-Polyester 80/20", "0.85"),
                ),
            ),
            Slot("fit", "Fit", (opt("Regular Fit", "1"), opt("Drop Shoulder", "1.05"))),
            Slot("colour", "Colour", _COLOURS),
        ),
        variants=_APPAREL_SIZES,
        certifications=("OEKO-TEX Standard 100", "BSCI"),
        weight_kg=_d("0.6"),
        dimensions_cm=_dims("35", "30", "5"),
        units_per_carton=40,
        customization=("Screen printing", "Embroidery", "Woven neck label"),
    ),
    ProductType(
        key="polo",
        supplier=SILKROAD,
        category="Apparel & Accessories > Clothing > Shirts & Tops",
        hs_code="610510",
        unit="piece",
        base_price=_d("4.10"),
        breaks=(100, 500, 2000, 5000),
        lead_time_days=18,
        title="{fabric} Polo Shirt, {collar}, {colour}",
        slots=(
            Slot(
                "fabric",
                "Fabric",
                (
                    opt("Cotton Pique", "1"),
                    opt("Dri-fit Polyester", "0.9"),
                    opt("Mercerised Cotton", "1.5"),
                ),
            ),
            Slot(
                "collar",
                "Collar",
                (
                    opt("Knitted Collar", "1"),
                    opt("Tipped Collar", "1.05"),
                    opt("Button-down Collar", "1.1"),
                ),
            ),
            Slot("colour", "Colour", _COLOURS),
        ),
        variants=_APPAREL_SIZES,
        certifications=("OEKO-TEX Standard 100", "BSCI"),
        weight_kg=_d("0.25"),
        dimensions_cm=_dims("30", "25", "3"),
        units_per_carton=80,
        customization=("Embroidery", "Screen printing", "Custom buttons"),
    ),
    ProductType(
        key="jeans",
        supplier=SILKROAD,
        category="Apparel & Accessories > Clothing > Pants",
        hs_code="620342",
        unit="piece",
        base_price=_d("8.50"),
        breaks=(100, 500, 2000),
        lead_time_days=30,
        title="{gender} {fit} Jeans, {denim}, {wash}",
        slots=(
            Slot("gender", "Gender", (opt("Men's", "1"), opt("Women's", "1"))),
            Slot(
                "fit",
                "Fit",
                (
                    opt("Slim", "1"),
                    opt("Straight", "1"),
                    opt("Relaxed", "1.05"),
                    opt("Wide-leg", "1.1"),
                ),
            ),
            Slot(
                "denim",
                "Denim",
                (
                    opt("12 oz Stretch Denim", "1"),
                    opt("14 oz Rigid Selvedge Denim", "1.9"),
                    opt("Organic Cotton Denim", "1.3"),
                ),
            ),
            Slot(
                "wash",
                "Wash",
                (opt("Dark Indigo", "1"), opt("Stone Wash", "1.05"), opt("Black", "1")),
            ),
        ),
        variants=(("Waist", ("28", "30", "32", "34", "36", "38")),),
        certifications=("BSCI", "OEKO-TEX Standard 100"),
        weight_kg=_d("0.7"),
        dimensions_cm=_dims("35", "30", "5"),
        units_per_carton=30,
        customization=("Custom leather patch", "Custom rivets and buttons", "Woven label"),
    ),
    ProductType(
        key="dress",
        supplier=SILKROAD,
        category="Apparel & Accessories > Clothing > Dresses",
        hs_code="620444",
        unit="piece",
        base_price=_d("9.60"),
        breaks=(50, 200, 1000),
        lead_time_days=25,
        title="{length} {style} Dress, {fabric}, {pattern}",
        slots=(
            Slot("length", "Length", (opt("Midi", "1"), opt("Maxi", "1.15"), opt("Mini", "0.9"))),
            Slot(
                "style",
                "Style",
                (opt("Wrap", "1"), opt("Shirt", "1.05"), opt("Slip", "0.95"), opt("Tiered", "1.1")),
            ),
            Slot(
                "fabric",
                "Fabric",
                (opt("Viscose", "1"), opt("Linen Blend", "1.2"), opt("Satin", "1.1")),
            ),
            Slot(
                "pattern",
                "Pattern",
                (opt("Floral Print", "1.05"), opt("Solid Colour", "1"), opt("Polka Dot", "1.05")),
            ),
        ),
        variants=(("Size", ("XS", "S", "M", "L", "XL")),),
        certifications=("BSCI",),
        weight_kg=_d("0.3"),
        dimensions_cm=_dims("35", "28", "3"),
        units_per_carton=50,
        customization=("Custom print", "Woven label", "Custom hangtag"),
    ),
)
