"""Listing pages (home, channels) and the DedeCMS view counter response.

Home pages list articles as ``ul.list_jc > li > a``; channel pages as
``div.listl.list2 > ul > li`` with ``h3 > a`` and a ``span`` holding a label and the
date. When neither container exists (the template changed), every in-page link is an
entry and the spider's URL rules decide which ones are articles.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from newsarchive import selectors as sel
from newsarchive.dates import find_date_text
from newsarchive.decoding import decode_html
from newsarchive.dom import (
    Element,
    absolute,
    base_url,
    class_tokens,
    compile_css,
    parse_html,
    text_of,
    token_parts,
    xpath,
)
from newsarchive.pager import next_page
from newsarchive.text import tidy

_HOME_ITEMS = compile_css([sel.HOME_LISTING_ITEMS])[0]
_CHANNEL_ITEMS = compile_css([sel.CHANNEL_LISTING_ITEMS])[0]
_CHANNEL_LINK = compile_css([sel.CHANNEL_ITEM_LINK])[0]
_CHANNEL_DATE = compile_css([sel.CHANNEL_ITEM_DATE])[0]
_ALL_LINKS = xpath("//body//a[@href]")

_COUNTER_RE = re.compile(r"""^\s*document\.write\(\s*(['"])\s*(\d{1,12})\s*\1\s*\)\s*;?\s*$""")
"""The whole DedeCMS ``/plus/count.php`` answer: ``document.write('990');``."""


@dataclass(frozen=True, slots=True)
class ListingEntry:
    """One link of a listing page."""

    url: str
    """Absolute URL as linked (not canonicalised: the spider decides what to follow)."""
    title: str
    date_raw: str | None = None
    """The date printed beside the link, as printed (channel pages only)."""


@dataclass(frozen=True, slots=True)
class Listing:
    """What a listing page links to, and where its next page is."""

    entries: list[ListingEntry] = field(default_factory=list)
    next_page: str | None = None


def _entry(base: str, a: Element, date_raw: str | None = None) -> ListingEntry | None:
    url = absolute(base, a.get("href"))
    if url is None:
        return None
    title = tidy(a.get("title") or "") or tidy(text_of(a))
    if not title:
        title = next((tidy(img.get("alt") or "") for img in a.iter("img")), "")
    return ListingEntry(url=url, title=title, date_raw=date_raw)


def _channel_entries(items: list[Element], base: str) -> list[ListingEntry]:
    entries = []
    for li in items:
        links = _CHANNEL_LINK(li)
        if not links:
            continue
        dates = (find_date_text(text_of(span)) for span in _CHANNEL_DATE(li))
        date_raw = next((d for d in dates if d), None)
        entry = _entry(base, links[0], date_raw)
        if entry is not None:
            entries.append(entry)
    return entries


def _home_entries(items: list[Element], base: str) -> list[ListingEntry]:
    entries = []
    for li in items:
        for a in li.iterchildren("a"):
            entry = _entry(base, a)
            if entry is not None:
                entries.append(entry)
    return entries


def _all_links(root: Element, base: str) -> list[ListingEntry]:
    seen: set[str] = set()
    entries = []
    for a in _ALL_LINKS(root):
        entry = _entry(base, a)
        if entry is None or entry.url in seen:
            continue
        seen.add(entry.url)
        entries.append(entry)
    return entries


def _in_sidebar(el: Element) -> bool:
    """Inside ``<aside>`` or a block classed as a sidebar or its box (``g-side``,
    ``sidebar``, ``side-box hot``: ``selectors.SIDEBAR_CLASS_PARTS``)."""
    return any(
        anc.tag == "aside" or not sel.SIDEBAR_CLASS_PARTS.isdisjoint(token_parts(class_tokens(anc)))
        for anc in el.iterancestors()
    )


def parse_listing(body: bytes, url: str, headers: Mapping[str, str] | None = None) -> Listing:
    """Entries (channel items, else home items, else all links) and the next page.

    The known containers' items are the entries unless every one of them is in a
    sidebar: after a template change the old container may survive only as a sidebar's
    hot list while the list itself moved, and then every link on the page is an entry.
    """
    text, _encoding = decode_html(body, headers)
    root = parse_html(text)
    if root is None:
        return Listing()
    base = base_url(root, url)
    channel, home = _CHANNEL_ITEMS(root), _HOME_ITEMS(root)
    entries = _channel_entries(channel, base) + _home_entries(home, base)
    if not entries or all(_in_sidebar(li) for li in channel + home):
        entries = _all_links(root, base)
    return Listing(entries=entries, next_page=next_page(root, base, url))


def parse_counter(body: bytes) -> int | None:
    """The view count from a ``/plus/count.php`` answer; None for anything else."""
    text = body.decode("utf-8", "replace").lstrip("\ufeff")
    m = _COUNTER_RE.match(text)
    return int(m.group(2)) if m else None
