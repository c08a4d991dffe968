"""Supplier catalogs and RFQ texts for the matching-quality test and benchmark.

The gift-ware, kitchenware, bag and candle titles are real product descriptions from the UCI
Online Retail data set (a UK gift-ware wholesaler, 2010-2011), copied unchanged: Chen, D.
(2015). *Online Retail* [Dataset]. UCI Machine Learning Repository,
https://doi.org/10.24432/C5BW33, licensed CC BY 4.0
(https://creativecommons.org/licenses/by/4.0/); the whole file ships in
`tradebridge/demo/data/` (see its SOURCE.md). The soccer and textile titles are written for
Tradebridge (the UCI set sells neither). The RFQ texts and their French and Chinese versions
are written for Tradebridge: they are not translations of the catalogs' titles, so a match
needs the meaning, not the words.
"""

from typing import Final

SOCCER_BALLS: Final = 1112  # Sporting Goods > Athletics > Soccer > Soccer Balls
SOCCER_GLOVES: Final = 3141
SOCCER_UNIFORMS: Final = 5564
MUGS: Final = 2169
BAKEWARE: Final = 640
BATH_TOWELS: Final = 576
BED_SHEETS: Final = 2314
KITCHEN_TOWELS: Final = 4257
CANDLES: Final = 588
CANDLE_HOLDERS: Final = 2784
SHOPPING_TOTES: Final = 5608

# supplier name -> [(title, category id)], English only.
CATALOGS: Final[dict[str, list[tuple[str, int]]]] = {
    "Xiamen Sports": [
        ("Size 5 PU leather soccer ball, machine stitched", SOCCER_BALLS),
        ("Thermo-bonded match football size 5", SOCCER_BALLS),
        ("Size 4 training soccer ball for youth clubs", SOCCER_BALLS),
        ("Latex palm goalkeeper gloves with finger protection", SOCCER_GLOVES),
        ("Polyester football team jersey and shorts set", SOCCER_UNIFORMS),
    ],
    "Pantry Kitchenware": [  # UCI Online Retail
        ("LONDON BUS COFFEE MUG", MUGS),
        ("COFFEE MUG APPLES DESIGN", MUGS),
        ("POTTING SHED TEA MUG", MUGS),
        ("SET OF 3 CAKE TINS PANTRY DESIGN", BAKEWARE),
        ("BAKING SET 9 PIECE RETROSPOT", BAKEWARE),
    ],
    "Anhui Home Textiles": [
        ("100% cotton bath towel 70 x 140 cm, 500 gsm", BATH_TOWELS),
        ("Hotel white cotton hand towel set", BATH_TOWELS),
        ("Percale cotton bed sheet set, queen size", BED_SHEETS),
        ("SET/2 RED RETROSPOT TEA TOWELS", KITCHEN_TOWELS),  # UCI Online Retail
    ],
    "Heart Candle Co": [  # UCI Online Retail
        ("WHITE HANGING HEART T-LIGHT HOLDER", CANDLE_HOLDERS),
        ("ANTIQUE SILVER T-LIGHT GLASS", CANDLE_HOLDERS),
        ("HOMEMADE JAM SCENTED CANDLES", CANDLES),
        ("VICTORIAN GLASS HANGING T-LIGHT", CANDLE_HOLDERS),
    ],
    "Retrospot Bags": [  # UCI Online Retail
        ("JUMBO BAG RED RETROSPOT", SHOPPING_TOTES),
        ("JUMBO SHOPPER VINTAGE RED PAISLEY", SHOPPING_TOTES),
        ("JUMBO STORAGE BAG SUKI", SHOPPING_TOTES),
        ("LUNCH BAG SPACEBOY DESIGN", SHOPPING_TOTES),
    ],
}

# supplier name -> {language: an RFQ's title and description}
RFQS: Final[dict[str, dict[str, str]]] = {
    "Xiamen Sports": {
        "en": "Match footballs size 5. We need 2,000 balls printed with our club logo.",
        "fr": "Ballons de football taille 5. 2 000 ballons avec le logo du club imprimé.",
        "zh": "5号比赛足球 需要2000个 印制俱乐部标志。",
    },
    "Pantry Kitchenware": {
        "en": "Ceramic coffee mugs with a custom print, 350 ml.",
        "fr": "Tasses à café en céramique avec impression personnalisée.",
        "zh": "定制印花陶瓷咖啡杯 350毫升。",
    },
    "Anhui Home Textiles": {
        "en": "Cotton bath towels for our hotel chain, white.",
        "fr": "Serviettes de bain en coton blanc pour une chaîne d'hôtels.",
        "zh": "酒店用白色纯棉浴巾。",
    },
    "Heart Candle Co": {
        "en": "Scented candles and tea light holders for our gift shops.",
        "fr": "Bougies parfumées et photophores pour nos boutiques de cadeaux.",
        "zh": "香薰蜡烛和茶蜡烛台 用于礼品店。",
    },
    "Retrospot Bags": {
        "en": "Large reusable shopping bags with a printed pattern.",
        "fr": "Grands sacs de courses réutilisables avec motif imprimé.",
        "zh": "带印花图案的大号可重复使用购物袋。",
    },
}
LANGUAGES: Final = ("en", "fr", "zh")
