"""A supplier imports a catalog file in a real browser and follows the job: the page polls
the job (HTMX, under the strict CSP) until it ends, then shows the row errors. Screenshots in
test-artifacts/screenshots/<test>/."""

import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tradebridge.accounts.tests.factories import DEFAULT_PASSWORD
from tradebridge.catalog.enums import ImportStatus
from tradebridge.catalog.models import ImportJob, Product
from tradebridge.catalog.tests.factories import ImportJobFactory
from tradebridge.catalog.tests.importing.catalog_files import GOOD, csv_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[4] / "test-artifacts" / "screenshots"


@pytest.fixture
def signed_in(request, team, categories, live_server, browser):
    """The shared browser (tests/browser/checks.py): a console error or an axe-core violation on
    any page fails the test, as in tests/browser/."""
    directory = SCREENSHOTS / re.sub(r"[^\w.-]+", "_", request.node.name)
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="en-GB"
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto("/accounts/login/")
    page.fill("input[name=login]", team.sales.user.email)
    page.fill("input[name=password]", DEFAULT_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/dashboard/")
    shots = iter(range(1, 100))
    yield (
        page,
        errors,
        lambda step: page.screenshot(
            path=directory / f"{next(shots):02d}-{step}.png", full_page=True
        ),
    )
    context.close()


def test_a_supplier_uploads_a_file_and_reads_the_row_errors(team, signed_in, tmp_path):
    page, errors, shot = signed_in
    catalog = tmp_path / "spring-catalog.csv"
    catalog.write_bytes(csv_bytes([*GOOD, ["BAD-1", "Ball", "1112", "100:4;500:5", "", "", ""]]))

    page.goto("/supplier/catalog/import/")
    page.set_input_files("#id_file", str(catalog))
    shot("upload-form")
    page.click("text=Start import")

    expect(page.locator("h1")).to_have_text("spring-catalog.csv")
    expect(page.locator("#import-job")).to_contain_text("Succeeded")
    expect(page.locator("#import-job table")).to_contain_text(
        "A larger quantity cannot cost more per unit than a smaller one."
    )
    shot("job-with-row-errors")
    assert sorted(Product.objects.values_list("sku", flat=True)) == ["BALL-5", "NET-1"]
    assert errors == []


def test_the_job_page_follows_a_running_job_until_it_ends(team, signed_in):
    page, errors, shot = signed_in
    job = ImportJobFactory.create(
        supplier=team.supplier,
        filename="full-range.xlsx",
        status=ImportStatus.RUNNING,
        total_rows=1000,
        processed_rows=400,
        created_count=398,
        error_count=2,
    )

    page.goto(f"/supplier/catalog/import/{job.pk}/")
    expect(page.locator("#import-job")).to_contain_text("400 of 1,000")
    shot("running")
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.SUCCEEDED,
        processed_rows=1000,
        created_count=996,
        error_count=4,
        errors=[
            {"line": n, "column": "price_tiers", "reason": f"bad tier {n}"} for n in range(2, 6)
        ],
    )

    expect(page.locator("#import-job")).to_contain_text("Succeeded")  # no reload: HTMX polled
    expect(page.locator("#import-job table")).to_contain_text("bad tier 5")
    expect(page.locator("#import-job")).not_to_have_attribute("hx-trigger", re.compile("every"))
    shot("finished")
    assert errors == []
