"""Records serialised directly (``newsarchive.warc.records``) are warcio's, byte for byte.

Each exchange is written twice with the same record ids: once as the writer does it,
once with the direct path turned off so that warcio builds every record. The
decompressed files must be identical, for generated exchanges of every shape the
writer sees (plain heads, heads warcio percent-encodes, fields that collide with the
ones warcio sets, empty and binary bodies, request bodies, transfer headers).
"""

from __future__ import annotations

import gzip
import itertools
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from hypothesis_profiles import bounded
from warcio.statusandheaders import StatusAndHeadersParser

from newsarchive.warc import records, writer
from newsarchive.warc.writer import Exchange, WarcWriter

DATE = datetime(2024, 10, 24, 1, 5, 17, 123456, tzinfo=UTC)

_NAME = st.from_regex(r"[A-Za-z][A-Za-z0-9-]{0,14}", fullmatch=True)
_ASCII_VALUE = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=30)
_VALUE = st.one_of(_ASCII_VALUE, _ASCII_VALUE, st.text(max_size=12))
_HEADERS = st.lists(
    st.tuples(
        st.one_of(_NAME, st.sampled_from(["Content-Length", "Transfer-Encoding", "Host"])),
        _VALUE,
    ),
    max_size=6,
)
_EXTRA_NAME = st.one_of(
    _NAME.map(lambda n: "WARC-X-" + n),
    st.sampled_from(["Content-Type", "warc-type", "WARC-Target-URI", "Content-Length"]),
)
_EXCHANGES = st.builds(
    Exchange,
    url=st.sampled_from(
        [
            "http://127.0.0.1:8000/robot/2024/1024/452817.html",
            "http://h/a?b=1&c=%E4%BD%A0",
            "http://h",
        ]
    ),
    status=st.sampled_from([200, 206, 301, 404, 503, 599]),
    response_headers=_HEADERS,
    body=st.one_of(st.just(b""), st.binary(max_size=300)),
    method=st.sampled_from(["GET", "POST", "get"]),
    request_headers=_HEADERS,
    request_body=st.one_of(st.just(b""), st.binary(max_size=40)),
    protocol=st.sampled_from([None, "HTTP/1.1", "HTTP/1.0", "h2"]),
    date=st.just(DATE),
    ip_address=st.sampled_from([None, "127.0.0.1", "::1"]),
    truncated=st.sampled_from([None, "disconnect", "length"]),
    extra=st.dictionaries(_EXTRA_NAME, _ASCII_VALUE, max_size=2),
)


def _written(directory: Path, exchanges: list[Exchange]) -> bytes:
    """The decompressed response and request records ``exchanges`` make, without the
    file's warcinfo record (which names the file)."""
    out = WarcWriter(directory)
    for exchange in exchanges:
        out.write(exchange)
    out.close()
    (path,) = directory.glob("*.warc.gz")
    data = gzip.decompress(path.read_bytes())
    return data[data.index(b"WARC/1.1\r\n", 1) :]


def _both(
    tmp: Path, exchanges: list[Exchange], monkeypatch: pytest.MonkeyPatch
) -> tuple[bytes, bytes]:
    counter = itertools.count()

    def make_id() -> str:
        return f"<urn:uuid:00000000-0000-0000-0000-{next(counter):012d}>"

    with monkeypatch.context() as patch:
        patch.setattr(StatusAndHeadersParser, "make_warc_id", staticmethod(make_id))
        direct = _written(tmp / "direct", exchanges)
        counter = itertools.count()
        patch.setattr(writer, "http_block", lambda *args: None)  # warcio builds them all
        built = _written(tmp / "warcio", exchanges)
    return direct, built


@bounded(300)
@given(st.lists(_EXCHANGES, min_size=1, max_size=3))
@example(
    [Exchange("http://h/a.html", 200, [("Content-Type", "text/html")], b"<p>hi</p>", date=DATE)]
)
@example([Exchange("http://h/a.html", 200, [("X", "caf\xe9")], b"x", date=DATE)])  # percent-encoded
@example([Exchange("http://h/a.html", 200, [], b"x", extra={"Content-Type": "t/x"}, date=DATE)])
def test_records_are_warcios_byte_for_byte(
    tmp_path_factory: pytest.TempPathFactory, exchanges: list[Exchange]
) -> None:
    tmp = tmp_path_factory.mktemp("records")
    with pytest.MonkeyPatch.context() as monkeypatch:
        direct, built = _both(tmp, exchanges, monkeypatch)
    assert direct == built


def test_the_direct_path_serves_plain_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The comparison above is only worth something if the direct path is taken: a
    crawl's ordinary exchange never reaches warcio's record builder."""
    calls: list[str] = []
    original = writer.WARCWriter.write_record

    def spy(self: object, record: object, params: object = None) -> None:
        calls.append(getattr(record, "rec_type", "?"))
        original(self, record, params)  # type: ignore[arg-type]

    monkeypatch.setattr(writer.WARCWriter, "write_record", spy)
    exchange = Exchange(
        "http://h/a.html",
        200,
        [("Content-Type", "text/html"), ("Transfer-Encoding", "chunked")],
        b"<p>hi</p>",
        request_headers=[("User-Agent", "ua")],
        ip_address="127.0.0.1",
        extra={"WARC-X-Newsarchive-Callback": "parse_article"},
    )
    _written(tmp_path, [exchange])
    assert calls == ["warcinfo"]


def test_http_block_declines_what_warcio_would_percent_encode() -> None:
    assert records.http_block("HTTP/1.1 200 OK", [("A", "b")]) == b"HTTP/1.1 200 OK\r\nA: b\r\n\r\n"
    assert records.http_block("HTTP/1.1 200 OK", [("A", "caf\xe9")]) is None


def test_plain_fields() -> None:
    assert records.plain_fields(["WARC-Date", "WARC-X-Callback"])
    assert not records.plain_fields(["WARC-Date", "content-TYPE"])
