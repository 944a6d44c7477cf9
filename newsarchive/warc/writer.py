"""Append HTTP exchanges to size-rotated WARC 1.1 files, one gzip member per record.

Durability: every record is built and compressed in memory, then the response (or
revisit) and its request are appended with ``os.write`` on an ``O_APPEND`` descriptor,
no user-space buffer in between, so a process killed at any moment leaves whole
records plus at most one torn tail, which ``recover`` cuts off on the next open. The
file carries ``.open`` and an ``flock`` while written and is renamed when closed.
Files rotate before a write would take them past ``max_size`` (a single exchange larger
than that gets a file of its own).

Deduplication: a non-empty payload whose digest is in the ``DigestStore`` becomes a
``revisit`` record (identical-payload-digest profile) that refers to the first copy by
URI, date and record id. Empty payloads (redirects, 304s) are always stored in full:
a revisit would save nothing and say less.
"""

from __future__ import annotations

import fcntl
import io
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import deflate
from warcio.recordbuilder import RecordBuilder
from warcio.statusandheaders import StatusAndHeaders, StatusAndHeadersParser
from warcio.warcwriter import WARCWriter

from newsarchive.warc.digests import DigestStore, Original, payload_digest
from newsarchive.warc.files import OPEN_SUFFIX, file_name, final_name, next_serial
from newsarchive.warc.http import ORIGINAL_HEADERS_FIELD, request_head, response_head
from newsarchive.warc.records import http_block, http_record, plain_fields
from newsarchive.warc.recover import recover_directory

WARC_VERSION = "1.1"
DEFAULT_MAX_SIZE = 1024**3
#: libdeflate's level 6 compresses HTML as zlib's level 6 does (within 0.2%, on the
#: fixture pages and the generated site) in half the time; warcio's own wrapper uses
#: zlib at 9, twice zlib 6's CPU for a few percent.
GZIP_LEVEL = 6


@dataclass(frozen=True, slots=True)
class Exchange:
    """One HTTP request and the response to it, as plain values."""

    url: str
    status: int
    response_headers: list[tuple[str, str]]
    body: bytes
    method: str = "GET"
    request_headers: list[tuple[str, str]] = field(default_factory=list)
    request_body: bytes = b""
    protocol: str | None = None
    date: datetime | None = None
    ip_address: str | None = None
    truncated: str | None = None
    """``WARC-Truncated`` reason when the body is known to be incomplete."""
    extra: Mapping[str, str] = field(default_factory=dict)
    """More ``WARC-*`` fields for the response record."""

    def __reduce__(self) -> tuple[type[Exchange], tuple[Any, ...]]:
        """Pickled as a call with the fields, as ``events.Entry`` is: every response of a
        crawl crosses to the recorder process, and a slotted dataclass's own state
        functions take half the pickling time and two thirds of the unpickling."""
        return Exchange, (
            self.url,
            self.status,
            self.response_headers,
            self.body,
            self.method,
            self.request_headers,
            self.request_body,
            self.protocol,
            self.date,
            self.ip_address,
            self.truncated,
            self.extra,
        )


@dataclass(frozen=True, slots=True)
class Written:
    """What ``write`` did: which record type, where, how many bytes."""

    record_type: str
    file: str
    offset: int
    length: int


def warc_date(when: datetime) -> str:
    """WARC 1.1 date: UTC with microseconds, ``Z`` suffix."""
    moment = when if when.tzinfo else when.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _gzip_member(data: bytes) -> bytes:
    """One complete gzip member, compressed by libdeflate (``deflate``).

    A record is compressed whole, in memory, before it is written (see the module's
    durability note), which is the one thing libdeflate cannot do without: a streaming
    compressor would buy nothing here. Compressing was a third of the WARC recorder's
    CPU with zlib; the member is standard gzip, read by zlib, warcio and every WARC tool.
    """
    return bytes(deflate.gzip_compress(data, GZIP_LEVEL))


