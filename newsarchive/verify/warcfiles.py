"""The archive's WARC files against the sizes they had when closed.

Reading every record of every WARC file is ``reparse``'s work; ``verify`` only compares
each closed file's size with the one its writer (or recovery) recorded in the digest
store. That is the check the file alone cannot give: a file cut exactly between two
records is a valid, shorter WARC file. A missing file is a problem too. Files the store
has no size for (written before sizes were kept, or still open) are not judged.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from newsarchive.verify.problems import Problem
from newsarchive.warc.digests import closed_sizes, unlike_closed
from newsarchive.warc.files import DIGESTS_FILE, WARC_DIR, warc_dir


class Counted(Protocol):
    warc_files: int


def check_warc_files(archive: Path, tally: Counted | None = None) -> Iterator[Problem]:
    """Problems of the closed WARC files; ``tally.warc_files`` counts those compared."""
    directory = warc_dir(archive)
    store = directory / DIGESTS_FILE
    if not store.is_file():
        return
    try:
        sizes = closed_sizes(store)
    except sqlite3.Error as exc:
        yield Problem(f"{WARC_DIR}/{DIGESTS_FILE}", None, f"unreadable: {exc}")
        return
    for name, closed in sizes.items():
        if tally is not None:
            tally.warc_files += 1
        where = f"{WARC_DIR}/{name}"
        try:
            size = (directory / name).stat().st_size
        except FileNotFoundError:
            yield Problem(where, None, f"missing (closed at {closed:,} bytes)")
            continue
        problem = unlike_closed(size, closed)
        if problem is not None:
            yield Problem(where, None, problem)
