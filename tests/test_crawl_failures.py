"""How ``newsarchive crawl`` fails: a killed parent, cron's output, a full disk."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsarchive.runlog import read_runs
from newsarchive.storage import jsonl
from newsarchive.storage.lock import ArchiveLock, adopt_or_acquire
from tests.conftest import read_archive, run_cli


def crawl(archive: Path, url: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return run_cli("crawl", "--base-url", url, "--archive", str(archive), "--no-throttle", *extra)


def stories(archive: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    for record in read_archive(archive):
        counts[record["content_hash"]] = counts.get(record["content_hash"], 0) + 1
    return counts


def gone(pid: int) -> bool:
    """Whether ``pid`` has exited (a zombie nobody reaped counts: it runs no more)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] in ("Z", "X")


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(x) for x in path.read_text().split()] if path.exists() else []


# --- units ---------------------------------------------------------------------------------


def test_a_refused_append_leaves_no_torn_line_and_names_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.jsonl"
    jsonl.append(path, {"n": 1})
    before = path.read_bytes()
    real_write = os.write
    calls = {"n": 0}

    def half_then_full(fd: int, data: bytes | memoryview) -> int:
        calls["n"] += 1
        if calls["n"] == 1:
            return real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", half_then_full)
    with pytest.raises(OSError) as caught:
        jsonl.append(path, {"n": 2, "text": "x" * 100})
    monkeypatch.undo()
    assert caught.value.errno == errno.ENOSPC and caught.value.filename == str(path)
    assert path.read_bytes() == before


def test_an_adopted_lock_names_the_process_that_holds_it(tmp_path: Path) -> None:
    parent = ArchiveLock(tmp_path)
    parent.acquire()
    try:
        adopted = adopt_or_acquire(tmp_path, str(parent.fd))
        assert adopted.adopted
        text = (tmp_path / "crawl.lock").read_text()
        assert text.startswith(f"pid {os.getpid()} (crawler of pid {os.getpid()}) since ")
    finally:
        parent.release()


# --- the CLI -------------------------------------------------------------------------------


@pytest.mark.integration
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_sigkill_of_the_cli_stops_its_crawler(mirror_url: str, tmp_path: Path) -> None:
    archive = tmp_path / "a"
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsarchive.cli", "crawl", "--base-url", mirror_url,
         "--archive", str(archive), "--no-throttle", "--set", "CONCURRENT_REQUESTS=1",
         "--set", "DOWNLOAD_DELAY=1"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    if not Path(f"/proc/{proc.pid}/task/{proc.pid}/children").exists():
        proc.kill()
        pytest.skip("no /proc/PID/task/TID/children here")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not children(proc.pid):
        time.sleep(0.05)
    (crawler,) = children(proc.pid)
    lock_file = archive / "crawl.lock"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and "crawler of" not in lock_file.read_text():
        time.sleep(0.1)
    # The lock is shared by the CLI and the crawler: the file names the crawler too, the
    # process that holds it should the CLI die first.
    holder = f"pid {crawler} (crawler of pid {proc.pid}) since "
    holder_text = lock_file.read_text()
    time.sleep(2)  # started crawling: the extraction workers and WARC recorder are up
    helpers = children(crawler)
    proc.kill()
    proc.wait(timeout=10)
    assert proc.stdout is not None and proc.stdout.read() == ""  # no summary: it was killed
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not gone(crawler):
        time.sleep(0.2)
    assert gone(crawler), "the crawler must end when the CLI that started it dies"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not all(gone(pid) for pid in helpers):
        time.sleep(0.2)
    assert all(gone(pid) for pid in helpers), "helper processes outlived the crawl"
    run = read_runs(archive)[-1]
    assert run["finish_reason"] == "shutdown" and run["exit_code"] != 0
    again = crawl(archive, mirror_url)  # the lock died with its holders
    assert again.returncode == 0, again.stderr[-2000:]
    assert holder_text.startswith(holder), holder_text


@pytest.mark.integration
def test_quiet_log_file_failure_prints_this_runs_log_tail(tmp_path: Path) -> None:
    log = tmp_path / "crawl.log"
    log.write_text("2024-01-01 00:00:00 [earlier] ERROR: AN EARLIER RUN\n", encoding="utf-8")
    failed = run_cli("crawl", "--base-url", "http://127.0.0.1:9/", "--archive",
                     str(tmp_path / "a"), "--quiet", "--log-file", str(log),
                     "--set", "RETRY_TIMES=0")  # fmt: skip
    assert failed.returncode == 1
    assert failed.stdout.startswith("crawl FAILED: 0 pages")
    assert "Connection" in failed.stderr and "Traceback" not in failed.stderr
    assert "AN EARLIER RUN" not in failed.stderr
    assert len(failed.stderr.splitlines()) <= 30
    # What went wrong, not Scrapy's statistics dump (INFO) that ends the log file.
    assert all("] INFO: " not in line for line in failed.stderr.splitlines())
    assert "Dumping Scrapy stats" not in failed.stderr


