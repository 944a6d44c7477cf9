"""``newsarchive reindex``: derive the dedup index again from the JSONL files."""

from __future__ import annotations

import argparse

from newsarchive import exitcodes
from newsarchive.commands.common import add_archive_argument, archive_arg, lock_archive

NAME = "reindex"
HELP = "rebuild the archive's index from its JSONL files"


def configure(parser: argparse.ArgumentParser) -> None:
    add_archive_argument(parser, default="archive")
    parser.add_argument(
        "--wait-lock",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="wait this long for a running crawl to end (default: 0, exit 75 at once)",
    )


def run(args: argparse.Namespace) -> int:
    from newsarchive.storage.archive import Archive

    archive = archive_arg(args)
    lock = lock_archive(archive, args.wait_lock)
    try:
        with Archive(archive) as opened:
            lines = opened.rebuild()
            articles = opened.index.count()
    finally:
        lock.release()
    print(f"reindexed {archive}: {lines} lines read, {articles} articles indexed")
    return exitcodes.OK
