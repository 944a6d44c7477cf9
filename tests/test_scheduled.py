"""Scheduled crawls: incremental, revisions, locks, kills, exit codes, cron environment."""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from newsarchive.runlog import read_runs
from newsarchive.storage.lock import ArchiveLock, ArchiveLocked
from tests.conftest import REPO, read_archive, run_cli

pytestmark = pytest.mark.integration


def crawl(archive: Path, url: str, *extra: str, **kw: Any) -> subprocess.CompletedProcess[str]:
    return run_cli("crawl", "--base-url", url, "--archive", str(archive), "--no-throttle",
                   *extra, **kw)  # fmt: skip


def cli_argv(archive: Path, url: str, *extra: str) -> list[str]:
    return [sys.executable, "-m", "newsarchive.cli", "crawl", "--base-url", url,
            "--archive", str(archive), "--no-throttle", *extra]  # fmt: skip


def stories(archive: Path) -> dict[str, int]:
    """content_hash -> how many article lines hold it."""
    counts: dict[str, int] = {}
    for record in read_archive(archive):
        counts[record["content_hash"]] = counts.get(record["content_hash"], 0) + 1
    return counts


def edit(path: Path, old: str, new: str, encoding: str = "utf-8") -> None:
    text = path.read_text(encoding=encoding)
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding=encoding)


NEW_LI = """  <ul>
   <li>
    <h3><a href="2024/1125/460001.html" target="_blank">新文章</a></h3>
    <span>[机器学习] 2024-11-25</span>
   </li>"""


def test_second_run_is_incremental(site_copy: tuple[Path, str], tmp_path: Path) -> None:
    _, url = site_copy
    archive = tmp_path / "a"
    assert crawl(archive, url).returncode == 0
    second = crawl(archive, url)
    assert second.returncode == 0, second.stderr[-2000:]
    first_run, second_run = read_runs(archive)
    assert second_run["new"] == 0 and second_run["updated"] == 0
    assert second_run["skipped_known"] > 0
    # Only robots.txt and the start pages: every first listing page is already known.
    assert second_run["pages"] <= 1 + 5 < first_run["pages"]


def test_new_article_is_found_without_walking_old_pages(
    site_copy: tuple[Path, str], tmp_path: Path
) -> None:
    root, url = site_copy
    archive = tmp_path / "a"
    assert crawl(archive, url).returncode == 0
    src = root / "robot" / "2024" / "1118" / "453209.html"
    new = root / "robot" / "2024" / "1125" / "460001.html"
    new.parent.mkdir(parents=True)
    new.write_text(
        src.read_text(encoding="utf-8")
        .replace("过去一年", "最近一年")
        .replace("2024-11-18 10:32:05", "2024-11-25 08:00:00"),
        encoding="utf-8",
    )
    edit(root / "robot" / "list_8_1.html", "  <ul>", NEW_LI)
    result = crawl(archive, url)
    assert result.returncode == 0, result.stderr[-2000:]
    run = read_runs(archive)[-1]
    assert run["new"] == 1
    # robots.txt, the start pages, the new article, and page 2 of its channel (all known:
    # the walk stops there).
    assert run["pages"] == 1 + 5 + 1 + 1
    assert any(r["url"].endswith("/460001.html") for r in read_archive(archive))


def test_refresh_stores_revisions_and_view_observations(
    site_copy: tuple[Path, str], tmp_path: Path
) -> None:
    root, url = site_copy
    archive = tmp_path / "a"
    assert crawl(archive, url).returncode == 0
    page = root / "robot" / "2024" / "1118" / "453209.html"
    edit(page, "<p>过去一年", "<p>过去的一年")
    edit(page, "浏览:1532次", "浏览:1600次")
    result = crawl(archive, url, "--refresh-days", "100000")
    assert result.returncode == 0, result.stderr[-2000:]
    run = read_runs(archive)[-1]
    assert run["updated"] == 1 and run["new"] == 0 and run["unchanged"] > 0
    history = [r for r in read_archive(archive) if r["url"].endswith("/453209.html")]
    assert [r["revision"] for r in history] == [1, 2]
    assert history[1]["supersedes"] == history[0]["content_hash"]
    assert history[1]["id"] == history[0]["id"] and history[1]["views"] == 1600
    observations = [json.loads(x) for x in (archive / "views.jsonl").read_text().splitlines()]
    # Unchanged articles add no line, only a view observation (when they show views).
    assert 0 < len(observations) <= run["unchanged"]
    stored = {r["id"]: r for r in read_archive(archive)}
    for observation in observations:
        assert observation["views"] is not None and observation["observed_at"]
        assert stored[observation["id"]]["views"] == observation["views"]  # fixture unchanged


