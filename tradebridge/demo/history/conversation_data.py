# ruff: noqa: RUF001  # full-width punctuation in Chinese texts, en dashes in size ranges
"""The demo conversations between buyers and suppliers, in their languages.

A thread is about a product (a category and title words: the supplier's product), an RFQ or
its deal (the RFQ's title), or nothing (then its title names it).
A thread starts `started_ago` before loading, each message comes `after` the thread's start.
Whoever replies has read what came before; the last messages stay unread for the other side
unless `read_after` says when they read them. Suppliers answer at different speeds (and the
UK wholesaler not at all, yet), so their response rates and median reply times differ.
"""

from dataclasses import dataclass
from datetime import timedelta
from typing import Final, Literal

from tradebridge.demo.catalogs.vocabulary import (
    BRIGHTWAY,
    HAICANG,
    HOMEWELL,
    LUMEN,
    SILKROAD,
    STRIDE,
)
from tradebridge.demo.history.rfq_data import GOALKEEPER_AWARDED, HOODIES_GOTS, JERSEYS_LEAGUE
from tradebridge.demo.history.rfq_scenes import (
    ANNA,
    BALLOONS,
    CLAIRE,
    HUGO,
    JONAS,
    KETTLES,
    LED_BULBS,
    MIKE,
    SARAH,
    SOCCER_BALLS,
    YOGA_MATS,
    days,
    hours,
)

ALBION: Final = "albion-giftware.example"
CANDLE_HOLDERS: Final = "Home & Garden > Decor > Home Fragrance Accessories > Candle Holders"

type Side = Literal["buyer", "supplier"]


@dataclass(frozen=True, slots=True)
class DemoMessage:
    side: Side
    after: timedelta
    body: str
    read_after: timedelta | None = None  # when the other side read it (None: by replying)


@dataclass(frozen=True, slots=True)
class DemoThread:
    buyer: str  # the buyer's person (e-mail)
    supplier: str  # the supplier's person (e-mail)
    title: str  # only for a thread about nothing (else its subject names it)
    started_ago: timedelta
    messages: tuple[DemoMessage, ...]
    about: str | None = None  # a category: the thread is about the supplier's product in it
    product_words: tuple[str, ...] = ()  # ... preferably one whose title has these words
    about_rfq: str | None = None  # or about the buyer's RFQ with this title ...
    about_deal: bool = False  # ... or its agreed deal

    @property
    def starter(self) -> Side:
        return self.messages[0].side


def _buyer(after: timedelta, body: str, read_after: timedelta | None = None) -> DemoMessage:
    return DemoMessage("buyer", after, body, read_after)


def _supplier(after: timedelta, body: str, read_after: timedelta | None = None) -> DemoMessage:
    return DemoMessage("supplier", after, body, read_after)


def _at(domain: str, name: str) -> str:
    return f"{name}@{domain}"


