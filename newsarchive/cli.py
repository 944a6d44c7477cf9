"""The ``newsarchive`` command line.

``crawl`` runs a spider in a child ``scrapy`` process with the project settings, so the
command works from any directory and this package never imports Scrapy; the child
appends a run record to ``ARCHIVE/runs.jsonl``, which is where the summary and the exit
code come from. User mistakes end in one line on stderr and exit 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn
from urllib.parse import urlsplit

from newsarchive import __version__
from newsarchive.runlog import EXIT_FAILED, EXIT_USAGE, find_run, summary_line

SETTINGS_MODULE = "newsarchive.settings"


class UsageError(Exception):
    """A mistake in the command line or its inputs: reported in one line, exit 2."""


def _http_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise argparse.ArgumentTypeError(f"not an http(s) URL: {value!r}")
    return value


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line on stderr (no usage dump) and exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="newsarchive", description="Archive the AiLab portal as JSON Lines.")
    parser.add_argument("--version", action="version", version=f"newsarchive {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    crawl = sub.add_parser("crawl", help="crawl listings (default) or the given article URLs")
    crawl.add_argument(
        "--start-url",
        action="append",
        default=[],
        type=_http_url,
        metavar="URL",
        help="listing page to start from (repeatable)",
    )
    crawl.add_argument(
        "--url",
        action="append",
        default=[],
        type=_http_url,
        metavar="URL",
        help="article to fetch (repeatable); selects the 'article' spider",
    )
    crawl.add_argument("--url-file", metavar="PATH", help="file of article URLs, one a line")
    crawl.add_argument(
        "--archive", default="archive", metavar="DIR", help="archive directory (default: ./archive)"
    )
    crawl.add_argument(
        "--base-url",
        type=_http_url,
        metavar="URL",
        help="site root the configured start paths are joined to",
    )
    crawl.add_argument(
        "--no-throttle",
        action="store_true",
        help="no delay or AutoThrottle: only for a mirror you run yourself",
    )
    crawl.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a Scrapy setting (repeatable)",
    )
    crawl.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"])

    parse = sub.add_parser("parse", help="extract one saved page and print its record")
    parse.add_argument("file", metavar="FILE")
    parse.add_argument("--url", required=True, type=_http_url, help="the URL the page had")
    parse.add_argument("--charset", help="charset from the HTTP header, if known")
    parse.add_argument("--script", choices=["zh-Hans", "original"], default="zh-Hans")

    mirror = sub.add_parser("mirror", help="serve the fixture portal mirror on 127.0.0.1")
    mirror.add_argument("--port", type=int, default=8000, help="0 picks a free port")
    mirror.add_argument("--root", help="site folder (default: the bundled fixtures/site)")
    mirror.add_argument("--verbose", action="store_true", help="log every request")
    return parser


def crawl_command(args: argparse.Namespace, run_id: str) -> list[str]:
    """The child ``scrapy crawl`` command line for these arguments."""
    archive = Path(args.archive).expanduser().resolve()
    urls = list(args.url)
    if args.url_file:
        path = Path(args.url_file)
        if not path.is_file():
            raise UsageError(f"URL file not found: {args.url_file}")
        urls += [
            line.strip()
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
            if line.strip() and not line.lstrip().startswith("#")
        ]
        for url in urls:
            try:
                _http_url(url)
            except argparse.ArgumentTypeError as exc:
                raise UsageError(f"{args.url_file}: {exc}") from None
    if urls and args.start_url:
        raise UsageError("give either --start-url (listing crawl) or --url (articles), not both")
    cmd = [sys.executable, "-m", "scrapy", "crawl", "article" if urls else "ailab"]
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
    for name, value in settings.items():
        cmd += ["-s", f"{name}={value}"]
    if urls:
        cmd += ["-a", "urls=" + ",".join(urls)]
    elif args.start_url:
        cmd += ["-a", "start_urls=" + ",".join(args.start_url)]
    return cmd


def run_crawl(args: argparse.Namespace) -> int:
    run_id = uuid.uuid4().hex
    cmd = crawl_command(args, run_id)
    archive = Path(args.archive).expanduser().resolve()
    env = dict(os.environ, SCRAPY_SETTINGS_MODULE=SETTINGS_MODULE)
    try:
        archive.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create archive {archive}: {exc.strerror}") from None
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


def run_parse(args: argparse.Namespace) -> int:
    from newsarchive.extract import parse_article
    from newsarchive.model import NotAnArticle

    try:
        body = Path(args.file).read_bytes()
    except OSError as exc:
        print(f"newsarchive parse: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
        return EXIT_FAILED
    headers = {"Content-Type": f"text/html; charset={args.charset}"} if args.charset else None
    try:
        article = parse_article(body, args.url, headers, output_script=args.script)
    except NotAnArticle as exc:
        print(f"newsarchive parse: not an article ({exc}): {args.file}", file=sys.stderr)
        return EXIT_FAILED
    sys.stdout.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
    return 0


def run_mirror(args: argparse.Namespace) -> int:
    from newsarchive.mirror import default_site_root, serve

    root = Path(args.root) if args.root else default_site_root()
    if not root.is_dir():
        raise UsageError(f"site folder not found: {root}")
    try:
        return serve(root, args.port, verbose=args.verbose)
    except OSError as exc:
        raise UsageError(f"cannot listen on 127.0.0.1:{args.port}: {exc.strerror}") from None


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handlers = {"crawl": run_crawl, "parse": run_parse, "mirror": run_mirror}
    try:
        return handlers[args.command](args)
    except UsageError as exc:
        print(f"newsarchive {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
