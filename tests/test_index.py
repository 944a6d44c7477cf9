"""The dedup index's tail, runs and filter: what must hold across merges, reopens and crashes.

Most tests shrink ``MERGE_AT`` and ``COMPACT_AT`` so that a few dozen entries go through
every stage: the in-memory tail, a merge into a run, a compaction of runs, the filter
stored beside them, and the filter's log of keys added since it was last stored whole.
"""

from __future__ import annotations

import dataclasses
import json
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis_profiles import bounded

from newsarchive.storage import layout
from newsarchive.storage.archive import Archive, Verdict
from newsarchive.storage.index import ArchiveIndex, Entry, key_digest
from newsarchive.storage.index_keys import FILTER_MIN_KEYS, Filter, Filters

REPO = Path(__file__).resolve().parent.parent


def entry(n: int, revision: int = 1) -> Entry:
    return Entry(
        id=f"{n:016x}",
        url=f"http://www.ailab.cn/robot/2024/1024/{n}.html",
        content_hash=f"{n:060x}{revision:04x}",
        published_at="2024-10-24T09:05:17+08:00",
        path="articles/2024/2024-10.jsonl",
        revision=revision,
    )


@pytest.fixture
def small(monkeypatch: pytest.MonkeyPatch) -> None:
    """Merges every 8 tail rows, compactions every 2 runs of a level."""
    monkeypatch.setattr(ArchiveIndex, "MERGE_AT", 8)
    monkeypatch.setattr(ArchiveIndex, "COMPACT_AT", 2)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / layout.INDEX_FILE


def fill(path: Path, numbers: range) -> None:
    with ArchiveIndex(path) as index, index.transaction():
        for n in numbers:
            index.put(entry(n))


def alter(path: Path, *statements: str) -> None:
    """Change the index file behind the index's back, in one committed transaction."""
    db = sqlite3.connect(path)
    try:
        for statement in statements:
            db.execute(statement)
        db.commit()
    finally:
        db.close()


def query(path: Path, sql: str) -> list[tuple[Any, ...]]:
    db = sqlite3.connect(path)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def assert_found(index: ArchiveIndex, numbers: range, revision: int = 1) -> None:
    for n in numbers:
        e = entry(n, revision)
        assert index.by_url(e.url) == e, n
        assert index.by_hash(e.content_hash) == e, n
        assert index.get(e.id) == e, n


def assert_absent(index: ArchiveIndex, numbers: range) -> None:
    for n in numbers:
        e = entry(n)
        assert index.by_url(e.url) is None, n
        assert index.by_hash(e.content_hash) is None, n
        assert index.get(e.id) is None, n


# --- the filter ------------------------------------------------------------------------------


def test_filter_has_no_false_negatives_and_few_false_positives() -> None:
    filters = Filters([Filter(10_000)])
    keys = [key_digest(0, f"http://x/{n}") for n in range(10_000)]
    filters.add_all(keys)
    assert all(filters.may_contain(k) for k in keys)
    others = [key_digest(0, f"http://y/{n}") for n in range(100_000)]
    false_positives = sum(filters.may_contain(k) for k in others)
    assert false_positives < 3_000  # about 1% at 12 bits a key


def test_full_filter_starts_a_larger_one_and_keeps_every_key() -> None:
    filters = Filters([Filter(1_000)])
    keys = [key_digest(2, f"{n:016x}") for n in range(5_000)]
    filters.add_all(keys)
    assert len(filters.parts) == 2 and filters.parts[1].capacity >= 65_536
    assert all(filters.may_contain(k) for k in keys)


def test_no_false_negatives_after_reopen(path: Path, small: None) -> None:
    fill(path, range(100))
    with ArchiveIndex(path) as index:
        assert not index.filter_rebuilt
        assert index._filters is not None
        for n in range(100):
            e = entry(n)
            for kind, text in ((0, e.url), (1, e.content_hash), (2, e.id)):
                assert index._filters.may_contain(key_digest(kind, text)), (n, kind)
        assert_found(index, range(100))
        assert_absent(index, range(100, 120))


