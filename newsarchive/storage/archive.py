"""The archive: dedup and revision decisions, append-only storage, a derived index.

This is the one place that decides whether an article is new, a new revision, unchanged
or a duplicate, and that writes it; the Scrapy pipelines only call it. Every fact is
appended to a JSONL file (and fsync'd) before the index learns of it, so a crash can
leave the index behind the files, never ahead of them; opening the archive sets torn
tails aside and catches the index up, and ``rebuild`` derives it from nothing.
"""

from __future__ import annotations

import enum
import logging
import sqlite3
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from newsarchive.dates import older_than, zoned_instant
from newsarchive.storage import jsonl, layout
from newsarchive.storage.failure import as_storage_error
from newsarchive.storage.index import ArchiveIndex, Entry, title_key
from newsarchive.storage.prepared import Prepared
from newsarchive.storage.repair import set_aside_index, set_aside_torn_tail

logger = logging.getLogger(__name__)


class Verdict(enum.Enum):
    NEW = "new"
    REVISION = "revision"
    UNCHANGED = "unchanged"
    DUPLICATE_URL = "duplicate_url"
    DUPLICATE_CONTENT = "duplicate_content"
    OLDER = "older"
    """Fetched before the article's stored revision was: a reparse of earlier WARC
    files, or a response replayed from a cache. A revision chain only grows forward, so
    such a record is not stored (its page stays in the WARC files)."""


@dataclass(frozen=True, slots=True)
class Decision:
    verdict: Verdict
    existing: Entry | None = None


def _strings(record: Mapping[str, Any], *names: str) -> list[str]:
    values = [record.get(name) for name in names]
    if not all(isinstance(v, str) and v for v in values):
        raise ValueError(f"{', '.join(names)} must be non-empty strings")
    return [str(v) for v in values]


def _retitled(stored: Entry, record: Mapping[str, Any]) -> bool:
    """Whether ``record``'s title differs from the stored revision's. A headline edited
    over an unchanged body is a new revision: the body's hash alone would miss it.
    Unknown (an index row without a title key) counts as unchanged."""
    if stored.title_key is None:
        return False
    return title_key(record.get("title")) != stored.title_key


def _compare_fetches(record: Mapping[str, Any], stored: Entry) -> int | None:
    """-1, 0 or 1 as ``record`` was fetched before, at the same time as, or after the
    stored revision; None when either time is unknown (an index row from before the
    index kept them) or unreadable."""
    fetched, stored_at = record.get("fetched_at"), stored.fetched_at
    if not isinstance(fetched, str) or stored_at is None:
        return None
    if fetched == stored_at:
        return 0
    a, b = zoned_instant(fetched), zoned_instant(stored_at)
    if a is None or b is None:
        return None
    return (a > b) - (a < b)


