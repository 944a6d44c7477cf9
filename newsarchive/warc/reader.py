"""Stream the responses of WARC files back, in file order, with payloads decoded.

``revisit`` records are resolved to the payload of the record they refer to: every
response's digest and position is remembered in a temporary on-disk ``DigestStore`` as
the files are read (flat memory for any number of records), and the archive's own
``digests.sqlite3`` beside a file answers for originals in files not being read.
A file that ends in a torn or damaged record (a crawl killed mid-write, a copy cut
short) yields what comes before the damage and is counted, never raised.
"""

from __future__ import annotations

import base64
import hashlib
import io
import logging
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import ChunkedDataReader

from newsarchive.warc.digests import DigestStore, Original
from newsarchive.warc.files import DIGESTS_FILE, final_name
from newsarchive.warc.payload import decode_body

logger = logging.getLogger(__name__)

CALLBACK_FIELD = "WARC-Newsarchive-Callback"
RUN_FIELD = "newsarchive-run"


@dataclass(frozen=True, slots=True)
class Response:
    """One archived HTTP response (a revisit carries its original's payload)."""

    seq: int
    """Position in reading order, over all files: the order the crawl received them."""
    url: str
    date: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    callback: str | None
    """The spider callback the request was for, when the crawl recorded it."""
    run: str | None
    """The crawl run that wrote the file, from its ``warcinfo`` record."""
    revisit: bool = False


#: ``select(url, status, callback) -> bool``: whether a response's payload is wanted.
Select = Callable[[str, int, str | None], bool]


@dataclass(slots=True)
class ReadStats:
    files: int = 0
    records: int = 0
    responses: int = 0
    revisits: int = 0
    unresolved_revisits: int = 0
    damaged_files: list[str] = field(default_factory=list)


def _warcinfo_fields(record: Any) -> dict[str, str]:
    text = record.content_stream().read().decode("utf-8", "replace")
    fields = {}
    for line in text.splitlines():
        name, sep, value = line.partition(":")
        if sep:
            fields[name.strip()] = value.strip()
    return fields


class DamagedRecord(Exception):
    """A record whose payload is not what its digest says: cut short or corrupted."""


def digest_matches(digest: str, data: bytes) -> bool | None:
    """Whether ``data`` has ``digest`` (``sha1:BASE32`` or hex); None if not checkable."""
    algorithm, _, expected = digest.partition(":")
    try:
        hashed = hashlib.new(algorithm.strip().lower(), data).digest()
    except (ValueError, TypeError):
        return None
    expected = expected.strip()
    return expected.upper() == base64.b32encode(hashed).decode() or (
        expected.lower() == hashed.hex()
    )


def _payload(record: Any) -> bytes:
    """The entity body as Scrapy would have handed it to the spider.

    warcio returns a payload cut short by a torn file without complaint, so the raw
    bytes are checked against ``WARC-Payload-Digest`` (or, lacking one, the stored
    ``Content-Length``) and a mismatch raises ``DamagedRecord``.
    """
    http = record.http_headers
    raw = record.raw_stream.read()
    digest = record.rec_headers.get_header("WARC-Payload-Digest")
    chunked = http is not None and (http.get_header("Transfer-Encoding") or "").lower() == "chunked"
    if digest and digest_matches(digest, raw) is False:
        raise DamagedRecord(f"payload does not match {digest}")
    length = http.get_header("Content-Length") if http is not None else None
    if not digest and not chunked and length and length.isdigit() and int(length) != len(raw):
        raise DamagedRecord(f"payload is {len(raw)} bytes, Content-Length says {length}")
    if chunked:
        raw = ChunkedDataReader(io.BytesIO(raw)).read()
    encoding = http.get_header("Content-Encoding") if http is not None else None
    return decode_body(raw, encoding)