def test_log_file_directory_is_created(tmp_path: Path) -> None:
    """The documented cron line on a new machine: /var/log/newsarchive need not exist."""
    log = tmp_path / "new" / "dir" / "crawl.log"
    run_cli("crawl", "--base-url", "http://127.0.0.1:9/", "--archive", str(tmp_path / "a"),
            "--quiet", "--log-file", str(log), "--set", "RETRY_TIMES=0")  # fmt: skip
    assert log.is_file() and "ERROR" in log.read_text(encoding="utf-8")


@pytest.mark.integration
def test_quiet_log_file_success_prints_nothing(mirror_url: str, tmp_path: Path) -> None:
    log = tmp_path / "crawl.log"
    ok = crawl(tmp_path / "a", mirror_url, "--quiet", "--log-file", str(log))
    assert (ok.returncode, ok.stdout, ok.stderr) == (0, "", "")


@pytest.mark.integration
def test_quiet_overlap_exits_75_silently(mirror_url: str, tmp_path: Path) -> None:
    archive = tmp_path / "a"
    lock = ArchiveLock(archive)
    lock.acquire()
    try:
        quiet = crawl(archive, mirror_url, "--quiet")
        loud = crawl(archive, mirror_url)
    finally:
        lock.release()
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (75, "", "")
    assert loud.returncode == 75 and len(loud.stderr.splitlines()) == 1


@pytest.fixture()
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 650 KiB tmpfs: room for part of a crawl (a third or so of the fixture's
    articles; at 500 KiB the WARC file and the index fill it before the first one).
    Skipped where it cannot be mounted."""
    if not sys.platform.startswith("linux") or os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs Linux and root")
    mount = tmp_path / "disk"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=650k", "tmpfs", str(mount)],
                          capture_output=True, check=False)  # fmt: skip
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.mark.integration
def test_full_disk_exits_74_in_one_line_and_keeps_what_was_stored(
    small_disk: Path, mirror_url: str, tmp_path: Path
) -> None:
    clean = tmp_path / "clean"
    assert crawl(clean, mirror_url).returncode == 0
    archive = small_disk / "a"
    full = crawl(archive, mirror_url)
    assert full.returncode == 74, (full.stdout, full.stderr[-3000:])
    output = full.stdout + full.stderr
    assert "Traceback" not in output
    assert full.stderr.splitlines()[-1].startswith("crawl FAILED: No space left on device: ")
    assert str(archive) in full.stderr.splitlines()[-1]
    assert len(output.splitlines()) <= 3, output
    kept = list(read_archive(archive))  # how many varies with what filled it first
    assert kept, "the disk filled before any article was stored: nothing to keep"
    assert all(count == 1 for count in stories(archive).values())
    subprocess.run(["mount", "-o", "remount,size=20m", str(small_disk)], check=True)
    again = crawl(archive, mirror_url)
    assert again.returncode == 0, again.stderr[-2000:]
    assert stories(archive) == stories(clean)
    final = list(read_archive(archive))
    assert all(record in final for record in kept)  # as they were: not lost, not fetched again
    assert run_cli("verify", str(archive)).returncode == 0


@pytest.mark.parametrize(
    ("child", "said", "reason"),
    [
        ((0, 2), "crawl FAILED: stopped at once (asked twice)", "stopped"),
        ((-9, 0), "crawl FAILED: the crawler was killed by signal 9 before finishing", "killed"),
        ((1, 0), "crawl FAILED: the crawler exited with 1 before finishing", "crashed"),
    ],
)
def test_a_crawler_that_left_no_run_record_is_said_plainly_and_recorded(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    child: tuple[int, int],
    said: str,
    reason: str,
) -> None:
    """A second Ctrl-C, or a crawler killed outright, leaves no run record of its own:
    the line says which, and how many articles it stored (counted from the archive:
    one new, one updated, not the one an earlier crawl stored); it points at no log it
    did not show. The command writes the run's record with those counts and no others,
    so that ``status`` shows the failed run as the last one instead of the run before
    it."""
    from newsarchive import cli
    from newsarchive.commands import crawl
    from newsarchive.model import format_fetched_at
    from newsarchive.runlog import read_runs
    from newsarchive.storage.archive import Archive
    from tests.archive_factory import put
    from tests.archive_factory import record as article

    archive = tmp_path / "a"
    with Archive(archive, fsync=False) as earlier:
        put(earlier, article(1, None, fetched_at="2024-11-01T00:00:00Z"))
        put(earlier, article(2, None, fetched_at="2024-11-01T00:00:00Z"))

    def crawler(*args: object) -> tuple[int, int]:
        now = format_fetched_at(None)
        with Archive(archive, fsync=False) as stores:
            put(stores, article(3, None, fetched_at=now))
            put(stores, article(1, None, "修订", fetched_at=now))
        return child

    monkeypatch.setattr(crawl, "_run_child", crawler)
    code = cli.main(["crawl", "--url", "http://127.0.0.1:9/a/2024/1024/1.html",
                     "--archive", str(archive)])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 1
    assert err == said + "; the 1 new and 1 updated articles it stored are kept\n", err
    (record,) = read_runs(archive)
    assert record["finish_reason"] == reason and record["exit_code"] == 1
    assert record["spider"] == "article" and record["start"] <= record["end"]
    assert said.removeprefix("crawl FAILED: ") == record["exit_reason"]
    assert (record["new"], record["updated"]) == (1, 1)
    assert "pages" not in record and "unchanged" not in record  # unknown, not zero

    assert cli.main(["status", str(archive)]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.startswith(record["start"][:19]))
    assert row.split()[1:9] == ["1", "?", "1", "1", "?", "?", "?", "?"], row
    assert row.split()[-1] == reason
    assert f"last run failed (exit 1: {record['exit_reason']})" in out


@pytest.mark.integration
def test_a_lost_page_is_one_error_line_and_a_lost_robots_txt_a_warning(tmp_path: Path) -> None:
    """A closed port: the article's loss is said once, at ERROR, by the retry's give-up;
    the robots.txt's loss once, as a warning that names it, not the article."""
    page = "http://127.0.0.1:9/news/2024/1024/1.html"
    failed = run_cli("crawl", "--url", page, "--archive", str(tmp_path / "a"),
                     "--no-throttle", "--set", "RETRY_TIMES=1")  # fmt: skip
    assert failed.returncode == 1, failed.stderr
    errors = [line for line in failed.stderr.splitlines() if "] ERROR: " in line]
    assert [line for line in errors if page in line] == [
        line for line in errors if "Gave up retrying <GET " + page in line
    ]
    assert len([line for line in errors if page in line]) == 1, failed.stderr
    robots = [line for line in failed.stderr.splitlines() if "robots.txt" in line]
    assert any("] WARNING: could not fetch http://127.0.0.1:9/robots.txt" in x for x in robots)
    assert not any(page in line for line in robots), failed.stderr
    assert not any("robots.txt" in line for line in errors), failed.stderr
    assert "Traceback" not in failed.stderr
    assert "1 failed requests" in failed.stdout


