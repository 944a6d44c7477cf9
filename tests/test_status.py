"""``newsarchive status`` on archives without runs and after a failed run."""

from __future__ import annotations

import json
from pathlib import Path

from tests.archive_factory import build, record
from tests.conftest import run_cli


def test_an_archive_without_runs_says_so(tmp_path: Path) -> None:
    archive = tmp_path / "a"
    build(archive, [record(1, "2024-10-24T09:05:17+08:00")])
    result = run_cli("status", str(archive))
    assert result.returncode == 0, result.stderr
    assert "1 article (1 stored version)" in result.stdout
    assert "last successful crawl: never" in result.stdout
    assert "no crawls recorded yet" in result.stdout
    assert "start" not in result.stdout  # no empty table


def test_a_failed_last_run_names_the_rule_that_failed(tmp_path: Path) -> None:
    archive = tmp_path / "a"
    build(archive, [record(1, "2024-10-24T09:05:17+08:00")])
    runs = [
        {"start": "2026-11-26T05:00:00Z", "end": "2026-11-26T05:01:00Z", "exit_code": 0,
         "pages": 56, "new": 36, "finish_reason": "finished"},
        {"start": "2026-11-27T05:00:00Z", "end": "2026-11-27T05:00:09Z", "exit_code": 1,
         "pages": 0, "finish_reason": "finished", "exit_reason": "nothing fetched",
         "errors_by_type": {"ConnectionRefusedError": 4}, "invalid_by_field": {},
         "failed_by_reason": {"http_404": 1, "ConnectionRefusedError": 4},
         "field_coverage": {"source": 0.5, "views": None}},
    ]  # fmt: skip
    (archive / "runs.jsonl").write_text("".join(json.dumps(r) + "\n" for r in runs))
    out = run_cli("status", str(archive)).stdout
    assert "last 2 of 2 runs:" in out and "last successful crawl: 2026-11-26T05:01:00Z" in out
    assert out.endswith(
        "last run failed (exit 1: nothing fetched)\n"
        "  requests given up: ConnectionRefusedError 4, http_404 1\n"
        "  errors met: ConnectionRefusedError 4\n"
        "  fields found: source 50%\n"
    )


def test_a_running_crawl_and_an_index_behind_the_files_are_said(tmp_path: Path) -> None:
    from newsarchive.storage.lock import ArchiveLock

    archive = tmp_path / "a"
    build(archive, [record(1, "2024-10-24T09:05:17+08:00")])
    quiet = run_cli("status", str(archive)).stdout
    assert "a crawl is running" not in quiet and "fall short" not in quiet
    lock = ArchiveLock(archive)
    lock.acquire()
    try:
        held = run_cli("status", str(archive)).stdout
    finally:
        lock.release()
    assert "a crawl is running: pid " in held
    month = next((archive / "articles").rglob("*.jsonl"))
    line = month.read_text(encoding="utf-8").splitlines()[0]
    one_more = json.loads(line) | {
        "id": "ffffffffffffffff",
        "url": "http://www.ailab.cn/x/2024/1024/9.html",
    }
    with month.open("a", encoding="utf-8") as handle:  # written, not yet indexed
        handle.write(json.dumps(one_more, ensure_ascii=False) + "\n")
    lagging = run_cli("status", str(archive)).stdout
    assert "1 article (" in lagging and "these totals fall short" in lagging


def test_runs_must_be_one_or_more(tmp_path: Path) -> None:
    for value in ("0", "-1", "x"):
        result = run_cli("status", str(tmp_path), "--runs", value)
        assert result.returncode == 2 and "not a number of runs" in result.stderr
