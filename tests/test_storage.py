"""Archive storage: append-only lines, month files, dedup, revisions and the index."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis_profiles import bounded

from newsarchive.storage import jsonl, layout
from newsarchive.storage.archive import Archive, Verdict
from newsarchive.storage.index import ArchiveIndex


def record(n: int, **over: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": f"{n:016x}",
        "url": f"http://www.ailab.cn/robot/2024/1024/{n}.html",
        "title": f"标题{n}",
        "published_at": "2024-10-24T09:05:17+08:00",
        "content_hash": f"{n:064x}",
        "views": 10,
        "fetched_at": "2024-10-25T00:00:00Z",
        "sections": [{"heading": None, "paragraphs": ["正文"]}],
    }
    base.update(over)
    return base


def add(archive: Archive, rec: dict[str, Any]) -> dict[str, Any]:
    return archive.store(rec, archive.decide(rec))


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def test_month_file_by_publish_month(tmp_path: Path) -> None:
    assert layout.month_file(tmp_path, "2024-03-08T10:00:00+08:00") == (
        tmp_path / "articles" / "2024" / "2024-03.jsonl"
    )
    assert layout.month_file(tmp_path, None) == tmp_path / "articles" / "undated.jsonl"
    # Text that is not a validated date never becomes a path component.
    assert layout.month_file(tmp_path, "../../etc/x") == tmp_path / "articles" / "undated.jsonl"


def test_append_writes_one_complete_utf8_line(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b.jsonl"
    jsonl.append(path, {"title": "重庆瞭望", "n": 1})
    jsonl.append(path, {"title": "第二", "n": 2})
    raw = path.read_bytes()
    assert raw.count(b"\n") == 2 and raw.endswith(b"\n")
    assert "重庆瞭望".encode() in raw  # not ASCII-escaped
    assert [r for _, r in jsonl.iter_records(path)] == [
        {"title": "重庆瞭望", "n": 1},
        {"title": "第二", "n": 2},
    ]


def test_appender_keeps_a_few_files_open_and_syncs_what_it_wrote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sizes, lines and syncs as ``append`` gives them, with at most ``max_open``
    descriptors: an evicted file is synced by path, an open one through its descriptor."""
    synced: list[object] = []
    monkeypatch.setattr(jsonl.os, "fsync", lambda fd: synced.append("fd"))
    monkeypatch.setattr(jsonl, "fsync_file", lambda path: synced.append(path.name))
    files = jsonl.Appender(max_open=2)
    paths = [tmp_path / "m" / f"{n}.jsonl" for n in range(3)]
    expected: dict[Path, int] = {}
    for n in range(12):
        path = paths[n % 3]
        end = files.append(path, {"n": n, "title": "重庆瞭望"})
        expected[path] = expected.get(path, 0) + len(jsonl.dumps({"n": n, "title": "重庆瞭望"}))
        assert end == expected[path] == path.stat().st_size
        assert len(files._fds) <= 2
    files.sync()
    assert sorted(map(str, synced)) == sorted(["0.jsonl", "fd", "fd"])  # 0 was evicted last
    synced.clear()
    files.sync()
    assert synced == []  # nothing written since
    files.close()
    assert files._fds == {}
    assert [r["n"] for _, r in jsonl.iter_records(paths[1])] == [1, 4, 7, 10]


