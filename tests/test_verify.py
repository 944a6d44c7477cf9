"""``newsarchive verify``: clean archives pass; every kind of damage is named, by line."""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from newsarchive.storage.archive import Archive
from tests.archive_factory import build, record
from tests.conftest import run_cli


@pytest.fixture()
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    build(
        root,
        [
            record(1, "2024-10-24T09:05:17+08:00"),
            record(2, None),
            record(1, "2024-10-24T09:05:17+08:00", text="改"),
            record(1, "2024-10-24T09:05:17+08:00", text="再改"),
            record(3, "2024-10-03T11:00:00+08:00", content_hash=record(2, None)["content_hash"]),
        ],
    )
    return root


def month(archive: Path) -> Path:
    return archive / "articles" / "2024" / "2024-10.jsonl"


def verify(*args: str) -> tuple[int, list[str]]:
    result = run_cli("verify", *args)
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, result.stdout.splitlines()


def problems(archive: Path) -> list[str]:
    code, out = verify(str(archive))
    assert code == 1, out
    assert out[-1].startswith("verify: ")
    return out[:-1]


def rewrite_line(path: Path, number: int, change: dict[str, object]) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    record_ = json.loads(lines[number - 1])
    record_.update(change)
    lines[number - 1] = json.dumps(record_, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_clean_archive(archive: Path) -> None:
    code, out = verify(str(archive))
    assert code == 0 and out == ["verify ok: 4 lines in 2 files, 2 articles"]
    assert verify("--archive", str(archive))[0] == 0


def test_an_archive_a_crawl_is_writing_is_not_verified(archive: Path) -> None:
    """Lines a running crawl has appended and not yet indexed would read as problems:
    verify says the crawl is running and exits 75, as for any locked archive."""
    from newsarchive.storage.lock import ArchiveLock

    lock = ArchiveLock(archive)
    lock.acquire()
    try:
        result = run_cli("verify", str(archive))
    finally:
        lock.release()
    assert result.returncode == 75 and result.stdout == ""
    assert result.stderr.startswith("newsarchive verify: a crawl is running (pid ")
    assert result.stderr.count("\n") == 1
    assert verify(str(archive))[0] == 0


def test_torn_line(archive: Path) -> None:
    with month(archive).open("ab") as handle:
        handle.write(b'{"id": "abc"')
    assert problems(archive) == [
        "articles/2024/2024-10.jsonl:4: torn line (no newline at the end of the file)"
    ]
    assert verify(str(archive))[1][-1].startswith("verify: 1 problem; 4 lines in 2 files")


def test_bad_utf8_and_not_json(archive: Path) -> None:
    with month(archive).open("ab") as handle:
        handle.write(b'{"title": "\xff\xfe"}\n[1, 2]\nnot json\n')
    got = problems(archive)
    assert got[0] == "articles/2024/2024-10.jsonl:4: not UTF-8 (byte 11)"
    assert got[1] == "articles/2024/2024-10.jsonl:5: not a JSON object (list)"
    assert got[2].startswith("articles/2024/2024-10.jsonl:6: not JSON")
    assert len(got) == 3


def test_wrong_types_named_by_field(archive: Path) -> None:
    rewrite_line(month(archive), 1, {"views": "many", "sections": [{"heading": 1}]})
    got = problems(archive)
    assert "articles/2024/2024-10.jsonl:1: views: 'many' is not of type 'integer', 'null'" in got
    assert any(p.startswith("articles/2024/2024-10.jsonl:1: sections[0]") for p in got)


def test_revision_gap_and_wrong_supersedes(archive: Path) -> None:
    rewrite_line(month(archive), 3, {"revision": 4})
    rewrite_line(month(archive), 2, {"supersedes": "0" * 64})
    got = problems(archive)
    assert any(":2: " in p and "supersedes 000" in p for p in got)
    assert any(":3: " in p and "revision 4 follows 2 (gap)" in p for p in got)


def test_first_revision_must_be_one_and_url_constant(archive: Path) -> None:
    rewrite_line(month(archive), 1, {"revision": 2, "supersedes": None})
    rewrite_line(month(archive), 3, {"url": "http://www.ailab.cn/other.html"})
    got = problems(archive)
    assert any(":1: " in p and "first revision stored is 2" in p for p in got)
    assert any(":3: " in p and "url http://www.ailab.cn/other.html differs" in p for p in got)
    assert any(":3: " in p and "is not the id of its url" in p for p in got)


def test_line_in_the_wrong_month_file(archive: Path) -> None:
    rewrite_line(month(archive), 1, {"published_at": "2023-01-01T00:00:00+08:00"})
    assert any("belongs in articles/2023/2023-01.jsonl" in p for p in problems(archive))


def test_index_behind_the_files(archive: Path) -> None:
    extra = record(9, "2024-10-09T00:00:00+08:00", text="新")
    extra.update(revision=1, supersedes=None)
    with month(archive).open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(extra, ensure_ascii=False) + "\n")
    assert problems(archive) == [
        f"articles/2024/2024-10.jsonl:4: {extra['id']} is not in the index"
    ]


