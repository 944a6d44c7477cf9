"""Stream the responses of WARC files back, in file order, with payloads decoded.

``revisit`` records are resolved to the payload of the record they refer to: every
response's digest and position is remembered in a temporary on-disk ``DigestStore`` as
the files are read (flat memory for any number of records), and the archive's own
``digests.sqlite3`` beside a file answers for originals in files not being read.

A damaged record (a few bytes flipped, a gzip member cut short, a crawl killed
mid-write, a copy cut short) is reported and makes its file a damaged one, never an
error, and nothing of it is used. Reading goes on from the next whole record after it:
the next gzip member that opens with ``WARC/`` (each record is its own member), or in a
plain file the next line that does, taken only if it reads as a sound record there
(``_resume_point``: a payload can hold the same bytes). A revisit whose original was in
the damage stays unresolved. Damage with no whole record after it is a torn end: the
file yields what comes before it. warcio itself reads a cut file as one that ends early
(a short last block, a half gzip member taken for the end of the file), so every record
is checked whole before it counts (its ``Content-Length`` read in full, its gzip member
ended) and so is the file's end (nothing after the last whole record; a plain file's
last record followed by its blank lines). A file with no record at all (empty, or cut
inside its first) is damaged too: a WARC file always holds at least its ``warcinfo``
record, and nothing is silently lost.

Reading is split in two so that it can run in several processes: ``read_span`` reads
the records of one byte range of a file (decompression, headers, payload checks: the
expensive part, and the same wherever it runs), and a ``Replay`` takes the spans back
in file order and keeps what depends on order (the statistics, the digests seen so far
and so which payload a revisit names, the crawl run, the damage and where reading went
on after it). A span other than a file's first finds its first record by looking for
one (see ``find_record_start``); ``Replay.trusts`` accepts it only if that is exactly
where the span before it stopped, so a guess that is wrong costs a re-read, never a
wrong record. A span stops before damage, which is read again as a read of the whole
file reads it: from where that read last started afresh (the file's start, or where it
went on after damage before), so the records and the damage come out the same however
the file is cut into spans.
``WarcReader`` reads each file as one span, in this process.
"""

from __future__ import annotations

import base64
import hashlib
import io
import logging
import os
import tempfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator, WARCIterator
from warcio.bufferedreaders import ChunkedDataReader
from warcio.exceptions import ArchiveLoadFailed
from warcio.limitreader import LimitReader

from newsarchive.warc.digests import DigestStore, Original, unlike_closed
from newsarchive.warc.files import DIGESTS_FILE, final_name
from newsarchive.warc.iterate import archive_iterator
from newsarchive.warc.payload import decode_body

logger = logging.getLogger(__name__)

CALLBACK_FIELD = "WARC-Newsarchive-Callback"
RUN_FIELD = "newsarchive-run"


@dataclass(frozen=True, slots=True)
class Response:
    """One archived HTTP response (a revisit carries its original's payload)."""

    seq: int
    """Position in reading order, over all files: the order the crawl received them."""
    url: str
    date: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    callback: str | None
    """The spider callback the request was for, when the crawl recorded it."""
    run: str | None
    """The crawl run that wrote the file, from its ``warcinfo`` record."""
    revisit: bool = False


#: ``select(url, status, callback) -> bool``: whether a response's payload is wanted.
Select = Callable[[str, int, str | None], bool]


@dataclass(slots=True)
class ReadStats:
    files: int = 0
    records: int = 0
    responses: int = 0
    revisits: int = 0
    unresolved_revisits: int = 0
    damaged_files: list[str] = field(default_factory=list)


def _warcinfo_fields(record: Any) -> dict[str, str]:
    text = record.content_stream().read().decode("utf-8", "replace")
    fields = {}
    for line in text.splitlines():
        name, sep, value = line.partition(":")
        if sep:
            fields[name.strip()] = value.strip()
    return fields


class DamagedRecord(Exception):
    """A record that is not all there (cut short) or not what its digest says
    (corrupted), or a file that does not end with a whole record."""


#: Characters of a quoted line kept in a reason: enough to recognise it, and one line.
_QUOTE_MAX = 60


def _quoted(text: str) -> str:
    """``text`` shown safely in a one-line report: quoted with ASCII escapes for anything
    else (a garbage file's "first line" is binary), at most ``_QUOTE_MAX`` characters."""
    shown = ascii(text[:_QUOTE_MAX])
    return shown if len(shown) <= _QUOTE_MAX else shown[: _QUOTE_MAX - 3] + "..."