def test_full_walks_and_fetches_everything(mirror_url: str, tmp_path: Path) -> None:
    archive = tmp_path / "a"
    assert crawl(archive, mirror_url).returncode == 0
    assert crawl(archive, mirror_url, "--full").returncode == 0
    first_run, full_run = read_runs(archive)
    assert full_run["pages"] == first_run["pages"]
    assert full_run["new"] == 0 and full_run["unchanged"] == first_run["new"]
    assert not (archive / "job").exists()  # a finished full crawl leaves no job behind


def test_locked_archive_exits_75_at_once(mirror_url: str, tmp_path: Path) -> None:
    archive = tmp_path / "a"
    lock = ArchiveLock(archive)
    lock.acquire()
    try:
        started = time.monotonic()
        result = crawl(archive, mirror_url)
        assert result.returncode == 75
        assert time.monotonic() - started < 10
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and f"pid {os.getpid()}" in lines[0]
        assert lines[0].endswith("; not started")
        waited = crawl(archive, mirror_url, "--wait-lock", "0.5")
        assert waited.returncode == 75
        assert waited.stderr.strip().endswith("; not started after waiting 0.5 s")
    finally:
        lock.release()
    assert crawl(archive, mirror_url).returncode == 0


def test_scrapy_crawl_on_a_locked_archive_touches_nothing(mirror_url: str, tmp_path: Path) -> None:
    archive = tmp_path / "a"
    lock = ArchiveLock(archive)
    lock.acquire()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "scrapy", "crawl", "ailab",
             "-s", f"NEWSARCHIVE_ARCHIVE={archive}", "-s", f"NEWSARCHIVE_BASE_URL={mirror_url}"],
            cwd=REPO, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
    finally:
        lock.release()
    assert result.returncode == 75  # as newsarchive crawl: try again later
    errors = [line for line in result.stderr.splitlines() if " ERROR: " in line]
    assert len(errors) == 1 and "not crawling: archive is locked by pid" in errors[0], errors
    assert "Traceback" not in result.stderr
    assert [p.name for p in archive.iterdir()] == ["crawl.lock"]


def hold_lock(archive: Path, seconds: float) -> subprocess.Popen[str]:
    """Another process holding the archive's lock for ``seconds``, already holding it."""
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys,time; from pathlib import Path; from newsarchive.storage.lock import "
         "ArchiveLock; l=ArchiveLock(Path(sys.argv[1])); l.acquire(); print('held', flush=True);"
         " time.sleep(float(sys.argv[2])); l.release()", str(archive), str(seconds)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    return holder


def test_wait_lock_waits_for_the_other_crawl(mirror_url: str, tmp_path: Path) -> None:
    archive = tmp_path / "a"
    holder = hold_lock(archive, 2)
    result = crawl(archive, mirror_url, "--wait-lock", "60")
    holder.wait(timeout=10)
    assert result.returncode == 0, result.stderr[-2000:]


def test_lock_of_a_killed_process_is_taken_over(mirror_url: str, tmp_path: Path) -> None:
    archive = tmp_path / "a"
    holder = hold_lock(archive, 60)
    with pytest.raises(ArchiveLocked):
        ArchiveLock(archive).acquire()
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=10)
    assert (archive / "crawl.lock").exists()  # the file stays; its lock died with the holder
    assert crawl(archive, mirror_url).returncode == 0


