"""Issue 10's whole RFQ journey in chromium, through the pages only: a buyer whose interface is
in French posts an RFQ from "Post an RFQ" (in English: from a product's "Request a quote",
its supplier invited), matching tells two suppliers, both quote from their
"RFQs for you" inbox, the buyer compares the quotes in euros, asks supplier A a question
(the reply appears on the open conversation without a reload, later messages show in the
navigation's unread count), counters A's quote, A revises in answer, the buyer accepts the
revision and sees the agreed deal with its reference.

One browser, one context per user. Each step is screenshotted at 1280 and 390 px
(test-artifacts/screenshots/rfq-journey-<language>-<nn>-<step>-<width>.png) and checked by
axe-core at both widths. Supplier B's context records every page and fragment it receives:
none may name supplier A, its prices or its notes.
"""

import re
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, Route, expect

from tests.browser.checks import SCREENSHOTS, BrowserChecks
from tests.browser.sessions import signed_in
from tradebridge.accounts.models import User
from tradebridge.accounts.tests.factories import UserFactory
from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.models import Category, Product
from tradebridge.catalog.tests.factories import CategoryFactory, ProductFactory, SupplierFactory
from tradebridge.catalog.web.display import product_url
from tradebridge.companies.enums import Role, VerificationLevel
from tradebridge.companies.models import Company, Membership
from tradebridge.companies.tests.factories import MembershipFactory
from tradebridge.core.models import FxRate
from tradebridge.messaging.models import Message, Thread
from tradebridge.rfq.models import RFQ, Deal, Quote
from tradebridge.rfq.tests.factories import BuyerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SOCCER_BALLS = 1112  # Sporting Goods > Athletics > Soccer > Soccer Balls (the real taxonomy)
RATES = {"USD": Decimal("1.0800"), "CNY": Decimal("7.6500")}  # units per euro
WIDTHS = (1280, 390)
# The elements reaching past the right edge of the screen (what makes a page scroll sideways).
TOO_WIDE = """() => Array.from(document.querySelectorAll("body *")).filter(element =>
    element.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
    .slice(0, 8).map(element => `${element.tagName}.${element.className}#${element.id}`)"""

# What the buyer types, and labels of the buyer's pages, per interface language.
TEXTS = {
    "fr": {
        "title": "Ballons de football taille 5, cuir PU",
        "description": "Ballons de match thermocollés, impression de notre logo, 1000 pièces.",
        "question": "Pouvez-vous imprimer notre logo en deux couleurs ?",
        "counter": "Un acompte de 30 % nous convient ; délai 25 jours SVP.",
        "post_rfq": "Publier une demande de devis",
        "comparison": "Devis côte à côte",
        "counter_offer": "Contre-offre",
        "message_supplier": "Écrire au fournisseur",
        "send": "Envoyer",
        "accept": "Accepter",
        "agreed_deal": "Accord conclu",
    },
    "en": {
        "title": "Soccer balls size 5, PU leather",
        "description": "Thermo-bonded match balls, printed with our logo, 1000 pieces.",
        "question": "Can you print our logo in two colours?",
        "counter": "A 30 % deposit is fine; 25 days lead time please.",
        "post_rfq": "Post an RFQ",
        "comparison": "Quotes side by side",
        "counter_offer": "Counter-offer",
        "message_supplier": "Message supplier",
        "send": "Send",
        "accept": "Accept",
        "agreed_deal": "Agreed deal",
    },
}


@dataclass
class Cast:
    buyer: Membership
    supplier_a: Membership  # quotes in USD, is countered, revises, wins
    supplier_b: Membership  # quotes in CNY, must never learn anything of A
    ball: Product  # one of A's products, whose page has "Request a quote"


@dataclass
class Seen:
    """The HTML documents and fragments one context received (supplier B's)."""

    bodies: list[tuple[str, str]] = field(default_factory=list)

    def record(self, route: Route) -> None:
        response = route.fetch()
        kind = response.headers.get("content-type", "")
        if "html" in kind or "json" in kind:
            self.bodies.append((route.request.url, response.text()))
        route.fulfill(response=response)


