"""An archive under any directory name, and read where it cannot be written.

A backup, a snapshot or a read-only mount is read by ``verify``, ``status``, ``export``
and ``reparse`` without a write, and a name with ``#``, ``?`` or ``%`` (characters that
mean something in the SQLite URIs the readers open) is an ordinary name.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newsarchive.runlog import read_runs
from tests.conftest import read_archive, run_cli

pytestmark = pytest.mark.integration


def crawl(archive: Path, url: str) -> subprocess.CompletedProcess[str]:
    return run_cli("crawl", "--base-url", url, "--archive", str(archive), "--no-throttle")


@pytest.fixture(scope="module")
def crawled(mirror_url: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    archive = tmp_path_factory.mktemp("crawled") / "a"
    result = crawl(archive, mirror_url)
    assert result.returncode == 0, result.stderr[-2000:]
    return archive


def tree(root: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``root``: size and modification time. SQLite's ``-shm`` and
    ``-wal`` files are left out: a reader in a directory it may write makes them, as
    any SQLite reader of a WAL database does, so that a writer can go on beside it."""
    return {
        str(p.relative_to(root)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in root.rglob("*")
        if p.is_file() and not p.name.endswith(("-shm", "-wal"))
    }


def test_an_archive_name_with_uri_characters(mirror_url: str, tmp_path: Path) -> None:
    archive = tmp_path / "odd#1?x%41y"
    for _ in range(2):  # the second crawl looks up what the first stored
        result = crawl(archive, mirror_url)
        assert result.returncode == 0, result.stderr[-2000:]
        assert "Traceback" not in result.stderr
    runs = read_runs(archive)
    assert [run["new"] for run in runs] == [36, 0]
    verify = run_cli("verify", str(archive))
    assert verify.returncode == 0 and verify.stdout.startswith("verify ok"), verify.stdout
    status = run_cli("status", str(archive))
    assert status.returncode == 0 and "36 articles" in status.stdout, status.stderr
    assert [p.name for p in tmp_path.iterdir()] == [archive.name]  # nothing made beside it


def test_writers_leave_nothing_in_their_wal_files(crawled: Path, tmp_path: Path) -> None:
    for db in (crawled / "index.sqlite3", crawled / "warc" / "digests.sqlite3"):
        wal = db.with_name(db.name + "-wal")
        assert not wal.exists() or wal.stat().st_size == 0, wal
    # A copy that leaves the -wal and -shm files out reads whole.
    copy = tmp_path / "copy"
    shutil.copytree(crawled, copy, ignore=shutil.ignore_patterns("*-wal", "*-shm"))
    status = run_cli("status", str(copy))
    assert status.returncode == 0 and "36 articles" in status.stdout, status.stderr
    verify = run_cli("verify", str(copy))
    assert verify.returncode == 0, verify.stdout


def test_reparse_writes_nothing_to_the_archive_it_reads(crawled: Path, tmp_path: Path) -> None:
    before = tree(crawled)
    result = run_cli("reparse", "--warc", str(crawled / "warc"), "--archive", str(tmp_path / "r"))
    assert result.returncode == 0, result.stderr[-2000:]
    assert tree(crawled) == before
    assert len(read_archive(tmp_path / "r")) == len(read_archive(crawled))


def read_only(source: Path, view: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """``newsarchive ARGV`` with ``source`` mounted read-only at ``view`` (a private
    mount namespace, as root), or, for another user, ``view`` a copy of it without
    write permission."""
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        if os.geteuid() == 0:
            pytest.skip("cannot make a private mount namespace here (unshare -m)")
        shutil.copytree(source, view)
        for path in [view, *view.rglob("*")]:
            path.chmod(path.stat().st_mode & ~0o222)
        return run_cli(*argv)
    view.mkdir()
    script = 'mount --bind "$0" "$1" && mount -o remount,ro,bind "$1" && shift && exec "$@"'
    return subprocess.run(
        ["unshare", "-m", "--propagation", "private", "sh", "-c", script, str(source), str(view),
         sys.executable, "-m", "newsarchive.cli", *argv],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


def test_a_read_only_archive_verifies_exports_and_reparses(crawled: Path, tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(crawled, source)
    before = tree(source)
    out = tmp_path / "out"
    runs = {
        "verify": ("verify", "{view}"),
        "status": ("status", "{view}"),
        "export": ("export", "--archive", "{view}"),
        "reparse": ("reparse", "--warc", "{view}/warc", "--archive", str(out)),
    }
    for name, argv in runs.items():
        view = tmp_path / f"view-{name}"
        result = read_only(source, view, *(a.format(view=view) for a in argv))
        assert result.returncode == 0, (name, result.stdout[-1000:], result.stderr[-2000:])
        assert "Traceback" not in result.stderr
        if name == "verify":
            assert result.stdout.startswith("verify ok"), result.stdout
        if name == "export":
            assert len(result.stdout.splitlines()) == 36
    assert len(read_archive(out)) == len(read_archive(crawled))
    assert tree(source) == before