def damage_reason(exc: BaseException) -> str:
    """Why a file is damaged, on one printable line.

    warcio quotes the line it could not parse (``Unknown archive format, first line:
    ...``): from a file that is not a WARC file that is hundreds of bytes of binary,
    which would land in the report line as is. The quote is escaped and shortened.
    """
    text = str(exc)
    if isinstance(exc, ArchiveLoadFailed):
        head, sep, quoted = text.strip().partition(": ")
        return f"{head}: {_quoted(quoted)}" if sep else _quoted(text)
    text = " ".join(text.split()) or type(exc).__name__
    if not (text.isascii() and text.isprintable()):
        return _quoted(text)
    return text if len(text) <= 200 else text[:197] + "..."


def _check_whole(reader: ArchiveIterator, record: Any) -> None:
    """Raise ``DamagedRecord`` unless ``record``, read to its end, was all there.

    warcio reads a block cut short by the end of the file as a shorter block, and a gzip
    member cut short as one that ended: neither raises. So the block's ``Content-Length``
    must have been read in full (its ``LimitReader`` has nothing left) and a compressed
    record's member must have ended (or go on into another record, which warcio rejects
    itself). Two attribute reads a record: the reading cost stays where it was.
    """
    if record.length is None:  # a head cut before its Content-Length (or without one)
        raise DamagedRecord("record has no Content-Length")
    stream = record.raw_stream
    if isinstance(stream, LimitReader) and stream.limit > 0:
        raise DamagedRecord(f"record cut short: {stream.limit} of {record.length} bytes missing")
    decompressor = reader.reader.decompressor
    if decompressor is not None and not decompressor.eof and not reader.next_line:
        raise DamagedRecord("gzip member cut short")


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
    if handle.read(len(_GZIP_MAGIC)) == _GZIP_MAGIC:
        return None  # a member's end is checked with its record (``_check_whole``)
    if last_end is None:  # a span that starts at the end: a whole read can tell
        return "no record before the end to check"
    handle.seek(max(last_end, size - 4))  # the end of what follows the last block
    if not handle.read().endswith((b"\r\n\r\n", b"\n\n")):  # CRLF CRLF; LF LF, leniently
        return "last record cut short: the blank lines that close it are missing"
    return None


def digest_matches(digest: str, data: bytes) -> bool | None:
    """Whether ``data`` has ``digest`` (``sha1:BASE32`` or hex); None if not checkable."""
    algorithm, _, expected = digest.partition(":")
    try:
        hashed = hashlib.new(algorithm.strip().lower(), data).digest()
    except (ValueError, TypeError):
        return None
    expected = expected.strip()
    return expected.upper() == base64.b32encode(hashed).decode() or (
        expected.lower() == hashed.hex()
    )


def _payload(record: Any) -> bytes:
    """The entity body as Scrapy would have handed it to the spider.

    warcio returns a payload cut short by a torn file without complaint, so the raw
    bytes are checked against ``WARC-Payload-Digest`` (or, lacking one, the stored
    ``Content-Length``) and a mismatch raises ``DamagedRecord``.
    """
    http = record.http_headers
    raw = record.raw_stream.read()
    digest = record.rec_headers.get_header("WARC-Payload-Digest")
    chunked = http is not None and (http.get_header("Transfer-Encoding") or "").lower() == "chunked"
    if digest and digest_matches(digest, raw) is False:
        raise DamagedRecord(f"payload does not match {digest}")
    length = http.get_header("Content-Length") if http is not None else None
    if not digest and not chunked and length and length.isdigit() and int(length) != len(raw):
        raise DamagedRecord(f"payload is {len(raw)} bytes, Content-Length says {length}")
    if chunked:
        raw = ChunkedDataReader(io.BytesIO(raw)).read()
    encoding = http.get_header("Content-Encoding") if http is not None else None
    return decode_body(raw, encoding)


