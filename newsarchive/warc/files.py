"""Names and places of WARC files inside an archive.

``ARCHIVE/warc/newsarchive-<UTC time>-<serial>.warc.gz``: the time the file was opened
and a serial that only grows within the directory, so sorting by name is the order the
files were written in (the time) with ties broken by the serial. A file being written
carries an extra ``.open`` suffix until it is closed; one left behind by a killed crawl
is recovered on the next open (see ``recover``).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

WARC_DIR = "warc"
DIGESTS_FILE = "digests.sqlite3"
PREFIX = "newsarchive"
SUFFIX = ".warc.gz"
OPEN_SUFFIX = ".open"
CORRUPT_SUFFIX = ".corrupt"
WARC_SUFFIXES = (".warc.gz", ".warc")

_NAME = re.compile(rf"^{PREFIX}-\d{{8}}T\d{{6}}Z-(\d+){re.escape(SUFFIX)}")


def warc_dir(archive: Path) -> Path:
    return archive / WARC_DIR


def file_name(opened: datetime, serial: int) -> str:
    """``newsarchive-20241024T090517Z-00001.warc.gz``."""
    stamp = opened.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"{PREFIX}-{stamp}-{serial:05d}{SUFFIX}"


def serial_of(name: str) -> int | None:
    match = _NAME.match(name)
    return int(match.group(1)) if match else None


def next_serial(directory: Path) -> int:
    """One past the highest serial of any file here (open, closed or set aside)."""
    if not directory.is_dir():
        return 1
    serials = [serial_of(p.name) for p in directory.iterdir()]
    return max((s for s in serials if s is not None), default=0) + 1


def is_warc_name(name: str, *, include_open: bool) -> bool:
    if include_open and name.endswith(OPEN_SUFFIX):
        name = name[: -len(OPEN_SUFFIX)]
    return name.endswith(WARC_SUFFIXES)


def final_name(path: Path) -> str:
    """The name a file has once closed (``.open`` removed)."""
    name = path.name
    return name[: -len(OPEN_SUFFIX)] if name.endswith(OPEN_SUFFIX) else name


def warc_files(directory: Path, *, include_open: bool = True) -> list[Path]:
    """The WARC files in ``directory`` in the order they were written (by name)."""
    if not directory.is_dir():
        return []
    found = [
        p
        for p in directory.iterdir()
        if p.is_file() and not p.is_symlink() and is_warc_name(p.name, include_open=include_open)
    ]
    return sorted(found, key=lambda p: (final_name(p), p.name))
