"""Opening the archive's SQLite files to read them only: any path, any mount.

The readers (``verify``, ``status``, ``reparse``'s digest lookups, the crawl's lookups of
known articles) must neither write to an archive nor fail on one they may not write:
a backup, a snapshot, a read-only mount.

Two things stand in the way, and this module settles both:

- A path goes into an SQLite URI. Written in as text, a ``#`` or ``?`` in a directory
  name ends the path (SQLite then opens, and creates, a file elsewhere) and ``%41``
  is read as ``A``. ``Path.as_uri`` escapes them.
- The archive's databases are in WAL mode. Reading one with ``mode=ro`` needs its
  ``-shm`` file, which SQLite creates beside it: impossible in a directory this process
  cannot write. There, with no ``-wal`` left to read (the writers checkpoint at close),
  the file is opened ``immutable``, which reads it as it is, without locks. A ``-wal``
  with content in such a directory cannot be read safely; ``mode=ro`` then fails with
  SQLite's own message, which the callers report.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from typing import Any


def readonly_uri(path: Path) -> str:
    """The URI that reads ``path`` without writing to it or beside it."""
    uri = path.resolve().as_uri()
    wal = path.with_name(path.name + "-wal")
    if not os.access(path.parent, os.W_OK) and not _has_content(wal):
        return uri + "?immutable=1"
    return uri + "?mode=ro"


def connect_readonly(path: Path, **options: Any) -> sqlite3.Connection:
    """``sqlite3.connect`` on ``readonly_uri(path)``; ``options`` as for ``connect``."""
    db: sqlite3.Connection = sqlite3.connect(readonly_uri(path), uri=True, **options)
    return db


def checkpoint(db: sqlite3.Connection) -> None:
    """Move a writer's WAL into the database file and empty it, at close.

    SQLite does this itself when the last connection closes, but a reader still open
    then (the crawl's lookups of known articles) leaves it undone, and the ``-wal`` file
    then holds the whole crawl's writes: a copy of the archive without that file reads
    an empty database, and a read-only one cannot be read at all. A checkpoint that
    fails (a full disk) loses nothing: the WAL stays, and SQLite replays it."""
    with contextlib.suppress(sqlite3.OperationalError):
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()


def _has_content(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False
