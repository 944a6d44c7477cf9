"""``newsarchive crawl``: run a spider in a child Scrapy process, report honestly.

The crawl runs as ``python -m scrapy crawl`` with the project settings, so it works from
any directory and this package never imports Scrapy. The child appends a run record to
``ARCHIVE/runs.jsonl``; the summary line and the exit code come from that record, and a
child that died before writing one is a failed crawl.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import uuid
from pathlib import Path

from newsarchive.commands.common import EXIT_FAILED, UsageError, http_url

NAME = "crawl"
HELP = "crawl listings (default) or the given article URLs"
SETTINGS_MODULE = "newsarchive.settings"


def configure(parser: argparse.ArgumentParser) -> None:
    add = parser.add_argument
    add(
        "--start-url",
        action="append",
        default=[],
        type=http_url,
        metavar="URL",
        help="listing page to start from (repeatable)",
    )
    add(
        "--url",
        action="append",
        default=[],
        type=http_url,
        metavar="URL",
        help="article to fetch (repeatable); selects the 'article' spider",
    )
    add("--url-file", metavar="PATH", help="file of article URLs, one a line")
    add(
        "--archive", default="archive", metavar="DIR", help="archive directory (default: ./archive)"
    )
    add(
        "--base-url",
        type=http_url,
        metavar="URL",
        help="site root the configured start paths are joined to",
    )
    add(
        "--no-throttle",
        action="store_true",
        help="no delay or AutoThrottle: only for a mirror you run yourself",
    )
    add(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a Scrapy setting (repeatable)",
    )
    add("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"])


def read_url_file(name: str) -> list[str]:
    path = Path(name)
    if not path.is_file():
        raise UsageError(f"URL file not found: {name}")
    urls = [
        line.strip()
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    for url in urls:
        try:
            http_url(url)
        except argparse.ArgumentTypeError as exc:
            raise UsageError(f"{name}: {exc}") from None
    return urls


def settings_for(args: argparse.Namespace, archive: Path, run_id: str) -> dict[str, str]:
    """Scrapy settings this invocation overrides, ``--set`` last so it wins."""
    settings = {
        "NEWSARCHIVE_ARCHIVE": str(archive),
        "NEWSARCHIVE_RUN_ID": run_id,
        "LOG_LEVEL": args.log_level,
    }
    if args.base_url:
        settings["NEWSARCHIVE_BASE_URL"] = args.base_url
    if args.no_throttle:
        settings.update(
            {
                "DOWNLOAD_DELAY": "0",
                "AUTOTHROTTLE_ENABLED": "False",
                "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
                "CONCURRENT_REQUESTS": "16",
            }
        )
    for item in args.set:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--set wants NAME=VALUE, got {item!r}")
        settings[name.strip()] = value
    return settings


def crawl_command(args: argparse.Namespace, archive: Path, run_id: str) -> list[str]:
    """The child ``scrapy crawl`` command line for these arguments."""
    urls = list(args.url) + (read_url_file(args.url_file) if args.url_file else [])
    if urls and args.start_url:
        raise UsageError("give either --start-url (listing crawl) or --url (articles), not both")
    cmd = [sys.executable, "-m", "scrapy", "crawl", "article" if urls else "ailab"]
    for name, value in settings_for(args, archive, run_id).items():
        cmd += ["-s", f"{name}={value}"]
    if urls:
        cmd += ["-a", "urls=" + ",".join(urls)]
    elif args.start_url:
        cmd += ["-a", "start_urls=" + ",".join(args.start_url)]
    return cmd


def run(args: argparse.Namespace) -> int:
    from newsarchive.runlog import find_run, summary_line

    run_id = uuid.uuid4().hex
    archive = Path(args.archive).expanduser().resolve()
    cmd = crawl_command(args, archive, run_id)
    try:
        archive.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create archive {archive}: {exc.strerror}") from None
    env = dict(os.environ, SCRAPY_SETTINGS_MODULE=SETTINGS_MODULE)
    child = subprocess.run(cmd, env=env, check=False)
    record = find_run(archive, run_id)
    if record is None:
        print(
            f"crawl FAILED: the crawler exited with {child.returncode} before "
            "finishing (see the log above)",
            file=sys.stderr,
        )
        return EXIT_FAILED
    print(summary_line(record))
    print(f"archive: {archive}")
    return int(record["exit_code"])
