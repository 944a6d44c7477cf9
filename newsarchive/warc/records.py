"""Response and request records serialised directly, byte for byte as warcio writes them.

warcio builds a record through general machinery: header lists searched
case-insensitively for every field it sets, the payload read back through a stream to
digest it, the HTTP head encoded twice. Building the two records a crawl writes for
nearly every page here instead took a write from 310 to 270 us (a loop over 2,000
generated pages; compression is 135 of them either way). The records built here are
the ones warcio would write for the same fields, in the same order with the same
digests and lengths (``tests/test_warc_records.py`` compares the bytes for generated
exchanges), and ``WarcWriter`` still hands warcio everything outside the plain case:
revisit records, heads warcio would percent-encode, fields that collide with the ones
it sets itself. warcio remains the reader and checker of every file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from newsarchive.warc.digests import sha1_label
from newsarchive.warc.http import Header

WARC_VERSION_LINE = "WARC/1.1\r\n"

#: Fields warcio sets itself on a response or request record; a caller's field of the
#: same name (any case) is replaced in place by warcio, so such records are left to it.
OWN_FIELDS = frozenset(
    {"warc-type", "warc-target-uri", "warc-block-digest", "content-type", "content-length"}
)


def http_block(start_line: str, headers: Iterable[Header]) -> bytes | None:
    """The HTTP head as warcio stores it; None when warcio would percent-encode part of
    it (a non-ASCII header), which is then left to warcio."""
    text = start_line + "\r\n" + "".join(f"{name}: {value}\r\n" for name, value in headers)
    if not text.isascii():
        return None
    return text.encode("ascii") + b"\r\n"


def plain_fields(fields: Iterable[str]) -> bool:
    """Whether none of the caller's field names is one warcio sets on the record."""
    return not any(name.lower() in OWN_FIELDS for name in fields)


def http_record(fields: list[Header], record_type: str, head: bytes, payload: bytes) -> bytes:
    """A ``response`` or ``request`` record with an HTTP ``head`` (from ``http_block``).

    ``fields`` are every field before the block digest, in the order warcio would have
    them (the caller's own first, then the type, id, target and payload digest where
    warcio adds them); the block digest, content type and length follow.
    """
    block = hashlib.sha1(head)
    block.update(payload)
    lines = [
        *fields,
        ("WARC-Block-Digest", sha1_label(block.digest())),
        ("Content-Type", f"application/http; msgtype={record_type}"),
        ("Content-Length", str(len(head) + len(payload))),
    ]
    text = WARC_VERSION_LINE + "".join(f"{name}: {value}\r\n" for name, value in lines) + "\r\n"
    return b"".join((text.encode("utf-8"), head, payload, b"\r\n\r\n"))
