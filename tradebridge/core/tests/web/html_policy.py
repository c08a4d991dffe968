"""What the strict CSP (`script-src 'self' 'nonce-…'`, `style-src 'self'`) demands of a page."""

from html.parser import HTMLParser

# Data blocks (allauth passes JSON to its scripts this way) are never executed.
DATA_SCRIPT_TYPES = frozenset({"application/json", "application/ld+json"})


class _PolicyParser(HTMLParser):
    def __init__(self, nonce: str) -> None:
        super().__init__()
        self.nonce = nonce
        self.violations: list[str] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.violations += [f"<{tag} {name}=…>" for name in found if name.startswith("on")]
        if "style" in found:
            self.violations.append(f"<{tag} style=…>")
        if tag == "style":
            self.violations.append("<style> element")
        href = found.get("href") or ""
        if tag == "link" and href.startswith(("http:", "https:", "//")):
            self.violations.append(f"external stylesheet {href}")
        if tag == "script":
            self._check_script(found)

    def _check_script(self, found: dict[str, str | None]) -> None:
        source = found.get("src")
        if source:
            self.scripts.append(source)
            if source.startswith(("http:", "https:", "//")):
                self.violations.append(f"external script {source}")
        elif found.get("type") not in DATA_SCRIPT_TYPES and found.get("nonce") != self.nonce:
            self.violations.append("inline <script> without the page's nonce")


def csp_violations(html: str, nonce: str = "") -> list[str]:
    """Inline styles, event handlers, un-nonced inline scripts and off-site assets in `html`."""
    parser = _PolicyParser(nonce)
    parser.feed(html)
    return parser.violations


def scripts(html: str) -> list[str]:
    """The `src` of every external script of the page."""
    parser = _PolicyParser("")
    parser.feed(html)
    return parser.scripts
