"""Find and set aside torn tails left by a crash, before anything is appended again.

A crash (SIGKILL, power loss) during an append can leave a last line without its
newline. Appending after it would glue the next record onto the fragment and damage
both, so every append-only file is checked when an archive opens: a torn tail is moved,
byte for byte, into ``<file>.corrupt`` (appended, never overwritten) and cut from the
file. Nothing is deleted.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

logger = logging.getLogger(__name__)

CORRUPT_SUFFIX = ".corrupt"
_CHUNK = 64 * 1024


def _last_newline_end(fd: int, size: int) -> int:
    """Offset just past the last ``\\n`` in the file, 0 when there is none."""
    pos = size
    while pos > 0:
        start = max(0, pos - _CHUNK)
        chunk = os.pread(fd, pos - start, start)
        index = chunk.rfind(b"\n")
        if index >= 0:
            return start + index + 1
        pos = start
    return 0


def set_aside_torn_tail(path: Path) -> int:
    """Move an incomplete last line into ``path.corrupt``; return the bytes moved."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_NOFOLLOW)
    except FileNotFoundError:
        return 0
    try:
        size = os.fstat(fd).st_size
        if size == 0 or os.pread(fd, 1, size - 1) == b"\n":
            return 0
        keep = _last_newline_end(fd, size)
        tail = os.pread(fd, size - keep, keep)
        corrupt = path.with_name(path.name + CORRUPT_SUFFIX)
        out = os.open(corrupt, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o644)
        try:
            os.write(out, tail + b"\n")
            os.fsync(out)
        finally:
            os.close(out)
        os.ftruncate(fd, keep)
        os.fsync(fd)
    finally:
        os.close(fd)
    logger.warning("%s: torn last line (%d bytes) moved to %s", path, len(tail), corrupt.name)
    return len(tail)


def set_aside_index(path: Path) -> Path:
    """Move an unreadable index (and its WAL files) to ``<name>.corrupt-N``; return the
    new name of the main file.

    The index is derived from the JSONL files, so the archive rebuilds it; the damaged
    file is kept for whoever wants to see what happened to it, never overwritten.
    """
    n = 1
    while path.with_name(f"{path.name}{CORRUPT_SUFFIX}-{n}").exists():
        n += 1
    target = path.with_name(f"{path.name}{CORRUPT_SUFFIX}-{n}")
    for suffix in ("-wal", "-shm", ""):
        part = path.with_name(path.name + suffix)
        if part.exists():
            part.rename(target.with_name(target.name + suffix))
    return target
