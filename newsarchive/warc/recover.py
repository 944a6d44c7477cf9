"""Close WARC files that a killed crawl left open, cutting them to whole records.

Each record is one gzip member written in one go, so a crash can leave at most a torn
last member. Recovery keeps the longest prefix made of complete members (each one's
CRC checked by zlib), appends the bytes after it to ``<name>.corrupt`` (never
overwritten, never deleted), truncates, and renames the file to its closed name.

A file still locked by a live writer (``flock``, released by the kernel when the
writer dies, SIGKILL included) is left alone: it is open, not abandoned.

The digest store commits its inserts in groups: the writer commits every
``DigestStore.COMMIT_EVERY`` exchanges of a file and when it closes one. A writer killed
mid-file can take the digests of its last exchanges (fewer than that many) with it.
Recovery learns them again from those records, the file's last two members per
exchange, so later copies of those payloads are still written as revisits.
"""

from __future__ import annotations

import errno
import fcntl
import logging
import os
import zlib
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newsarchive.warc.digests import DigestStore, Original, payload_digest
from newsarchive.warc.files import CORRUPT_SUFFIX, OPEN_SUFFIX, SUFFIX, final_name
from newsarchive.warc.iterate import archive_iterator

logger = logging.getLogger(__name__)

_CHUNK = 256 * 1024
#: The digest of an empty payload, which the writer never records (nor revisits).
_EMPTY_PAYLOAD = payload_digest(b"")
_OUT_LIMIT = 1 << 20  # decompressed bytes per call: bounded memory on any input


def member_ends(read: Callable[[], bytes]) -> Iterator[int]:
    """Offsets just past each complete gzip member of the stream ``read`` returns.

    Stops quietly at the first torn or damaged member: what follows it is not trusted.
    """
    inflater = zlib.decompressobj(31)
    base = 0  # absolute offset of the first byte of ``data``
    data = b""
    while True:
        if not data:
            data = read()
            if not data:
                return
        try:
            inflater.decompress(data, _OUT_LIMIT)
        except zlib.error:
            return
        if inflater.eof:
            rest = inflater.unused_data
            base += len(data) - len(rest)
            yield base
            data = rest
            inflater = zlib.decompressobj(31)
        else:
            tail = inflater.unconsumed_tail
            base += len(data) - len(tail)
            data = tail


def complete_prefix(path: Path) -> int:
    """Length of the longest prefix of ``path`` made of whole gzip members."""
    return _member_tail(path, 0)[0]


def _member_tail(path: Path, members: int) -> tuple[int, int]:
    """The complete prefix's length, and where its last ``members`` members start."""
    with path.open("rb") as handle:
        ends = deque(member_ends(lambda: handle.read(_CHUNK)), maxlen=members + 1)
    if not ends:
        return 0, 0
    return ends[-1], ends[0] if len(ends) > members else 0


def _relearn(path: Path, name: str, start: int, end: int, digests: DigestStore) -> int:
    """Add the payload digests of the response records between ``start`` and ``end``
    (the store keeps a first copy it already knows); return how many were read."""
    found = []
    with path.open("rb") as handle:
        handle.seek(start)
        reader = archive_iterator(handle)
        for record in reader:
            offset = reader.get_record_offset()  # from the file's start: warcio asks the file
            if offset >= end:
                break
            headers = record.rec_headers
            digest = headers.get_header("WARC-Payload-Digest")
            if record.rec_type == "response" and digest and digest != _EMPTY_PAYLOAD:
                original = Original(
                    headers.get_header("WARC-Target-URI") or "",
                    headers.get_header("WARC-Date") or "",
                    headers.get_header("WARC-Record-ID") or "",
                    name,
                    offset,
                )
                found.append((digest, original))
    digests.add_many(found)
    return len(found)


@dataclass(frozen=True, slots=True)
class Recovered:
    path: Path
    """The file under its closed name (or the open one, if it was empty and removed)."""
    kept: int
    cut: int


def _locked_by_other(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EAGAIN, errno.EACCES):
            return True
        raise
    return False


def _set_aside(fd: int, keep: int, size: int, corrupt: Path) -> None:
    out = os.open(corrupt, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    try:
        pos = keep
        while pos < size:
            chunk = os.pread(fd, min(_CHUNK, size - pos), pos)
            if not chunk:
                break
            os.write(out, chunk)
            pos += len(chunk)
        os.fsync(out)
    finally:
        os.close(out)


def in_use(path: Path) -> bool:
    """Whether a live writer holds ``path`` (its lock is probed, then let go)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return False
    try:
        return _locked_by_other(fd)
    finally:
        os.close(fd)  # closing drops the probe's own lock, if it got one


def recover_file(path: Path, digests: DigestStore | None = None) -> Recovered | None:
    """Cut an abandoned ``.open`` file to whole records and close it; None if in use."""
    fd = os.open(path, os.O_RDWR | os.O_NOFOLLOW)
    try:
        if _locked_by_other(fd):
            return None
        size = os.fstat(fd).st_size
        # Each exchange is two members (response and request): enough of them for every
        # digest the store may not have committed, and the file's warcinfo record.
        keep, tail = _member_tail(path, 2 * DigestStore.COMMIT_EVERY + 1 if digests else 0)
        closed = path.with_name(final_name(path))
        if keep < size:
            _set_aside(fd, keep, size, closed.with_name(closed.name + CORRUPT_SUFFIX))
            os.ftruncate(fd, keep)
            os.fsync(fd)
            logger.warning(
                "%s: torn last record (%d bytes) moved to %s%s",
                path.name,
                size - keep,
                closed.name,
                CORRUPT_SUFFIX,
            )
        if digests is not None:
            digests.forget_from(closed.name, keep)
            _relearn(path, closed.name, tail, keep, digests)
            if keep:
                digests.closed(closed.name, keep)
        if keep == 0:
            path.unlink()  # nothing complete in it; any bytes it had are in .corrupt
        else:
            os.rename(path, closed)
        return Recovered(closed if keep else path, keep, size - keep)
    finally:
        os.close(fd)


def recover_directory(directory: Path, digests: DigestStore | None = None) -> list[Recovered]:
    """Recover every abandoned ``.open`` WARC file in ``directory``."""
    if not directory.is_dir():
        return []
    done = []
    for path in sorted(directory.glob(f"*{SUFFIX}{OPEN_SUFFIX}")):
        if path.is_file() and not path.is_symlink():
            result = recover_file(path, digests)
            if result is not None:
                done.append(result)
    return done
