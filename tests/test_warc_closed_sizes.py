"""A closed WARC file's size is on record, so a cut between two records is seen.

Nothing in the WARC format marks a file's last record: a file cut exactly between two
records is a valid, shorter file (``test_warc_truncation``). The writer and recovery
record each file's size in the archive's digest store as they close it; reading the
file (``reparse``, whole or in spans) and ``verify`` compare against it.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from newsarchive.verify.warcfiles import check_warc_files
from newsarchive.warc.digests import DigestStore, closed_sizes, unlike_closed
from newsarchive.warc.files import DIGESTS_FILE, warc_dir
from newsarchive.warc.reader import RUN_FIELD
from newsarchive.warc.recover import recover_directory
from newsarchive.warc.writer import WarcWriter
from tests.archive_factory import build, record
from tests.conftest import run_cli
from tests.test_reparse_spans import _pipelined
from tests.test_warc_recover import write_and_abandon
from tests.test_warc_truncation import _boundaries, _exchanges, _whole_read


def _written(directory: Path) -> Path:
    store = DigestStore(directory / DIGESTS_FILE)
    with WarcWriter(directory, digests=store, info={RUN_FIELD: "r"}) as writer:
        for exchange in _exchanges():
            writer.write(exchange)
    store.close()
    (path,) = writer.files
    return path


def test_the_writer_records_the_size_it_closed_at(tmp_path: Path) -> None:
    path = _written(tmp_path)
    store = DigestStore(tmp_path / DIGESTS_FILE)
    assert store.closed_size(path.name) == path.stat().st_size
    assert store.closed_size(path.name + ".open") is None
    assert closed_sizes(tmp_path / DIGESTS_FILE) == {path.name: path.stat().st_size}


def test_rotated_files_each_have_their_size(tmp_path: Path) -> None:
    store = DigestStore(tmp_path / DIGESTS_FILE)
    with WarcWriter(tmp_path, digests=store, max_size=2_000) as writer:
        for exchange in _exchanges():
            writer.write(exchange)
    assert len(writer.files) > 2
    assert closed_sizes(tmp_path / DIGESTS_FILE) == {p.name: p.stat().st_size for p in writer.files}


def test_a_cut_between_records_is_damage_however_the_file_is_read(tmp_path: Path) -> None:
    path = _written(tmp_path)
    blob = path.read_bytes()
    urls, stats = _whole_read([path])
    assert not stats.damaged_files and urls
    cuts = sorted(at for at in _boundaries(blob) if 0 < at < len(blob))
    assert len(cuts) > 10
    for at in cuts:
        path.write_bytes(blob[:at])
        _, stats = _whole_read([path])
        assert stats.damaged_files == [str(path)], at
        for span_bytes in (700, 4_000):
            assert _pipelined([path], span_bytes)[1].damaged_files == [str(path)], at
    # the same cut file away from the store that knew it reads as a valid shorter file
    elsewhere = tmp_path / "copy"
    elsewhere.mkdir()
    shutil.copy(path, elsewhere / path.name)
    assert not _whole_read([elsewhere / path.name])[1].damaged_files


def test_whole_records_appended_after_the_close_are_damage(tmp_path: Path) -> None:
    path = _written(tmp_path)
    blob = path.read_bytes()
    with path.open("ab") as handle:
        handle.write(blob)  # a whole second copy: every record valid
    urls, stats = _whole_read([path])
    assert stats.damaged_files == [str(path)]
    assert len(urls) == 2 * len(_whole_read([_written(tmp_path / "again")])[0])


def test_recovery_records_the_size_it_kept(tmp_path: Path) -> None:
    path, digests = write_and_abandon(tmp_path, 3)
    with path.open("ab") as handle:
        handle.write(b"\x1f\x8b\x08\x00half a record")
    (done,) = recover_directory(tmp_path, digests)
    assert digests.closed_size(done.path.name) == done.kept == done.path.stat().st_size
    assert not _whole_read([done.path])[1].damaged_files


def test_unlike_closed_wording() -> None:
    assert unlike_closed(10, None) is None and unlike_closed(10, 10) is None
    assert unlike_closed(1_000, 2_500) == "cut short: 1,000 of the 2,500 bytes it had when closed"
    assert unlike_closed(2_600, 2_500) == "100 bytes more than the 2,500 it had when closed"


@pytest.fixture()
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    build(root, [record(1, "2024-10-24T09:05:17+08:00")])
    directory = warc_dir(root)
    directory.mkdir()
    for _ in range(2):
        _written(directory)
    return root


def test_verify_compares_each_closed_file_with_its_size(archive: Path) -> None:
    assert list(check_warc_files(archive)) == []
    clean = run_cli("verify", str(archive)).stdout.splitlines()
    # "ok" says how far it went: the WARC files by their sizes, not record by record.
    assert clean == ["verify ok: 1 line in 1 file, 1 article; WARC files at their closing sizes: 2"]
    first, second = sorted(warc_dir(archive).glob("*.warc.gz"))
    size, second_size = first.stat().st_size, second.stat().st_size
    os.truncate(first, size - 100)
    second.unlink()
    (warc_dir(archive) / "newsarchive-20240101T000000Z-00099.warc.gz").write_bytes(b"not known")
    found = [str(p) for p in check_warc_files(archive)]
    assert found == [
        f"warc/{first.name}: cut short: {size - 100:,} of the {size:,} bytes it had when closed",
        f"warc/{second.name}: missing (closed at {second_size:,} bytes)",
    ]
    result = run_cli("verify", str(archive))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"warc/{first.name}: cut short" in result.stdout
    assert result.stdout.splitlines()[-1].startswith("verify: 2 problems")


def test_verify_changes_nothing_and_reads_old_or_absent_stores(archive: Path) -> None:
    store = warc_dir(archive) / DIGESTS_FILE
    db = sqlite3.connect(store)
    db.execute("DROP TABLE closed_files")  # a store from before sizes were kept
    db.commit()
    db.close()
    before = store.read_bytes()
    assert list(check_warc_files(archive)) == []
    assert store.read_bytes() == before
    store.unlink()
    assert list(check_warc_files(archive)) == []
    store.write_bytes(b"not a database" * 100)
    (problem,) = check_warc_files(archive)
    assert str(problem).startswith(f"warc/{DIGESTS_FILE}: unreadable: ")


def test_a_close_that_cannot_record_the_size_leaves_the_file_to_recovery(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = DigestStore(tmp_path / DIGESTS_FILE)
    writer = WarcWriter(tmp_path, digests=store)
    for exchange in _exchanges():
        writer.write(exchange)
    path = writer.current
    assert path is not None

    def refuse(name: str, size: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "closed", refuse)
    with pytest.raises(OSError, match="No space"):
        writer.close()
    writer.close()  # nothing left to close
    assert path.exists() and not writer.files
    monkeypatch.undo()
    (done,) = recover_directory(tmp_path, store)  # the lock was released
    assert store.closed_size(done.path.name) == done.kept == done.path.stat().st_size
    assert not _whole_read([done.path])[1].damaged_files
