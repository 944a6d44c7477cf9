"""The index against the files: each id at its latest revision and file with that
revision's title digest, no entry without a line, every alias pointing at an article
that exists.

The index is attached read-only to the facts database, so the comparison is a few
SQL joins over both, on disk.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

from newsarchive.storage import layout
from newsarchive.storage.index import table_columns
from newsarchive.storage.sqlitero import readonly_uri
from newsarchive.verify.facts import Facts
from newsarchive.verify.problems import Problem

INDEX = layout.INDEX_FILE

_LATEST = """
SELECT l.id, l.revision, l.path, l.line, l.title_key FROM lines l
JOIN (SELECT id, MAX(revision) AS revision FROM lines GROUP BY id) m
  ON l.id = m.id AND l.revision = m.revision
"""


def _attach(facts: Facts, index: Path) -> str | None:
    """Attach the index read-only; the reason it cannot be, or None."""
    try:
        facts.db.execute("ATTACH DATABASE ? AS idx", (readonly_uri(index),))
        facts.db.execute("SELECT id, revision, path FROM idx.articles LIMIT 1").fetchall()
        facts.db.execute("SELECT url, article_id FROM idx.aliases LIMIT 1").fetchall()
    except sqlite3.Error as exc:
        return str(exc)
    return None


def check_index(archive: Path, facts: Facts) -> Iterator[Problem]:
    index = archive / INDEX
    if not index.is_file():
        yield Problem(INDEX, None, "missing (newsarchive reindex derives it from the files)")
        yield from _alias_targets(facts, in_index=False)
        return
    reason = _attach(facts, index)
    if reason is not None:
        yield Problem(INDEX, None, f"cannot be read: {reason}")
        yield from _alias_targets(facts, in_index=False)
        return
    try:
        yield from _compare(facts)
    except sqlite3.Error as exc:
        yield Problem(INDEX, None, f"cannot be read: {exc}")


def _has_title_keys(facts: Facts) -> bool:
    """Whether the index's layout keeps title digests (older ones, which the next crawl
    rebuilds, do not: their titles are not compared)."""
    return "title_key" in table_columns(facts.db, "articles", schema="idx")


def _compare(facts: Facts) -> Iterator[Problem]:
    db = facts.db
    indexed_title = "i.title_key" if _has_title_keys(facts) else "f.title_key"
    rows = db.execute(
        f"SELECT f.id, f.revision, f.path, f.line, f.title_key, i.revision, i.path,"
        f" {indexed_title} FROM ({_LATEST}) f LEFT JOIN idx.articles i ON i.id = f.id"
        f" ORDER BY f.path, f.line"
    )
    for id_, revision, path, line, title, indexed_revision, indexed_path, indexed in rows:
        if indexed_revision is None:
            yield Problem(path, line, f"{id_} is not in the index")
        elif indexed_revision != revision or indexed_path != path:
            yield Problem(
                path,
                line,
                f"{id_}: index has revision {indexed_revision} in {indexed_path},"
                f" the files revision {revision} here",
            )
        elif indexed != title:
            yield Problem(path, line, f"{id_}: the index has another title for revision {revision}")
    orphans = db.execute(
        "SELECT i.id, i.path FROM idx.articles i"
        " WHERE NOT EXISTS (SELECT 1 FROM lines l WHERE l.id = i.id) ORDER BY i.id"
    )
    for id_, path in orphans:
        yield Problem(INDEX, None, f"{id_} is indexed (in {path}) but no line holds it")
    yield from _alias_targets(facts, in_index=True)


def _alias_targets(facts: Facts, *, in_index: bool) -> Iterator[Problem]:
    missing = facts.db.execute(
        "SELECT a.url, a.article_id, a.path, a.line FROM aliases a"
        " WHERE NOT EXISTS (SELECT 1 FROM lines l WHERE l.id = a.article_id)"
        " ORDER BY a.line"
    )
    for url, target, path, line in missing:
        yield Problem(path, line, f"alias {url} points to {target}, which no line holds")
    if not in_index:
        return
    indexed = facts.db.execute(
        "SELECT a.url, a.article_id FROM idx.aliases a"
        " WHERE NOT EXISTS (SELECT 1 FROM lines l WHERE l.id = a.article_id) ORDER BY a.url"
    )
    for url, target in indexed:
        yield Problem(INDEX, None, f"alias {url} points to {target}, which no line holds")
