"""A response record's payload as Scrapy handed it to the spider, checked whole.

The payload of a wanted response is read where its span is read (``span_reader``), and
that of a revisit's original wherever the revisit is resolved (``payload_at``: the
``WarcReader``, a reparse worker), from the file and offset the digests name. Both are
the same reading: the raw bytes checked against the record's digest or length (warcio
hands back a payload cut short without complaint), then decoded as Scrapy decodes them.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from warcio.archiveiterator import WARCIterator
from warcio.bufferedreaders import ChunkedDataReader

from newsarchive.warc.damage import DamagedRecord, digest_matches
from newsarchive.warc.files import final_name
from newsarchive.warc.iterate import archive_iterator
from newsarchive.warc.payload import decode_body


def payload_of(record: Any) -> bytes:
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


def payload_at(path: Path, offset: int) -> bytes | None:
    """The payload of the response record at ``offset`` in ``path`` (the original of a
    revisit); None when it is not a response or cannot be read.

    Read as a WARC record only: warcio, not told the format, takes a line it cannot read
    as a WARC record's first for an ARC record's header, and a damaged original's raw
    bytes would be a response with an empty payload and no digest to refuse it.
    """
    candidates = [path]
    if not path.exists():  # the original may still be in its ``.open`` file
        candidates = [p for p in path.parent.glob(path.name + ".*") if final_name(p) == path.name]
    for candidate in candidates:
        try:
            with candidate.open("rb") as handle:
                handle.seek(offset)
                for record in archive_iterator(handle, WARCIterator):
                    return payload_of(record) if record.rec_type == "response" else None
        except Exception:  # a damaged original is an unresolved revisit
            continue
    return None