@dataclass
class Shots:
    """Every step at both widths, each shot also an axe check and a check that nothing makes
    the page wider than the screen; the page is left at 1280 px."""

    language: str
    checks: BrowserChecks
    taken: int = 0

    def __call__(self, page: Page, step: str) -> None:
        self.taken += 1
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 860})
            name = f"rfq-journey-{self.language}-{self.taken:02d}-{step}-{width}.png"
            page.screenshot(path=SCREENSHOTS / name, full_page=True)
            self.checks.check(page)
            wide = page.evaluate("document.documentElement.scrollWidth")
            assert wide <= width, f"{step}: {wide} px at {width} px: {page.evaluate(TOO_WIDE)}"
        page.set_viewport_size({"width": WIDTHS[0], "height": 860})


def _amount(number: str) -> re.Pattern[str]:
    """`number` as the page's language writes it: 3.70 in English, 3,70 in French."""
    whole, decimals = number.split(".")
    return re.compile(rf"{whole}[.,]{decimals}")


def _member(company: Company, role: Role, email: str, **user_fields: str) -> Membership:
    user = UserFactory.create(email=email, **user_fields)
    return MembershipFactory.create(company=company, role=role, user=user)


def _soccer_balls() -> Category:
    """The taxonomy's Soccer Balls; an earlier transactional test flushed the migration's
    taxonomy, so it is rebuilt (same id, path and depth) when missing."""
    found = Category.objects.filter(id=SOCCER_BALLS).first()
    if found is not None:
        return found
    parent = None
    for name in ("Sporting Goods", "Athletics", "Soccer"):
        parent = CategoryFactory.create(name=name, parent=parent)
    return CategoryFactory.create(id=SOCCER_BALLS, name="Soccer Balls", parent=parent)


def _supplier(slug: str, name: str, titles: list[str]) -> Company:
    company = SupplierFactory.create(
        slug=slug, display_name=name, verification_level=VerificationLevel.BUSINESS_VERIFIED
    )
    for title in titles:
        ProductFactory.create(
            supplier=company,
            title=title,
            category=_soccer_balls(),
            certifications=["CE"],
            status=ProductStatus.PUBLISHED,
        )
    return company


def _cast(language: str) -> Cast:
    day = timezone.localdate() - timedelta(days=1)
    FxRate.objects.bulk_create(FxRate(date=day, currency=c, rate=r) for c, r in RATES.items())
    buyer = BuyerFactory.create(slug="lyon-sport", display_name="Lyon Sport", country="FR")
    xiamen = _supplier(
        "xiamen-balls", "Xiamen Balls", ["PU leather soccer ball size 5", "Match football size 5"]
    )
    ningbo = _supplier(
        "ningbo-sports", "Ningbo Sports", ["Thermo-bonded soccer ball", "Training ball size 4"]
    )
    return Cast(
        buyer=_member(
            buyer,
            Role.PURCHASER,
            "claire@lyon-sport.example",
            preferred_language=language,
            preferred_currency="EUR",
        ),
        supplier_a=_member(xiamen, Role.SALES, "mei@xiamen-balls.example"),
        supplier_b=_member(ningbo, Role.SALES, "li@ningbo-sports.example"),
        ball=Product.objects.filter(supplier=xiamen).earliest("published_at"),
    )


@pytest.fixture
def shots(request: pytest.FixtureRequest, browser_checks: BrowserChecks) -> Shots:
    language = request.node.callspec.params["language"]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob(f"rfq-journey-{language}-*.png"):
        old.unlink()
    return Shots(language, browser_checks)


# --- the steps ---------------------------------------------------------------------------------


def _open_form(page: Page, text: dict[str, str], shots: Shots, entry: Product | None) -> None:
    """The empty form from "Post an RFQ", or the one a product's "Request a quote" fills in
    (the product, its category and certifications, its supplier invited)."""
    if entry is None:
        page.locator(".mainnav a[href='/rfqs/']").click()
        page.get_by_role("link", name=text["post_rfq"]).first.click()
        expect(page.get_by_role("heading", level=1)).to_have_text(text["post_rfq"])
        page.fill("#category-search", "Soccer Balls")
        page.locator(f"#category-results input[value='{SOCCER_BALLS}']").check()
        return
    page.goto(product_url(entry))
    shots(page, "buyer-product-page")
    page.locator("#request-quote").click()
    expect(page.locator("#rfq-product")).to_contain_text(entry.title)
    expect(page.locator("#id_title")).to_have_value(entry.title)
    expect(page.locator("#id_invited_suppliers")).to_have_value("xiamen-balls")
    expect(page.locator(f"#category-current input[value='{SOCCER_BALLS}']")).to_be_checked()


