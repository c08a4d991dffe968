"""Issue 9, "Done when": a new supplier's first hour and the operator's review, in a real
browser at 1280 and 390 px, with no dead end, wrong link or untranslated screen.

The supplier signs up (China), confirms the address from the branded e-mail, follows the
dashboard's checklist (uploads its business licence, imports the CSV template it downloaded,
sends the products for review in bulk), invites a colleague and switches to German. An
operator signs in through /admin/login/, sees what waits on the back-office home, approves the
licence (business verified) and the products. The supplier's products are then on its
storefront, and the e-mails about them came in German. Every e-mail link points at the live
server. Screenshots go to test-artifacts/screenshots/<test>/.
"""

import csv
import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from playwright.sync_api import Browser, FilePayload, Locator, Page, expect

from tradebridge.accounts.tests.factories import DEFAULT_PASSWORD, OperatorFactory
from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.models import Category, Product
from tradebridge.catalog.services import categories_load
from tradebridge.catalog.taxonomy import read_taxonomy
from tradebridge.companies.enums import VerificationLevel
from tradebridge.companies.models import Company
from tradebridge.companies.tests.files import PDF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Screenshot = Callable[[Page, str], Path]
SUPPLIER = "mei.lin@ningbo-fitness.example"
COLLEAGUE = "wang.fang@ningbo-fitness.example"
OPERATOR = "ops@tradebridge.example.com"
PASSWORD = "kite-surf-lantern-2026"
COMPANY = "Ningbo Harbour Fitness Co., Ltd."
SOCCER_BALLS = 1112
# The template's ball, and two products the supplier adds to it.
TITLES = ["PU soccer ball, size 5", "PVC training ball, size 4", "Futsal ball, size 4"]


@pytest.fixture(autouse=True)
def _patient_expect() -> Iterator[None]:
    """The machine running the suite may be busy: wait up to 15 s for what should appear."""
    expect.set_options(timeout=15_000)
    yield
    expect.set_options(timeout=5_000)


def _page(browser: Browser, base_url: str, width: int) -> Page:
    context = browser.new_context(
        base_url=base_url,
        viewport={"width": width, "height": 860 if width > 400 else 844},
        locale="en-GB",
    )
    context.set_default_timeout(20_000)
    return context.new_page()


def _links(message: EmailMultiAlternatives, path_prefix: str) -> list[str]:
    urls: list[str] = re.findall(r"https?://[^\s\"'<>]+", str(message.body))
    return [url for url in urls if urlsplit(url).path.startswith(path_prefix)]


def _last_email_to(outbox: list[EmailMultiAlternatives], address: str) -> EmailMultiAlternatives:
    to_address = [message for message in outbox if address in message.to]
    assert to_address, f"no e-mail to {address}"
    return to_address[-1]


def _branded_link(message: EmailMultiAlternatives, base_url: str, path_prefix: str) -> str:
    """The e-mail's link to `path_prefix`, which must be on the live server (host and port);
    the e-mail has its HTML part in the Tradebridge layout."""
    links = _links(message, path_prefix)
    assert links, f"no {path_prefix} link in {message.subject!r}"
    assert all(link.startswith(f"{base_url}{path_prefix}") for link in links), links
    html = [content for content, mimetype in message.alternatives if mimetype == "text/html"]
    assert len(html) == 1
    assert "Tradebridge" in str(html[0])
    return urlsplit(links[0]).path


def _signs_up_and_confirms(page: Page, outbox, base_url: str, shot: Screenshot) -> None:
    page.goto("/")
    page.get_by_role("link", name="Sign up as a supplier").first.click()
    expect(page).to_have_url(re.compile(r"/signup/\?kind=supplier$"))
    page.locator("[name=full_name]").fill("Mei Lin")
    page.locator("[name=email]").fill(SUPPLIER)
    page.locator("[name=password1]").fill(PASSWORD)
    page.locator("[name=password2]").fill(PASSWORD)
    page.locator("[name=legal_name]").fill(COMPANY)
    expect(page.locator("input[name=kind][value=supplier]")).to_be_checked()
    page.locator("[name=country]").select_option("CN")
    shot(page, "signup")
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))
    shot(page, "confirmation-sent")

    message = _last_email_to(outbox, SUPPLIER)
    page.goto(_branded_link(message, base_url, "/accounts/confirm-email/"))
    shot(page, "confirm-address")
    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(re.compile(r"/dashboard/$"))


def _step(page: Page, key: str):
    return page.locator(f"li[data-step={key}]")


