"""The API answers as its OpenAPI document says: schemathesis over every operation.

`st run` (all checks: server errors, undocumented statuses, response schemas, schema-valid
input refused, schema-invalid input accepted, methods, authentication, one tenant reading
another's objects...) runs the examples, fuzzing and stateful phases against a live server
seeded with two supplier companies, each with a published and a draft product and an
API token of its owner. An operation added later is covered the same way, with no edit here.
"""

import json
import os
import subprocess
import sys
import urllib.request
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from tradebridge.accounts.tests.factories import UserFactory
from tradebridge.accounts.web.preferences import DISPLAY_CURRENCIES
from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.models import Category
from tradebridge.catalog.services import categories_load
from tradebridge.catalog.taxonomy import read_taxonomy
from tradebridge.catalog.tests.factories import ProductFactory, SupplierFactory
from tradebridge.companies.enums import Role
from tradebridge.companies.models import Company
from tradebridge.companies.tests.factories import MembershipFactory, issue_api_token
from tradebridge.core.fx_ecb import parse_ecb_history
from tradebridge.core.services.fx import fx_rates_import

pytestmark = pytest.mark.schemathesis

MAX_EXAMPLES = 25
SOCCER_BALLS = 1112  # "Sporting Goods > Athletics > Soccer > Soccer Balls"
SCHEMATHESIS = Path(sys.executable).with_name("st")
PROJECT_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = PROJECT_ROOT / "test-artifacts" / "schemathesis"


def _tenant(slug: str) -> str:
    """A supplier company with a published and a draft product; its owner's API token."""
    company: Company = SupplierFactory.create(slug=slug, legal_name=f"{slug.title()} Ltd")
    owner = MembershipFactory.create(company=company, user=UserFactory.create(), role=Role.OWNER)
    ProductFactory.create(supplier=company, category_id=SOCCER_BALLS, stock=500)
    ProductFactory.create(supplier=company, status=ProductStatus.DRAFT, published_at=None)
    return issue_api_token(owner).token


def _rates() -> None:
    day = (timezone.localdate() - timedelta(days=1)).isoformat()
    codes = [code for code in DISPLAY_CURRENCIES if code != "EUR"]
    text = f"Date,{','.join(codes)},\n{day},{','.join('1.5' for _ in codes)},\n"
    fx_rates_import(rates=parse_ecb_history(text))


@pytest.fixture
def tenants(search_index: Path, transactional_db: None, tmp_path: Path) -> Path:
    """The Web Fuzzing Commons auth file naming the two tenants' tokens."""
    # The migration loads the taxonomy; a transactional test before this one flushed it.
    if not Category.objects.filter(id=SOCCER_BALLS).exists():
        categories_load(nodes=read_taxonomy())
    _rates()
    users = [
        {"name": name, "fixedHeaders": [{"name": "Authorization", "value": f"Bearer {token}"}]}
        for name, token in (("tenant-a", _tenant("tenant-a")), ("tenant-b", _tenant("tenant-b")))
    ]
    auth_file = tmp_path / "auth.json"
    auth_file.write_text(json.dumps({"auth": users}))
    return auth_file


def _schema_file(server_url: str, folder: Path) -> Path:
    """The server's OpenAPI document, saved to a file: schemathesis gives a schema URL only 10
    seconds to answer, and a busy CI machine may take longer to build the document."""
    with urllib.request.urlopen(f"{server_url}/api/v1/openapi.json", timeout=120) as response:  # noqa: S310 - the live server's own address
        path = folder / "openapi.json"
        path.write_bytes(response.read())
    return path


def test_the_api_conforms_to_its_openapi_document(
    live_server: Any, tenants: Path, tmp_path: Path
) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(  # noqa: S603 - the venv's own schemathesis, fixed arguments
        [
            str(SCHEMATHESIS),
            f"--config-file={Path(__file__).with_name('schemathesis.toml')}",
            "run",
            str(_schema_file(live_server.url, tmp_path)),
            f"--url={live_server.url}",
            "--checks=all",
            # The coverage phase (boundary values of every parameter) takes 4 minutes on 2
            # cores and does not apply the hooks: it is left to a manual run (docs/api.md).
            "--phases=examples,fuzzing,stateful",
            f"--max-examples={MAX_EXAMPLES}",
            "--workers=1",  # the live server shares one SQLite connection between threads
            "--request-timeout=60",  # a busy CI machine builds the document in seconds
            "--seed=20261207",
            f"--auth-wfc={tenants}",
            "--report=json",
            f"--report-json-path={ARTIFACTS / 'report.json'}",
        ],
        env={**os.environ, "SCHEMATHESIS_HOOKS": "tests.api.schemathesis_hooks"},
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )

    (ARTIFACTS / "output.txt").write_text(result.stdout + result.stderr)

    assert result.returncode == 0, result.stdout[-20_000:] + result.stderr[-5_000:]