def _post_rfq(page: Page, text: dict[str, str], shots: Shots, entry: Product | None) -> RFQ:
    _open_form(page, text, shots, entry)
    page.fill("#id_title", text["title"])
    page.fill("#id_description", text["description"])
    page.fill("#id_quantity", "1000")
    page.fill("#id_target_unit_price", "3.50")
    page.select_option("#id_currency", "EUR")
    page.select_option("#id_destination_country", "FR")
    page.fill("#id_destination_place", "Le Havre")
    page.select_option("#id_incoterm", "FOB")
    page.fill("#id_certifications", "CE")
    deadline = timezone.localtime() + timedelta(days=10)
    page.fill("#id_quote_deadline", deadline.strftime("%Y-%m-%dT%H:%M"))
    shots(page, "buyer-rfq-form")
    page.locator("#rfq-submit-open").click()
    page.wait_for_url(re.compile(r"/rfqs/[0-9a-f-]{36}/$"))
    rfq = RFQ.objects.get()
    expect(page.locator("h1")).to_have_text(text["title"])
    # matching ran when the RFQ opened: both soccer-ball makers are asked
    expect(page.locator("#matches")).to_contain_text("Xiamen Balls")
    expect(page.locator("#matches")).to_contain_text("Ningbo Sports")
    shots(page, "buyer-rfq-open")
    assert (rfq.status, rfq.language, rfq.currency) == ("open", page_language(page), "EUR")
    assert rfq.product_id == (entry.pk if entry else None)
    return rfq


def page_language(page: Page) -> str:
    return page.locator("html").get_attribute("lang") or ""


def _quote(page: Page, rfq: RFQ, shots: Shots, who: str, terms: dict[str, str]) -> Quote:
    page.locator(".mainnav a[href='/supplier/rfqs/']").click()
    item = page.locator(f"[data-rfq='{rfq.reference}']")
    expect(item).to_contain_text("products in Soccer Balls")
    expect(item.locator(".reasons")).to_contain_text("CE certified")
    shots(page, f"{who}-inbox")
    item.get_by_role("link", name=rfq.title).click()
    page.locator("#submit-quote").click()
    page.select_option("#id_currency", terms["currency"])
    page.fill("#id_moq", "500")
    page.fill("#id_lead_time_days", terms["lead_time_days"])
    page.select_option("#id_incoterm", "FOB")
    page.fill("#id_named_place", terms["named_place"])
    page.fill("#id_valid_until", (timezone.localdate() + timedelta(days=30)).isoformat())
    page.fill("#id_deposit_percent", "30")
    page.fill("#id_tiers-0-min_quantity", "500")
    page.fill("#id_tiers-0-unit_price", terms["price_500"])
    page.fill("#id_tiers-1-min_quantity", "1000")
    page.fill("#id_tiers-1-unit_price", terms["price_1000"])
    page.fill("#id_notes", terms["notes"])
    shots(page, f"{who}-quote-form")
    page.locator("#quote-submit").click()
    expect(page.locator(".quote-card")).to_have_count(1)
    expect(page.locator(".quote-card")).to_contain_text(terms["price_1000"])
    shots(page, f"{who}-quoted")
    return Quote.objects.get(supplier__slug=page_supplier_slug(who))


def page_supplier_slug(who: str) -> str:
    return {"supplier-a": "xiamen-balls", "supplier-b": "ningbo-sports"}[who]


QUOTE_A = {
    "currency": "USD",
    "lead_time_days": "30",
    "named_place": "Xiamen",
    "price_500": "4.37",
    "price_1000": "3.91",
    "notes": "Xiamen note: PMS colours matched.",
}
QUOTE_B = {
    "currency": "CNY",
    "lead_time_days": "20",
    "named_place": "Ningbo",
    "price_500": "28.50",
    "price_1000": "27.50",
    "notes": "Ningbo note: samples in 7 days.",
}