def _succession(decision: Decision) -> tuple[int, str | None]:
    """The stored line's ``revision`` and ``supersedes``: 1 and None for a new article."""
    previous = decision.existing if decision.verdict is Verdict.REVISION else None
    return (previous.revision + 1, previous.content_hash) if previous else (1, None)


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class Archive:
    """An archive directory opened for reading and appending (one writer at a time)."""

    #: Group commit of index writes: at most this many, or this many seconds, apart.
    COMMIT_EVERY = 500
    COMMIT_SECONDS = 1.0

    def __init__(self, root: Path, *, fsync: bool = True, warn_behind: bool = True) -> None:
        """``warn_behind``: say so when the index was behind the files (not where that is
        known beforehand: after a crawler that was stopped at once)."""
        self.root = root
        self.fsync = fsync
        self._uncommitted = 0
        self._last_commit = time.monotonic()
        self._files = jsonl.Appender()
        self._paths: dict[str, Path] = {}  # month files by their index path
        root.mkdir(parents=True, exist_ok=True)
        self.repaired = sum(set_aside_torn_tail(p) > 0 for p in layout.append_only_files(root))
        self.index = self._open_index(root / layout.INDEX_FILE)
        self.caught_up = self.catch_up(warn=warn_behind)

    @staticmethod
    def _open_index(path: Path) -> ArchiveIndex:
        """The archive's index; one SQLite cannot read (damaged on disk, overwritten) is
        set aside and rebuilt from the files, as its lagging part always is."""
        try:
            return ArchiveIndex(path)
        except sqlite3.DatabaseError as exc:
            if as_storage_error(exc) is not None:
                raise  # a full disk, not a damaged index: setting it aside would not help
            aside = set_aside_index(path)
            logger.warning(
                "index %s unreadable (%s): moved to %s, rebuilding it", path, exc, aside.name
            )
            return ArchiveIndex(path)

    def close(self) -> None:
        self.commit()
        self._files.close()
        self.index.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- the index as a derivation of the files -----------------------------------------

    def catch_up(self, *, warn: bool = True) -> int:
        """Index whatever the files hold beyond what the index has read; return lines.
        ``warn``: say so when the index was behind (not when it was just cleared)."""
        known = self.index.known_files()
        files = layout.article_files(self.root)
        side = [
            self.root / name for name in (layout.ALIASES_FILE, layout.GONE_FILE, layout.VIEWS_FILE)
        ]
        present = {layout.relative(self.root, p): p for p in [*files, *side] if p.is_file()}
        shrunk = [
            rel
            for rel, size in known.items()
            if rel not in present or present[rel].stat().st_size < size
        ]
        if shrunk:
            logger.warning("index does not match %s; rebuilding it", ", ".join(shrunk))
            self.index.clear()
            known = {}
        applied = 0
        for rel, path in present.items():
            start = known.get(rel, 0)
            if path.stat().st_size > start:
                read = self._index_file(rel, path, start)
                # An index from before observations were indexed reads the whole views
                # file once: an upgrade, not an index that fell behind.
                applied += read if rel in known or rel != layout.VIEWS_FILE else 0
        if applied and not shrunk and warn:
            logger.warning("index was behind the files by %d lines; caught up", applied)
        return applied

    def rebuild(self) -> int:
        """Forget the index and derive it again from every file; return lines read.

        The new index is then compacted (one run of keys, one filter sized for it), as
        nothing else is writing and lookups are cheapest that way.
        """
        self.index.clear()
        lines = self.catch_up(warn=False)
        self.index.compact()
        return lines

    def _index_line(self, rel: str, record: Mapping[str, Any]) -> None:
        """Index one line; ValueError (skipped by the caller) when it is too damaged."""
        if rel == layout.ALIASES_FILE:
            url, article_id, reason = _strings(record, "url", "article_id", "reason")
            self.index.add_alias(url, article_id, reason)
        elif rel == layout.GONE_FILE:
            url, reason = _strings(record, "url", "reason")
            seen_at = record.get("seen_at")
            self.index.add_gone(url, reason, seen_at if isinstance(seen_at, str) else None)
        elif rel == layout.VIEWS_FILE:
            article_id, observed_at = _strings(record, "id", "observed_at")
            self.index.add_observation(article_id, observed_at)
        else:
            self.index.put(self._entry(record, rel))

    def _index_file(self, rel: str, path: Path, start: int) -> int:
        size = path.stat().st_size  # torn tails are set aside, so this ends a line
        count = 0
        with self.index.transaction():
            for end, record in jsonl.iter_records(path, start):
                if end > size:
                    break
                try:
                    self._index_line(rel, record)
                except (KeyError, TypeError, ValueError):
                    continue  # a damaged line: verify reports it, the index skips it
                count += 1
            self.index.set_file_size(rel, size)
        return count

    @staticmethod
    def _entry(record: Mapping[str, Any], rel: str) -> Entry:
        """The index entry of a stored line; ValueError for a line too damaged to index."""
        key = (record.get("id"), record.get("url"), record.get("content_hash"))
        if not all(isinstance(v, str) and v for v in key):
            raise ValueError("id, url and content_hash must be non-empty strings")
        published = record.get("published_at")
        revision = record.get("revision", 1)
        if isinstance(revision, bool) or not isinstance(revision, int) or revision < 1:
            raise ValueError("revision must be a positive integer")
        return Entry(
            id=record["id"],
            url=record["url"],
            content_hash=record["content_hash"],
            published_at=published if isinstance(published, str) else None,
            path=rel,
            revision=revision,
            title_key=title_key(record.get("title")),
            fetched_at=fetched if isinstance(fetched := record.get("fetched_at"), str) else None,
        )

    # --- decisions -----------------------------------------------------------------------

    def decide(self, record: Mapping[str, Any]) -> Decision:
        """New, a new revision, unchanged, older than the stored revision, or a duplicate
        by URL alias or by content."""
        by_url = self.index.by_url(str(record["url"]))
        if by_url is not None:
            if by_url.id != record["id"]:
                return Decision(Verdict.DUPLICATE_URL, by_url)
            if _compare_fetches(record, by_url) == -1:
                return Decision(Verdict.OLDER, by_url)
            if by_url.content_hash == record["content_hash"] and not _retitled(by_url, record):
                return Decision(Verdict.UNCHANGED, by_url)
            return Decision(Verdict.REVISION, by_url)
        by_hash = self.index.by_hash(str(record["content_hash"]))
        if by_hash is not None:
            return Decision(Verdict.DUPLICATE_CONTENT, by_hash)
        return Decision(Verdict.NEW)

    # --- writes: the file first, then the index --------------------------------------------

    def _append(self, path: Path, record: Mapping[str, Any]) -> int:
        """Append a line; return the file's size after it. Its fsync waits for the commit."""
        return self._files.append(path, record)

    def store(self, record: Mapping[str, Any], decision: Decision) -> dict[str, Any]:
        """Append a new article or a new revision; return the record as stored."""
        stored = dict(record)
        stored["revision"], stored["supersedes"] = _succession(decision)
        rel = layout.month_relative(stored.get("published_at"))
        entry = self._entry(stored, rel)  # a record that cannot be indexed is not written
        self._store_line(rel, entry, jsonl.dumps(stored))
        return stored

    def store_prepared(self, prepared: Prepared, decision: Decision) -> None:
        """``store`` for a record encoded ahead: the same line, byte for byte, with the
        archive's two fields spliced in before its closing brace, where ``store`` puts
        them (``Prepared.of`` refuses a record that has either already)."""
        revision, supersedes = _succession(decision)
        rel = layout.month_relative(prepared.head.get("published_at"))
        entry = self._entry({**prepared.head, "revision": revision}, rel)
        tail = b',"revision":%d,"supersedes":%s}\n' % (revision, orjson.dumps(supersedes))
        self._store_line(rel, entry, prepared.line[:-2] + tail)

    def _store_line(self, rel: str, entry: Entry, line: bytes) -> None:
        path = self._paths.get(rel) or self._paths.setdefault(rel, self.root / rel)
        size = self._files.append_line(path, line)
        with self._indexing():
            self.index.put(entry)
            self.index.set_file_size(rel, size)

    def record_duplicate(self, record: Mapping[str, Any], decision: Decision) -> None:
        """Remember the duplicate's URL against the article that was kept.

        ``seen_at`` is when the duplicate was fetched (its record's ``fetched_at``), so
        that an archive rebuilt from WARC files by ``reparse`` dates its aliases as the
        crawl did, not by the day of the rebuild.
        """
        if decision.existing is None or decision.existing.url == record["url"]:
            return
        if self.index.by_url(str(record["url"])) is not None:
            return
        fetched_at = record.get("fetched_at")
        alias = {
            "url": record["url"],
            "article_id": decision.existing.id,
            "reason": decision.verdict.value,
            "seen_at": fetched_at if isinstance(fetched_at, str) else now_iso(),
        }
        self._append_side(layout.ALIASES_FILE, alias)

    def record_gone(self, url: str, reason: str, seen_at: str) -> None:
        """Remember a listed URL that turned out not to be an article.

        Seen again for the same reason, the date is renewed (incremental crawls check a
        gone URL again once its date is old, ``FetchPolicy.recheck_gone``), but at most
        once a day, so that repeated ``--full`` crawls do not grow the file.
        """
        known = self.index.gone_seen(url)
        if known is not None and known[0] == reason and not older_than(known[1], 1, seen_at):
            return
        self._append_side(layout.GONE_FILE, {"url": url, "reason": reason, "seen_at": seen_at})

    def _append_side(self, name: str, record: Mapping[str, Any]) -> None:
        """Append to an index-feeding side file (aliases, gone), then index the line."""
        size = self._append(self.root / name, record)
        with self._indexing():
            self._index_line(name, record)
            self.index.set_file_size(name, size)

    @contextmanager
    def _indexing(self) -> Iterator[None]:
        """Index writes for one appended line, group-committed (see ArchiveIndex.batch)."""
        with self.index.batch():
            yield
        self._uncommitted += 1
        now = time.monotonic()
        if self._uncommitted >= self.COMMIT_EVERY or now - self._last_commit >= self.COMMIT_SECONDS:
            self.commit()

    def commit(self) -> None:
        """Make what was appended durable, then commit the index that describes it.

        Files first: after a power loss the index may lag the files (caught up on open)
        but is never ahead of them. A killed process loses nothing either way, since
        written data is already in the kernel.
        """
        if self.fsync:
            self._files.sync()
        else:
            self._files.discard()
        self.index.commit()
        self._uncommitted = 0
        self._last_commit = time.monotonic()

    def observe(self, record: Mapping[str, Any], decision: Decision) -> None:
        """Keep the view count of an unchanged article as a timed observation.

        Once per fetch: not when the record comes from the fetch that gave the stored
        revision (whose line holds that count already), nor when an observation at the
        same time is recorded. Both happen when WARC files are reparsed into the archive
        their records came from.
        """
        existing = decision.existing
        if record.get("views") is None or existing is None:
            return
        if _compare_fetches(record, existing) == 0:
            return
        observed_at = record.get("fetched_at") or now_iso()
        if self.index.observed(existing.id, observed_at):
            return
        self._append_side(
            layout.VIEWS_FILE,
            {
                "id": existing.id,
                "url": existing.url,
                "revision": existing.revision,
                "views": record["views"],
                "observed_at": observed_at,
            },
        )
