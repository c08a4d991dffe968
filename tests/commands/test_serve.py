"""`tradebridge serve` answers over HTTP with granian, serves static files, runs the task
worker and the search follower alongside, and stops them all cleanly on Ctrl-C (SIGINT)."""

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tradebridge.core.management.commands.serve import served_site_url

PROJECT_ROOT = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 30
# Run in the embedded deployment while `serve` runs: the embedded worker must pick the task up.
PING_THROUGH_THE_QUEUE = """
import time
from tradebridge.core.tasks import ping
result = ping.enqueue(payload="pong")
deadline = time.monotonic() + 30
while not result.is_finished and time.monotonic() < deadline:
    time.sleep(0.2)
    result.refresh()
print(result.status, result.return_value if result.is_finished else None)
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def _wait_until_up(url: str, server: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        assert server.poll() is None, "the server exited during start-up"
        try:
            _status(url)
        except OSError:
            time.sleep(0.2)
        else:
            return
    pytest.fail(f"nothing answered at {url} within {STARTUP_SECONDS}s")


def _search_answers(url: str, server: subprocess.Popen[str]) -> int:
    """Poll until search answers (the follower has built the index): the last status seen."""
    status = 0
    deadline = time.monotonic() + STARTUP_SECONDS * 2
    while time.monotonic() < deadline and server.poll() is None:
        status = _status(url)
        if status == 200:
            break
        time.sleep(0.5)
    return status


def _embedded_worker_pid(server: subprocess.Popen[str]) -> int:
    """Read the banner line by line until it names the task worker's pid."""
    assert server.stdout is not None
    for line in server.stdout:
        started = re.search(r"embedded worker \(pid (\d+)\)", line)
        if started:
            return int(started.group(1))
    pytest.fail("the banner never named the task worker")


def _drain(server: subprocess.Popen[str]) -> tuple[list[str], threading.Thread]:
    """Read the server's output as it comes, as a terminal would: the worker prints every
    e-mail (console backend), and a full pipe would block it. Join the thread after the exit."""
    lines: list[str] = []
    assert server.stdout is not None
    stdout = server.stdout
    reader = threading.Thread(target=lambda: lines.extend(stdout), daemon=True)
    reader.start()
    return lines, reader


@pytest.fixture(scope="module")
def embedded_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The embedded deployment in a throw-away var/: migrated, static files collected, demo."""
    var_dir = tmp_path_factory.mktemp("serve-var")
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(DJANGO_SETTINGS_MODULE="config.settings.base", TRADEBRIDGE_VAR_DIR=str(var_dir))
    for command in (
        ["migrate", "--no-input", "-v", "0"],
        ["collectstatic", "--no-input", "-v", "0"],
        ["demo", "--skip-fx-rates", "--skip-catalogs"],
    ):
        subprocess.run(  # noqa: S603 - fixed interpreter and arguments
            [sys.executable, "-m", "django", *command],
            cwd=PROJECT_ROOT,
            env=env,
            check=True,
            capture_output=True,
            timeout=300,
        )
    return env


def test_serve_answers_runs_the_worker_and_stops_on_ctrl_c(embedded_env):
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(  # noqa: S603 - fixed interpreter and arguments
        [sys.executable, "-m", "django", "serve", "--port", str(port), "--threads", "2"],
        cwd=PROJECT_ROOT,
        env=embedded_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, like a terminal's foreground job
    )
    output_lines, reader = _drain(server)
    try:
        _wait_until_up(f"{base}/api/v1/openapi.json", server)
        statuses = {
            path: _status(base + path)
            for path in ("/", "/accounts/login/", "/api/v1/docs", "/static/ninja/swagger-ui.css")
        }
        search_status = _search_answers(f"{base}/api/v1/products?q=ball", server)
        ping = subprocess.run(  # noqa: S603 - fixed interpreter and arguments
            [sys.executable, "-m", "django", "shell", "-c", PING_THROUGH_THE_QUEUE],
            cwd=PROJECT_ROOT,
            env=embedded_env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        os.killpg(server.pid, signal.SIGINT)  # Ctrl-C reaches the whole foreground group
        server.wait(timeout=30)
        reader.join(timeout=30)
    output = "".join(output_lines)

    assert statuses == {
        "/": 200,
        "/accounts/login/": 200,
        "/api/v1/docs": 200,
        "/static/ninja/swagger-ui.css": 200,
    }
    assert server.returncode == 0, output
    assert search_status == 200, output
    assert ping.stdout.splitlines()[-1] == "SUCCESSFUL pong", ping.stderr
    assert f"Sign in   {base}/accounts/login/" in output
    assert "lin.wei@haicang-sports.example" in output
    started = re.search(r"embedded worker \(pid (\d+)\)", output)
    assert started is not None, output
    worker_pid = int(started.group(1))
    assert "Stopped the web server and the task worker." in output
    follower = re.search(r"search-follow \(pid (\d+)\)", output)
    assert follower is not None, output
    for pid in (worker_pid, int(follower.group(1))):
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def test_serve_stops_everything_and_fails_when_the_task_worker_dies(embedded_env):
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603 - fixed interpreter and arguments
        [sys.executable, "-m", "django", "serve", "--port", str(port), "--threads", "2"],
        cwd=PROJECT_ROOT,
        env=embedded_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        _wait_until_up(f"http://127.0.0.1:{port}/api/v1/openapi.json", server)
        worker_pid = _embedded_worker_pid(server)
        os.kill(worker_pid, signal.SIGKILL)
        output, _ = server.communicate(timeout=30)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            server.communicate(timeout=30)

    assert server.returncode == 1
    assert "The task worker stopped unexpectedly; everything is shut down." in output
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=1)


@pytest.mark.parametrize(
    ("host", "port", "configured", "expected"),
    [
        ("127.0.0.1", 8100, "", "http://127.0.0.1:8100"),
        ("0.0.0.0", 8100, "", "http://127.0.0.1:8100"),  # noqa: S104  # the wildcard case
        ("::1", 8100, "", "http://[::1]:8100"),
        ("0.0.0.0", 8100, "https://trade.example.com", "https://trade.example.com"),  # noqa: S104
    ],
)
def test_links_in_e_mails_point_where_serve_listens_unless_site_url_is_set(
    host, port, configured, expected
):
    assert served_site_url(host=host, port=port, configured=configured) == expected
