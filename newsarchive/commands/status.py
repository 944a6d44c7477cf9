"""``newsarchive status``: recent runs and archive totals, for a person at a terminal."""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path
from typing import Any

from newsarchive import exitcodes
from newsarchive.commands.common import (
    CommandFailed,
    add_archive_argument,
    archive_arg,
    counted,
    readable_index,
)
from newsarchive.runlog import by_count
from newsarchive.storage import layout
from newsarchive.storage.lock import locked_by
from newsarchive.storage.sqlitero import connect_readonly

NAME = "status"
HELP = "show recent crawls and archive totals"

_COLUMNS = (
    ("start", 20), ("exit", 4), ("pages", 6), ("new", 5), ("upd", 4), ("same", 5),
    ("dup", 4), ("inval", 5), ("failed", 6), ("reason", 10),
)  # fmt: skip


def configure(parser: argparse.ArgumentParser) -> None:
    add_archive_argument(parser, default="archive")
    parser.add_argument(
        "--runs", type=_positive, default=10, metavar="N", help="runs to show (default: 10)"
    )


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"not a number of runs (1 or more): {value!r}")
    return number


def _row(run: dict[str, Any]) -> list[str]:
    if "pages" not in run:
        # A crawl cut short (``runlog.cut_short``): its counts are unknown, not zero, but
        # for the new and updated articles counted from the archive, if it could.
        counts = ["?", str(run.get("new", "?")), str(run.get("updated", "?"))] + ["?"] * 4
    else:
        counts = [
            str(run.get("pages", 0)), str(run.get("new", 0)), str(run.get("updated", 0)),
            str(run.get("unchanged", 0)), str(run.get("duplicates", 0)),
            str(run.get("invalid", 0)), str(run.get("failed_requests", run.get("errors", 0))),
        ]  # fmt: skip
    return [
        str(run.get("start") or "?")[:19], str(run.get("exit_code", "?")),
        *counts, str(run.get("finish_reason", "?")),
    ]  # fmt: skip


def _table(rows: list[list[str]]) -> str:
    widths = [max(w, *(len(r[i]) for r in rows)) if rows else w
              for i, (_, w) in enumerate(_COLUMNS)]  # fmt: skip
    header = "  ".join(name.ljust(widths[i]) for i, (name, _) in enumerate(_COLUMNS))
    body = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(r)) for r in rows]
    return "\n".join([header, *body])


def _totals(archive: Path) -> dict[str, int]:

    totals = {"articles": 0, "revisions": 0, "aliases": 0}
    index = readable_index(archive)
    if index is not None:
        try:
            db = connect_readonly(index)
            try:
                known = {str(p): int(s) for p, s in db.execute("SELECT path, size FROM files")}
                totals["lagging"] = int(not layout.files_indexed(archive, known))
                totals["articles"] = db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
                totals["revisions"] = db.execute(
                    "SELECT COALESCE(SUM(revision), 0) FROM articles"
                ).fetchone()[0]
                totals["aliases"] = db.execute("SELECT COUNT(*) FROM aliases").fetchone()[0]
            finally:
                db.close()
        except sqlite3.Error as exc:
            # Derived data: the next crawl or ``reindex`` rebuilds it from the files.
            raise CommandFailed(
                f"index {index} unreadable ({exc}); run newsarchive reindex"
            ) from None
    files = layout.article_files(archive)
    totals["files"] = len(files)
    totals["bytes"] = sum(p.stat().st_size for p in files)
    return totals


def run(args: argparse.Namespace) -> int:
    from newsarchive.runlog import read_runs

    archive = archive_arg(args)
    runs = read_runs(archive)
    recent = runs[-max(args.runs, 1) :]
    totals = _totals(archive)
    print(f"archive {archive}")
    print(
        f"  {counted(totals['articles'], 'article')} "
        f"({counted(totals['revisions'], 'stored version')}), "
        f"{counted(totals['aliases'], 'alias URL')}, {counted(totals['files'], 'file')}, "
        f"{totals['bytes'] / 1e6:.1f} MB"
    )
    if totals.get("lagging"):
        print("  (the index has not read every file yet, so these totals fall short: the next"
              " crawl, or newsarchive reindex, catches it up)")  # fmt: skip
    holder = locked_by(archive)
    if holder:
        print(f"  a crawl is running: {holder}")
    ok = [r for r in runs if r.get("exit_code") == exitcodes.OK]
    print(f"  last successful crawl: {ok[-1].get('end') if ok else 'never'}")
    if not runs:
        print("\nno crawls recorded yet (runs.jsonl is empty or absent)")
        return exitcodes.OK
    print(f"\nlast {len(recent)} of {len(runs)} runs:")
    print(_table([_row(r) for r in recent]))
    if recent[-1].get("exit_code") != exitcodes.OK:
        last = recent[-1]
        why = f": {last['exit_reason']}" if last.get("exit_reason") else ""
        print(f"\nlast run failed (exit {last.get('exit_code')}{why})")
        for line in _failure_details(last):
            print(f"  {line}")
    return exitcodes.OK


def _failure_details(run: dict[str, Any]) -> list[str]:
    """What a failed run's record says about why, one labelled line per kind, in the
    words of the crawl's summary (``http_500 12, ...``), for the lines that say anything."""
    lines = []
    for label, key in (
        ("requests given up", "failed_by_reason"),
        ("errors met", "errors_by_type"),
        ("invalid records", "invalid_by_field"),
        ("pages not articles", "not_articles_by_reason"),
    ):
        counts = run.get(key)
        text = by_count(counts) if isinstance(counts, dict) else ""
        if text:
            lines.append(f"{label}: {text}")
    coverage = run.get("field_coverage")
    if isinstance(coverage, dict):
        shares = [f"{k} {v:.0%}" for k, v in coverage.items() if isinstance(v, int | float)]
        if shares:
            lines.append("fields found: " + ", ".join(shares))
    return lines
