"""Playwright against pytest-django's live server, with Debian's chromium and screenshots.

Every browser context a test opens is watched: a console error (a refused resource or inline
code is one: Chrome reports CSP violations there), an uncaught page exception, or an axe-core
violation (WCAG 2.0/2.1 A and AA) on any page it loads or screenshots fails the test at teardown.
axe-core is vendored in tests/browser/vendor/axe-core/ (see VERSION there); no CDN.
"""

import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Error,
    Page,
    sync_playwright,
)

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text()
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Runs axe in the page; the result is plain JSON: one entry per violation and element. The
# API docs' Swagger UI widget is upstream's (its operation rows nest buttons, its method colours
# are its own); its page around it is checked. axe leaves `aria-describedby` pointing at a
# missing id to "needs review": that check is added here as a violation. Runs queue one behind
# the other (axe refuses to start while a run is going: a load check and a screenshot's may meet).
AXE_RUN = """tags => (window.__axeRuns = (window.__axeRuns || Promise.resolve()).catch(() => null)
    .then(() => axe.run({exclude: [".swagger-ui"]}, {runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"]}))).then(result => result.violations.flatMap(rule =>
    rule.nodes.map(node => ({rule: rule.id, impact: rule.impact, target: node.target.join(" "),
    summary: node.failureSummary}))).concat(
    Array.from(document.querySelectorAll("[aria-describedby]")).flatMap(element =>
    element.getAttribute("aria-describedby").split(/\\s+/).filter(id => id &&
    !document.getElementById(id)).map(id => ({rule: "aria-describedby-target", impact: "serious",
    target: element.id || element.outerHTML.slice(0, 80), summary: `no element #${id}`})))))"""


@dataclass
class BrowserChecks:
    """Console errors, page exceptions and axe violations seen by every page of one test."""

    errors: list[str] = field(default_factory=list)
    violations: dict[tuple[str, str, str], str] = field(default_factory=dict)
    pages_checked: int = 0

    def watch(self, context: BrowserContext) -> None:
        context.on("console", self._console)
        context.on("weberror", lambda error: self.errors.append(f"page error: {error.error}"))
        context.on("page", self._page)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"{message.page.url if message.page else '?'}: {message.text}")

    def _page(self, page: Page) -> None:
        page.on("load", lambda loaded: self.check(loaded, quiet=True))

    def check(self, page: Page, *, quiet: bool = False) -> None:
        """Run axe on the page as it is now. `quiet`: the page may be navigating away (a load
        handler races the test's next click); a check cut short that way is skipped."""
        try:
            if not page.evaluate("typeof window.axe === 'object'"):
                page.evaluate(AXE_SOURCE)  # evaluated by the driver, not subject to the CSP
            found = page.evaluate(AXE_RUN, AXE_TAGS)
        except Error:
            if quiet:
                return
            raise
        self.pages_checked += 1
        where = f"{page.url} at {page.viewport_size['width'] if page.viewport_size else '?'}px"
        for item in found:
            key = (where, item["rule"], item["target"])
            self.violations[key] = f"{item['impact']}: {item['summary']}"

    def report(self) -> str:
        lines = [f"console: {error}" for error in self.errors]
        lines += [
            f"axe {rule} on {url} at {target} ({summary})"
            for (url, rule, target), summary in self.violations.items()
        ]
        return "\n".join(lines)


@dataclass
class Screenshots:
    """Numbered full-page screenshots of one test, under test-artifacts/screenshots/<test>/.
    Each one is also an axe check of the page as shown."""

    directory: Path
    checks: BrowserChecks
    taken: list[Path] = field(default_factory=list)

    def __call__(self, page: Page, step: str) -> Path:
        path = self.directory / f"{len(self.taken) + 1:02d}-{step}.png"
        page.screenshot(path=path, full_page=True)
        self.checks.check(page)
        self.taken.append(path)
        return path


@dataclass
class ConsoleLog:
    """Browser console errors and CSP violations seen by a page."""

    errors: list[str] = field(default_factory=list)

    def record(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(message.text)


@pytest.fixture
def browser_checks() -> BrowserChecks:
    return BrowserChecks()


@pytest.fixture(autouse=True)
def _browser_clean(browser_checks: BrowserChecks) -> Iterator[None]:
    """Fail the test, after it ran, on any console error or accessibility violation."""
    yield
    assert browser_checks.report() == "", browser_checks.report()


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch, browser_checks: BrowserChecks) -> Iterator[Browser]:
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("chromium is not installed (apt-get install chromium); .ci/run installs it")
    # The sync Playwright API runs an event loop in the test thread; the ORM calls the test
    # makes there (fixtures, assertions) are synchronous and safe. Set for this test only.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        _watch_new_contexts(launched, browser_checks, monkeypatch)
        yield launched
        for context in launched.contexts:  # the pages as the test left them
            for left in context.pages:
                browser_checks.check(left, quiet=True)
        launched.close()


def _watch_new_contexts(
    launched: Browser, checks: BrowserChecks, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every context the test opens, through a fixture or `browser.new_context`, is watched."""
    opened = launched.new_context

    def new_context(*args: object, **kwargs: object) -> BrowserContext:
        context = opened(*args, **kwargs)  # type: ignore[arg-type]
        checks.watch(context)
        return context

    monkeypatch.setattr(launched, "new_context", new_context)


@pytest.fixture
def console() -> ConsoleLog:
    return ConsoleLog()


@pytest.fixture
def page(
    browser: Browser, live_server, console: ConsoleLog, browser_checks: BrowserChecks
) -> Iterator[Page]:
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 860}, locale="en-GB"
    )
    context.set_default_timeout(10_000)
    opened = context.new_page()
    opened.on("console", console.record)
    yield opened
    browser_checks.check(opened, quiet=True)
    context.close()


@pytest.fixture
def screenshot(
    request: pytest.FixtureRequest, browser_checks: BrowserChecks
) -> Callable[[Page, str], Path]:
    directory = SCREENSHOTS / re.sub(r"[^\w.-]+", "_", request.node.name)
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    return Screenshots(directory, browser_checks)