@pytest.mark.integration
@pytest.mark.parametrize("broken", ["month_is_a_directory", "year_is_a_file"])
def test_a_broken_archive_path_stops_the_crawl_with_74_not_a_quiet_loss(
    broken: str, mirror_url: str, tmp_path: Path
) -> None:
    """Every article of a month whose file cannot be opened would fail alike: the crawl
    stops at the first, exits 74 naming the path and leaves a run record; once the path
    is mended the next crawl stores what the first could not."""
    clean = tmp_path / "clean"
    assert crawl(clean, mirror_url).returncode == 0
    archive = tmp_path / "a"
    month = archive / "articles" / "2024" / "2024-10.jsonl"
    if broken == "month_is_a_directory":
        month.mkdir(parents=True)
        path = month
    else:
        month.parent.parent.mkdir(parents=True)
        month.parent.write_text("", encoding="utf-8")
        path = month.parent
    failed = crawl(archive, mirror_url)
    assert failed.returncode == 74, (failed.stdout, failed.stderr[-3000:])
    assert "Traceback" not in failed.stdout + failed.stderr
    last = failed.stderr.splitlines()[-1]
    assert last.startswith("crawl FAILED: ") and str(path) in last, last
    assert read_runs(archive)[-1]["exit_code"] == 74
    if path.is_dir():
        path.rmdir()
    else:
        path.unlink()
    again = crawl(archive, mirror_url)
    assert again.returncode == 0, again.stderr[-2000:]
    assert stories(archive) == stories(clean)
    assert run_cli("verify", str(archive)).returncode == 0


def test_a_calm_log_tail_ends_with_how_the_crawl_ended_not_its_statistics(
    tmp_path: Path,
) -> None:
    """A crawl stopped by a signal logged no warning: the failure report then gives the
    last records of its log, which say how it ended, without Scrapy's statistics dump
    and without the earlier run's lines."""
    from newsarchive.commands.crawl import _log_tail

    log = tmp_path / "crawl.log"
    earlier = "2024-01-01 00:00:00 [earlier] INFO: AN EARLIER RUN\n"
    log.write_text(earlier, encoding="utf-8")
    start = log.stat().st_size
    records = [f"2024-01-02 00:00:{n:02d} [scrapy.core.engine] INFO: step {n}" for n in range(12)]
    records.append("2024-01-02 00:00:20 [scrapy.crawler] INFO: Received SIGTERM, shutting down")
    dump = ["2024-01-02 00:00:21 [scrapy.statscollectors] INFO: Dumping Scrapy stats:",
            "{'downloader/request_count': 40,", " 'finish_reason': 'shutdown',",
            " 'start_time': datetime.datetime(2024, 1, 2, 0, 0)}"]  # fmt: skip
    closed = "2024-01-02 00:00:22 [scrapy.core.engine] INFO: Spider closed (shutdown)"
    with log.open("a", encoding="utf-8") as handle:
        handle.write("\n".join([*records, *dump, closed]) + "\n")
    tail = _log_tail(str(log), start).splitlines()
    assert tail == [*records[-7:], closed]
    warned = "2024-01-02 00:00:23 [scrapy.core.scraper] ERROR: Error processing x"
    with log.open("a", encoding="utf-8") as handle:
        handle.write(warned + "\n")
    assert _log_tail(str(log), start).splitlines() == [warned]
