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
    exported = export(archive).stdout.splitlines()
    assert len(exported) == 5 and set(exported) <= stored


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
    assert json.loads(got["keywords"]) == ["机器人", "AI"]
    assert json.loads(got["images"])[0]["caption"] == "图"
    assert json.loads(got["related"]) == [{"title": "相关", "url": "http://www.ailab.cn/x.html"}]
    assert got["original_title"] == "" and got["views"] == "1"


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_formula_starts_are_neutralised(text: str) -> None:
    assert cell("title", text) == "'" + text
    assert cell("summary", text) == "'" + text
    assert json.loads(cell("keywords", [text, "b"])) == [text, "b"]  # starts with [


def test_plain_cells_untouched() -> None:
    rec = record(7, "2024-01-01T00:00:00+08:00", summary="a-b")
    cells = dict(zip(columns(), row(rec, columns()), strict=True))
    assert cells["summary"] == "a-b" and cells["supersedes"] == ""


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_broken_pipe_ends_quietly(tmp_path: Path, fmt: str) -> None:
    root = tmp_path / "big"
    build(root, [record(n, f"2024-{1 + n % 12:02d}-01T00:00:00+08:00", "长文" * 500)
                 for n in range(200)])  # fmt: skip
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "newsarchive.cli",
            "export",
            "--archive",
            str(root),
            "--format",
            fmt,
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # like `| head -1`
    stderr = proc.stderr.read()
    assert proc.wait(timeout=60) == 0
    if fmt == "jsonl":
        assert json.loads(first)["schema_version"] == 1
    else:
        assert first.startswith(b"id,url,title,")
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


# --- damaged archives: what export emits, what it says, how it exits ---------------

MONTH = Path("articles/2024/2024-10.jsonl")
BOM = b"\xef\xbb\xbf"


def export_damaged(archive: Path, *args: str) -> tuple[int, list[dict[str, Any]], str]:
    """Exit code, the records (each JSON line parsed as strictly as jq, with no BOM
    allowed; CSV rows as dicts), stderr."""
    result = run_cli("export", "--archive", str(archive), *args)
    assert "Traceback" not in result.stderr, result.stderr
    if "csv" in args:
        records = list(csv.DictReader(io.StringIO(result.stdout)))
    else:
        records = [json.loads(line) for line in result.stdout.splitlines()]
    return result.returncode, records, result.stderr


def catch_up_index(archive: Path) -> None:
    """Open the archive as a crawl does: its index reads the damaged files, so export
    trusts the index rather than deriving one."""
    from newsarchive.storage.archive import Archive

    with Archive(archive, fsync=False):
        pass


