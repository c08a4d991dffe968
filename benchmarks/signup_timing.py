# ruff: noqa: T201  # a benchmark reports on standard output
"""Benchmark (not a test): does sign-up take as long for a taken e-mail as for a new one?

    TRADEBRIDGE_VAR_DIR=/tmp/tb-signup EMAIL_URL=locmem:// \\
        .venv/bin/python benchmarks/signup_timing.py [--runs 20]

Posts the sign-up form in-process with Django's test client, with the real settings (argon2
hashing), against a fresh SQLite database under TRADEBRIDGE_VAR_DIR; alternates a new address
with one that has an account. Reports p50 and p95 in ms and the redirect each path answers.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TAKEN = "taken@example.com"


def _form(email: str) -> dict[str, str]:
    return {
        "full_name": "Mei Lin",
        "email": email,
        "password1": "correct-horse-battery-42",
        "password2": "correct-horse-battery-42",
        "legal_name": "Lin Trading",
        "kind": "buyer",
        "country": "DE",
    }


def _timed_post(client: object, email: str) -> tuple[float, str]:
    start = time.perf_counter()
    response = client.post("/accounts/signup/", _form(email))  # type: ignore[attr-defined]
    elapsed = (time.perf_counter() - start) * 1000
    return elapsed, f"{response.status_code} {response.get('Location', '')}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", "--no-input", verbosity=0)
    call_command("createcachetable", verbosity=0)
    Client().post("/accounts/signup/", _form(TAKEN))
    times: dict[str, list[float]] = {"new address": [], "taken address": []}
    answers: dict[str, set[str]] = {name: set() for name in times}
    for run in range(args.runs + 2):
        cache.clear()  # the sign-up rate limit (20 a minute per address) is not under test
        for name, email in (("new address", f"new{run}-{time.time_ns()}@example.com"),
                            ("taken address", TAKEN)):  # fmt: skip
            elapsed, answer = _timed_post(Client(), email)
            answers[name].add(answer)
            if run >= 2:  # two warm-up rounds
                times[name].append(elapsed)
    for name, values in times.items():
        p95 = statistics.quantiles(values, n=20)[-1]
        print(
            f"{name:14} p50 {statistics.median(values):7.1f} ms  p95 {p95:7.1f} ms  {answers[name]}"
        )


if __name__ == "__main__":
    main()
