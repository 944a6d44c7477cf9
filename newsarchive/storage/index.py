"""The SQLite dedup index kept inside the archive.

It answers, fast and across runs: "do we have this canonical URL?", "do we have this
content under another URL?", and "which revision is the latest?". The JSONL files are the
truth and the index is derived from them: it remembers how many bytes of each file it has
read (``files``), so an index that lags the files (a crash between the append and the
index update) is caught up on open, and ``reindex`` can rebuild it from nothing.

Layout, and why. A B-tree keyed by URL, hash or id takes each new article on a random
page; at a million entries every insert dirtied about one page per tree and every commit
wrote those pages again, which held the crawl's index work near 10,000 articles a second.
So nothing here is inserted at random:

* ``articles`` holds one row per article, keyed by ``seq``, a number handed out in
  order: new rows are appended at the end of the table. Beside what a lookup returns
  it keeps a 64-bit digest of the title (``title_key``), so a re-fetch with an edited
  headline is told from the row alone, and the revision's ``fetched_at``, so a record
  from an earlier fetch (a reparse of old WARC files) is told from one that is news.
* Rows past ``merged_upto`` (the *tail*) have no key entries on disk. The writer and
  every reader keep their keys in a dict (a 64-bit digest to ``seq``), so the tail is
  found from memory. It is bounded: at ``MERGE_AT`` rows it is merged.
* A merge writes the tail's keys, sorted, as a new *run* of the key tables
  (``url_keys``, ``hash_keys``, ``id_keys``, each keyed by ``(run, key, seq)``): sorted
  rows under a new run number are appended at the end of each tree. ``COMPACT_AT`` runs
  of one level are merged, again in key order, into one run of the next level, so a
  lookup that gets past the filter probes a few dozen runs at most.
* A Bloom filter over every merged key (URLs of articles and aliases, content hashes,
  ids) answers the common question, "is this new article new?", without touching SQLite.
  It is stored in ``filters`` in the same transaction as the merge it describes, with the
  ``merged_upto`` it covers and the index's ``generation`` (renewed whenever the tables
  are created or cleared), so a stored filter is never behind its data; one that does
  not match (or is missing) is rebuilt from the key tables when a writer opens.

Aliases keep their unique index (they are rare); their URLs join the filter the same
way, with ``aliases_upto`` marking the ones still in the tail. ``put`` keeps new rows
back until the commit and inserts them with one statement. Readers (``readonly``) load
the runs and the tail's keys but no filter (they probe the runs), and catch up whenever
another connection has committed, so they see the writer's tail as it grows.

Memory: the tail's keys (at most ``MERGE_AT`` rows, a few hundred bytes each), and the
writer's filter: 12 bits per key, three keys per article, so 4.5 MB a million articles
(6.75 MB after ``compact``, which leaves room for half as many again).

Its parts have a module each: the tables (``index_schema``), key digests and the filter
(``index_keys``), the tail's key map (``index_tail``), the statements over the runs
(``index_runs``), and the ``gone`` and ``observations`` tables (``index_side``). Here is
``ArchiveIndex``, which holds what they share: the connection, the tail, the list of
runs and the filter, and when to merge and compact.
"""

from __future__ import annotations

import logging
import os
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsarchive.storage.index_keys import (
    FILTER_FORMAT,
    FILTER_MIN_KEYS,
    KIND_HASH,
    KIND_ID,
    KIND_URL,
    MASK_PAIRS,
    Filter,
    Filters,
    key_digest,
    title_key,
)
from newsarchive.storage.index_runs import (
    Runs,
    delete_keys,
    full_level,
    load_runs,
    merge_runs,
    merged_keys,
    probe_queries,
    write_run,
)
from newsarchive.storage.index_schema import (
    LEGACY_ROW,
    ROW,
    ROW_COLUMN,
    SCHEMA,
    SCHEMA_VERSION,
    TABLES,
    layout_version,
    table_columns,
)
from newsarchive.storage.index_side import SideTables
from newsarchive.storage.index_tail import tail_add, tail_remove, tail_seqs
from newsarchive.storage.sqlitero import checkpoint, connect_readonly

