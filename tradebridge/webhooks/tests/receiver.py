"""A real HTTP receiver on 127.0.0.1 for the delivery tests: answers from a script of
(status, body) pairs (the last one repeats) and records every request it gets."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, HTTPServer


@dataclass(frozen=True)
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    url: str
    script: list[tuple[int, str]]
    requests: list[Received] = field(default_factory=list)
    extra_headers: dict[str, str] = field(default_factory=dict)

    def answer(self) -> tuple[int, str]:
        index = min(len(self.requests) - 1, len(self.script) - 1)
        return self.script[index]


def _handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("content-length", "0"))
            headers = {key.lower(): value for key, value in self.headers.items()}
            receiver.requests.append(Received(self.path, headers, self.rfile.read(length)))
            status, body = receiver.answer()
            encoded = body.encode()
            self.send_response(status)
            for name, value in receiver.extra_headers.items():
                self.send_header(name, value)
            self.send_header("content-type", "text/plain; charset=utf-8")
            self.send_header("content-length", str(len(encoded)))
            self.end_headers()
            self.wfile.write(encoded)

        def log_message(self, format: str, *args: object) -> None:  # the base's name
            return

    return Handler


@contextmanager
def receiving(*script: tuple[int, str]) -> Iterator[Receiver]:
    """Run a receiver answering `script` in order (default: 200 "ok") until the block ends."""
    receiver = Receiver(url="", script=list(script) or [(200, "ok")])
    server = HTTPServer(("127.0.0.1", 0), _handler(receiver))
    receiver.url = f"http://127.0.0.1:{server.server_port}/hooks"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
