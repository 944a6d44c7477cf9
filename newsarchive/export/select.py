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

A line is read as ``verify`` reads it (``decode_line``, one rule for both): a line
verify rejects (torn, not UTF-8, a byte-order mark, not a JSON object) is skipped, so
the output stays valid for strict readers, and counted in ``Damage`` for the one-line
warning the command prints at the end.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from newsarchive.storage import layout
from newsarchive.storage.index import ArchiveIndex, Entry
from newsarchive.verify.lines import LineError, TornLine, decode_line

_FAR_FUTURE = datetime.max
#: Files named in the damage warning, which stays one readable line; verify lists all.
MAX_FILES_NAMED = 5


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


@dataclass(slots=True)
class Damage:
    """The lines an export skipped because verify rejects them, for its warning.

    A torn last line is told apart from damage inside a file: the first is what a crash
    mid-append leaves (or a crawl writing while the export reads) and the next crawl
    sets it aside; the second is lost data only ``verify`` and a person can explain.
    """

    torn: int = 0
    inside: int = 0
    files: dict[str, None] = field(default_factory=dict)  # an ordered set

    def add(self, rel: str, error: LineError) -> None:
        if isinstance(error, TornLine):
            self.torn += 1
        else:
            self.inside += 1
        self.files.setdefault(rel)

    def summary(self) -> str | None:
        """One line for stderr, or None when nothing was skipped."""
        count = self.torn + self.inside
        if not count:
            return None
        names = sorted(self.files)
        files = ", ".join(names[:MAX_FILES_NAMED])
        if len(names) > MAX_FILES_NAMED:
            files += f" and {len(names) - MAX_FILES_NAMED} more files"
        if not self.inside:
            what, it = (
                ("incomplete last line", "it") if count == 1 else ("incomplete last lines", "them")
            )
            return (
                f"skipped {count} {what} ({files}): a crawl was interrupted or is still"
                f" writing; the next crawl sets {it} aside"
            )
        what = "damaged line" if count == 1 else "damaged lines"
        return f"skipped {count} {what} ({files}); run newsarchive verify"


def _records(
    path: Path, rel: str, damage: Damage | None
) -> Iterator[tuple[int, int, dict[str, Any]]]:
    """``(offset, length, record)`` for every line verify accepts; the rest are counted
    in ``damage`` (when given) and left out."""
    with path.open("rb") as handle:
        offset = 0
        for raw in handle:
            try:
                record = decode_line(raw)
            except LineError as error:
                if damage is not None:
                    damage.add(rel, error)
            else:
                yield offset, len(raw), record
            offset += len(raw)


def _revision(record: dict[str, Any]) -> int:
    revision = record.get("revision")
    return revision if isinstance(revision, int) and not isinstance(revision, bool) else 1


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
        return entry.path == rel and entry.revision == _revision(record)


def _derive_index(archive: Path, target: Path) -> ArchiveIndex:
    index = ArchiveIndex(target)
    with index.transaction():
        for path in layout.article_files(archive):
            rel = layout.relative(archive, path)
            for _, _, record in _records(path, rel, None):
                try:
                    index.put(
                        Entry(
                            id=str(record["id"]),
                            url=str(record["url"]),
                            content_hash=str(record["content_hash"]),
                            published_at=record.get("published_at"),
                            path=rel,
                            revision=_revision(record),
                        )
                    )
                except (KeyError, TypeError, ValueError):
                    continue
    return index


@contextmanager
def latest_revisions(archive: Path) -> Iterator[LatestRevisions]:
    """The archive's own index, read-only, when it is current; else a derived one."""
    path = archive / layout.INDEX_FILE
    if path.is_file():
        try:
            index = ArchiveIndex(path, readonly=True)
            if layout.files_indexed(archive, index.known_files()):
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


def select(
    archive: Path,
    window: Window,
    latest: LatestRevisions | None,
    damage: Damage | None = None,
) -> Iterator[Line]:
    """The lines to export in publish order; ``latest=None`` keeps every revision.

    Each ``(id, revision)`` is emitted once per file: a damaged file can hold a line
    twice, and both copies match the index. Once per file is enough: the index names
    the one file and the one revision of an article's latest line, so every line that
    can match it is in that file, and a repeated line is repeated where it was written.
    It costs memory of one file's selected lines, never the archive's: a month's keys
    sit beside the sort entries it holds anyway; ``undated.jsonl``, streamed, keeps a
    set of the keys it has emitted. (With
    ``--all-revisions`` two *different* lines claiming one revision in two files are
    both kept: that is a broken history for verify to report, not a repeated line, and
    telling which is right would take memory that grows with the archive.)
    """
    files = layout.article_files(archive)
    undated = [p for p in files if p.name == layout.UNDATED_FILE]
    dated = sorted((p for p in files if _month_of(p)), key=lambda p: p.name)
    for path in dated:
        if not window.admits_month(_month_of(path) or ""):
            continue
        rel = layout.relative(archive, path)
        # (id, revision) -> (publish instant, offset, length); the first copy wins
        chosen: dict[tuple[str, int], tuple[datetime, int, int]] = {}
        for offset, length, record in _records(path, rel, damage):
            if not isinstance(record.get("published_at"), str):
                continue
            if not window.admits(record["published_at"]):
                continue
            if latest is not None and not latest.is_latest(record, rel):
                continue
            key = (str(record.get("id")), _revision(record))
            chosen.setdefault(key, (_instant(record["published_at"]), offset, length))
        order = sorted(chosen.items(), key=lambda item: (item[1][0], item[0]))
        for _, (_, offset, length) in order:
            yield Line(path, offset, length)
    if window.bounded:
        return
    for path in undated:
        rel = layout.relative(archive, path)
        seen: set[tuple[str, int]] = set()
        for offset, length, record in _records(path, rel, damage):
            if latest is not None and not latest.is_latest(record, rel):
                continue
            key = (str(record.get("id")), _revision(record))
            if key not in seen:
                seen.add(key)
                yield Line(path, offset, length)