def lines_of(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


@pytest.mark.parametrize("where", ["month", "undated"])
@pytest.mark.parametrize("index", ["derived", "current"])
@pytest.mark.parametrize("revisions", [[], ["--all-revisions"]])
def test_a_repeated_line_is_exported_once(
    archive: Path, where: str, index: str, revisions: list[str]
) -> None:
    expected = export(archive, *revisions).stdout
    path = archive / (MONTH if where == "month" else "articles/undated.jsonl")
    lines = lines_of(path)
    path.write_bytes(b"".join([*lines, *lines]))  # every line twice, apart
    if index == "current":
        catch_up_index(archive)
    assert export(archive, *revisions).stdout == expected


def test_a_line_with_a_byte_order_mark_is_not_exported(archive: Path) -> None:
    path = archive / MONTH
    lines = lines_of(path)
    title = json.loads(lines[-1])["title"]  # an article with one revision
    path.write_bytes(b"".join([*lines[:-1], BOM + lines[-1]]))
    for args in ([], ["--all-revisions"], ["--format", "csv", "--all-revisions"]):
        code, records, stderr = export_damaged(archive, *args)
        assert code == 1 and "skipped 1 damaged line (articles/2024/2024-10.jsonl)" in stderr
        assert records and title not in [r["title"] for r in records]


def test_export_and_verify_accept_the_same_lines() -> None:
    from newsarchive.verify.lines import LineError, decode_line

    good = json.dumps(record(1, None)).encode() + b"\n"
    assert decode_line(good)["id"] == record(1, None)["id"]
    for bad in (BOM + good, good[:-1], b"\xff" + good, b"[1]\n", b"{\n", "{}".encode("utf-16")):
        with pytest.raises(LineError):
            decode_line(bad)


def test_torn_last_line_warns_and_exits_0(archive: Path) -> None:
    expected = jsonl(export(archive))
    path = archive / MONTH
    with path.open("ab") as handle:
        handle.write(lines_of(path)[0][:40])  # a crash mid-append
    code, records, stderr = export_damaged(archive)
    assert (code, records) == (0, expected)
    assert stderr.startswith("newsarchive export: skipped 1 incomplete last line")
    assert "articles/2024/2024-10.jsonl" in stderr and len(stderr.splitlines()) == 1


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_damaged_line_inside_a_file_warns_and_exits_1(archive: Path, fmt: str) -> None:
    path = archive / MONTH
    lines = lines_of(path)
    path.write_bytes(b"".join([lines[0][:40] + b"\n", *lines[1:]]))  # cut short, kept
    undated = archive / "articles/undated.jsonl"
    with undated.open("ab") as handle:
        handle.write(b"\x00garbage\n")
    with (archive / "articles/2023/2023-01.jsonl").open("ab") as handle:
        handle.write(b'{"torn": ')
    result = run_cli("export", "--archive", str(archive), "--format", fmt)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr == (
        "newsarchive export: skipped 3 damaged lines (articles/2023/2023-01.jsonl,"
        " articles/2024/2024-10.jsonl, articles/undated.jsonl); run newsarchive verify\n"
    )
    if fmt == "jsonl":
        titles = [json.loads(line)["title"] for line in result.stdout.splitlines()]
        assert titles == ["标题3", "标题4", "标题1", "标题2", "标题5"]
    else:
        assert len(list(csv.reader(io.StringIO(result.stdout)))) == 6


def test_csv_keywords_split_back_exactly(tmp_path: Path) -> None:
    root = tmp_path / "a"
    words = ["机器人;AI", "=cmd", 'say "hi"', "a,b"]
    build(root, [record(1, "2024-10-24T09:05:17+08:00", keywords=words)])
    rows = list(csv.reader(io.StringIO(export(root, "--format", "csv").stdout)))
    got = dict(zip(rows[0], rows[1], strict=True))
    assert json.loads(got["keywords"]) == words


def test_readme_duckdb_globs_cover_every_article_file(archive: Path) -> None:
    """The README's DuckDB queries read every article file and nothing set aside.

    DuckDB's ``**`` matches zero or more directories, as pathlib's does, so pathlib
    stands in for DuckDB here (which is not a dependency)."""
    import re

    from newsarchive.storage import layout

    # an article whose latest revision lost its date: it lives in undated.jsonl
    build(archive, [record(4, None, text="改")])
    (archive / "articles/2024/2024-10.jsonl.corrupt").write_bytes(b'{"torn": \n')
    (archive / "articles/undated.jsonl.corrupt").write_bytes(b'{"torn": \n')
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    queries = re.findall(r"```sql\n(.*?)```", readme, flags=re.S)
    assert queries
    wanted = {layout.relative(archive, p) for p in layout.article_files(archive)}
    assert "articles/undated.jsonl" in wanted
    for query in queries:
        globs = re.findall(r"'archive/(articles/[^']*)'", query)
        assert globs, query
        got = {p.relative_to(archive).as_posix() for g in globs for p in archive.glob(g)}
        assert got == wanted, query


def test_the_archive_may_be_given_as_status_and_verify_take_it(archive: Path) -> None:
    named = run_cli("export", "--archive", str(archive))
    positional = run_cli("export", str(archive))
    assert positional.returncode == 0 and positional.stdout == named.stdout != ""
    twice = run_cli("export", str(archive), "--archive", str(archive.parent))
    assert twice.returncode == 2 and "give the archive once" in twice.stderr
