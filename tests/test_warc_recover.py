"""A WARC file cut short by a crash: recovered to whole records, cut bytes kept."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pytest

from newsarchive.warc.digests import DigestStore, payload_digest
from newsarchive.warc.files import DIGESTS_FILE
from newsarchive.warc.recover import complete_prefix, recover_directory
from newsarchive.warc.writer import Exchange, WarcWriter
from tests.warc_helpers import member_offsets, records, warcio_cli


def write_and_abandon(directory: Path, count: int) -> tuple[Path, DigestStore]:
    """Write ``count`` exchanges and drop the file the way a killed process would."""
    digests = DigestStore(directory / DIGESTS_FILE)
    w = WarcWriter(directory, digests=digests)
    for n in range(count):
        w.write(Exchange(f"http://h/{n}", 200, [], f"page {n}".encode() * 50))
    assert w.current is not None and w._fd is not None
    path = w.current
    os.close(w._fd)  # the kernel drops the flock, as when the writer dies
    return path, digests


def test_torn_tail_is_cut_and_kept_aside(tmp_path: Path) -> None:
    path, digests = write_and_abandon(tmp_path, 3)
    whole = path.read_bytes()
    torn = b"\x1f\x8b\x08\x00half a record"
    with path.open("ab") as handle:
        handle.write(torn)
    (done,) = recover_directory(tmp_path, digests)
    closed = path.with_name(path.name.removesuffix(".open"))
    assert done.path == closed and done.kept == len(whole) and done.cut == len(torn)
    assert not path.exists() and closed.read_bytes() == whole
    assert (tmp_path / (closed.name + ".corrupt")).read_bytes() == torn
    assert [r["type"] for r in records(closed)].count("response") == 3
    assert warcio_cli("check", str(closed)).returncode == 0


def test_cut_inside_a_record_keeps_the_records_before_it(tmp_path: Path) -> None:
    path, digests = write_and_abandon(tmp_path, 4)
    assert digests.count() == 4
    size = path.stat().st_size
    os.truncate(path, size - 30)  # the last request record loses its end
    recover_directory(tmp_path, digests)
    closed = path.with_name(path.name.removesuffix(".open"))
    kinds = [r["type"] for r in records(closed)]
    assert kinds == ["warcinfo"] + ["response", "request"] * 3 + ["response"]
    cut = (tmp_path / (closed.name + ".corrupt")).read_bytes()
    assert closed.stat().st_size + len(cut) == size - 30
    assert warcio_cli("check", str(closed)).returncode == 0


def test_digests_of_cut_records_are_forgotten(tmp_path: Path) -> None:
    path, digests = write_and_abandon(tmp_path, 2)
    keep = complete_prefix(path)
    records_before = path.read_bytes()
    # cut the second exchange entirely: its digest must not be offered for revisits
    ends = [r for r in records(path) if r["type"] == "response"]
    assert len(ends) == 2

    offsets = member_offsets(records_before)
    os.truncate(path, offsets[2] + 5)  # warcinfo, response, request, 5 bytes of the next
    assert keep == len(records_before)
    recover_directory(tmp_path, digests)
    assert digests.count() == 1


def test_next_writer_recovers_before_writing(tmp_path: Path) -> None:
    path, digests = write_and_abandon(tmp_path, 1)
    with path.open("ab") as handle:
        handle.write(b"junk")
    with WarcWriter(tmp_path, digests=digests) as w:
        w.write(Exchange("http://h/new", 200, [], b"new page"))
    names = sorted(p.name for p in tmp_path.iterdir() if ".warc" in p.name)
    assert len(names) == 3 and names[0].endswith("-00001.warc.gz")
    assert names[1].endswith("-00001.warc.gz.corrupt") and names[2].endswith("-00002.warc.gz")


def test_file_of_a_live_writer_is_left_alone(tmp_path: Path) -> None:
    path, _ = write_and_abandon(tmp_path, 1)
    fd = os.open(path, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        assert recover_directory(tmp_path) == []
        assert path.exists()
    finally:
        os.close(fd)


def test_nothing_complete_leaves_only_the_corrupt_copy(tmp_path: Path) -> None:
    path = tmp_path / "newsarchive-20241024T090517Z-00001.warc.gz.open"
    path.write_bytes(b"\x1f\x8b garbage")
    (done,) = recover_directory(tmp_path)
    assert done.kept == 0 and not path.exists()
    corrupt = tmp_path / "newsarchive-20241024T090517Z-00001.warc.gz.corrupt"
    assert corrupt.read_bytes() == b"\x1f\x8b garbage"


def test_digests_a_dead_writer_had_not_committed_are_learned_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The writer commits its digests every ``COMMIT_EVERY`` exchanges, revisits
    included; one killed between two commits loses the last ones, which recovery reads
    back from the file's last records, at the offsets the writer gave them."""
    monkeypatch.setattr(DigestStore, "COMMIT_EVERY", 4)
    digests = DigestStore(tmp_path / DIGESTS_FILE)
    w = WarcWriter(tmp_path, digests=digests)

    def page(n: int) -> bytes:
        return f"page {n}".encode() * 50

    written = [w.write(Exchange("http://h/0", 200, [], page(0)))]
    for n in range(1, 10):  # revisits between the new pages spread them over the file
        for _ in range(3):
            assert w.write(Exchange("http://h/0b", 200, [], page(0))).record_type == "revisit"
        written.append(w.write(Exchange(f"http://h/{n}", 200, [], page(n))))
    w.write(Exchange("http://h/empty", 200, [], b""))  # an empty payload is never offered
    assert w._fd is not None
    os.close(w._fd)  # the kernel drops the flock, as when the writer dies
    digests._db.close()  # and its open transaction is rolled back with it
    store = DigestStore(tmp_path / DIGESTS_FILE)
    assert store.count() == 9  # committed with the 36th exchange; page 9 was the 37th
    recover_directory(tmp_path, store)
    assert store.count() == 10
    for n, done in enumerate(written):
        original = store.get(payload_digest(page(n)))
        assert original is not None
        assert (original.uri, original.file, original.offset) == (
            f"http://h/{n}",
            done.file,
            done.offset,
        )
    again = WarcWriter(tmp_path, digests=store).write(Exchange("http://h/9b", 200, [], page(9)))
    assert again.record_type == "revisit"
