"""A fast loopback server for a generated mirror: asyncio, keep-alive, files in memory.

``newsarchive.mirror`` is a threaded ``http.server`` written for correctness (counter
endpoint, header overrides, 404 page); at thousands of pages per second its per-request
Python threads would cost as much CPU as the crawler and share its two cores. The crawl
benchmark must measure the crawler, so this server does as little as possible: every
file is read once at start, a request is a dict lookup and one ``write``. Same routing as
the mirror for what the generated site uses (path -> file, ``/`` -> ``index.html``,
``?q`` -> ``name@q.ext``, 404 otherwise); ``Content-Type: text/html`` with no charset,
so pages declare their own encoding as on the portal. Binds 127.0.0.1 only.

Run: ``python -m benchmarks.server DIR`` prints ``serving http://127.0.0.1:PORT/``.
"""

from __future__ import annotations

import asyncio
import signal
import sys
from pathlib import Path

_TYPES = {".html": b"text/html", ".txt": b"text/plain; charset=utf-8"}


def load_site(root: Path) -> dict[bytes, bytes]:
    """Every file as a complete HTTP/1.1 response, keyed by request target."""
    replies: dict[bytes, bytes] = {}
    for file in root.rglob("*"):
        if not file.is_file() or file.name.startswith((".", "_")):
            continue
        rel = file.relative_to(root).as_posix()
        stem, dot, ext = rel.rpartition(".")
        if "@" in stem:
            name, _, query = stem.rpartition("@")
            target = f"/{name}.{ext}?{query}"
        else:
            target = "/" + rel
        reply = _reply(200, file.read_bytes(), _TYPES.get(dot + ext, b"application/octet-stream"))
        replies[target.encode()] = reply
        if rel.endswith("index.html"):
            replies[target[: -len("index.html")].encode()] = reply
    return replies


def _reply(status: int, body: bytes, content_type: bytes) -> bytes:
    reason = b"OK" if status == 200 else b"Not Found"
    head = b"HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n" % (
        status,
        reason,
        content_type,
        len(body),
    )
    return head + body


NOT_FOUND = _reply(404, b"Not Found", b"text/html")


class Server:
    def __init__(self, replies: dict[bytes, bytes]) -> None:
        self.replies = replies
        self.requests = 0

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """One connection: answer requests until the client closes or asks to."""
        try:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, ConnectionError):
                    break
                line, _, rest = head.partition(b"\r\n")
                parts = line.split(b" ")
                if len(parts) != 3:
                    break
                method, target = parts[0], parts[1]
                reply = self.replies.get(target, NOT_FOUND)
                if method == b"HEAD":
                    reply = reply.split(b"\r\n\r\n", 1)[0] + b"\r\n\r\n"
                writer.write(reply)
                self.requests += 1
                if writer.transport.get_write_buffer_size() > 1 << 20:
                    await writer.drain()
                if b"connection: close" in rest.lower():
                    break
        finally:
            writer.close()


async def _serve(root: Path, port: int) -> None:
    server = Server(load_site(root))
    tcp = await asyncio.start_server(server.handle, "127.0.0.1", port, backlog=1024)
    host, bound = tcp.sockets[0].getsockname()[:2]
    print(f"serving http://{host}:{bound}/", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    async with tcp:
        await stop.wait()
    print(f"served {server.requests} requests", file=sys.stderr, flush=True)


def main(argv: list[str]) -> int:
    root = Path(argv[0])
    port = int(argv[1]) if len(argv) > 1 else 0
    asyncio.run(_serve(root, port))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
