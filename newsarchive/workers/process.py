"""Starting and ending a helper process that talks over one end of a socket pair.

Shared by the extraction workers and the WARC recorder: both are ``python -m MODULE FD
[ARG...]`` children that read frames (``newsarchive.workers.wire``) from the inherited
socket ``FD`` and exit when it closes, so a crawl that dies never leaves them behind.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys


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
