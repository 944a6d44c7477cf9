"""The records of one span of a WARC file, read into events (``events``).

This is the expensive part of reading (decompression, headers, payload checks) and the
same wherever it runs, so a reparse runs it in its worker processes; what depends on
reading order is the ``Replay``'s (``reader``). A span reads as a read of the whole file
would: every record checked whole (``damage``), a damaged one a ``Damaged`` event and
reading on from the next sound record (``locate``), and the end of the file checked too
(``_torn_end``: nothing after the last whole record, a plain file's last record
followed by its blank lines).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator

from newsarchive.warc.bodies import payload_of
from newsarchive.warc.damage import DamagedRecord, check_whole, damage_reason
from newsarchive.warc.events import Damaged, Entry, Event, Info, SpanEnd
from newsarchive.warc.iterate import archive_iterator
from newsarchive.warc.locate import GZIP, GZIP_MAGIC, Span, find_record_start, resume_point

CALLBACK_FIELD = "WARC-Newsarchive-Callback"
RUN_FIELD = "newsarchive-run"

#: ``select(url, status, callback) -> bool``: whether a response's payload is wanted.
Select = Callable[[str, int, str | None], bool]


def _warcinfo_fields(record: Any) -> dict[str, str]:
    text = record.content_stream().read().decode("utf-8", "replace")
    fields = {}
    for line in text.splitlines():
        name, sep, value = line.partition(":")
        if sep:
            fields[name.strip()] = value.strip()
    return fields


def _torn_end(handle: BinaryIO, size: int, next_start: int, last_end: int | None) -> str | None:
    """Why a file read to its end without error is still not whole, or None.

    At the end of the file warcio stops quietly wherever it is: after a gzip member torn
    in its header, or a plain record whose closing blank lines (``CRLF CRLF``) are cut.
    What it leaves unread and the bytes after the last record's block say so. Runs once
    a file.
    """
    if next_start == 0:  # no record read from the file's start
        return "empty file" if size == 0 else "no whole WARC record in it"
    if next_start < size:
        return f"{size - next_start} bytes after the last whole record"
    handle.seek(0)
    if handle.read(len(GZIP_MAGIC)) == GZIP_MAGIC:
        return None  # a member's end is checked with its record (``check_whole``)
    if last_end is None:  # a span that starts at the end: a whole read can tell
        return "no record before the end to check"
    handle.seek(max(last_end, size - 4))  # the end of what follows the last block
    if not handle.read().endswith((b"\r\n\r\n", b"\n\n")):  # CRLF CRLF; LF LF, leniently
        return "last record cut short: the blank lines that close it are missing"
    return None


class _DamagedResponse(Exception):
    """Damage found in a response record, which a whole read has counted already."""


def _event(reader: ArchiveIterator, record: Any, select: Select) -> Event | None:
    """What ``record`` tells the replay, once it has been read to its end and found
    whole (``check_whole``): nothing of a damaged record counts."""
    kind = record.rec_type
    if kind is None:  # what warcio makes of a torn gzip member
        raise DamagedRecord(f"unreadable record at {reader.get_record_offset()}")
    if kind in ("response", "revisit") and record.http_headers is not None:
        try:
            entry = _entry(reader, record, select)  # read to its end for the offset
            check_whole(reader, record)
        except Exception as exc:
            raise _DamagedResponse(damage_reason(exc)) from exc
        return entry
    event = Info(_warcinfo_fields(record).get(RUN_FIELD)) if kind == "warcinfo" else None
    reader.get_record_offset()  # read to its end
    check_whole(reader, record)
    return event


def _ends_cleanly(reader: ArchiveIterator, layout: str) -> bool:
    """Whether the record just read ended with its own gzip member, the decompressor
    done and nothing of the next record read: the state a fresh read starts in."""
    if layout != GZIP:
        return True
    decompressor = reader.reader.decompressor
    return decompressor is not None and decompressor.eof and not reader.next_line


def _damage(exc: Exception, at: int, resume: int | None) -> Damaged:
    """``exc``, raised reading the record that begins at ``at``, as the event that says
    so; reading goes on at ``resume``."""
    if isinstance(exc, _DamagedResponse):
        return Damaged(str(exc), in_response=True, at=at, resume=resume)
    return Damaged(damage_reason(exc), at=at, resume=resume)


def read_span(path: Path, span: Span, select: Select) -> Iterator[Event | SpanEnd]:
    """The records of ``span`` as events, in file order, then one ``SpanEnd``.

    The payload of a wanted response is read and checked here. An exact span (one that
    starts where a read of the whole file starts reading afresh: see ``Span.exact``)
    reads as that whole read does, damage included: a damaged record is a ``Damaged``
    event, and reading goes on, afresh, from the next record that reads whole
    (``resume_point``), or ends there if there is none. Read from another record
    inside the file, a span does so only while the data is sound: where a corrupt gzip
    member makes warcio stop, and what it makes of it, depends on where its reads of
    the file fall. Such a span stops before the first record that is damaged or does
    not end with its gzip member, and says so (``SpanEnd.clean``); the caller reads on
    with an exact span (``Span.skip``).

    The span that reaches the file's end checks that end (``_torn_end``): an exact read
    says why it is torn (``Damaged``), any other stops unclean, as above.
    """
    exact = span.exact or span.start == 0
    found: int | None = span.start
    next_start = span.start
    last_end: int | None = None
    records = 0
    eof = False
    clean = True
    start = next_start
    try:
        with path.open("rb") as handle:
            if span.search:
                found = find_record_start(handle, span.start, span.end, span.layout)
                if found is None:
                    yield SpanEnd(None, span.start, None, 0, False)
                    return
                next_start = found
            size = os.fstat(handle.fileno()).st_size
            handle.seek(next_start)
            reader = archive_iterator(handle)
            run_on = iter(reader)
            # a span whose last record ends the file reads on to the end, to check it
            # (``_torn_end``) knowing where that record's block ended
            while span.end is None or next_start < span.end or next_start >= size:
                start = next_start
                damage: Damaged | None = None
                event: Event | None = None
                try:
                    record = next(run_on, None)
                    if record is None:  # the end, as far as warcio can tell
                        torn = _torn_end(handle, size, next_start, last_end)
                        if torn is not None:
                            raise DamagedRecord(torn)
                        eof = True
                        break
                    if not exact:
                        event = _event(reader, record, select)
                        reader.get_record_offset()  # read to its end
                        clean = _ends_cleanly(reader, span.layout)
                        if clean:  # (one that is not is read again, exactly)
                            records += 1
                    elif start >= span.skip:
                        records += 1  # a damaged record is counted as read too
                        event = _event(reader, record, select)
                    else:  # read already: only keep reading's state
                        reader.get_record_offset()  # read to its end
                except Exception as exc:
                    if not exact:  # a whole read says it (it counts what came before)
                        clean = False
                    else:
                        damage = _damage(exc, start, resume_point(handle, start))
                if not clean:
                    break
                if damage is not None:
                    yield damage
                    if damage.resume is None:
                        break
                    handle.seek(damage.resume)
                    reader = archive_iterator(handle)
                    run_on = iter(reader)
                    next_start, last_end = damage.resume, None
                    continue
                if event is not None:
                    yield event
                last_end = reader.get_record_offset() + reader.get_record_length()
                next_start = reader.offset  # past blank lines too, in plain files
    except Exception as exc:  # a file that cannot be read must not end the run
        yield Damaged(damage_reason(exc))
    if not clean:
        next_start = start
    yield SpanEnd(found, next_start, last_end, records, eof, clean)


def _entry(reader: ArchiveIterator, record: Any, select: Select, payload: bool = True) -> Entry:
    head = record.rec_headers
    url = head.get_header("WARC-Target-URI") or ""
    is_revisit = record.rec_type == "revisit"
    try:
        status = int(record.http_headers.get_statuscode())
    except (TypeError, ValueError):
        status = 0
    callback = head.get_header(CALLBACK_FIELD)
    wanted = status > 0 and select(url, status, callback)
    body = payload_of(record) if payload and wanted and not is_revisit else None
    return Entry(
        url=url,
        date=head.get_header("WARC-Date") or "",
        status=status,
        callback=callback,
        digest=head.get_header("WARC-Payload-Digest"),
        # the offset is known only once the record has been read to its end
        offset=reader.get_record_offset(),
        revisit=is_revisit,
        wanted=wanted,
        headers=list(record.http_headers.headers) if wanted else None,
        body=body,
    )


def read_entry(path: Path, offset: int) -> Entry:
    """The response or revisit record at ``offset``, HTTP headers included, payload not
    read: a revisit taken up again where its original can be read."""
    with path.open("rb") as handle:
        handle.seek(offset)
        reader = archive_iterator(handle)
        record = next(iter(reader))
        if record.rec_type not in ("response", "revisit") or record.http_headers is None:
            raise DamagedRecord(f"no response record at {offset}")
        return _entry(reader, record, lambda url, status, callback: True, payload=False)
