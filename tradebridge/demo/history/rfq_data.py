# ruff: noqa: RUF001  # full-width punctuation in Chinese texts, en dashes in size ranges
"""The demo RFQs (`rfq_scenes` explains the fields): ten requests in five languages.

Open and public ones that matching spreads over the suppliers' inboxes, two invited-only,
one just posted without quotes yet, one closed at its deadline with a counter-offer waiting
for the supplier, and one awarded after a counter-offer and a revision (the agreed deal).
"""

from typing import Final

from tradebridge.demo.catalogs.vocabulary import (
    BRIGHTWAY,
    HAICANG,
    HOMEWELL,
    LUMEN,
    SILKROAD,
    STRIDE,
)
from tradebridge.demo.history.rfq_scenes import (
    ACTIVEWEAR,
    BALLOONS,
    CLAIRE,
    GOALKEEPER_GLOVES,
    HAIR_DRYERS,
    HUGO,
    JONAS,
    KETTLES,
    LED_BULBS,
    MIKE,
    POWER_BANKS,
    SARAH,
    SHIRTS,
    SOCCER_BALLS,
    YOGA_MATS,
    Counter,
    DemoQuote,
    DemoRFQ,
    Outcome,
    Revision,
    days,
    hours,
)

MATCH_BALLS = DemoRFQ(
    buyer=JONAS,
    language="de",
    title="2.000 Trainingsbälle Größe 5 (PVC) mit Vereinslogo, CE/EN 71, Lieferung Hamburg",
    description=(
        "Hallo zusammen,\n\nfür unseren Vereinsshop (Jugendabteilungen in NRW) suchen wir "
        "2.000 maschinengenähte Trainingsbälle Größe 5, PVC oder TPU, 32 Paneele, Butylblase. "
        "Logo einfarbig auf zwei Paneelen, Farben nach Pantone. Einzeln im Polybeutel, "
        "50 Stück pro Karton, unaufgepumpt.\n\nBitte Preise CIF Hamburg nennen; zwei Muster "
        "vorab erwünscht. Lieferung bis spätestens Mitte März, damit die Bälle zur Rückrunde "
        "im Shop sind.\n\nDanke, Jonas Weber"
    ),
    quantity=2000,
    target_unit_price="4.20",
    currency="EUR",
    destination_country="DE",
    destination_place="Hamburg",
    incoterm="CIF",
    category=SOCCER_BALLS,
    specs=(("Größe", "5"), ("Material", "PVC oder TPU"), ("Logo", "1-farbig, 2 Paneele")),
    certifications=("CE", "EN 71"),
    sample_needed=True,
    opened_ago=days(3),
    deadline=days(9),
    needed_in_days=95,
    quotes=(
        DemoQuote(
            supplier=HAICANG,
            after=hours(4),
            currency="USD",
            tiers=((1000, "4.85"), (2000, "4.55"), (5000, "4.30")),
            lead_time_days=35,
            incoterm="CIF",
            named_place="Hamburg",
            sample=("15.00", 7),
            notes=(
                "Dear Jonas, thank you for your RFQ. Machine-stitched PVC, 32 panels, butyl "
                "bladder, 1-colour logo on 2 panels included. EN 71 and CE reports from SGS "
                "(2025) available. Samples in 7 days by DHL; the sample cost is refunded with "
                "the order."
            ),
            counter=Counter(
                after=days(1),
                target_unit_price="4.20",
                currency="USD",
                quantity=2000,
                terms=(
                    "Zielpreis 4,20 USD CIF Hamburg bei 2.000 Stück; dafür akzeptieren wir "
                    "35 Tage Lieferzeit und 30 % Anzahlung."
                ),
                revision=Revision(
                    after=hours(5),
                    tiers=((1000, "4.75"), (2000, "4.35"), (5000, "4.15")),
                    notes=(
                        "Revised as discussed: 4.35 USD at 2,000 pcs is our best price for PVC "
                        "with 2 logo panels; a TPU cover is 0.40 USD more."
                    ),
                ),
            ),
        ),
        DemoQuote(
            supplier=BRIGHTWAY,
            after=hours(20),
            currency="CNY",
            tiers=((2000, "29.50"), (5000, "27.80")),
            lead_time_days=25,
            incoterm="FOB",
            named_place="Ningbo",
            notes=(
                "PVC match ball size 5, 1-colour logo print. Price FOB Ningbo; sea freight to "
                "Hamburg about 2,100 USD per 20' container, not included. EN 71 test report "
                "can be arranged (3 more days)."
            ),
        ),
    ),
)

