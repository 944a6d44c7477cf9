"""``newsarchive export``: stream the archive's articles to stdout for other tools.

The latest revision of each article (``--all-revisions``: every line), ordered by
publish time with undated articles last, as JSON Lines (the stored lines, byte for
byte) or CSV. Made for pipes (jq, DuckDB, an indexer): a reader that stops early
(``| head``) ends the export quietly.

Lines that ``verify`` rejects are skipped, so the output stays valid, but never
silently: one line on stderr at the end names how many and in which files, and the exit
status says whether data is missing. A torn last line alone exits 0: it is what a crash
mid-append leaves, or a crawl appending while the export reads, and the next crawl sets
it aside (the article, never indexed, is fetched again), so failing the export for it
would make every export during a crawl flaky. Damage inside a file exits 1: a line that
was whole once is gone, nothing repairs that, and a pipeline (``set -o pipefail``) must
not take the export for the archive.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from newsarchive.commands.common import (
    EXIT_FAILED,
    EXIT_OK,
    UsageError,
    add_archive_argument,
    archive_arg,
    silence_stdout,
)

if TYPE_CHECKING:  # imported when run: the CLI loads every command to parse arguments
    from newsarchive.export.select import Damage

NAME = "export"
HELP = "stream articles (latest revisions, by publish time) as JSON Lines or CSV"


def iso_date(value: str) -> date:
    """argparse type: ``YYYY-MM-DD``."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def configure(parser: argparse.ArgumentParser) -> None:
    add = parser.add_argument
    add_archive_argument(parser, default="archive")
    add("--since", type=iso_date, metavar="YYYY-MM-DD", help="published on or after this day")
    add("--until", type=iso_date, metavar="YYYY-MM-DD", help="published on or before this day")
    add("--format", choices=["jsonl", "csv"], default="jsonl", help="default: jsonl")
    add("--all-revisions", action="store_true", help="every stored revision, not the latest")


def _lines(args: argparse.Namespace, archive: Path, damage: Damage) -> Iterator[bytes]:
    """The stored lines to export, in order, read back by seeking; the lines skipped as
    damaged are counted in ``damage``."""
    from contextlib import nullcontext

    from newsarchive.export.select import Window, latest_revisions, select

    revisions = nullcontext(None) if args.all_revisions else latest_revisions(archive)
    with revisions as latest, ExitStack() as files:
        current: tuple[Path, BinaryIO] | None = None
        for line in select(archive, Window(args.since, args.until), latest, damage):
            if current is None or current[0] != line.path:
                files.close()
                current = (line.path, files.enter_context(line.path.open("rb")))
            current[1].seek(line.offset)
            yield current[1].read(line.length)


def write_jsonl(lines: Iterable[bytes], out: BinaryIO) -> None:
    for raw in lines:
        out.write(raw)
    out.flush()


def write_csv(lines: Iterable[bytes], out: BinaryIO) -> None:
    import csv
    import json

    from newsarchive.export.csvrows import columns, row

    # Each row is formatted into a string buffer and written as bytes: a text wrapper
    # around stdout would close it when a closed pipe (| head) left it undetached.
    text = io.StringIO()
    writer = csv.writer(text)
    names = columns()
    writer.writerow(names)
    for raw in lines:
        writer.writerow(row(json.loads(raw), names))
        out.write(text.getvalue().encode("utf-8"))
        text.seek(0)
        text.truncate()
    out.write(text.getvalue().encode("utf-8"))
    out.flush()


def run(args: argparse.Namespace) -> int:
    archive = archive_arg(args)
    if args.since and args.until and args.since > args.until:
        raise UsageError("--since is after --until")
    from newsarchive.export.select import Damage

    damage = Damage()
    try:
        write = write_csv if args.format == "csv" else write_jsonl
        write(_lines(args, archive, damage), sys.stdout.buffer)
    except BrokenPipeError:
        # The reader has gone (``| head``): nothing more to say, not even about damage
        # in lines it did not want.
        silence_stdout()
        return EXIT_OK
    summary = damage.summary()
    if summary is None:
        return EXIT_OK
    print(f"newsarchive {NAME}: {summary}", file=sys.stderr)
    return EXIT_FAILED if damage.inside else EXIT_OK
