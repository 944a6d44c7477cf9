"""The index's two plain tables: URLs found not to be articles, and view-count times.

``gone`` holds each URL found not to be an article, with the reason and when it was
seen so; ``observations`` holds the times a view count of an article was observed.
Each is one keyed SQLite table, read and written directly: none of the index's tail,
runs or filter is involved, which is why they are apart from ``index``.
``ArchiveIndex`` has them as a base class, and gives them what they need: its
connection, the two flags declared here, and ``_writing``.
"""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager

from newsarchive.storage.index_schema import table_columns


class SideTables:
    """``gone`` and ``observations``, for ``ArchiveIndex``."""

    _db: sqlite3.Connection
    _gone_dated: bool
    """``gone`` is known to have its ``seen_at`` column."""
    _observations: bool
    """The ``observations`` table is known to exist."""

    def _writing(self) -> AbstractContextManager[None]:
        """One write: in the open transaction, or in one of its own (``ArchiveIndex``)."""
        raise NotImplementedError

    def add_gone(self, url: str, reason: str, seen_at: str | None = None) -> None:
        """Remember ``url`` as not an article, seen so at ``seen_at`` (UTC ISO 8601); a
        later observation replaces an earlier one."""
        with self._writing():
            self._db.execute(
                "INSERT INTO gone (url, reason, seen_at) VALUES (?, ?, ?)"
                " ON CONFLICT(url) DO UPDATE SET reason = excluded.reason,"
                " seen_at = excluded.seen_at",
                (url, reason, seen_at),
            )

    def gone(self, url: str) -> str | None:
        """Why ``url`` was found not to be an article, or None."""
        row = self._db.execute("SELECT reason FROM gone WHERE url = ?", (url,)).fetchone()
        return str(row[0]) if row else None

    def gone_seen(self, url: str) -> tuple[str, str | None] | None:
        """``(reason, seen_at)`` for a URL found not to be an article, or None.
        ``seen_at`` is None for a row from an index written before rows were dated."""
        if not self._has_gone_dates():  # a reader of such an index, before a writer
            reason = self.gone(url)
            return None if reason is None else (reason, None)
        row = self._db.execute("SELECT reason, seen_at FROM gone WHERE url = ?", (url,)).fetchone()
        return (str(row[0]), row[1]) if row else None

    def observed(self, article_id: str, observed_at: str) -> bool:
        """Whether a view count of ``article_id`` observed at ``observed_at`` is recorded."""
        if not self._has_observations():
            return False
        row = self._db.execute(
            "SELECT 1 FROM observations WHERE id = ? AND observed_at = ?",
            (article_id, observed_at),
        ).fetchone()
        return row is not None

    def last_observation(self, article_id: str) -> str | None:
        """The latest ``observed_at`` of a view count of ``article_id`` (the time of its
        latest unchanged fetch that showed views), or None."""
        if not self._has_observations():
            return None
        row = self._db.execute(
            "SELECT observed_at FROM observations WHERE id = ? ORDER BY observed_at DESC LIMIT 1",
            (article_id,),
        ).fetchone()
        return str(row[0]) if row else None

    def add_observation(self, article_id: str, observed_at: str) -> None:
        """Remember that a view count of ``article_id`` was observed at ``observed_at``."""
        with self._writing():
            self._db.execute(
                "INSERT OR IGNORE INTO observations (id, observed_at) VALUES (?, ?)",
                (article_id, observed_at),
            )

    def _has_observations(self) -> bool:
        if not self._observations:
            self._observations = "observations" in {
                row[0] for row in self._db.execute("SELECT name FROM sqlite_master")
            }
        return self._observations

    def _has_gone_dates(self) -> bool:
        """Whether the gone table has its date column (asked again until it has: a
        reader may be looking at an index its writer has not yet upgraded)."""
        if not self._gone_dated:
            self._gone_dated = "seen_at" in table_columns(self._db, "gone")
        return self._gone_dated
