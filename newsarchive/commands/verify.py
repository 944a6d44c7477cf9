"""``newsarchive verify ARCHIVE``: check every line, every revision chain, the index and
the WARC files' sizes.

Problems go to stdout, one per line, as ``file:line: message``; the last line sums up.
Exit 0 when the archive is clean, 1 when anything is wrong, 75 when a crawl is writing
the archive (its lines not yet in the index are no problems, but would be read as such).
"""

from __future__ import annotations

import argparse
import sys

from newsarchive import exitcodes
from newsarchive.commands.common import (
    EXIT_FAILED,
    EXIT_OK,
    CommandFailed,
    add_archive_argument,
    archive_arg,
    counted,
    readable_index,
)

NAME = "verify"
HELP = "check an archive's lines, revision chains, index and WARC file sizes; exit 1 on any problem"


def configure(parser: argparse.ArgumentParser) -> None:
    add_archive_argument(parser, default=None)


def run(args: argparse.Namespace) -> int:
    from newsarchive.storage.lock import locked_by
    from newsarchive.verify.run import Tally, verify

    archive = archive_arg(args)
    holder = locked_by(archive)
    if holder:
        # A crawl appends lines before its index commits them: they would read as
        # problems. Without taking the lock, so that verify never turns a crawl away.
        raise CommandFailed(
            f"a crawl is running ({holder}): verify after it ends", exitcodes.LOCKED
        )
    readable_index(archive)  # checked against the files, so it must be readable
    tally = Tally()
    count = 0
    try:
        for problem in verify(archive, tally):
            count += 1
            print(problem)
    except BrokenPipeError:
        return EXIT_FAILED
    summary = (
        f"{counted(tally.lines, 'line')} in {counted(tally.files, 'file')}, "
        f"{counted(tally.articles, 'article')}"
    )
    if tally.warc_files:
        # Said, so that "ok" is not read as more than was checked.
        summary += f"; WARC files at their closing sizes: {tally.warc_files}"
    if count:
        print(f"verify: {counted(count, 'problem')}; {summary}")
        holder = locked_by(archive)
        if holder:
            print(f"verify: a crawl started meanwhile ({holder}): run verify after it ends")
            return exitcodes.LOCKED
        return EXIT_FAILED
    print(f"verify ok: {summary}")
    sys.stdout.flush()
    return EXIT_OK