def test_index_entry_without_a_line_and_stale_revision(archive: Path) -> None:
    db = sqlite3.connect(archive / "index.sqlite3")
    db.execute(
        "INSERT INTO articles (id, url, content_hash, published_at, path, revision)"
        " VALUES ('feedfeedfeedfeed', 'http://x/', ?, NULL, 'x.jsonl', 1)",
        ("a" * 64,),
    )
    db.execute("UPDATE articles SET revision = 2 WHERE revision = 3")
    db.execute(
        "INSERT INTO aliases (url, article_id, reason)"
        " VALUES ('http://x/alias', 'deaddeaddeaddead', 'duplicate_url')"
    )
    db.commit()
    db.close()
    got = problems(archive)
    assert "index.sqlite3: feedfeedfeedfeed is indexed (in x.jsonl) but no line holds it" in got
    assert any(":3: " in p and "index has revision 2" in p for p in got)
    assert (
        "index.sqlite3: alias http://x/alias points to deaddeaddeaddead, which no line holds" in got
    )


def test_index_with_another_title_for_the_latest_revision(archive: Path) -> None:
    """The index keeps the latest revision's title digest, which decides whether a
    re-fetch is a new revision: one that disagrees with the line is named."""
    rewrite_line(month(archive), 3, {"title": "改过的标题"})  # id 1's latest revision
    got = problems(archive)
    assert got == [
        f"articles/2024/2024-10.jsonl:3: {record(1, None)['id']}: the index has"
        " another title for revision 3"
    ]


def test_an_index_of_the_older_layout_is_compared_without_titles(archive: Path) -> None:
    db = sqlite3.connect(archive / "index.sqlite3")
    db.execute("ALTER TABLE articles DROP COLUMN title_key")
    db.commit()
    db.close()
    code, out = verify(str(archive))
    assert code == 0, out


def test_alias_line_to_a_missing_article(archive: Path) -> None:
    with (archive / "aliases.jsonl").open("a", encoding="utf-8") as handle:
        handle.write('{"url": "http://y/", "article_id": "0123456789abcdef", "reason": "x"}\n')
        handle.write('{"url": 5}\n')
    got = problems(archive)
    assert "aliases.jsonl:2: alias http://y/ points to 0123456789abcdef, which no line holds" in got
    assert "aliases.jsonl:3: an alias needs string url and article_id" in got


def test_damaged_side_files(archive: Path) -> None:
    """Gone URLs and view observations feed the index and run records feed ``status``:
    each skips a line it cannot use, so verify names it."""
    good = {
        "gone.jsonl": '{"url": "http://y/", "reason": "http_404",'
        ' "seen_at": "2026-01-01T00:00:00Z"}',
        "views.jsonl": '{"id": "0123456789abcdef", "url": "http://y/", "revision": 1,'
        ' "views": 5, "observed_at": "2026-01-01T00:00:00Z"}',
        "runs.jsonl": '{"run_id": "r1", "exit_code": 0, "pages": 3}',
    }
    for name, line in good.items():
        (archive / name).write_bytes(f"{line}\n".encode() + b"\x00\xff garbage\n[1, 2]\n{}\n")
    got = problems(archive)
    for name, fields in [
        ("gone.jsonl", "url, reason"),
        ("views.jsonl", "id, observed_at, views"),
        ("runs.jsonl", "run_id, exit_code"),
    ]:
        assert not any(p.startswith(f"{name}:1:") for p in got)
        assert f"{name}:2: not UTF-8 (byte 1)" in got
        assert f"{name}:3: not a JSON object (list)" in got
        assert f"{name}:4: missing or mistyped: {fields}" in got


@pytest.mark.parametrize("damage", ["missing", "garbage", "empty"])
def test_unusable_index_is_a_problem_not_a_crash(archive: Path, damage: str) -> None:
    index = archive / "index.sqlite3"
    for extra in archive.glob("index.sqlite3-*"):
        extra.unlink()
    if damage == "missing":
        index.unlink()
    elif damage == "garbage":
        index.write_bytes(os.urandom(5000))
    else:
        index.write_bytes(b"")
    got = problems(archive)
    assert len(got) == 1 and got[0].startswith("index.sqlite3: ")


def test_random_damage_never_crashes(archive: Path, tmp_path: Path) -> None:
    rng = random.Random(4)
    original = month(archive).read_bytes()
    for trial in range(15):
        copy = tmp_path / f"copy{trial}"
        shutil.copytree(archive, copy)
        data = bytearray(original)
        for _ in range(rng.randint(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        month(copy).write_bytes(bytes(data[: rng.randrange(len(data) + 1)]))
        code, out = verify(str(copy))
        assert code in (0, 1) and out[-1].startswith(("verify: ", "verify ok"))


def test_crawled_archive_after_reindex_is_clean(archive: Path) -> None:
    with Archive(archive) as opened:
        opened.rebuild()
    assert verify(str(archive))[0] == 0


def test_usage(tmp_path: Path) -> None:
    for args in ([], [str(tmp_path / "none")]):
        result = run_cli("verify", *args)
        assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
