"""What makes a WARC record damaged, and how that is said on one line.

warcio itself reads a cut file as one that ends early (a short last block, a half gzip
member taken for the end of the file): neither raises. So every record is checked whole
before it counts (``check_whole``: its ``Content-Length`` read in full, its gzip member
ended), and a payload against the digest it carries (``digest_matches``, in
``bodies``). The checks raise ``DamagedRecord``, and ``damage_reason`` turns whatever a
damaged file raised into the line that reports it. They are apart from the reading
because two readings apply them: a span's (``span_reader``) and the look for a sound
record to read on from after damage (``locate``), which must judge a record exactly as
the reading would.
"""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.limitreader import LimitReader


class DamagedRecord(Exception):
    """A record that is not all there (cut short) or not what its digest says
    (corrupted), or a file that does not end with a whole record."""


#: Characters of a quoted line kept in a reason: enough to recognise it, and one line.
_QUOTE_MAX = 60


def _quoted(text: str) -> str:
    """``text`` shown safely in a one-line report: quoted with ASCII escapes for anything
    else (a garbage file's "first line" is binary), at most ``_QUOTE_MAX`` characters."""
    shown = ascii(text[:_QUOTE_MAX])
    return shown if len(shown) <= _QUOTE_MAX else shown[: _QUOTE_MAX - 3] + "..."


def damage_reason(exc: BaseException) -> str:
    """Why a file is damaged, on one printable line.

    warcio quotes the line it could not parse (``Unknown archive format, first line:
    ...``): from a file that is not a WARC file that is hundreds of bytes of binary,
    which would land in the report line as is. The quote is escaped and shortened.
    """
    text = str(exc)
    if isinstance(exc, ArchiveLoadFailed):
        head, sep, quoted = text.strip().partition(": ")
        return f"{head}: {_quoted(quoted)}" if sep else _quoted(text)
    text = " ".join(text.split()) or type(exc).__name__
    if not (text.isascii() and text.isprintable()):
        return _quoted(text)
    return text if len(text) <= 200 else text[:197] + "..."


def check_whole(reader: ArchiveIterator, record: Any) -> None:
    """Raise ``DamagedRecord`` unless ``record``, read to its end, was all there.

    warcio reads a block cut short by the end of the file as a shorter block, and a gzip
    member cut short as one that ended: neither raises. So the block's ``Content-Length``
    must have been read in full (its ``LimitReader`` has nothing left) and a compressed
    record's member must have ended (or go on into another record, which warcio rejects
    itself). Two attribute reads a record: the reading cost stays where it was.
    """
    if record.length is None:  # a head cut before its Content-Length (or without one)
        raise DamagedRecord("record has no Content-Length")
    stream = record.raw_stream
    if isinstance(stream, LimitReader) and stream.limit > 0:
        raise DamagedRecord(f"record cut short: {stream.limit} of {record.length} bytes missing")
    decompressor = reader.reader.decompressor
    if decompressor is not None and not decompressor.eof and not reader.next_line:
        raise DamagedRecord("gzip member cut short")


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
