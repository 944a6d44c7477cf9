"""A loopback HTTP server that plays the portal from ``fixtures/site/``.

The live site cannot be reached from CI, so integration tests and the demo crawl this
mirror instead. It is a real HTTP server (threaded, with a listen backlog that keeps up
with a crawler), bound to 127.0.0.1 only. Routing rules, documented in
``fixtures/site/README.md``:

* a path maps 1:1 to a file; a path ending in ``/`` maps to ``index.html``;
* a query string maps to ``name@QUERY.ext`` (``/?page=2`` -> ``index@page=2.html``);
* ``/plus/count.php?aid=N`` answers ``document.write('V');`` from ``plus/count.json``;
* ``_headers.json`` overrides status and headers per path;
* anything else is a 404 with the body of ``404.html``.
"""

from __future__ import annotations

import json
import mimetypes
import socket
import struct
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from newsarchive.faults import FaultPlan

COUNTER_PATH = "/plus/count.php"
#: SO_LINGER on, timeout 0: close() sends a TCP reset instead of a clean FIN.
_LINGER_RESET = struct.pack("ii", 1, 0)
HIDDEN_PREFIXES = ("_", ".")
HIDDEN_NAMES = frozenset({"README.md"})


def default_site_root() -> Path:
    """The fixture site shipped in the repository (or beside an installed package)."""
    return Path(__file__).resolve().parent.parent / "fixtures" / "site"


@dataclass(frozen=True)
class Reply:
    """What the mirror answers for one request."""

    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


class Site:
    """Maps request targets to replies; pure and testable without sockets."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.overrides: Mapping[str, Mapping[str, Any]] = self._load_json("_headers.json", {})
        counts = self._load_json("plus/count.json", {})
        self.counts: Mapping[str, int] = {str(k): int(v) for k, v in counts.items()}

    def _load_json(self, name: str, default: dict[str, Any]) -> dict[str, Any]:
        path = self.root / name
        if not path.is_file():
            return default
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return data

    def resolve(self, target: str) -> Reply:
        """Answer a request target such as ``/robot/list_8_2.html?x=1``."""
        parts = urlsplit(target)
        path = unquote(parts.path) or "/"
        if path == COUNTER_PATH:
            return self._counter(parts.query)
        file = self._file_for(path, parts.query)
        if file is None:
            return self._not_found()
        override = self.overrides.get(path + (f"?{parts.query}" if parts.query else ""), {})
        headers = {"Content-Type": self._content_type(file)}
        headers.update(override.get("headers", {}))
        return Reply(int(override.get("status", 200)), file.read_bytes(), headers)

    def _file_for(self, path: str, query: str) -> Path | None:
        rel = PurePosixPath(path.lstrip("/"))
        if path.endswith("/") or not rel.parts:
            rel = rel / "index.html"
        if any(p in ("..", "") or p.startswith(HIDDEN_PREFIXES) for p in rel.parts):
            return None
        if rel.name in HIDDEN_NAMES:
            return None
        if query:
            rel = rel.with_name(f"{rel.stem}@{query}{rel.suffix}")
        file = (self.root / rel).resolve()
        if not file.is_relative_to(self.root) or not file.is_file():
            return None
        return file

    @staticmethod
    def _content_type(file: Path) -> str:
        name = file.name.split("@", 1)[0] + file.suffix if "@" in file.name else file.name
        if name.endswith((".html", ".htm")):
            return "text/html"  # no charset: the page's <meta> decides, as on the portal
        if name.endswith(".txt"):
            return "text/plain; charset=utf-8"
        return mimetypes.guess_type(name)[0] or "application/octet-stream"

    def _counter(self, query: str) -> Reply:
        aid = parse_qs(query).get("aid", [""])[0]
        if aid not in self.counts:
            return self._not_found()
        body = f"document.write('{self.counts[aid]}');".encode("ascii")
        return Reply(200, body, {"Content-Type": "application/x-javascript"})

    def _not_found(self) -> Reply:
        page = self.root / "404.html"
        body = page.read_bytes() if page.is_file() else b"Not Found"
        return Reply(404, body, {"Content-Type": "text/html"})


class _Handler(BaseHTTPRequestHandler):
    server: MirrorServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self._answer(with_body=True)

    def do_HEAD(self) -> None:
        self._answer(with_body=False)

    def _answer(self, *, with_body: bool) -> None:
        plan = self.server.faults
        if plan is None:
            self._send(self.server.site.resolve(self.path), with_body=with_body)
            return
        target = plan.strip_session(self.path)
        path = urlsplit(target).path
        kind = plan.take_transient(path)
        if kind == "reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, _LINGER_RESET)
            self.close_connection = True
            return
        if kind in ("unavailable", "error"):
            status, extra = (503, {"Retry-After": "1"}) if kind == "unavailable" else (500, {})
            self._send(Reply(status, b"<h1>Server busy</h1>", extra), with_body=with_body)
            return
        if kind == "slow":
            time.sleep(plan.spec.slow_seconds)
        trap = plan.extra(path)
        if trap is not None:
            self._send(Reply(trap.status, trap.body, trap.headers), with_body=with_body)
            return
        reply = self.server.site.resolve(target)
        headers = dict(reply.headers)
        body = reply.body
        if reply.status == 200:
            body = plan.damage(path, body, headers)
            if path in ("/", "/index.html"):
                body = plan.inject_links(body)
        self._send(Reply(reply.status, body, headers), with_body=with_body,
                   truncate=kind == "truncate")  # fmt: skip

    def _send(self, reply: Reply, *, with_body: bool, truncate: bool = False) -> None:
        try:
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(reply.body)))
            if truncate:
                self.send_header("Connection", "close")
            self.end_headers()
            if with_body:
                self.wfile.write(reply.body[: len(reply.body) // 2] if truncate else reply.body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up first (a timeout)
        if truncate:
            self.close_connection = True

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.verbose:
            super().log_message(format, *args)


class MirrorServer(ThreadingHTTPServer):
    """Threaded server with a deep backlog: ``http.server``'s default of 5 overflows."""

    daemon_threads = True
    request_queue_size = 256

    def __init__(
        self, site: Site, port: int = 0, *, verbose: bool = False, faults: FaultPlan | None = None
    ) -> None:
        self.site = site
        self.verbose = verbose
        self.faults = faults
        super().__init__(("127.0.0.1", port), _Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}/"


@contextmanager
def serving(root: Path | None = None, port: int = 0) -> Iterator[MirrorServer]:
    """Run the mirror in a background thread for the duration of a ``with`` block."""
    server = MirrorServer(Site(root or default_site_root()), port)
    thread = threading.Thread(target=server.serve_forever, name="mirror", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def serve(root: Path, port: int, *, verbose: bool = False, faults: FaultPlan | None = None) -> int:
    """Serve until interrupted; print the URL first so a parent process can read it."""
    server = MirrorServer(Site(root), port, verbose=verbose, faults=faults)
    print(f"serving {server.url}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":  # pragma: no cover - convenience entry
    sys.exit(serve(default_site_root(), int(sys.argv[1]) if len(sys.argv) > 1 else 8000))
