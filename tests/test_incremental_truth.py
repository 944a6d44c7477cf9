"""What the archive believes about earlier crawls must be true.

A walk recorded as complete in ``crawl_state.json`` lets later crawls stop at the first
all-known listing page, so it must mean that every listing page of the walk was fetched
and parsed; a stored article found gone since its last fetch must not be fetched again
on every run, yet must be fetched once it is back.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from newsarchive.dates import PORTAL_TZ
from newsarchive.incremental import STATE_FILE, FetchPolicy, WalkProgress, found_after
from newsarchive.runlog import read_runs
from newsarchive.storage import layout
from tests.conftest import SITE, read_archive, run_cli, serve_site

ROBOT = "/robot/list_8_1.html"
LOST_PAGE = "/robot/list_8_2.html"
#: Listed only on /robot/list_8_3.html, which only /robot/list_8_2.html links to.
BEHIND_LOST_PAGE = "/robot/2018/0506/372418.html"


# --- units ---------------------------------------------------------------------------------


def walked(progress: WalkProgress, walk: str, *urls: str, walk_all: bool = False) -> None:
    for url in urls:
        progress.requested(walk)
        progress.parsed(walk, [url], walk_all)


def test_a_walk_whose_pages_were_all_parsed_is_complete() -> None:
    progress = WalkProgress()
    walked(progress, "a", "a", "a2", "a3")
    walked(progress, "b", "b")
    assert progress.complete(["a", "b"]) == {"a", "b"}


def test_a_lost_page_fails_its_walk_only() -> None:
    progress = WalkProgress()
    walked(progress, "a", "a")
    progress.requested("a")
    progress.failed("a", ["a2"], False)
    walked(progress, "b", "b")
    assert progress.complete(["a", "b"]) == {"b"}
    assert progress.failures("a") == 1 and progress.failures("b") == 0


def test_a_page_never_answered_fails_its_walk() -> None:
    """Dropped by a middleware, or its callback raised: neither parsed nor failed."""
    progress = WalkProgress()
    walked(progress, "a", "a")
    progress.requested("a")
    assert progress.complete(["a"]) == set()


def test_a_duplicate_leans_on_the_walk_that_fetched_the_page() -> None:
    progress = WalkProgress()
    walked(progress, "a", "a", "shared")
    walked(progress, "b", "b")
    progress.requested("b")
    progress.dropped("b", "shared", False)
    assert progress.complete(["a", "b"]) == {"a", "b"}
    progress.requested("a")
    progress.failed("a", ["a3"], False)  # the walk that fetched the page lost a later one
    assert progress.complete(["a", "b"]) == set()


def test_a_duplicate_wanting_the_whole_walk_needs_a_fetch_that_walked_on() -> None:
    progress = WalkProgress()
    walked(progress, "a", "a", "shared", walk_all=False)  # an incremental walk stopped there
    walked(progress, "b", "b", walk_all=True)
    progress.requested("b")
    progress.dropped("b", "shared", True)
    assert progress.complete(["a", "b"]) == {"a"}


def test_a_duplicate_of_a_page_never_fetched_fails_its_walk() -> None:
    progress = WalkProgress()
    progress.requested("a")
    progress.dropped("a", "a", False)
    assert progress.complete(["a"]) == set()


def test_an_article_lost_or_never_answered_fails_the_walk_that_listed_it() -> None:
    progress = WalkProgress()
    for walk in ("lost", "pending", "answered"):
        walked(progress, walk, walk)
        progress.article_requested(walk)
        progress.article_requested(walk)
        progress.article_answered(walk)
    progress.article_lost("lost")  # a 5xx after the retries
    progress.article_answered("answered")  # "pending": its callback raised
    assert progress.complete(["lost", "pending", "answered"]) == {"answered"}
    assert progress.lost_articles("lost") == 1 and progress.lost_articles("pending") == 0


def test_a_lost_page_of_no_known_walk_fails_every_walk() -> None:
    """A request queued for --resume by an older version does not name its walk."""
    progress = WalkProgress()
    walked(progress, "a", "a")
    walked(progress, "b", "b")
    progress.parsed(None, ["c"], False)  # answered: no walk is the worse for it
    assert progress.complete(["a", "b"]) == {"a", "b"}
    progress.failed(None, ["d"], False)
    assert progress.complete(["a", "b"]) == set()


def test_progress_survives_an_interruption_in_the_job_state() -> None:
    """What --resume sees: the interrupted crawl's record, pickled by Scrapy."""
    state: dict[str, Any] = {}
    first = WalkProgress(state.setdefault("walks", {}))
    walked(first, "a", "a")
    first.requested("a")
    first.failed("a", ["a2"], False)
    walked(first, "b", "b")
    first.requested("b")  # queued when the crawl was interrupted
    resumed = WalkProgress(pickle.loads(pickle.dumps(state))["walks"])
    for walk in ("a", "b"):  # the start requests again, dropped as already seen
        resumed.requested(walk)
        resumed.dropped(walk, walk, False)
    resumed.parsed("b", ["b2"], False)  # the queued request, answered now
    assert resumed.complete(["a", "b"]) == {"b"}