LED_FILAMENT = DemoRFQ(
    buyer=CLAIRE,
    language="fr",
    title="Ampoules LED filament E27 6 W, 2700 K, dimmables — 5 000 pièces pour nos boutiques",
    description=(
        "Bonjour,\n\nNous cherchons 5 000 ampoules LED à filament E27, 6 W (équivalent 60 W), "
        "blanc chaud 2700 K, dimmables, verre clair, IRC > 80. Marquage CE et conformité RoHS "
        "obligatoires, emballage individuel avec mentions en français (étiquette énergie UE)."
        "\n\nLivraison DAP Lyon (entrepôt de Vénissieux) avant fin février. Merci de préciser "
        "la durée de vie annoncée et la garantie.\n\nCordialement,\nClaire Martin"
    ),
    quantity=5000,
    target_unit_price="1.15",
    currency="EUR",
    destination_country="FR",
    destination_place="Lyon (Vénissieux)",
    incoterm="DAP",
    category=LED_BULBS,
    specs=(("Culot", "E27"), ("Puissance", "6 W"), ("Température de couleur", "2700 K")),
    certifications=("CE", "RoHS"),
    sample_needed=True,
    invited=(LUMEN,),
    product_of=LUMEN,
    product_words=("Filament", "2700K"),
    opened_ago=days(2),
    deadline=days(12),
    needed_in_days=80,
    quotes=(
        DemoQuote(
            supplier=LUMEN,
            after=hours(6),
            currency="USD",
            tiers=((3000, "1.32"), (5000, "1.24"), (10000, "1.16")),
            lead_time_days=30,
            incoterm="DAP",
            named_place="Lyon (Vénissieux)",
            balance_due="against_documents",
            sample=("0", 5),
            notes=(
                "Bonjour Claire, 6 W filament E27, 2700 K, dimmable (triac), IRC 82, "
                "15 000 h, garantie 2 ans. Boîte imprimée en français avec l'étiquette énergie "
                "UE (classe E). Certificats CE et RoHS sur demande."
            ),
        ),
    ),
)

BALLOONS_MARATHON = DemoRFQ(
    buyer=SARAH,
    language="en",
    title='10,000 custom printed latex balloons, 12", 2-color logo — Chicago Marathon expo',
    description=(
        "Hi, we need 10,000 12-inch latex balloons, 2-colour logo printed on one side, mixed "
        "colours (navy, white, orange, a third each). Helium quality, for the Chicago Marathon "
        "expo in October.\n\nShip to our Chicago warehouse; quote FOB and tell us the sea and "
        "air options. Please include a proof before production. Target USD 0.07/pc.\n\n"
        "Thanks, Sarah"
    ),
    quantity=10000,
    target_unit_price="0.07",
    currency="USD",
    destination_country="US",
    destination_place="Chicago, IL",
    incoterm="FOB",
    category=BALLOONS,
    specs=(("Size", '12"'), ("Print", "2 colours, 1 side")),
    opened_ago=days(1),
    deadline=days(14),
    needed_in_days=120,
    quotes=(
        DemoQuote(
            supplier=BRIGHTWAY,
            after=hours(5),
            currency="CNY",
            tiers=((5000, "0.55"), (10000, "0.48"), (30000, "0.42")),
            lead_time_days=12,
            incoterm="FOB",
            named_place="Ningbo",
            deposit_percent=50,
            notes=(
                "Hi Sarah, 12 inch 2.8 g pearl latex, 2-colour logo on one side, free digital "
                "proof within 24 h. Helium float time 10-12 h. Price FOB Ningbo; air freight "
                "to ORD about USD 380 for this volume."
            ),
        ),
    ),
)