def test_filter_log_is_replayed_on_open(path: Path, small: None) -> None:
    fill(path, range(8))  # the first merge stores the filter whole
    with ArchiveIndex(path) as index, index.transaction():
        for n in range(8, 24):  # two more merges, logged
            index.put(entry(n))
    assert query(path, "SELECT COUNT(*) FROM filter_log")[0][0] >= 1
    with ArchiveIndex(path) as index:
        assert not index.filter_rebuilt
        assert index._filters is not None
        for n in range(24):
            assert index._filters.may_contain(key_digest(0, entry(n).url)), n
        assert_found(index, range(24))


def test_negative_lookups_never_reach_sqlite(path: Path, small: None) -> None:
    fill(path, range(40))
    with ArchiveIndex(path) as index:
        statements: list[str] = []
        index._db.set_trace_callback(statements.append)
        misses = sum(
            index.by_url(f"http://new.invalid/{n}") is None
            and index.by_hash(f"{n:060x}ffff") is None
            and index.get(f"{n:015x}z") is None
            for n in range(500)
        )
        assert misses == 500
        # The filter lets through about 1% of absent keys; each costs one probe.
        assert len(statements) < 60


def test_generation_mismatch_rebuilds_the_filter(path: Path, small: None) -> None:
    fill(path, range(30))
    alter(
        path,
        "UPDATE meta SET value = 'another' WHERE name = 'generation'",
        "UPDATE filters SET bits = zeroblob(length(bits))",  # a filter of nothing
        "DELETE FROM filter_log",
    )
    with ArchiveIndex(path) as index:
        assert index.filter_rebuilt
        assert_found(index, range(30))
    with ArchiveIndex(path) as index:
        assert not index.filter_rebuilt  # stored again, with the generation it covers
        assert_found(index, range(30))


def test_missing_filter_is_rebuilt(path: Path, small: None) -> None:
    fill(path, range(30))
    alter(path, "DELETE FROM filters")
    with ArchiveIndex(path) as index:
        assert index.filter_rebuilt
        assert_found(index, range(30))


def test_clear_starts_a_new_generation(path: Path, small: None) -> None:
    fill(path, range(20))
    before = query(path, "SELECT value FROM meta WHERE name = 'generation'")
    with ArchiveIndex(path) as index:
        index.clear()
        assert_absent(index, range(20))
        index.put(entry(50))
    assert query(path, "SELECT value FROM meta WHERE name = 'generation'") != before
    with ArchiveIndex(path) as index:
        assert not index.filter_rebuilt
        assert_absent(index, range(20))
        assert_found(index, range(50, 51))


# --- merges, compactions, revisions ------------------------------------------------------------


def test_merges_and_compactions_keep_every_entry(path: Path, small: None) -> None:
    with ArchiveIndex(path) as index:
        for n in range(200):
            with index.transaction():
                index.put(entry(n))
            assert index._tail_rows < ArchiveIndex.MERGE_AT  # the tail stays bounded
        assert_found(index, range(200))
    levels = dict(query(path, "SELECT level, COUNT(*) FROM runs GROUP BY level"))
    assert all(count < ArchiveIndex.COMPACT_AT for count in levels.values())
    assert max(levels) >= 3  # compacted more than once
    for table in ("url_keys", "hash_keys", "id_keys"):
        assert query(path, f"SELECT COUNT(*) FROM {table}") == [(200,)]
    with ArchiveIndex(path) as index:
        assert_found(index, range(200))


@pytest.mark.parametrize("merged_first", [False, True])
def test_revisions_through_the_tail(path: Path, small: None, merged_first: bool) -> None:
    with ArchiveIndex(path) as index:
        index.put(entry(1))
        if merged_first:
            with index.transaction():
                for n in range(100, 110):  # merges entry 1 into a run
                    index.put(entry(n))
            assert index._tail_rows < 8 and index._runs
        index.put(entry(1, 2))
        assert index.get(entry(1).id) == entry(1, 2)
        assert index.by_url(entry(1).url) == entry(1, 2)
        assert index.by_hash(entry(1).content_hash) is None  # the old content is gone
        assert index.by_hash(entry(1, 2).content_hash) == entry(1, 2)
        index.put(entry(1, 1))  # never back to an earlier revision
        assert index.get(entry(1).id) == entry(1, 2)
        index.put(entry(1, 2))  # the same revision again replaces it (a re-read line)
        assert index.get(entry(1).id) == entry(1, 2)
    assert query(path, f"SELECT COUNT(*) FROM articles WHERE id = '{entry(1).id}'") == [(1,)]
    with ArchiveIndex(path) as index:
        assert index.get(entry(1).id) == entry(1, 2)
        index.put(entry(1, 3))
        assert index.by_url(entry(1).url) == entry(1, 3)
    with ArchiveIndex(path) as index:
        assert index.get(entry(1).id) == entry(1, 3)
        assert index.by_hash(entry(1, 2).content_hash) is None


