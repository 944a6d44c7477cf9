"""Append-only JSON Lines files: one complete line per record, never rewritten.

A record is serialised to a single ``bytes`` line first and written with one ``write``
call on a file opened in append mode, then flushed and fsync'd, so a crash leaves either
the whole line or (at worst) a torn tail that readers can detect: every complete line
ends with ``\\n``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any


def dumps(record: Mapping[str, Any]) -> bytes:
    """One JSON line, UTF-8, not ASCII-escaped, with the terminating newline."""
    text = json.dumps(record, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return text.encode("utf-8") + b"\n"


def append(path: Path, record: Mapping[str, Any], *, fsync: bool = True) -> int:
    """Append one record; return the byte offset the line starts at."""
    line = dumps(record)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    try:
        offset = os.lseek(fd, 0, os.SEEK_END)
        view = memoryview(line)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        if fsync:
            os.fsync(fd)
    finally:
        os.close(fd)
    return offset


def iter_records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(line_number, record)`` for every complete, valid line of a file.

    Lines that are not valid JSON objects are skipped here; ``verify`` reports them.
    """
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.endswith(b"\n"):
                return  # torn tail: not a complete record
            try:
                record = json.loads(raw)
            except (UnicodeDecodeError, json.JSONDecodeError):
                continue
            if isinstance(record, dict):
                yield number, record
