"""Extraction workers driven from the crawl's asyncio event loop.

``await pool.extract(job)`` sends the page to the least busy worker and resumes when its
record comes back; the loop keeps downloading meanwhile. No threads are involved on the
crawl's side (a socket per worker, read by one asyncio task), so nothing competes with
the event loop for the GIL.

A worker that dies (a crash in a C library on a hostile page, the OOM killer) costs one
page, not the crawl: a worker answers in the order it was asked, so the oldest
unanswered job is the one it died on, and that page fails with ``WorkerDied``; the
others are handed to a fresh worker. If workers keep dying without answering anything,
the pool stops restarting them and every page fails with the reason.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import socket
import subprocess
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from newsarchive.workers import wire
from newsarchive.workers.job import Job, Outcome, run
from newsarchive.workers.process import exit_code, spawn, wait_or_kill

#: Workers that die one after another with no answer in between: the pool gives up.
MAX_CONSECUTIVE_DEATHS = 3


class WorkerDied(RuntimeError):
    """The worker extracting this page exited before answering."""


class ExtractionError(RuntimeError):
    """Extraction raised in a worker; the message names the original exception."""


@dataclass(eq=False, slots=True)
class _Task:
    id: int
    args: tuple[Any, ...]
    future: asyncio.Future[Outcome]


@dataclass(eq=False, slots=True)
class _Worker:
    process: subprocess.Popen[bytes]
    sock: socket.socket
    writer: asyncio.StreamWriter | None = None
    connecting: asyncio.Future[None] | None = None
    reader_task: asyncio.Task[None] | None = None
    pending: OrderedDict[int, _Task] = field(default_factory=OrderedDict)
    answered: int = 0


def _spawn() -> _Worker:
    return _Worker(*spawn("newsarchive.workers.worker"))


class ExtractionPool:
    """``size`` worker processes (0: extract in the calling thread)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._ids = itertools.count()
        self._workers: list[_Worker] = [_spawn() for _ in range(size)]
        self._deaths = 0
        self._broken: str | None = None
        self.restarts = 0

    async def extract(self, job: Job) -> Outcome:
        if self.size == 0:
            return run(job)
        args = (job.body, job.url, dict(job.headers), job.output_script, job.fetched_at)
        task = _Task(next(self._ids), args, asyncio.get_running_loop().create_future())
        self._dispatch(task)
        return await task.future

    def _dispatch(self, task: _Task) -> None:
        """Queue ``task`` on the least busy worker. Never awaits, so the pool's state
        cannot change half-way (a worker dying meanwhile, say)."""
        if self._broken is not None:
            task.future.set_exception(WorkerDied(self._broken))
            return
        worker = min(self._workers, key=lambda w: len(w.pending))
        worker.pending[task.id] = task
        if worker.writer is not None:
            worker.writer.write(wire.frame((task.id, task.args)))
        elif worker.connecting is None:
            worker.connecting = asyncio.ensure_future(self._connect(worker))

    async def _connect(self, worker: _Worker) -> None:
        """Attach the worker's socket to the event loop and send what queued meanwhile
        (once, on first use: the loop is not running yet when the pool is built)."""
        try:
            reader, writer = await asyncio.open_connection(sock=worker.sock)
        except OSError:
            await self._replace(worker)
            return
        worker.writer = writer
        for task in worker.pending.values():
            writer.write(wire.frame((task.id, task.args)))
        worker.reader_task = asyncio.get_running_loop().create_task(self._read(worker, reader))

    async def _read(self, worker: _Worker, reader: asyncio.StreamReader) -> None:
        try:
            while True:
                self._settle(worker, await wire.receive(reader))
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        await self._replace(worker)

    def _settle(self, worker: _Worker, message: tuple[Any, ...]) -> None:
        task = worker.pending.pop(message[0], None)
        if task is None:
            return
        worker.answered += 1
        self._deaths = 0
        if task.future.done():  # the awaiting callback was cancelled
            return
        kind = message[1]
        if kind == "ok":
            task.future.set_result(Outcome(message[2], message[3], page_links=message[4]))
        elif kind == "not_article":
            task.future.set_result(Outcome(None, not_article=message[2]))
        else:
            name, text, trace = message[2:5]
            task.future.set_exception(ExtractionError(f"{name}: {text}\n{trace}".rstrip()))

    async def _replace(self, dead: _Worker) -> None:
        """A worker exited: fail the page it died on, hand the rest to a new worker.

        Only the wait for the exit code awaits; what follows runs in one go, and jobs
        queued on the dead worker while waiting are handed on with the rest.
        """
        if dead not in self._workers:  # closed by the pool
            return
        code = await exit_code(dead.process)
        if dead not in self._workers:
            return
        self._workers.remove(dead)
        if dead.writer is not None:
            dead.writer.close()
        tasks = list(dead.pending.values())
        dead.pending.clear()
        self._deaths += 1
        if tasks:
            culprit = tasks.pop(0)
            if not culprit.future.done():
                culprit.future.set_exception(
                    WorkerDied(f"extraction worker exited with code {code} on {culprit.args[1]}")
                )
        if self._deaths >= MAX_CONSECUTIVE_DEATHS:
            self._broken = (
                f"extraction workers exited {self._deaths} times in a row (last code {code})"
            )
        else:
            self._workers.append(_spawn())
            self.restarts += 1
        for task in tasks:
            if not task.future.done():
                self._dispatch(task)

    def close(self) -> None:
        """End every worker's input (the worker then exits) and reap it.

        The socket is shut down at once rather than through the transport, whose close
        waits for a turn of the event loop that may never come at the end of a crawl.
        """
        workers, self._workers = self._workers, []
        for worker in workers:
            if worker.reader_task is not None:
                worker.reader_task.cancel()
            with contextlib.suppress(OSError):
                worker.sock.shutdown(socket.SHUT_RDWR)
            try:
                if worker.writer is None:
                    raise RuntimeError("never attached to an event loop")
                worker.writer.close()
            except RuntimeError:  # no loop, or the loop is closed: close the socket itself
                worker.sock.close()
        for worker in workers:
            wait_or_kill(worker.process)
