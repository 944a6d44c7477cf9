"""``newsarchive export``: order, latest revisions, filters, CSV safety, pipes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from newsarchive.export.csvrows import cell, columns, row
from tests.archive_factory import build, record
from tests.conftest import REPO, run_cli


def export(archive: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = run_cli("export", "--archive", str(archive), *args)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result


def jsonl(result: subprocess.CompletedProcess[str]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture()
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    build(
        root,
        [
            record(1, "2024-10-24T09:05:17+08:00"),
            record(2, None),
            record(3, "2023-01-02T08:00:00+08:00"),
            record(4, "2024-10-03T11:00:00+08:00"),
            record(5, None),
            # a revision whose date moved to another month: only it is the latest
            record(1, "2024-11-01T07:00:00+08:00", text="改"),
            # the same text under another URL: an alias, never exported
            record(6, "2024-10-05T00:00:00+08:00", content_hash=record(4, None)["content_hash"]),
        ],
    )
    return root


def test_latest_revisions_in_publish_order_undated_last(archive: Path) -> None:
    got = [(r["title"], r["revision"]) for r in jsonl(export(archive))]
    assert got == [("标题3", 1), ("标题4", 1), ("标题1", 2), ("标题2", 1), ("标题5", 1)]


def test_lines_are_the_stored_bytes(archive: Path) -> None:
    stored = {
        line
        for path in (archive / "articles").rglob("*.jsonl")
        for line in path.read_text(encoding="utf-8").splitlines()
    }
    assert set(export(archive).stdout.splitlines()) <= stored


def test_all_revisions(archive: Path) -> None:
    got = [(r["title"], r["revision"]) for r in jsonl(export(archive, "--all-revisions"))]
    assert got == [
        ("标题3", 1),
        ("标题4", 1),
        ("标题1", 1),
        ("标题1", 2),
        ("标题2", 1),
        ("标题5", 1),
    ]


def test_date_window_is_inclusive_and_drops_undated(archive: Path) -> None:
    got = jsonl(export(archive, "--since", "2024-10-03", "--until", "2024-10-31"))
    assert [r["title"] for r in got] == ["标题4"]
    got = jsonl(export(archive, "--all-revisions", "--until", "2024-10-24"))
    assert [r["title"] for r in got] == ["标题3", "标题4", "标题1"]


@pytest.mark.parametrize("damage", ["delete", "stale", "garbage"])
def test_index_missing_stale_or_broken_is_not_trusted(archive: Path, damage: str) -> None:
    expected = export(archive).stdout
    index = archive / "index.sqlite3"
    for extra in archive.glob("index.sqlite3-*"):
        extra.unlink()
    if damage == "delete":
        index.unlink()
    elif damage == "garbage":
        index.write_bytes(b"not a database" * 100)
    else:
        month = archive / "articles" / "2024" / "2024-12.jsonl"
        later = json.loads(expected.splitlines()[2])
        later.update(revision=3, supersedes=later["content_hash"], content_hash="f" * 64,
                     published_at="2024-12-01T00:00:00+08:00")  # fmt: skip
        month.write_text(json.dumps(later, ensure_ascii=False) + "\n", encoding="utf-8")
        got = [(r["title"], r["revision"]) for r in jsonl(export(archive))]
        assert got == [("标题3", 1), ("标题4", 1), ("标题1", 3), ("标题2", 1), ("标题5", 1)]
        return
    assert export(archive).stdout == expected


def test_csv_flattens_and_is_safe(tmp_path: Path) -> None:
    root = tmp_path / "a"
    build(root, [record(1, "2024-10-24T09:05:17+08:00", title='=HYPERLINK("http://x")')])
    result = export(root, "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == columns()
    got = dict(zip(rows[0], rows[1], strict=True))
    assert got["title"] == '\'=HYPERLINK("http://x")'
    assert got["sections"] == "正文1\n01\nb"
    assert got["keywords"] == "机器人;AI"
    assert json.loads(got["images"])[0]["caption"] == "图"
    assert json.loads(got["related"]) == [{"title": "相关", "url": "http://www.ailab.cn/x.html"}]
    assert got["original_title"] == "" and got["views"] == "1"


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_formula_starts_are_neutralised(text: str) -> None:
    assert cell("title", text) == "'" + text
    assert cell("keywords", [text, "b"]) == "'" + text + ";b"


def test_plain_cells_untouched() -> None:
    rec = record(7, "2024-01-01T00:00:00+08:00", summary="a-b")
    cells = dict(zip(columns(), row(rec, columns()), strict=True))
    assert cells["summary"] == "a-b" and cells["supersedes"] == ""


def test_broken_pipe_ends_quietly(tmp_path: Path) -> None:
    root = tmp_path / "big"
    build(root, [record(n, f"2024-{1 + n % 12:02d}-01T00:00:00+08:00", "长文" * 500)
                 for n in range(200)])  # fmt: skip
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsarchive.cli", "export", "--archive", str(root)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # like `| head -1`
    stderr = proc.stderr.read()
    assert proc.wait(timeout=60) == 0
    assert json.loads(first)["schema_version"] == 1
    assert stderr == b""


@pytest.mark.parametrize(
    "args",
    [
        ["--archive", "/nonexistent/archive"],
        ["--since", "yesterday"],
        ["--since", "2024-02-01", "--until", "2024-01-01"],
    ],
)
def test_usage_errors(tmp_path: Path, args: list[str]) -> None:
    result = run_cli("export", "--archive", str(tmp_path), *args)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