def _sees_next_steps(page: Page, shot: Screenshot) -> None:
    expect(page.locator("main")).to_contain_text(f"You are working for {COMPANY} as Owner.")
    expect(page.locator("main .badge").filter(has_text="E-mail verified")).to_be_visible()
    expect(page.locator(".checklist strong")).to_contain_text(
        ["Get verified", "Add your first products", "Publish your products"]
    )
    for key in ("verify", "products", "publish"):
        expect(_step(page, key)).not_to_have_class("is-done")
    shot(page, "dashboard-next-steps")


def _uploads_licence(page: Page, shot: Screenshot) -> None:
    _step(page, "verify").get_by_role("link", name="Start").click()
    expect(page).to_have_url(re.compile(r"/company/verification/$"))
    page.locator("[name=kind]").select_option("business_licence")
    licence: FilePayload = {"name": "licence.pdf", "mimeType": "application/pdf", "buffer": PDF}
    page.set_input_files("input[name=file]", files=[licence])
    page.get_by_role("button", name="Upload").click()
    expect(page.locator("main")).to_contain_text(
        "The document was uploaded; an operator will review it."
    )
    expect(page.locator("section[aria-labelledby=documents] table")).to_contain_text("licence.pdf")
    shot(page, "licence-uploaded")


def _catalog_file(template: bytes) -> bytes:
    """The downloaded template with two more products, as a supplier fills it in."""
    rows = list(csv.DictReader(io.StringIO(template.decode())))
    ball = rows[0]
    added = [
        {**ball, "sku": sku, "title": title, "attributes": attributes}
        for sku, title, attributes in (
            ("BALL-4-PVC", TITLES[1], "Material=PVC;Size=4"),
            ("BALL-4-FUTSAL", TITLES[2], "Material=PU;Size=4"),
        )
    ]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(ball), quoting=csv.QUOTE_ALL)
    writer.writeheader()
    writer.writerows([*rows, *added])
    return buffer.getvalue().encode()


def _imports_catalog(page: Page, shot: Screenshot) -> None:
    page.goto("/dashboard/")
    _step(page, "products").get_by_role("link", name="Start").click()
    expect(page).to_have_url(re.compile(r"/supplier/catalog/import/$"))
    shot(page, "import-page")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the CSV template").click()
    template = Path(download_info.value.path()).read_bytes()
    upload: FilePayload = {
        "name": "ningbo-catalog.csv",
        "mimeType": "text/csv",
        "buffer": _catalog_file(template),
    }
    page.set_input_files("input[name=file]", files=[upload])
    page.get_by_role("button", name="Start import").click()
    expect(page).to_have_url(re.compile(r"/supplier/catalog/import/[0-9a-f-]+/$"))
    expect(page.locator("#import-job .badge").first).to_have_text("Succeeded")
    _spans_its_card(page.locator("#import-job progress"))
    # A short import's duration in seconds, not "0 minutes".
    expect(page.locator("#import-job dl")).to_contain_text(
        re.compile(r"Duration\s*(\d+ s|under a second)")
    )
    shot(page, "import-done")


def _spans_its_card(bar: Locator) -> None:
    """A full progress bar looks done: as wide as the card's content."""
    expect(bar).to_have_attribute("value", "100")
    card = bar.locator("xpath=ancestor::section[1]").evaluate(
        "card => card.clientWidth - parseFloat(getComputedStyle(card).paddingLeft)"
        " - parseFloat(getComputedStyle(card).paddingRight)"
    )
    box = bar.bounding_box()
    assert box is not None
    assert round(box["width"]) == round(card)


def _publishes_in_bulk(page: Page, shot: Screenshot) -> None:
    page.get_by_role("link", name="Catalog", exact=True).first.click()
    expect(page).to_have_url(re.compile(r"/supplier/catalog/$"))
    for title in TITLES:
        expect(page.locator("main table")).to_contain_text(title)
    for sku in ("BALL-5", "BALL-4-PVC", "BALL-4-FUTSAL"):
        page.get_by_label(f"Select {sku}").check()
    shot(page, "catalog-selected")
    page.get_by_role("button", name="Publish selected").click()
    expect(page.locator("main")).to_contain_text(
        "3 products sent for review: they will be public once approved."
    )
    expect(page.locator("main table .badge").filter(has_text="Pending review")).to_have_count(3)
    shot(page, "bulk-publish-sent-for-review")


