# ruff: noqa: RUF001  # full-width punctuation in Chinese texts
"""The demo's orders and the money around them, as scenes (`orders.load_orders` plays them).

Each scene is one purchase: the buyer checks out a cart (lines of one or two suppliers) or
orders the agreed deal of the RFQ history, `placed_ago` before the time of loading; then its
steps happen, each `ago` before loading, in the order given, by the side the verb belongs to
(the buyer's person, or the supplier's sales person of `rfq_scenes.QUOTING`). `PAYOUTS` and
`UNMATCHED` are steps of the platform's operator between scenes. Times are chosen so that
every live order's deadlines lie ahead of the time of loading: the timers that `tradebridge
serve` runs leave them where the demo put them.
"""

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Final

from tradebridge.demo.catalogs.vocabulary import (
    BRIGHTWAY,
    HAICANG,
    HOMEWELL,
    LUMEN,
    SILKROAD,
    STRIDE,
)
from tradebridge.demo.history.rfq_scenes import CLAIRE, JONAS, MIKE, QUOTING, SARAH, days, hours

ALBION: Final = "albion-giftware.example"
# Who fulfils each supplier's orders (its sales person).
SELLING: Final = {**QUOTING, ALBION: "amelia.clarke@albion-giftware.example"}


class Act(StrEnum):
    CONFIRM = "confirm"  # supplier
    PAY_TRANSFER = "pay_transfer"  # a bank credit with the instalment's reference (`amount`)
    PAY_CARD = "pay_card"  # the buyer pays the instalment by card (sandbox provider)
    PRODUCTION_DONE = "production_done"  # supplier
    SHIP = "ship"  # supplier (`text`: carrier|tracking number)
    DELIVERED = "delivered"  # supplier marks it delivered
    RECEIPT = "receipt"  # the buyer confirms receipt
    CANCEL = "cancel"  # the buyer cancels (`text`: note)
    TIMERS = "timers"  # the order timers run at this moment
    DISPUTE = "dispute"  # the buyer opens a dispute (`text`: reason|description, `amount`)
    EVIDENCE = "evidence"  # the buyer adds a photo (`text`: note)
    COUNTER = "counter"  # the supplier offers a partial refund (`amount`, `text`: note)
    CONTEST = "contest"  # the supplier contests (`text`: note)
    ACCEPT_COUNTER = "accept_counter"  # the buyer takes the counter-offer
    DISPUTE_TIMERS = "dispute_timers"  # the dispute timers run at this moment


class Amount(StrEnum):
    """How much of the instalment a bank transfer carries."""

    EXACT = "exact"
    PART = "part"  # 40 %
    OVER = "over"  # 5 % more than owed


@dataclass(frozen=True, slots=True)
class Step:
    ago: timedelta
    act: Act
    supplier: str = ""  # e-mail domain, for a purchase of two suppliers' orders
    amount: str = ""  # Amount for PAY_TRANSFER; a refund share (percent) for DISPUTE/COUNTER
    text: str = ""


@dataclass(frozen=True, slots=True)
class OrderScene:
    po_number: str  # the buyer's PO number: how the loader knows the scene is there
    buyer: str  # e-mail
    placed_ago: timedelta
    suppliers: tuple[str, ...] = ()  # one cart line of each supplier (e-mail domains)
    deal: bool = False  # the order of the buyer's agreed deal instead of a cart
    steps: tuple[Step, ...] = ()
    notes: str = ""


def _ship(carrier: str, tracking: str) -> str:
    return f"{carrier}|{tracking}"


C, T, K = Act.CONFIRM, Act.PAY_TRANSFER, Act.PAY_CARD
DONE, SHIP = Act.PRODUCTION_DONE, Act.SHIP