def _compare(page: Page, rfq: RFQ, text: dict[str, str], shots: Shots) -> None:
    page.goto(f"/rfqs/{rfq.pk}/")
    expect(page.locator("#comparison-title")).to_have_text(text["comparison"])
    expect(page.locator("#compare-currency")).to_have_value("EUR")
    rows = page.locator("#comparison-table tbody tr")
    expect(rows).to_have_count(2)
    # 1000 at A's own tier of 3.91 USD, at 1.08 USD per euro: 3.6204 EUR, 3,620.37 EUR total
    expect(rows.filter(has_text="Xiamen Balls")).to_contain_text(re.compile(r"3[\s,.]?620[,.]37"))
    # 1000 at B's 27.50 CNY, at 7.65 CNY per euro: 3,594.77 EUR, the best total
    best_total = rows.filter(has_text="Ningbo Sports").locator("td.is-best")
    expect(best_total.first).to_be_visible()
    # both answered their one request: 100 %, a percent shown as one (not 10000 %)
    expect(page.locator("#comparison-table")).not_to_contain_text("10000")
    expect(rows.first).to_contain_text("100 %")
    shots(page, "buyer-compares")


def _ask(page: Page, quote: Quote, text: dict[str, str], shots: Shots) -> None:
    card = page.locator(f"#quote-{quote.pk}")
    card.get_by_role("link", name=text["message_supplier"]).click()
    page.fill("textarea[name=body]", text["question"])
    shots(page, "buyer-asks")
    page.get_by_role("button", name=text["send"]).click()
    page.wait_for_url("**/messages/*/")
    expect(page.locator(".message")).to_have_count(1)


def _reply(page: Page, body: str, shots: Shots) -> None:
    """Supplier A sees the buyer's question in the navigation's unread count and answers."""
    page.goto("/dashboard/")
    expect(page.locator(".nav-unread")).to_contain_text("1")
    page.locator("a[href='/messages/']").first.click()  # the navigation's messages link
    expect(page.locator(".thread-list__item.is-unread")).to_contain_text("Lyon Sport")
    page.locator(".thread-list__link").first.click()
    page.fill("textarea[name=body]", body)
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".message")).to_have_count(2)
    shots(page, "supplier-a-replies")


def _counter(page: Page, quote: Quote, text: dict[str, str], shots: Shots) -> None:
    page.locator(f"#counter-{quote.pk}").click()
    expect(page.locator("h1")).to_have_text(text["counter_offer"])
    page.fill("#id_target_unit_price", "3.70")
    page.fill("#id_quantity", "1000")
    page.fill("#id_terms", text["counter"])
    shots(page, "buyer-counter-offer")
    page.locator("#counter-offer-form button[type=submit]").click()
    expect(page.locator(f"#quote-{quote.pk} .offer--open")).to_contain_text(_amount("3.70"))
    shots(page, "buyer-countered")


def _revise(page: Page, rfq: RFQ, shots: Shots) -> None:
    page.goto(f"/supplier/rfqs/{rfq.pk}/")
    expect(page.locator(".offer--open")).to_be_visible()
    shots(page, "supplier-a-sees-counter-offer")
    page.locator(".offer--open").get_by_role("link", name="Revise to answer").click()
    expect(page.locator("#answering-offer")).to_contain_text("3.7")
    page.fill("#id_tiers-1-unit_price", "3.72")
    page.fill("#id_lead_time_days", "25")
    shots(page, "supplier-a-revision-form")
    page.locator("#quote-submit").click()
    expect(page.locator(".quote-card .quote-tiers")).to_contain_text("3.72")
    shots(page, "supplier-a-revised")


def _accept(page: Page, rfq: RFQ, quote: Quote, text: dict[str, str], shots: Shots) -> Deal:
    page.goto(f"/rfqs/{rfq.pk}/")
    expect(page.locator(".nav-unread")).to_contain_text("1")  # A's note about the revision
    card = page.locator(f"#quote-{quote.pk}")
    expect(card.locator(".quote-tiers")).to_contain_text(_amount("3.72"))
    # the revision at the frozen 1.08: 3,444.44 EUR, now the lowest total, first by total
    first = page.locator("#comparison-table tbody tr").first
    expect(first).to_contain_text("Xiamen Balls")
    expect(first).to_contain_text(re.compile(r"3[\s,.]?444[,.]44"))
    shots(page, "buyer-sees-revision")
    card.get_by_role("link", name=text["accept"], exact=True).click()
    expect(page.locator("#accept-terms")).to_contain_text(_amount("3.72"))
    shots(page, "buyer-accept")
    page.locator("#confirm-accept").click()
    page.wait_for_url(re.compile(r"/deals/[0-9a-f-]{36}/$"))
    deal = Deal.objects.get()
    expect(page.locator("#deal-reference")).to_have_text(deal.reference)
    expect(page.locator(".eyebrow").first).to_have_text(text["agreed_deal"])
    shots(page, "buyer-deal")
    return deal


