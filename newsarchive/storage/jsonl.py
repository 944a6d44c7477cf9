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

import orjson

#: orjson hands these to the standard encoder below instead of encoding them its own way
#: (datetimes, dataclasses, subclasses of str/int/dict/list), so both give one answer.
_ORJSON_OPTIONS = (
    orjson.OPT_APPEND_NEWLINE
    | orjson.OPT_PASSTHROUGH_DATETIME
    | orjson.OPT_PASSTHROUGH_DATACLASS
    | orjson.OPT_PASSTHROUGH_SUBCLASS
)


def dumps(record: Mapping[str, Any]) -> bytes:
    """One JSON line, UTF-8, not ASCII-escaped, with the terminating newline.

    The bytes are those of ``json.dumps(record, ensure_ascii=False, separators=(",",
    ":"))``: orjson writes the same for every record of ours (strings, integers, None,
    booleans, lists, dicts; ``tests/test_storage.py`` compares them), in a quarter of
    the time, which was about 3% of a crawl. What orjson refuses (integers beyond 64
    bits, keys that are not strings, lone surrogates, the types passed through above)
    goes to the json module, which encodes it or raises as it always did. One
    difference is kept: a non-finite float is written as ``null``, where the json module
    would write ``NaN``, which is not JSON.
    """
    try:
        return orjson.dumps(record, option=_ORJSON_OPTIONS)
    except orjson.JSONEncodeError:
        text = json.dumps(record, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
        return text.encode("utf-8") + b"\n"


def append(path: Path, record: Mapping[str, Any], *, fsync: bool = True) -> int:
    """Append one record; return the file's size after it (where the line ends)."""
    line = dumps(record)
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW
    try:
        fd = os.open(path, flags, 0o644)
    except FileNotFoundError:  # the first line of a new month or archive: make its folder
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, flags, 0o644)
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
    return offset + len(line)


def fsync_file(path: Path) -> None:
    """Flush a file's written data to the disk (its appends went through other fds)."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def iter_records(path: Path, start: int = 0) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(end_offset, record)`` for every complete, valid line from ``start`` on.

    ``end_offset`` is the byte offset just past the line, so a reader can remember how far
    it got. A torn tail (no final newline) ends the iteration; lines that are not JSON
    objects are skipped here (``verify`` reports them).
    """
    with path.open("rb") as handle:
        handle.seek(start)
        offset = start
        for raw in handle:
            if not raw.endswith(b"\n"):
                return
            offset += len(raw)
            try:
                record = json.loads(raw)
            except (UnicodeDecodeError, json.JSONDecodeError):
                continue
            if isinstance(record, dict):
                yield offset, record