# What the rest of the archive imports from here, including names defined beside it.
__all__ = ["ArchiveIndex", "Entry", "key_digest", "table_columns", "title_key"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Entry:
    """What the index knows of one article: its latest stored revision."""

    id: str
    url: str
    content_hash: str
    published_at: str | None
    path: str
    revision: int
    title_key: int | None = None
    """``title_key`` of the stored title (None: unknown, as in rows of older layouts)."""
    fetched_at: str | None = None
    """The stored revision's ``fetched_at`` (None: unknown, as in rows written before
    the index kept it)."""


class _Batch:
    """``ArchiveIndex.batch``: a plain class, as it runs once per stored article."""

    __slots__ = ("_index",)

    def __init__(self, index: ArchiveIndex) -> None:
        self._index = index

    def __enter__(self) -> None:
        if not self._index._db.in_transaction:
            self._index._begin()

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is not None:
            self._index._rollback()


class ArchiveIndex(SideTables):
    """The index over one SQLite connection: a writer, or a reader (``readonly``)."""

    #: Tail rows (articles and aliases) kept in memory before they are merged as a run.
    MERGE_AT = 16_384
    #: Runs of one level merged into one run of the next.
    COMPACT_AT = 16

    def __init__(self, path: Path, *, readonly: bool = False) -> None:
        self.path = path
        self.readonly = readonly
        self.legacy = False
        self.filter_rebuilt = False
        self._closed = False
        self._batch = _Batch(self)
        self._memo: list[tuple[str, int]] = [("", -1), ("", -1), ("", -1)]
        self._sizes: dict[str, int] = {}
        self._unwritten: dict[int, tuple[Any, ...]] = {}
        """Rows ``put`` has not inserted yet: they go in one ``executemany`` per commit."""
        self._generation = ""
        self._stamp = -1
        self._merged_upto = 0
        self._aliases_upto = 0
        self._next_seq = 1
        self._next_alias = 1
        self._runs: Runs = {}
        self._probe: tuple[str, str, str] | None = None
        self._filters: Filters | None = None
        self._tail: dict[int, Any] = {}
        self._tail_rows = 0
        self._alias_tail: dict[int, Any] = {}
        self._alias_rows = 0
        self._seen_seq = 0
        self._seen_alias = 0
        self._data_version = -1
        self._gone_dated = False
        self._fetch_timed = False
        self._observations = False
        self._fetched = "NULL"
        self._row = ROW.format(fetched="NULL")
        self._fetch = self._row + " WHERE seq = ?"
        if readonly:
            self._db = connect_readonly(path, isolation_level=None, check_same_thread=False)
            self._sync()
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        # Created here, never through a symlink, before SQLite opens it (SQLite gives its
        # -wal and -shm files the same permissions). Readable by others as the month
        # files are (subject to the umask): ``status`` and ``verify`` read it.
        os.close(os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644))
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._db.create_function("newsarchive_key", 2, key_digest, deterministic=True)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._create()
        self._load()

    # --- opening, loading, closing ----------------------------------------------------------

    def _create(self) -> None:
        layout = layout_version(self._db)
        if layout not in (None, SCHEMA_VERSION):
            # Another layout. The index is derived: drop it, and the archive's catch-up
            # reads every file again (nothing records their sizes any more).
            logger.warning("%s has an index of another layout; rebuilding it", self.path)
            self._db.executescript("".join(f"DROP TABLE IF EXISTS {table};" for table in TABLES))
        self._db.executescript(SCHEMA)
        if not self._has_gone_dates():
            # Indexes written before gone URLs were dated: the column is added (SQLite
            # does not rewrite the table), and their rows are undated until seen again.
            self._db.execute("ALTER TABLE gone ADD COLUMN seen_at TEXT")
        if not self._has_fetch_times():
            # The same for the fetch time of each article's stored revision: rows from
            # before are unknown (NULL) until their article is stored again or reindexed.
            self._db.execute("ALTER TABLE articles ADD COLUMN fetched_at TEXT")
        meta = self._meta()
        if meta.get("schema") != SCHEMA_VERSION:
            with self.transaction():
                self._set_meta(
                    schema=SCHEMA_VERSION,
                    generation=secrets.token_hex(8),
                    merged_upto=0,
                    aliases_upto=0,
                    filter_format=FILTER_FORMAT,
                    filter_covers="",
                    stamp=0,
                )

    def _meta(self) -> dict[str, Any]:
        return {str(n): v for n, v in self._db.execute("SELECT name, value FROM meta")}

    def _set_meta(self, **values: object) -> None:
        self._db.executemany(
            "INSERT INTO meta (name, value) VALUES (?, ?)"
            " ON CONFLICT(name) DO UPDATE SET value = excluded.value",
            [(name, value) for name, value in values.items()],
        )

    def _covers(self) -> str:
        return f"{self._generation}:{self._merged_upto}:{self._aliases_upto}"

    def _load(self) -> None:
        """Read the state every lookup needs: runs, filters, and the tail's keys.

        A writer whose stored filter does not describe these tables (another
        generation, another format, missing) rebuilds it from the key tables; a reader
        cannot, and probes the runs for every key instead.
        """
        self._columns()
        meta = self._meta()
        self._generation = str(meta.get("generation", ""))
        self._stamp = int(meta.get("stamp", 0))
        self._merged_upto = int(meta.get("merged_upto", 0))
        self._aliases_upto = int(meta.get("aliases_upto", 0))
        self._set_runs(load_runs(self._db))
        top = self._db.execute("SELECT MAX(seq) FROM articles").fetchone()[0] or 0
        self._next_seq = max(self._merged_upto, top) + 1
        top = self._db.execute("SELECT MAX(seq) FROM aliases").fetchone()[0] or 0
        self._next_alias = max(self._aliases_upto, top) + 1
        self._filters = None
        # A reader loads no filter: what readers ask (export: every line's id; an
        # incremental crawl: links mostly seen before) is mostly there, and a filter only
        # answers absences. It probes the runs instead and keeps no more than the tail.
        if (
            not self.readonly
            and meta.get("filter_format") == FILTER_FORMAT
            and meta.get("filter_covers") == self._covers()
        ):
            self._filters = Filters.load(self._db)
        self._tail, self._tail_rows, self._seen_seq = {}, 0, self._merged_upto
        self._alias_tail, self._alias_rows, self._seen_alias = {}, 0, self._aliases_upto
        self._load_tail()
        self._data_version = self._db.execute("PRAGMA data_version").fetchone()[0]
        if self._filters is None and not self.readonly:
            if self._runs:
                logger.warning("%s: the stored filter does not match; rebuilding it", self.path)
            self._rebuild_filters()

    def _load_tail(self) -> None:
        """Add the keys of tail rows not seen yet (all of them on a first load)."""
        tail = self._tail
        rows = 0
        for seq, *keys in self._db.execute(
            "SELECT seq, id_key, url_key, hash_key FROM articles WHERE seq > ? ORDER BY seq",
            (self._seen_seq,),
        ):
            if None in keys:  # a row written by hand: its keys from its text
                id_, url, content_hash = self._db.execute(
                    "SELECT id, url, content_hash FROM articles WHERE seq = ?", (seq,)
                ).fetchone()
                keys = [
                    key_digest(KIND_ID, id_),
                    key_digest(KIND_URL, url),
                    key_digest(KIND_HASH, content_hash),
                ]
            for k in keys:
                if tail.setdefault(k, seq) is not seq:
                    tail_add(tail, k, seq)
            rows += 1
            self._seen_seq = seq
        self._tail_rows += rows
        for seq, url in self._db.execute(
            "SELECT seq, url FROM aliases WHERE seq > ? ORDER BY seq", (self._seen_alias,)
        ):
            tail_add(self._alias_tail, key_digest(KIND_URL, url), seq)
            self._alias_rows += 1
            self._seen_alias = seq

    def _sync(self) -> bool:
        """A reader's view of the writer's commits; True if anything had changed.

        ``data_version`` moves only when another connection commits. New tail rows are
        added to what was loaded; after a merge, compaction or clear (``stamp``)
        everything is loaded again. A row deleted from the tail (a later revision
        replaced it) leaves its keys behind until then: harmless, as every row a key
        leads to is checked against the key's text.
        """
        version = self._db.execute("PRAGMA data_version").fetchone()[0]
        if version == self._data_version:
            return False
        self._db.execute("BEGIN")
        try:
            version = self._db.execute("PRAGMA data_version").fetchone()[0]
            # An index of another layout (or none yet) is answered by plain queries of
            # its articles and aliases, until a writer opens the archive and rebuilds it.
            self.legacy = layout_version(self._db) != SCHEMA_VERSION
            if not self.legacy:
                meta = self._meta()
                stamp, generation = int(meta.get("stamp", 0)), meta.get("generation")
                if stamp != self._stamp or generation != self._generation:
                    self._load()
                else:
                    self._load_tail()
        finally:
            self._db.execute("COMMIT")
        self._data_version = version
        return True

    def close(self) -> None:
        """Commit, and merge the tail, so that the next open loads nothing."""
        if self._closed:
            return
        if not self.readonly:
            self.commit()
            if self._tail_rows or self._alias_rows:
                with self.transaction():
                    self._merge()
            checkpoint(self._db)
        self._closed = True
        self._db.close()
        # The filter (4.5 MB a million articles) and the tail go now, not when the
        # garbage collector next finds the index (it and its batch refer to each other):
        # an index opened next in the same process then reuses their memory.
        self._filters = None
        self._tail, self._alias_tail, self._unwritten = {}, {}, {}

    def __enter__(self) -> ArchiveIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- transactions ---------------------------------------------------------------------

    def batch(self) -> AbstractContextManager[None]:
        """Writes that join the open transaction, to be committed later by ``commit``.

        Group commit: a commit per article costs more than the lookup and the insert
        together. It is safe because the index is derived: an entry and the file offset
        it was read up to always share a transaction, so writes lost to a crash before
        the commit are re-read from the files when the archive next opens.
        """
        return self._batch

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Writes committed as soon as the block ends."""
        with self.batch():
            yield
        self.commit()

    def _write_rows(self) -> None:
        """Insert the rows ``put`` has kept back, all in one statement."""
        if self._unwritten:
            self._db.executemany(
                "INSERT INTO articles (seq, id, url, content_hash, published_at, path, revision,"
                " title_key, fetched_at, id_key, url_key, hash_key)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                self._unwritten.values(),
            )
            self._unwritten.clear()

    def commit(self) -> None:
        if self._db.in_transaction:
            self._write_rows()
            if self._sizes:
                self._db.executemany(
                    "INSERT INTO files (path, size) VALUES (?, ?)"
                    " ON CONFLICT(path) DO UPDATE SET size = excluded.size",
                    list(self._sizes.items()),
                )
                self._sizes.clear()
            self._db.execute("COMMIT")

    def _begin(self) -> None:
        """Start a write transaction, first catching up with any other writer's commits.

        The archive lock keeps one writer per archive, but should a second connection
        write anyway, what memory holds (tail, filter, next ``seq``) would be stale: it
        is loaded again, under the write lock that ``BEGIN IMMEDIATE`` has just taken.
        """
        self._db.execute("BEGIN IMMEDIATE")
        if self._db.execute("PRAGMA data_version").fetchone()[0] != self._data_version:
            self._load()

    def _rollback(self) -> None:
        """Undo the open transaction, and what memory holds of it."""
        if self._db.in_transaction:
            self._db.execute("ROLLBACK")
        self._sizes.clear()
        self._unwritten.clear()
        self._load()

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """One write: inside the caller's transaction, or in a transaction of its own."""
        if self._db.in_transaction:
            yield
        else:
            with self.transaction():
                yield

    # --- lookups --------------------------------------------------------------------------

    def _key(self, kind: int, text: str) -> int:
        """``key_digest``, remembering the last key of each kind (put follows lookups)."""
        text_k = self._memo[kind]
        if text_k[0] is text or text_k[0] == text:
            return text_k[1]
        k = key_digest(kind, text)
        self._memo[kind] = (text, k)
        return k

    def _absent(self, kind: int, text: str) -> bool:
        """True when ``text`` is surely not in the index: not in the tail, not in the filter.

        The common case, a new article, is answered here from memory (one digest, two
        dict misses, one word of the filter).
        """
        memo = self._memo[kind]
        if memo[0] == text:
            k = memo[1]
        else:
            k = key_digest(kind, text)
            self._memo[kind] = (text, k)
        if k in self._tail or (kind == KIND_URL and k in self._alias_tail):
            return False
        filters = self._filters
        if filters is None:
            return False
        pairs = MASK_PAIRS
        mask = pairs[(k >> 40) & 4095] | pairs[(k >> 52) & 4095]
        for part in filters.parts:  # noqa: SIM110 - a loop is cheaper than any() and a generator
            if part.words[k % part.size] & mask == mask:
                return False
        return True

    def _maybe(self, k: int) -> bool:
        filters = self._filters
        return filters is None or filters.may_contain(k)

    def _set_runs(self, runs: Runs) -> None:
        self._runs = runs
        self._probe = probe_queries(runs, self._fetched) if runs else None

    def _find(self, kind: int, text: str) -> tuple[tuple[Any, ...], int, int | None] | None:
        """The row with ``text`` as its URL, hash or id; its seq; its run (None: tail)."""
        k = self._key(kind, text)
        column = ROW_COLUMN[kind]
        db = self._db
        for seq in tail_seqs(self._tail.get(k)):
            unwritten = self._unwritten.get(seq)
            row = unwritten[1:9] if unwritten else db.execute(self._fetch, (seq,)).fetchone()
            if row is not None and row[column] == text:
                return row, seq, None
        if self._probe is not None and self._maybe(k):
            for found in db.execute(self._probe[kind], (k,)).fetchall():
                row = found[2:]
                if row[column] == text:
                    return row, found[1], found[0]
        return None

    def _lookup(self, kind: int, text: str) -> tuple[Any, ...] | None:
        if self.readonly:
            self._sync()
        if self.legacy:
            column = ("url", "content_hash", "id")[kind]
            return self._db.execute(  # type: ignore[no-any-return]
                LEGACY_ROW + f" WHERE {column} = ? LIMIT 1", (text,)
            ).fetchone()
        if self._absent(kind, text):
            return None
        found = self._find(kind, text)
        # A reader that missed may have raced a compaction: look again.
        if found is None and self.readonly and self._sync():
            found = self._find(kind, text)
        return found[0] if found else None

    def get(self, article_id: str) -> Entry | None:
        row = self._lookup(KIND_ID, article_id)
        return Entry(*row) if row else None

    def by_hash(self, content_hash: str) -> Entry | None:
        row = self._lookup(KIND_HASH, content_hash)
        return Entry(*row) if row else None

    def by_url(self, url: str) -> Entry | None:
        """The article stored under ``url``, directly or as a recorded alias."""
        if self.readonly:
            self._sync()
        if self.legacy:
            row = self._lookup(KIND_URL, url)
            if row:
                return Entry(*row)
        else:
            if self._absent(KIND_URL, url):  # the filter holds aliases' URLs too
                return None
            found = self._find(KIND_URL, url)
            if found is None and self.readonly and self._sync():
                found = self._find(KIND_URL, url)
            if found is not None:
                return Entry(*found[0])
        alias = self._db.execute("SELECT article_id FROM aliases WHERE url = ?", (url,)).fetchone()
        return self.get(alias[0]) if alias else None

    # --- writes ---------------------------------------------------------------------------

    def put(self, entry: Entry) -> None:
        """Insert an article, or move it to a later revision (never back to an earlier).

        The row is appended to the tail and its keys kept in memory; the earlier
        revision's row (and its keys, if merged) is deleted, so each id has one row.
        """
        own = not self._db.in_transaction
        if own:
            self._begin()
        try:
            self._put(entry)
        except BaseException:
            if own:
                self._rollback()
            raise
        if own:
            self.commit()

    def _put(self, entry: Entry) -> None:
        found = None if self._absent(KIND_ID, entry.id) else self._find(KIND_ID, entry.id)
        if found is not None:
            row, old_seq, run = found
            if entry.revision < row[5]:
                return
            self._drop(row, old_seq, run)
        seq = self._next_seq
        self._next_seq = seq + 1
        # The lookups just before (decide, then this id) left these keys in the memo.
        id_key = self._key(KIND_ID, entry.id)
        url_key = self._key(KIND_URL, entry.url)
        hash_key = self._key(KIND_HASH, entry.content_hash)
        self._unwritten[seq] = (
            seq,
            entry.id,
            entry.url,
            entry.content_hash,
            entry.published_at,
            entry.path,
            entry.revision,
            entry.title_key,
            entry.fetched_at,
            id_key,
            url_key,
            hash_key,
        )
        tail = self._tail
        if tail.setdefault(id_key, seq) is not seq:
            tail_add(tail, id_key, seq)
        if tail.setdefault(url_key, seq) is not seq:
            tail_add(tail, url_key, seq)
        if tail.setdefault(hash_key, seq) is not seq:
            tail_add(tail, hash_key, seq)
        self._tail_rows += 1
        if self._tail_rows + self._alias_rows >= self.MERGE_AT:
            self._merge()

    def _drop(self, row: tuple[Any, ...], seq: int, run: int | None) -> None:
        """Delete a superseded revision's row and its keys."""
        if self._unwritten.pop(seq, None) is None:
            self._db.execute("DELETE FROM articles WHERE seq = ?", (seq,))
        texts = {KIND_ID: row[0], KIND_URL: row[1], KIND_HASH: row[2]}
        if run is None:
            for kind, text in texts.items():
                tail_remove(self._tail, key_digest(kind, text), seq)
            self._tail_rows -= 1
            return
        delete_keys(self._db, run, seq, texts)

    def add_alias(self, url: str, article_id: str, reason: str) -> bool:
        """Record ``url`` as another address of ``article_id``; False if already known."""
        with self._writing():
            seq = self._next_alias
            cursor = self._db.execute(
                "INSERT OR IGNORE INTO aliases (seq, url, article_id, reason) VALUES (?, ?, ?, ?)",
                (seq, url, article_id, reason),
            )
            if cursor.rowcount != 1:
                return False
            self._next_alias = seq + 1
            tail_add(self._alias_tail, self._key(KIND_URL, url), seq)
            self._alias_rows += 1
            if self._tail_rows + self._alias_rows >= self.MERGE_AT:
                self._merge()
        return True

    def _columns(self) -> None:
        """The row queries for this file's columns: ``fetched_at`` as NULL where the
        table has none yet (a reader of an index its writer has not upgraded)."""
        fetched = "fetched_at" if self._has_fetch_times() else "NULL"
        self._fetched = "a." + fetched if fetched != "NULL" else fetched
        self._row = ROW.format(fetched=fetched)
        self._fetch = self._row + " WHERE seq = ?"

    def _has_fetch_times(self) -> bool:
        """Whether the articles table has its ``fetched_at`` column (asked again until it
        has, as ``_has_gone_dates``)."""
        if not self._fetch_timed:
            self._fetch_timed = "fetched_at" in table_columns(self._db, "articles")
        return self._fetch_timed

    def aliases_of(self, article_id: str) -> list[str]:
        rows = self._db.execute(
            "SELECT url FROM aliases WHERE article_id = ? ORDER BY url", (article_id,)
        ).fetchall()
        return [r[0] for r in rows]

    def file_size(self, path: str) -> int:
        """How many bytes of ``path`` (relative to the archive) the index has read."""
        if path in self._sizes:
            return self._sizes[path]
        row = self._db.execute("SELECT size FROM files WHERE path = ?", (path,)).fetchone()
        return int(row[0]) if row else 0

    def set_file_size(self, path: str, size: int) -> None:
        """Record ``size``; inside a transaction, written by the commit that ends it."""
        if self._db.in_transaction:
            self._sizes[path] = size
            return
        with self.transaction():
            self._sizes[path] = size

    def known_files(self) -> dict[str, int]:
        known = {p: int(s) for p, s in self._db.execute("SELECT path, size FROM files")}
        known.update(self._sizes)
        return known

    def clear(self) -> None:
        """Forget everything, under a new generation (so no stored filter matches)."""
        with self._writing():
            for table in TABLES[:-1]:  # all but meta
                self._db.execute(f"DELETE FROM {table}")
            self._sizes.clear()
            self._unwritten.clear()
            self._generation = secrets.token_hex(8)
            self._merged_upto = self._aliases_upto = 0
            self._filters = Filters([Filter(FILTER_MIN_KEYS)])
            self._filters.reshaped = True
            self._set_meta(generation=self._generation, merged_upto=0, aliases_upto=0)
            self._store_filters()
            self._load()

    def count(self) -> int:
        if self._db.in_transaction:
            self._write_rows()
        row = self._db.execute("SELECT COUNT(*) FROM articles").fetchone()
        return int(row[0])

    def iter_entries(self) -> Iterator[Entry]:
        if self.readonly:
            self._sync()  # finds out whether the layout is an older one
        if self._db.in_transaction:
            self._write_rows()
        cursor = self._db.execute((LEGACY_ROW if self.legacy else self._row) + " ORDER BY id")
        for row in cursor:
            yield Entry(*row)

    # --- merging and compaction -------------------------------------------------------------

    def _merge(self) -> None:
        """Write the tail's keys as a new run, add them to the filter, store both.

        The run's rows are inserted in key order under a run number higher than any
        other, so each key table grows at its end. Called inside a transaction: the
        run, the filter and ``merged_upto`` are committed together or not at all.
        """
        self._write_rows()
        if self._next_seq - 1 > self._merged_upto:
            run = max(self._runs, default=0) + 1
            entries = write_run(self._db, run, self._merged_upto)
            if entries > 0:
                self._set_runs({**self._runs, run: (0, entries)})
        assert self._filters is not None  # a writer always has one (see _load)
        self._filters.add_all([*self._tail, *self._alias_tail])
        self._merged_upto = self._next_seq - 1
        self._aliases_upto = self._next_alias - 1
        self._tail, self._tail_rows, self._seen_seq = {}, 0, self._merged_upto
        self._alias_tail, self._alias_rows, self._seen_alias = {}, 0, self._aliases_upto
        self._set_meta(merged_upto=self._merged_upto, aliases_upto=self._aliases_upto)
        self._store_filters()
        self._compact_levels()

    def _store_filters(self) -> None:
        """Store the filter, with the state it covers (in the caller's transaction)."""
        assert self._filters is not None
        self._filters.store(self._db)
        self._stamp += 1
        self._set_meta(filter_format=FILTER_FORMAT, filter_covers=self._covers(), stamp=self._stamp)

    def _compact_levels(self) -> None:
        """Merge ``COMPACT_AT`` runs of a level into one run of the next, while any can be."""
        while (full := full_level(self._runs, self.COMPACT_AT)) is not None:
            self._compact_runs(*full)

    def _compact_runs(self, runs: list[int], level: int) -> None:
        """Rewrite ``runs`` as one run, in key order; the filter is not touched."""
        new = max(self._runs) + 1
        entries = sum(self._runs[run][1] for run in runs)
        merge_runs(self._db, runs, new, level, entries)
        remaining = {r: v for r, v in self._runs.items() if r not in runs}
        self._set_runs({**remaining, new: (level, entries)})
        self._stamp += 1
        self._set_meta(stamp=self._stamp)

    def compact(self) -> None:
        """Merge the tail and every run into one run, with one filter sized for it.

        For an index built in one go (``reindex``): lookups that pass the filter then
        probe one run, and the filter is one array with room for half as many again.
        """
        with self._writing():
            self._merge()
            if len(self._runs) > 1:
                level = max(level for level, _ in self._runs.values())
                self._compact_runs(list(self._runs), level)
            self._rebuild_filters()

    def _rebuild_filters(self) -> None:
        """Derive the filter from the key tables and the merged aliases, and store it."""
        with self._writing():
            keys = sum(entries for _, entries in self._runs.values()) * 3
            keys += self._db.execute(
                "SELECT COUNT(*) FROM aliases WHERE seq <= ?", (self._aliases_upto,)
            ).fetchone()[0]
            filters = Filters([Filter(max(FILTER_MIN_KEYS, keys * 3 // 2))])
            filters.add_all(merged_keys(self._db, self._aliases_upto), log=False)
            self._db.execute("DELETE FROM filters")
            filters.reshaped = True
            self._filters = filters
            self._store_filters()
        self.filter_rebuilt = True
