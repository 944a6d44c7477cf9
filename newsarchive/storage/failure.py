"""Writes the archive's disk refuses: recognised, named, and reported to the CLI.

A full disk (or a failing one) is not a bug in the crawl and not something a retry
fixes: the crawl stops at the first such write, keeps what it stored, and ``newsarchive
crawl`` exits 74 with one line naming the file. The run record cannot be relied on to
say so (it is written to the same disk), so the crawler process tells its parent
through a pipe whose write end it inherits (``STATUS_FD_ENV``): a pipe is memory, it
takes a short message even when no disk does.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from pathlib import Path

#: How ``newsarchive crawl`` hands the crawler the write end of its status pipe.
STATUS_FD_ENV = "NEWSARCHIVE_STATUS_FD"

#: OSErrors that mean the storage, not the data or the code, failed: no space, no quota,
#: an I/O error, a file system remounted read-only after errors, a file or directory
#: of the archive this user may not write (made by another user: a crawl run once by
#: hand as root in an archive cron writes as another user), a file that has grown past
#: the file system's limit, and a path of the archive that is not what the layout
#: says (a month file that is a directory, a year directory that is a file). Each of
#: these fails every later write to the same file: going on would lose one article
#: after another under an exit code of 0.
FATAL_ERRNOS = frozenset(
    {
        errno.ENOSPC,
        errno.EDQUOT,
        errno.EIO,
        errno.EROFS,
        errno.EACCES,
        errno.EPERM,
        errno.EFBIG,
        errno.EISDIR,
        errno.ENOTDIR,
    }
)

#: SQLite's primary result codes for the same conditions (SQLITE_PERM, SQLITE_READONLY,
#: SQLITE_IOERR, SQLITE_FULL).
_SQLITE_ERRNOS = {3: errno.EPERM, 8: errno.EACCES, 10: errno.EIO, 13: errno.ENOSPC}

_MAX_STATUS = 2048


def as_storage_error(exc: BaseException, where: Path | str | None = None) -> OSError | None:
    """``exc`` as an OSError naming a file if it is a storage failure, else None.

    SQLite reports a full disk as ``OperationalError('database or disk is full')`` with
    no file name; ``where`` supplies the file (or directory) the caller was writing, as
    it does for ``os.write`` errors, which carry none either.
    """
    if isinstance(exc, OSError):
        if exc.errno not in FATAL_ERRNOS:
            return None
        if exc.filename is not None or where is None:
            return exc
        return OSError(exc.errno, exc.strerror or os.strerror(exc.errno), str(where))
    if isinstance(exc, sqlite3.Error):
        code = _SQLITE_ERRNOS.get(int(getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF)
        if code is None:
            return None
        if code == errno.EIO and where is not None and _full(Path(where)):
            code = errno.ENOSPC  # SQLite reports a failed write as an I/O error, full or not
        return OSError(code, os.strerror(code), None if where is None else str(where))
    return None


def _full(where: Path) -> bool:
    """Whether the file system holding ``where`` (or its nearest existing parent) has no
    block left for this user."""
    for place in (where, *where.parents):
        try:
            return os.statvfs(place).f_bavail == 0
        except OSError:
            continue
    return False


def describe(exc: OSError, where: str | None = None) -> str:
    """``strerror: filename``, the part of the error a user can act on; ``where`` names
    the file when the error does not (a write to stdout)."""
    reason = exc.strerror or str(exc)
    filename = exc.filename if exc.filename is not None else where
    return f"{reason}: {filename}" if filename is not None else reason


def report_status(message: str) -> None:
    """Tell the parent ``newsarchive crawl`` (if there is one) why the crawl failed."""
    fd = os.environ.get(STATUS_FD_ENV, "")
    if not fd.isdigit():
        return
    data = (message.replace("\n", " ")[: _MAX_STATUS - 1] + "\n").encode("utf-8", "replace")
    # No parent listening (a crawl started by hand with the variable set): nothing to do.
    with contextlib.suppress(OSError):
        os.write(int(fd), data)  # below PIPE_BUF: one atomic write, never blocks


def read_status(fd: int) -> str | None:
    """The first message on the status pipe's read end, or None; never blocks (a helper
    process outliving the crawler could otherwise keep the pipe open)."""
    os.set_blocking(fd, False)
    try:
        data = os.read(fd, 65536)
    except (BlockingIOError, InterruptedError):
        return None
    line = data.decode("utf-8", "replace").split("\n", 1)[0].strip()
    return line or None
