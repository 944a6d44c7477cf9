"""What an incremental crawl fetches, and when it stops walking a channel.

Listings are newest first, so once a whole listing page holds only articles the archive
already has, the pages behind it hold nothing new either. Known articles are not fetched
again unless they were published recently (``refresh_days``), to follow edits and view
counts. That shortcut is only sound if the previous walk got to the end: a crawl killed
half-way leaves older articles unfetched behind pages that are now all known, so the
archive remembers whether the last walk completed and walks everything if it did not.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsarchive.storage import layout
from newsarchive.storage.index import ArchiveIndex, Entry
from newsarchive.urls import canonical_url

STATE_FILE = "crawl_state.json"


@dataclass(frozen=True)
class FetchPolicy:
    """Which known articles to fetch again (``--full`` and ``--refresh-days``)."""

    full: bool = False
    refresh_days: float = 2.0
    now: datetime | None = None

    def refetch(self, entry: Entry) -> bool:
        """A known article is fetched again when the walk is full or it is recent."""
        if self.full:
            return True
        if not entry.published_at:
            return False
        try:
            published = datetime.fromisoformat(entry.published_at)
        except ValueError:
            return False
        now = self.now or datetime.now(UTC)
        return now - published <= timedelta(days=self.refresh_days)


class KnownArticles:
    """Read-only lookups in the archive's index, opened on first use.

    Nothing is loaded into memory: each question is one indexed SQLite lookup, so the
    crawl's memory does not grow with the archive.
    """

    def __init__(self, archive: Path) -> None:
        self.path = archive / layout.INDEX_FILE
        self._index: ArchiveIndex | None = None

    def _open(self) -> ArchiveIndex | None:
        if self._index is None and self.path.is_file():
            self._index = ArchiveIndex(self.path, readonly=True)
        return self._index

    def lookup(self, url: str) -> Entry | None:
        """The stored article at ``url`` (directly or as an alias), or None."""
        index = self._open()
        try:
            return index.by_url(canonical_url(url)) if index else None
        except ValueError:
            return None

    def is_gone(self, url: str) -> bool:
        """Whether ``url`` was found not to be an article on an earlier crawl."""
        index = self._open()
        try:
            return index is not None and index.gone(canonical_url(url)) is not None
        except ValueError:
            return False

    def close(self) -> None:
        if self._index is not None:
            self._index.close()
            self._index = None


def _read_state(archive: Path) -> dict[str, str]:
    try:
        state = json.loads((archive / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    walks = state.get("walks") if isinstance(state, dict) else None
    return {str(k): str(v) for k, v in walks.items()} if isinstance(walks, dict) else {}


def walk_complete(archive: Path, start_url: str) -> bool:
    """Whether the last walk from ``start_url`` in this archive got to its end."""
    return _read_state(archive).get(start_url) == "complete"


def mark_walks(archive: Path, start_urls: list[str], walk: str) -> None:
    """Record ``in_progress`` or ``complete`` for these start URLs.

    Written whole to a temporary file and renamed into place, so a kill never leaves a
    torn state file.
    """
    archive.mkdir(parents=True, exist_ok=True)
    walks = _read_state(archive)
    walks.update(dict.fromkeys(start_urls, walk))
    data = {"walks": walks, "at": datetime.now(UTC).isoformat(timespec="seconds")}
    tmp = archive / f".{STATE_FILE}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, sort_keys=True)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, archive / STATE_FILE)
