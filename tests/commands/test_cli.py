"""The `tradebridge` console script: a fresh install migrates without a `var/` folder."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def _tradebridge(*command: str, var_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env |= {"DJANGO_SETTINGS_MODULE": "config.settings.base", "TRADEBRIDGE_VAR_DIR": str(var_dir)}
    return subprocess.run(  # noqa: S603 - our own console script, fixed arguments
        [sys.executable, "-c", "from tradebridge.cli import main; main()", *command],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_migrate_creates_the_missing_folder_of_the_default_sqlite_database(tmp_path: Path):
    var_dir = tmp_path / "not" / "yet" / "var"

    finished = _tradebridge("migrate", "--no-input", var_dir=var_dir)

    assert finished.returncode == 0, finished.stderr
    assert "unable to open database file" not in finished.stderr
    with sqlite3.connect(var_dir / "tradebridge.sqlite3") as database:
        applied = database.execute(
            "SELECT COUNT(*) FROM django_migrations WHERE app = 'catalog'"
        ).fetchone()[0]
    assert applied > 0
