"""What an incremental crawl fetches, and when it stops walking a channel.

Listings are newest first, so once a whole listing page holds only articles the archive
already has, the pages behind it hold nothing new either. Known articles are not fetched
again unless they were published recently (``refresh_days``), to follow edits and view
counts. That shortcut is only sound if the previous walk got to the end: a crawl killed
half-way leaves older articles unfetched behind pages that are now all known, so the
archive remembers whether the last walk completed and walks everything if it did not.
A listed URL that was not an article (a 404, a not-found page) counts as known too, and
is fetched again once that finding is ``gone_recheck_days`` old.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsarchive.dates import older_than
from newsarchive.storage import layout
from newsarchive.storage.index import ArchiveIndex, Entry
from newsarchive.urls import canonical_url

STATE_FILE = "crawl_state.json"


def gone_recheck_days(value: object) -> float:
    """``NEWSARCHIVE_GONE_RECHECK_DAYS``: days, zero or more (0: only ``--full``)."""
    try:
        days = float(str(value).strip())
    except ValueError:
        raise ValueError(
            f"NEWSARCHIVE_GONE_RECHECK_DAYS must be a number of days, not {value!r}"
        ) from None
    if not days >= 0:  # also NaN
        raise ValueError(f"NEWSARCHIVE_GONE_RECHECK_DAYS must be zero or more, not {value!r}")
    return days


@dataclass(frozen=True)
class FetchPolicy:
    """Which known articles, and which URLs found gone, to fetch again (``--full``,
    ``--refresh-days``, ``NEWSARCHIVE_GONE_RECHECK_DAYS``)."""

    full: bool = False
    refresh_days: float = 2.0
    now: datetime | None = None
    gone_recheck_days: float = 30.0

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

    def recheck_gone(self, seen_at: str | None) -> bool:
        """A URL found gone (a 404, a not-found page) is fetched again when the walk is
        full, or when it was last seen gone more than ``gone_recheck_days`` ago: a page
        missing for an hour is not missing for good. Undated (an older archive's) counts
        as long ago; 0 days checks only in full walks."""
        if self.full:
            return True
        if self.gone_recheck_days <= 0:
            return False
        return older_than(seen_at, self.gone_recheck_days, self.now or datetime.now(UTC))


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

    def gone_seen(self, url: str) -> tuple[str, str | None] | None:
        """``(reason, seen_at)`` if ``url`` was found not to be an article on an earlier
        crawl, else None."""
        index = self._open()
        try:
            return index.gone_seen(canonical_url(url)) if index else None
        except ValueError:
            return None

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
