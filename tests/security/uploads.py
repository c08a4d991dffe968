"""A multipart upload of a large file, produced as the server reads it: the attack tests
send 50 MB without holding them in memory, so that tracemalloc measures the server alone."""

from typing import Any

from django.test import Client


class LazyMultipart:
    """A multipart body of one `size`-byte file, produced as it is read (never held whole)."""

    BOUNDARY = "attackboundary"

    def __init__(self, size: int) -> None:
        head = (
            f'--{self.BOUNDARY}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n'
        ).encode()
        self.parts = [head + b"%PDF-1.4\n", None, f"\r\n--{self.BOUNDARY}--\r\n".encode()]
        self.filler = size - len(b"%PDF-1.4\n")
        self.length = len(head) + size + len(self.parts[2])
        self.buffer = b""

    def read(self, size: int = -1) -> bytes:
        out = b""
        while size < 0 or len(out) < size:
            if not self.buffer:
                if not self.parts:
                    break
                part = self.parts.pop(0)
                if part is None:
                    step = min(self.filler, 1 << 20)
                    self.filler -= step
                    if self.filler > 0:
                        self.parts.insert(0, None)
                    part = b" " * step
                self.buffer = part
            take = len(self.buffer) if size < 0 else size - len(out)
            out, self.buffer = out + self.buffer[:take], self.buffer[take:]
        return out

    def readline(self, size: int = -1) -> bytes:  # pragma: no cover - the parser reads chunks
        return self.read(size)


def streamed_upload(client: Client, path: str, size: int) -> Any:
    body = LazyMultipart(size)
    environ = {
        "wsgi.input": body,
        "CONTENT_LENGTH": str(body.length),
        "CONTENT_TYPE": f"multipart/form-data; boundary={LazyMultipart.BOUNDARY}",
    }
    return client.generic("POST", path, **environ)
