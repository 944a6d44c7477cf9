"""Archive storage: append-only lines, month files, the dedup index and its aliases."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

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
        "sections": [{"heading": None, "paragraphs": ["正文"]}],
    }
    base.update(over)
    return base


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


def test_iter_records_ignores_torn_tail(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_bytes(b'{"a":1}\n{"a":2}\n{"a":')
    assert [r["a"] for _, r in jsonl.iter_records(path)] == [1, 2]


def test_archive_dedups_by_url_and_by_content(tmp_path: Path) -> None:
    with Archive(tmp_path, fsync=False) as archive:
        first = record(1)
        assert archive.decide(first).verdict is Verdict.NEW
        archive.store(first)
        assert archive.decide(record(1)).verdict is Verdict.DUPLICATE_URL
        mirror_copy = record(2, content_hash=first["content_hash"])
        decision = archive.decide(mirror_copy)
        assert decision.verdict is Verdict.DUPLICATE_CONTENT
        assert decision.existing is not None and decision.existing.id == first["id"]
        archive.record_duplicate(mirror_copy, decision)
        # The duplicate URL is now known as an alias of the kept article.
        assert archive.decide(mirror_copy).verdict is Verdict.DUPLICATE_URL
        assert archive.index.aliases_of(first["id"]) == [mirror_copy["url"]]
    stored = (tmp_path / "articles" / "2024" / "2024-10.jsonl").read_text(encoding="utf-8")
    assert [json.loads(x)["id"] for x in stored.splitlines()] == [first["id"]]


def test_index_persists_across_opens(tmp_path: Path) -> None:
    with Archive(tmp_path, fsync=False) as archive:
        archive.store(record(7))
    with ArchiveIndex(tmp_path / layout.INDEX_FILE) as index:
        entry = index.by_url(record(7)["url"])
        assert entry is not None
        assert entry.path == "articles/2024/2024-10.jsonl"
        assert index.count() == 1


@pytest.mark.parametrize("published", [None, "2023-01-05T00:00:00+08:00"])
def test_store_places_file(tmp_path: Path, published: str | None) -> None:
    with Archive(tmp_path, fsync=False) as archive:
        path = archive.store(record(3, published_at=published))
    assert path == layout.month_file(tmp_path, published)
