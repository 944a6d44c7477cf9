"""The dedup index's on-disk layout: its tables as SQL, and the queries of its rows.

Apart from ``index`` (which explains the layout) so that the tables of an archive's
``index.sqlite3`` are read in one place, and change in one place together with what
depends on them: ``SCHEMA_VERSION`` and ``layout_version``, which reads the layout a
file has (an index of another is dropped and rebuilt from the files), the list of
tables, and the row queries. ``KEY_TABLES``, ``KEY_TEXT`` and ``ROW_COLUMN`` are in the
order of the key kinds: URL, content hash, id.
"""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = "4"

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    url TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    published_at TEXT,
    path TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    title_key INTEGER,
    id_key INTEGER,
    url_key INTEGER,
    hash_key INTEGER
);
CREATE TABLE IF NOT EXISTS url_keys (
    run INTEGER NOT NULL, key INTEGER NOT NULL, seq INTEGER NOT NULL,
    PRIMARY KEY (run, key, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS hash_keys (
    run INTEGER NOT NULL, key INTEGER NOT NULL, seq INTEGER NOT NULL,
    PRIMARY KEY (run, key, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS id_keys (
    run INTEGER NOT NULL, key INTEGER NOT NULL, seq INTEGER NOT NULL,
    PRIMARY KEY (run, key, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS runs (
    run INTEGER PRIMARY KEY,
    level INTEGER NOT NULL,
    entries INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS filters (
    n INTEGER PRIMARY KEY,
    capacity INTEGER NOT NULL,
    keys INTEGER NOT NULL,
    bits BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS filter_log (
    n INTEGER PRIMARY KEY,
    keys BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS aliases (
    seq INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    article_id TEXT NOT NULL,
    reason TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS gone (
    url TEXT PRIMARY KEY,
    reason TEXT NOT NULL,
    seen_at TEXT
);
CREATE TABLE IF NOT EXISTS observations (
    id TEXT NOT NULL,
    observed_at TEXT NOT NULL,
    PRIMARY KEY (id, observed_at)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (
    name TEXT PRIMARY KEY,
    value NOT NULL
);
"""

TABLES = (
    "articles",
    "url_keys",
    "hash_keys",
    "id_keys",
    "runs",
    "filters",
    "filter_log",
    "aliases",
    "gone",
    "observations",
    "files",
    "meta",
)

# Each key table, and the articles column that holds the row's key of that kind: the
# 64-bit digest computed for the tail and the filter anyway, so merges and compactions
# sort and copy small integers, and a rebuilt filter needs no digest computed again.
# A row whose key column is NULL (written by hand) has it computed when it is merged.
KEY_TABLES = (("url_keys", "url_key"), ("hash_keys", "hash_key"), ("id_keys", "id_key"))
KEY_TEXT = ("url", "content_hash", "id")


# Where each kind's text sits in an articles row (id, url, content_hash, ...).
ROW_COLUMN = (1, 2, 0)
# ``{fetched}``: the column, or NULL for a reader of an index its writer has not yet
# given the column (``ArchiveIndex._columns``).
ROW = (
    "SELECT id, url, content_hash, published_at, path, revision, title_key, {fetched} FROM articles"
)
# The same row from an index of an older layout, which a reader answers from until a
# writer rebuilds or upgrades it: those had no title keys or fetch times.
LEGACY_ROW = "SELECT id, url, content_hash, published_at, path, revision, NULL, NULL FROM articles"


def table_columns(db: sqlite3.Connection, table: str, schema: str = "main") -> set[str]:
    """The column names of ``schema.table`` (none when it does not exist): how an index
    of an older layout is told apart, by ``index`` and by ``verify`` on an attached index."""
    return {row[1] for row in db.execute(f"PRAGMA {schema}.table_info({table})")}


def layout_version(db: sqlite3.Connection) -> str | None:
    """The file's index layout: ``SCHEMA_VERSION``, another, or None (no index)."""
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "articles" not in tables:
        return None
    if "seq" not in table_columns(db, "articles"):
        return "1"
    if "meta" not in tables:
        return None
    row = db.execute("SELECT value FROM meta WHERE name = 'schema'").fetchone()
    return str(row[0]) if row else None
