"""``newsarchive parse FILE --url URL``: one saved page to one JSON line."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from newsarchive.commands.common import EXIT_FAILED, http_url

NAME = "parse"
HELP = "extract one saved page and print its record"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="a saved page (its bytes as served)")
    parser.add_argument("--url", required=True, type=http_url, help="the URL the page had")
    parser.add_argument("--charset", help="charset from the HTTP header, if known")
    parser.add_argument(
        "--script",
        choices=["zh-Hans", "original"],
        default="zh-Hans",
        help="text in simplified script (default) or as served",
    )


def run(args: argparse.Namespace) -> int:
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
