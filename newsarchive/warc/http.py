"""HTTP message heads for WARC records, made to agree with the payload that is stored.

Scrapy hands over a response whose body has already been de-chunked by Twisted, and
whose connection-level headers (``Content-Length``, ``Transfer-Encoding``,
``Connection``...) Twisted kept to itself. A record that said ``Transfer-Encoding:
chunked`` over a plain body, or whose ``Content-Length`` disagreed with it, would be
rejected or misread by replay tools. So the head written is: the headers as received,
minus any ``Transfer-Encoding``/``Content-Length``, plus ``Content-Length`` of the
stored payload. Whatever was removed or replaced is kept, as received, in the
``WARC-Newsarchive-Original-Headers`` field (a JSON list of ``[name, value]`` pairs).
``Content-Encoding`` is left as it is: the body stored is the one it describes.

Header bytes are read as Latin-1, which round-trips every byte; warcio percent-encodes
any non-ASCII value (RFC 8187) when it writes the head.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from http import HTTPStatus
from urllib.parse import urlsplit

#: Headers that describe how the message was transferred, not the payload stored.
TRANSFER_HEADERS = frozenset({"transfer-encoding", "content-length"})
ORIGINAL_HEADERS_FIELD = "WARC-Newsarchive-Original-Headers"
DEFAULT_PROTOCOL = "HTTP/1.1"

Header = tuple[str, str]


@dataclass(frozen=True, slots=True)
class HttpHead:
    """A start line's parts and the header lines to write for a stored message."""

    protocol: str
    statusline: str
    headers: list[Header]
    original: list[Header]
    """Headers removed or replaced to match the stored payload, as received."""

    def original_field(self) -> str | None:
        """The value for ``WARC-Newsarchive-Original-Headers``; None when nothing changed."""
        if not self.original:
            return None
        return json.dumps([list(h) for h in self.original], ensure_ascii=True)


def _clean(value: str) -> str:
    """One header line per header: a CR or LF inside a value would start a new one."""
    return value.replace("\r", " ").replace("\n", " ")


def _fit(headers: Iterable[Header], body_length: int, *, always_length: bool) -> HttpHead:
    kept: list[Header] = []
    original: list[Header] = []
    for name, value in headers:
        if name.strip().lower() in TRANSFER_HEADERS:
            original.append((name, value))
        else:
            kept.append((_clean(name.strip()), _clean(value)))
    if always_length or body_length:
        kept.append(("Content-Length", str(body_length)))
    if original == [("Content-Length", str(body_length))]:
        original = []  # the header said what is stored: nothing was changed
    return HttpHead("", "", kept, original)


def status_line(status: int) -> str:
    """``200 OK``; Scrapy keeps no reason phrase, so the standard one is used."""
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = ""
    return f"{status} {phrase}".rstrip()


def normal_protocol(protocol: str | None) -> str:
    """``HTTP/1.1`` style, whatever the download handler reported (``http/1.1``, None)."""
    if not protocol:
        return DEFAULT_PROTOCOL
    return protocol.strip().upper()


def response_head(
    protocol: str | None, status: int, headers: Iterable[Header], body_length: int
) -> HttpHead:
    """The response head to store with a payload of ``body_length`` bytes."""
    fitted = _fit(headers, body_length, always_length=True)
    return HttpHead(normal_protocol(protocol), status_line(status), fitted.headers, fitted.original)


def request_target(url: str) -> str:
    """The origin-form target of ``url``: path and query, ``/`` when empty."""
    parts = urlsplit(url)
    target = parts.path or "/"
    return f"{target}?{parts.query}" if parts.query else target


def host_header(url: str) -> str:
    parts = urlsplit(url)
    return parts.netloc.rpartition("@")[2]


def request_head(
    method: str, url: str, headers: Iterable[Header], body_length: int, protocol: str | None
) -> HttpHead:
    """The request head as sent: the download handler adds ``Host``, so it is added here."""
    fitted = _fit(headers, body_length, always_length=False)
    lines = fitted.headers
    if not any(name.lower() == "host" for name, _ in lines):
        lines = [("Host", host_header(url)), *lines]
    statusline = f"{method.upper()} {request_target(url)}"
    return HttpHead(normal_protocol(protocol), statusline, lines, fitted.original)
