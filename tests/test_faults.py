"""A faulty mirror and hostile archives: the crawl survives, loses nothing, goes nowhere else."""

from __future__ import annotations

import json
import os
import resource
import stat
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

import pytest

from newsarchive.faults import ALL, PERSISTENT, TRANSIENT, FaultPlan, FaultSpec, FaultSpecError
from newsarchive.runlog import read_runs
from newsarchive.storage import jsonl
from tests.conftest import SITE, read_archive, run_cli, serve_site

MANIFEST = json.loads((SITE / "_manifest.json").read_text(encoding="utf-8"))
ARTICLE_PATHS = [a["path"] for a in MANIFEST["articles"]]
#: Article path -> the path of the story it is a copy of (itself for originals).
STORY = {a["path"]: a.get("duplicate_of") or a["path"] for a in MANIFEST["articles"]}


# --- the fault plan -----------------------------------------------------------------------


def test_spec_parsing() -> None:
    assert FaultSpec.parse("all").kinds == frozenset(ALL)
    spec = FaultSpec.parse("slow, reset ,times=2,slow_seconds=0.5")
    assert spec.kinds == {"slow", "reset"} and spec.times == 2 and spec.slow_seconds == 0.5
    for bad in ("slowly", "all,times=x", "all,colour=red"):
        with pytest.raises(FaultSpecError):
            FaultSpec.parse(bad)


def test_every_fault_hits_some_fixture_page_and_only_on_first_tries() -> None:
    plan = FaultPlan(FaultSpec.parse("all,times=2"))
    hit = {plan.transient_for(p) for p in ARTICLE_PATHS} | {
        plan.persistent_for(p) for p in ARTICLE_PATHS
    }
    assert set(TRANSIENT) | set(PERSISTENT) <= hit
    victim = next(p for p in ARTICLE_PATHS if plan.transient_for(p))
    kind = plan.transient_for(victim)
    assert [plan.take_transient(victim) for _ in range(3)] == [kind, kind, None]


def test_bad_fault_spec_is_a_usage_error() -> None:
    result = run_cli("mirror", "--port", "0", "--faults", "earthquake")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "unknown fault 'earthquake'" in result.stderr


# --- a crawl of the faulty mirror ----------------------------------------------------------------


