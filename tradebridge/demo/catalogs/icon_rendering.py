"""Copy the Tabler icons the demo pictures use and render them to PNG masks (a dev-time tool).

    npm pack @tabler/icons@3.54.0 && tar xzf tabler-icons-3.54.0.tgz
    .venv/bin/python -m tradebridge.demo.catalogs.icon_rendering --tabler package

copies the outline SVGs named in `icons.CATEGORY_ICONS` and `MOTIF_ICONS` and the licence
into `demo/data/tabler-icons/`, then renders each SVG with the Debian chromium the browser
tests use (Playwright, a dev dependency) into a greyscale mask: the icon's coverage, drawn
with a 1.5 px stroke (Tabler's default is 2) at ICON_SIZE pixels. Without `--tabler` it only
renders the SVGs already copied. Loading the demo reads the masks with Pillow alone.
"""

import argparse
import io
import re
import shutil
from pathlib import Path

from PIL import Image

from tradebridge.demo.catalogs.icons import CATEGORY_ICONS, ICON_SIZE, ICONS_DIR, MOTIF_ICONS

STROKE_WIDTH = "1.5"


def icon_names() -> list[str]:
    return sorted({*CATEGORY_ICONS.values(), *(icon for _, icon in MOTIF_ICONS)})


def copy_icons(tabler: Path) -> None:
    """Copy the needed outline SVGs and the licence from an unpacked @tabler/icons package."""
    (ICONS_DIR / "svg").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(tabler / "LICENSE", ICONS_DIR / "LICENSE")
    for name in icon_names():
        shutil.copyfile(
            tabler / "icons" / "outline" / f"{name}.svg", ICONS_DIR / "svg" / f"{name}.svg"
        )


def render_icons() -> None:
    from playwright.sync_api import sync_playwright  # a dev dependency, imported when used

    (ICONS_DIR / "png").mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        chromium = shutil.which("chromium")
        browser = playwright.chromium.launch(
            executable_path=chromium, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": ICON_SIZE, "height": ICON_SIZE})
        for name in icon_names():
            page.set_content(f'<body style="margin:0">{_sized(name)}</body>')
            shot = page.locator("svg").screenshot(omit_background=True)
            with Image.open(io.BytesIO(shot)) as rendered:
                mask = rendered.convert("RGBA").getchannel("A")
            mask.save(ICONS_DIR / "png" / f"{name}.png", optimize=True)
        browser.close()


def _sized(name: str) -> str:
    svg = (ICONS_DIR / "svg" / f"{name}.svg").read_text(encoding="utf-8")
    svg = re.sub(r'width="24"', f'width="{ICON_SIZE}"', svg, count=1)
    svg = re.sub(r'height="24"', f'height="{ICON_SIZE}"', svg, count=1)
    svg = re.sub(r'stroke-width="2"', f'stroke-width="{STROKE_WIDTH}"', svg, count=1)
    return svg.replace('stroke="currentColor"', 'stroke="#000"', 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--tabler", type=Path, help="an unpacked @tabler/icons npm package")
    arguments = parser.parse_args()
    if arguments.tabler:
        copy_icons(arguments.tabler)
    render_icons()


if __name__ == "__main__":
    main()
