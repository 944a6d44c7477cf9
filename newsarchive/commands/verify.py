"""``newsarchive verify ARCHIVE``: check every line, every revision chain and the index.

Problems go to stdout, one per line, as ``file:line: message``; the last line sums up.
Exit 0 when the archive is clean, 1 when anything is wrong.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsarchive.commands.common import EXIT_FAILED, EXIT_OK, UsageError

NAME = "verify"
HELP = "check an archive's lines, revision chains and index; exit 1 on any problem"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("archive", nargs="?", default=None, metavar="ARCHIVE")
    parser.add_argument("--archive", dest="archive_opt", metavar="DIR",
                        help="archive directory (instead of the positional ARCHIVE)")  # fmt: skip


def run(args: argparse.Namespace) -> int:
    from newsarchive.verify.run import Tally, verify

    if args.archive and args.archive_opt and args.archive != args.archive_opt:
        raise UsageError("give the archive once, as ARCHIVE or --archive")
    name = args.archive or args.archive_opt
    if not name:
        raise UsageError("which archive? (newsarchive verify ARCHIVE)")
    archive = Path(name).expanduser()
    if not archive.is_dir():
        raise UsageError(f"no archive at {archive}")
    tally = Tally()
    count = 0
    try:
        for problem in verify(archive, tally):
            count += 1
            print(problem)
    except BrokenPipeError:
        return EXIT_FAILED
    summary = f"{tally.lines} lines in {tally.files} files, {tally.articles} articles"
    if count:
        print(f"verify: {count} problems; {summary}")
        return EXIT_FAILED
    print(f"verify ok: {summary}")
    sys.stdout.flush()
    return EXIT_OK
