import os
import secrets
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def prod_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A production environment whose var/ (database, collected static files) is throw-away."""
    var_dir = tmp_path_factory.mktemp("prod-var")
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DATABASE_URL",
            "REDIS_URL",
            "DEBUG",
            "SECURE_SSL_REDIRECT",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        SECRET_KEY=secrets.token_urlsafe(64),
        EMAIL_URL="smtp://user:pass@smtp.example.com:587",
        ALLOWED_HOSTS="tradebridge.example.com",
        TRUSTED_PROXY_COUNT="1",  # one TLS proxy in front, as docs/deployment.md says
        TRADEBRIDGE_VAR_DIR=str(var_dir),
        DATABASE_URL=f"sqlite:///{var_dir / 'tradebridge.sqlite3'}",
    )
    return env


@pytest.fixture(scope="session")
def run_in_prod(prod_env: dict[str, str]) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run `python <args>` from the project root with the production environment."""

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(  # noqa: S603 - fixed interpreter and arguments
            [sys.executable, *args],
            cwd=PROJECT_ROOT,
            env=prod_env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    return run
