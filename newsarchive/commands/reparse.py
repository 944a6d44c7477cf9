"""``newsarchive reparse``: rebuild article records from WARC files, with no network.

Reads ``ARCHIVE/warc/`` (or the ``--warc`` files and folders given), parses every
recorded article page with the current parser, takes views from the recorded counter
answers, and applies the records in WARC order through the archive's dedup. On a
terminal a live line on stderr shows progress; the summary goes to stdout.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

from newsarchive.commands.common import (
    EXIT_FAILED,
    EXIT_OK,
    UsageError,
    archive_name,
    lock_archive,
)

NAME = "reparse"
HELP = "rebuild article records from the WARC files of earlier crawls"
#: Seconds between two updates of the live progress line.
PROGRESS_EVERY = 0.2
#: Most parser processes: beyond a few per core they only add start-up time and memory,
#: and a typo (``--jobs 100000``) would spend a minute starting processes.
MAX_JOBS = max(64, 4 * (os.cpu_count() or 1))


def job_count(value: str) -> int:
    """argparse type of ``--jobs``: 1 to ``MAX_JOBS``."""
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if not 1 <= jobs <= MAX_JOBS:
        raise argparse.ArgumentTypeError(f"must be 1 to {MAX_JOBS}, not {value!r}")
    return jobs


def configure(parser: argparse.ArgumentParser) -> None:
    add = parser.add_argument
    add(
        "--warc",
        action="append",
        default=[],
        metavar="PATH",
        help="WARC file or folder to read (repeatable; default: ARCHIVE/warc/)",
    )
    add("--archive", required=True, type=archive_name, metavar="DIR",
        help="archive to write the records into")  # fmt: skip
    add(
        "--script",
        choices=["zh-Hans", "original"],
        help="output script of text fields (default: NEWSARCHIVE_SCRIPT)",
    )
    add("--wait-lock", type=float, default=0.0, metavar="SECONDS",
        help="wait this long for a crawl holding the archive to finish")  # fmt: skip
    add(
        "--jobs",
        type=job_count,
        default=min(os.cpu_count() or 1, MAX_JOBS),
        metavar="N",
        help="parser processes (default: one per core; 1 parses in this process)",
    )
    add(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a setting the records depend on, as the crawl had it (repeatable): "
        + ", ".join(REPARSE_SETTINGS),
    )


#: The settings a reparse reads that decide what the records are: a crawl run with
#: another value (``crawl --set``) is reparsed with the same one.
REPARSE_SETTINGS = (
    "NEWSARCHIVE_ARTICLE_URL_PATTERNS",
    "NEWSARCHIVE_ARTICLE_PAGE_URL",
    "NEWSARCHIVE_MAX_ARTICLE_PAGES",
    "NEWSARCHIVE_SCRIPT",
)


def reparse_settings(items: list[str]) -> dict[str, Any]:
    """The project's values of ``REPARSE_SETTINGS`` with ``--set`` items over them, each
    checked as ``crawl --set`` checks it; ``UsageError`` for one that is not."""
    from newsarchive import settings
    from newsarchive.commands.crawl import check_setting
    from newsarchive.linkrules import pattern_list

    values: dict[str, Any] = {name: getattr(settings, name) for name in REPARSE_SETTINGS}
    for item in items:
        name, sep, value = (part.strip() for part in item.partition("="))
        if not sep or not name:
            raise UsageError(f"--set wants NAME=VALUE, got {item!r}")
        if name not in REPARSE_SETTINGS:
            raise UsageError(f"--set {name}: reparse reads only {', '.join(REPARSE_SETTINGS)}")
        check_setting(name, value)
        if name == "NEWSARCHIVE_ARTICLE_URL_PATTERNS":
            values[name] = pattern_list(value)
        elif name == "NEWSARCHIVE_MAX_ARTICLE_PAGES":
            values[name] = int(value)
        else:
            values[name] = value
    return values


def input_files(sources: list[str], archive: Path) -> list[Path]:
    """The WARC files to read, in order: folders sorted by name, files as given."""
    from newsarchive.warc.files import warc_dir, warc_files
    from newsarchive.warc.recover import in_use

    def closed_or_abandoned(folder: Path) -> list[Path]:
        """A file a running crawl is still writing is left to that crawl."""
        files = warc_files(folder)
        busy = [p for p in files if p.name.endswith(".open") and in_use(p)]
        for path in busy:
            print(f"skipped (a crawl is writing it): {path}", file=sys.stderr)
        return [p for p in files if p not in busy]

    if not sources:
        folder = warc_dir(archive)
        if not folder.is_dir():
            raise UsageError(f"no WARC folder in {archive} (give --warc PATH)")
        return closed_or_abandoned(folder)
    found: list[Path] = []
    for source in sources:
        path = Path(source).expanduser()
        if path.is_dir():
            found.extend(closed_or_abandoned(path))
        elif path.is_file():
            found.append(path)
        else:
            raise UsageError(f"WARC file or folder not found: {source}")
    return found


def summary_line(summary: object) -> str:
    from newsarchive.reparse.run import Summary

    assert isinstance(summary, Summary)
    a, r = summary.applied, summary.read
    pages = ""
    if summary.pages_joined or summary.pages_missing:
        pages = f"{summary.pages_joined} further pages joined"
        if summary.pages_missing:
            pages += f" ({summary.pages_missing} missing)"
        pages += ", "
    return (
        f"reparse: {r.files} files, {summary.responses} responses, {summary.articles} "
        f"articles, {a.new} new, {a.updated} updated, {a.unchanged} unchanged, "
        f"{a.older} older than the archive's, "
        f"{a.duplicates} duplicates, {a.invalid} invalid, {summary.not_articles} not "
        f"articles, {summary.counters_used} views from counters, {pages}"
        f"{r.unresolved_revisits} unresolved revisits, {len(r.damaged_files)} damaged files"
    )


class LiveLine:
    """One line on a terminal, rewritten in place at most every ``PROGRESS_EVERY`` s."""

    def __init__(self) -> None:
        self._last = 0.0

    def __call__(self, summary: object) -> None:
        now = time.monotonic()
        if now - self._last < PROGRESS_EVERY:
            return
        self._last = now
        sys.stderr.write("\r\x1b[2K" + summary_line(summary)[:200])
        sys.stderr.flush()

    def done(self) -> None:
        sys.stderr.write("\r\x1b[2K")
        sys.stderr.flush()


def run(args: argparse.Namespace) -> int:
    from newsarchive import settings
    from newsarchive.gctune import gc_threshold, restore, tune
    from newsarchive.reparse.run import Options, ReparseFailed, reparse

    archive = Path(args.archive).expanduser().resolve()
    values = reparse_settings(args.set)
    files = input_files(args.warc, archive)
    options = Options(
        files=files,
        archive=archive,
        output_script=args.script or values["NEWSARCHIVE_SCRIPT"],
        jobs=args.jobs,
        required=tuple(settings.NEWSARCHIVE_REQUIRED_FIELDS),
        article_patterns=tuple(values["NEWSARCHIVE_ARTICLE_URL_PATTERNS"]),
        retry_codes=frozenset(settings.RETRY_HTTP_CODES),
        max_pages=max(1, int(values["NEWSARCHIVE_MAX_ARTICLE_PAGES"])),
        page_url=values["NEWSARCHIVE_ARTICLE_PAGE_URL"],
    )
    lock = lock_archive(archive, args.wait_lock, create=True)
    live = LiveLine() if sys.stderr.isatty() else None
    # The parent applies every record while the workers parse: the crawl's tuning
    # (newsarchive.gctune) takes about 3% off a two-worker run; workers inherit it.
    threshold = gc_threshold(settings.NEWSARCHIVE_GC_THRESHOLD)
    if threshold:
        tune(threshold)
    try:
        summary = reparse(options, progress=live)
    except (OSError, ReparseFailed) as exc:
        print(f"newsarchive reparse: {exc}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        if threshold:
            restore()
        lock.release()
        if live:
            live.done()
    print(summary_line(summary))
    for damaged in summary.read.damaged_files:
        print(f"damaged (whole records read, damage skipped): {damaged}", file=sys.stderr)
    return EXIT_FAILED if summary.read.damaged_files else EXIT_OK
