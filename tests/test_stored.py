"""Counting what a crawl stored from the archive, for a crawler that left no run record."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsarchive.storage import jsonl, layout
from newsarchive.storage.archive import Archive
from newsarchive.storage.stored import Mark, Stored, mark, stored_since
from tests.archive_factory import put, record

EARLIER = "2024-11-01T00:00:00Z"
START = "2024-11-02T08:00:00Z"
LATER = "2024-11-02T08:00:05Z"


def at(n: int, fetched: str, text: str = "") -> dict[str, Any]:
    return record(n, "2024-10-24T09:05:00+08:00", text, fetched_at=fetched)


def left_unindexed(root: Path, rec: dict[str, Any]) -> None:
    """A line in its month file that the index never read: what a crawler stopped at
    once (or killed) leaves of the articles it stored last."""
    stored = dict(rec, revision=1, supersedes=None)
    jsonl.append(root / layout.month_relative(rec["published_at"]), stored)


def crawl_before(root: Path) -> None:
    """An earlier crawl: one article indexed, and one line it stored but never indexed."""
    with Archive(root, fsync=False) as archive:
        put(archive, at(1, EARLIER))
    left_unindexed(root, at(2, EARLIER))


def test_a_run_cut_short_counts_its_new_and_updated_articles_and_nothing_earlier(
    tmp_path: Path,
) -> None:
    root = tmp_path / "a"
    crawl_before(root)
    before = mark(root)
    assert before is not None and before.seq == 1  # the unindexed line has no row yet
    # The crawler: its archive indexes the earlier crawl's line (a row after the mark,
    # fetched before the run), stores a new article and a revision of article 1, then
    # dies with its last article in the file and not in the index.
    with Archive(root, fsync=False) as archive:
        put(archive, at(3, LATER))
        put(archive, at(1, LATER, text="修订"))
        put(archive, at(1, LATER, text="再修订"))  # two revisions: one article updated
    left_unindexed(root, at(4, LATER))
    assert stored_since(root, before, START) == Stored(new=2, updated=1)


def test_an_index_rebuilt_during_the_run_is_counted_by_fetch_time(tmp_path: Path) -> None:
    """A rebuild numbers every row again: the mark's ``seq`` no longer tells the run's
    rows, its generation says so, and the fetch times still do."""
    root = tmp_path / "a"
    crawl_before(root)
    before = mark(root)
    with Archive(root, fsync=False) as archive:
        archive.rebuild()
        put(archive, at(3, LATER))
    assert stored_since(root, before, START) == Stored(new=1, updated=0)
    now = mark(root)
    assert before is not None and now is not None and now.generation != before.generation
    # Within one generation the mark's seq is what counts.
    assert stored_since(root, Mark(now.generation, now.seq), START) == Stored(new=0, updated=0)


def test_a_new_archive_counts_every_article_the_run_stored(tmp_path: Path) -> None:
    root = tmp_path / "a"
    root.mkdir()
    assert mark(root) is None
    left_unindexed(root, at(5, LATER))
    left_unindexed(root, at(6, LATER))
    assert stored_since(root, None, START) == Stored(new=2, updated=0)


def test_an_index_that_is_not_one_gives_no_mark(tmp_path: Path) -> None:
    root = tmp_path / "a"
    root.mkdir()
    (root / layout.INDEX_FILE).write_bytes(b"not a database at all" * 100)
    assert mark(root) is None
