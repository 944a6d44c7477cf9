"""A WARC file cut short anywhere is a damaged file, never a shorter clean one.

warcio reads a cut file as a file that ends early: a block cut short is a shorter
block, a torn gzip member looks like the end of the file. The reader checks each record
whole and the file's end, so every cut strictly inside a record is reported, and what
came before the cut is still read. One kind of cut cannot be seen in the file: one that
falls exactly between two records leaves a valid WARC file of fewer records (nothing in
the format marks a file's last record). Those offsets are the only ones left out, and
the tests check that they read as exactly the records before them; the size recorded
when the file was closed catches them in an archive (``test_warc_closed_sizes``).

An empty file, or one with no whole record, is reported as damaged too: a WARC file
always begins with its ``warcinfo`` record.
"""

from __future__ import annotations

import gzip
import io
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis_profiles import bounded
from warcio.archiveiterator import ArchiveIterator

from newsarchive import settings
from newsarchive.exitcodes import FAILED
from newsarchive.reparse.classify import Classifier, Kind
from newsarchive.reparse.work import Config
from newsarchive.warc.digests import DigestStore
from newsarchive.warc.files import DIGESTS_FILE
from newsarchive.warc.reader import (
    CALLBACK_FIELD,
    RUN_FIELD,
    Damaged,
    Entry,
    ReadStats,
    Span,
    WarcReader,
    damage_reason,
    read_span,
)
from newsarchive.warc.writer import Exchange, WarcWriter
from tests.conftest import SITE, run_cli
from tests.test_reparse_spans import _pipelined, _reference

BASE = "http://127.0.0.1:8000"
CONFIG = Config("zh-Hans", tuple(settings.NEWSARCHIVE_ARTICLE_URL_PATTERNS))
CLASSIFY = Classifier.build(CONFIG.article_patterns)
#: Every STRIDE-th cut, plus the bytes around every record boundary, is tried.
STRIDE = 5


def _select(url: str, status: int, callback: str | None) -> bool:
    return CLASSIFY.kind(url, callback) is not Kind.OTHER


def _exchanges() -> list[Exchange]:
    """Articles and a listing of the fixture site, a revisit, an empty body, a page sent
    gzip-encoded and a counter answer: every kind of record a crawl writes."""
    pages = [
        "/robot/2024/1024/452817.html",
        "/robot/list_8_1.html",
        "/robot/2024/0730/450655.html",
    ]
    out = []
    for n, path in enumerate(pages):
        extra = {CALLBACK_FIELD: "parse_article"} if n != 1 else {}
        body = (SITE / path.lstrip("/")).read_bytes()
        out.append(Exchange(BASE + path, 200, [("Content-Type", "text/html")], body, extra=extra))
    out.append(Exchange(BASE + pages[0] + "?utm_source=x", 200, [], out[0].body))  # revisit
    out.append(Exchange(f"{BASE}/robot/", 204, [], b""))
    zipped = gzip.compress(out[2].body)
    out.append(Exchange(BASE + pages[2] + "?p=2", 200, [("Content-Encoding", "gzip")], zipped))
    counter = f"{BASE}/plus/count.php?view=yes&aid=452817&mid=1"
    out.append(Exchange(counter, 200, [], b"document.write('7');", extra={CALLBACK_FIELD: "x"}))
    return out


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """One file written by the project's writer, as it is (``.warc.gz``) and unpacked."""
    folder = tmp_path_factory.mktemp("whole")
    with WarcWriter(folder, digests=DigestStore(folder / DIGESTS_FILE), info={RUN_FIELD: "r"}) as w:
        for exchange in _exchanges():
            w.write(exchange)
    (path,) = w.files
    data = path.read_bytes()
    return {".warc.gz": data, ".warc": gzip.decompress(data)}


def _records(blob: bytes) -> list[tuple[int, str, str | None]]:
    """``(end, type, URL of a response or revisit)`` of every record of a whole file;
    a record ends where the next begins (its gzip member, or its closing blank lines)."""
    reader = ArchiveIterator(io.BytesIO(blob))
    found = []
    for record in reader:
        has_http = record.rec_type in ("response", "revisit") and record.http_headers
        url = record.rec_headers.get_header("WARC-Target-URI") if has_http else None
        found.append((reader.get_record_offset(), record.rec_type, url))
    starts = [start for start, _, _ in found]
    return [
        (end, kind, url)
        for end, (_, kind, url) in zip([*starts[1:], len(blob)], found, strict=True)
    ]


def _boundaries(blob: bytes) -> set[int]:
    """Where a cut leaves whole records only (the end of the whole file included)."""
    return {end for end, _, _ in _records(blob)}


def _cuts(blob: bytes, stride: int) -> list[int]:
    """Every ``stride``-th offset inside the file and the few bytes around each record
    boundary (a record's last bytes: its block's end, blank lines, gzip trailer)."""
    near = {at + d for at in _boundaries(blob) for d in range(-5, 6)}
    return sorted({*range(0, len(blob), stride), *near} & set(range(len(blob))))