def test_damaged_state_starts_afresh() -> None:
    progress = WalkProgress({"pending": [], "failed": "x"})
    walked(progress, "a", "a")
    assert progress.complete(["a"]) == {"a"}


@pytest.mark.parametrize(
    ("seen_at", "fetched_at", "after"),
    [
        ("2026-06-02T00:00:00Z", "2026-06-01T00:00:00Z", True),
        ("2026-06-01T00:00:00Z", "2026-06-02T00:00:00Z", False),  # came back since
        ("2026-06-01T00:00:00Z", "2026-06-01T00:00:00Z", False),
        ("2026-06-01T08:00:00+08:00", "2026-05-31T23:00:00Z", True),  # zones compared
        ("2026-06-01T00:00:00Z", None, True),  # fetch time unknown: the finding is newer
        (None, "2026-06-01T00:00:00Z", False),  # undated finding
        ("2026-06-02", "2026-06-01T00:00:00Z", False),  # no zone: not comparable
    ],
)
def test_found_after(seen_at: str | None, fetched_at: str | None, after: bool) -> None:
    assert found_after(seen_at, fetched_at) is after


@pytest.mark.parametrize(
    ("seen_at", "fetched_at", "full", "skip"),
    [
        ("2026-05-31T00:00:00Z", "2026-05-30T00:00:00Z", False, True),  # gone yesterday
        ("2026-03-01T00:00:00Z", "2026-02-28T00:00:00Z", False, False),  # due for a recheck
        ("2026-05-31T00:00:00Z", "2026-05-30T00:00:00Z", True, False),  # --full
        ("2026-05-30T00:00:00Z", "2026-05-31T00:00:00Z", False, False),  # back since
    ],
)
def test_skip_gone(seen_at: str, fetched_at: str, full: bool, skip: bool) -> None:
    policy = FetchPolicy(full=full, now=datetime(2026, 6, 1, tzinfo=UTC))
    assert policy.skip_gone(seen_at, fetched_at) is skip


# --- crawls ----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def serve_at(root: Path, port: int, log: Path | None = None) -> Iterator[str]:
    """The site at ``root`` on a fixed port: archived URLs and walk names stay the same
    across restarts (the mirror reads ``_headers.json`` only when it starts)."""
    extra = ["--port", str(port)] + (["--verbose"] if log else [])
    with serve_site(root, *extra, log=log) as url:
        yield url


def set_status(root: Path, path: str, status: int | None) -> None:
    """Override (or, with None, restore) the status the mirror answers ``path`` with."""
    headers_file = root / "_headers.json"
    headers = json.loads(headers_file.read_text(encoding="utf-8"))
    if status is None:
        headers.pop(path, None)
    else:
        headers[path] = {"status": status}
    headers_file.write_text(json.dumps(headers), encoding="utf-8")


