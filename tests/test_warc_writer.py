"""WARC writing: heads that match the stored payload, revisits, rotation, warcio's CLI."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re
from pathlib import Path

import pytest

from newsarchive.warc.digests import DigestStore, payload_digest
from newsarchive.warc.files import DIGESTS_FILE, file_name, next_serial, serial_of, warc_files
from newsarchive.warc.http import ORIGINAL_HEADERS_FIELD, request_head, response_head
from newsarchive.warc.writer import Exchange, WarcWriter
from tests.warc_helpers import member_offsets, records, warcio_cli

URL = "http://127.0.0.1:8000/robot/2024/1024/452817.html"
PAGE = "<html><body>重庆瞭望</body></html>".encode()


def writer(directory: Path, **kwargs: object) -> WarcWriter:
    return WarcWriter(directory, digests=DigestStore(directory / DIGESTS_FILE), **kwargs)  # type: ignore[arg-type]


def exchange(url: str = URL, body: bytes = PAGE, **kwargs: object) -> Exchange:
    headers = kwargs.pop("headers", [("Content-Type", "text/html")])
    return Exchange(url=url, status=200, response_headers=headers, body=body, **kwargs)  # type: ignore[arg-type]


# --- heads ------------------------------------------------------------------------------


def test_response_head_drops_chunked_and_sets_stored_length() -> None:
    head = response_head(
        "HTTP/1.1",
        200,
        [("Content-Type", "text/html"), ("Transfer-Encoding", "chunked"), ("Content-Length", "9")],
        42,
    )
    assert head.statusline == "200 OK"
    assert ("Content-Length", "42") in head.headers
    assert all(name.lower() != "transfer-encoding" for name, _ in head.headers)
    assert [n for n, _ in head.headers].count("Content-Length") == 1
    assert json.loads(head.original_field() or "") == [
        ["Transfer-Encoding", "chunked"],
        ["Content-Length", "9"],
    ]


def test_response_head_unchanged_has_no_original_field() -> None:
    head = response_head(None, 404, [("Content-Length", "3")], 3)
    assert head.protocol == "HTTP/1.1" and head.statusline == "404 Not Found"
    assert head.original_field() is None


def test_content_encoding_is_kept() -> None:
    head = response_head("HTTP/1.1", 200, [("Content-Encoding", "gzip")], 10)
    assert ("Content-Encoding", "gzip") in head.headers


def test_request_head_adds_host_and_keeps_one_line_per_header() -> None:
    head = request_head("get", "http://127.0.0.1:8000/a?b=1", [("X", "a\r\nEvil: 1")], 0, None)
    assert head.statusline == "GET /a?b=1"
    assert head.headers[0] == ("Host", "127.0.0.1:8000")
    assert ("X", "a  Evil: 1") in head.headers


# --- names ------------------------------------------------------------------------------


def test_file_names_sort_in_write_order(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    name = file_name(datetime(2024, 10, 24, 9, 5, 17, tzinfo=UTC), 1)
    assert name == "newsarchive-20241024T090517Z-00001.warc.gz"
    assert serial_of(name) == 1
    (tmp_path / name).touch()
    (tmp_path / "newsarchive-20241024T090518Z-00007.warc.gz.open").touch()
    assert next_serial(tmp_path) == 8


# --- records ----------------------------------------------------------------------------


def test_records_are_warc_1_1_with_digests(tmp_path: Path) -> None:
    with writer(tmp_path) as w:
        w.write(exchange(request_headers=[("User-Agent", "newsarchive")], ip_address="127.0.0.1"))
    (path,) = w.files
    assert re.fullmatch(r"newsarchive-\d{8}T\d{6}Z-00001\.warc\.gz", path.name)
    got = records(path)
    assert [r["type"] for r in got] == ["warcinfo", "response", "request"]
    assert {r["version"] for r in got} == {"WARC/1.1"}
    response, request = got[1], got[2]
    assert response["warc"]["WARC-Target-URI"] == URL
    assert response["warc"]["WARC-IP-Address"] == "127.0.0.1"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z", response["warc"]["WARC-Date"])
    sha1 = base64.b32encode(hashlib.sha1(PAGE).digest()).decode()
    assert response["warc"]["WARC-Payload-Digest"] == f"sha1:{sha1}"
    assert response["payload"] == PAGE
    assert ("Content-Length", str(len(PAGE))) in response["http"]
    assert request["warc"]["WARC-Concurrent-To"] == response["warc"]["WARC-Record-ID"]
    assert request["statusline"] == "/robot/2024/1024/452817.html HTTP/1.1"


def test_each_record_is_its_own_gzip_member(tmp_path: Path) -> None:

    with writer(tmp_path) as w:
        w.write(exchange())
        w.write(exchange(url=URL + "?x=1", body=b"other"))
    data = w.files[0].read_bytes()
    ends = member_offsets(data)
    assert len(ends) == 5 and ends[-1] == len(data)
    assert gzip.decompress(data[: ends[0]]).startswith(b"WARC/1.1\r\nWARC-Type: warcinfo")


def test_same_payload_becomes_revisit_even_in_a_later_run(tmp_path: Path) -> None:
    with writer(tmp_path) as first:
        first.write(exchange())
    with writer(tmp_path) as second:
        second.write(exchange(url=URL + "?utm_source=x"))
    original = records(first.files[0])[1]
    revisit = records(second.files[0])[1]
    assert second.files[0] != first.files[0]
    assert revisit["type"] == "revisit"
    assert revisit["warc"]["WARC-Profile"] == (
        "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"
    )
    assert revisit["warc"]["WARC-Refers-To-Target-URI"] == URL
    assert revisit["warc"]["WARC-Refers-To-Date"] == original["warc"]["WARC-Date"]
    assert revisit["warc"]["WARC-Refers-To"] == original["warc"]["WARC-Record-ID"]
    assert revisit["warc"]["WARC-Payload-Digest"] == payload_digest(PAGE)
    assert revisit["payload"] == b""


def test_empty_payloads_are_never_revisits(tmp_path: Path) -> None:
    with writer(tmp_path) as w:
        for n in range(2):
            w.write(Exchange(f"http://h/{n}", 301, [("Location", "/x")], b""))
    assert [r["type"] for r in records(w.files[0])].count("revisit") == 0


def test_files_rotate_before_passing_max_size(tmp_path: Path) -> None:
    bodies = [hashlib.sha256(str(n).encode()).hexdigest().encode() * 40 for n in range(12)]
    with writer(tmp_path, max_size=6000) as w:
        for n, body in enumerate(bodies):
            w.write(exchange(url=f"{URL}?n={n}", body=body))
    assert len(w.files) > 1
    assert [serial_of(p.name) for p in w.files] == list(range(1, len(w.files) + 1))
    assert warc_files(tmp_path, include_open=True) == w.files
    payloads = []
    for path in w.files:
        assert path.stat().st_size <= 6000
        got = records(path)
        assert got[0]["type"] == "warcinfo"
        payloads += [r["payload"] for r in got if r["type"] == "response"]
    assert payloads == bodies


def test_file_is_open_while_written(tmp_path: Path) -> None:
    w = writer(tmp_path)
    w.write(exchange())
    assert w.current is not None and w.current.name.endswith(".warc.gz.open")
    w.close()
    w.close()
    assert not list(tmp_path.glob("*.open")) and len(w.files) == 1


def test_warcio_check_and_index_accept_the_files(tmp_path: Path) -> None:
    compressed = gzip.compress(PAGE)
    with writer(tmp_path) as w:
        w.write(
            exchange(
                headers=[("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")],
                body=compressed,
            )
        )
        w.write(
            exchange(url=URL + "?again", headers=[("Content-Encoding", "gzip")], body=compressed)
        )
        w.write(Exchange("http://127.0.0.1:8000/gone", 404, [], b"nope"))
    (path,) = w.files
    check = warcio_cli("check", "-v", str(path))
    assert check.returncode == 0, check.stdout + check.stderr
    assert "digest pass" in check.stdout
    index = warcio_cli("index", "-f", "warc-type,warc-target-uri,http:status", str(path))
    assert index.returncode == 0, index.stderr
    lines = [json.loads(line) for line in index.stdout.splitlines()]
    assert [x["warc-type"] for x in lines] == [
        "warcinfo",
        "response",
        "request",
        "revisit",
        "request",
        "response",
        "request",
    ]
    stored = records(path)[1]
    assert stored["payload"] == compressed
    assert ("Content-Encoding", "gzip") in stored["http"]
    assert json.loads(stored["warc"][ORIGINAL_HEADERS_FIELD]) == [["Transfer-Encoding", "chunked"]]


@pytest.mark.parametrize("size", [0, 1])
def test_max_size_below_one_record_still_writes(tmp_path: Path, size: int) -> None:
    with writer(tmp_path, max_size=size) as w:
        w.write(exchange())
        w.write(exchange(url=URL + "?2", body=b"x"))
    assert len(w.files) == 2


def test_an_exchange_pickles_whole() -> None:
    """Every exchange crosses to the recorder process pickled; ``__reduce__`` lists the
    fields by hand, so a field added to the class and not to it would be lost."""
    import dataclasses
    import pickle
    from datetime import UTC, datetime

    exchange = Exchange(
        url="http://h/a.html",
        status=206,
        response_headers=[("Content-Type", "text/html"), ("X", "1"), ("X", "2")],
        body=b"<html>\xff</html>",
        method="POST",
        request_headers=[("User-Agent", "ua")],
        request_body=b"q=1",
        protocol="HTTP/1.0",
        date=datetime(2024, 10, 24, 1, 5, 17, 123, tzinfo=UTC),
        ip_address="127.0.0.1",
        truncated="disconnect",
        extra={"WARC-X-Callback": "parse_article"},
    )
    defaults = Exchange("http://h/a.html", 206, [], b"")
    for field in dataclasses.fields(Exchange):  # every field differs from its default
        assert getattr(exchange, field.name) != getattr(defaults, field.name) or field.name in (
            "url",
            "status",
        )
    back = pickle.loads(pickle.dumps(exchange, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == exchange and dataclasses.astuple(back) == dataclasses.astuple(exchange)


def test_digests_are_committed_in_groups_and_when_a_file_closes(tmp_path: Path) -> None:
    """The writer's own lookups see a payload at once; other connections (a reparse's
    revisit resolution) once its group is committed, and at the latest once the file
    it is in has been closed."""
    from newsarchive.warc.digests import Original

    store_path = tmp_path / "digests.sqlite3"
    store = DigestStore(store_path)
    other = DigestStore(store_path)
    first = Original("http://h/0", "2024-01-01T00:00:00Z", "<urn:uuid:0>", "f.warc.gz", 0)
    store.add("sha1:0", first)
    assert store.get("sha1:0") == first
    assert other.get("sha1:0") is None
    for n in range(1, DigestStore.COMMIT_EVERY):
        store.add(f"sha1:{n}", first)
    assert other.get(f"sha1:{DigestStore.COMMIT_EVERY - 1}") == first  # a full group
    store.add("sha1:late", first)
    assert other.get("sha1:late") is None
    store.close()
    assert other.get("sha1:late") == first
    other.close()

    directory = tmp_path / "warc"
    w = writer(directory)
    w.write(exchange())
    assert DigestStore(directory / DIGESTS_FILE).get(payload_digest(PAGE)) is None
    w.close()
    assert DigestStore(directory / DIGESTS_FILE).get(payload_digest(PAGE)) is not None