def payload_at(path: Path, offset: int) -> bytes | None:
    """The payload of the response record at ``offset`` in ``path`` (the original of a
    revisit); None when it is not a response or cannot be read.

    Read as a WARC record only: warcio, not told the format, takes a line it cannot read
    as a WARC record's first for an ARC record's header, and a damaged original's raw
    bytes would be a response with an empty payload and no digest to refuse it.
    """
    candidates = [path]
    if not path.exists():  # the original may still be in its ``.open`` file
        candidates = [p for p in path.parent.glob(path.name + ".*") if final_name(p) == path.name]
    for candidate in candidates:
        try:
            with candidate.open("rb") as handle:
                handle.seek(offset)
                for record in archive_iterator(handle, WARCIterator):
                    return _payload(record) if record.rec_type == "response" else None
        except Exception:  # a damaged original is an unresolved revisit
            continue
    return None


# --- spans: one byte range of a file, read anywhere ------------------------------------

#: How a file is cut into spans: each record its own gzip member, plain WARC, or
#: something else (read as one span, from its start).
GZIP, PLAIN, WHOLE = "gzip", "plain", "whole"
_GZIP_MAGIC = b"\x1f\x8b\x08"
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
    if head == _GZIP_MAGIC:
        return GZIP
    return PLAIN if head == b"WAR" else WHOLE


def plan_spans(path: Path, size: int) -> list[Span]:
    """Cut ``path`` into spans of about ``size`` bytes, if its layout allows it."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(_GZIP_MAGIC))
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
    marker = _GZIP_MAGIC if layout == GZIP else b"\nWARC/"
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
    reads whole (``_check_whole``), does not fail the digests it carries (of its block,
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
        _check_whole(reader, record)
    except Exception:
        return False
    passed = record.digest_checker.passed  # None: no digest to check
    if passed is not None:
        return passed is True
    return reader.offset >= size or _opens_record(handle, reader.offset, layout)


def _resume_point(handle: BinaryIO, damaged: int) -> int | None:
    """Where reading goes on after the damaged record that begins at ``damaged``: the
    first record start after it that reads as a sound record (``_sound_record_at``).
    None when there is none (a torn end), or when the file is laid out in neither way
    a record start can be looked for."""
    handle.seek(0)
    layout = _layout(handle.read(len(_GZIP_MAGIC)))
    if layout == WHOLE:
        return None
    size = os.fstat(handle.fileno()).st_size
    at: int | None = damaged
    while at is not None:
        at = find_record_start(handle, at + 1, None, layout)
        if at is not None and _sound_record_at(handle, at, layout, size):
            return at
    return None


@dataclass(frozen=True, slots=True)
class Info:
    """A ``warcinfo`` record: the crawl run of the records after it."""

    run: str | None


@dataclass(slots=True)
class Entry:
    """A ``response`` or ``revisit`` record that has an HTTP head."""

    url: str
    date: str
    status: int
    callback: str | None
    digest: str | None
    offset: int
    revisit: bool
    wanted: bool
    headers: list[tuple[str, str]] | None = None
    """HTTP headers, for wanted records only."""
    body: bytes | None = None
    """The decoded payload of a wanted response (never of a revisit)."""
    result: Any = None
    """What a consumer made of ``body`` where it was read (a parsed record)."""

    def __reduce__(self) -> tuple[type[Entry], tuple[Any, ...]]:
        """Pickled as a call with the fields: a dataclass's own state functions cost
        more, per record crossing between processes, than the rest of its pickling."""
        return Entry, (
            self.url,
            self.date,
            self.status,
            self.callback,
            self.digest,
            self.offset,
            self.revisit,
            self.wanted,
            self.headers,
            self.body,
            self.result,
        )


@dataclass(frozen=True, slots=True)
class Damaged:
    """A damaged record: reading goes on at the next whole record (``resume``), or, with
    none after it (a torn end) or a file that cannot be read, nothing after it counts."""

    reason: str
    in_response: bool = False
    """The damage was found in a response record, which is counted as read."""
    at: int | None = None
    """Where the damaged record begins (None: the file could not be read)."""
    resume: int | None = None
    """Where the next whole record begins; None: the file's reading ends here."""


@dataclass(frozen=True, slots=True)
class SpanEnd:
    """Where a span's reading began and stopped, for ``Replay.trusts``."""

    found: int | None
    """Where the first record was read from (None: the span holds no record start)."""
    next_start: int
    """Where the record after the span's last one begins."""
    last_end: int | None
    """Where the span's last record ends (its gzip member, for compressed files)."""
    records: int
    eof: bool
    """The file ended inside the span, and whole (its damage, if any, is an event)."""
    clean: bool = True
    """False: stopped at ``next_start`` before a record it could not read as a whole
    read of the file would (see ``read_span``)."""


