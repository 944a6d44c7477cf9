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
from newsarchive.storage.index import ArchiveIndex

GROUPS = ("extraction", "crawl", "index", "reparse")
ARTICLES = 10_000
BIG_ARCHIVE = 1_000_000
MIN_CRAWL_SHARE = 0.75
MAX_RSS_MB = 250.0
MAX_GROWTH = 1.2
MIN_SERVER_HEADROOM = 5.0


def _crawl_rows(bare: crawl.CrawlFigures, empty: crawl.CrawlFigures,
                big: crawl.CrawlFigures, memory: tuple[crawl.CrawlFigures, crawl.CrawlFigures],
                check: dict[str, float], open_s: float) -> list[Row]:  # fmt: skip
    """Speed rows from the unsampled crawls, memory rows from the sampled pair."""
    share = empty.pages_per_s / bare.pages_per_s
    headroom = check["pages_per_s"] / bare.pages_per_s
    mem_empty, mem_big = memory
    rss = max(mem_empty.maxrss_mb, mem_big.maxrss_mb)
    rss_growth = mem_big.maxrss_mb / mem_empty.maxrss_mb
    time_growth = (big.wall_s / big.pages) / (empty.wall_s / empty.pages)
    figures = {
        "bare": bare.as_dict(),
        "empty_archive": empty.as_dict(),
        "million_archive": big.as_dict(),
        "memory_empty_archive": mem_empty.as_dict(),
        "memory_million_archive": mem_big.as_dict(),
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
            f"{rss:.0f} MB (empty {mem_empty.maxrss_mb:.0f}, 1M archive {mem_big.maxrss_mb:.0f})",
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


def _memory_crawls(server: crawl.RunningServer, big_source: Path, work: Path,
                   logs: Path) -> tuple[crawl.CrawlFigures, crawl.CrawlFigures]:  # fmt: skip
    """The empty-archive and big-archive crawls again, their memory sampled."""
    empty = crawl.newsarchive_crawl(
        server, work / "memory-empty", logs / "memory-empty.log", "empty", memory=True
    )
    shutil.rmtree(work / "memory-empty", ignore_errors=True)
    big_root = copy_archive(big_source, work / "memory-big")
    big = crawl.newsarchive_crawl(server, big_root, logs / "memory-big.log", "million", memory=True)
    shutil.rmtree(big_root, ignore_errors=True)
    print(
        f"  memory: empty archive {empty.maxrss_mb:.0f} MB, 1M archive {big.maxrss_mb:.0f} MB",
        flush=True,
    )
    return empty, big


def run_crawls(articles: int, big_count: int, logs: Path, repeat: int) -> tuple[list[Row], Path]:
    """Bare, empty-archive and big-archive crawls, ``repeat`` rounds, the fastest of each;
    then an empty-archive and a big-archive crawl whose memory is sampled.

    Rounds alternate the three crawls so that a burst of load elsewhere on the machine
    hits one round, not one kind of crawl; the fastest run of each kind is the one least
    disturbed. Nothing samples the timed crawls: reading a process's memory map slows it,
    and four processes more than one (``benchmarks.measure``). Returns the rows and the
    work dir (the empty-archive crawl's WARC is reparsed later).
    """
    site = cached_site(articles)
    big_source = cached_archive(big_count)
    work = Path(tempfile.mkdtemp(prefix="crawl-", dir=CACHE))
    runs: dict[str, list[crawl.CrawlFigures]] = {"bare": [], "empty": [], "million": []}
    with crawl.serving(site) as server:
        check = crawl.server_check(server, site)
        print(f"  server alone: {check['pages_per_s']:.0f} pages/s", flush=True)
        for n in range(repeat):
            runs["bare"].append(crawl.bare_crawl(server, work, logs / "bare.log"))
            empty_root = work / ("empty" if n == 0 else f"empty-{n}")
            runs["empty"].append(
                crawl.newsarchive_crawl(server, empty_root, logs / "empty.log", "empty")
            )
            big_root = copy_archive(big_source, work / f"big-{n}")
            open_s = _archive_open_seconds(big_root)
            runs["million"].append(
                crawl.newsarchive_crawl(server, big_root, logs / "big.log", "million")
            )
            shutil.rmtree(big_root, ignore_errors=True)
            print(
                "  round {}: bare {:.0f}, empty archive {:.0f}, 1M archive {:.0f} pages/s".format(
                    n + 1, *(runs[k][-1].pages_per_s for k in ("bare", "empty", "million"))
                ),
                flush=True,
            )
        memory = _memory_crawls(server, big_source, work, logs)
    bare, empty, big = (max(runs[k], key=lambda r: r.pages_per_s) for k in runs)
    rows = _crawl_rows(bare, empty, big, memory, check, open_s)
    for row in rows:
        row.details["rounds"] = {k: [round(r.pages_per_s, 1) for r in v] for k, v in runs.items()}
    return rows, work


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--only", choices=GROUPS, action="append")
    parser.add_argument("--quick", action="store_true", help="smaller and fewer: harness check")
    parser.add_argument("--repeat", type=int, default=2, help="crawl rounds (fastest counts)")
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
            crawl_rows, work = run_crawls(articles, big_count, logs, args.repeat)
            if "crawl" in groups:
                rows += crawl_rows
        if "index" in groups:
            print("dedup index ...", flush=True)
            with crawl.scratch_dir("index-") as scratch:
                longer = ArchiveIndex.MERGE_AT * 2 if args.quick else None
                rows += index.run(cached_archive(big_count), scratch, sustained=longer)
        if "reparse" in groups and work is not None:
            print("reparse ...", flush=True)
            rows += reparse.run(work / "empty" / "warc", work, logs, args.repeat)
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
    print()
    if args.quick:
        print(f"--quick: {articles} articles, a {big_count:,}-article archive; the rows name")
        print("the full-size targets, and these figures are not comparable with them.\n")
    print_table(rows)
    if not args.quick and not args.only:
        write_results(rows, load_before=load_before)
        print(f"\nwritten: {RESULTS.relative_to(RESULTS.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
