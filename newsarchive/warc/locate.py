"""Where WARC records begin: a file cut into spans, and a record found again.

A span is a byte range of a file read on its own (in another process, perhaps), so one
other than a file's first must find its first record by looking for one
(``find_record_start``): the next gzip member that opens with ``WARC/`` (each record is
its own member), or in a plain file the next line that does. That is a guess, a payload
can hold the same bytes; ``Replay.trusts`` checks it against where the span before
stopped. Reading goes on after a damaged record the same way, from the first such start
that reads as a sound record there (``resume_point``). Both work on bytes and positions,
not on what the records say: apart from the reading of records (``span_reader``), which
calls on them.
"""

from __future__ import annotations

import os
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from newsarchive.warc.damage import check_whole
from newsarchive.warc.iterate import archive_iterator

#: How a file is cut into spans: each record its own gzip member, plain WARC, or
#: something else (read as one span, from its start).
GZIP, PLAIN, WHOLE = "gzip", "plain", "whole"
GZIP_MAGIC = b"\x1f\x8b\x08"
_SCAN_BLOCK = 64 * 1024


@dataclass(frozen=True, slots=True)
class Span:
    """Records of ``path`` that start at or after ``start`` and before ``end``.

    ``start`` is a record's first byte when ``search`` is false; otherwise the span's
    first record is looked for from there (``find_record_start``). ``end`` None: to the
    end of the file.
    """

    start: int
    end: int | None
    layout: str = WHOLE
    search: bool = False
    skip: int = 0
    """Records before this position are read but not reported (the span must be exact)."""
    exact: bool = False
    """``start`` is where a read of the whole file starts reading afresh: its first byte
    (a span from there is always exact) or where it read on after damage
    (``Replay.origin``). An exact span reads as that whole read does, damage included."""


def _layout(head: bytes) -> str:
    """How a file whose first bytes are ``head`` is laid out (``GZIP``, ``PLAIN`` or
    ``WHOLE``)."""
    if head == GZIP_MAGIC:
        return GZIP
    return PLAIN if head == b"WAR" else WHOLE


def plan_spans(path: Path, size: int) -> list[Span]:
    """Cut ``path`` into spans of about ``size`` bytes, if its layout allows it."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(GZIP_MAGIC))
            total = os.fstat(handle.fileno()).st_size
    except OSError:
        return [Span(0, None)]  # reading it will fail and say why
    layout = _layout(head)
    if layout == WHOLE:
        return [Span(0, None)]
    starts = list(range(0, total, max(size, 1))) or [0]
    ends: list[int | None] = [*starts[1:], None]
    return [Span(s, e, layout, s > 0) for s, e in zip(starts, ends, strict=True)]


def _opens_record(handle: BinaryIO, at: int, layout: str) -> bool:
    """Whether a WARC record seems to begin at ``at``: a gzip member whose text starts
    with ``WARC/``, or (plain files) ``WARC/`` after a line end."""
    handle.seek(at)
    data = handle.read(4096)
    if layout == PLAIN:
        return data.startswith(b"WARC/")
    try:
        return zlib.decompressobj(31).decompress(data, 5) == b"WARC/"
    except zlib.error:
        return False


def find_record_start(handle: BinaryIO, start: int, end: int | None, layout: str) -> int | None:
    """The first position in ``[start, end)`` where a record seems to begin, or None.

    A guess: a payload can hold the same bytes. ``Replay.trusts`` checks it against
    where the span before stopped.
    """
    marker = GZIP_MAGIC if layout == GZIP else b"\nWARC/"
    skip = 0 if layout == GZIP else 1  # the record starts after the line end
    pos = max(start - skip, 0)
    while end is None or pos < end:
        handle.seek(pos)
        block = handle.read(_SCAN_BLOCK + len(marker))
        if not block:
            return None
        found = block.find(marker)
        while found != -1:
            at = pos + found + skip
            if at >= start and end is not None and at >= end:
                return None
            if at >= start and _opens_record(handle, at, layout):
                return at
            found = block.find(marker, found + 1)
        pos += _SCAN_BLOCK
    return None


def _sound_record_at(handle: BinaryIO, at: int, layout: str, size: int) -> bool:
    """Whether reading can go on from ``at`` after damage: a record begins there that
    reads whole (``check_whole``), does not fail the digests it carries (of its block,
    of its payload: whatever select would want of it), and either passes them or is
    followed by another record's start or the file's end.

    The record after damage is looked for by its first bytes, which a payload can hold
    too (a page quoting a record, a WARC file archived as a page): a guess is taken only
    if it reads as a record would in its place. A record without digests whose next one
    is damaged too is passed over: a record lost rather than a wrong one read.
    """
    handle.seek(at)
    reader = archive_iterator(handle, check_digests=True)
    try:
        record = next(iter(reader))
        if record.rec_type is None:  # what warcio makes of a torn gzip member
            return False
        reader.get_record_offset()  # read to its end, the digests computed on the way
        check_whole(reader, record)
    except Exception:
        return False
    passed = record.digest_checker.passed  # None: no digest to check
    if passed is not None:
        return passed is True
    return reader.offset >= size or _opens_record(handle, reader.offset, layout)


def resume_point(handle: BinaryIO, damaged: int) -> int | None:
    """Where reading goes on after the damaged record that begins at ``damaged``: the
    first record start after it that reads as a sound record (``_sound_record_at``).
    None when there is none (a torn end), or when the file is laid out in neither way
    a record start can be looked for."""
    handle.seek(0)
    layout = _layout(handle.read(len(GZIP_MAGIC)))
    if layout == WHOLE:
        return None
    size = os.fstat(handle.fileno()).st_size
    at: int | None = damaged
    while at is not None:
        at = find_record_start(handle, at + 1, None, layout)
        if at is not None and _sound_record_at(handle, at, layout, size):
            return at
    return None