Event = Info | Entry | Damaged


class _DamagedResponse(Exception):
    """Damage found in a response record, which a whole read has counted already."""


def _event(reader: ArchiveIterator, record: Any, select: Select) -> Event | None:
    """What ``record`` tells the replay, once it has been read to its end and found
    whole (``_check_whole``): nothing of a damaged record counts."""
    kind = record.rec_type
    if kind is None:  # what warcio makes of a torn gzip member
        raise DamagedRecord(f"unreadable record at {reader.get_record_offset()}")
    if kind in ("response", "revisit") and record.http_headers is not None:
        try:
            entry = _entry(reader, record, select)  # read to its end for the offset
            _check_whole(reader, record)
        except Exception as exc:
            raise _DamagedResponse(damage_reason(exc)) from exc
        return entry
    event = Info(_warcinfo_fields(record).get(RUN_FIELD)) if kind == "warcinfo" else None
    reader.get_record_offset()  # read to its end
    _check_whole(reader, record)
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
    (``_resume_point``), or ends there if there is none. Read from another record
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
                        damage = _damage(exc, start, _resume_point(handle, start))
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
    body = _payload(record) if payload and wanted and not is_revisit else None
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


# --- replay: spans back in file order --------------------------------------------------

#: Digests seen are written to the store this many at a time (or before a lookup): a
#: transaction each costs more than its inserts.
_FLUSH_EVERY = 1000


@dataclass(frozen=True, slots=True)
class Wanted:
    """A wanted record in reading order: a response (its payload is in ``entry``) or a
    revisit whose original is at ``original`` (``(file, offset)``)."""

    path: Path
    entry: Entry
    run: str | None
    original: tuple[Path, int] | None = None