def _assert_deal_is_the_revision(deal: Deal, quote: Quote) -> None:
    revision = quote.revisions.order_by("-number").first()
    assert revision is not None
    assert revision.number == 2
    assert deal.quote_id == quote.pk
    assert deal.unit_price == Decimal("3.72")
    assert (deal.currency, deal.incoterm, deal.named_place) == (
        revision.currency,
        revision.incoterm,
        revision.named_place,
    )
    assert (deal.lead_time_days, deal.deposit_percent, deal.balance_due) == (
        revision.lead_time_days,
        revision.deposit_percent,
        revision.balance_due,
    )
    assert (deal.revision_id, deal.fx["rates"]) == (revision.pk, revision.fx_rates)


def _assert_b_learned_nothing_of_a(seen: Seen) -> None:
    assert len(seen.bodies) > 5, seen.bodies  # the inbox, the RFQ, the form, the quote...
    secrets = ["Xiamen", "4.37", "4,37", "3.91", "3,91", "3.72", "3,72", "PMS colours"]
    for url, body in seen.bodies:
        leaked = [secret for secret in secrets if secret in body]
        assert leaked == [], f"{url} shows supplier A's {leaked}"


# --- the journey -------------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "entry"), [("fr", "post-an-rfq"), ("en", "request-a-quote")])
def test_the_rfq_journey(browser: Browser, live_server, shots: Shots, language: str, entry: str):
    cast = _cast(language)
    text = TEXTS[language]
    buyer = signed_in(browser, live_server.url, cast.buyer.user.email)
    expect(buyer.locator("html")).to_have_attribute("lang", re.compile(f"^{language}"))
    rfq = _post_rfq(buyer, text, shots, cast.ball if entry == "request-a-quote" else None)

    seller_a = signed_in(browser, live_server.url, cast.supplier_a.user.email)
    quote_a = _quote(seller_a, rfq, shots, "supplier-a", QUOTE_A)
    seller_b = signed_in(browser, live_server.url, cast.supplier_b.user.email)
    seen = Seen()
    seller_b.context.route("**/*", seen.record)
    quote_b = _quote(seller_b, rfq, shots, "supplier-b", QUOTE_B)

    _compare(buyer, rfq, text, shots)
    _ask(buyer, quote_a, text, shots)
    _reply(seller_a, "Yes: two colours, no extra cost.", shots)
    reply = buyer.locator(".message").nth(1)
    expect(reply).to_contain_text("two colours", timeout=15_000)  # polled, no reload
    shots(buyer, "buyer-sees-reply")
    assert Thread.objects.get().subject_kind == "quote"

    buyer.goto(f"/rfqs/{rfq.pk}/")
    _counter(buyer, quote_a, text, shots)
    _revise(seller_a, rfq, shots)
    thread = Thread.objects.get()
    seller_a.goto(f"/messages/{thread.pk}/")
    seller_a.fill("textarea[name=body]", "Revised: 3.72 at 1000, 25 days.")
    seller_a.get_by_role("button", name="Send").click()
    expect(seller_a.locator(".message")).to_have_count(3)
    assert Message.objects.filter(thread=thread).count() == 3

    deal = _accept(buyer, rfq, quote_a, text, shots)
    _assert_deal_is_the_revision(deal, Quote.objects.get(pk=quote_a.pk))

    seller_a.goto(f"/supplier/rfqs/{rfq.pk}/")
    seller_a.get_by_role("link", name="See the deal").click()
    expect(seller_a.locator("#deal-reference")).to_have_text(deal.reference)
    shots(seller_a, "supplier-a-deal")

    seller_b.goto(f"/supplier/rfqs/{rfq.pk}/")
    expect(seller_b.locator(f"#quote-{quote_b.pk} [data-status]")).to_have_attribute(
        "data-status", "rejected"
    )
    expect(seller_b.locator("#quote-count")).to_have_count(0)  # the buyer did not show it
    shots(seller_b, "supplier-b-after-award")
    seller_b.locator(".mainnav a[href='/supplier/rfqs/']").click()
    expect(seller_b.locator("#rfq-inbox")).not_to_contain_text(rfq.reference)  # awarded: gone
    _assert_b_learned_nothing_of_a(seen)
    assert User.objects.get(pk=cast.buyer.user_id).preferred_language == language