def crawl(archive: Path, url: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return run_cli("crawl", "--base-url", url, "--archive", str(archive), "--no-throttle",
                   *extra)  # fmt: skip


def walks(archive: Path, url: str) -> dict[str, str]:
    """Each start path's recorded walk."""
    state = json.loads((archive / STATE_FILE).read_text(encoding="utf-8"))
    base = url.rstrip("/")
    return {k.removeprefix(base): v for k, v in state["walks"].items()}


def stored_paths(archive: Path) -> set[str]:
    return {"/" + r["url"].split("/", 3)[3] for r in read_archive(archive)}


def stories(archive: Path) -> set[str]:
    return {r["content_hash"] for r in read_archive(archive)}


def copy_site(tmp_path: Path) -> Path:
    import shutil

    root = tmp_path / "site"
    shutil.copytree(SITE, root)
    return root


@pytest.mark.integration
def test_a_lost_listing_page_is_walked_again_until_its_articles_are_stored(
    tmp_path: Path,
) -> None:
    root, port, archive = copy_site(tmp_path), free_port(), tmp_path / "a"
    set_status(root, LOST_PAGE, 500)
    with serve_at(root, port) as url:
        first = crawl(archive, url)
        assert first.returncode == 0, first.stderr[-2000:]
    assert read_runs(archive)[-1]["failed_requests"] == 1  # after its retries
    state = walks(archive, url)
    assert state[ROBOT] == "incomplete"
    assert state["/"] == state["/zhanhui/list_61_1.html"] == "complete"
    assert BEHIND_LOST_PAGE not in stored_paths(archive)

    set_status(root, LOST_PAGE, None)
    with serve_at(root, port) as url:
        second = crawl(archive, url)
        assert second.returncode == 0, second.stderr[-2000:]
        assert BEHIND_LOST_PAGE in stored_paths(archive)  # walked in full this time
        assert walks(archive, url)[ROBOT] == "complete"
        third = crawl(archive, url)
        assert third.returncode == 0, third.stderr[-2000:]
    clean = tmp_path / "clean"
    with serve_at(root, port) as url:
        assert crawl(clean, url).returncode == 0
    # Copies of one article (script mirrors) are kept as whichever was fetched first.
    assert stories(archive) == stories(clean)
    runs = read_runs(archive)
    assert runs[-1]["new"] == 0 and runs[-1]["listing_pages"] < runs[-2]["listing_pages"]


@pytest.mark.integration
def test_listing_pages_reset_for_good_leave_their_walk_incomplete(tmp_path: Path) -> None:
    root = copy_site(tmp_path)
    # The fault plan resets /robot/list_8_1.html and /robot/list_8_2.html, and articles
    # listed on / (and on the channel pages), on every attempt.
    with serve_site(root, "--faults", "reset,times=100") as url:
        result = crawl(tmp_path / "a", url)
    assert result.returncode in (0, 1), result.stderr[-2000:]
    state = walks(tmp_path / "a", url)
    assert state[ROBOT] == "incomplete"
    assert state["/"] == "incomplete"  # three articles it lists were lost
    assert state["/mode/voice/list_14_1.html"] == "complete"  # no fault target in it


@pytest.mark.integration
def test_articles_lost_for_good_are_fetched_by_the_next_crawl(tmp_path: Path) -> None:
    """An article given up on (a 500 on every attempt) leaves its walk incomplete, so
    the next crawl walks it in full and finds the article, though the listing pages
    before it are by then all known."""
    root, port, archive = copy_site(tmp_path), free_port(), tmp_path / "a"
    with serve_at(root, port) as url:
        assert crawl(tmp_path / "clean", url).returncode == 0
    with serve_site(root, "--port", str(port), "--faults", "error,times=100") as url:
        crawl(archive, url)
        lost = read_runs(archive)[-1]["failed_by_reason"]
        assert lost.get("http_500", 0) >= 5, lost
        assert "incomplete" in walks(archive, url).values()
    with serve_at(root, port) as url:
        healed = crawl(archive, url)
        assert healed.returncode == 0, healed.stderr[-2000:]
        state = walks(archive, url)
        assert set(state.values()) == {"complete"}, state
    assert stories(archive) == stories(tmp_path / "clean")


@pytest.mark.integration
def test_listing_pages_recovered_by_a_retry_do_not_fail_their_walk(tmp_path: Path) -> None:
    root = copy_site(tmp_path)
    # Each fault target fails once (a 500, or a reset), then is served whole.
    with serve_site(root, "--faults", "error,reset") as url:
        result = crawl(tmp_path / "a", url)
    assert result.returncode == 0, result.stderr[-2000:]
    run = read_runs(tmp_path / "a")[-1]
    assert run["failed_requests"] == 0 and run["retried"] >= 2
    state = walks(tmp_path / "a", url)
    assert set(state.values()) == {"complete"}


@pytest.mark.integration
def test_a_start_listing_that_is_not_there_fails_its_walk_and_is_counted(
    tmp_path: Path,
) -> None:
    """A configured channel the site no longer has: its walk never completes, and the
    404 is a request given up on, which the summary counts."""
    root = copy_site(tmp_path)
    (root / "mode" / "voice" / "list_14_1.html").unlink()
    with serve_site(root) as url:
        result = crawl(tmp_path / "a", url)
        assert result.returncode == 0, result.stderr[-2000:]  # 1 of 57 requests
        state = walks(tmp_path / "a", url)
    assert state.pop("/mode/voice/list_14_1.html") == "incomplete"
    assert set(state.values()) == {"complete"}
    run = read_runs(tmp_path / "a")[-1]
    assert run["failed_by_reason"] == {"http_404": 1}
    assert "1 failed requests" in result.stdout


@pytest.mark.integration
def test_a_maintenance_page_for_every_article_does_not_keep_them_out(tmp_path: Path) -> None:
    """A crawl that met a maintenance page on every article is unhealthy (exit 3); its
    'no body' findings do not keep those articles out of the next crawl."""
    root, port, archive = copy_site(tmp_path), free_port(), tmp_path / "a"
    maintenance = "<html><head><title>系统维护中</title></head><body><p>维护中</p></body></html>"
    articles = [p for p in root.rglob("*.html") if re.search(r"/\d{4}/\d{4}/\d+", str(p))]
    saved = {p: p.read_bytes() for p in articles}
    for page in articles:
        page.write_text(maintenance, encoding="utf-8")
    with serve_at(root, port) as url:
        assert crawl(archive, url).returncode == 3
    assert read_runs(archive)[-1]["new"] == 0
    for page, body in saved.items():
        page.write_bytes(body)
    with serve_at(root, port) as url:
        assert crawl(tmp_path / "clean", url).returncode == 0
        healed = crawl(archive, url)
        assert healed.returncode == 0, healed.stderr[-2000:]
    assert stories(archive) == stories(tmp_path / "clean")


@pytest.mark.integration
def test_full_crawl_records_the_truth_too(tmp_path: Path) -> None:
    root, port, archive = copy_site(tmp_path), free_port(), tmp_path / "a"
    with serve_at(root, port) as url:
        assert crawl(archive, url).returncode == 0
    set_status(root, LOST_PAGE, 500)
    with serve_at(root, port) as url:
        assert crawl(archive, url, "--full").returncode == 0
        assert walks(archive, url)[ROBOT] == "incomplete"
    set_status(root, LOST_PAGE, None)
    with serve_at(root, port) as url:
        assert crawl(archive, url, "--full").returncode == 0
        assert walks(archive, url)[ROBOT] == "complete"
        assert not (archive / layout.JOB_DIR).exists()


@pytest.mark.integration
def test_resume_keeps_a_listing_page_lost_before_the_interruption(tmp_path: Path) -> None:
    """A listing page lost in the interrupted part of a --full crawl is not fetched
    again by --resume (Scrapy has seen it): the walk must stay incomplete, and the next
    crawl must walk it in full."""
    root, port, archive = copy_site(tmp_path), free_port(), tmp_path / "a"
    log = tmp_path / "mirror.log"
    set_status(root, LOST_PAGE, 500)
    with serve_at(root, port, log) as url:
        proc = subprocess.Popen(
            [sys.executable, "-m", "newsarchive.cli", "crawl", "--base-url", url,
             "--archive", str(archive), "--no-throttle", "--full",
             "--set", "CONCURRENT_REQUESTS=1", "--set", "DOWNLOAD_DELAY=0.2",
             "--set", "RETRY_TIMES=0"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
            start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while f"GET {LOST_PAGE} " not in log.read_text(errors="replace"):
            assert proc.poll() is None and time.monotonic() < deadline, "never asked"
            time.sleep(0.05)
        time.sleep(0.3)  # its 500 reaches the spider
        os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C: Scrapy keeps its job state
        proc.communicate(timeout=60)
    assert proc.returncode == 1 and (archive / layout.JOB_DIR).is_dir()
    assert read_runs(archive)[-1]["finish_reason"] == "shutdown"

    set_status(root, LOST_PAGE, None)
    with serve_at(root, port) as url:
        resumed = crawl(archive, url, "--resume")
        assert resumed.returncode == 0, resumed.stderr[-2000:]
        assert read_runs(archive)[-1]["finish_reason"] == "finished"
        assert walks(archive, url)[ROBOT] == "incomplete"
        assert BEHIND_LOST_PAGE not in stored_paths(archive)
        after = crawl(archive, url)
        assert after.returncode == 0, after.stderr[-2000:]
        assert BEHIND_LOST_PAGE in stored_paths(archive)
        assert walks(archive, url)[ROBOT] == "complete"


# --- a stored article that is gone -----------------------------------------------------------

RECENT_LI = """  <ul>
   <li>
    <h3><a href="{href}" target="_blank">近日新闻</a></h3>
    <span>[机器学习] {day}</span>
   </li>"""


def add_recent_article(root: Path) -> str:
    """A copy of a listed article, published an hour ago (inside the refresh window) and
    listed first on its channel; its path."""
    published = datetime.now(PORTAL_TZ) - timedelta(hours=1)
    rel = published.strftime("%Y/%m%d") + "/460002.html"
    src = root / "robot" / "2024" / "1118" / "453209.html"
    page = root / "robot" / rel
    page.parent.mkdir(parents=True, exist_ok=True)
    text = src.read_text(encoding="utf-8")
    assert "2024-11-18 10:32:05" in text
    page.write_text(
        text.replace("过去一年", "近一年").replace(
            "2024-11-18 10:32:05", published.strftime("%Y-%m-%d %H:%M:%S")
        ),
        encoding="utf-8",
    )
    listing = root / "robot" / "list_8_1.html"
    body = listing.read_text(encoding="utf-8")
    listing.write_text(
        body.replace("  <ul>", RECENT_LI.format(href=rel, day=published.date()), 1),
        encoding="utf-8",
    )
    return f"/robot/{rel}"


def requests_for(log: Path, path: str) -> int:
    return log.read_text(encoding="utf-8", errors="replace").count(f'"GET {path} ')


@pytest.mark.integration
def test_a_stored_article_found_gone_is_not_fetched_again_until_it_is_due(
    tmp_path: Path,
) -> None:
    root, archive, log = copy_site(tmp_path), tmp_path / "a", tmp_path / "mirror.log"
    path = add_recent_article(root)
    page = root / path.lstrip("/")
    saved = page.read_bytes()
    with serve_site(root, "--verbose", log=log) as url:

        def run(*extra: str) -> int:
            """Crawl; how often the article was asked for."""
            before = requests_for(log, path)
            result = crawl(archive, url, *extra)
            assert result.returncode == 0, result.stderr[-2000:]
            time.sleep(0.1)  # the mirror's log line follows its answer
            return requests_for(log, path) - before

        assert run() == 1
        assert path in stored_paths(archive)
        page.unlink()
        assert run() == 1  # recent, so refreshed: a 404, remembered in gone.jsonl
        gone = (archive / layout.GONE_FILE).read_text(encoding="utf-8")
        assert path in gone
        assert run() == 0  # found gone since its last fetch: skipped
        assert run() == 0
        assert run("--full") == 1  # --full checks it
        page.write_bytes(saved)
        assert run("--full") == 1  # back: fetched, unchanged, its views observed
        assert run() == 1  # back since the finding: refreshed again, as any recent article
        assert (archive / layout.GONE_FILE).read_text(encoding="utf-8").count(path) == 1
