"""Bytes to text, the way a browser would, plus two fixes for Chinese legacy pages.

``w3lib.encoding.html_to_unicode`` decides in the order BOM, HTTP ``Content-Type``
charset, ``<meta>`` declaration, then our sniffer; it maps the labels the way browsers
do, which matters here: ``gb2312``/``gbk`` decode as ``gb18030`` (old pages declared
gb2312 hold GBK-only characters such as ``瞭``) and ``big5`` as ``big5hkscs``.

Deviations, both deliberate and narrow:

* No declaration at all: try strict UTF-8, then strict GB18030, before w3lib's UTF-8
  with replacement characters (many old pages here declare nothing).
* A ``<meta>`` declaration later in the ``<head>`` than the 4096 bytes w3lib reads
  (CMS templates put analytics scripts and stylesheets first) is used when the bytes are
  not UTF-8 and the GB18030 guess is implausible: it fails strictly, or yields
  private-use characters, which real GBK text does not contain but Big5 text read as
  GB18030 is full of (Big5's ``，`` ``。`` and a sixth of its common Han characters fall
  in GBK's user-defined areas). It ranks as a declaration would, below the HTTP charset
  and an early ``<meta>`` (which never reach sniffing), and is taken only if it decodes
  the bytes strictly. Browsers honour such a late ``<meta>`` too (they re-parse). UTF-8
  pages and pages with an early declaration never run this search.
* A page declared in a legacy Chinese encoding whose bytes are valid UTF-8 (with
  non-ASCII content) is decoded as UTF-8: mirrors and script converters re-encode pages
  to UTF-8 but keep the old ``<meta charset=gb2312>``. Real GBK/Big5 text of any length
  is practically never valid UTF-8, so this does not misfire on genuine legacy pages.
  So is a page whose header and ``<meta>`` both name a single-byte Western charset
  (a WordPress theme's ``windows-1252``): a Chinese page in it would be mojibake, and
  Western text with accents is valid UTF-8 only by an unlikely accident.
* An HTTP charset that the bytes prove wrong (strict decoding fails), or a server's
  default single-byte Western charset in front of non-ASCII bytes, is not trusted
  when the page's own declaration, or sniffing, decodes it cleanly: shared hosts send
  a server-wide ``charset=utf-8`` in front of GBK pages, and trusting it would archive
  replacement characters instead of the article.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping

from w3lib.encoding import html_body_declared_encoding, html_to_unicode

_LEGACY_CHINESE = frozenset({"gb18030", "gbk", "gb2312", "big5", "big5hkscs", "hz"})

#: The response headers decoding reads, and so all that a caller needs to pass to
#: ``decode_html``, ``parse_article`` or ``parse_listing``.
HEADERS_READ: tuple[str, ...] = ("Content-Type",)


def header_value(headers: Mapping[str, str] | None, name: str) -> str | None:
    """Case-insensitive header lookup (HTTP header names are case-insensitive)."""
    if not headers:
        return None
    wanted = name.lower()
    for key, value in headers.items():
        if key.lower() == wanted:
            return value
    return None


#: Where a late declaration is looked for: the ``<head>``, up to its end (or the first
#: ``<body``), and never further than ``HEAD_SCAN_MAX`` bytes into a page without either.
HEAD_SCAN_MAX = 65536
_HEAD_END_RE = re.compile(rb"</head[\s>]|<body[\s>]", re.IGNORECASE)
_META_TAG_RE = re.compile(rb"<meta[\s/]", re.IGNORECASE)
#: A declaration is one tag; this much of the page from ``<meta`` holds any real one.
META_TAG_MAX = 1024
#: Unicode's private-use area, where GB18030 puts GBK's user-defined byte ranges.
PRIVATE_USE_RE = re.compile("[\ue000-\uf8ff]")


def _head_declared_encoding(body: bytes) -> str | None:
    """The first ``<meta>`` charset anywhere in the ``<head>`` (w3lib reads 4096 bytes).

    Each ``<meta`` tag is handed to w3lib's own declaration parser, so labels resolve
    exactly as for an early declaration (``big5`` -> ``big5hkscs``).
    """
    end = _HEAD_END_RE.search(body, 0, HEAD_SCAN_MAX)
    head_end = end.start() if end is not None else min(len(body), HEAD_SCAN_MAX)
    for tag in _META_TAG_RE.finditer(body, 0, head_end):
        declared = html_body_declared_encoding(body[tag.start() : tag.start() + META_TAG_MAX])
        if declared is not None:
            return declared
    return None


def _sniff(body: bytes) -> str | None:
    """Encoding for a page that declares nothing in its first 4096 bytes.

    Strict UTF-8; else strict GB18030 when its text is plausible (no private-use
    characters); else a declaration later in the ``<head>`` that decodes strictly; else
    GB18030 if it at least decodes strictly; else unknown. Only undeclared pages get
    here; UTF-8 costs what it did, undeclared GBK one regex scan of its text more, and
    only an implausible guess pays for the head search.
    """
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    try:
        guess: str | None = body.decode("gb18030")
    except UnicodeDecodeError:
        guess = None
    if guess is not None and not PRIVATE_USE_RE.search(guess):
        return "gb18030"
    declared = _head_declared_encoding(body)
    if declared is not None and _canonical_name(declared) != "gb18030" and _decodes(body, declared):
        return declared
    return "gb18030" if guess is not None else None


def _canonical_name(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return encoding


def _decodes(body: bytes, encoding: str) -> bool:
    """Whether ``body`` is valid in ``encoding`` (an unknown codec counts as invalid)."""
    try:
        body.decode(encoding)
    except (UnicodeError, LookupError):
        return False
    return True


def _decoded_cleanly(text: str, body: bytes, encoding: str) -> bool:
    """``_decodes(body, encoding)``, given ``text``: ``body`` decoded in ``encoding`` with
    errors replaced, as ``html_to_unicode`` decodes it.

    A decoding that replaced nothing left none of the characters replacement writes, so
    a text without them answers without decoding the page a second time (a GBK page of
    15 KB takes about 30 us); a text with one (replaced, or in the page itself) is
    decided by the strict decode. Replacement writes U+FFFD, and for GB18030 w3lib also
    writes ``€`` for a lone 0x80 byte, as the WHATWG decoder does.
    """
    if "\ufffd" in text or (encoding == "gb18030" and "\u20ac" in text):
        return _decodes(body, encoding)
    return True


#: Single-byte Western charsets that servers send by default (Tomcat's ISO-8859-1,
#: ``charset=ascii``, which browsers read as windows-1252). Every byte string "decodes"
#: in them, so strict decoding cannot prove them wrong.
_WESTERN_DEFAULTS = frozenset({"cp1252", "latin-1", "iso8859-1", "iso8859-15", "ascii"})


def _is_western_default(name: str, body: bytes) -> bool:
    """A server-default Western charset in front of a page with non-ASCII bytes.

    On a Chinese portal that is a server default, not the page's encoding: the page's
    own declaration (or sniffing) is preferred when it decodes the bytes strictly.
    """
    return name in _WESTERN_DEFAULTS and not body.isascii()


def _is_utf8_with_non_ascii(body: bytes) -> bool:
    if body.isascii():
        return False
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _html_to_unicode(content_type: str | None, body: bytes) -> tuple[str, str]:
    """``html_to_unicode``, ignoring a declared charset that names no usable text codec.

    w3lib takes any label Python's ``codecs.lookup`` knows, and decoding then raises for
    ``rot13``, ``base64`` or ``zlib`` (not text encodings) and for ``idna``, ``punycode``
    or ``undefined`` (no ``replace`` error handling). Such a label is ignored, as a
    browser ignores one it does not know: the header's, then the page's, then both.
    """
    try:
        return html_to_unicode(content_type, body, auto_detect_fun=_sniff)
    except (LookupError, UnicodeError):
        pass
    if content_type is not None:
        try:
            return html_to_unicode(None, body, auto_detect_fun=_sniff)
        except (LookupError, UnicodeError):
            pass
    encoding = _sniff(body) or "utf-8"
    return encoding, body.decode(encoding, "replace")


def decode_html(body: bytes, headers: Mapping[str, str] | None = None) -> tuple[str, str]:
    """Decode an HTML response: ``(text, encoding)``, encoding as a Python codec name."""
    content_type = header_value(headers, "Content-Type")
    encoding, text = _html_to_unicode(content_type, body)
    name = _canonical_name(encoding)
    if content_type and (not _decoded_cleanly(text, body, name) or _is_western_default(name, body)):
        page_encoding, page_text = _html_to_unicode(None, body)
        page_name = _canonical_name(page_encoding)
        if page_name != name and _decoded_cleanly(page_text, body, page_name):
            encoding, text, name = page_encoding, page_text, page_name
    if (name in _LEGACY_CHINESE or name in _WESTERN_DEFAULTS) and _is_utf8_with_non_ascii(body):
        text = body.decode("utf-8")
        name = "utf-8"
        if text.startswith("\ufeff"):
            text = text[1:]
    return text, name
