"""What the checks need to remember about each line, kept on disk, not in memory."""

from __future__ import annotations

import sqlite3
from pathlib import Path

_SCHEMA = """
CREATE TABLE lines (
    id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    supersedes TEXT,
    url TEXT NOT NULL,
    path TEXT NOT NULL,
    line INTEGER NOT NULL,
    title_key INTEGER
);
CREATE TABLE aliases (
    url TEXT NOT NULL,
    article_id TEXT NOT NULL,
    path TEXT NOT NULL,
    line INTEGER
);
"""


class Facts:
    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path, isolation_level=None, uri=False)
        self.db.execute("PRAGMA journal_mode=OFF")
        self.db.execute("PRAGMA synchronous=OFF")
        self.db.executescript(_SCHEMA)
        self.db.execute("BEGIN")

    def add_line(
        self,
        id: str,
        revision: int,
        content_hash: str,
        supersedes: str | None,
        url: str,
        path: str,
        line: int,
        title_key: int | None = None,
    ) -> None:
        self.db.execute(
            "INSERT INTO lines VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (id, revision, content_hash, supersedes, url, path, line, title_key),
        )

    def add_alias(self, url: str, article_id: str, path: str, line: int | None) -> None:
        self.db.execute("INSERT INTO aliases VALUES (?, ?, ?, ?)", (url, article_id, path, line))

    def done_adding(self) -> None:
        self.db.execute("COMMIT")
        self.db.execute("CREATE INDEX lines_id ON lines(id, revision)")

    def close(self) -> None:
        self.db.close()
