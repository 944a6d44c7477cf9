"""The SQLite dedup index kept inside the archive.

It answers, fast and across runs: "do we have this canonical URL?", "do we have this
content under another URL?", and "which revision is the latest?". The JSONL files are the
truth and the index is derived from them: it remembers how many bytes of each file it has
read (``files``), so an index that lags the files (a crash between the append and the
index update) is caught up on open, and ``reindex`` can rebuild it from nothing.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    published_at TEXT,
    path TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS articles_url ON articles(url);
CREATE INDEX IF NOT EXISTS articles_hash ON articles(content_hash);
CREATE TABLE IF NOT EXISTS aliases (
    url TEXT PRIMARY KEY,
    article_id TEXT NOT NULL,
    reason TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS gone (
    url TEXT PRIMARY KEY,
    reason TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL
);
"""


@dataclass(frozen=True, slots=True)
class Entry:
    """What the index knows of one article: its latest stored revision."""

    id: str
    url: str
    content_hash: str
    published_at: str | None
    path: str
    revision: int


class ArchiveIndex:
    """A thin, typed wrapper over one SQLite connection."""

    def __init__(self, path: Path, *, readonly: bool = False) -> None:
        self.path = path
        if readonly:
            self._db = sqlite3.connect(
                f"file:{path}?mode=ro", uri=True, isolation_level=None, check_same_thread=False
            )
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        # Created here, owner-only and never through a symlink, before SQLite opens it
        # (SQLite gives its -wal and -shm files the same permissions).
        os.close(os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600))
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        self.commit()
        self._db.close()

    def __enter__(self) -> ArchiveIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Writes that join the open transaction, to be committed later by ``commit``.

        Group commit: a commit per article costs more than the lookup and the insert
        together. It is safe because the index is derived: an entry and the file offset
        it was read up to always share a transaction, so writes lost to a crash before
        the commit are re-read from the files when the archive next opens.
        """
        if not self._db.in_transaction:
            self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Writes committed as soon as the block ends."""
        with self.batch():
            yield
        self.commit()

    def commit(self) -> None:
        if self._db.in_transaction:
            self._db.execute("COMMIT")

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

    def put(self, entry: Entry) -> None:
        """Insert an article, or move it to a later revision (never back to an earlier)."""
        self._db.execute(
            "INSERT INTO articles (id, url, content_hash, published_at, path, revision)"
            " VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(id) DO UPDATE SET url=excluded.url,"
            " content_hash=excluded.content_hash, published_at=excluded.published_at,"
            " path=excluded.path, revision=excluded.revision"
            " WHERE excluded.revision >= articles.revision",
            (
                entry.id,
                entry.url,
                entry.content_hash,
                entry.published_at,
                entry.path,
                entry.revision,
            ),
        )

    def add_alias(self, url: str, article_id: str, reason: str) -> bool:
        """Record ``url`` as another address of ``article_id``; False if already known."""
        cursor = self._db.execute(
            "INSERT OR IGNORE INTO aliases (url, article_id, reason) VALUES (?, ?, ?)",
            (url, article_id, reason),
        )
        return cursor.rowcount == 1

    def add_gone(self, url: str, reason: str) -> None:
        self._db.execute(
            "INSERT INTO gone (url, reason) VALUES (?, ?)"
            " ON CONFLICT(url) DO UPDATE SET reason = excluded.reason",
            (url, reason),
        )

    def gone(self, url: str) -> str | None:
        """Why ``url`` was found not to be an article, or None."""
        row = self._db.execute("SELECT reason FROM gone WHERE url = ?", (url,)).fetchone()
        return str(row[0]) if row else None

    def aliases_of(self, article_id: str) -> list[str]:
        rows = self._db.execute(
            "SELECT url FROM aliases WHERE article_id = ? ORDER BY url", (article_id,)
        ).fetchall()
        return [r[0] for r in rows]

    def file_size(self, path: str) -> int:
        """How many bytes of ``path`` (relative to the archive) the index has read."""
        row = self._db.execute("SELECT size FROM files WHERE path = ?", (path,)).fetchone()
        return int(row[0]) if row else 0

    def set_file_size(self, path: str, size: int) -> None:
        self._db.execute(
            "INSERT INTO files (path, size) VALUES (?, ?)"
            " ON CONFLICT(path) DO UPDATE SET size = excluded.size",
            (path, size),
        )

    def known_files(self) -> dict[str, int]:
        return {p: int(s) for p, s in self._db.execute("SELECT path, size FROM files")}

    def clear(self) -> None:
        self._db.executescript(
            "DELETE FROM articles; DELETE FROM aliases; DELETE FROM gone; DELETE FROM files;"
        )

    def count(self) -> int:
        row = self._db.execute("SELECT COUNT(*) FROM articles").fetchone()
        return int(row[0])

    def iter_entries(self) -> Iterator[Entry]:
        cursor = self._db.execute(
            "SELECT id, url, content_hash, published_at, path, revision FROM articles ORDER BY id"
        )
        for row in cursor:
            yield Entry(*row)
