"""Append-only JSON Lines files: one complete line per record, never rewritten.

A record is serialised to a single ``bytes`` line first and written with one ``write``
call on a file opened in append mode, then flushed and fsync'd, so a crash leaves either
the whole line or (at worst) a torn tail that readers can detect: every complete line
ends with ``\\n``.
"""

from __future__ import annotations

import contextlib
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
    fd = _open_append(path)
    try:
        _write_all(fd, line, path)
        if fsync:
            _fsync(fd, path)
        return os.lseek(fd, 0, os.SEEK_CUR)  # in append mode, the end of this line
    finally:
        os.close(fd)


def _open_append(path: Path) -> int:
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW
    try:
        return os.open(path, flags, 0o644)
    except FileNotFoundError:  # the first line of a new month or archive: make its folder
        path.parent.mkdir(parents=True, exist_ok=True)
        return os.open(path, flags, 0o644)


def _write_all(fd: int, line: bytes, path: Path) -> None:
    """Write the whole line or, when the disk refuses the rest (full), none of it.

    A part written before the failure is cut off again, so a full disk leaves no torn
    line for the next crawl to set aside; the error names the file (``os.write`` does
    not).
    """
    view = memoryview(line)
    written = 0
    try:
        while view:
            count = os.write(fd, view)
            written += count
            view = view[count:]
    except OSError as exc:
        if written:
            # If this fails too, the torn line is set aside by the next open, as after a kill.
            with contextlib.suppress(OSError):
                os.ftruncate(fd, os.lseek(fd, 0, os.SEEK_CUR) - written)
        raise OSError(exc.errno, exc.strerror, str(path)) from exc


def _fsync(fd: int, path: Path) -> None:
    try:
        os.fsync(fd)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path)) from exc


class Appender:
    """Appends to a few files kept open, for one writer appending many lines.

    Opening and closing a month file for each line was two system calls and a path
    conversion per article, most of what an append cost beyond encoding. Each line is
    still one ``write`` on a descriptor opened in append mode, so what a crash leaves is
    the same as with ``append``; ``sync`` makes the lines written so far durable. At most
    ``max_open`` descriptors stay open, the least recently used closed first (a full
    crawl touches a month file per month of the portal's history).
    """

    def __init__(self, max_open: int = 32) -> None:
        self.max_open = max(1, max_open)
        self._fds: dict[Path, int] = {}
        self._dirty: set[Path] = set()

    def append(self, path: Path, record: Mapping[str, Any]) -> int:
        """Append one record; return the file's size after it (where the line ends)."""
        return self.append_line(path, dumps(record))

    def append_line(self, path: Path, line: bytes) -> int:
        """Append a line already encoded by ``dumps``; return the file's size after it."""
        fd = self._fds.pop(path, None)
        if fd is None:
            if len(self._fds) >= self.max_open:
                os.close(self._fds.pop(next(iter(self._fds))))
            fd = _open_append(path)
        self._fds[path] = fd  # most recently used last
        _write_all(fd, line, path)
        self._dirty.add(path)
        return os.lseek(fd, 0, os.SEEK_CUR)  # in append mode, the end of this line

    def sync(self) -> None:
        """fsync every file appended to since the last ``sync``."""
        for path in self._dirty:
            fd = self._fds.get(path)
            if fd is None:
                fsync_file(path)
            else:
                _fsync(fd, path)
        self._dirty.clear()

    def discard(self) -> None:
        """Forget what was appended without syncing it (the caller does not want it
        durable, or made it so otherwise)."""
        self._dirty.clear()

    def close(self) -> None:
        """Close every descriptor (without syncing: call ``sync`` first for that)."""
        fds, self._fds = self._fds, {}
        for fd in fds.values():
            os.close(fd)


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
