"""WARC files of real crawls of the loopback mirror, and records re-derived from them."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from newsarchive.warc.files import warc_files
from tests.conftest import REPO, read_archive, run_cli
from tests.warc_helpers import member_offsets, records, warcio_cli

pytestmark = pytest.mark.integration


def crawl(archive: Path, url: str, *extra: str) -> subprocess.CompletedProcess[str]:
    result = run_cli("crawl", "--base-url", url, "--archive", str(archive), "--no-throttle", *extra)
    assert result.returncode == 0, result.stderr[-2000:]
    return result


def reparse(*args: str) -> subprocess.CompletedProcess[str]:
    result = run_cli("reparse", *args)
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    return result


def lines(path: Path, drop: str | None = None) -> list[dict[str, Any]]:
    """A side file's lines minus ``drop``, in a fixed order: a crawl appends them as
    pages finish extraction, an order its concurrency decides (reparse: WARC order)."""
    if not path.is_file():
        return []
    out = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    for item in out:
        if drop is not None:
            item.pop(drop, None)
    return sorted(out, key=lambda item: json.dumps(item, sort_keys=True))


def comparable(archive: Path) -> dict[str, Any]:
    """Everything a crawl derives from pages, with its fetch times (the responses'
    ``WARC-Date``s), which also date the aliases."""
    articles = read_archive(archive)
    return {
        "articles": sorted(articles, key=lambda r: (r["id"], r["revision"])),
        "aliases": lines(archive / "aliases.jsonl"),
        "views": lines(archive / "views.jsonl"),
    }


@pytest.fixture(scope="module")
def crawled(mirror_url: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    archive = tmp_path_factory.mktemp("crawled")
    crawl(archive, mirror_url, "--log-level", "WARNING")
    return archive


def test_warc_files_pass_warcio_check_and_index(crawled: Path) -> None:
    files = warc_files(crawled / "warc")
    assert files and not [p for p in files if p.name.endswith(".open")]
    check = warcio_cli("check", *map(str, files))
    assert check.returncode == 0, check.stdout + check.stderr
    index = warcio_cli("index", "-f", "warc-type,warc-target-uri", *map(str, files))
    assert index.returncode == 0, index.stderr
    entries = [json.loads(x) for x in index.stdout.splitlines()]
    assert entries[0]["warc-type"] == "warcinfo"
    uris = {e.get("warc-target-uri", "") for e in entries}
    assert any(u.endswith("/robots.txt") for u in uris)
    assert any("/plus/count.php" in u for u in uris)
    assert any(u.endswith("/robot/list_8_1.html") for u in uris)
    assert any(u.endswith("/robot/2024/1024/452817.html") for u in uris)


def test_every_response_has_its_request_and_the_run_pages_match(crawled: Path) -> None:
    got = [r for path in warc_files(crawled / "warc") for r in records(path)]
    responses = {r["warc"]["WARC-Record-ID"] for r in got if r["type"] in ("response", "revisit")}
    concurrent = [r["warc"]["WARC-Concurrent-To"] for r in got if r["type"] == "request"]
    assert sorted(concurrent) == sorted(responses)
    run = json.loads((crawled / "runs.jsonl").read_text().splitlines()[0])
    assert len(responses) == run["pages"]
    for record in got:
        if record["type"] == "response":
            http = dict(record["http"])
            assert http["Content-Length"] == str(len(record["payload"]))
            assert "Transfer-Encoding" not in http


def test_reparse_gives_the_records_the_crawl_gave(crawled: Path, tmp_path: Path) -> None:
    result = reparse("--warc", str(crawled / "warc"), "--archive", str(tmp_path))
    assert result.stdout.startswith("reparse: ")
    assert comparable(tmp_path) == comparable(crawled)
    assert comparable(tmp_path)["articles"]


def test_reparse_in_one_process_gives_the_same(crawled: Path, tmp_path: Path) -> None:
    reparse("--warc", str(crawled / "warc"), "--archive", str(tmp_path), "--jobs", "1")
    assert comparable(tmp_path) == comparable(crawled)


def test_reparse_defaults_to_the_archive_own_warc(crawled: Path, tmp_path: Path) -> None:
    shutil.copytree(crawled / "warc", tmp_path / "warc")
    reparse("--archive", str(tmp_path))
    assert comparable(tmp_path) == comparable(crawled)


def test_fetched_at_is_the_warc_date(crawled: Path, tmp_path: Path) -> None:
    reparse("--warc", str(crawled / "warc"), "--archive", str(tmp_path))
    dates = {}
    for path in warc_files(crawled / "warc"):
        for record in records(path):
            if record["type"] in ("response", "revisit"):
                dates.setdefault(record["warc"]["WARC-Target-URI"], record["warc"]["WARC-Date"])
    for record in read_archive(tmp_path):
        stamp = record["fetched_at"]
        assert any(d.startswith(stamp[:19]) for u, d in dates.items() if u == record["url"])


def test_two_runs_with_an_edit_and_new_counts_reparse_alike(
    site_copy: tuple[Path, str], tmp_path: Path
) -> None:
    root, url = site_copy
    archive = tmp_path / "crawled"
    crawl(archive, url)
    page = root / "robot" / "2024" / "1118" / "453209.html"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("<p>过去一年", "<p>过去的一年", 1), encoding="utf-8")
    counts = json.loads((root / "plus" / "count.json").read_text())
    counts = {aid: views + 1 for aid, views in counts.items()}
    (root / "plus" / "count.json").write_text(json.dumps(counts))
    crawl(archive, url, "--full")
    assert len(warc_files(archive / "warc")) == 2
    rebuilt = tmp_path / "rebuilt"
    result = reparse("--warc", str(archive / "warc"), "--archive", str(rebuilt))
    assert "1 updated" in result.stdout
    assert comparable(rebuilt) == comparable(archive)
    kinds = [r["type"] for p in warc_files(archive / "warc") for r in records(p)]
    assert "revisit" in kinds  # unchanged pages of the second run

    # Into the archive the records came from: nothing is added. The first run's copy of
    # the edited page is older than its stored revision, and every view count the
    # archive holds is already there (the revision's own, or an observation).
    again = tmp_path / "again"
    shutil.copytree(archive, again)
    result = reparse("--archive", str(again))
    assert "0 new, 0 updated" in result.stdout and "1 older than the archive's" in result.stdout
    assert comparable(again) == comparable(archive)


def test_killed_crawl_leaves_whole_records_and_is_recovered(
    mirror_url: str, tmp_path: Path
) -> None:
    archive = tmp_path / "a"
    env = dict(os.environ, SCRAPY_SETTINGS_MODULE="newsarchive.settings")
    child = subprocess.Popen(
        [sys.executable, "-m", "scrapy", "crawl", "ailab",
         "-s", f"NEWSARCHIVE_ARCHIVE={archive}", "-s", f"NEWSARCHIVE_BASE_URL={mirror_url}",
         "-s", "DOWNLOAD_DELAY=0.5", "-s", "AUTOTHROTTLE_ENABLED=False",
         "-s", "LOG_LEVEL=WARNING"],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        open_file: Path | None = None
        while time.monotonic() < deadline and child.poll() is None:
            found = list((archive / "warc").glob("*.warc.gz.open"))
            if found:
                open_file = found[0]
                data = open_file.read_bytes()
                if len(member_offsets(data)) >= 7:
                    break
            time.sleep(0.05)
        assert open_file is not None and child.poll() is None, "crawl ended before the kill"
    finally:
        # The whole process group, WARC recorder included, as a cron timeout kills it.
        os.killpg(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    torn = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03 a record cut short"
    with open_file.open("ab") as handle:  # as if the kill had landed inside a write
        handle.write(torn)
    crawl(archive, mirror_url)
    files = warc_files(archive / "warc")
    assert len(files) == 2 and not [p for p in files if p.name.endswith(".open")]
    closed = open_file.with_name(open_file.name.removesuffix(".open"))
    assert files[0] == closed
    assert closed.with_name(closed.name + ".corrupt").read_bytes().endswith(torn)
    check = warcio_cli("check", *map(str, files))
    assert check.returncode == 0, check.stdout + check.stderr


def test_crawled_and_reparsed_archives_verify_and_export(crawled: Path, tmp_path: Path) -> None:
    reparse("--warc", str(crawled / "warc"), "--archive", str(tmp_path))
    for archive in (crawled, tmp_path):
        result = run_cli("verify", str(archive))
        assert result.returncode == 0, result.stdout[-3000:]
        exported = run_cli("export", "--archive", str(archive))
        assert exported.returncode == 0
        ids = [json.loads(line)["id"] for line in exported.stdout.splitlines()]
        assert sorted(ids) == sorted({r["id"] for r in read_archive(archive)})


def test_live_progress_line_on_a_terminal(crawled: Path, tmp_path: Path) -> None:
    import pty

    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsarchive.cli", "reparse", "--warc", str(crawled / "warc"),
         "--archive", str(tmp_path), "--jobs", "1"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=slave,
    )  # fmt: skip
    os.close(slave)
    out, _ = proc.communicate(timeout=120)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    assert proc.returncode == 0
    assert b"\r\x1b[2Kreparse: " in seen  # rewritten in place
    assert out.decode().startswith("reparse: ") and out.count(b"\n") == 1


def test_reparse_usage_and_lock(crawled: Path, tmp_path: Path) -> None:
    from newsarchive.storage.lock import ArchiveLock

    missing = run_cli("reparse", "--archive", str(tmp_path / "empty"))
    assert missing.returncode == 2 and "no WARC folder" in missing.stderr
    lock = ArchiveLock(tmp_path)
    lock.acquire()
    try:
        locked = run_cli("reparse", "--warc", str(crawled / "warc"), "--archive", str(tmp_path))
    finally:
        lock.release()
    assert locked.returncode == 75 and "not started" in locked.stderr
    assert not (tmp_path / "articles").exists()


def test_a_page_replayed_from_the_http_cache_never_supersedes_a_later_fetch(
    site_copy: tuple[Path, str], tmp_path: Path
) -> None:
    """Crawl with Scrapy's HTTP cache on, edit a page, crawl without it (a revision),
    then with it again: the cache replays the first fetch, dated by its ``Date``, which
    is older than the stored revision, so it is left out and counted."""
    root, url = site_copy
    archive, cache = tmp_path / "archive", tmp_path / "httpcache"
    cached = ("--set", "HTTPCACHE_ENABLED=1", "--set", f"HTTPCACHE_DIR={cache}")
    crawl(archive, url, *cached)
    time.sleep(1.1)  # fetch times are kept to the second
    page = root / "robot" / "2024" / "1118" / "453209.html"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("<p>过去一年", "<p>过去的一年", 1), encoding="utf-8")
    assert "1 updated" in crawl(archive, url, "--full").stdout
    before = comparable(archive)
    result = crawl(archive, url, "--full", *cached)
    assert "0 new articles, 0 updated" in result.stdout
    assert "older than the archive's" in result.stdout
    assert comparable(archive) == before  # no revision, no view observation
    run = json.loads((archive / "runs.jsonl").read_text(encoding="utf-8").splitlines()[-1])
    # The edited page, and any other whose Date fell in the second before its WARC
    # record's date (the server's clock stamps before the response arrives).
    assert run["older"] >= 1