POWER_BANKS_GIFT = DemoRFQ(
    buyer=MIKE,
    language="en",
    title="3,000 power banks 10,000 mAh, USB-C PD 20 W, laser-engraved logo, corporate gift",
    description=(
        "Looking for 3,000 slim power banks, 10,000 mAh, USB-C PD 20 W in/out, aluminium "
        "shell, laser-engraved client logo, gift box. Must have UL 2056 / FCC, UN38.3 and "
        "MSDS for air freight. Delivery to Chicago by the end of March. Target USD 6.50 DDP, "
        "or tell us your FOB."
    ),
    quantity=3000,
    target_unit_price="6.50",
    currency="USD",
    destination_country="US",
    destination_place="Chicago, IL",
    incoterm="DDP",
    category=POWER_BANKS,
    certifications=("UL 2056", "FCC", "UN38.3"),
    sample_needed=True,
    opened_ago=days(4),
    deadline=days(6),
    needed_in_days=110,
    quotes=(
        DemoQuote(
            supplier=LUMEN,
            after=hours(9),
            currency="USD",
            tiers=((1000, "7.40"), (3000, "6.90"), (5000, "6.60")),
            lead_time_days=25,
            incoterm="FOB",
            named_place="Shenzhen",
            sample=("25.00", 5),
            notes=(
                "Mike, DDP Chicago is possible at +0.85 USD/pc (air, duties included). UL 2056 "
                "and FCC reports in our name; UN38.3 and MSDS for each batch. Gift box with "
                "your client's logo: +0.35 USD."
            ),
            counter=Counter(
                after=days(1),
                target_unit_price="6.40",
                currency="USD",
                quantity=3500,
                terms="Can you do 6.40 FOB if we take 3,500 pcs and pay a 40 % deposit?",
            ),
        ),
    ),
)

JERSEYS_LEAGUE = DemoRFQ(
    buyer=SARAH,
    language="es",
    title="Camisetas de fútbol sublimadas para liga juvenil — 1.200 con nombre y número",
    description=(
        "Hola:\n\nBuscamos 1.200 camisetas de fútbol sublimadas (poliéster 140 g, dry-fit) "
        "para una liga juvenil latina de Chicago: 8 equipos, tallas YS a AL, nombre y número "
        "personalizados por jugador y escudo de la liga en el pecho. Entrega en Chicago antes "
        "del 1 de abril. Precio objetivo: 6,80 USD por camiseta.\n\nPor favor indiquen el "
        "pedido mínimo por diseño y el plazo de las muestras. ¡Gracias!"
    ),
    quantity=1200,
    target_unit_price="6.80",
    currency="USD",
    destination_country="US",
    destination_place="Chicago, IL",
    incoterm="FOB",
    category=ACTIVEWEAR,
    specs=(("Tejido", "poliéster 140 g/m², dry-fit"), ("Tallas", "YS-AL")),
    sample_needed=True,
    opened_ago=days(2),
    deadline=days(10),
    needed_in_days=100,
    quotes=(
        DemoQuote(
            supplier=STRIDE,
            after=hours(7),
            currency="USD",
            tiers=((500, "7.60"), (1200, "7.10"), (3000, "6.60")),
            lead_time_days=28,
            incoterm="FOB",
            named_place="Xiamen",
            sample=("20.00", 5),
            notes=(
                "Hola Sarah: sublimación completa, poliéster 140 g/m² dry-fit, nombre y número "
                "incluidos. Mínimo 50 por diseño. Muestra en 5 días (USD 20, se descuenta del "
                "pedido). Precio FOB Xiamen."
            ),
        ),
        DemoQuote(
            supplier=SILKROAD,
            after=hours(26),
            currency="USD",
            tiers=((600, "7.30"), (1200, "6.95")),
            lead_time_days=35,
            incoterm="FOB",
            named_place="Guangzhou (Nansha)",
            sample=("15.00", 10),
            notes=(
                "Full sublimation, 150 gsm, names and numbers included. Samples in 10 days. "
                "Price FOB Guangzhou Nansha."
            ),
        ),
    ),
)

YOGA_MATS_ZH = DemoRFQ(
    buyer=JONAS,
    language="zh-hans",
    title="求购 TPE 双色瑜伽垫 6mm 1,000 张，可印 logo / TPE yoga mats 6 mm",
    description=(
        "您好！我们是德国科隆的体育用品批发商，想采购 TPE 双色瑜伽垫：183 × 61 cm，厚度 6 mm，"
        "带收纳绑带，单色 logo 丝印。数量 1,000 张（两种颜色各 500）。需要 REACH 检测报告"
        "（不含邻苯二甲酸盐），FOB 厦门或 CIF 汉堡都可以报价。请注明样品费和交期。谢谢！\n\n"
        "(1,000 TPE yoga mats 183 × 61 cm, 6 mm, two-tone, carry strap, 1-colour logo; "
        "REACH report required.)"
    ),
    quantity=1000,
    target_unit_price="5.80",
    currency="EUR",
    destination_country="DE",
    destination_place="Hamburg",
    incoterm="CIF",
    category=YOGA_MATS,
    specs=(("尺寸", "183 × 61 cm"), ("厚度", "6 mm")),
    certifications=("REACH",),
    sample_needed=True,
    opened_ago=hours(20),
    deadline=days(8),
    needed_in_days=70,
    quotes=(
        DemoQuote(
            supplier=HAICANG,
            after=hours(3),
            currency="CNY",
            tiers=((500, "46.00"), (1000, "42.50"), (3000, "39.80")),
            lead_time_days=20,
            incoterm="FOB",
            named_place="Xiamen",
            sample=("150", 3),
            notes=(
                "Jonas 您好，TPE 双色 6mm，183×61cm，含绑带和单色丝印 logo。可提供 REACH 报告"
                "（SGS 2025）。样品 3 天寄出，样品费 150 元，下单后退回。价格为 FOB 厦门。"
            ),
        ),
    ),
)

