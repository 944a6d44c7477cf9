"""The crawl's side of the WARC recorder process (``newsarchive.warc.service``).

``await recorder.write(exchange)`` returns once the exchange is in the file (written to
the kernel, as an in-process writer would leave it), so the response reaches the spider
only after its record exists and an archived article always has its page in a WARC
file. Answers come in the order exchanges were sent; one asyncio task reads them, and
no thread is involved on the crawl's side.

If the recorder dies, the exchanges it had not answered fail with ``OSError`` (the
middleware logs and counts them, as it does a full disk) and the next write starts a
new recorder, which first recovers the file the dead one left open.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import json
import socket
import subprocess
from pathlib import Path
from typing import Any

from newsarchive.warc.writer import Exchange, Written
from newsarchive.workers import wire
from newsarchive.workers.process import exit_code, spawn, wait_or_kill

MODULE = "newsarchive.warc.service"


class RemoteWarcWriter:
    """A ``WarcWriter`` in a process of its own, driven from the event loop."""

    def __init__(
        self,
        directory: Path,
        *,
        max_size: int,
        info: dict[str, str],
        log_file: str | None = None,
        log_level: str = "WARNING",
    ) -> None:
        """``log_file``: the crawl's log file, which the recorder's own records (a file
        recovered at start) join; without one they go to stderr, as the crawl's do."""
        self.directory = directory
        self._config = json.dumps(
            {
                "directory": str(directory),
                "max_size": max_size,
                "info": info,
                "log_file": log_file,
                "log_level": log_level,
            }
        )
        self._waiting: collections.deque[asyncio.Future[Written]] = collections.deque()
        self._process: subprocess.Popen[bytes] | None = None
        self._sock: socket.socket | None = None
        self._writer: asyncio.StreamWriter | None = None
        self._reader_task: asyncio.Task[None] | None = None
        self._connecting: asyncio.Future[None] | None = None
        self.restarts = 0
        self._start()

    def _start(self) -> None:
        self._process, self._sock = spawn(MODULE, self._config)
        self._writer = None
        self._connecting = None

    async def write(self, exchange: Exchange) -> Written:
        if self._process is None:
            self._start()
            self.restarts += 1
        future: asyncio.Future[Written] = asyncio.get_running_loop().create_future()
        self._waiting.append(future)
        if self._writer is None:
            if self._connecting is None:
                self._connecting = asyncio.ensure_future(self._connect())
            await asyncio.shield(self._connecting)
        if self._writer is None:  # it died while connecting, and failed ``future``
            return await future
        self._writer.write(wire.frame(exchange))
        return await future

    async def _connect(self) -> None:
        assert self._sock is not None
        reader, self._writer = await asyncio.open_connection(sock=self._sock)
        self._reader_task = asyncio.get_running_loop().create_task(self._read(reader))

    async def _read(self, reader: asyncio.StreamReader) -> None:
        try:
            while True:
                self._settle(await wire.receive(reader))
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        await self._died()

    def _settle(self, message: tuple[Any, ...]) -> None:
        future = self._waiting.popleft()
        if future.done():
            return
        if message[0] == "ok":
            future.set_result(Written(*message[1:5]))
        else:
            future.set_exception(_error(message))

    async def _died(self) -> None:
        """Fail what was unanswered; the next write starts a new recorder."""
        process = self._process
        if process is None:
            return
        code = await exit_code(process)
        if self._writer is not None:
            self._writer.close()
        self._process, self._sock, self._writer = None, None, None
        waiting, self._waiting = self._waiting, collections.deque()
        for future in waiting:
            if not future.done():
                future.set_exception(OSError(f"WARC recorder exited with code {code}"))

    def close(self) -> int:
        """Let the recorder finish what it was sent, close its file, and exit; return its
        exit code (74: the disk refused the close), 0 when there was none to stop."""
        process, sock, writer = self._process, self._sock, self._writer
        self._process = None
        if self._reader_task is not None:
            self._reader_task.cancel()
        if process is None or sock is None:
            return 0
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_WR)  # the recorder sees the end of its input
        code = wait_or_kill(process, timeout=60)
        try:
            if writer is None:
                raise RuntimeError("never attached to an event loop")
            writer.close()
        except RuntimeError:
            sock.close()
        return code


def _error(message: tuple[Any, ...]) -> OSError:
    """The recorder's ``("error", text[, errno, strerror, filename])`` as an OSError, its
    errno kept so that a full disk can be told from other failures."""
    if len(message) >= 5 and message[2] is not None:
        return OSError(message[2], message[3], message[4])
    return OSError(message[1])
