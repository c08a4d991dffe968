"""The interactive API docs render in a real browser under the site's Content Security Policy."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_api_docs_render_with_no_console_errors(page, console, screenshot):
    response = page.goto("/api/v1/docs")

    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Tradebridge API")
    expect(page.locator(".swagger-ui .opblock-tag-section").first).to_be_visible()
    screenshot(page, "api-docs")
    assert response is not None
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "unsafe" not in policy
    assert console.errors == []
