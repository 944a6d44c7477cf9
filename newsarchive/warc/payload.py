"""Undo ``Content-Encoding`` on a stored payload, as Scrapy did before the spider saw it.

The WARC keeps the body as it came off the wire (compressed), so re-deriving records
needs the same decoding Scrapy's HttpCompressionMiddleware applies: the listed codings
undone last-first while they are known (gzip, x-gzip, deflate, and br/zstd when their
modules are installed), stopping at the first unknown one. Output is bounded: a body
that would inflate past ``max_size`` is cut there, as a crawl would have refused it.
"""

from __future__ import annotations

import importlib
import zlib
from collections.abc import Callable

DEFAULT_MAX_SIZE = 64 * 1024 * 1024


def _inflate(data: bytes, wbits: int, max_size: int) -> bytes:
    """Every member of a (possibly multi-member) zlib/gzip stream, up to ``max_size``."""
    out = bytearray()
    while data and len(out) < max_size:
        inflater = zlib.decompressobj(wbits)
        out += inflater.decompress(data, max_size - len(out))
        if not inflater.eof:
            break
        data = inflater.unused_data
    return bytes(out)


def _gunzip(data: bytes, max_size: int) -> bytes:
    return _inflate(data, 16 + zlib.MAX_WBITS, max_size)


def _deflate(data: bytes, max_size: int) -> bytes:
    try:
        return _inflate(data, zlib.MAX_WBITS, max_size)
    except zlib.error:
        return _inflate(data, -zlib.MAX_WBITS, max_size)  # raw deflate, as some servers send


def _optional(module: str, function: str) -> Callable[[bytes, int], bytes] | None:
    try:
        decode = getattr(importlib.import_module(module), function)
    except (ImportError, AttributeError):
        return None

    def run(data: bytes, max_size: int) -> bytes:
        return bytes(decode(data))[:max_size]

    return run


def _decoders() -> dict[str, Callable[[bytes, int], bytes]]:
    found: dict[str, Callable[[bytes, int], bytes] | None] = {
        "gzip": _gunzip,
        "x-gzip": _gunzip,
        "deflate": _deflate,
        "br": _optional("brotli", "decompress"),
        "zstd": _optional("zstandard", "decompress"),
    }
    return {name: fn for name, fn in found.items() if fn is not None}


def decode_body(
    raw: bytes, content_encoding: str | None, max_size: int = DEFAULT_MAX_SIZE
) -> bytes:
    """``raw`` with its content codings undone; unknown or broken codings left as they are."""
    if not content_encoding:
        return raw
    codings = [c.strip().lower() for c in content_encoding.split(",") if c.strip()]
    decoders = _decoders()
    body = raw
    for coding in reversed(codings):
        if coding == "identity":
            continue
        decode = decoders.get(coding)
        if decode is None:
            break
        try:
            body = decode(body, max_size)
        except Exception:  # any decoder failure means "leave it encoded"
            break
    return body
