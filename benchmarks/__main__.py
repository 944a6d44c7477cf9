"""``python -m benchmarks`` (``make bench``): run every benchmark, print the table.

Writes ``benchmarks/results.json`` (figures, bounds, details and the machine) and keeps
the child processes' logs in ``benchmarks/.cache/logs/``. ``--only NAME`` runs one group
(extraction, crawl, index, reparse); ``--quick`` uses fewer repetitions and a smaller
site, for checking that the harness works, not for figures.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import crawl, extraction, index, reparse
from benchmarks.common import CACHE, RESULTS, Row, print_table, write_results
from benchmarks.sitegen import cached_site
from benchmarks.synth_archive import cached_archive, copy_archive

GROUPS = ("extraction", "crawl", "index", "reparse")
ARTICLES = 10_000
BIG_ARCHIVE = 1_000_000
MIN_CRAWL_SHARE = 0.75
MAX_RSS_MB = 250.0
MAX_GROWTH = 1.2
MIN_SERVER_HEADROOM = 5.0


def _crawl_rows(bare: crawl.CrawlFigures, empty: crawl.CrawlFigures,
                big: crawl.CrawlFigures, check: dict[str, float],
                open_s: float) -> list[Row]:  # fmt: skip
    share = empty.pages_per_s / bare.pages_per_s
    headroom = check["pages_per_s"] / bare.pages_per_s
    rss = max(empty.maxrss_mb, big.maxrss_mb)
    rss_growth = big.maxrss_mb / empty.maxrss_mb
    time_growth = (big.wall_s / big.pages) / (empty.wall_s / empty.pages)
    figures = {
        "bare": bare.as_dict(),
        "empty_archive": empty.as_dict(),
        "million_archive": big.as_dict(),
        "server_alone": check,
        "million_archive_open_s": round(open_s, 3),
    }
    return [
        Row(
            "crawl: pages/s vs bare Scrapy",
            f"{share:.0%} ({empty.pages_per_s:.0f} vs {bare.pages_per_s:.0f} pages/s; "
            f"CPU {empty.cpu_ms_per_page:.2f} vs {bare.cpu_ms_per_page:.2f} ms/page)",
            f">= {MIN_CRAWL_SHARE:.0%}",
            share >= MIN_CRAWL_SHARE,
            figures,
        ),
        Row(
            "crawl: server is not the bottleneck",
            f"plain client {check['pages_per_s']:.0f} pages/s = {headroom:.0f}x bare crawl; "
            f"server CPU {1000 * empty.server_cpu_s / empty.pages:.3f} ms/page",
            f">= {MIN_SERVER_HEADROOM:g}x",
            headroom >= MIN_SERVER_HEADROOM,
            {"server_alone": check},
        ),
        Row(
            "memory: peak RSS of the 10k crawl",
            f"{rss:.0f} MB (empty {empty.maxrss_mb:.0f}, 1M archive {big.maxrss_mb:.0f})",
            f"< {MAX_RSS_MB:.0f} MB",
            rss < MAX_RSS_MB,
            figures,
        ),
        Row(
            "memory: RSS, 1M-article archive vs empty",
            f"{rss_growth:.2f}x",
            f"<= {MAX_GROWTH}x",
            rss_growth <= MAX_GROWTH,
            figures,
        ),
        Row(
            "time per page, 1M-article archive vs empty",
            f"{time_growth:.2f}x ({1000 * big.wall_s / big.pages:.2f} vs "
            f"{1000 * empty.wall_s / empty.pages:.2f} ms/page)",
            f"<= {MAX_GROWTH}x",
            time_growth <= MAX_GROWTH,
            figures,
        ),
    ]


def _archive_open_seconds(root: Path) -> float:
    """How long ``Archive(root)`` takes (torn-tail checks, catch-up) on a big archive."""
    from newsarchive.storage.archive import Archive

    start = time.perf_counter()
    Archive(root).close()
    return time.perf_counter() - start


def run_crawls(articles: int, big_count: int, logs: Path) -> tuple[list[Row], Path, Path]:
    """Bare, empty-archive and big-archive crawls; returns rows and the kept work dir."""
    site = cached_site(articles)
    big_source = cached_archive(big_count)
    work = Path(tempfile.mkdtemp(prefix="crawl-", dir=CACHE))
    with crawl.serving(site) as server:
        check = crawl.server_check(server, site)
        print(f"  server alone: {check['pages_per_s']:.0f} pages/s", flush=True)
        bare = crawl.bare_crawl(server, work, logs / "bare.log")
        print(f"  bare scrapy: {bare.pages_per_s:.0f} pages/s", flush=True)
        empty = crawl.newsarchive_crawl(server, work / "empty", logs / "empty.log", "empty")
        print(f"  newsarchive, empty archive: {empty.pages_per_s:.0f} pages/s", flush=True)
        big_root = copy_archive(big_source, work / "big")
        open_s = _archive_open_seconds(big_root)
        big = crawl.newsarchive_crawl(server, big_root, logs / "big.log", "million")
        print(f"  newsarchive, 1M archive: {big.pages_per_s:.0f} pages/s", flush=True)
    return _crawl_rows(bare, empty, big, check, open_s), work, big_source


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--only", choices=GROUPS, action="append")
    parser.add_argument("--quick", action="store_true", help="smaller and fewer: harness check")
    args = parser.parse_args(argv)
    groups = args.only or list(GROUPS)
    load_before = os.getloadavg()
    articles, big_count = (500, 20_000) if args.quick else (ARTICLES, BIG_ARCHIVE)
    logs = CACHE / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    rows: list[Row] = []
    if "extraction" in groups:
        print("extraction ...", flush=True)
        rows += extraction.run(quick=args.quick)
    work: Path | None = None
    try:
        if "crawl" in groups or "reparse" in groups:
            print(f"crawl of {articles:,} articles ...", flush=True)
            crawl_rows, work, _big = run_crawls(articles, big_count, logs)
            if "crawl" in groups:
                rows += crawl_rows
        if "index" in groups:
            print("dedup index ...", flush=True)
            with crawl.scratch_dir("index-") as scratch:
                rows += index.run(cached_archive(big_count), scratch)
        if "reparse" in groups and work is not None:
            print("reparse ...", flush=True)
            rows += reparse.run(work / "empty" / "warc", work, logs)
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
    print()
    print_table(rows)
    if not args.quick and not args.only:
        write_results(rows, load_before=load_before)
        print(f"\nwritten: {RESULTS.relative_to(RESULTS.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
