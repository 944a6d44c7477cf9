"""Stream the responses of WARC files back, in file order, with payloads decoded.

``revisit`` records are resolved to the payload of the record they refer to: every
response's digest and position is remembered in a temporary on-disk ``DigestStore`` as
the files are read (flat memory for any number of records), and the archive's own
``digests.sqlite3`` beside a file answers for originals in files not being read.

A damaged record (a few bytes flipped, a gzip member cut short, a crawl killed
mid-write, a copy cut short) is reported and makes its file a damaged one, never an
error, and nothing of it is used (what counts as damage: ``damage``). Reading goes on
from the next whole record after it (``locate.resume_point``). A revisit whose original
was in the damage stays unresolved. Damage with no whole record after it is a torn end:
the file yields what comes before it. A file with no record at all (empty, or cut
inside its first) is damaged too: a WARC file always holds at least its ``warcinfo``
record, and nothing is silently lost.

Reading is split in two so that it can run in several processes: ``read_span``
(``span_reader``) reads the records of one byte range of a file (decompression,
headers, payload checks: the expensive part, and the same wherever it runs), and a
``Replay`` takes the spans back in file order and keeps what depends on order (the
statistics, the digests seen so far and so which payload a revisit names, the crawl
run, the damage and where reading went on after it). A span other than a file's first
finds its first record by looking for one (see ``find_record_start``);
``Replay.trusts`` accepts it only if that is exactly where the span before it stopped,
so a guess that is wrong costs a re-read, never a wrong record. A span stops before
damage, which is read again as a read of the whole file reads it: from where that read
last started afresh (the file's start, or where it went on after damage before), so
the records and the damage come out the same however the file is cut into spans.
``WarcReader`` reads each file as one span, in this process.

This module holds the part that depends on order (``Replay``, ``WarcReader``); the
names of the others are exported from here as well, as they were when it held them all.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsarchive.warc.bodies import payload_at
from newsarchive.warc.damage import DamagedRecord, damage_reason, digest_matches
from newsarchive.warc.digests import DigestStore, Original, unlike_closed
from newsarchive.warc.events import Damaged, Entry, Event, Info, SpanEnd
from newsarchive.warc.files import DIGESTS_FILE
from newsarchive.warc.locate import GZIP, PLAIN, WHOLE, Span, find_record_start, plan_spans
from newsarchive.warc.span_reader import CALLBACK_FIELD, RUN_FIELD, Select, read_entry, read_span

__all__ = [
    "CALLBACK_FIELD",
    "GZIP",
    "PLAIN",
    "RUN_FIELD",
    "WHOLE",
    "Damaged",
    "DamagedRecord",
    "Entry",
    "Event",
    "Info",
    "ReadStats",
    "Replay",
    "Response",
    "Select",
    "Span",
    "SpanEnd",
    "Wanted",
    "WarcReader",
    "damage_reason",
    "digest_matches",
    "find_record_start",
    "payload_at",
    "plan_spans",
    "read_entry",
    "read_span",
]

logger = logging.getLogger(__name__)


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


@dataclass(slots=True)
class ReadStats:
    files: int = 0
    records: int = 0
    responses: int = 0
    revisits: int = 0
    unresolved_revisits: int = 0
    damaged_files: list[str] = field(default_factory=list)


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
        if end.eof:  # a torn end is a ``Damaged`` event of ``read_span``
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