GOALKEEPER_AWARDED = DemoRFQ(
    buyer=JONAS,
    language="de",
    title="Torwarthandschuhe Latex 4 mm, Größen 6–11, 800 Paar für die Vereinssaison",
    description=(
        "Wir benötigen 800 Paar Torwarthandschuhe: Haftschaum Latex 4 mm, Negativschnitt, "
        "Fingersave optional, Größen 6–11 nach Größenschlüssel (folgt per Nachricht). "
        "Eigenes Branding (Rheinsport Keeper) auf der Manschette. Lieferung CIF Hamburg, "
        "die Verzollung übernehmen wir."
    ),
    quantity=800,
    unit="pair",
    target_unit_price="6.90",
    currency="EUR",
    destination_country="DE",
    destination_place="Hamburg",
    incoterm="CIF",
    category=GOALKEEPER_GLOVES,
    certifications=("CE",),
    invited=(HAICANG, STRIDE),
    opened_ago=days(45),
    deadline=-days(31),
    needed_in_days=20,
    outcome=Outcome.AWARDED,
    accepted=(HAICANG, days(16)),
    quotes=(
        DemoQuote(
            supplier=HAICANG,
            after=hours(6),
            currency="USD",
            tiers=((500, "8.20"), (800, "7.90"), (2000, "7.30")),
            lead_time_days=40,
            incoterm="CIF",
            named_place="Hamburg",
            valid_days=45,
            notes=(
                "4 mm German latex palm, negative cut, removable finger spines. Custom cuff "
                "with your Rheinsport Keeper logo included. CE (PPE category II) certificate "
                "attached on request."
            ),
            counter=Counter(
                after=days(15),
                target_unit_price="7.40",
                currency="USD",
                quantity=800,
                terms="Bei 800 Paar: 7,40 USD CIF Hamburg und Lieferung in 35 Tagen?",
                revision=Revision(
                    after=hours(4),
                    tiers=((500, "7.90"), (800, "7.50"), (2000, "7.10")),
                    lead_time_days=35,
                    notes="We accept 35 days. 7.50 USD is our final price for 800 pairs.",
                ),
            ),
        ),
        DemoQuote(
            supplier=STRIDE,
            after=days(1),
            currency="USD",
            tiers=((600, "8.60"), (1500, "8.10")),
            lead_time_days=30,
            incoterm="FOB",
            named_place="Xiamen",
            notes="Latex 4 mm, flat cut or negative cut, logo on the cuff by silicone print.",
        ),
    ),
)

KETTLES_CLOSED = DemoRFQ(
    buyer=MIKE,
    language="en",
    title="1,200 electric kettles 1.7 L stainless steel, UL/ETL listed, for a hotel group",
    description=(
        "A hotel client in Wisconsin needs 1,200 cordless kettles, 1.7 L, brushed stainless "
        "steel, 1500 W / 120 V, auto shut-off and boil-dry protection, ETL or UL listed. Plain "
        "(no logo), white box, US plug. Quote FOB Ningbo; delivery to Chicago needed by "
        "mid-April."
    ),
    quantity=1200,
    target_unit_price="11.50",
    currency="USD",
    destination_country="US",
    destination_place="Chicago, IL",
    incoterm="FOB",
    category=KETTLES,
    certifications=("ETL",),
    product_of=HOMEWELL,
    product_words=("1.7 L Stainless Steel",),
    opened_ago=days(14),
    deadline=-days(2),
    needed_in_days=60,
    outcome=Outcome.CLOSED,
    quotes=(
        DemoQuote(
            supplier=HOMEWELL,
            after=hours(2),
            currency="USD",
            tiers=((500, "13.20"), (1200, "12.40"), (3000, "11.80")),
            lead_time_days=35,
            incoterm="FOB",
            named_place="Ningbo",
            valid_days=40,
            notes=(
                "1.7 L, SUS304 brushed, 1500 W / 120 V, Strix-type controller, ETL listed "
                "under our name. Plain white box with US plug, 6 pcs per carton."
            ),
            counter=Counter(
                after=days(13),
                target_unit_price="11.60",
                currency="USD",
                quantity=1200,
                terms=(
                    "Our client's budget is USD 11.60 FOB. Could you meet it at 1,200 pcs "
                    "with 30/70 T/T?"
                ),
            ),
        ),
    ),
)

