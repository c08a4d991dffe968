"""`tradebridge worker` with TASKS_BACKEND=celery: a real Celery worker on a real Redis.

Redis is part of the test environment (here and in CI); if it is down this test fails
rather than skips. A queue name unique to the run keeps parallel runs apart.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis
from django.tasks import TaskResultStatus, task_backends
from django.utils.module_loading import import_string

from tradebridge.core.tasks import ping

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"
WAIT_SECONDS = 60

pytestmark = pytest.mark.celery


@pytest.fixture
def queue():
    return f"tb-test-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def celery_backend(settings, queue):
    """This process sends through django-tasks-celery to the same Redis as the worker."""
    redis.Redis.from_url(REDIS_URL).ping()  # fails loudly when Redis is down
    app = import_string(settings.CELERY_APP)
    saved = (app.conf.broker_url, app.conf.result_backend)
    app.conf.broker_url = app.conf.result_backend = REDIS_URL
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks_celery.CeleryBackend",
            "QUEUES": [],
            "OPTIONS": {"CELERY_APP": settings.CELERY_APP},
        }
    }
    yield task_backends["default"]
    app.conf.broker_url, app.conf.result_backend = saved


@pytest.fixture
def worker(tmp_path, queue):
    """`tradebridge worker --queue <queue>` in its own process, configured by environment."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "TASKS_BACKEND": "celery",
        "CELERY_BROKER_URL": REDIS_URL,
        "CELERY_RESULT_BACKEND": REDIS_URL,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'worker.sqlite3'}",
        "TRADEBRIDGE_VAR_DIR": str(tmp_path),
    }
    log = tmp_path / "worker.log"
    cli = Path(sys.executable).parent / "tradebridge"
    with log.open("wb") as output:
        process = subprocess.Popen(  # noqa: S603
            [str(cli), "worker", "--queue", queue], env=env, stdout=output, stderr=subprocess.STDOUT
        )
    yield log
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def test_a_celery_worker_runs_a_django_task_from_redis(celery_backend, worker, queue):
    # when a Django task is enqueued through django-tasks-celery
    result = ping.using(queue_name=queue).enqueue(payload="pong from celery")

    # then the worker process picks it up and stores its result in Redis
    deadline = time.monotonic() + WAIT_SECONDS
    while (status := celery_backend.get_result(result.id).status) != TaskResultStatus.SUCCESSFUL:
        assert status != TaskResultStatus.FAILED, worker.read_text()
        assert time.monotonic() < deadline, (
            f"no result after {WAIT_SECONDS}s:\n{worker.read_text()}"
        )
        time.sleep(0.2)
    finished = celery_backend.get_result(result.id)
    assert finished.return_value == "pong from celery"
    log = worker.read_text()
    assert f"Celery worker on queue(s) {queue}, broker {REDIS_URL}." in log
    assert f"Task tradebridge.core.tasks.ping[{result.id}] succeeded" in log
