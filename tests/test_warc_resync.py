"""Damage in the middle of a WARC file: the records after it are still read.

A few flipped bytes inside one record's gzip member (its payload no longer matches its
digest, or its deflate stream no longer decompresses), a member cut short with the
file going on after it, a damaged record of a plain WARC file: the file is reported
damaged, the warning names the bytes skipped, and reading goes on from the next whole
record. Read whole in one process, or in spans answered in any order (as ``reparse
--jobs N`` reads), the same records come out. A torn end, with no whole record after
the damage, is ``test_warc_truncation``'s.
"""

from __future__ import annotations

import gzip
import io
import logging
import shutil
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from newsarchive.exitcodes import FAILED
from newsarchive.warc import writer as writer_module
from newsarchive.warc.digests import DigestStore
from newsarchive.warc.files import DIGESTS_FILE
from newsarchive.warc.reader import (
    CALLBACK_FIELD,
    GZIP,
    PLAIN,
    RUN_FIELD,
    WarcReader,
    find_record_start,
)
from newsarchive.warc.writer import Exchange, WarcWriter
from tests.conftest import SITE, read_archive, run_cli
from tests.test_reparse_spans import _fake_member, _pipelined, _reference

BASE = "http://127.0.0.1:8000"
#: Article pages of the fixture site: one response record each (and its request).
PAGES = sorted(p for p in SITE.glob("*/20??/????/*.html") if "@" not in p.name)[:12]
N = len(PAGES)
#: Which response is damaged: the first, one in the middle, the last but one.
WHICH = [0, N // 2, N - 2]
SPAN_BYTES = [1_500, 9_000, 40_000]


def _exchange(url: str, body: bytes) -> Exchange:
    headers = [("Content-Type", "text/html")]
    return Exchange(url, 200, headers, body, extra={CALLBACK_FIELD: "parse_article"})


def _write(folder: Path, exchanges: list[Exchange]) -> Path:
    """One WARC file of ``exchanges``, its size at close in the digest store beside it."""
    store = DigestStore(folder / DIGESTS_FILE)
    with WarcWriter(folder, digests=store, info={RUN_FIELD: "r"}) as writer:
        for exchange in exchanges:
            writer.write(exchange)
    store.close()
    (path,) = writer.files
    return path


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pages = [(BASE + "/" + p.relative_to(SITE).as_posix(), p.read_bytes()) for p in PAGES]
    return _write(tmp_path_factory.mktemp("warc"), [_exchange(u, b) for u, b in pages])


def _responses(blob: bytes) -> list[tuple[int, int, str]]:
    """``(start, end, URL)`` of every response record of a whole file, in file order; a
    record ends where the next one begins."""
    reader = ArchiveIterator(io.BytesIO(blob))
    found = []
    for record in reader:
        url = record.rec_headers.get_header("WARC-Target-URI")
        found.append((reader.get_record_offset(), url if record.rec_type == "response" else ""))
    ends = [start for start, _ in found[1:]] + [len(blob)]
    return [(start, end, url) for (start, url), end in zip(found, ends, strict=True) if url]


#: What damage does to a record's bytes (its gzip member, or a plain record).
Damage = Callable[[bytes], bytes]


def _payload_changed(member: bytes) -> bytes:
    """A member that decompresses whole, to a payload its digest no longer matches."""
    block = bytearray(gzip.decompress(member))
    block[-100] ^= 0x01  # in the page, before the blank lines that close the record
    return gzip.compress(bytes(block))


def _three_bytes_flipped(record: bytes) -> bytes:
    """Three bytes flipped halfway through: a deflate stream that no longer decompresses
    (or to bytes its checksum refuses), a plain record's payload unlike its digest."""
    out = bytearray(record)
    for at in range(len(out) // 2, len(out) // 2 + 3):
        out[at] ^= 0xFF
    return bytes(out)


def _cut_short(record: bytes) -> bytes:
    """The record's second half gone, and the file going on with the next record. In a
    plain file the cut follows a line end: a record glued to the end of a cut line does
    not begin a line, is not looked for, and is lost with the damaged one."""
    half = len(record) // 2
    if record.startswith(b"WARC/"):  # a plain record
        half = record.rindex(b"\n", 0, half) + 1
    return record[:half]


def _damaged_copy(
    path: Path, folder: Path, which: int, damage: Damage, plain: bool = False
) -> tuple[Path, int, int, str]:
    """A copy of ``path`` in ``folder``, its digest store beside it, whose ``which``-th
    response record is damaged (``plain``: the copy is uncompressed); with where the
    damaged record begins, where the record after it now begins, and the URL lost."""
    blob = path.read_bytes()
    name = path.name
    if plain:
        blob, name = gzip.decompress(blob), name.removesuffix(".gz")
    start, end, url = _responses(blob)[which]
    damaged = damage(blob[start:end])
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(path.parent / DIGESTS_FILE, folder / DIGESTS_FILE)
    copy = folder / name
    copy.write_bytes(blob[:start] + damaged + blob[end:])
    return copy, start, start + len(damaged), url


@pytest.mark.parametrize("which", WHICH)
@pytest.mark.parametrize(
    ("damage", "plain"),
    [
        (_payload_changed, False),
        (_three_bytes_flipped, False),
        (_cut_short, False),
        (_three_bytes_flipped, True),
        (_cut_short, True),
    ],
    ids=["digest", "deflate", "cut", "plain-flipped", "plain-cut"],
)
def test_a_damaged_record_loses_that_record_only(
    written: Path,
    tmp_path: Path,
    which: int,
    damage: Damage,
    plain: bool,
    caplog: pytest.LogCaptureFixture,
) -> None:
    path, at, resume, lost = _damaged_copy(written, tmp_path, which, damage, plain)
    urls = [url for _, _, url in _responses(written.read_bytes())]
    with caplog.at_level(logging.WARNING), WarcReader([path]) as reader:
        got = [r.url for r in reader.responses()]
    assert got == [url for url in urls if url != lost]
    assert reader.stats.damaged_files == [str(path)]  # once, size check or not
    assert f"{path}: damaged record at {at}, read on from {resume} (" in caplog.text
    if damage is _payload_changed:
        assert "payload does not match sha1:" in caplog.text
    expected, stats = _reference([path])  # parsed, as ``reparse --jobs 1`` does
    assert [p.url for p in expected] == got and stats == reader.stats
    for span_bytes in SPAN_BYTES:  # as ``reparse --jobs N`` reads, in spans
        assert _pipelined([path], span_bytes, seed=span_bytes) == (expected, stats)


def test_damage_in_two_places_loses_two_records(written: Path, tmp_path: Path) -> None:
    blob = written.read_bytes()
    responses = _responses(blob)
    (start, end, lost), (later, last, also_lost) = responses[2], responses[7]
    path = tmp_path / written.name
    path.write_bytes(
        blob[:start] + _three_bytes_flipped(blob[start:end]) + blob[end:later]
        + _cut_short(blob[later:last]) + blob[last:]
    )  # fmt: skip
    expected, stats = _reference([path])
    urls = [url for _, _, url in responses]
    assert [p.url for p in expected] == [u for u in urls if u not in (lost, also_lost)]
    assert stats.damaged_files == [str(path)]
    for span_bytes in SPAN_BYTES:
        assert _pipelined([path], span_bytes, seed=span_bytes) == (expected, stats)


def test_a_revisit_of_a_record_lost_to_damage_stays_unresolved(tmp_path: Path) -> None:
    bodies = [p.read_bytes() for p in PAGES[:4]]
    exchanges = [_exchange(f"{BASE}/robot/2024/0101/{n}.html", b) for n, b in enumerate(bodies)]
    for n in (1, 2):  # revisits: of the record to be damaged, of another
        exchanges.append(_exchange(f"{BASE}/robot/2024/0101/{n}.html?utm_source=x", bodies[n]))
    path = _write(tmp_path / "warc", exchanges)
    copy, _, _, lost = _damaged_copy(path, tmp_path / "copy", 1, _three_bytes_flipped)
    with WarcReader([copy]) as reader:
        got = [(r.url, r.revisit) for r in reader.responses()]
    assert lost.endswith("/1.html") and (lost, False) not in got
    assert (f"{BASE}/robot/2024/0101/2.html?utm_source=x", True) in got
    assert len(got) == len(exchanges) - 2
    assert reader.stats.revisits == 2 and reader.stats.unresolved_revisits == 1
    expected, stats = _reference([copy])
    for span_bytes in SPAN_BYTES:
        assert _pipelined([copy], span_bytes, seed=span_bytes) == (expected, stats)


def test_an_original_read_afresh_as_another_format_is_no_original(tmp_path: Path) -> None:
    """A damaged member whose raw bytes warcio, reading from there afresh and not told
    the format, takes for an ARC record's header line: a response with an empty payload
    and no digest. A revisit of it, read past the damage, stays unresolved."""
    bodies = [p.read_bytes() for p in PAGES[:2]]
    exchanges = [_exchange(f"{BASE}/robot/2024/0101/{n}.html", b) for n, b in enumerate(bodies)]
    exchanges.append(_exchange(f"{BASE}/robot/2024/0101/0.html?utm_source=x", bodies[0]))
    path = _write(tmp_path, exchanges)
    blob = path.read_bytes()
    start, end, _ = _responses(blob)[0]
    member = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03 not a record at all\n"
    path.write_bytes(blob[:start] + member + blob[end:])
    with WarcReader([path]) as reader:
        got = [r.url for r in reader.responses()]
    assert got == [exchanges[1].url]
    assert reader.stats.revisits == 1 and reader.stats.unresolved_revisits == 1
    expected, stats = _reference([path])
    for span_bytes in SPAN_BYTES:
        assert _pipelined([path], span_bytes, seed=span_bytes) == (expected, stats)


#: A whole record without digests, as a page could quote one (or a WARC file archived
#: as a page hold one, as a gzip member): found where reading looks for the next record
#: after damage, it must not be taken for one.
QUOTED = (
    b"WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: http://quoted/\r\n"
    b"Content-Type: application/http; msgtype=response\r\nContent-Length: 19\r\n\r\n"
    b"HTTP/1.1 200 OK\r\n\r\n\r\n\r\n"
)
FILLER = b"<p>a page long enough to be damaged before what it quotes</p>\n" * 200


def _stored_member(data: bytes) -> bytes:
    """A gzip member that stores ``data`` as it is, as deflate does with incompressible
    data: a gzip member in a payload lands in the file byte for byte."""
    compressor = zlib.compressobj(0, zlib.DEFLATED, 31)
    return compressor.compress(data) + compressor.flush()


@pytest.mark.parametrize("plain", [False, True], ids=["gzip", "plain"])
def test_a_record_quoted_in_a_damaged_payload_is_not_where_reading_goes_on(
    tmp_path: Path, plain: bool, caplog: pytest.LogCaptureFixture
) -> None:
    trap = FILLER + _fake_member(QUOTED) + b"<pre>\n" + QUOTED + b"</pre>\n" + FILLER
    pages = [p.read_bytes() for p in PAGES[:3]]
    exchanges = [_exchange(f"{BASE}/robot/2024/0101/{n}.html", b) for n, b in enumerate(pages)]
    exchanges.insert(1, _exchange(f"{BASE}/robot/2024/0101/trap.html", trap))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(writer_module, "_gzip_member", _stored_member)
        path = _write(tmp_path / "warc", exchanges)
    blob = path.read_bytes()
    name = path.name
    if plain:
        blob, name = gzip.decompress(blob), name.removesuffix(".gz")
    start, end, lost = _responses(blob)[1]
    assert lost.endswith("/trap.html")
    flip = blob.index(FILLER[:100], start) + 50  # in the page, before what it quotes
    damaged = bytes(b ^ 0xFF for b in blob[flip : flip + 3])
    copy = tmp_path / name
    copy.write_bytes(blob[:flip] + damaged + blob[flip + 3 :])
    with copy.open("rb") as handle:  # the quote is where the next record is looked for
        found = find_record_start(handle, start + 1, None, PLAIN if plain else GZIP)
    assert found is not None and start < found < end
    with caplog.at_level(logging.WARNING), WarcReader([copy]) as reader:
        got = [r.url for r in reader.responses()]
    assert got == [e.url for e in exchanges if e.url != lost]
    assert f"{copy}: damaged record at {start}, read on from {end} (" in caplog.text
    expected, stats = _reference([copy])
    for span_bytes in SPAN_BYTES:
        assert _pipelined([copy], span_bytes, seed=span_bytes) == (expected, stats)


def test_reparse_reads_past_the_damage_with_one_job_or_two(written: Path, tmp_path: Path) -> None:
    """The reported case: bytes flipped in the middle of a crawl's only WARC file lose
    the one article they are in, whatever the number of jobs."""
    path, at, resume, lost = _damaged_copy(written, tmp_path / "warc", N // 2, _three_bytes_flipped)
    whole = tmp_path / "whole"
    result = run_cli("reparse", "--archive", str(whole), "--warc", str(written))
    assert result.returncode == 0, result.stderr
    urls = sorted(r["url"] for r in read_archive(whole))
    assert lost in urls
    archives = []
    for jobs in ("1", "2"):
        archive = tmp_path / f"jobs-{jobs}"
        result = run_cli("reparse", "--archive", str(archive), "--warc", str(path), "--jobs", jobs)
        assert result.returncode == FAILED, result.stderr
        assert "1 damaged files" in result.stdout
        assert f"{path}: damaged record at {at}, read on from {resume} (" in result.stderr
        archives.append(read_archive(archive))
    assert archives[0] == archives[1]
    assert sorted(r["url"] for r in archives[0]) == [u for u in urls if u != lost]


def test_a_damaged_deflate_stream_is_read_once_and_said_once(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """warcio alone, meeting a member that stops decompressing after its first block,
    writes zlib's message for every block to the end of the file and reads it all; the
    reader stops at the damaged member, says it in its warning, and reads on."""
    import random

    noise = random.Random(7)
    pages = [bytes(noise.getrandbits(8) for _ in range(60_000)) for _ in range(6)]
    path = _write(tmp_path / "w", [_exchange(f"{BASE}/a/{n}.html", p) for n, p in enumerate(pages)])
    blob = bytearray(path.read_bytes())
    _, end, lost = _responses(bytes(blob))[2]
    for at in range(end - 2_000, end - 1_990):  # past the member's first 16 KiB block
        blob[at] ^= 0xFF
    path.write_bytes(bytes(blob))
    capfd.readouterr()
    with WarcReader([path]) as reader:
        got = [r.url for r in reader.responses()]
    assert len(got) == 5 and lost not in got
    assert reader.stats.damaged_files == [str(path)]
    assert "decompressing" not in capfd.readouterr().err