def test_aliases_through_tail_and_runs(path: Path, small: None) -> None:
    with ArchiveIndex(path) as index:
        index.put(entry(1))
        assert index.add_alias("http://mirror/1", entry(1).id, "duplicate_content")
        assert not index.add_alias("http://mirror/1", entry(1).id, "duplicate_content")
        assert index.by_url("http://mirror/1") == entry(1)
        for n in range(2, 40):  # merges the alias with the articles
            index.put(entry(n))
        assert index.by_url("http://mirror/1") == entry(1)
        assert not index.add_alias("http://mirror/1", entry(2).id, "duplicate_url")
    with ArchiveIndex(path) as index:
        assert index.by_url("http://mirror/1") == entry(1)
        assert index.aliases_of(entry(1).id) == ["http://mirror/1"]
        assert index.by_url("http://mirror/2") is None


def test_rollback_forgets_what_the_batch_put(path: Path, small: None) -> None:
    with ArchiveIndex(path) as index:
        with index.transaction():
            for n in range(5):
                index.put(entry(n))
        with pytest.raises(RuntimeError), index.batch():
            for n in range(5, 20):  # through a merge, all rolled back
                index.put(entry(n))
            index.put(entry(1, 2))
            raise RuntimeError
        assert_found(index, range(5))
        assert_absent(index, range(5, 20))
    with ArchiveIndex(path) as index:
        assert_found(index, range(5))
        assert_absent(index, range(5, 20))


# --- readers ------------------------------------------------------------------------------------


def test_reader_sees_tail_entries_and_follows_the_writer(path: Path, small: None) -> None:
    writer = ArchiveIndex(path)
    with writer.transaction():
        for n in range(5):  # committed, still in the tail
            writer.put(entry(n))
        writer.add_alias("http://mirror/0", entry(0).id, "duplicate_content")
    reader = ArchiveIndex(path, readonly=True)
    assert_found(reader, range(5))
    assert reader.by_url("http://mirror/0") == entry(0)
    assert reader.count() == 5
    with writer.transaction():
        writer.put(entry(5))  # no merge: the reader reads just the new tail rows
    assert reader.get(entry(5).id) == entry(5)
    with writer.transaction():
        for n in range(5, 60):  # merges and compactions while the reader is open
            writer.put(entry(n))
        writer.put(entry(3, 2))
    assert_found(reader, range(5, 60))
    assert reader.get(entry(3).id) == entry(3, 2)
    assert reader.by_url("http://mirror/0") == entry(0)
    with writer.batch():
        writer.put(entry(99))  # not committed: not seen
    assert reader.get(entry(99).id) is None
    writer.close()
    assert reader.get(entry(99).id) == entry(99)
    assert_found(reader, range(5, 60))
    reader.close()


def test_a_second_writer_is_noticed(path: Path, small: None) -> None:
    """One writer per archive is the rule (the lock); breaking it must not corrupt."""
    first, second = ArchiveIndex(path), ArchiveIndex(path)
    with first.transaction():
        for n in range(5):
            first.put(entry(n))
    with second.transaction():
        assert_found(second, range(5))
        for n in range(5, 20):  # its own rows and a merge
            second.put(entry(n))
        second.put(entry(2, 2))
    with first.transaction():
        assert_found(first, range(5, 20))
        assert first.get(entry(2).id) == entry(2, 2)
        first.put(entry(2, 3))
        first.put(entry(30))
    second.close()
    first.close()
    with ArchiveIndex(path) as index:
        assert_found(index, range(5, 20))
        assert_found(index, range(30, 31))
        assert index.get(entry(2).id) == entry(2, 3)
        assert index.count() == 21


