"""The SQLite dedup index kept inside the archive.

It answers two questions fast, across runs: "do we have this canonical URL?" and "do we
have this content under another URL?". The JSONL files are the truth; the index is a
derived, rebuildable lookup over them. Duplicate URLs are recorded as aliases of the
article that was kept, so the archive remembers every address an article was seen at.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    published_at TEXT,
    path TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    stored_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_url ON articles(url);
CREATE INDEX IF NOT EXISTS articles_hash ON articles(content_hash);
CREATE TABLE IF NOT EXISTS aliases (
    url TEXT PRIMARY KEY,
    article_id TEXT NOT NULL,
    reason TEXT NOT NULL,
    seen_at TEXT NOT NULL
);
"""


@dataclass(frozen=True, slots=True)
class Entry:
    """What the index knows of one stored article."""

    id: str
    url: str
    content_hash: str
    published_at: str | None
    path: str
    revision: int


class ArchiveIndex:
    """A thin, typed wrapper over one SQLite connection."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> ArchiveIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _entry(self, sql: str, arg: str) -> Entry | None:
        row = self._db.execute(
            "SELECT id, url, content_hash, published_at, path, revision FROM articles " + sql,
            (arg,),
        ).fetchone()
        return Entry(*row) if row else None

    def get(self, article_id: str) -> Entry | None:
        return self._entry("WHERE id = ?", article_id)

    def by_hash(self, content_hash: str) -> Entry | None:
        return self._entry("WHERE content_hash = ? LIMIT 1", content_hash)

    def by_url(self, url: str) -> Entry | None:
        """The article stored under ``url``, directly or as a recorded alias."""
        entry = self._entry("WHERE url = ? LIMIT 1", url)
        if entry is not None:
            return entry
        row = self._db.execute("SELECT article_id FROM aliases WHERE url = ?", (url,)).fetchone()
        return self.get(row[0]) if row else None

    def put(self, entry: Entry, stored_at: str) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO articles"
            " (id, url, content_hash, published_at, path, revision, stored_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                entry.id,
                entry.url,
                entry.content_hash,
                entry.published_at,
                entry.path,
                entry.revision,
                stored_at,
            ),
        )

    def add_alias(self, url: str, article_id: str, reason: str, seen_at: str) -> bool:
        """Record ``url`` as another address of ``article_id``; False if already known."""
        cursor = self._db.execute(
            "INSERT OR IGNORE INTO aliases (url, article_id, reason, seen_at) VALUES (?, ?, ?, ?)",
            (url, article_id, reason, seen_at),
        )
        return cursor.rowcount == 1

    def aliases_of(self, article_id: str) -> list[str]:
        rows = self._db.execute(
            "SELECT url FROM aliases WHERE article_id = ? ORDER BY url", (article_id,)
        ).fetchall()
        return [r[0] for r in rows]

    def count(self) -> int:
        row = self._db.execute("SELECT COUNT(*) FROM articles").fetchone()
        return int(row[0])