class WarcReader:
    """Iterate ``responses()`` once over ``paths``; ``stats`` says what was seen."""

    def __init__(self, paths: Sequence[Path], select: Select | None = None) -> None:
        self.paths = list(paths)
        self.select = select or (lambda url, status, callback: True)
        self.stats = ReadStats()
        self._tmp = tempfile.TemporaryDirectory(prefix="newsarchive-reparse-")
        self._seen = DigestStore(Path(self._tmp.name) / DIGESTS_FILE)
        self._archives: dict[Path, DigestStore | None] = {}

    def close(self) -> None:
        self._seen.close()
        for store in self._archives.values():
            if store is not None:
                store.close()
        self._tmp.cleanup()

    def __enter__(self) -> WarcReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def responses(self) -> Iterator[Response]:
        seq = 0
        for path in self.paths:
            self.stats.files += 1
            try:
                for response in self._file(path, seq):
                    seq = response.seq + 1
                    yield response
            except Exception as exc:  # a damaged file must not end the run
                logger.warning("%s: unreadable past this point (%s)", path, exc)
                self.stats.damaged_files.append(str(path))

    def _file(self, path: Path, seq: int) -> Iterator[Response]:
        run: str | None = None
        end = 0
        with path.open("rb") as handle:
            records = ArchiveIterator(handle)
            for record in records:
                self.stats.records += 1
                kind = record.rec_type
                if kind is None:  # what warcio makes of a torn gzip member
                    raise DamagedRecord(f"unreadable record at {records.get_record_offset()}")
                if kind == "warcinfo":
                    run = _warcinfo_fields(record).get(RUN_FIELD)
                elif kind in ("response", "revisit") and record.http_headers is not None:
                    response = self._response(path, records, record, seq, run)
                    if response is not None:
                        seq += 1
                        yield response
                end = records.get_record_offset() + records.get_record_length()
            size = os.fstat(handle.fileno()).st_size
        if ".gz" in path.name and end < size:
            # warcio ends quietly at a torn gzip member; the bytes left say it was there
            raise DamagedRecord(f"{size - end} bytes after the last whole record")

    def _response(
        self, path: Path, records: ArchiveIterator, record: Any, seq: int, run: str | None
    ) -> Response | None:
        head = record.rec_headers
        url = head.get_header("WARC-Target-URI") or ""
        digest = head.get_header("WARC-Payload-Digest")
        is_revisit = record.rec_type == "revisit"
        self.stats.responses += 1
        try:
            status = int(record.http_headers.get_statuscode())
        except (TypeError, ValueError):
            status = 0
        callback = head.get_header(CALLBACK_FIELD)
        wanted = status > 0 and self.select(url, status, callback)
        body = _payload(record) if wanted and not is_revisit else None
        if not is_revisit and digest:
            # the offset is known only once the record has been read to its end
            offset = records.get_record_offset()
            date = head.get_header("WARC-Date") or ""
            self._seen.add(digest, Original(url, date, "", str(path), offset))
        if not wanted:
            return None
        if is_revisit:
            self.stats.revisits += 1
            body = self._original_payload(path, digest)
            if body is None:
                self.stats.unresolved_revisits += 1
                return None
        assert body is not None
        return Response(
            seq=seq,
            url=url,
            date=head.get_header("WARC-Date") or "",
            status=status,
            headers=list(record.http_headers.headers),
            body=body,
            callback=callback,
            run=run,
            revisit=is_revisit,
        )

    def _original_payload(self, path: Path, digest: str | None) -> bytes | None:
        if not digest:
            return None
        original = self._seen.get(digest)
        where: Path | None = Path(original.file) if original else None
        if original is None:
            store = self._archive_store(path.parent)
            original = store.get(digest) if store else None
            where = path.parent / original.file if original else None
        if original is None or where is None:
            return None
        return self._payload_at(where, original.offset)

    def _archive_store(self, directory: Path) -> DigestStore | None:
        if directory not in self._archives:
            db = directory / DIGESTS_FILE
            self._archives[directory] = DigestStore(db) if db.is_file() else None
        return self._archives[directory]

    @staticmethod
    def _payload_at(path: Path, offset: int) -> bytes | None:
        candidates = [path]
        if not path.exists():  # the original may still be in its ``.open`` file
            candidates = [
                p for p in path.parent.glob(path.name + ".*") if final_name(p) == path.name
            ]
        for candidate in candidates:
            try:
                with candidate.open("rb") as handle:
                    handle.seek(offset)
                    for record in ArchiveIterator(handle):
                        return _payload(record) if record.rec_type == "response" else None
            except Exception:  # a damaged original is an unresolved revisit
                continue
        return None
