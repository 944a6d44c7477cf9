"""Reading WARC files back: decoded payloads, resolved revisits, damage survived."""

from __future__ import annotations

import gzip
import os
import zlib
from pathlib import Path

import brotli
import pytest

from newsarchive.warc.digests import DigestStore
from newsarchive.warc.files import DIGESTS_FILE
from newsarchive.warc.payload import decode_body
from newsarchive.warc.reader import CALLBACK_FIELD, WarcReader, digest_matches, payload_at
from newsarchive.warc.writer import Exchange, WarcWriter
from tests.warc_helpers import member_offsets

PAGE = "<html>新闻</html>".encode() * 20


@pytest.mark.parametrize(
    ("encoding", "raw"),
    [
        (None, PAGE),
        ("gzip", gzip.compress(PAGE)),
        ("x-gzip", gzip.compress(PAGE)),
        ("deflate", zlib.compress(PAGE)),
        ("deflate", zlib.compress(PAGE)[2:-4]),  # raw deflate
        ("br", brotli.compress(PAGE)),
        ("gzip, br", brotli.compress(gzip.compress(PAGE))),
        ("GZIP", gzip.compress(PAGE)),
    ],
)
def test_payload_decoded_like_scrapy(encoding: str | None, raw: bytes) -> None:
    assert decode_body(raw, encoding) == PAGE


def test_unknown_or_broken_coding_left_as_is() -> None:
    assert decode_body(b"abc", "compress") == b"abc"
    assert decode_body(b"not gzip", "gzip") == b"not gzip"
    assert decode_body(gzip.compress(PAGE), "gzip", max_size=10) == PAGE[:10]


def write(directory: Path, *exchanges: Exchange) -> list[Path]:
    with WarcWriter(directory, digests=DigestStore(directory / DIGESTS_FILE)) as w:
        for ex in exchanges:
            w.write(ex)
    return w.files


def page(url: str, body: bytes = PAGE, **kwargs: object) -> Exchange:
    return Exchange(url, 200, [("Content-Type", "text/html")], body, **kwargs)  # type: ignore[arg-type]


def test_responses_in_order_with_decoded_bodies(tmp_path: Path) -> None:
    files = write(
        tmp_path,
        Exchange(
            "http://h/a",
            200,
            [("Content-Encoding", "gzip")],
            gzip.compress(PAGE),
            extra={CALLBACK_FIELD: "parse_article"},
        ),
        page("http://h/b", b"other"),
    )
    with WarcReader(files) as reader:
        got = list(reader.responses())
    assert [(r.seq, r.url, r.body, r.callback) for r in got] == [
        (0, "http://h/a", PAGE, "parse_article"),
        (1, "http://h/b", b"other", None),
    ]


def test_revisit_carries_the_original_payload(tmp_path: Path) -> None:
    files = write(tmp_path, page("http://h/a"), page("http://h/a?utm_source=x"))
    with WarcReader(files) as reader:
        got = list(reader.responses())
    assert [(r.url, r.revisit, r.body) for r in got] == [
        ("http://h/a", False, PAGE),
        ("http://h/a?utm_source=x", True, PAGE),
    ]


def test_revisit_to_a_file_not_read_is_found_through_the_archive_digests(tmp_path: Path) -> None:
    first = write(tmp_path, page("http://h/a"))
    second = write(tmp_path, page("http://h/a"))
    assert first != second
    with WarcReader(second) as reader:
        (got,) = list(reader.responses())
    assert got.revisit and got.body == PAGE and reader.stats.unresolved_revisits == 0


def test_unresolvable_revisit_is_counted(tmp_path: Path) -> None:
    write(tmp_path, page("http://h/a"))
    second = write(tmp_path, page("http://h/a"))
    (tmp_path / DIGESTS_FILE).unlink()
    with WarcReader(second) as reader:
        assert list(reader.responses()) == []
    assert reader.stats.unresolved_revisits == 1


def test_select_skips_payloads_not_wanted(tmp_path: Path) -> None:
    files = write(tmp_path, page("http://h/a"), page("http://h/b", b"b"))
    with WarcReader(files, select=lambda url, status, cb: url.endswith("/b")) as reader:
        assert [r.url for r in reader.responses()] == ["http://h/b"]
    assert reader.stats.responses == 2


def test_damaged_file_yields_what_precedes_the_damage(tmp_path: Path) -> None:
    files = write(
        tmp_path, page("http://h/a"), page("http://h/b", b"b"), page("http://h/c", os.urandom(900))
    )
    data = files[0].read_bytes()
    ends = member_offsets(data)
    os.truncate(files[0], ends[4] + 40)  # inside the response of http://h/c
    garbage = tmp_path / "garbage.warc.gz"
    garbage.write_bytes(b"\x00" * 100)
    later = write(tmp_path / "more", page("http://h/d", b"d"))
    with WarcReader([files[0], garbage, *later]) as reader:
        urls = [r.url for r in reader.responses()]
    assert urls == ["http://h/a", "http://h/b", "http://h/d"]
    assert reader.stats.damaged_files == [str(files[0]), str(garbage)]


def test_payload_cut_short_is_damage_not_a_short_page(tmp_path: Path) -> None:
    (path,) = write(tmp_path, page("http://h/a", os.urandom(4000)))
    data = path.read_bytes()
    ends = member_offsets(data)
    os.truncate(path, ends[0] + (ends[1] - ends[0]) // 2)
    with WarcReader([path]) as reader:
        assert list(reader.responses()) == []
    assert reader.stats.damaged_files == [str(path)]


def test_a_damaged_original_read_afresh_is_no_payload(tmp_path: Path) -> None:
    """A member that no longer decompresses, whose raw bytes warcio, reading from there
    and not told the format, would take for an ARC record's header line: a response
    with an empty payload and no digest. It is no revisit's original."""
    (path,) = write(tmp_path, page("http://h/a"))
    data = path.read_bytes()
    ends = member_offsets(data)
    member = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03 not a record at all\n"
    path.write_bytes(data[: ends[0]] + member + data[ends[1] :])
    assert payload_at(path, ends[0]) is None


def test_digest_forms() -> None:
    assert digest_matches("sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ", b"") is True
    assert digest_matches("sha1:da39a3ee5e6b4b0d3255bfef95601890afd80709", b"") is True
    assert digest_matches("sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ", b"x") is False
    assert digest_matches("nosuch:abc", b"") is None
