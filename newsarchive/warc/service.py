"""The WARC recorder process: ``python -m newsarchive.warc.service FD CONFIG_JSON``.

Building and compressing WARC records costs the crawl as much CPU as a fifth of all
else it does per page, all of it on the event loop. This process owns the crawl's
``WarcWriter`` (and its digest store) instead: it reads exchanges from the inherited
socket ``FD``, writes each, and answers ``("ok", record_type, file, offset, length)``
or ``("error", message)`` in the order received. It exits when the crawl closes the
socket (or dies), closing its file properly; killed outright, it leaves whole records
and one ``.open`` file that the next writer recovers, exactly as a writer in the crawl
process would.

``CONFIG_JSON``: ``{"directory": ..., "max_size": ..., "info": {...}}``.
"""

from __future__ import annotations

import json
import signal
import socket
import sys
from pathlib import Path
from typing import Any

from newsarchive.warc.digests import DigestStore
from newsarchive.warc.files import DIGESTS_FILE
from newsarchive.warc.writer import Exchange, WarcWriter
from newsarchive.workers import wire


def writer_from(config: dict[str, Any]) -> WarcWriter:
    directory = Path(config["directory"])
    return WarcWriter(
        directory,
        max_size=int(config["max_size"]),
        digests=DigestStore(directory / DIGESTS_FILE),
        info=dict(config.get("info") or {}),
    )


def answer(writer: WarcWriter, exchange: Exchange) -> tuple[Any, ...]:
    try:
        written = writer.write(exchange)
    except OSError as exc:  # disk full, permissions: the crawl logs it and goes on
        return ("error", str(exc))
    return ("ok", written.record_type, written.file, written.offset, written.length)


def serve(sock: socket.socket, writer: WarcWriter) -> None:
    try:
        with sock, sock.makefile("rb") as stream:
            while (exchange := wire.read_frame(stream)) is not None:
                sock.sendall(wire.frame(answer(writer, exchange)))
    except (BrokenPipeError, ConnectionResetError):
        return


def main(argv: list[str]) -> int:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the crawl stops it, after its last page
    if len(argv) != 2 or not argv[0].isdigit():
        print("usage: python -m newsarchive.warc.service FD CONFIG_JSON", file=sys.stderr)
        return 2
    writer = writer_from(json.loads(argv[1]))
    try:
        serve(socket.socket(fileno=int(argv[0])), writer)
    finally:
        writer.close()
        if writer.digests is not None:
            writer.digests.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
