"""Which failures of the archive's disk are storage failures, and how they are named."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from newsarchive.storage import failure
from newsarchive.storage.failure import as_storage_error


def _sqlite_error(code: int) -> sqlite3.OperationalError:
    error = sqlite3.OperationalError("disk I/O error")
    error.sqlite_errorcode = code  # type: ignore[attr-defined]
    return error


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), errno.ENOSPC),
        (PermissionError(errno.EACCES, "Permission denied"), errno.EACCES),
        (OSError(errno.EPERM, "Operation not permitted"), errno.EPERM),
        (OSError(errno.EFBIG, "File too large"), errno.EFBIG),
        # the archive's layout broken: a month file that is a directory, a year
        # directory that is a file
        (IsADirectoryError(errno.EISDIR, "Is a directory"), errno.EISDIR),
        (NotADirectoryError(errno.ENOTDIR, "Not a directory"), errno.ENOTDIR),
        (OSError(errno.ENOENT, "No such file or directory"), None),
        (_sqlite_error(13), errno.ENOSPC),  # SQLITE_FULL
        (_sqlite_error(8), errno.EACCES),  # SQLITE_READONLY
        (_sqlite_error(1), None),  # SQLITE_ERROR: a bug, not the disk
        (ValueError("x"), None),
    ],
)
def test_storage_failures(exc: BaseException, expected: int | None, tmp_path: Path) -> None:
    found = as_storage_error(exc, tmp_path / "index.sqlite3")
    assert (found.errno if found is not None else None) == expected
    if found is not None:  # named by the file being written, which the error lacked
        assert found.filename == str(tmp_path / "index.sqlite3")


def test_an_io_error_on_a_full_disk_is_named_a_full_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite reports some failed writes as SQLITE_IOERR whatever the cause: with no
    block left where it was writing, the cause is the full disk, and a user reading
    'Input/output error' would look for failing hardware."""
    index = tmp_path / "index.sqlite3"
    found = as_storage_error(_sqlite_error(10), index)  # SQLITE_IOERR, space left
    assert found is not None and found.errno == errno.EIO

    class NoSpace:
        f_bavail = 0

    def statvfs(_path: Any) -> NoSpace:
        return NoSpace()

    monkeypatch.setattr(failure.os, "statvfs", statvfs)
    found = as_storage_error(_sqlite_error(10 | (3 << 8)), index)  # SQLITE_IOERR_WRITE
    assert found is not None and found.errno == errno.ENOSPC
    assert failure.describe(found) == f"{os.strerror(errno.ENOSPC)}: {index}"