def test_raw_sql_readers_see_the_tail(path: Path, small: None) -> None:
    """status and verify read ``articles`` and ``aliases`` directly."""
    writer = ArchiveIndex(path)
    with writer.transaction():
        for n in range(3):
            writer.put(entry(n))
        writer.add_alias("http://mirror/0", entry(0).id, "duplicate_url")
    rows = query(path, "SELECT id, revision, path FROM articles ORDER BY id")
    assert rows == [(entry(n).id, 1, entry(n).path) for n in range(3)]
    assert query(path, "SELECT url, article_id FROM aliases") == [("http://mirror/0", entry(0).id)]
    writer.close()


def test_reader_of_the_previous_layout(path: Path) -> None:
    db = sqlite3.connect(path)
    db.executescript(
        "CREATE TABLE articles (id TEXT PRIMARY KEY, url TEXT NOT NULL, content_hash TEXT"
        " NOT NULL, published_at TEXT, path TEXT NOT NULL, revision INTEGER NOT NULL);"
        " CREATE TABLE aliases (url TEXT PRIMARY KEY, article_id TEXT NOT NULL, reason TEXT"
        " NOT NULL); CREATE TABLE gone (url TEXT PRIMARY KEY, reason TEXT NOT NULL);"
        " CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER NOT NULL);"
    )
    e = entry(1)
    db.execute("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?)", (*vars_of(e),))
    db.execute("INSERT INTO aliases VALUES ('http://mirror/1', ?, 'x')", (e.id,))
    db.commit()
    db.close()
    with ArchiveIndex(path, readonly=True) as reader:
        assert reader.legacy
        assert reader.by_url(e.url) == e
        assert reader.by_url("http://mirror/1") == e
        assert reader.by_hash(e.content_hash) == e
        assert reader.get(e.id) == e
    with ArchiveIndex(path) as writer:  # a writer starts the index again
        assert not writer.legacy and writer.count() == 0
        assert writer.known_files() == {}


def vars_of(e: Entry) -> tuple[Any, ...]:
    return (e.id, e.url, e.content_hash, e.published_at, e.path, e.revision)


# --- the archive: crashes and reindex -------------------------------------------------------------


RECORD = {"published_at": "2024-10-24T09:05:17+08:00", "fetched_at": "2024-10-25T00:00:00Z"}


def record(n: int, **over: Any) -> dict[str, Any]:
    """The same records as the killed child's ``record``."""
    base: dict[str, Any] = dict(RECORD)
    base.update(
        id=f"{n:016x}",
        url=f"http://www.ailab.cn/robot/2024/1024/{n}.html",
        title=f"t{n}",
        content_hash=f"{n:064x}",
    )
    base.update(over)
    return base


