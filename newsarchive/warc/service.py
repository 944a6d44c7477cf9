"""The WARC recorder process: ``python -m newsarchive.warc.service FD CONFIG_JSON``.

Building and compressing WARC records costs the crawl as much CPU as a fifth of all
else it does per page, all of it on the event loop. This process owns the crawl's
``WarcWriter`` (and its digest store) instead: it reads exchanges from the inherited
socket ``FD``, writes each, and answers ``("ok", record_type, file, offset, length)``
or ``("error", message)`` in the order received. It exits when the crawl closes the
socket (or dies), closing its file properly; killed outright, it leaves whole records
and one ``.open`` file that the next writer recovers, exactly as a writer in the crawl
process would.

A write that fails answers ``("error", message, errno, strerror, filename)``, so the
crawl can tell a full disk (which ends it) from other failures. If the writer cannot
even be opened (a full disk at start), every exchange is answered with that error; if
closing fails, the process exits 74 without a traceback and the crawl reports it.

``CONFIG_JSON``: ``{"directory": ..., "max_size": ..., "info": {...}, "log_file": ...,
"log_level": ...}``. Its log records (a file recovered at start) go to the crawl's log
file when it has one, in the crawl's format, else to stderr.
"""

from __future__ import annotations

import contextlib
import json
import logging
import socket
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsarchive import exitcodes
from newsarchive.storage.failure import as_storage_error
from newsarchive.warc.digests import DigestStore
from newsarchive.warc.files import DIGESTS_FILE
from newsarchive.warc.writer import Exchange, WarcWriter
from newsarchive.workers import wire
from newsarchive.workers.process import ignore_stop_signals


def writer_from(config: dict[str, Any]) -> WarcWriter:
    directory = Path(config["directory"])
    return WarcWriter(
        directory,
        max_size=int(config["max_size"]),
        digests=DigestStore(directory / DIGESTS_FILE),
        info=dict(config.get("info") or {}),
    )


def error_answer(exc: OSError | sqlite3.Error, where: Path) -> tuple[Any, ...]:
    """The answer for a failed write: the message, and the errno and file if any."""
    error = as_storage_error(exc, where) or exc
    if isinstance(error, OSError):
        return ("error", str(error), error.errno, error.strerror, error.filename)
    return ("error", str(error), None, None, None)


def answer(writer: WarcWriter, exchange: Exchange) -> tuple[Any, ...]:
    try:
        written = writer.write(exchange)
    except (OSError, sqlite3.Error) as exc:  # disk full, permissions: the crawl decides
        return error_answer(exc, writer.directory)
    return ("ok", written.record_type, written.file, written.offset, written.length)


def serve(sock: socket.socket, respond: Callable[[Exchange], tuple[Any, ...]]) -> None:
    try:
        with sock, sock.makefile("rb") as stream:
            while (exchange := wire.read_frame(stream)) is not None:
                sock.sendall(wire.frame(respond(exchange)))
    except (BrokenPipeError, ConnectionResetError):
        return


def main(argv: list[str]) -> int:
    ignore_stop_signals()  # the crawl stops it, after its last page
    if len(argv) != 2 or not argv[0].isdigit():
        print("usage: python -m newsarchive.warc.service FD CONFIG_JSON", file=sys.stderr)
        return 2
    config = json.loads(argv[1])
    _configure_log(config.get("log_file"), str(config.get("log_level") or "WARNING"))
    sock = socket.socket(fileno=int(argv[0]))
    try:
        writer = writer_from(config)
    except (OSError, sqlite3.Error) as exc:
        failed = error_answer(exc, Path(config["directory"]))
        serve(sock, lambda _exchange: failed)
        return exitcodes.IOERR if as_storage_error(exc) is not None else exitcodes.FAILED
    try:
        serve(sock, lambda exchange: answer(writer, exchange))
    finally:
        code = close(writer)
    return code


def _configure_log(log_file: str | None, level: str) -> None:
    """The crawl's log file and level for this process's records, in Scrapy's format."""
    handler: logging.Handler = logging.StreamHandler(sys.stderr)
    if log_file:
        with contextlib.suppress(OSError):  # the crawl reports an unwritable log itself
            handler = logging.FileHandler(log_file, encoding="utf-8")
    handler.setFormatter(
        logging.Formatter("%(asctime)s [%(name)s] %(levelname)s: %(message)s", "%Y-%m-%d %H:%M:%S")
    )
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.getLevelNamesMapping().get(level.strip().upper(), logging.WARNING))


def close(writer: WarcWriter) -> int:
    """Close the file and the digest store; exit code 74 if the disk refused it (the
    crawl reports that: a traceback here would only add lines to its output)."""
    try:
        writer.close()
        if writer.digests is not None:
            writer.digests.close()
    except (OSError, sqlite3.Error) as exc:
        if as_storage_error(exc) is None:
            raise
        return exitcodes.IOERR
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
