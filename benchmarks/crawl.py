"""Crawl benchmarks: ``newsarchive crawl`` against a bare Scrapy spider, same server.

Both crawls run as child processes against ``benchmarks.server`` serving a generated
10,000-article mirror (``benchmarks.sitegen``) on 127.0.0.1, with the same settings
(the project's, plus exactly the overrides ``newsarchive crawl --no-throttle`` applies).
Figures per crawl: pages, wall time, pages/s, CPU ms per page and peak RSS of the whole
process tree (``getrusage(RUSAGE_CHILDREN)`` in a fresh measuring process), and the
server's own CPU over the same interval, which shows whether it could have held the
crawl back.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from benchmarks.common import CACHE, REPO, process_cpu_seconds, run_measured
from benchmarks.fetchall import fetch_all

SETTINGS_MODULE = "newsarchive.settings"


@dataclass(frozen=True, slots=True)
class CrawlFigures:
    """One crawl's cost, per page where that is what compares."""

    name: str
    pages: int
    wall_s: float
    cpu_s: float
    maxrss_mb: float
    server_cpu_s: float
    extra: dict[str, Any]

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.wall_s if self.wall_s else 0.0

    @property
    def cpu_ms_per_page(self) -> float:
        return 1000 * self.cpu_s / self.pages if self.pages else 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self) | {
            "pages_per_s": round(self.pages_per_s, 1),
            "cpu_ms_per_page": round(self.cpu_ms_per_page, 3),
        }


@dataclass(frozen=True, slots=True)
class RunningServer:
    url: str
    pid: int


@contextmanager
def serving(site: Path) -> Iterator[RunningServer]:
    """``benchmarks.server`` for ``site`` in a child process, stopped on exit."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.server", str(site)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline().strip()
        if not line.startswith("serving http://127.0.0.1:"):
            raise RuntimeError(f"benchmark server did not start: {line!r}")
        yield RunningServer(line.split(" ", 1)[1], proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def no_throttle_settings(base_url: str) -> dict[str, str]:
    """The Scrapy settings ``newsarchive crawl --no-throttle`` changes, read from the command.

    Taken as the difference between the command's settings with and without the flag, so
    the bare spider gets the same concurrency however the command evolves; the log level
    is the command's too.
    """
    from newsarchive.commands import crawl as command

    parser = argparse.ArgumentParser()
    command.configure(parser)
    plain = command.settings_for(parser.parse_args(["--base-url", base_url]), Path("a"), "r")
    fast_args = parser.parse_args(["--base-url", base_url, "--no-throttle"])
    fast = command.settings_for(fast_args, Path("a"), "r")
    changed = {k: v for k, v in fast.items() if plain.get(k) != v}
    changed["LOG_LEVEL"] = fast.get("LOG_LEVEL", "WARNING")
    return changed


def _env() -> dict[str, str]:
    return dict(os.environ, SCRAPY_SETTINGS_MODULE=SETTINGS_MODULE, PYTHONHASHSEED="0")


def start_urls(base_url: str) -> list[str]:
    from urllib.parse import urljoin

    from newsarchive import settings

    return [urljoin(base_url, p) for p in settings.NEWSARCHIVE_START_PATHS]


def bare_crawl(server: RunningServer, work: Path, log: Path, memory: bool = False) -> CrawlFigures:
    """The bare spider over the same site: the pages/s and CPU to compare against.

    ``memory``: sample the process tree's memory (which slows what it samples, see
    ``benchmarks.measure``; runs timed against each other are not sampled).
    """
    stats_file = work / "bare-stats.json"
    cmd = [sys.executable, "-m", "scrapy", "runspider", str(REPO / "benchmarks/bare_spider.py")]
    cmd += ["-a", "start_urls=" + ",".join(start_urls(server.url))]
    cmd += ["-a", f"stats_file={stats_file}"]
    for name, value in no_throttle_settings(server.url).items():
        cmd += ["-s", f"{name}={value}"]
    # Scrapy's own components only: the project's pipelines, extensions and downloader
    # middlewares (the WARC recorder among them) are what the comparison is about.
    cmd += ["-s", "ITEM_PIPELINES={}", "-s", "EXTENSIONS={}", "-s", "DOWNLOADER_MIDDLEWARES={}"]
    before = process_cpu_seconds(server.pid)
    usage = run_measured(cmd, env=_env(), log=log, memory=memory)
    server_cpu = process_cpu_seconds(server.pid) - before
    stats = json.loads(stats_file.read_text(encoding="utf-8"))
    return CrawlFigures(
        name="bare scrapy",
        pages=int(stats.get("response_received_count", 0)),
        wall_s=usage.wall_s,
        cpu_s=usage.cpu_s,
        maxrss_mb=usage.maxrss_mb,
        server_cpu_s=server_cpu,
        extra={
            "items": int(stats.get("item_scraped_count", 0)),
            "rc": usage.returncode,
            "largest_process_rss_mb": usage.largest_process_rss_mb,
            "tree_pss_mb": usage.tree_pss_mb,
            "tree_rss_mb": usage.tree_rss_mb,
        },
    )


def newsarchive_crawl(
    server: RunningServer,
    archive: Path,
    log: Path,
    name: str,
    extra: Sequence[str] = (),
    memory: bool = False,
) -> CrawlFigures:
    """``newsarchive crawl --base-url URL --no-throttle --archive DIR``, as a user runs it.

    ``extra`` adds options, for measuring a setting's effect (``--set NAME=VALUE``);
    ``memory`` samples the tree's memory, as for ``bare_crawl``.
    """
    cmd = [sys.executable, "-m", "newsarchive.cli", "crawl", "--base-url", server.url]
    cmd += ["--no-throttle", "--archive", str(archive), *extra]
    before = process_cpu_seconds(server.pid)
    usage = run_measured(cmd, env=_env(), log=log, memory=memory)
    server_cpu = process_cpu_seconds(server.pid) - before
    runs = (archive / "runs.jsonl").read_text(encoding="utf-8").splitlines()
    record = json.loads(runs[-1]) if runs else {}
    return CrawlFigures(
        name=name,
        pages=int(record.get("pages", 0)),
        wall_s=usage.wall_s,
        cpu_s=usage.cpu_s,
        maxrss_mb=usage.maxrss_mb,
        server_cpu_s=server_cpu,
        extra={
            "new": record.get("new"),
            "errors": record.get("errors"),
            "exit_code": usage.returncode,
            "largest_process_rss_mb": usage.largest_process_rss_mb,
            "tree_pss_mb": usage.tree_pss_mb,
            "tree_rss_mb": usage.tree_rss_mb,
        },
    )


def server_check(server: RunningServer, site: Path) -> dict[str, float]:
    """A trivial client fetching every page: how fast the server alone can go."""
    paths = (site / "urls.txt").read_text(encoding="utf-8").split()
    before = process_cpu_seconds(server.pid)
    result = asyncio.run(fetch_all(server.url, paths))
    result["server_cpu_ms_per_page"] = (
        1000 * (process_cpu_seconds(server.pid) - before) / len(paths)
    )
    return result


@contextmanager
def scratch_dir(prefix: str) -> Iterator[Path]:
    """A temporary directory on the same disk as the cache (not tmpfs: fsync must cost)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix=prefix, dir=CACHE))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
