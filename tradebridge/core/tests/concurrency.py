"""Races for PostgreSQL tests: real threads, real transactions, real row locks.

`race(calls)` releases every call at the same moment (a barrier) in its own thread, each on
its own database connection, and returns the sorted outcomes: "ok", or the `code` of the
DomainError the call raised. Any other exception fails loudly (it is re-raised after the
threads are joined). Use it in `@pytest.mark.postgres` tests with
`@pytest.mark.django_db(transaction=True)`.
"""

import threading
from collections.abc import Callable

from django.db import connection

from tradebridge.core.errors import DomainError


def race(calls: list[Callable[[], object]], *, timeout: float = 30) -> list[str]:
    barrier = threading.Barrier(len(calls))
    outcomes: list[str] = []
    failures: list[BaseException] = []
    lock = threading.Lock()

    def run(call: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=10)
            call()
            outcome = "ok"
        except DomainError as error:
            outcome = error.code
        except BaseException as error:  # re-raised in the caller's thread
            with lock:
                failures.append(error)
            return
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    if failures:
        raise failures[0]
    return sorted(outcomes)
