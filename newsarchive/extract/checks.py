"""Measures of the whole page behind ``ArticlePage``'s body search and its ``check``:
damage from a wrong decoding, Han characters counted up to a threshold, and the
repeated dated items of a listing.

Apart from the page object because each is a function of text or of one element and a
threshold, testable alone; ``info`` counts the Han above a figure with ``han_up_to``
too."""

from __future__ import annotations

from newsarchive.dates import find_date_text
from newsarchive.decoding import PRIVATE_USE_RE
from newsarchive.dom import Element, han_count, text_of
from newsarchive.extract.patterns import (
    GARBLED_MIN,
    GARBLED_PRIVATE_USE_MIN,
    GARBLED_RATIO,
    LISTING_ITEM_MAX_CLIMB,
    MIN_LISTING_LINKS,
)


def garbled(text: str) -> bool:
    """Bytes that did not decode to text: many replacement characters or NULs."""
    bad = text.count("\ufffd") + text.count("\x00")
    return bad >= GARBLED_MIN and bad / max(len(text), 1) > GARBLED_RATIO


def private_use_damage(sample: str) -> bool:
    """Private-use characters in the title and body sample: a legacy page read in the
    wrong Chinese encoding (Big5 read as GB18030 gives ordinary-looking Han mixed with
    U+E000-U+F8FF, and no U+FFFD for ``garbled`` to count).

    Real article text practically never holds private-use characters (icon fonts sit in
    navigation, and as entities), so a few in 300 characters is damage. The sample,
    not the whole page, is read: the check runs on every page and stays a few
    microseconds, and damage from a wrong encoding is everywhere in the text.
    """
    bad = len(PRIVATE_USE_RE.findall(sample))
    return bad >= GARBLED_PRIVATE_USE_MIN and bad / max(len(sample), 1) > GARBLED_RATIO


def han_up_to(el: Element, limit: int) -> int:
    """Han characters in ``el``, counting stops once ``limit`` is reached (thresholds only)."""
    total = 0
    for text in el.itertext():
        total += han_count(text)
        if total >= limit:
            break
    return total


def repeated_items(el: Element) -> int:
    """How many same-tag, same-class siblings of ``el`` or of one of its nearest
    ``LISTING_ITEM_MAX_CLIMB`` ancestors each hold a link and a date: the items of a
    listing whose template is unknown (``div.news-item`` blocks, not only ``li``).

    The density fallback lands on one item's summary there; an article's body is not
    inside such a repeated block (a dated related list is beside the body, not above
    it). Runs only for pages without a known body container.
    """
    node = el
    for _ in range(LISTING_ITEM_MAX_CLIMB + 1):
        parent = node.getparent()
        if parent is None or node.tag in ("body", "html"):
            break
        cls = node.get("class")
        siblings = [c for c in parent if c.tag == node.tag and c.get("class") == cls]
        if len(siblings) >= MIN_LISTING_LINKS:
            dated = sum(
                1
                for c in siblings
                if c.find(".//a[@href]") is not None and find_date_text(text_of(c))
            )
            if dated >= MIN_LISTING_LINKS:
                return dated
        node = parent
    return 0