def _sees_what_waits_for_review(page: Page, shot: Screenshot) -> None:
    """The licence and the products wait for the operator: the dashboard says so, and links
    to them."""
    page.goto("/dashboard/")
    verify, publish = _step(page, "verify"), _step(page, "publish")
    for step in (verify, publish):
        expect(step).to_have_class("is-waiting")
        expect(step.locator(".badge")).to_have_text("Waiting for review")
        expect(step.get_by_role("link", name="Start")).to_have_count(0)
    expect(verify).to_contain_text("An operator is reviewing your documents.")
    expect(publish).to_contain_text("3 products wait for review.")
    shot(page, "dashboard-waiting-for-review")
    publish.get_by_role("link", name="See them in your catalog").click()
    expect(page).to_have_url(re.compile(r"/supplier/catalog/\?status=pending_review$"))
    expect(page.locator("main table .badge").filter(has_text="Pending review")).to_have_count(3)
    page.goto("/dashboard/")
    _step(page, "verify").get_by_role("link", name="See your documents").click()
    expect(page).to_have_url(re.compile(r"/company/verification/$"))


def _invites_colleague(page: Page, outbox, base_url: str, shot: Screenshot) -> None:
    page.goto("/dashboard/")
    _step(page, "invite").get_by_role("link", name="Start").click()
    page.locator("[name=email]").fill(COLLEAGUE)
    page.locator("[name=role]").select_option("sales")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.locator("main")).to_contain_text(f"An invitation has been sent to {COLLEAGUE}")
    shot(page, "colleague-invited")
    _branded_link(_last_email_to(outbox, COLLEAGUE), base_url, "/invitations/")


def _switches_to_german(page: Page, shot: Screenshot) -> None:
    """The language switcher; the dashboard and the import page then speak German in their
    headings, steps and links."""
    page.goto("/dashboard/")
    page.locator("#pref-language").select_option("de")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.locator("main h1")).to_have_text("Willkommen, Mei")
    expect(page.locator("main h2").first).to_have_text("Nächste Schritte")
    expect(page.locator(".checklist strong")).to_contain_text(
        [
            "Lassen Sie sich verifizieren",
            "Fügen Sie Ihre ersten Produkte hinzu",
            "Veröffentlichen Sie Ihre Produkte",
            "Kollegen einladen",
        ]
    )
    expect(page.locator(".checklist .badge").filter(has_text="Wartet auf Prüfung")).to_have_count(2)
    expect(_step(page, "publish")).to_contain_text("3 Produkte warten auf Prüfung.")
    shot(page, "dashboard-de")
    page.goto("/supplier/catalog/import/")
    expect(page.locator("main h1")).to_have_text("Katalog importieren")
    expect(page.locator("main h2")).to_have_text(
        ["Datei hochladen", "Ihren Katalog herunterladen", "Frühere Importe"]
    )
    expect(page.locator(".import-help a")).to_have_text(
        [re.compile("Dateiformat"), re.compile("CSV-Vorlage")]
    )
    shot(page, "import-page-de")


def _operator_signs_in(page: Page, shot: Screenshot) -> None:
    page.goto("/admin/login/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=%2Fadmin%2F"))
    expect(page.locator("main h1")).to_have_text("Sign in")
    expect(page.get_by_label("Remember me")).to_be_visible()
    expect(page.locator("main").get_by_role("link", name="sign up")).to_have_attribute(
        "href", re.compile(r"^/signup/\?next=%2Fadmin%2F")
    )
    page.locator("[name=login]").fill(OPERATOR)
    page.locator("[name=password]").fill(DEFAULT_PASSWORD)
    shot(page, "operator-sign-in")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.locator("#operator-home").get_by_role("row")).to_have_text(
        [
            "Verification documents to review 1",
            "Changes of kind to review 0",
            "Products pending review 3",
            "Suspended companies 0",
            "Reported messages to review 0",
            "Reported RFQs to review 0",
            "Bank transfers held for review 0",
            "Suppliers owed a payout 0",
        ]
    )
    shot(page, "operator-home")


def _run_action(page: Page, action: str) -> None:
    page.locator("#action-toggle").check()
    page.locator("select[name=action]").select_option(action)
    page.locator("button[name=index]").click()


