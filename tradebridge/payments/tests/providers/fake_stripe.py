"""A fake Stripe API on 127.0.0.1 for the adapter's tests: records each request and answers
PaymentIntents as Stripe would (form-encoded requests, JSON answers). No network beyond
loopback."""

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    form: dict[str, str]


@dataclass
class FakeStripe:
    base_url: str = ""
    requests: list[Recorded] = field(default_factory=list)
    intents: dict[str, dict[str, Any]] = field(default_factory=dict)
    by_idempotency_key: dict[str, str] = field(default_factory=dict)
    fail_with: int | None = None  # answer every request with this status (errors)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def set_status(self, payment_id: str, status: str) -> None:
        with self.lock:
            self.intents[payment_id]["status"] = status

    def answer(self, recorded: Recorded) -> tuple[int, dict[str, Any]]:
        with self.lock:
            self.requests.append(recorded)
            if self.fail_with is not None:
                return self.fail_with, _error(self.fail_with)
            if recorded.method == "POST" and recorded.path == "/v1/payment_intents":
                return 200, self._create(recorded)
            prefix = "/v1/payment_intents/"
            if recorded.method == "GET" and recorded.path.startswith(prefix):
                intent = self.intents.get(recorded.path.removeprefix(prefix))
                return (200, intent) if intent else (404, _error(404))
            return 404, _error(404)

    def _create(self, recorded: Recorded) -> dict[str, Any]:
        key = recorded.headers.get("Idempotency-Key", "")
        if key in self.by_idempotency_key:
            return self.intents[self.by_idempotency_key[key]]
        payment_id = f"pi_fake{len(self.intents) + 1:04d}"
        metadata = {
            name[len("metadata[") : -1]: value
            for name, value in recorded.form.items()
            if name.startswith("metadata[")
        }
        intent = {
            "id": payment_id,
            "object": "payment_intent",
            "amount": int(recorded.form["amount"]),
            "currency": recorded.form["currency"],
            "status": "requires_payment_method",
            "client_secret": f"{payment_id}_secret_fake",
            "metadata": metadata,
        }
        self.intents[payment_id] = intent
        self.by_idempotency_key[key] = payment_id
        return intent


def _error(status: int) -> dict[str, Any]:
    kind = "api_error" if status >= 500 else "invalid_request_error"
    return {"error": {"type": kind, "message": f"fake error {status}", "code": "fake_error"}}


@contextmanager
def fake_stripe_server() -> Iterator[FakeStripe]:
    fake = FakeStripe()

    class Handler(BaseHTTPRequestHandler):
        def _handle(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode() if length else ""
            path, _, query = self.path.partition("?")
            recorded = Recorded(
                method=self.command,
                path=path,
                headers=dict(self.headers.items()),
                form=dict(parse_qsl(body or query)),
            )
            status, payload = fake.answer(recorded)
            content = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)

        do_GET = do_POST = _handle  # noqa: N815  # http.server's names

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    fake.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