class _Serializer:
    """warcio builds the records (digests, lengths, headers); we only take the bytes."""

    def __init__(self) -> None:
        self._buffer = io.BytesIO()
        self._writer = WARCWriter(self._buffer, gzip=False, warc_version=WARC_VERSION)

    @property
    def builder(self) -> RecordBuilder:
        return self._writer

    def member(self, record: object) -> bytes:
        self._buffer.seek(0)
        self._buffer.truncate()
        self._writer.write_record(record)
        return _gzip_member(self._buffer.getvalue())


class WarcWriter:
    """Writes exchanges to ``directory``; one instance per crawl process."""

    def __init__(
        self,
        directory: Path,
        *,
        max_size: int = DEFAULT_MAX_SIZE,
        digests: DigestStore | None = None,
        info: Mapping[str, str] | None = None,
    ) -> None:
        self.directory = directory
        self.max_size = max(int(max_size), 1)
        self.digests = digests
        self.info = dict(info or {})
        self._serializer = _Serializer()
        self._fd: int | None = None
        self._path: Path | None = None
        self._size = 0
        self._records = 0
        self._recovered = False
        self.files: list[Path] = []
        """Closed files this writer produced, in order."""

    # --- files --------------------------------------------------------------------------

    @property
    def current(self) -> Path | None:
        return self._path

    def _recover(self) -> None:
        """Close what a dead writer left open, once, before the first lookup or file:
        recovery also gives the digest store back what that writer had not committed."""
        if not self._recovered:
            self.directory.mkdir(parents=True, exist_ok=True)
            recover_directory(self.directory, self.digests)
            self._recovered = True

    def _open(self) -> None:
        self._recover()
        while True:
            name = file_name(datetime.now(UTC), next_serial(self.directory))
            path = self.directory / (name + OPEN_SUFFIX)
            try:
                fd = os.open(
                    path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644
                )
            except FileExistsError:
                continue  # another writer took this serial a moment ago: take the next
            break
        fcntl.flock(fd, fcntl.LOCK_EX)
        self._fd, self._path, self._size, self._records = fd, path, 0, 0
        info = {
            "software": self.info.get("software", "newsarchive"),
            "format": "WARC File Format 1.1",
            "conformsTo": "https://iipc.github.io/warc-specifications/specifications/"
            "warc-format/warc-1.1/",
            **{k: v for k, v in self.info.items() if k != "software"},
        }
        record = self._serializer.builder.create_warcinfo_record(name, info)
        self._append(self._serializer.member(record))

    def close(self) -> None:
        """Close the current file and give it its final name (idempotent)."""
        if self._fd is None or self._path is None:
            return
        fd, path = self._fd, self._path
        closed = path.with_name(final_name(path))
        self._fd, self._path = None, None
        try:
            os.fsync(fd)
            if self.digests is not None:
                # a closed file's payloads are known to other readers, and its size is
                # on record, so that a later cut between two records can be told
                self.digests.closed(closed.name, self._size)
            os.rename(path, closed)
        finally:
            # releases the flock: a file left ``.open`` by a failure above is closed,
            # and its size recorded, by the next writer's recovery
            os.close(fd)
        self.files.append(closed)

    def __enter__(self) -> WarcWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _append(self, data: bytes) -> int:
        assert self._fd is not None
        offset = self._size
        view = memoryview(data)
        while view:
            view = view[os.write(self._fd, view) :]
        self._size += len(data)
        return offset

    # --- records ------------------------------------------------------------------------

    def write(self, exchange: Exchange) -> Written:
        """Append the response (or a revisit) and its request; return where it went."""
        self._recover()
        when = exchange.date or datetime.now(UTC)
        date = warc_date(when)
        digest = payload_digest(exchange.body)
        original = self.digests.get(digest) if self.digests and exchange.body else None
        response, record_id = self._response(exchange, date, digest, original)
        request = self._request(exchange, date, record_id)
        data = response + request
        if self._fd is not None and self._records and self._size + len(data) > self.max_size:
            self.close()
        if self._fd is None:
            self._open()
        assert self._path is not None
        offset = self._append(data)
        self._records += 1
        kind = "revisit" if original else "response"
        name = final_name(self._path)
        if self.digests is not None:
            if original is None and exchange.body:
                self.digests.add(digest, Original(exchange.url, date, record_id, name, offset))
            if self._records % self.digests.COMMIT_EVERY == 0:
                # Counted in exchanges, revisits included: what a kill can leave
                # uncommitted is always among the file's last COMMIT_EVERY exchanges,
                # which is as far back as recovery reads (``recover._relearn``).
                self.digests.commit()
        return Written(kind, name, offset, len(data))

    def _response(
        self, exchange: Exchange, date: str, digest: str, original: Original | None
    ) -> tuple[bytes, str]:
        builder = self._serializer.builder
        head = response_head(
            exchange.protocol, exchange.status, exchange.response_headers, len(exchange.body)
        )
        fields = {"WARC-Date": date, "WARC-Record-ID": StatusAndHeadersParser.make_warc_id()}
        if exchange.ip_address:
            fields["WARC-IP-Address"] = exchange.ip_address
        fields["WARC-Protocol"] = head.protocol.lower()
        original_headers = head.original_field()
        if original_headers is not None:
            fields[ORIGINAL_HEADERS_FIELD] = original_headers
        if exchange.truncated:
            fields["WARC-Truncated"] = exchange.truncated
        fields.update(exchange.extra)
        if original is None:
            fields["WARC-Payload-Digest"] = digest
            block = http_block(f"{head.protocol} {head.statusline}", head.headers)
            if block is not None and plain_fields(fields):
                own = [
                    *fields.items(),
                    ("WARC-Type", "response"),
                    ("WARC-Target-URI", exchange.url),
                ]
                record_bytes = http_record(own, "response", block, exchange.body)
                return _gzip_member(record_bytes), fields["WARC-Record-ID"]
        http = StatusAndHeaders(head.statusline, head.headers, protocol=head.protocol)
        if original is not None:
            record = builder.create_revisit_record(
                exchange.url,
                digest,
                original.uri,
                original.date,
                http_headers=http,
                warc_headers_dict=fields,
            )
            record.rec_headers.add_header("WARC-Refers-To", original.record_id)
        else:
            record = builder.create_warc_record(
                exchange.url,
                "response",
                payload=io.BytesIO(exchange.body),
                length=len(exchange.body),
                http_headers=http,
                warc_headers_dict=fields,
            )
        return self._serializer.member(record), fields["WARC-Record-ID"]

    def _request(self, exchange: Exchange, date: str, response_id: str) -> bytes:
        builder = self._serializer.builder
        head = request_head(
            exchange.method,
            exchange.url,
            exchange.request_headers,
            len(exchange.request_body),
            exchange.protocol,
        )
        fields = {"WARC-Date": date, "WARC-Concurrent-To": response_id}
        original_headers = head.original_field()
        if original_headers is not None:
            fields[ORIGINAL_HEADERS_FIELD] = original_headers
        start_line = f"{head.statusline} {head.protocol}"
        block = http_block(start_line, head.headers)
        if block is not None and plain_fields(fields):
            own = [
                *fields.items(),
                ("WARC-Type", "request"),
                ("WARC-Record-ID", StatusAndHeadersParser.make_warc_id()),
                ("WARC-Target-URI", exchange.url),
                ("WARC-Payload-Digest", payload_digest(exchange.request_body)),
            ]
            return _gzip_member(http_record(own, "request", block, exchange.request_body))
        http = StatusAndHeaders(start_line, head.headers, is_http_request=True)
        record = builder.create_warc_record(
            exchange.url,
            "request",
            payload=io.BytesIO(exchange.request_body),
            length=len(exchange.request_body),
            http_headers=http,
            warc_headers_dict=fields,
        )
        return self._serializer.member(record)
