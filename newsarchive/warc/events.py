"""What reading a span of a WARC file tells the replay, in file order.

``read_span`` (``span_reader``) may run in a worker process and ``Replay`` (``reader``)
in the parent: these are the values that cross between them, pickled, one a record.
Plain data, apart from both sides, so that what one hands over and the other takes
back is defined once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


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
