"""Which article lines an export emits, and in what order, in memory that does not
grow with the archive.

Month files (``articles/YYYY/YYYY-MM.jsonl``) already partition the archive by publish
month, so files are taken in name order and only one file's lines are sorted at a time,
and only as ``(sort key, offset, length)``: the lines themselves are read back by
seeking when they are written out. Undated articles come last, in the order stored.

"Latest revision" is what the index says (its entry holds the latest revision and the
file it is in). An index missing, unreadable or behind the files (it records how much
of each file it has read) is not trusted: a temporary one is derived from the files
instead, in a temporary SQLite file, never in memory.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from newsarchive.storage import layout
from newsarchive.storage.index import ArchiveIndex, Entry

_FAR_FUTURE = datetime.max


@dataclass(frozen=True, slots=True)
class Window:
    """Publish dates to export, both ends inclusive, as printed by the portal."""

    since: date | None = None
    until: date | None = None

    @property
    def bounded(self) -> bool:
        return self.since is not None or self.until is not None

    def admits_month(self, year_month: str) -> bool:
        if self.since and year_month < self.since.isoformat()[:7]:
            return False
        return not (self.until and year_month > self.until.isoformat()[:7])

    def admits(self, published_at: str) -> bool:
        day = published_at[:10]
        if self.since and day < self.since.isoformat():
            return False
        return not (self.until and day > self.until.isoformat())


@dataclass(frozen=True, slots=True)
class Line:
    path: Path
    offset: int
    length: int


def _lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """``(offset, raw line)`` for every complete line (a torn tail is left out)."""
    with path.open("rb") as handle:
        offset = 0
        for raw in handle:
            if raw.endswith(b"\n"):
                yield offset, raw
            offset += len(raw)


def _record(raw: bytes) -> dict[str, Any] | None:
    try:
        record = json.loads(raw)
    except ValueError:
        return None
    return record if isinstance(record, dict) else None


def _instant(published_at: Any) -> datetime:
    """Sort key: the publish instant in UTC, naive; unparseable sorts last."""
    try:
        moment = datetime.fromisoformat(str(published_at))
    except ValueError:
        return _FAR_FUTURE
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


class LatestRevisions:
    """Answers "is this line the latest revision of its article?" from an index."""

    def __init__(self, index: ArchiveIndex) -> None:
        self.index = index

    def is_latest(self, record: dict[str, Any], rel: str) -> bool:
        entry: Entry | None = self.index.get(str(record.get("id")))
        if entry is None:
            return False
        return entry.path == rel and entry.revision == int(record.get("revision") or 1)


def _index_is_current(index: ArchiveIndex, archive: Path) -> bool:
    known = index.known_files()
    for path in layout.article_files(archive):
        if known.get(layout.relative(archive, path), -1) != path.stat().st_size:
            return False
    return True


def _derive_index(archive: Path, target: Path) -> ArchiveIndex:
    index = ArchiveIndex(target)
    with index.transaction():
        for path in layout.article_files(archive):
            rel = layout.relative(archive, path)
            for _, raw in _lines(path):
                record = _record(raw)
                try:
                    assert record is not None
                    index.put(
                        Entry(
                            id=str(record["id"]),
                            url=str(record["url"]),
                            content_hash=str(record["content_hash"]),
                            published_at=record.get("published_at"),
                            path=rel,
                            revision=int(record.get("revision") or 1),
                        )
                    )
                except (AssertionError, KeyError, TypeError, ValueError):
                    continue
    return index


@contextmanager
def latest_revisions(archive: Path) -> Iterator[LatestRevisions]:
    """The archive's own index, read-only, when it is current; else a derived one."""
    path = archive / layout.INDEX_FILE
    if path.is_file():
        try:
            index = ArchiveIndex(path, readonly=True)
            if _index_is_current(index, archive):
                try:
                    yield LatestRevisions(index)
                finally:
                    index.close()
                return
            index.close()
        except sqlite3.Error:
            pass
    with tempfile.TemporaryDirectory(prefix="newsarchive-export-") as tmp:
        derived = _derive_index(archive, Path(tmp) / layout.INDEX_FILE)
        try:
            yield LatestRevisions(derived)
        finally:
            derived.close()


def _month_of(path: Path) -> str | None:
    stem = path.stem
    return stem if len(stem) == 7 and stem[4] == "-" and stem.replace("-", "").isdigit() else None


def select(archive: Path, window: Window, latest: LatestRevisions | None) -> Iterator[Line]:
    """The lines to export in publish order; ``latest=None`` keeps every revision."""
    files = layout.article_files(archive)
    undated = [p for p in files if p.name == layout.UNDATED_FILE]
    dated = sorted((p for p in files if _month_of(p)), key=lambda p: p.name)
    for path in dated:
        if not window.admits_month(_month_of(path) or ""):
            continue
        rel = layout.relative(archive, path)
        chosen: list[tuple[datetime, str, int, int, int]] = []
        for offset, raw in _lines(path):
            record = _record(raw)
            if record is None or not isinstance(record.get("published_at"), str):
                continue
            if not window.admits(record["published_at"]):
                continue
            if latest is not None and not latest.is_latest(record, rel):
                continue
            revision = record.get("revision")
            key = (
                _instant(record["published_at"]),
                str(record.get("id")),
                revision if isinstance(revision, int) else 1,
            )
            chosen.append((*key, offset, len(raw)))
        chosen.sort()
        for *_, offset, length in chosen:
            yield Line(path, offset, length)
    if window.bounded:
        return
    for path in undated:
        rel = layout.relative(archive, path)
        for offset, raw in _lines(path):
            record = _record(raw)
            if record is None or (latest is not None and not latest.is_latest(record, rel)):
                continue
            yield Line(path, offset, len(raw))
