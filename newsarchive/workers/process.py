"""Starting and ending a helper process that talks over one end of a socket pair.

Shared by the extraction workers and the WARC recorder: both are ``python -m MODULE FD
[ARG...]`` children that read frames (``newsarchive.workers.wire``) from the inherited
socket ``FD`` and exit when it closes, so a crawl that dies never leaves them behind.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys

#: What stops a whole process group: Ctrl-C, ``timeout`` or ``systemctl stop``, a closed
#: terminal.
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def ignore_stop_signals() -> None:
    """Called first thing by a helper: its parent decides when it stops.

    A signal to the crawl's process group reaches its helpers too. Obeyed, it would end
    them with pages in flight, a WARC record or an extraction the crawl then loses,
    while the crawl itself shuts down cleanly and still needs them for the pages it
    finishes. So a helper stops only when its socket closes: the parent closing it at
    its end, or the kernel closing it when the parent dies however it dies.
    """
    for signum in STOP_SIGNALS:
        signal.signal(signum, signal.SIG_IGN)


def spawn(module: str, *args: str) -> tuple[subprocess.Popen[bytes], socket.socket]:
    """Start ``python -m module FD *args``; return it and this side's socket.

    It gets this process's ``sys.path``, so it imports the same code however this one
    was started (scrapyd, for one, runs a project from an egg added to the path).
    """
    ours, theirs = socket.socketpair()
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", module, str(theirs.fileno()), *args],
            pass_fds=[theirs.fileno()],
            stdin=subprocess.DEVNULL,
            env=env,
        )
    except BaseException:
        ours.close()
        raise
    finally:
        theirs.close()
    return process, ours


async def exit_code(process: subprocess.Popen[bytes], timeout: float = 10.0) -> int:
    """The exit code of a child whose socket has closed, killing it if it lingers."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while (code := process.poll()) is None:
        if loop.time() > deadline:
            process.kill()
            return process.wait()
        await asyncio.sleep(0.01)
    return code


def wait_or_kill(process: subprocess.Popen[bytes], timeout: float = 10.0) -> int:
    """Reap a child told to stop (its socket closed), killing it after ``timeout``."""
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        return process.wait()
