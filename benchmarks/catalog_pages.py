# ruff: noqa: T201  # a benchmark reports on standard output
"""Benchmark (not a test): server time of the catalog pages on the demo marketplace.

    make demo   # once, or: tradebridge migrate && tradebridge demo && collectstatic
    .venv/bin/python benchmarks/catalog_pages.py [--runs 40]

Renders each page in-process with Django's test client (no network, no browser), against
the database of DATABASE_URL, after three warm-up requests; reports p50 and p95 in ms. The
visitor's currency is EUR, so prices are converted on every card.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUPPLIER = "xiamen-haicang-sports-goods-co-ltd"  # a demo supplier with a few hundred products


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()
    from django.test import Client

    from tradebridge.catalog.models import Product
    from tradebridge.catalog.web.display import product_url

    product = Product.objects.filter(status="published", supplier__slug=SUPPLIER).first()
    if product is None or product.category is None:
        sys.exit(f"No published product of {SUPPLIER}: load the demo marketplace first.")
    top = product.category
    while top.parent is not None:
        top = top.parent
    pages = {
        "categories": "/categories/",
        f"category {top.name} (page 1)": f"/categories/{top.pk}/x/",
        "storefront (page 1)": f"/suppliers/{SUPPLIER}/",
        "product": product_url(product),
        "price box (HTMX partial)": product_url(product) + "price/?quantity=1000",
    }
    client = Client(headers={"accept-language": "en"})
    client.post("/preferences/currency/", {"currency": "EUR", "next": "/"})
    for name, url in pages.items():
        for _ in range(3):
            if client.get(url).status_code != 200:
                sys.exit(f"{url} did not answer 200")
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        p95 = times[max(0, round(len(times) * 0.95) - 1)]
        print(f"{name:40s} p50 {statistics.median(times):6.1f} ms   p95 {p95:6.1f} ms")


if __name__ == "__main__":
    main()