def _killed_writer(archive: Path, script: str) -> None:
    """Run ``script`` against ``Archive(archive)`` in a child that SIGKILLs itself.

    No commit happens unless the script asks for it (no time-based group commit).
    """
    code = textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        from newsarchive.storage.archive import Archive
        from newsarchive.storage.index import ArchiveIndex
        ArchiveIndex.MERGE_AT = 8
        ArchiveIndex.COMPACT_AT = 2
        Archive.COMMIT_SECONDS = 3600.0

        def record(n, **over):
            base = {RECORD!r}
            base.update(id=f"{{n:016x}}", url=f"http://www.ailab.cn/robot/2024/1024/{{n}}.html",
                        title=f"t{{n}}", content_hash=f"{{n:064x}}")
            base.update(over)
            return base

        archive = Archive(Path({str(archive)!r}), fsync=False)
        """
    )
    code += textwrap.dedent(script) + "\nos.kill(os.getpid(), signal.SIGKILL)\n"
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == -signal.SIGKILL, proc.stderr


def add(archive: Archive, rec: dict[str, Any]) -> None:
    archive.store(rec, archive.decide(rec))


def test_kill_after_the_tail_is_committed_before_it_is_merged(tmp_path: Path) -> None:
    _killed_writer(
        tmp_path,
        """
        for n in range(5):
            archive.store(record(n), archive.decide(record(n)))
        archive.commit()
        """,
    )
    path = tmp_path / layout.INDEX_FILE
    assert query(path, "SELECT COUNT(*) FROM runs") == [(0,)]  # never merged
    with ArchiveIndex(path, readonly=True) as reader:  # status, export, a crawl's reader
        for n in range(5):
            assert reader.get(record(n)["id"]) is not None
    with Archive(tmp_path, fsync=False) as archive:
        assert archive.caught_up == 0  # the committed tail was not read again
        for n in range(5):
            assert archive.decide(record(n)).verdict is Verdict.UNCHANGED
    assert query(path, "SELECT COUNT(*) FROM runs") == [(1,)]  # merged at close
    with Archive(tmp_path, fsync=False) as archive:
        for n in range(5):
            assert archive.decide(record(n)).verdict is Verdict.UNCHANGED


def test_kill_with_uncommitted_writes_after_merges(tmp_path: Path) -> None:
    _killed_writer(
        tmp_path,
        """
        for n in range(30):  # merges and compactions, committed
            archive.store(record(n), archive.decide(record(n)))
        archive.commit()
        for n in range(30, 45):  # a merge inside the open transaction, never committed
            archive.store(record(n), archive.decide(record(n)))
        edited = record(3, content_hash="e" * 64)
        archive.store(edited, archive.decide(edited))
        """,
    )
    with Archive(tmp_path, fsync=False) as archive:
        assert archive.caught_up == 16  # the lines the index had not committed
        for n in range(45):
            expected = Verdict.REVISION if n == 3 else Verdict.UNCHANGED
            assert archive.decide(record(n)).verdict is expected, n
        edited = archive.index.get(record(3)["id"])
        assert edited is not None and edited.revision == 2
        assert archive.index.by_hash("e" * 64) == edited


def test_reindex_gives_the_same_answers_in_one_run(tmp_path: Path, small: None) -> None:
    with Archive(tmp_path, fsync=False) as archive:
        for n in range(40):
            add(archive, record(n))
        add(archive, record(1, content_hash="e" * 64))
        duplicate = record(99, content_hash=record(2)["content_hash"])
        archive.record_duplicate(duplicate, archive.decide(duplicate))
        archive.record_gone("http://www.ailab.cn/robot/gone.html", "no_article", "2024")
        before = sorted(archive.index.iter_entries(), key=lambda e: e.id)
    with Archive(tmp_path, fsync=False) as archive:
        assert archive.rebuild() == 43
        assert sorted(archive.index.iter_entries(), key=lambda e: e.id) == before
    path = tmp_path / layout.INDEX_FILE
    assert query(path, "SELECT COUNT(*) FROM runs") == [(1,)]
    with Archive(tmp_path, fsync=False) as archive:
        assert archive.decide(duplicate).verdict is Verdict.DUPLICATE_URL
        assert archive.index.gone("http://www.ailab.cn/robot/gone.html") == "no_article"
        for e in before:
            assert archive.index.by_url(e.url) == e
            assert archive.index.by_hash(e.content_hash) == e


def test_an_archive_with_the_previous_index_layout_is_reindexed(tmp_path: Path) -> None:
    with Archive(tmp_path, fsync=False) as archive:
        for n in range(3):
            add(archive, record(n))
    path = tmp_path / layout.INDEX_FILE
    for extra in ("", "-wal", "-shm"):
        Path(str(path) + extra).unlink(missing_ok=True)
    db = sqlite3.connect(path)
    db.executescript(
        "CREATE TABLE articles (id TEXT PRIMARY KEY, url TEXT NOT NULL, content_hash TEXT"
        " NOT NULL, published_at TEXT, path TEXT NOT NULL, revision INTEGER NOT NULL);"
        " CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER NOT NULL);"
    )
    db.close()
    with Archive(tmp_path, fsync=False) as archive:
        assert archive.caught_up == 3
        assert archive.decide(record(2)).verdict is Verdict.UNCHANGED


def test_an_index_of_another_layout_version_is_reindexed(tmp_path: Path) -> None:
    with Archive(tmp_path, fsync=False) as archive:
        for n in range(3):
            add(archive, record(n))
    path = tmp_path / layout.INDEX_FILE
    alter(
        path,
        "UPDATE meta SET value = '2' WHERE name = 'schema'",  # other key digests
        "UPDATE articles SET url_key = 0, hash_key = 0, id_key = 0",
    )
    with ArchiveIndex(path, readonly=True) as reader:  # plain queries, still right
        assert reader.legacy
        assert reader.by_url(record(1)["url"]) is not None
    with Archive(tmp_path, fsync=False) as archive:
        assert archive.caught_up == 3
        assert archive.decide(record(2)).verdict is Verdict.UNCHANGED


# --- against a model ----------------------------------------------------------------------------

_OPS = st.lists(
    st.one_of(
        st.tuples(st.just("put"), st.integers(0, 12), st.integers(1, 4)),
        st.tuples(st.just("alias"), st.integers(0, 12), st.integers(0, 12)),
        st.tuples(st.just("commit"), st.just(0), st.just(0)),
        st.tuples(st.just("reopen"), st.just(0), st.just(0)),
        st.tuples(st.just("crash"), st.just(0), st.just(0)),
    ),
    max_size=60,
)


@bounded(60)
@given(_OPS)
def test_index_agrees_with_a_dict_model(ops: list[tuple[str, int, int]]) -> None:
    """Random puts, aliases, commits, reopens and crashes (connections dropped without a
    commit), with a merge every 4 tail rows: what is committed is what the index answers."""
    saved = ArchiveIndex.MERGE_AT, ArchiveIndex.COMPACT_AT
    ArchiveIndex.MERGE_AT, ArchiveIndex.COMPACT_AT = 4, 2
    try:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / layout.INDEX_FILE
            committed: dict[str, Any] = {"entries": {}, "aliases": {}}
            working = json.loads(json.dumps(committed))
            index = ArchiveIndex(path)
            for op, a, b in ops:
                if op == "put":
                    e = entry(a, b)
                    begin(index)
                    index.put(e)
                    old = working["entries"].get(e.id)
                    if old is None or old[5] <= b:
                        working["entries"][e.id] = list(vars_of(e))
                elif op == "alias":
                    url = f"http://mirror/{a}"
                    begin(index)
                    added = index.add_alias(url, entry(b).id, "x")
                    assert added == (url not in working["aliases"])
                    working["aliases"].setdefault(url, entry(b).id)
                elif op == "commit":
                    index.commit()
                    committed = json.loads(json.dumps(working))
                elif op == "reopen":
                    index.close()
                    committed = json.loads(json.dumps(working))
                    index = ArchiveIndex(path)
                else:
                    index._db.close()  # what a kill leaves: the open transaction is lost
                    working = json.loads(json.dumps(committed))
                    index = ArchiveIndex(path)
                _check(index, working)
            index.close()
            with ArchiveIndex(path, readonly=True) as reader:
                _check(reader, working)
    finally:
        ArchiveIndex.MERGE_AT, ArchiveIndex.COMPACT_AT = saved


def begin(index: ArchiveIndex) -> None:
    """Open a transaction that only ``commit`` ends, as ``Archive`` does (group commit)."""
    index.batch().__enter__()


def _check(index: ArchiveIndex, model: dict[str, Any]) -> None:
    entries = {i: Entry(*row) for i, row in model["entries"].items()}
    for n in range(13):
        expected = entries.get(entry(n).id)
        assert index.get(entry(n).id) == expected
        assert index.by_url(entry(n).url) == expected
        for revision in range(1, 5):
            content = entry(n, revision).content_hash
            found = index.by_hash(content)
            assert found == (expected if expected and expected.content_hash == content else None)
        alias = model["aliases"].get(f"http://mirror/{n}")
        assert index.by_url(f"http://mirror/{n}") == (entries.get(alias) if alias else None)


def test_open_is_fast_with_a_full_tail(tmp_path: Path) -> None:
    """A crash can leave ``MERGE_AT`` rows in the tail: opening loads them all."""
    path = tmp_path / layout.INDEX_FILE
    index = ArchiveIndex(path)
    with index.transaction():
        for n in range(ArchiveIndex.MERGE_AT - 1):
            index.put(entry(n))
    index._db.close()  # killed before the merge at close
    assert query(path, "SELECT COUNT(*) FROM runs") == [(0,)]
    start = time.perf_counter()
    with ArchiveIndex(path) as index:
        opened = time.perf_counter() - start
        assert index.get(entry(5).id) == entry(5)
        assert index._tail_rows == ArchiveIndex.MERGE_AT - 1
    assert opened < 2.0  # generous: a busy test machine; about 0.1 s on an idle one


GONE_URL = "http://www.ailab.cn/robot/gone.html"


def test_gone_urls_are_dated_and_rebuilt_with_their_dates(tmp_path: Path) -> None:
    with Archive(tmp_path, fsync=False) as archive:
        archive.record_gone(GONE_URL, "http_404", "2026-01-01T00:00:00Z")
        assert archive.index.gone_seen(GONE_URL) == ("http_404", "2026-01-01T00:00:00Z")
        assert archive.index.gone_seen("http://www.ailab.cn/other.html") is None
    with Archive(tmp_path, fsync=False) as archive:
        archive.rebuild()
        assert archive.index.gone_seen(GONE_URL) == ("http_404", "2026-01-01T00:00:00Z")


def test_seeing_a_gone_url_again_renews_its_date_at_most_daily(tmp_path: Path) -> None:
    gone_file = tmp_path / layout.GONE_FILE
    with Archive(tmp_path, fsync=False) as archive:
        archive.record_gone(GONE_URL, "http_404", "2026-01-01T00:00:00Z")
        archive.record_gone(GONE_URL, "http_404", "2026-01-01T12:00:00Z")  # same day
        assert len(gone_file.read_text().splitlines()) == 1
        archive.record_gone(GONE_URL, "http_404", "2026-02-01T00:00:00Z")
        assert archive.index.gone_seen(GONE_URL) == ("http_404", "2026-02-01T00:00:00Z")
        archive.record_gone(GONE_URL, "http_410", "2026-02-01T01:00:00Z")  # new reason
        assert archive.index.gone_seen(GONE_URL) == ("http_410", "2026-02-01T01:00:00Z")
    assert len(gone_file.read_text().splitlines()) == 3


def test_an_index_with_undated_gone_urls_is_upgraded_in_place(tmp_path: Path) -> None:
    """Indexes written before gone URLs were dated: readers answer without a date, and
    the next writer adds the column without a rebuild."""
    with Archive(tmp_path, fsync=False) as archive:
        archive.record_gone(GONE_URL, "http_404", "2026-01-01T00:00:00Z")
        add(archive, record(1))
    path = tmp_path / layout.INDEX_FILE
    alter(
        path,
        "CREATE TABLE old_gone (url TEXT PRIMARY KEY, reason TEXT NOT NULL)",
        "INSERT INTO old_gone SELECT url, reason FROM gone",
        "DROP TABLE gone",
        "ALTER TABLE old_gone RENAME TO gone",
    )
    reader = ArchiveIndex(path, readonly=True)
    try:
        assert reader.gone_seen(GONE_URL) == ("http_404", None)
    finally:
        reader.close()
    with Archive(tmp_path, fsync=False) as archive:
        assert not archive.index.filter_rebuilt
        assert archive.index.gone_seen(GONE_URL) == ("http_404", None)
        assert archive.index.by_url(record(1)["url"]) is not None
        archive.record_gone(GONE_URL, "http_404", "2026-03-01T00:00:00Z")
        assert archive.index.gone_seen(GONE_URL) == ("http_404", "2026-03-01T00:00:00Z")


def test_fetch_times_through_tail_runs_reopen_and_readers(path: Path, small: None) -> None:
    """Each row keeps its revision's ``fetched_at`` (``Archive.decide`` tells an older
    fetch from news by it) wherever the row is: tail, run, after a reopen, for a reader."""

    def timed(n: int) -> Entry:
        return dataclasses.replace(entry(n), fetched_at=f"2024-10-25T00:00:{n:02d}Z")

    with ArchiveIndex(path) as index, index.transaction():
        for n in range(20):  # 16 merged into runs, 4 in the tail
            index.put(timed(n))
        assert [index.by_url(entry(n).url).fetched_at for n in (1, 19)] == [  # type: ignore[union-attr]
            "2024-10-25T00:00:01Z",
            "2024-10-25T00:00:19Z",
        ]
    for readonly in (False, True):
        reopened = ArchiveIndex(path, readonly=readonly)
        try:
            for n in range(20):
                found = reopened.by_url(entry(n).url)
                assert found is not None and found.fetched_at == timed(n).fetched_at
            assert {e.fetched_at for e in reopened.iter_entries()} == {
                timed(n).fetched_at for n in range(20)
            }
        finally:
            reopened.close()


def test_an_index_without_fetch_times_is_upgraded_in_place(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Indexes written before rows kept their fetch time and view observations were
    indexed: readers answer with the time unknown (and at full speed, not through the
    plain queries kept for older layouts); the next writer adds the column and the
    table without a rebuild, and reads the views file once, quietly."""
    with Archive(tmp_path, fsync=False) as archive:
        add(archive, record(1))
        observed = dict(record(1), fetched_at="2024-10-26T00:00:00Z", views=11)
        archive.observe(observed, archive.decide(observed))
    path = tmp_path / layout.INDEX_FILE
    alter(
        path,
        "ALTER TABLE articles DROP COLUMN fetched_at",
        "DROP TABLE observations",
        f"DELETE FROM files WHERE path = '{layout.VIEWS_FILE}'",
    )
    reader = ArchiveIndex(path, readonly=True)
    try:
        found = reader.by_url(record(1)["url"])
        assert found is not None and found.fetched_at is None and not reader.legacy
    finally:
        reader.close()
    with caplog.at_level("WARNING"), Archive(tmp_path, fsync=False) as archive:
        assert not archive.index.filter_rebuilt
        assert archive.caught_up == 0 and "behind" not in caplog.text
        assert archive.index.observed(record(1)["id"], "2024-10-26T00:00:00Z")
        stored = archive.index.by_url(record(1)["url"])
        assert stored is not None and stored.fetched_at is None
        # The time unknown, an earlier fetch is judged as before: by its content.
        earlier = dict(record(1), fetched_at="2000-01-01T00:00:00Z", content_hash="e" * 64)
        assert archive.decide(earlier).verdict is Verdict.REVISION


