"""``newsarchive reindex``: derive the dedup index again from the JSONL files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsarchive import exitcodes
from newsarchive.commands.common import UsageError

NAME = "reindex"
HELP = "rebuild the archive's index from its JSONL files"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("archive", nargs="?", default=None, metavar="ARCHIVE")
    parser.add_argument("--archive", dest="archive_opt", metavar="DIR",
                        help="archive directory (default: ./archive)")  # fmt: skip
    parser.add_argument("--wait-lock", type=float, default=0.0, metavar="SECONDS")


def archive_arg(args: argparse.Namespace) -> Path:
    """The archive named positionally or by ``--archive``; it must exist."""
    name = args.archive or args.archive_opt or "archive"
    path = Path(name).expanduser().resolve()
    if not path.is_dir():
        raise UsageError(f"no archive at {path}")
    return path


def run(args: argparse.Namespace) -> int:
    from newsarchive.storage.archive import Archive
    from newsarchive.storage.lock import ArchiveLock, ArchiveLocked

    archive = archive_arg(args)
    lock = ArchiveLock(archive)
    try:
        lock.acquire(wait_seconds=args.wait_lock)
    except ArchiveLocked as exc:
        print(f"newsarchive reindex: {exc}; not started", file=sys.stderr)
        return exitcodes.LOCKED
    try:
        with Archive(archive) as opened:
            lines = opened.rebuild()
            articles = opened.index.count()
    finally:
        lock.release()
    print(f"reindexed {archive}: {lines} lines read, {articles} articles indexed")
    return exitcodes.OK