def test_runs_in_a_bare_cron_environment(mirror_url: str, tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "newsarchive"
    archive = tmp_path / "a"
    result = subprocess.run(
        [str(script), "crawl", "--base-url", mirror_url, "--archive", str(archive),
         "--no-throttle"],
        env={}, cwd="/", stdin=subprocess.DEVNULL,  # as `env -i`: no PATH, no HOME
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("crawl ok: ")
    assert result.stderr == ""  # no warnings on a clean crawl, no progress line without a TTY
    assert read_runs(archive)[-1]["new"] > 30


def test_quiet_prints_nothing_on_success_and_everything_on_failure(
    mirror_url: str, tmp_path: Path
) -> None:
    ok = crawl(tmp_path / "a", mirror_url, "--quiet")
    assert (ok.returncode, ok.stdout, ok.stderr) == (0, "", "")
    failed = run_cli("crawl", "--base-url", "http://127.0.0.1:9/", "--archive",
                     str(tmp_path / "b"), "--quiet", "--set", "RETRY_TIMES=0")  # fmt: skip
    assert failed.returncode == 1
    assert failed.stdout.startswith("crawl FAILED: 0 pages")
    assert "Connection" in failed.stderr and "Traceback" not in failed.stderr


def test_log_file_receives_the_log(mirror_url: str, tmp_path: Path) -> None:
    log = tmp_path / "crawl.log"
    result = crawl(tmp_path / "a", mirror_url, "--log-file", str(log))
    assert result.returncode == 0 and result.stderr == ""
    assert "Spider closed (finished)" in log.read_text(encoding="utf-8")


def test_layout_change_exits_3(site_copy: tuple[Path, str], tmp_path: Path) -> None:
    root, url = site_copy
    manifest = json.loads((root / "_manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["articles"]:
        page = root / entry["path"].lstrip("/")
        page.write_text(
            "<html><head><title>新版页面</title></head><body><div id='app'></div>"
            "<script src='/static/app.js'></script></body></html>",
            encoding="utf-8",
        )
    result = crawl(tmp_path / "a", url)
    assert result.returncode == 3, (result.stdout, result.stderr[-2000:])
    assert result.stdout.startswith("crawl UNHEALTHY")
    run = read_runs(tmp_path / "a")[-1]
    assert run["exit_code"] == 3 and run["new"] == 0


def test_listings_without_links_exit_3(site_copy: tuple[Path, str], tmp_path: Path) -> None:
    root, url = site_copy
    for listing in [root / "index.html", *root.glob("*/list_*.html")]:
        listing.write_text("<html><body><div id='app'>加载中</div></body></html>", "utf-8")
    result = crawl(tmp_path / "a", url)
    assert result.returncode == 3, (result.stdout, result.stderr[-2000:])


def descendants(pid: int) -> list[int]:
    """Every process below ``pid``, children before their own children."""
    found: list[int] = []
    todo = [pid]
    while todo:
        parent = todo.pop(0)
        try:
            children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
        except OSError:
            continue
        found += map(int, children)
        todo += map(int, children)
    return found


def kill_tree(pid: int) -> None:
    """SIGKILL ``pid`` and everything below it, deepest first: the crawler has a process
    group of its own, and it must die as abruptly as the CLI, not shut down when the
    CLI's death is signalled to it."""
    for victim in [*reversed(descendants(pid)), pid]:
        with contextlib.suppress(ProcessLookupError):
            os.kill(victim, signal.SIGKILL)


def _kill_at_random(archive: Path, url: str, rng: random.Random, *extra: str) -> None:
    proc = subprocess.Popen(cli_argv(archive, url, "--set", "CONCURRENT_REQUESTS=2", *extra),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)  # fmt: skip
    time.sleep(rng.uniform(0.8, 3.5))
    kill_tree(proc.pid)  # the CLI, its crawler and the crawler's helpers, mid-write if so
    proc.wait(timeout=10)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_stop_signal_to_the_whole_group_shuts_down_cleanly(
    mirror_url: str, tmp_path: Path, signum: signal.Signals
) -> None:
    """``timeout``, ``systemctl stop`` or a closed terminal signal every process of the
    group: the crawler must get the request once (twice, Scrapy stops at once, without
    its run record) and its helpers must outlive it to finish the pages in flight."""
    archive = tmp_path / "a"
    proc = subprocess.Popen(
        cli_argv(archive, mirror_url, "--set", "CONCURRENT_REQUESTS=2",
                 "--set", "DOWNLOAD_DELAY=0.05"),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not list((archive / "articles").rglob("*.jsonl")):
        assert proc.poll() is None and time.monotonic() < deadline, "nothing stored"
        time.sleep(0.05)
    os.killpg(proc.pid, signum)
    out, err = proc.communicate(timeout=120)
    assert "Traceback" not in err and "unclean" not in err, err[-3000:]
    assert err.count("stopping after the pages in flight") == 1, err[-3000:]
    assert proc.returncode == 1 and "(shutdown)" in out, (out, err[-2000:])
    run = read_runs(archive)[-1]
    assert run["finish_reason"] == "shutdown"
    assert run["failed_requests"] == 0 and run["errors_by_type"] == {}, run
    checked = run_cli("verify", str(archive))
    assert checked.returncode == 0, checked.stdout


def test_sigkill_at_random_points_loses_and_duplicates_nothing(
    mirror_url: str, tmp_path: Path
) -> None:
    clean = tmp_path / "clean"
    assert crawl(clean, mirror_url).returncode == 0
    expected = stories(clean)
    archive = tmp_path / "killed"
    rng = random.Random(20241024)
    for _ in range(4):
        _kill_at_random(archive, mirror_url, rng)
    final = crawl(archive, mirror_url)
    assert final.returncode == 0, final.stderr[-2000:]
    got = stories(archive)
    assert got == expected, "every fetched article must be stored exactly once"
    for path in (archive / "articles").rglob("*.jsonl"):
        for line in path.read_bytes().splitlines(keepends=True):
            assert line.endswith(b"\n")
            json.loads(line)
    verify_index = run_cli("reindex", str(archive))
    assert verify_index.returncode == 0
    assert f"{len(expected)} articles indexed" in verify_index.stdout


@pytest.mark.parametrize("scheduled_in_between", [False, True])
def test_resume_continues_an_interrupted_full_crawl(
    mirror_url: str, tmp_path: Path, scheduled_in_between: bool
) -> None:
    """A scheduled incremental crawl between the interruption and the --resume (cron
    goes on) leaves the full crawl's job state to the resume."""
    archive = tmp_path / "a"
    proc = subprocess.Popen(
        cli_argv(archive, mirror_url, "--full", "--set", "CONCURRENT_REQUESTS=1",
                 "--set", "DOWNLOAD_DELAY=0.05"),
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, start_new_session=True,
    )  # fmt: skip
    time.sleep(3)
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C: Scrapy shuts down and keeps its job state
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 1 and "shutdown" in out
    assert (archive / "job").is_dir()
    first = read_runs(archive)[-1]
    between = 0
    if scheduled_in_between:
        assert crawl(archive, mirror_url).returncode == 0
        between = read_runs(archive)[-1]["new"]
        assert (archive / "job").is_dir()
    resumed = crawl(archive, mirror_url, "--resume")
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    assert "nothing to resume" not in resumed.stderr
    second = read_runs(archive)[-1]
    assert second["new"] + between + first["new"] == 36
    assert second["pages"] < 56  # did not start over
    assert not (archive / "job").exists()


def test_status_and_reindex(mirror_url: str, tmp_path: Path) -> None:
    archive = tmp_path / "a"
    assert crawl(archive, mirror_url).returncode == 0
    status = run_cli("status", str(archive))
    assert status.returncode == 0
    assert "36 articles" in status.stdout and "last successful crawl: 20" in status.stdout
    (archive / "index.sqlite3").unlink()
    rebuilt = run_cli("reindex", "--archive", str(archive))
    assert rebuilt.returncode == 0 and "36 articles indexed" in rebuilt.stdout
    assert crawl(archive, mirror_url).returncode == 0
    assert read_runs(archive)[-1]["new"] == 0
    missing = run_cli("status", str(tmp_path / "nope"))
    assert missing.returncode == 2 and "no archive" in missing.stderr


def test_scrapy_crawl_directly_from_the_repository(mirror_url: str, tmp_path: Path) -> None:
    archive = tmp_path / "a"
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "ailab", "-s", f"NEWSARCHIVE_ARCHIVE={archive}",
         "-s", f"NEWSARCHIVE_BASE_URL={mirror_url}", "-s", "DOWNLOAD_DELAY=0",
         "-s", "AUTOTHROTTLE_ENABLED=False"],
        cwd=REPO, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert read_runs(archive)[-1]["new"] == 36


def test_scrapy_crawl_exits_with_the_crawl_s_exit_code(tmp_path: Path) -> None:
    """Scrapy's own command would exit 0 for a crawl that fetched nothing."""
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{sock.getsockname()[1]}/"
    archive = tmp_path / "a"
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "ailab", "-s", f"NEWSARCHIVE_ARCHIVE={archive}",
         "-s", f"NEWSARCHIVE_BASE_URL={closed}", "-s", "DOWNLOAD_DELAY=0",
         "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "RETRY_TIMES=0", "-s", "LOG_LEVEL=WARNING"],
        cwd=REPO, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    run = read_runs(archive)[-1]
    assert run["pages"] == 0 and run["exit_code"] == 1
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    # The summary shows at WARNING when the crawl failed: nothing else would say so.
    assert "crawl FAILED: 0 pages" in result.stderr


def _default_hangup() -> None:
    signal.signal(signal.SIGHUP, signal.SIG_DFL)


def test_a_hangup_stops_a_plain_scrapy_crawl_cleanly(mirror_url: str, tmp_path: Path) -> None:
    """A crawl started at a terminal, where SIGHUP has its default action. The suite
    itself may run under ``nohup``, whose ignored SIGHUP every child inherits and the
    crawl then rightly keeps ignoring: the crawler is given the terminal's default."""
    archive = tmp_path / "a"
    proc = subprocess.Popen(
        [sys.executable, "-m", "scrapy", "crawl", "ailab", "-s", f"NEWSARCHIVE_ARCHIVE={archive}",
         "-s", f"NEWSARCHIVE_BASE_URL={mirror_url}", "-s", "DOWNLOAD_DELAY=0.05",
         "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS=2"],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        start_new_session=True, preexec_fn=_default_hangup,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not list((archive / "articles").rglob("*.jsonl")):
        assert proc.poll() is None and time.monotonic() < deadline, "nothing stored"
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGHUP)  # the terminal went away
    _, err = proc.communicate(timeout=120)
    assert "Traceback" not in err, err[-3000:]
    assert proc.returncode == 1
    assert read_runs(archive)[-1]["finish_reason"] == "shutdown"


def test_a_start_url_is_cleaned_as_every_link_is(mirror_url: str, tmp_path: Path) -> None:
    """Tracking parameters, a session id and a fragment: not in the request (the mirror
    answers such a URL 404, as many sites do) and not in the walk's name."""
    archive = tmp_path / "a"
    start = mirror_url + "zhanhui/list_61_1.html"
    result = crawl(archive, mirror_url, "--start-url", start + "?utm_source=x&PHPSESSID=abc#top")
    assert result.returncode == 0, result.stderr[-2000:]
    assert read_runs(archive)[-1]["new"] > 0
    walks = json.loads((archive / "crawl_state.json").read_text(encoding="utf-8"))["walks"]
    assert walks == {start: "complete"}


def test_the_recorder_s_warnings_join_the_crawl_s_log_file(mirror_url: str, tmp_path: Path) -> None:
    """A WARC file left open by a killed crawl is recovered by the recorder process at
    start; what it says goes where the crawl's log goes, not past it to the terminal."""
    archive = tmp_path / "a"
    assert crawl(archive, mirror_url).returncode == 0
    (closed,) = (archive / "warc").glob("*.warc.gz")
    with closed.open("ab") as handle:
        handle.write(os.urandom(300))  # a record torn by the kill
    closed.rename(closed.with_name(closed.name + ".open"))
    log = tmp_path / "crawl.log"
    result = crawl(archive, mirror_url, "--log-file", str(log))
    assert result.returncode == 0, result.stderr[-2000:]
    assert "torn" not in result.stderr
    recovered = [line for line in log.read_text(encoding="utf-8").splitlines() if "torn" in line]
    assert recovered and " WARNING: " in recovered[0], recovered


def obeying_file_modes() -> list[str]:
    """A command prefix under which the test's user obeys file modes: root ignores them,
    so as root the command runs with its DAC capabilities dropped."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("root ignores file modes, and setpriv is not here to drop that")
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]


@pytest.mark.parametrize("command", ["status", "verify"])
def test_an_index_this_user_may_not_read_is_said_as_such_with_74(
    mirror_url: str, tmp_path: Path, command: str
) -> None:
    """Another user's archive whose index this user may not read: the index is not
    damaged, and ``reindex`` (which status advised) could not mend it."""
    archive = tmp_path / "a"
    assert crawl(archive, mirror_url).returncode == 0
    index = archive / "index.sqlite3"
    index.chmod(0)
    try:
        result = subprocess.run(
            [*obeying_file_modes(), sys.executable, "-m", "newsarchive.cli", command,
             str(archive)],
            capture_output=True, text=True, timeout=120, check=False, cwd=REPO,
        )  # fmt: skip
    finally:
        index.chmod(0o644)
    assert result.returncode == 74, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"newsarchive {command}: cannot read {index}: Permission denied (ask its owner to "
        "make it readable, or run this as the user the crawls run as)"
    ]
    assert run_cli(command, str(archive)).returncode == 0


@pytest.mark.parametrize("target", ["index", "month directory", "month file"])
def test_an_archive_file_this_user_may_not_write_exits_74_in_one_line(
    mirror_url: str, tmp_path: Path, target: str
) -> None:
    """Someone ran a crawl once as another user (root, by hand): the cron user's crawl
    stops at the file it may not write, names it, and exits 74, as for a full disk."""
    archive = tmp_path / "a"
    assert crawl(archive, mirror_url).returncode == 0
    url = mirror_url + "robot/2024/1118/453209.html"
    runs = len(read_runs(archive))
    month = archive / "articles" / "2024" / "2024-11.jsonl"
    if target == "index":
        denied = archive / "index.sqlite3"
        denied.chmod(0)
    elif target == "month file":
        denied = month
        month.chmod(0o444)
    else:
        month.unlink()
        assert run_cli("reindex", str(archive)).returncode == 0
        denied = month
        month.parent.chmod(0o555)
    try:
        result = subprocess.run(
            [*obeying_file_modes(), *cli_argv(archive, mirror_url, "--url", url)],
            capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
    finally:
        if target == "month directory":
            denied.parent.chmod(0o755)
        else:
            denied.chmod(0o644)
    assert result.returncode == 74, (result.stdout, result.stderr[-2000:])
    assert "Traceback" not in result.stderr
    assert f"crawl FAILED: Permission denied: {denied}" in result.stderr.splitlines()
    # the run is on record however early it stopped: status and monitors see it
    recorded = read_runs(archive)
    assert len(recorded) == runs + 1
    assert (recorded[-1]["exit_code"], recorded[-1]["finish_reason"]) == (74, "storage_error")


def test_progress_line_on_a_terminal(mirror_url: str, tmp_path: Path) -> None:
    import pty

    leader, follower = pty.openpty()
    try:
        proc = subprocess.Popen(
            cli_argv(tmp_path / "a", mirror_url, "--set", "CONCURRENT_REQUESTS=2",
                     "--set", "DOWNLOAD_DELAY=0.03"),
            stdout=subprocess.PIPE, stderr=follower, text=True,
        )  # fmt: skip
        os.close(follower)
        out, _ = proc.communicate(timeout=120)
        chunks = []
        while True:
            try:
                data = os.read(leader, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(leader)
    terminal = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 0 and out.startswith("crawl ok")
    assert "\r\x1b[Kpages " in terminal and "pages/s | failed 0 (errors 0)" in terminal
    assert "(new 36) | " in terminal  # the last update, written at close