# In the order played: the payout batch pays what was released before it.
DEMO_ORDERS: Final[tuple[OrderScene, ...]] = (
    OrderScene(  # completed on receipt, long ago; paid out in the batch below
        po_number="RS-2026-0311",
        buyer=JONAS,
        placed_ago=days(46),
        suppliers=(SILKROAD,),
        notes="Vereinsfarben laut Muster; bitte je Größe getrennt verpacken.",
        steps=(
            Step(days(45), C),
            Step(days(44), T, amount=Amount.EXACT),
            Step(days(30), DONE),
            Step(days(29), SHIP, text=_ship("Maersk", "MAEU2318840571")),
            Step(days(12), Act.DELIVERED),
            Step(days(11), Act.RECEIPT),
        ),
    ),
    OrderScene(  # completed when its protection window closed (the timer released it)
        po_number="LS-PO-88412",
        buyer=MIKE,
        placed_ago=days(75),
        suppliers=(HAICANG,),
        steps=(
            Step(days(74), C),
            Step(days(73), K),
            Step(days(60), DONE),
            Step(days(59), SHIP, text=_ship("COSCO Shipping", "COSU6231447810")),
            Step(days(38), Act.DELIVERED),
            Step(days(8) - hours(1), Act.TIMERS),
        ),
    ),
    OrderScene(  # Act.PAYOUTS runs after this one: see `PAYOUTS_AGO`
        po_number="ML-2026-118",
        buyer=CLAIRE,
        placed_ago=days(40),
        suppliers=(ALBION,),
        steps=(
            Step(days(39), C),
            Step(days(38), T, amount=Amount.EXACT),
            Step(days(36), DONE),
            Step(days(35), SHIP, text=_ship("DPD UK", "15501234567890")),
            Step(days(33), Act.RECEIPT),
        ),
    ),
)
# The operator runs the payouts (and the bank pays them the next day) after the scenes above.
PAYOUTS_AGO: Final = days(7)