class _Canary(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"no")

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture()
def canary() -> Iterator[tuple[str, list[str]]]:
    """A server on another loopback address that must never be asked for anything."""
    hits: list[str] = []
    handler = type("Canary", (_Canary,), {"hits": hits})
    server = ThreadingHTTPServer(("127.0.0.2", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.2:{server.server_address[1]}/", hits
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture()
def faulty(canary: tuple[str, list[str]], tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """``newsarchive mirror --faults all`` with a request log; yields (URL, log path)."""
    log = tmp_path / "mirror.log"
    spec = f"all,slow_seconds=2,bomb_megabytes=64,huge_megabytes=4,canary={canary[0]}"
    with serve_site(None, "--verbose", "--faults", spec, log=log) as url:
        yield url, log


LIMITS = (
    "--set", "DOWNLOAD_TIMEOUT=1", "--set", "DOWNLOAD_MAXSIZE=2097152",
    "--set", "DOWNLOAD_WARNSIZE=1048576", "--set", "NEWSARCHIVE_MAX_LISTING_DEPTH=10",
)  # fmt: skip


@pytest.mark.integration
def test_faulty_mirror_crawl(
    faulty: tuple[str, Path],
    canary: tuple[str, list[str]],
    mirror_url: str,
    tmp_path: Path,
) -> None:
    url, mirror_log = faulty
    clean = tmp_path / "clean"
    assert run_cli("crawl", "--base-url", mirror_url, "--archive", str(clean),
                   "--no-throttle").returncode == 0  # fmt: skip
    archive = tmp_path / "faulty"
    result = run_cli("crawl", "--base-url", url, "--archive", str(archive), "--no-throttle",
                     *LIMITS)  # fmt: skip
    assert result.returncode == 0, (result.stdout, result.stderr[-3000:])
    assert "Traceback" not in result.stderr
    run = read_runs(archive)[-1]

    # Each fault is seen and counted by type; every transient one was recovered.
    errors = run["errors_by_type"]
    assert errors.get("DownloadTimeoutError", 0) >= 1  # slow
    assert errors.get("http_503", 0) >= 1 and errors.get("http_500", 0) >= 1
    assert errors.get("ResponseDataLossError", 0) >= 1  # truncated body
    reset = sum(v for k, v in errors.items() if k in ("DownloadFailedError", "ConnectionLost",
                                                      "ResponseNeverReceived"))  # fmt: skip
    assert reset >= 1
    # The one page lost is the redirect loop's: nothing brings it back.
    assert run["failed_by_reason"] == {"redirect_loop": 1}, run["failed_by_reason"]
    assert run["retried"] >= run["errors"]
    assert run["retry_after_waits"] == errors["http_503"]  # Retry-After was honoured
    refused = run["refused"]
    assert refused["too_large"] >= 2  # gzip bomb and oversize page
    assert refused["offsite"] >= 2  # redirects to 127.0.0.2 and to localhost
    assert refused["listing_depth"] >= 1  # endless pagination

    # Every good article is stored exactly once, whole; nothing else is. Copies of one
    # article (script mirrors) count as one story, whichever copy was fetched first.
    plan = FaultPlan(FaultSpec.parse("all"))
    damaged = {STORY[p] for p in ARTICLE_PATHS if plan.persistent_for(p) == "badbytes"}
    want = {STORY[urlsplit(r["url"]).path]: r for r in read_archive(clean)}
    got: dict[str, dict[str, Any]] = {}
    for record in read_archive(archive):
        path = urlsplit(record["url"]).path
        story = STORY.get(path, path)
        assert story not in got, f"stored twice: {story}"
        got[story] = record
    assert set(got) - set(want) == {"/faults/2024/0101/990007.html"}  # off-site counter page
    assert got["/faults/2024/0101/990007.html"]["views"] is None
    assert set(want) <= set(got)
    for story, record in want.items():
        if story not in damaged:
            assert got[story]["content_hash"] == record["content_hash"], story
            assert "\ufffd" not in json.dumps(got[story], ensure_ascii=False), story

    # Nothing left the allowed host: not the canary, not the calendar links.
    assert canary[1] == []
    requests = mirror_log.read_text(encoding="utf-8", errors="replace")
    assert "/faults/cal/" not in requests
    assert "/faults/2024/0101/990008.html" not in requests  # protocol-relative link

    # Memory stayed bounded though a 64 MB bomb and a 4 MB page were served.
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss < 400 * 1024


# --- damaged archives ------------------------------------------------------------------


@pytest.fixture(scope="module")
def crawled_archive(mirror_url: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    archive = tmp_path_factory.mktemp("base")
    assert run_cli("crawl", "--base-url", mirror_url, "--archive", str(archive),
                   "--no-throttle").returncode == 0  # fmt: skip
    return archive


def _damage(archive: Path) -> None:
    files = sorted((archive / "articles").rglob("*.jsonl"))
    with files[0].open("ab") as handle:
        handle.write(b'{"id": 5, "url": null, "content_hash": []}\n')  # wrong types
        handle.write(b'{"id": "\xff\xfe bad utf-8"}\n')
        handle.write(b"not json at all\n")
        handle.write(b'["a", "list"]\n')
    with files[1].open("ab") as handle:
        handle.write(b'{"id":"0123456789abcdef","url":"http://x/","ti')  # torn
    with (archive / "aliases.jsonl").open("ab") as handle:
        handle.write(b'{"url": 1}\n')


@pytest.mark.integration
def test_damaged_archive_is_reported_and_crashes_nothing(
    crawled_archive: Path, mirror_url: str, tmp_path: Path
) -> None:
    import shutil

    archive = tmp_path / "damaged"
    shutil.copytree(crawled_archive, archive)
    _damage(archive)
    verify = run_cli("verify", str(archive))
    assert verify.returncode == 1 and "Traceback" not in verify.stderr
    reported = verify.stdout
    assert "aliases.jsonl:" in reported and reported.count("articles/") >= 4
    export = run_cli("export", "--archive", str(archive))
    # damage inside a file: skipped, named in one line, and exit 1 (README, export)
    assert export.returncode == 1 and "Traceback" not in export.stderr
    assert export.stderr.startswith("newsarchive export: skipped 4 damaged lines (")
    assert len(export.stdout.splitlines()) == 36
    reindex = run_cli("reindex", str(archive))
    assert reindex.returncode == 0, reindex.stderr
    assert "36 articles indexed" in reindex.stdout
    assert "Traceback" not in reindex.stderr
    crawl = run_cli("crawl", "--base-url", mirror_url, "--archive", str(archive),
                    "--no-throttle", "--log-level", "WARNING")  # fmt: skip
    assert crawl.returncode == 0, crawl.stderr[-2000:]
    assert "Traceback" not in crawl.stderr
    assert read_runs(archive)[-1]["new"] == 0
    corrupt = list((archive / "articles").rglob("*.corrupt"))
    assert len(corrupt) == 1 and corrupt[0].read_bytes().startswith(b'{"id":"0123456789abcdef"')


# --- files on disk ------------------------------------------------------------------------


def test_state_files_are_owner_only_and_never_followed_through_symlinks(
    crawled_archive: Path, tmp_path: Path
) -> None:
    for name in ("crawl.lock", "crawl_state.json"):
        mode = stat.S_IMODE((crawled_archive / name).stat().st_mode)
        assert mode == 0o600, (name, oct(mode))
    # the index is read by status and verify, as the month files are by export
    umask = os.umask(0)
    os.umask(umask)
    mode = stat.S_IMODE((crawled_archive / "index.sqlite3").stat().st_mode)
    assert mode == 0o644 & ~umask, oct(mode)
    target = tmp_path / "elsewhere.jsonl"
    target.write_text("")
    link = tmp_path / "link.jsonl"
    link.symlink_to(target)
    with pytest.raises(OSError):
        jsonl.append(link, {"id": "x"})
    assert target.read_text() == ""


def test_page_text_never_chooses_a_path(tmp_path: Path) -> None:
    from newsarchive.storage.layout import month_file

    for hostile in ("../../../etc/2024-01-01T00:00:00+08:00", "2024-01-01T00:00:00/../../x",
                    "９９９９-01-01T00:00:00+08:00", "2024-13-01T00:00:00+08:00/.."):  # fmt: skip
        path = month_file(tmp_path, hostile)
        assert path.resolve().is_relative_to(tmp_path.resolve())
        assert ".." not in path.parts


def test_no_world_writable_or_executable_files(crawled_archive: Path) -> None:
    for path in crawled_archive.rglob("*"):
        if path.is_file():
            mode = stat.S_IMODE(path.stat().st_mode)
            assert not mode & (stat.S_IWOTH | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH), path
    assert os.access(crawled_archive, os.W_OK)