def _operator_approves(page: Page, shot: Screenshot) -> None:
    home = page.locator("#operator-home")
    home.get_by_role("link", name="Verification documents to review").click()
    expect(page.locator("#result_list")).to_contain_text("licence.pdf")
    _run_action(page, "approve")
    company = Company.objects.get(legal_name=COMPANY).display_name
    expect(page.locator("#content form ul li")).to_have_text(
        f"Business licence: licence.pdf, of {company}"
    )
    page.locator("[name=grant_level]").select_option(VerificationLevel.BUSINESS_VERIFIED)
    shot(page, "operator-approves-licence")
    page.get_by_role("button", name="Confirm").click()
    company = Company.objects.get(legal_name=COMPANY).display_name
    expect(page.locator(".messagelist")).to_have_text(
        f"Document “licence.pdf” of {company} approved. {company} is now business verified."
    )
    shot(page, "operator-licence-approved")

    page.goto("/admin/")
    home.get_by_role("link", name="Products pending review").click()
    for title in TITLES:
        expect(page.locator("#result_list")).to_contain_text(title)
    _run_action(page, "approve")
    expect(page.locator(".messagelist")).to_have_text(
        re.compile(r"^\s*3 products approved: “.+”, “.+”, “.+”\.\s*$")
    )
    shot(page, "operator-products-approved")


def _supplier_sees_storefront(page: Page, shot: Screenshot) -> None:
    page.goto("/dashboard/")
    for key in ("verify", "products", "publish", "invite"):
        expect(_step(page, key)).to_have_class("is-done")
    expect(page.locator("main .badge").filter(has_text="Unternehmen geprüft")).to_be_visible()
    shot(page, "dashboard-steps-done-de")
    page.goto("/supplier/catalog/")
    expect(page.locator("main table .badge").filter(has_text="Veröffentlicht")).to_have_count(3)
    page.locator("main .page-header .actions a").first.click()
    for title in TITLES:
        expect(page.locator("main")).to_contain_text(title)
    shot(page, "storefront")
    page.locator("main").get_by_role("link", name=TITLES[1]).first.click()
    expect(page.locator("main h1")).to_have_text(TITLES[1])
    shot(page, "product-page")


def _german_emails(page: Page, outbox, base_url: str) -> None:
    """The licence's and the products' e-mails came in the supplier's language (German), their
    links on the live server: one e-mail lists the three products the operator approved in one
    action, and its first link opens the first of them in the supplier's catalog."""
    to_supplier = {message.subject: message for message in outbox if SUPPLIER in message.to}
    licence = to_supplier.get("Ihr Dokument „licence.pdf“ wurde genehmigt")
    assert licence is not None, list(to_supplier)
    _branded_link(licence, base_url, "/company/verification/")
    assert not [subject for subject in to_supplier if subject.startswith("Ihr Produkt")]
    products = to_supplier.get("3 Ihrer Produkte sind veröffentlicht")
    assert products is not None, list(to_supplier)
    body = str(products.body)
    assert "Der Betreiber hat 3 Produkte von" in body
    for title in TITLES:
        assert f"- {title} (" in body
    assert len(_links(products, "/supplier/catalog/")) == 4  # each product, then the catalog
    page.goto(_branded_link(products, base_url, "/supplier/catalog/"))  # the first, by title
    expect(page.locator("main h1")).to_have_text(TITLES[-1])


@pytest.mark.parametrize("width", [1280, 390])
def test_a_new_suppliers_first_hour_and_the_operators_review(
    browser: Browser, live_server, mailoutbox, screenshot: Screenshot, width: int
):
    cache.clear()  # sign-in rate limits of an earlier test
    if not Category.objects.filter(id=SOCCER_BALLS).exists():  # flushed by an earlier test
        categories_load(nodes=read_taxonomy())
    OperatorFactory.create(email=OPERATOR)
    base_url = live_server.url
    supplier = _page(browser, base_url, width)

    _signs_up_and_confirms(supplier, mailoutbox, base_url, screenshot)
    _sees_next_steps(supplier, screenshot)
    _uploads_licence(supplier, screenshot)
    _imports_catalog(supplier, screenshot)
    _publishes_in_bulk(supplier, screenshot)
    _sees_what_waits_for_review(supplier, screenshot)
    _invites_colleague(supplier, mailoutbox, base_url, screenshot)
    _switches_to_german(supplier, screenshot)

    operator = _page(browser, base_url, width)
    _operator_signs_in(operator, screenshot)
    _operator_approves(operator, screenshot)

    company = Company.objects.get(legal_name=COMPANY)
    assert company.verification_level == VerificationLevel.BUSINESS_VERIFIED
    statuses = Product.objects.filter(supplier=company).values_list("status", flat=True)
    assert set(statuses) == {ProductStatus.PUBLISHED}
    _supplier_sees_storefront(supplier, screenshot)
    _german_emails(supplier, mailoutbox, base_url)
