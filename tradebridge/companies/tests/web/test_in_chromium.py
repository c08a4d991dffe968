"""The pages in a real browser: HTMX works under the strict CSP, and phones get no side-scroll."""

import pytest

from tradebridge.accounts.tests.factories import DEFAULT_PASSWORD
from tradebridge.companies.enums import Role

pytestmark = pytest.mark.browser


@pytest.fixture
def chromium(browser):
    """The shared browser (tests/browser/checks.py): a console error or an axe-core violation on
    any page these tests open fails them, as in tests/browser/."""
    return browser


def _signed_in_page(chromium, live_server, membership, width):
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.goto("/accounts/login/")
    page.fill("input[name=login]", membership.user.email)
    page.fill("input[name=password]", DEFAULT_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/dashboard/")
    return page, errors


def test_a_role_changes_inline_over_htmx_without_csp_errors(team, live_server, chromium):
    page, errors = _signed_in_page(chromium, live_server, team.owner, 1280)
    page.goto("/company/members/")
    row = page.locator(f"#member-{team.viewer.pk}")

    row.locator("select").select_option("sales")
    page.wait_for_selector(f"#member-{team.viewer.pk}.row-flash")

    assert page.url.endswith("/company/members/")  # swapped in place, no navigation
    assert row.locator("select").input_value() == "sales"
    assert page.locator(f"#member-{team.viewer.pk} >> text=Saved").count() == 1
    team.viewer.refresh_from_db()
    assert team.viewer.role == Role.SALES
    assert errors == []


@pytest.mark.parametrize(
    "path", ["/", "/dashboard/", "/company/members/", "/company/invitations/", "/account/tokens/"]
)
def test_pages_fit_a_phone_screen(team, live_server, chromium, path):
    page, errors = _signed_in_page(chromium, live_server, team.owner, 390)

    page.goto(path)

    assert page.evaluate("document.documentElement.scrollWidth") == 390
    assert errors == []