DEMO_THREADS: Final[tuple[DemoThread, ...]] = (
    DemoThread(
        buyer=ANNA,
        supplier=_at(HAICANG, "chen.jie"),
        title="Torwarthandschuhe – Produktion und Versand",
        about_rfq=GOALKEEPER_AWARDED.title,
        about_deal=True,
        started_ago=days(28),
        messages=(
            _buyer(
                hours(0),
                "Hallo Chen Jie, danke für die schnelle Einigung. Die Größenverteilung: "
                "6: 60, 7: 120, 8: 180, 9: 200, 10: 160, 11: 80 Paar. Die Anzahlung ist heute "
                "raus.",
            ),
            _supplier(
                hours(3),
                "Thank you Anna, deposit received. Production starts on Monday; we will send "
                "photos of the first pairs for your approval.",
            ),
            _supplier(
                days(20),
                "Production finished and inspection passed. Container booked: ETD Xiamen in "
                "3 days, ETA Hamburg in about 30 days. The B/L copy follows.",
            ),
            _buyer(
                days(20) + hours(6),
                "Sehr gut, danke! Restzahlung gegen B/L-Kopie wie vereinbart.",
                read_after=hours(2),
            ),
        ),
    ),
    DemoThread(
        buyer=MIKE,
        supplier=_at(HOMEWELL, "ye.na"),
        title="Kettle 1.7 L for a hotel group",
        about=KETTLES,
        product_words=("1.7 L Stainless Steel",),
        started_ago=days(15),
        messages=(
            _buyer(
                hours(0),
                "Do you have the 1.7 L kettle with a 120 V US plug and ETL listing in stock, "
                "or is it made to order?",
            ),
            _supplier(
                hours(2),
                "Hi Mike, made to order: 35 days after the deposit. The ETL listing is under "
                "our name; we can put your client's brand on the base plate.",
            ),
            _buyer(
                days(1),
                "Thanks. Please hold the price of your quote until our client confirms next week.",
            ),
            _supplier(
                days(1) + hours(1),
                "Sure, we keep the price valid until the end of the month.",
                read_after=hours(3),
            ),
        ),
    ),
    DemoThread(
        buyer=JONAS,
        supplier=_at(HAICANG, "chen.jie"),
        title="Trainingsbälle: Logodruck und Muster",
        about=SOCCER_BALLS,
        product_words=("PVC Size 5 Training",),
        started_ago=days(6),
        messages=(
            _buyer(
                hours(0),
                "Hallo, ist der Druck von zwei Logos (Verein und Sponsor) auf dem Ball möglich? "
                "Und wie lange braucht ein Muster nach Köln?",
            ),
            _supplier(
                hours(2) + timedelta(minutes=40),
                "Hello Jonas, yes: up to 4 panels can be printed, 2 colours each; 2 logos are "
                "included in the price from 1,000 pcs. Samples reach Köln in 5-7 days by DHL.",
            ),
            _buyer(
                days(1),
                "Super, danke. Können Sie uns 2 Muster in Größe 5 schicken? "
                "Rechnungsadresse: Rheinsport Handels GmbH, Köln.",
            ),
            _supplier(
                days(5) + hours(20),
                "Samples are ready and shipped today by DHL (tracking 1234 5678 90). We refund "
                "the sample cost with your first order.",
            ),
        ),
    ),
    DemoThread(
        buyer=CLAIRE,
        supplier=_at(LUMEN, "xu.ting"),
        title="Ampoules filament : version 2200 K ?",
        about=LED_BULBS,
        product_words=("Filament", "2700K"),
        started_ago=days(4),
        messages=(
            _buyer(
                hours(0),
                "Bonjour, vos ampoules à filament existent-elles en 2200 K (ambré) ? Nos "
                "clients les préfèrent pour les cafés et restaurants.",
            ),
            _supplier(
                timedelta(minutes=45),
                "Bonjour Claire, oui : 2200 K en verre ambré, même prix à partir de 3 000 "
                "pièces. Je vous envoie la fiche technique.",
            ),
            _buyer(hours(3), "Parfait, merci ! Je l'ajoute à notre appel d'offres."),
        ),
    ),
    DemoThread(
        buyer=HUGO,
        supplier=_at(ALBION, "amelia.clarke"),
        title="Candle holders for a French retailer",
        about=CANDLE_HOLDERS,
        product_words=("Candle Holder",),
        started_ago=days(3),
        messages=(
            _buyer(
                hours(0),
                "Hello, we are a home decoration retailer in Lyon. Do you ship your candle "
                "holders to France, and is there a minimum for a first order?",
            ),
        ),
    ),
    DemoThread(
        buyer=SARAH,
        supplier=_at(BRIGHTWAY, "liu.yang"),
        title="Pantone orange for the marathon balloons",
        about=BALLOONS,
        product_words=('12"', "Latex"),
        started_ago=days(2),
        messages=(
            _buyer(
                hours(0),
                'Hi! Do your 12" balloons come in Pantone-matched colours? We need the '
                "marathon orange (Pantone 1505 C).",
            ),
            _supplier(
                hours(5),
                "Hi Sarah, yes, we match Pantone from 5,000 pcs per colour; for smaller runs "
                "we have 40 standard colours (our orange #08 is close to 1505 C).",
            ),
            _buyer(hours(6), "Great! Could you send a colour card with the sample?"),
        ),
    ),
    DemoThread(
        buyer=SARAH,
        supplier=_at(STRIDE, "su.lin"),
        title="Muestra de camiseta sublimada",
        about_rfq=JERSEYS_LEAGUE.title,
        started_ago=days(1),
        messages=(
            _buyer(
                hours(0),
                "Hola, ¿pueden enviar una muestra de camiseta sublimada en talla YM con nombre "
                "y número? Es para enseñarla a los entrenadores.",
            ),
            _supplier(
                hours(3) + timedelta(minutes=30),
                "Hola Sarah: sí. La muestra sale en 5 días por DHL; el costo (USD 20) se "
                "descuenta del pedido. ¿Nos envía el diseño en AI o PDF?",
            ),
            _buyer(hours(5), "¡Perfecto! Les envío el escudo de la liga mañana."),
        ),
    ),
    DemoThread(
        buyer=JONAS,
        supplier=_at(HAICANG, "lin.wei"),
        title="瑜伽垫样品 / Yoga mat samples",
        about=YOGA_MATS,
        product_words=("TPE Yoga Mat", "Dual-colour"),
        started_ago=hours(19),
        messages=(
            _buyer(
                hours(0),
                "林总您好，我们想先订 2 张样品（紫/灰 和 蓝/黑），可以寄到科隆吗？",
            ),
            _supplier(
                hours(1) + timedelta(minutes=10),
                "Jonas 您好，可以。样品明天寄出，DHL 大约 5 天到科隆。请发一下 logo 文件"
                "（AI 或 PDF 格式）。",
            ),
            _buyer(hours(15), "好的，logo 文件今天发给您。谢谢！"),
            _supplier(hours(17), "收到，谢谢！我们先做数码打样给您确认。"),
        ),
    ),
    DemoThread(
        buyer=JONAS,
        supplier=_at(SILKROAD, "he.jun"),
        title="Hoodie sample / Muster",
        about_rfq=HOODIES_GOTS.title,
        started_ago=days(4),
        messages=(
            _supplier(
                hours(0),
                "Dear Jonas, for your hoodie RFQ we can make one sample in navy with your "
                "embroidery within 7 days. Shall we go ahead?",
            ),
            _buyer(days(1), "Hi He Jun, yes please, size L. The logo file follows by e-mail."),
            _supplier(
                days(1) + hours(2),
                "Noted, the sample is in production. Tracking number by Friday.",
            ),
        ),
    ),
)
