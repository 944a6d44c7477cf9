"""URL identity: one canonical form per page, and the record id derived from it."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

TRACKING_PARAMS: frozenset[str] = frozenset(
    {
        "spm",
        "from",
        "fbclid",
        "gclid",
        "dclid",
        "yclid",
        "msclkid",
        "mc_cid",
        "mc_eid",
        "igshid",
        "_hsenc",
        "_hsmi",
        "isappinstalled",
        "scene",
        "share_token",
        # Session ids: one page, a new URL per visit. Without dropping them a crawl
        # would fetch and store the same article once per session.
        "phpsessid",
        "jsessionid",
        "aspsessionid",
        "sessionid",
        "session_id",
        "sid",
        "cfid",
        "cftoken",
    }
)
"""Query keys that only say how a visitor arrived or who they are, never which page;
``utm_*`` is dropped by prefix."""
TRACKING_PREFIXES: tuple[str, ...] = ("utm_",)

DEFAULT_PORTS: Mapping[str, int] = MappingProxyType({"http": 80, "https": 443})

_OPAQUE_QUERY_SAFE = "/?:@!$&'()*+,;=-._~%"
#: Java-style session ids carried as a path parameter: ``/a.html;jsessionid=ABC``.
_PATH_SESSION = re.compile(r";(?:jsessionid|sessionid|phpsessid)=[^/;?#]*", re.IGNORECASE)


def is_http_url(url: str) -> bool:
    """True for an absolute http(s) URL with a host."""
    if _PLAIN_URL_RE.fullmatch(url):  # most image and article URLs: no urlsplit needed
        return True
    return _is_http_url(url)


def _is_http_url(url: str) -> bool:
    """``is_http_url`` the long way."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in DEFAULT_PORTS and bool(parts.hostname)


def _is_tracking(pair: str) -> bool:
    key = unquote(pair.split("=", 1)[0]).strip().lower()
    return key in TRACKING_PARAMS or key.startswith(TRACKING_PREFIXES)


_PLAIN_URL_RE = re.compile(r"(https?)://[a-z0-9.-]+(?::([1-9][0-9]{0,4}))?(?:/[A-Za-z0-9_~./-]*)?")
"""An http(s) URL that is already canonical except for a missing ``/`` path: lowercase
host of letters, digits, dots and hyphens (no user or IP literal), an optional port
written without leading zeros, a path of plain segments, and no query or fragment. Dot
segments are excluded separately (``/.``), and so is a port that canonicalisation would
drop or reject (the scheme's default, or above 65535): mirrors and test servers listen
on a port, and their URLs deserve the fast path as much as the live site's."""


def canonical_url(url: str) -> str:
    """The canonical form of ``url``: what ids and deduplication are keyed on.

    Raises ``ValueError`` for a URL ``urllib`` cannot split (``http://[::1``).

    Lowercase scheme and host, default port dropped, fragment dropped, tracking
    parameters dropped, remaining ``key=value`` parameters sorted and percent-encoding
    normalised by ``w3lib.url.canonicalize_url``. A query that is not ``key=value``
    pairs (DedeCMS ``/tags.php?/重庆/``) is kept as written, only percent-encoded:
    the server reads it raw, and w3lib would rewrite it to ``?%2F...%2F=``.

    A plain article URL (``_PLAIN_URL_RE``, most of a crawl) is returned as it is, with
    ``/`` for an empty path: every step above leaves it unchanged, and w3lib would
    cost more than the rest of the page's URL work.
    """
    url = url.strip()
    if _is_plain(url):
        return url if url.count("/") > 2 else url + "/"
    return _canonical(url)


def is_plain_canonical(url: str) -> bool:
    """True when ``url`` is a plain URL (``_PLAIN_URL_RE``) and its own canonical form.

    Such a URL is also its own ``w3lib.url.canonicalize_url`` (the long path of
    ``canonical_url`` ends there), which lets Scrapy-side code skip w3lib for it.
    """
    return url.count("/") > 2 and _is_plain(url)


def _is_plain(url: str) -> bool:
    plain = _PLAIN_URL_RE.fullmatch(url)
    if plain is None or "/." in url:
        return False
    return plain[2] is None or _kept_port(plain[1], plain[2])


def _kept_port(scheme: str, port: str) -> bool:
    """Whether the canonical form keeps ``port`` as written (digits, no leading zero)."""
    number = int(port)
    return number <= 65535 and number != DEFAULT_PORTS[scheme]


def _canonical(url: str) -> str:
    """``canonical_url`` the long way, for any URL ``urllib`` can split."""
    parts = urlsplit(url)
    parts = parts._replace(path=_PATH_SESSION.sub("", parts.path))
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port is None or DEFAULT_PORTS.get(scheme) == port else f"{host}:{port}"
    pairs = [p for p in parts.query.split("&") if p and not _is_tracking(p)]
    if all("=" in p for p in pairs):
        rebuilt = urlunsplit((scheme, netloc, parts.path or "/", "&".join(pairs), ""))
        return canonicalize_url(rebuilt)
    base = canonicalize_url(urlunsplit((scheme, netloc, parts.path or "/", "", "")))
    return f"{base}?{quote('&'.join(pairs), safe=_OPAQUE_QUERY_SAFE)}"


def article_id(canonical: str) -> str:
    """Record id: the first 16 hex digits (64 bits) of sha256 of the canonical URL.

    Stable across runs and machines, derivable by any tool from the URL alone, short
    enough for file names; at 64 bits a collision needs billions of pages.
    """
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def same_host(url: str, hosts: Iterable[str]) -> bool:
    """True when ``url``'s host is one of ``hosts`` or a subdomain of one.

    ``ailab.cn`` admits ``bigdata.ailab.cn``; ``www.ailab.cn`` admits only itself (and
    its own subdomains). An entry with a port (``127.0.0.1:8000``, a local mirror) must
    match host and port exactly.
    """
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return False
    if not host:
        return False
    for entry in hosts:
        wanted = entry.strip().lower()
        if not wanted:
            continue
        if ":" in wanted and not wanted.startswith("["):
            want_host, _, want_port = wanted.rpartition(":")
            effective = port or DEFAULT_PORTS.get(parts.scheme.lower())
            if host == want_host and str(effective) == want_port:
                return True
            continue
        if host == wanted or host.endswith("." + wanted):
            return True
    return False
