"""Payload digests already archived, remembered across runs in a small SQLite file.

A response whose payload was archived before is written as a ``revisit`` record that
points at the first copy. The lookup must work for an archive of millions of pages
without holding them in memory, so the digests live on disk (one indexed table) and
each response costs one point query and, for a new payload, one insert.

The store only ever learns of a record after the record is in the file, so it can lag
the WARC files (a crash in between costs one extra full copy later), never lead them;
``forget_from`` drops entries that point into a tail cut off by recovery. Inserts are
committed in groups (every ``COMMIT_EVERY`` inserts here, every ``COMMIT_EVERY``
exchanges and at every closed file in ``WarcWriter``): a commit per insert cost more
than the query and the insert together. A writer killed mid-group
takes that lag with it; recovery reads those digests back from the records at the end
of the file it left open (``newsarchive.warc.recover``).

The store also keeps the size of every file when it was closed (by its writer or by
recovery). Nothing in the WARC format marks a file's last record, so a file cut exactly
between two records reads as a valid, shorter file; against its closing size it does
not (``WarcReader`` and ``newsarchive verify`` compare the two).
"""

from __future__ import annotations

import base64
import hashlib
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from newsarchive.storage.sqlitero import checkpoint, connect_readonly

_SCHEMA = """
CREATE TABLE IF NOT EXISTS payloads (
    digest TEXT PRIMARY KEY,
    uri TEXT NOT NULL,
    date TEXT NOT NULL,
    record_id TEXT NOT NULL,
    file TEXT NOT NULL,
    offset INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS closed_files (
    name TEXT PRIMARY KEY,
    size INTEGER NOT NULL
) WITHOUT ROWID;
"""


def sha1_label(digest: bytes) -> str:
    """``sha1:BASE32``, the form warcio and most WARC tools write and compare."""
    return "sha1:" + base64.b32encode(digest).decode("ascii")


def payload_digest(body: bytes) -> str:
    """The ``WARC-Payload-Digest`` of ``body``, the key this store is looked up by."""
    return sha1_label(hashlib.sha1(body).digest())


@dataclass(frozen=True, slots=True)
class Original:
    """Where the first copy of a payload is: enough to write a revisit and to find it."""

    uri: str
    date: str
    record_id: str
    file: str
    offset: int


class DigestStore:
    """payload digest -> the first response record that carried it."""

    #: Inserts per commit (see the module's note on lag).
    COMMIT_EVERY = 256

    def __init__(self, path: Path, *, scratch: bool = False, readonly: bool = False) -> None:
        """``scratch``: a store thrown away after use (a reparse's digests seen so far),
        which need not survive a crash, so it is never synced to disk. ``readonly``: an
        archive's store looked up by a reader (``reparse``), which writes nothing to the
        archive it reads and works on a read-only copy (``storage.sqlitero``)."""
        self.readonly = readonly
        self.scratch = scratch
        self._uncommitted = 0
        if readonly:
            self._db = connect_readonly(path, isolation_level=None, check_same_thread=False)
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=OFF" if scratch else "PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA cache_size=-8000")  # KiB: bounded, whatever the archive size
        self._db.executescript(_SCHEMA)

    def commit(self) -> None:
        """Make the inserts so far visible to other connections and durable."""
        if self._db.in_transaction:
            self._db.execute("COMMIT")
        self._uncommitted = 0

    def close(self) -> None:
        """Commit, and leave everything in the database file itself: a copy of the
        archive that leaves out the ``-wal`` file, or a reader that cannot create the
        ``-shm`` file beside it, still reads it all."""
        if not self.readonly:
            self.commit()
            if not self.scratch:
                checkpoint(self._db)
        self._db.close()

    def get(self, digest: str) -> Original | None:
        row = self._db.execute(
            "SELECT uri, date, record_id, file, offset FROM payloads WHERE digest = ?", (digest,)
        ).fetchone()
        return Original(*row) if row else None

    def add(self, digest: str, original: Original) -> None:
        """Remember the first copy only; a later one never replaces it. Committed with
        the next group; lookups on this store see it at once."""
        if not self._db.in_transaction:
            self._db.execute("BEGIN")
        self._db.execute(
            "INSERT OR IGNORE INTO payloads (digest, uri, date, record_id, file, offset)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                digest,
                original.uri,
                original.date,
                original.record_id,
                original.file,
                original.offset,
            ),
        )
        self._uncommitted += 1
        if self._uncommitted >= self.COMMIT_EVERY:
            self.commit()

    def add_many(self, originals: Iterable[tuple[str, Original]]) -> None:
        """``add`` for each ``(digest, original)``, in order, in one transaction (a
        commit per row, as autocommit has it, costs more than the inserts)."""
        rows = ((digest, o.uri, o.date, o.record_id, o.file, o.offset) for digest, o in originals)
        self.commit()
        self._db.execute("BEGIN")
        try:
            self._db.executemany(
                "INSERT OR IGNORE INTO payloads (digest, uri, date, record_id, file, offset)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                rows,
            )
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def forget_from(self, file: str, offset: int) -> int:
        """Forget copies at or past ``offset`` in ``file`` (cut by recovery); return count."""
        self.commit()
        cursor = self._db.execute(
            "DELETE FROM payloads WHERE file = ? AND offset >= ?", (file, offset)
        )
        return cursor.rowcount

    def closed(self, name: str, size: int) -> None:
        """Remember that the file ``name`` (its final name) was closed at ``size`` bytes;
        committed before this returns, so a writer renames the file only once its size
        is on record (a crash in between leaves an ``.open`` file that recovery closes
        again at the same size)."""
        self.commit()
        self._db.execute(
            "INSERT OR REPLACE INTO closed_files (name, size) VALUES (?, ?)", (name, size)
        )

    def closed_size(self, name: str) -> int | None:
        """The size ``name`` had when it was closed; None for a file not closed by a
        writer of this store (still open, written elsewhere, or before sizes were kept)."""
        try:
            row = self._db.execute(
                "SELECT size FROM closed_files WHERE name = ?", (name,)
            ).fetchone()
        except sqlite3.OperationalError:
            if self.readonly:  # a store older than the sizes, which only a writer adds
                return None
            raise
        return int(row[0]) if row else None

    def count(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM payloads").fetchone()[0])


def closed_sizes(path: Path) -> dict[str, int]:
    """Every closed file's size from the store at ``path``, read without writing to it
    (``newsarchive verify`` changes nothing); empty for a store that predates the sizes.
    Raises ``sqlite3.Error`` for a file SQLite cannot read."""
    db = connect_readonly(path)
    try:
        known = db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'closed_files'"
        ).fetchone()
        if known is None:
            return {}
        return {str(name): int(size) for name, size in db.execute(
            "SELECT name, size FROM closed_files ORDER BY name"
        )}  # fmt: skip
    finally:
        db.close()


def unlike_closed(size: int, closed: int | None) -> str | None:
    """Why a file of ``size`` bytes is not the file closed at ``closed`` bytes, on one
    line; None if it is, or if no size was recorded (``closed`` None)."""
    if closed is None or size == closed:
        return None
    if size < closed:
        return f"cut short: {size:,} of the {closed:,} bytes it had when closed"
    return f"{size - closed:,} bytes more than the {closed:,} it had when closed"
