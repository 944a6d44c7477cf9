"""Whether a page's bytes can hold a ``<meta http-equiv="refresh">`` at all.

Scrapy's ``MetaRefreshMiddleware`` decodes every HTML response to look for one, and
nothing else in the crawl process needs the decoded text (listings and articles are
parsed from bytes, articles in another process): that decode and scan was the largest
single cost of Scrapy's own middlewares, about 50 us a page. Most pages hold no
refresh, and that can be told from the bytes for the encodings a Chinese portal uses.

The test is conservative: it answers False only when Scrapy's own scan (the first
4,096 characters of the decoded text, matched case-insensitively) cannot find a
refresh, and a True sends the page through Scrapy's scan as before.
"""

from __future__ import annotations

import codecs

#: Encodings in which every ASCII character is its ASCII byte, and no character takes
#: more than four bytes: ``refresh`` in the text is ``refresh`` in the bytes, within
#: the first 4 * 4,096 of them. (UTF-16/32, UTF-7, EBCDIC and unknown names are left
#: to Scrapy.) Python's codec names, as ``codecs.lookup`` gives them.
ASCII_COMPATIBLE: frozenset[str] = frozenset(
    codecs.lookup(name).name
    for name in (
        "utf-8", "ascii", "latin-1", "cp1252", "gbk", "gb2312", "gb18030", "big5",
        "big5hkscs", "cp950", "shift_jis", "cp932", "euc_jp", "euc_kr", "cp949",
        "iso8859-2", "iso8859-15", "cp1250", "cp1251", "koi8-r",
    )
)  # fmt: skip

#: How many characters Scrapy's scan looks at (``scrapy.utils.response.get_meta_refresh``).
SCAN_CHARS = 4096
_SCAN_BYTES = 4 * SCAN_CHARS


def may_hold_refresh(body: bytes, encoding: str) -> bool:
    """False when the page, decoded as ``encoding``, has no refresh in its first
    ``SCAN_CHARS`` characters.

    ``refre`` rather than ``refresh``: under a case-insensitive Unicode match ``ſ``
    (U+017F) counts as ``s``, but nothing non-ASCII counts as ``r``, ``e`` or ``f``. A
    numeric character reference (``&#114;``) could spell the word too, so any ``&#``
    sends the page to the full scan.
    """
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return True
    if name not in ASCII_COMPATIBLE:
        return True
    head = body[:_SCAN_BYTES]
    return b"&#" in head or b"refre" in head.lower()