@pytest.mark.parametrize(
    "damage", [b"not a database " * 300, b"SQLite format 3\x00" + b"\xff" * 4000]
)
def test_an_unreadable_index_is_set_aside_and_rebuilt(
    tmp_path: Path, damage: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    """The index is derived from the files: a writer that cannot read it keeps it as
    ``index.sqlite3.corrupt-N`` and rebuilds it, instead of failing every crawl."""
    with Archive(tmp_path, fsync=False) as archive:
        for n in range(3):
            add(archive, record(n))
    path = tmp_path / layout.INDEX_FILE
    for n in (1, 2):
        path.write_bytes(damage)
        with caplog.at_level("WARNING"), Archive(tmp_path, fsync=False) as archive:
            assert archive.decide(record(1)).verdict is Verdict.UNCHANGED
            assert archive.index.count() == 3
        assert "unreadable" in caplog.text
        assert (tmp_path / f"{layout.INDEX_FILE}.corrupt-{n}").read_bytes() == damage


def test_close_frees_the_filter_without_the_garbage_collector(tmp_path: Path) -> None:
    """The index and its batch refer to each other, so the index object outlives
    ``close`` until a collection; its filter must not (the next open reuses its memory)."""
    import gc
    import tracemalloc

    path = tmp_path / "index.sqlite"
    fill(path, range(20_000))
    gc.disable()
    try:
        tracemalloc.start()
        index = ArchiveIndex(path)
        opened = tracemalloc.get_traced_memory()[0]
        index.close()
        closed = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
    finally:
        gc.enable()
    smallest = Filter(FILTER_MIN_KEYS).words
    assert opened - closed >= len(smallest) * smallest.itemsize