HAIR_DRYERS_NEW = DemoRFQ(
    buyer=HUGO,
    language="fr",
    title="Sèche-cheveux ionique 2000 W pliable, marque blanche — 600 pièces",
    description=(
        "Bonjour,\n\nPour notre rayon beauté nous recherchons 600 sèche-cheveux ioniques "
        "2000 W, poignée pliable, 3 températures / 2 vitesses, embout concentrateur, câble "
        "1,8 m, prise UE. Marquage CE, GS apprécié. Emballage neutre (notre logo sur la "
        "boîte). Livraison DAP Lyon.\n\nMerci d'indiquer le prix et le délai pour un "
        "échantillon."
    ),
    quantity=600,
    target_unit_price="9.00",
    currency="EUR",
    destination_country="FR",
    destination_place="Lyon",
    incoterm="DAP",
    category=HAIR_DRYERS,
    certifications=("CE", "GS"),
    sample_needed=True,
    opened_ago=hours(3),
    deadline=days(13),
    needed_in_days=75,
)

HOODIES_GOTS = DemoRFQ(
    buyer=JONAS,
    language="de",
    title="500 Hoodies Bio-Baumwolle (GOTS), Stick auf der Brust, Größen S–XXL",
    description=(
        "Für unsere Teamline suchen wir 500 Kapuzenpullover, 80 % Bio-Baumwolle / 20 % "
        "Polyester, 320 g/m², GOTS-zertifiziert, Farben Navy und Grau. Stick (Vereinswappen, "
        "ca. 8 cm) auf der linken Brust, Größen S–XXL nach Größenschlüssel. Lieferung nach "
        "Köln, gerne DAP. Bitte Musterpreis und Lieferzeit angeben."
    ),
    quantity=500,
    target_unit_price="14.50",
    currency="EUR",
    destination_country="DE",
    destination_place="Köln",
    incoterm="DAP",
    category=SHIRTS,
    certifications=("GOTS", "OEKO-TEX Standard 100"),
    sample_needed=True,
    opened_ago=days(5),
    deadline=days(11),
    needed_in_days=85,
    quotes=(
        DemoQuote(
            supplier=SILKROAD,
            after=hours(8),
            currency="USD",
            tiers=((300, "16.80"), (500, "15.90"), (1000, "14.90")),
            lead_time_days=30,
            incoterm="FOB",
            named_place="Guangzhou (Nansha)",
            sample=("30.00", 7),
            notes=(
                "GOTS-certified fabric (Control Union), embroidery up to 10,000 stitches "
                "included. DAP Köln possible at +1.60 USD/pc by sea."
            ),
        ),
        DemoQuote(
            supplier=STRIDE,
            after=hours(29),
            currency="EUR",
            tiers=((500, "15.20"), (1000, "14.40")),
            lead_time_days=35,
            incoterm="DAP",
            named_place="Köln",
            sample=("35.00", 7),
            notes=(
                "Preise in EUR, DAP Köln (Seefracht und Zustellung). GOTS-Transaktions"
                "zertifikat für jede Lieferung. Muster in 7 Tagen."
            ),
            counter=Counter(
                after=days(1),
                target_unit_price="14.20",
                currency="EUR",
                quantity=500,
                terms=(
                    "Wir liegen bei 14,20 EUR DAP Köln; bei Zusage bestellen wir im Herbst "
                    "weitere 500 Stück."
                ),
                revision=Revision(
                    after=hours(6),
                    tiers=((500, "14.60"), (1000, "14.00")),
                    notes=(
                        "Revidiert: 14,60 EUR bei 500 Stück, 14,00 EUR ab 1.000 (auch bei "
                        "Abruf in zwei Lieferungen)."
                    ),
                ),
            ),
        ),
    ),
)

DEMO_RFQS: Final[tuple[DemoRFQ, ...]] = (
    GOALKEEPER_AWARDED,
    KETTLES_CLOSED,
    HOODIES_GOTS,
    POWER_BANKS_GIFT,
    MATCH_BALLS,
    LED_FILAMENT,
    JERSEYS_LEAGUE,
    BALLOONS_MARATHON,
    YOGA_MATS_ZH,
    HAIR_DRYERS_NEW,
)