class Replay:
    """Spans of the files being read, taken back in file order.

    Feed it each file's spans in order: ``start_file``, then for every span
    ``trusts(span, end)`` (if not, read the span again from ``expected``) and ``take``
    its events (if the span stopped unclean, read on with an exact span from
    ``origin``). It keeps ``stats`` and the digests seen so far, and turns wanted
    records into ``Wanted``; a revisit's original is looked up as of its place in the
    reading order.
    """

    def __init__(self, stats: ReadStats, seen: DigestStore) -> None:
        self.stats = stats
        self._seen = seen
        self._pending: list[tuple[str, Original]] = []
        self._archives: dict[Path, DigestStore | None] = {}
        self.path: Path | None = None
        self.expected = 0
        """Where the file's next record begins, as far as it has been read."""
        self.origin = 0
        """Where a read of the whole file last started reading afresh: its start, or
        where it read on after damage (``Span.exact``)."""
        self._damage_seen = False
        self.done = True
        """The current file has ended (read to its end or damaged)."""
        self._run: str | None = None

    def close(self) -> None:
        for store in self._archives.values():
            if store is not None:
                store.close()

    def start_file(self, path: Path) -> None:
        self.stats.files += 1
        self.path = path
        self.expected = self.origin = 0
        self._damage_seen = False
        self.done = False
        self._run = None

    def trusts(self, span: Span, end: SpanEnd) -> bool:
        """Whether ``span``, as read, begins where the file's reading has got to."""
        if end.found is None:  # no record starts in it: true if none is due there
            return span.end is not None and self.expected >= span.end
        return end.found == self.expected

    def take(self, events: Iterable[Event | SpanEnd]) -> Iterator[Wanted]:
        """The wanted records of a trusted span, as its events are replayed."""
        assert self.path is not None
        path = self.path
        for event in events:
            if self.done and not isinstance(event, SpanEnd):
                continue
            if isinstance(event, Entry):
                wanted = self._entry(path, event)
                if wanted is not None:
                    yield wanted
            elif isinstance(event, Info):
                self._run = event.run
            elif isinstance(event, Damaged):
                self.stats.responses += event.in_response
                if event.at is not None and event.resume is not None:
                    self._skipped(path, event.at, event.resume, event.reason)
                else:
                    self._damaged(path, event.reason)
            else:
                self._end(event)

    def _entry(self, path: Path, entry: Entry) -> Wanted | None:
        self.stats.responses += 1
        if not entry.revisit and entry.digest:
            original = Original(entry.url, entry.date, "", str(path), entry.offset)
            self._pending.append((entry.digest, original))
            if len(self._pending) >= _FLUSH_EVERY:
                self._flush()
        if not entry.wanted:
            return None
        if not entry.revisit:
            return Wanted(path, entry, self._run)
        self.stats.revisits += 1
        where = self._original(path, entry.digest)
        if where is None:
            self.stats.unresolved_revisits += 1
            return None
        return Wanted(path, entry, self._run, where)

    def _end(self, end: SpanEnd) -> None:
        self.stats.records += end.records
        if self.done:  # damaged inside the span
            return
        if end.found is None:  # no record starts in the span
            return
        self.expected = end.next_start
        if end.eof:  # a torn end is a ``Damaged`` event of ``read_span`` (``_torn_end``)
            self.done = True
            assert self.path is not None
            short = self._unlike_closed(self.path, end.next_start)
            if short is not None:
                self._damaged(self.path, short)

    def _unlike_closed(self, path: Path, size: int) -> str | None:
        """Why a file read whole to ``size`` bytes is not the file that was closed, by
        the size the archive's digest store recorded at its close; None if it is, or if
        the store has no size for it (a file still open, or copied away from its store).
        A file cut exactly between two records reads as a valid shorter file: this is
        how that cut is seen."""
        store = self._archive_store(path.parent)
        return unlike_closed(size, store.closed_size(path.name) if store is not None else None)

    def _damaged(self, path: Path, reason: str) -> None:
        """The file's reading ends here: nothing after this point counts."""
        logger.warning("%s: unreadable past this point (%s)", path, reason)
        self._count_damaged(path)
        self.done = True

    def _skipped(self, path: Path, at: int, resume: int, reason: str) -> None:
        """The damaged record at ``at`` and whatever follows it up to ``resume``, where
        a whole record begins and the reading starts afresh, are left out."""
        logger.warning("%s: damaged record at %d, read on from %d (%s)", path, at, resume, reason)
        self._count_damaged(path)
        self.origin = resume

    def _count_damaged(self, path: Path) -> None:
        """A file is counted damaged once, however many places of it are."""
        if not self._damage_seen:
            self.stats.damaged_files.append(str(path))
            self._damage_seen = True

    def _flush(self) -> None:
        if self._pending:
            self._seen.add_many(self._pending)
            self._pending = []

    def _original(self, path: Path, digest: str | None) -> tuple[Path, int] | None:
        if not digest:
            return None
        self._flush()
        original = self._seen.get(digest)
        if original is not None:
            return Path(original.file), original.offset
        store = self._archive_store(path.parent)
        original = store.get(digest) if store else None
        if original is None:
            return None
        return path.parent / original.file, original.offset

    def _archive_store(self, directory: Path) -> DigestStore | None:
        if directory not in self._archives:
            db = directory / DIGESTS_FILE
            self._archives[directory] = DigestStore(db, readonly=True) if db.is_file() else None
        return self._archives[directory]


class WarcReader:
    """Iterate ``responses()`` once over ``paths``; ``stats`` says what was seen."""

    def __init__(self, paths: Sequence[Path], select: Select | None = None) -> None:
        self.paths = list(paths)
        self.select = select or (lambda url, status, callback: True)
        self.stats = ReadStats()
        self._tmp = tempfile.TemporaryDirectory(prefix="newsarchive-reparse-")
        self._seen = DigestStore(Path(self._tmp.name) / DIGESTS_FILE, scratch=True)
        self.replay = Replay(self.stats, self._seen)

    def close(self) -> None:
        self.replay.close()
        self._seen.close()
        self._tmp.cleanup()

    def __enter__(self) -> WarcReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def responses(self) -> Iterator[Response]:
        seq = 0
        for path in self.paths:
            self.replay.start_file(path)
            for wanted in self.replay.take(read_span(path, Span(0, None), self.select)):
                response = self.response(wanted, seq)
                if response is not None:
                    seq += 1
                    yield response

    def response(self, wanted: Wanted, seq: int) -> Response | None:
        """``wanted`` with its payload: a revisit's is read from its original."""
        entry = wanted.entry
        body = entry.body if wanted.original is None else payload_at(*wanted.original)
        if body is None:
            self.stats.unresolved_revisits += 1
            return None
        assert entry.headers is not None
        return Response(
            seq=seq,
            url=entry.url,
            date=entry.date,
            status=entry.status,
            headers=entry.headers,
            body=body,
            callback=entry.callback,
            run=wanted.run,
            revisit=entry.revisit,
        )