LATER_ORDERS: Final[tuple[OrderScene, ...]] = (
    OrderScene(  # a dispute settled by the supplier's counter-offer: partial refund, completed
        po_number="ML-2026-131",
        buyer=CLAIRE,
        placed_ago=days(34),
        suppliers=(LUMEN,),
        steps=(
            Step(days(33), C),
            Step(days(32), K),
            Step(days(22), DONE),
            Step(days(21), SHIP, text=_ship("DHL Express", "1234567890")),
            Step(days(9), Act.DELIVERED),
            Step(
                days(6),
                Act.DISPUTE,
                amount="40",
                text=(
                    "not_as_described|Les ampoules annoncées en 2700 K sont nettement plus "
                    "froides (environ 4000 K) ; 30 % du lot est concerné."
                ),
            ),
            Step(
                days(6) - hours(1),
                Act.EVIDENCE,
                text="Photo : ampoules du lot à côté de l'échantillon validé.",
            ),
            Step(
                days(5),
                Act.COUNTER,
                amount="25",
                text="We checked the batch: 25 % refund "
                "for the affected cartons, or replacement in the next shipment.",
            ),
            Step(days(4), Act.ACCEPT_COUNTER),
        ),
    ),
    OrderScene(  # the deal's order: deposit matched, production done, the balance part paid
        po_number="RS-2026-0402",
        buyer=JONAS,
        placed_ago=days(27),
        deal=True,
        steps=(
            Step(days(26), C),
            Step(days(24), T, amount=Amount.EXACT),
            Step(days(3), DONE),
            Step(days(1), T, amount=Amount.PART),
        ),
    ),
    OrderScene(  # a dispute awaiting the supplier, with the buyer's evidence
        po_number="RS-2026-0377",
        buyer=JONAS,
        placed_ago=days(28),
        suppliers=(HAICANG,),
        steps=(
            Step(days(27), C),
            Step(days(26), T, amount=Amount.OVER),
            Step(days(15), DONE),
            Step(days(14), SHIP, text=_ship("Hapag-Lloyd", "HLCU4412098837")),
            Step(days(3), Act.DELIVERED),
            Step(
                days(1),
                Act.DISPUTE,
                amount="30",
                text=(
                    "quality|Bei 60 von 200 Bällen löst sich die Naht nach wenigen "
                    "Trainingseinheiten. Wir bitten um 30 % Erstattung."
                ),
            ),
            Step(days(1) - hours(1), Act.EVIDENCE, text="Foto: aufgeplatzte Naht, Charge 11/26"),
        ),
    ),
    OrderScene(  # an escalated dispute: contested, then the timer hands it to the operator
        po_number="LS-PO-88570",
        buyer=SARAH,
        placed_ago=days(36),
        suppliers=(BRIGHTWAY,),
        steps=(
            Step(days(35), C),
            Step(days(34), K),
            Step(days(25), DONE),
            Step(days(24), SHIP, text=_ship("SF Express", "SF1402236618209")),
            Step(days(13), Act.DELIVERED),
            Step(
                days(11),
                Act.DISPUTE,
                amount="100",
                text="not_received|Tracking shows delivered but nothing reached our warehouse.",
            ),
            Step(days(11) - hours(2), Act.EVIDENCE, text="Warehouse receiving log for the day"),
            Step(days(10), Act.CONTEST, text="签收记录显示已送达贵司仓库，附签收单。"),
            Step(days(4) - hours(1), Act.DISPUTE_TIMERS),
        ),
    ),
    OrderScene(  # delivered, inside the protection window
        po_number="ML-2026-140",
        buyer=CLAIRE,
        placed_ago=days(22),
        suppliers=(HOMEWELL,),
        steps=(
            Step(days(21), C),
            Step(days(20), T, amount=Amount.EXACT),
            Step(days(12), DONE),
            Step(days(11), SHIP, text=_ship("DHL Express", "4471982203")),
            Step(days(4), Act.DELIVERED),
        ),
    ),
    OrderScene(  # shipped, on its way
        po_number="LS-PO-88631",
        buyer=MIKE,
        placed_ago=days(18),
        suppliers=(HOMEWELL,),
        steps=(
            Step(days(17), C),
            Step(days(17) - hours(3), K),
            Step(days(5), DONE),
            Step(days(3), SHIP, text=_ship("UPS", "1Z999AA10123456784")),
        ),
    ),
    OrderScene(  # two suppliers in one purchase: one ready to ship, one in production
        po_number="RS-2026-0415",
        buyer=JONAS,
        placed_ago=days(5),
        suppliers=(STRIDE, HAICANG),
        notes="Bitte Lieferschein mit unserer Bestellnummer beilegen.",
        steps=(
            Step(days(4) + hours(20), C, supplier=STRIDE),
            Step(days(4) + hours(18), K, supplier=STRIDE),
            Step(days(4) + hours(2), C, supplier=HAICANG),
            Step(days(3), T, supplier=HAICANG, amount=Amount.EXACT),
            Step(days(1), DONE, supplier=STRIDE),
        ),
    ),
    OrderScene(  # cancelled by the deposit timer (its part payment refunded)
        po_number="LS-PO-88590",
        buyer=MIKE,
        placed_ago=days(14),
        suppliers=(STRIDE,),
        steps=(
            Step(days(13), C),
            Step(days(11), T, amount=Amount.PART),
            Step(days(5) - hours(2), Act.TIMERS),
        ),
    ),
    OrderScene(  # cancelled by the buyer before the supplier confirmed
        po_number="ML-2026-152",
        buyer=CLAIRE,
        placed_ago=days(4),
        suppliers=(SILKROAD,),
        steps=(Step(days(3), Act.CANCEL, text="Commande passée en double, désolée."),),
    ),
    OrderScene(  # awaiting the deposit (the full price, paid upfront)
        po_number="ML-2026-155",
        buyer=CLAIRE,
        placed_ago=days(2),
        suppliers=(LUMEN,),
        steps=(Step(days(1), C),),
    ),
    OrderScene(  # awaiting the supplier's confirmation
        po_number="RS-2026-0421",
        buyer=JONAS,
        placed_ago=hours(7),
        suppliers=(HAICANG,),
        notes="Liefertermin vor Saisonstart bitte bestätigen.",
    ),
)
# A credit whose text names no payment reference: held for the operator's review.
UNMATCHED_AGO: Final = days(2)
UNMATCHED_PAYER: Final = "RHEINSPORT HANDELS GMBH"
UNMATCHED_TEXT: Final = "Rechnung 2026-0377 Teilzahlung"
UNMATCHED_AMOUNT: Final = ("1250.00", "EUR")
# The supplier whose integration receives webhooks (at a local address nothing listens on).
WEBHOOK_SUPPLIER: Final = HAICANG
WEBHOOK_URL: Final = "http://127.0.0.1:9/tradebridge/webhooks"
