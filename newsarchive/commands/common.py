"""What every subcommand shares: the one-line usage error and argument types."""

from __future__ import annotations

import argparse
import errno
import io
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from newsarchive import exitcodes
from newsarchive.exitcodes import FAILED as EXIT_FAILED
from newsarchive.exitcodes import OK as EXIT_OK
from newsarchive.exitcodes import USAGE as EXIT_USAGE

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

    from newsarchive.storage.lock import ArchiveLock

__all__ = [
    "EXIT_FAILED",
    "EXIT_OK",
    "EXIT_USAGE",
    "STDOUT_NAME",
    "CommandFailed",
    "UsageError",
    "add_archive_argument",
    "archive_arg",
    "archive_name",
    "check_archive",
    "counted",
    "http_url",
    "lock_archive",
    "name_stdout_errors",
    "port_number",
    "silence_stdout",
]


class CommandFailed(Exception):
    """A command that cannot go on: one line on stderr and its exit code, no traceback."""

    def __init__(self, message: str, code: int = exitcodes.FAILED) -> None:
        super().__init__(message)
        self.code = code


class UsageError(CommandFailed):
    """A mistake in the command line or its inputs: reported in one line, exit 2."""

    def __init__(self, message: str) -> None:
        super().__init__(message, exitcodes.USAGE)


def counted(n: int, noun: str) -> str:
    """``1 article``, ``2 articles``: a count with its noun, for the commands' summaries."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def add_archive_argument(parser: argparse.ArgumentParser, default: str | None) -> None:
    """The archive, positional or as ``--archive`` (both spellings, as users type them)."""
    shown = f"default: ./{default}" if default else "or as ARCHIVE; one of them is required"
    parser.add_argument("archive", nargs="?", default=None, type=archive_name, metavar="ARCHIVE")
    parser.add_argument("--archive", dest="archive_opt", type=archive_name, metavar="DIR",
                        help=f"archive directory ({shown})")  # fmt: skip
    parser.set_defaults(archive_default=default)


def archive_name(value: str) -> str:
    """argparse type of every ``--archive``: an empty name would mean the current
    directory (or, for a default, another archive than the one meant), so it is refused."""
    if not value.strip():
        raise argparse.ArgumentTypeError("empty archive path")
    return value


def archive_arg(args: argparse.Namespace) -> Path:
    """The archive named once, positionally or by ``--archive``; it must exist."""
    if args.archive and args.archive_opt and args.archive != args.archive_opt:
        raise UsageError("give the archive once, as ARCHIVE or --archive")
    name = args.archive or args.archive_opt or args.archive_default
    if not name:
        raise UsageError("which archive? (give ARCHIVE or --archive DIR)")
    path = Path(name).expanduser().resolve()
    check_archive(path)
    return path


def check_archive(path: Path) -> None:
    """``UsageError`` unless ``path`` is an archive: a directory holding what any crawl or
    reparse leaves (its articles, its index, its run records or its WARC files).

    A wrong directory would otherwise read as an empty archive (``0 articles``, an empty
    export, verify "ok") or, for ``reindex``, become one.
    """
    from newsarchive.storage import layout

    if path.exists() and not path.is_dir():
        raise UsageError(f"archive {path} is not a directory")
    if not path.is_dir():
        raise UsageError(f"no archive at {path}")
    marks = ("articles", layout.INDEX_FILE, layout.RUNS_FILE, "warc")
    if not any((path / mark).exists() for mark in marks):
        raise UsageError(f"not an archive (no articles, index, runs or warc in it): {path}")


def check_crawl_archive(path: Path) -> None:
    """Refuse, before anything is created, an archive a crawl could not write: a file
    (``UsageError``), a path under a file or a directory this user may not write into
    (``UsageError``: the archive would have to be made there), or an existing archive
    this user may not write (``CommandFailed``, exit 74: the archive is right, the
    permissions are not). ``newsarchive crawl`` and ``scrapy crawl`` both ask this, so
    that one mistake reads as one line, not a traceback once the crawl has started."""
    if path.exists() and not path.is_dir():
        raise UsageError(f"archive {path} is not a directory")
    existing = next(p for p in (path, *path.parents) if p.exists())  # "/" exists
    if not existing.is_dir():
        raise UsageError(f"cannot create archive {path}: {existing} is not a directory")
    if not os.access(existing, os.W_OK | os.X_OK):
        denied = os.strerror(errno.EACCES)
        if existing == path:
            raise CommandFailed(f"cannot write to archive {path}: {denied}", exitcodes.IOERR)
        raise UsageError(f"cannot create archive {path}: {denied}")


def readable_index(archive: Path) -> Path | None:
    """The archive's index if it is there; ``CommandFailed`` with exit 74 if this user
    may not read it (an archive written by another user, whose index is not readable by
    others): that is no damage, and ``reindex`` by this user could not mend it."""
    from newsarchive.storage import layout

    index = archive / layout.INDEX_FILE
    if not index.is_file():
        return None
    if not os.access(index, os.R_OK):
        raise CommandFailed(
            f"cannot read {index}: {os.strerror(errno.EACCES)} (ask its owner to make it "
            "readable, or run this as the user the crawls run as)",
            exitcodes.IOERR,
        )
    return index


def lock_archive(archive: Path, wait_seconds: float, *, create: bool = False) -> ArchiveLock:
    """The archive's lock, held; exit 75 (one line) when another process keeps it.

    The line says how long it waited, so that a cron mail tells a run given
    ``--wait-lock`` that ran out of patience from one that was told not to wait."""
    from newsarchive.storage.lock import ArchiveLock, ArchiveLocked

    if create:
        try:
            archive.mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            raise UsageError(f"archive {archive} is not a directory") from None
        except OSError as exc:
            raise UsageError(f"cannot create archive {archive}: {exc.strerror}") from None
    lock = ArchiveLock(archive)
    try:
        lock.acquire(wait_seconds=wait_seconds)
    except ArchiveLocked as exc:
        waited = f" after waiting {wait_seconds:g} s" if wait_seconds > 0 else ""
        raise CommandFailed(f"{exc}; not started{waited}", exitcodes.LOCKED) from None
    return lock


def http_url(value: str) -> str:
    """argparse type: an absolute http(s) URL, with a port a connection can use (a bad
    one would otherwise be dropped further on and the default port fetched instead)."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise argparse.ArgumentTypeError(f"not an http(s) URL: {value!r}")
    try:
        port = parts.port
    except ValueError:  # not a number, or above 65535
        port = 0
    if port == 0:
        raise argparse.ArgumentTypeError(f"bad port in URL (1-65535): {value!r}")
    return value


