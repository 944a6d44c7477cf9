"""Runs of the index's key tables: the statements that write, merge, probe and read them.

A run is one sorted batch of rows of each key table (``url_keys``, ``hash_keys``,
``id_keys``, keyed by ``(run, key, seq)``): a merge writes the tail's keys as a new run,
and a compaction rewrites the runs of a level as one run of the next (``index`` says
why). The ``runs`` table lists them with their level and size. ``ArchiveIndex`` keeps
that list in memory (``{run: (level, entries)}``) and decides when to merge and to
compact; the statements are here, so that how a run is laid out on disk is one
module's. Apart from ``clear`` and a rebuild, which empty every table alike, nothing
else names a key table or ``runs``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping

from newsarchive.storage.index_keys import KIND_URL, key_digest
from newsarchive.storage.index_schema import KEY_TABLES, KEY_TEXT

Runs = dict[int, tuple[int, int]]
"""Each run's level and its entries (rows per key table)."""


def load_runs(db: sqlite3.Connection) -> Runs:
    """The runs the ``runs`` table lists."""
    return {r: (lvl, n) for r, lvl, n in db.execute("SELECT run, level, entries FROM runs")}


def write_run(db: sqlite3.Connection, run: int, after: int) -> int:
    """Write the keys of the articles past ``seq`` ``after`` as run ``run``, of level 0.

    The rows are inserted in key order under a run number higher than any other, so
    each key table grows at its end. A row's key column that is NULL (a row written by
    hand) is computed from its text by ``newsarchive_key``, the writer's ``key_digest``.
    Returns the run's entries; a run of none is not listed in ``runs``.
    """
    entries = 0
    for kind, (table, column) in enumerate(KEY_TABLES):
        key = f"COALESCE({column}, newsarchive_key({kind}, {KEY_TEXT[kind]}))"
        entries = db.execute(
            f"INSERT INTO {table} (run, key, seq) SELECT ?, {key}, seq"
            f" FROM articles WHERE seq > ? ORDER BY 2, 3",
            (run, after),
        ).rowcount
    if entries > 0:
        db.execute("INSERT INTO runs (run, level, entries) VALUES (?, 0, ?)", (run, entries))
    return entries


def full_level(runs: Runs, compact_at: int) -> tuple[list[int], int] | None:
    """The runs of the lowest level that has ``compact_at`` of them, and the level they
    are to be merged into; None while no level has that many."""
    levels: dict[int, list[int]] = {}
    for run, (level, _) in runs.items():
        levels.setdefault(level, []).append(run)
    full = sorted(level for level, listed in levels.items() if len(listed) >= compact_at)
    if not full:
        return None
    return levels[full[0]], full[0] + 1


def merge_runs(db: sqlite3.Connection, runs: list[int], new: int, level: int, entries: int) -> None:
    """Rewrite ``runs`` as run ``new`` of ``level`` (``entries`` in all), in key order."""
    listed = ",".join(str(run) for run in sorted(runs))
    for table, _ in KEY_TABLES:
        db.execute(
            f"INSERT INTO {table} (run, key, seq) SELECT ?, key, seq FROM {table}"
            f" WHERE run IN ({listed}) ORDER BY key, seq",
            (new,),
        )
        db.execute(f"DELETE FROM {table} WHERE run IN ({listed})")
    db.execute(f"DELETE FROM runs WHERE run IN ({listed})")
    db.execute("INSERT INTO runs (run, level, entries) VALUES (?, ?, ?)", (new, level, entries))


def probe_queries(runs: Iterable[int], fetched: str) -> tuple[str, str, str]:
    """For each key kind, the query of what a key leads to in ``runs``: each row's run,
    its ``seq`` and the article's row, with ``fetched`` as its fetch time (the column,
    or NULL where the table has none yet)."""
    listed = ",".join(str(run) for run in sorted(runs))
    sql = [
        f"SELECT k.run, k.seq, a.id, a.url, a.content_hash, a.published_at, a.path,"
        f" a.revision, a.title_key, {fetched} FROM {t} k JOIN articles a"
        f" ON a.seq = k.seq"
        f" WHERE k.run IN ({listed}) AND k.key = ?"
        for t, _ in KEY_TABLES
    ]
    return (sql[0], sql[1], sql[2])


def delete_keys(db: sqlite3.Connection, run: int, seq: int, texts: Mapping[int, str]) -> None:
    """Delete the keys of article ``seq`` (its text of each kind in ``texts``) from ``run``."""
    for kind, (table, _) in enumerate(KEY_TABLES):
        db.execute(
            f"DELETE FROM {table} WHERE run = ? AND key = ? AND seq = ?",
            (run, key_digest(kind, texts[kind]), seq),
        )


def merged_keys(db: sqlite3.Connection, aliases_upto: int) -> Iterator[int]:
    """Every key a filter of the merged index holds: each key table's, then the URL of
    each alias up to ``aliases_upto``."""
    for table, _ in KEY_TABLES:
        for (key,) in db.execute(f"SELECT key FROM {table}"):
            yield key
    for (url,) in db.execute("SELECT url FROM aliases WHERE seq <= ?", (aliases_upto,)):
        yield key_digest(KIND_URL, url)