def test_iter_records_ignores_torn_tail(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_bytes(b'{"a":1}\n{"a":2}\n{"a":')
    assert [r["a"] for _, r in jsonl.iter_records(path)] == [1, 2]


def test_archive_dedups_by_url_and_by_content(tmp_path: Path) -> None:
    with Archive(tmp_path, fsync=False) as archive:
        first = record(1)
        assert archive.decide(first).verdict is Verdict.NEW
        stored = add(archive, first)
        assert (stored["revision"], stored["supersedes"]) == (1, None)
        assert archive.decide(record(1)).verdict is Verdict.UNCHANGED
        mirror_copy = record(2, content_hash=first["content_hash"])
        decision = archive.decide(mirror_copy)
        assert decision.verdict is Verdict.DUPLICATE_CONTENT
        assert decision.existing is not None and decision.existing.id == first["id"]
        archive.record_duplicate(mirror_copy, decision)
        # The duplicate URL is now known as an alias of the kept article.
        assert archive.decide(mirror_copy).verdict is Verdict.DUPLICATE_URL
        assert archive.index.aliases_of(first["id"]) == [mirror_copy["url"]]
    stored_lines = lines(tmp_path / "articles" / "2024" / "2024-10.jsonl")
    assert [x["id"] for x in stored_lines] == [first["id"]]
    assert lines(tmp_path / "aliases.jsonl")[0]["article_id"] == first["id"]


def test_changed_content_is_a_new_revision(tmp_path: Path) -> None:
    with Archive(tmp_path, fsync=False) as archive:
        add(archive, record(1))
        edited = record(1, content_hash="e" * 64)
        assert archive.decide(edited).verdict is Verdict.REVISION
        stored = add(archive, edited)
        assert (stored["revision"], stored["supersedes"]) == (2, record(1)["content_hash"])
        again = record(1, content_hash="f" * 64)
        assert add(archive, again)["revision"] == 3
    history = lines(tmp_path / "articles" / "2024" / "2024-10.jsonl")
    assert [r["revision"] for r in history] == [1, 2, 3]
    assert {r["id"] for r in history} == {record(1)["id"]}


def test_an_edited_title_over_the_same_body_is_a_new_revision(tmp_path: Path) -> None:
    """Headlines are edited more often than bodies; the body's hash alone would call the
    re-fetch unchanged. Found from the index alone, merged or not, after a reopen too."""
    with Archive(tmp_path, fsync=False) as archive:
        add(archive, record(1))
        retitled = record(1, title="标题1（更新）", fetched_at="2024-10-26T00:00:00Z")
        assert archive.decide(retitled).verdict is Verdict.REVISION
        stored = add(archive, retitled)
        assert (stored["revision"], stored["supersedes"]) == (2, record(1)["content_hash"])
        assert archive.decide(retitled).verdict is Verdict.UNCHANGED
        archive.index.compact()  # the row now read through a merged run
        restored = record(1, fetched_at="2024-10-27T00:00:00Z")  # the old title, later
        assert archive.decide(restored).verdict is Verdict.REVISION
    with Archive(tmp_path, fsync=False) as archive:
        assert archive.decide(retitled).verdict is Verdict.UNCHANGED
        assert archive.decide(restored).verdict is Verdict.REVISION
    history = lines(tmp_path / "articles" / "2024" / "2024-10.jsonl")
    assert [(r["revision"], r["title"]) for r in history] == [(1, "标题1"), (2, "标题1（更新）")]


def test_an_index_without_title_keys_is_rebuilt_with_them(tmp_path: Path) -> None:
    """An index written before titles were kept is of another layout: a reader answers
    from it as it is (titles unknown, so no title-only revisions), the next writer
    rebuilds it from the files, titles included."""
    import sqlite3

    with Archive(tmp_path, fsync=False) as archive:
        add(archive, record(1))
    db = sqlite3.connect(tmp_path / layout.INDEX_FILE)
    db.execute("ALTER TABLE articles DROP COLUMN title_key")
    db.execute("UPDATE meta SET value = '3' WHERE name = 'schema'")
    db.commit()
    db.close()
    with ArchiveIndex(tmp_path / layout.INDEX_FILE, readonly=True) as reader:
        old = reader.by_url(record(1)["url"])
        assert old is not None and old.title_key is None
        assert [e.title_key for e in reader.iter_entries()] == [None]
    with Archive(tmp_path, fsync=False) as archive:
        assert archive.decide(record(1)).verdict is Verdict.UNCHANGED
        assert archive.decide(record(1, title="新标题")).verdict is Verdict.REVISION


def test_unchanged_refetch_keeps_only_a_view_observation(tmp_path: Path) -> None:
    with Archive(tmp_path, fsync=False) as archive:
        add(archive, record(1))
        refetch = record(1, views=99, fetched_at="2024-10-26T00:00:00Z")
        decision = archive.decide(refetch)
        assert decision.verdict is Verdict.UNCHANGED
        archive.observe(refetch, decision)
    assert len(lines(tmp_path / "articles" / "2024" / "2024-10.jsonl")) == 1
    observation = lines(tmp_path / "views.jsonl")
    assert observation == [
        {
            "id": record(1)["id"],
            "url": record(1)["url"],
            "revision": 1,
            "views": 99,
            "observed_at": "2024-10-26T00:00:00Z",
        }
    ]


def test_index_persists_across_opens(tmp_path: Path) -> None:
    with Archive(tmp_path, fsync=False) as archive:
        add(archive, record(7))
    with ArchiveIndex(tmp_path / layout.INDEX_FILE) as index:
        entry = index.by_url(record(7)["url"])
        assert entry is not None
        assert entry.path == "articles/2024/2024-10.jsonl"
        assert index.count() == 1


def test_lagging_index_is_caught_up_on_open(tmp_path: Path) -> None:
    with Archive(tmp_path, fsync=False) as archive:
        add(archive, record(1))
    # A crash between the append and the index update: the line is there, the index not.
    jsonl.append(layout.month_file(tmp_path, record(2)["published_at"]), record(2))
    with Archive(tmp_path, fsync=False) as archive:
        assert archive.caught_up == 1
        assert archive.decide(record(2)).verdict is Verdict.UNCHANGED


def test_torn_tail_is_set_aside_then_appends_stay_whole(tmp_path: Path) -> None:
    with Archive(tmp_path, fsync=False) as archive:
        add(archive, record(1))
    path = layout.month_file(tmp_path, record(1)["published_at"])
    with path.open("ab") as handle:
        handle.write(b'{"id":"torn","ti')
    with Archive(tmp_path, fsync=False) as archive:
        assert archive.repaired == 1
        add(archive, record(3))
    assert [r["id"] for r in lines(path)] == [record(1)["id"], record(3)["id"]]
    corrupt = path.with_name(path.name + ".corrupt")
    assert corrupt.read_bytes() == b'{"id":"torn","ti\n'


def test_rebuild_from_files_gives_the_same_index(tmp_path: Path) -> None:
    with Archive(tmp_path, fsync=False) as archive:
        add(archive, record(1))
        add(archive, record(1, content_hash="e" * 64))
        dup = record(2, content_hash="e" * 64)
        archive.record_duplicate(dup, archive.decide(dup))
        before = list(archive.index.iter_entries()), archive.index.aliases_of(record(1)["id"])
    (tmp_path / layout.INDEX_FILE).unlink()
    for extra in ("-wal", "-shm"):
        (tmp_path / (layout.INDEX_FILE + extra)).unlink(missing_ok=True)
    with Archive(tmp_path, fsync=False) as archive:
        after = list(archive.index.iter_entries()), archive.index.aliases_of(record(1)["id"])
    assert after == before
    assert after[0][0].revision == 2


@pytest.mark.parametrize("published", [None, "2023-01-05T00:00:00+08:00"])
def test_store_places_file(tmp_path: Path, published: str | None) -> None:
    with Archive(tmp_path, fsync=False) as archive:
        rec = record(3, published_at=published)
        add(archive, rec)
    assert lines(layout.month_file(tmp_path, published))[0]["id"] == rec["id"]


def _reference_line(record: Any) -> bytes:
    text = json.dumps(record, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return text.encode("utf-8") + b"\n"


_json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**64 - 1)
    | st.text(st.characters(exclude_categories=["Cs"])),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@bounded(300)
@given(st.dictionaries(st.text(max_size=8), _json_values, max_size=6))
def test_lines_are_the_json_modules_bytes(record: dict[str, Any]) -> None:
    assert jsonl.dumps(record) == _reference_line(record)


@pytest.mark.parametrize(
    "record",
    [
        {"views": 2**70},  # beyond 64 bits: orjson refuses, json encodes
        {1: "non-str key"},
        {"control": "".join(map(chr, range(32))) + "\u2028\u2029\x7f"},
    ],
)
def test_what_orjson_refuses_is_encoded_as_before(record: dict[Any, Any]) -> None:
    assert jsonl.dumps(record) == _reference_line(record)


def test_what_json_refuses_is_still_refused() -> None:
    with pytest.raises(UnicodeEncodeError):
        jsonl.dumps({"s": "\ud800"})
    with pytest.raises(TypeError):
        jsonl.dumps({"when": datetime.now(UTC)})


def test_append_makes_missing_folders(tmp_path: Path) -> None:
    path = tmp_path / "articles" / "2024" / "2024-10.jsonl"
    size = jsonl.append(path, {"id": "a"}, fsync=False)
    assert path.read_bytes() == b'{"id":"a"}\n' and size == path.stat().st_size
    assert jsonl.append(path, {"id": "b"}, fsync=False) == path.stat().st_size


@pytest.mark.parametrize(
    ("published_at", "relative"),
    [
        (None, "articles/undated.jsonl"),
        ("", "articles/undated.jsonl"),
        ("2024-10-24T09:30:00+08:00", "articles/2024/2024-10.jsonl"),
        ("1999-01-01T00:00:00Z", "articles/1999/1999-01.jsonl"),
        ("2024-10-24", "articles/undated.jsonl"),
        ("../../etc/passwd", "articles/undated.jsonl"),
    ],
)
def test_month_files(tmp_path: Path, published_at: str | None, relative: str) -> None:
    assert layout.month_relative(published_at) == relative
    path = layout.month_file(tmp_path, published_at)
    assert path == tmp_path / relative and layout.relative(tmp_path, path) == relative


def test_a_record_fetched_before_the_stored_revision_is_older(tmp_path: Path) -> None:
    """A revision chain only grows forward: an earlier fetch (a reparse of old WARC
    files, a page replayed from a cache) does not become a revision after a later one,
    whatever it holds. A fetch at the same moment is compared by content as always (a
    reparse with a changed parser); a later one too."""
    with Archive(tmp_path, fsync=False) as archive:
        add(archive, record(1))
        edited = {"content_hash": "e" * 64}
        earlier = record(1, fetched_at="2024-10-24T23:59:59Z", **edited)
        assert archive.decide(earlier).verdict is Verdict.OLDER
        assert archive.decide(record(1, fetched_at="2024-10-24T23:59:59Z")).verdict is (
            Verdict.OLDER
        )
        same_fetch = record(1, **edited)
        assert archive.decide(same_fetch).verdict is Verdict.REVISION
        assert archive.decide(record(1)).verdict is Verdict.UNCHANGED
        later = record(1, fetched_at="2024-10-26T00:00:00Z", **edited)
        assert archive.decide(later).verdict is Verdict.REVISION
        add(archive, later)
        assert archive.decide(same_fetch).verdict is Verdict.OLDER
        # The same moment written another way is the same moment.
        offset = record(1, fetched_at="2024-10-26T08:00:00+08:00", **edited)
        assert archive.decide(offset).verdict is Verdict.UNCHANGED
        unreadable = record(1, fetched_at="yesterday", content_hash="f" * 64)
        assert archive.decide(unreadable).verdict is Verdict.REVISION


def test_view_counts_are_observed_once_per_fetch(tmp_path: Path) -> None:
    """Not for the fetch that gave the stored revision (its line has that count), and
    not twice for one fetch: across reopens and a rebuilt index too."""
    views = tmp_path / layout.VIEWS_FILE

    def observe(archive: Archive, fetched_at: str, count: int) -> None:
        seen = record(1, fetched_at=fetched_at, views=count)
        decision = archive.decide(seen)
        assert decision.verdict is Verdict.UNCHANGED
        archive.observe(seen, decision)

    with Archive(tmp_path, fsync=False) as archive:
        add(archive, record(1))
        observe(archive, record(1)["fetched_at"], 10)
        assert not views.exists()
        observe(archive, "2024-10-26T00:00:00Z", 11)
        observe(archive, "2024-10-26T00:00:00Z", 11)
    with Archive(tmp_path, fsync=False) as archive:
        observe(archive, "2024-10-26T00:00:00Z", 11)
        archive.rebuild()
        observe(archive, "2024-10-26T00:00:00Z", 11)
        observe(archive, "2024-10-27T00:00:00Z", 12)
    assert [(v["observed_at"], v["views"]) for v in lines(views)] == [
        ("2024-10-26T00:00:00Z", 11),
        ("2024-10-27T00:00:00Z", 12),
    ]


def test_rebuild_does_not_call_its_own_reading_a_lagging_index(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with Archive(tmp_path, fsync=False) as archive:
        add(archive, record(1))
    with caplog.at_level("WARNING"), Archive(tmp_path, fsync=False) as archive:
        assert archive.rebuild() == 1
    assert "behind" not in caplog.text
