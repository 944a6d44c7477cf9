"""Worker processes for a reparse, each fed over its own pipe and answering in order.

Not ``multiprocessing.Pool`` or ``concurrent.futures``: both run threads in the parent
to feed the workers and collect results, and on two cores those threads take the GIL
from the parent's own work (applying records to the archive) at every hand-off. Here
the parent's one thread sends each task to a chosen worker and waits on the pipes
itself. A worker answers its tasks in the order it got them, so the oldest unanswered
task of a worker that dies is known, and the run stops with one line saying so.

Workers are forked, not started from a fork server: a fork server spends about 0.3 s
importing the parser before the first worker exists, 4% of a reparse of 10,000
articles on two cores. They are forked before the archive or any database is opened,
so all they share with the parent is the archive lock's descriptor; the parent unlocks
explicitly once they are gone, and a worker whose parent has died stops at its next
hand-off, releasing it.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

#: ``target(conn, config)``: answer the tasks that come on ``conn``, in order.
Target = Callable[[Connection, Any], None]


class WorkerFailed(Exception):
    """A worker process ended without answering, or a task raised in one."""


def _start(target: Target, conn: Connection, config: object, inherited: list[Connection]) -> None:
    """First thing in a new worker: close the parent's ends of the pipes it inherited,
    so that its own pipe ends when the parent does (a worker left behind would keep
    the archive lock)."""
    for other in inherited:
        other.close()
    target(conn, config)


class Workers:
    """``count`` processes running ``target``, forked from this one."""

    def __init__(self, count: int, target: Target, config: object, depth: int = 2) -> None:
        self.depth = depth
        """Tasks sent to a worker and not yet answered, at most: one being worked on,
        one waiting, so that a worker never waits for the parent between two."""
        context = multiprocessing.get_context("fork")
        self._conns: list[Connection] = []
        self._procs: list[BaseProcess] = []
        self._waiting: list[deque[int]] = []
        try:
            for _ in range(count):
                ours, theirs = context.Pipe()
                inherited = [ours, *self._conns]
                proc = context.Process(
                    target=_start, args=(target, theirs, config, inherited), daemon=True
                )
                proc.start()
                theirs.close()
                self._conns.append(ours)
                self._procs.append(proc)
                self._waiting.append(deque())
        except BaseException:
            self.close()
            raise

    @property
    def count(self) -> int:
        return len(self._procs)

    def free(self) -> int | None:
        """The worker with the fewest tasks in hand, if it can take another."""
        if not self._procs:
            return None
        index = min(range(len(self._procs)), key=lambda i: len(self._waiting[i]))
        return index if len(self._waiting[index]) < self.depth else None

    def send(self, worker: int, task_id: int, task: object) -> None:
        """Tasks must be small (a pipe holds 64 KiB): a worker blocked sending a large
        answer cannot read, and the parent would block on a full pipe."""
        self._waiting[worker].append(task_id)
        self._conns[worker].send((task_id, task))

    def receive(self) -> list[tuple[int, Any]]:
        """Answers that have come in, waiting for at least one."""
        live = [c for c, w in zip(self._conns, self._waiting, strict=True) if w]
        if not live:
            raise RuntimeError("waiting for answers with no task out")
        out = []
        for conn in wait(live):
            assert isinstance(conn, Connection)
            index = self._conns.index(conn)
            try:
                task_id, result = conn.recv()
            except (EOFError, OSError):
                proc = self._procs[index]
                proc.join(timeout=1)
                raise WorkerFailed(
                    f"parser process {proc.pid} ended without answering (exit code {proc.exitcode})"
                ) from None
            expected = self._waiting[index].popleft()
            assert task_id == expected, (task_id, expected)
            out.append((task_id, result))
        return out

    def close(self) -> None:
        """End the workers (whatever they are doing) and wait for them."""
        for conn in self._conns:
            conn.close()
        for proc in self._procs:
            proc.terminate()
        for proc in self._procs:
            proc.join()
        self._conns, self._procs, self._waiting = [], [], []