@pytest.mark.parametrize("suffix", [".warc.gz", ".warc"])
def test_every_cut_inside_a_record_is_damage_and_what_precedes_it_is_read(
    written: dict[str, bytes], suffix: str, tmp_path: Path
) -> None:
    blob = written[suffix]
    records = _records(blob)
    boundaries = _boundaries(blob)
    path = tmp_path / f"cut{suffix}"
    path.write_bytes(blob)
    missed = []
    for at in [len(blob), *reversed(_cuts(blob, STRIDE))]:  # cut shorter and shorter
        os.truncate(path, at)
        events = list(read_span(path, Span(0, None), _select))
        damaged = [e.reason for e in events if isinstance(e, Damaged)]
        urls = [e.url for e in events if isinstance(e, Entry)]
        whole = at in boundaries
        if bool(damaged) == whole:
            missed.append((at, damaged))
        # the responses of the records wholly before the cut, every one, in order; in a
        # plain file a record whose block is whole counts even if its closing blank
        # lines are cut (the file is damaged all the same)
        closing = 0 if suffix == ".warc.gz" else len(b"\r\n\r\n")
        assert urls == [url for end, _, url in records if end - closing <= at and url], at
    assert not missed, f"{len(missed)} cuts read wrong, first: {missed[:5]}"


def _whole_read(files: list[Path]) -> tuple[list[str], ReadStats]:
    with WarcReader(files, _select) as reader:
        urls = [r.url for r in reader.responses()]
    return urls, reader.stats


@pytest.mark.parametrize("suffix", [".warc.gz", ".warc"])
def test_cut_files_are_reported_however_they_are_read(
    written: dict[str, bytes], suffix: str, tmp_path: Path
) -> None:
    """Many cut copies read in one go, whole and in spans: exactly the ones cut inside a
    record are damaged files, and spans give what a whole read gives."""
    blob = written[suffix]
    boundaries = _boundaries(blob)
    files = []
    for at in [*_cuts(blob, 151), len(blob)]:
        path = tmp_path / f"cut-{at:06d}{suffix}"
        path.write_bytes(blob[:at])
        files.append(path)
    urls, stats = _whole_read(files)
    damaged = [str(p) for p in files if p.stat().st_size not in boundaries]
    assert stats.damaged_files == damaged
    assert len(urls) > len(files)
    expected, reference = _reference(files)  # parsed, as ``reparse --jobs 1`` does
    assert reference == stats
    for span_bytes in (600, 5_000):  # as ``reparse --jobs N`` reads, in spans
        got, got_stats = _pipelined(files, span_bytes, seed=span_bytes)
        assert got == expected
        assert got_stats == stats


@pytest.mark.parametrize("suffix", [".warc.gz", ".warc"])
@bounded(25)
@given(data=st.data())
def test_a_cut_anywhere_is_reported(
    written: dict[str, bytes], suffix: str, data: st.DataObject
) -> None:
    blob = written[suffix]
    at = data.draw(st.integers(min_value=0, max_value=len(blob) - 1), label="cut at")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"cut{suffix}"
        path.write_bytes(blob[:at])
        _, stats = _whole_read([path])
        assert bool(stats.damaged_files) == (at == 0 or at not in _boundaries(blob))
        for span_bytes in (500, 3_000):
            _, got_stats = _pipelined([path], span_bytes)
            assert got_stats == stats


def test_an_empty_file_is_damaged(tmp_path: Path) -> None:
    for name in ("empty.warc.gz", "empty.warc"):
        (tmp_path / name).write_bytes(b"")
    blank = tmp_path / "blank.warc"
    blank.write_bytes(b"\r\n\r\n")
    files = [tmp_path / "empty.warc.gz", tmp_path / "empty.warc", blank]
    events = list(read_span(files[0], Span(0, None), _select))
    assert [e.reason for e in events if isinstance(e, Damaged)] == ["empty file"]
    assert _whole_read(files)[1].damaged_files == [str(p) for p in files]
    assert _pipelined(files, 1000)[1].damaged_files == [str(p) for p in files]


def test_a_reason_quoting_a_garbage_line_is_short_and_printable() -> None:
    from warcio.exceptions import ArchiveLoadFailed

    junk = "".join(map(chr, range(256))) * 3
    text = damage_reason(ArchiveLoadFailed("Unknown archive format, first line: " + junk))
    assert text.startswith("Unknown archive format, first line: ")
    assert text.isascii() and text.isprintable() and len(text) < 120
    assert damage_reason(ValueError("short\nand plain")) == "short and plain"


def test_reparse_command_exits_1_and_says_so(written: dict[str, bytes], tmp_path: Path) -> None:
    """The reported case: cut, empty and garbage files through the command, one line
    each on stderr, printable, and a failing exit status (as any damaged file gives)."""
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(written[".warc.gz"][:3000])
    plain = tmp_path / "cut.warc"
    plain.write_bytes(written[".warc"][: len(written[".warc"]) - 1])
    empty = tmp_path / "empty.warc.gz"
    empty.write_bytes(b"")
    garbage = tmp_path / "garbage.warc.gz"
    garbage.write_bytes(bytes(range(256)) * 12)
    archive = tmp_path / "archive"
    for path, jobs in ((cut, 1), (cut, 2), (plain, 1), (empty, 1), (garbage, 1), (garbage, 2)):
        result = run_cli("reparse", "--archive", str(archive), "--warc", str(path),
                         "--jobs", str(jobs))  # fmt: skip
        assert result.returncode == FAILED, (path, jobs, result.stdout, result.stderr)
        assert "1 damaged files" in result.stdout
        assert f"damaged (whole records read, damage skipped): {path}" in result.stderr
        assert "Traceback" not in result.stderr
        for line in result.stderr.splitlines():
            assert line.isascii() and line.isprintable() and len(line) < 300, line
    whole = tmp_path / "whole.warc.gz"
    whole.write_bytes(written[".warc.gz"])
    result = run_cli("reparse", "--archive", str(archive), "--warc", str(whole), "--jobs", "1")
    assert result.returncode == 0 and "0 damaged files" in result.stdout, result.stderr
