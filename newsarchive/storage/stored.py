"""What one crawl stored, counted from the archive itself.

A crawler that ends without writing its run record (stopped at once by a second
Ctrl-C, killed by a signal or the OOM killer, dead of an error) takes its counts with
it, yet everything it stored is whole in the archive. ``newsarchive crawl`` marks the
index before the crawler starts (``mark``) and, if no record comes, counts the articles
stored after that mark (``stored_since``), so that the summary and ``runs.jsonl`` say
how many new and updated articles the run kept instead of nothing.

The count is of articles, each once: an article the run stored twice (a revision, then
another) is one updated article. Rows are told apart by ``seq``, which the index hands
out in order, and by ``fetched_at``, which is the crawler's own clock: the mark's
``seq`` leaves out what an earlier crawl stored and the index had not read yet (the
crawler's opening catch-up gives those rows new numbers), and ``fetched_at`` is what
is left when the index was rebuilt during the run (a new generation numbers every row
again).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from newsarchive.storage import layout
from newsarchive.storage.sqlitero import connect_readonly


@dataclass(frozen=True, slots=True)
class Mark:
    """The index as a crawl found it: its generation and the last ``seq`` handed out."""

    generation: str
    seq: int


@dataclass(frozen=True, slots=True)
class Stored:
    """Articles a run stored, by the revision it stored last: ``new`` at revision 1,
    ``updated`` at a later one (so an article both new and revised in one run, which
    the index keeps one row of, counts as updated)."""

    new: int
    updated: int


def mark(archive: Path) -> Mark | None:
    """The archive's index before a crawl; None where there is none yet (a new
    archive, whose every row will be the crawl's) or it cannot be read as one."""
    path = archive / layout.INDEX_FILE
    if not path.is_file():
        return None
    try:
        db = connect_readonly(path)
        try:
            generation = _generation(db)
            (last,) = db.execute("SELECT MAX(seq) FROM articles").fetchone()
        finally:
            db.close()
    except sqlite3.Error:
        return None
    return Mark(generation, int(last or 0))


def stored_since(archive: Path, since: Mark | None, fetched_from: str) -> Stored | None:
    """New and updated articles stored after ``since`` and fetched at ``fetched_from``
    (UTC, ``fetched_at``'s format) or later; None if the archive cannot tell.

    The archive is opened as a writer, which first indexes what its files hold beyond
    the index: a crawler stopped at once leaves its last lines unindexed. The caller
    holds the archive's lock, as the crawler did.
    """
    from newsarchive.storage.archive import Archive

    try:
        with Archive(archive, warn_behind=False) as opened:
            opened.commit()
        db = connect_readonly(archive / layout.INDEX_FILE)
        try:
            after = 0  # a new index, or one renewed since the mark: every row is a candidate
            if since is not None and since.generation == _generation(db):
                after = since.seq
            rows = db.execute(
                "SELECT revision > 1, COUNT(*) FROM articles"
                " WHERE seq > ? AND fetched_at >= ? GROUP BY 1",
                (after, fetched_from),
            ).fetchall()
        finally:
            db.close()
    except (OSError, sqlite3.Error, ValueError):  # said as unknown: the run failed anyway
        return None
    counts = {bool(updated): int(n) for updated, n in rows}
    return Stored(new=counts.get(False, 0), updated=counts.get(True, 0))


def _generation(db: sqlite3.Connection) -> str:
    """The index's generation, renewed whenever its tables are created or cleared."""
    found = db.execute("SELECT value FROM meta WHERE name = 'generation'").fetchone()
    return str(found[0]) if found else ""
