"""The extraction worker process: ``python -m newsarchive.workers.worker FD``.

Reads jobs from the inherited socket ``FD``, answers each in the order received, and
exits when the crawl closes its end (or dies: the socket then reads as closed, so a
killed crawl never leaves a worker behind). Ctrl-C is left to the crawl, which shuts
down gracefully and still needs answers for the pages already handed over.

Answers: ``(task, "ok", record, counter_url)``, ``(task, "not_article", reason)`` or
``(task, "error", type_name, message, traceback)``.
"""

from __future__ import annotations

import socket
import sys
import traceback
from typing import Any

from newsarchive.workers import wire
from newsarchive.workers.job import Job, run
from newsarchive.workers.process import ignore_stop_signals


def answer(task: int, args: tuple[Any, ...]) -> tuple[Any, ...]:
    try:
        outcome = run(Job(*args))
    except Exception as exc:  # reported to the crawl as this page's error
        return (task, "error", type(exc).__name__, str(exc), traceback.format_exc())
    if outcome.not_article is not None:
        return (task, "not_article", outcome.not_article)
    return (task, "ok", outcome.record, outcome.counter_url, outcome.page_links)


def serve(sock: socket.socket) -> None:
    """Answer jobs until the crawl closes the socket (a reset or broken pipe is the crawl
    having died, which ends the worker just the same)."""
    try:
        with sock, sock.makefile("rb") as stream:
            while (message := wire.read_frame(stream)) is not None:
                task, args = message
                sock.sendall(wire.frame(answer(task, args)))
    except (BrokenPipeError, ConnectionResetError):
        return


def main(argv: list[str]) -> int:
    ignore_stop_signals()
    if len(argv) != 1 or not argv[0].isdigit():
        print("usage: python -m newsarchive.workers.worker FD", file=sys.stderr)
        return 2
    serve(socket.socket(fileno=int(argv[0])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