def port_number(value: str) -> int:
    """argparse type: a TCP port, 0-65535 (0: any free one)."""
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {value!r}") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port must be 0-65535, not {value!r}")
    return port


def silence_stdout() -> None:
    """After the reader of stdout went away (``| head``): point stdout at /dev/null, so
    the interpreter's final flush of what is left has nowhere to fail."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


STDOUT_NAME = "<stdout>"
"""How an error names standard output, which has no file name of its own."""


class _StdoutFile(io.FileIO):
    """File descriptor 1, whose write errors name ``<stdout>``.

    An ``OSError`` from ``os.write`` carries no file name, so a full stdout (``>
    /dev/full``, a log on a full disk) was reported as a bare ``No space left on
    device``, which sends a user to look at the archive's disk.
    """

    def write(self, data: ReadableBuffer, /) -> int:
        try:
            return super().write(data)
        except OSError as exc:
            if exc.filename is None:
                exc.filename = STDOUT_NAME
            raise


_REPLACED: list[object] = []


def name_stdout_errors() -> None:
    """Rebuild ``sys.stdout`` over ``_StdoutFile``, with its encoding, error handler and
    buffering, so that every command's output failure names stdout."""
    old = sys.stdout
    try:
        fd = old.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a real file (a test's capture): nothing to name
    raw = _StdoutFile(fd, "w", closefd=False)
    _REPLACED.append(old)  # collected, it would close the descriptor it owns
    sys.stdout = io.TextIOWrapper(
        io.BufferedWriter(raw),
        encoding=old.encoding,
        errors=old.errors,
        line_buffering=bool(old.line_buffering),
        write_through=getattr(old, "write_through", False),
    )
