"""One crawl per archive at a time, with locks that die with their holder.

``fcntl.flock`` locks belong to the open file, so the kernel releases them when the
holding process dies, SIGKILL included: a lock left by a dead process is simply free
again, no PID guessing needed. The file also holds the holder's PID and start time so a
refused run can say who holds it. The file is opened without following symlinks and
with owner-only permissions.
"""

from __future__ import annotations

import errno
import fcntl
import os
import time
from datetime import UTC, datetime
from pathlib import Path

LOCK_FILE = "crawl.lock"
#: How ``newsarchive crawl`` hands the lock's open file to the crawler process.
LOCK_FD_ENV = "NEWSARCHIVE_LOCK_FD"


class ArchiveLocked(Exception):
    """Another live process holds the archive's lock."""

    def __init__(self, path: Path, holder: str) -> None:
        self.path = path
        self.holder = holder
        super().__init__(f"archive is locked by {holder or 'another process'} ({path})")


class ArchiveLock:
    """An exclusive, non-blocking (or bounded-wait) lock on an archive directory."""

    def __init__(self, archive: Path) -> None:
        self.path = archive / LOCK_FILE
        self.fd: int | None = None
        self.adopted = False

    def acquire(self, wait_seconds: float = 0.0, poll: float = 0.2) -> None:
        """Take the lock, waiting up to ``wait_seconds``; raise ArchiveLocked if held."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        deadline = time.monotonic() + max(wait_seconds, 0.0)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    os.close(fd)
                    raise
                if time.monotonic() >= deadline:
                    holder = self._read_holder(fd)
                    os.close(fd)
                    raise ArchiveLocked(self.path, holder) from None
                time.sleep(poll)
        os.ftruncate(fd, 0)
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        os.pwrite(fd, f"pid {os.getpid()} since {stamp}\n".encode(), 0)
        self.fd = fd

    @staticmethod
    def _read_holder(fd: int) -> str:
        try:
            return os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
        except OSError:
            return ""

    def release(self) -> None:
        """Unlock and close; an adopted lock is only closed, the parent still holds it."""
        if self.fd is not None:
            if not self.adopted:
                fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None

    def __enter__(self) -> ArchiveLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def adopt_or_acquire(archive: Path, inherited_fd: str | None) -> ArchiveLock:
    """Use the lock a parent ``newsarchive crawl`` passed down, or take it here.

    The CLI takes the lock before starting the crawler so that a second crawl is refused
    at once with its own exit code, then hands the open file to the child. ``flock`` on
    that same open file succeeds again without blocking; on any other it fails.
    """
    lock = ArchiveLock(archive)
    if inherited_fd and inherited_fd.isdigit():
        fd = int(inherited_fd)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            pass
        else:
            lock.fd = fd
            lock.adopted = True
            _name_adopter(fd)
            return lock
    lock.acquire()
    return lock


def _name_adopter(fd: int) -> None:
    """Record this process as a holder of the adopted lock, with the parent that took it.

    The lock belongs to the open file both share, so it is held until both have closed
    it: should the parent die first, the crawler still holds it while it shuts down, and
    a refused run must name a live process, not the dead parent.
    """
    taken = ArchiveLock._read_holder(fd)
    parent, sep, since = taken.partition(" since ")
    if not taken.startswith("pid ") or not sep:
        parent, since = f"pid {os.getppid()}", datetime.now(UTC).isoformat(timespec="seconds")
    line = f"pid {os.getpid()} (crawler of {parent}) since {since}\n".encode()
    try:
        os.pwrite(fd, line, 0)
        os.ftruncate(fd, len(line))
    except OSError:
        pass  # a full disk: the parent's line stays, the lock itself is what matters


def locked_by(archive: Path) -> str | None:
    """Who holds the archive's lock (``pid N since T``), or None when nobody does or it
    cannot be told; without taking the lock, not even for a moment: a reader that took it
    would turn a crawl starting at that moment away (exit 75).

    Read from the kernel's table of locks (``/proc/locks``, Linux): a lock on the file's
    device and inode means it is held, and the file then names the holder.
    """
    path = archive / LOCK_FILE
    try:
        st = path.stat()
        table = Path("/proc/locks").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    wanted = (os.major(st.st_dev), os.minor(st.st_dev), st.st_ino)
    for line in table.splitlines():
        fields = line.split()
        if "FLOCK" in fields and any(_file_id(field) == wanted for field in fields):
            try:
                return path.read_text(encoding="utf-8", errors="replace").strip() or "?"
            except OSError:
                return "?"
    return None


def _file_id(field: str) -> tuple[int, int, int] | None:
    """``(major, minor, inode)`` of a ``/proc/locks`` field such as ``08:01:1234`` (the
    device in hex), or None for any other field."""
    parts = field.split(":")
    if len(parts) != 3 or not parts[2].isdigit():
        return None
    try:
        return int(parts[0], 16), int(parts[1], 16), int(parts[2])
    except ValueError:
        return None
