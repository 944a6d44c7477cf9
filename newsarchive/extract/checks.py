"""Measures of the whole page behind ``ArticlePage``'s body search and its ``check``:
damage from a wrong decoding, text weight (``dom.text_weight``: Han characters, or
letters where there is no Han) counted up to a threshold, and the
repeated items of a listing (dated links, cards under linked headings).

Apart from the page object because each is a function of text or of one element and a
threshold, testable alone; ``info`` weighs the text above a figure with ``weight_up_to``
too."""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsarchive import selectors as sel
from newsarchive.dates import find_date_text, month_day
from newsarchive.decoding import PRIVATE_USE_RE
from newsarchive.dom import Element, is_descendant, linked_weight, text_of, text_weight, xpath
from newsarchive.extract.patterns import (
    GARBLED_MIN,
    GARBLED_PRIVATE_USE_MIN,
    GARBLED_RATIO,
    LISTING_ITEM_MAX_CLIMB,
    LISTING_MAX_BODY_WEIGHT,
    MIN_LISTING_LINKS,
)

CARD_MAX_WEIGHT = 120
"""Text weight (Han characters) a directory's card holds at most: its name, an
address, a line of introduction."""
LINKED_HEADING = xpath("boolean(.//*[self::h2 or self::h3 or self::h4 or self::h5][.//a[@href]])")


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


def holds_sentence(paragraphs: Iterable[str]) -> bool:
    """Whether any paragraph is a sentence (``selectors.SENTENCE_MARKS``,
    ``selectors.SENTENCE_MIN_CHARS``), not a name, a label or a number alone."""
    return any(
        len(p) >= sel.SENTENCE_MIN_CHARS or any(c in p for c in sel.SENTENCE_MARKS)
        for p in paragraphs
    )


def weight_up_to(el: Element, limit: int) -> int:
    """``text_weight`` of ``el``'s text, counting stops once ``limit`` is reached
    (thresholds only)."""
    total = 0
    for text in el.itertext():
        total += text_weight(text)
        if total >= limit:
            break
    return total


def repeated_items(el: Element, headline: Element | None = None) -> int:
    """How many same-tag, same-class siblings of ``el`` or of one of its nearest
    ``LISTING_ITEM_MAX_CLIMB`` ancestors each hold a link and a date: the items of a
    listing whose template is unknown (``div.news-item`` blocks, not only ``li``).

    The density fallback lands on one item's summary there; an article's body is not
    inside such a repeated block (a dated related list is beside the body, not above
    it). A block holding the page's ``headline`` is no listing's item: it is the
    article's box among the page's others (Discuz classes every box ``bm``).
    """
    node = el
    for _ in range(LISTING_ITEM_MAX_CLIMB + 1):
        parent = node.getparent()
        if parent is None or node.tag in ("body", "html"):
            break
        if headline is not None and is_descendant(headline, node):
            break
        tokens = set((node.get("class") or "").split())
        siblings = [c for c in parent if c.tag == node.tag and _alike(c, tokens)]
        if len(siblings) >= MIN_LISTING_LINKS:
            dated = sum(1 for c in siblings if _dated_link_item(c))
            if dated >= MIN_LISTING_LINKS:
                return dated
        node = parent
    return 0


def _alike(el: Element, tokens: set[str]) -> bool:
    """Whether ``el`` is classed alike with an item of class ``tokens``: both without a
    class, or sharing a token. A template marks its first or featured item with one
    more (Ghost's ``post-card post-card-large`` above its ``post-card``s)."""
    own = (el.get("class") or "").split()
    return not tokens.isdisjoint(own) if tokens else not own


def _dated_link_item(el: Element, text: str | None = None) -> bool:
    """A listing item: a link and a date, with or without its year (listings print the
    day's news as ``11-05 10:20``). The date is looked for in the item's text and in
    each of its text nodes: a card's ``<time>2024-10-24</time><span>1864 次浏览</span>``
    reads ``2024-10-241864`` joined, which is no date."""
    if el.find(".//a[@href]") is None:
        return False
    text = text_of(el) if text is None else text
    return bool(
        find_date_text(text)
        or month_day(text)
        or any(find_date_text(t) or month_day(t) or _day_alone(t) for t in el.itertext())
    )


DAY_ALONE_RE = re.compile(r"\s*(?P<m>\d{1,2})[-/.](?P<d>\d{1,2})\s*")


def _day_alone(text: str) -> bool:
    """A text node that is a month and day and nothing else (a mobile listing's
    ``<span class="m-time">10-25</span>``). ``dates.month_day`` wants a time after a
    dashed day, which may be a score or a range in running text; alone in its element
    inside a linked item, it is the item's date."""
    m = DAY_ALONE_RE.fullmatch(text)
    return m is not None and 1 <= int(m.group("m")) <= 12 and 1 <= int(m.group("d")) <= 31


def _listing_item(el: Element, text: str) -> bool:
    """An item of a list of other pages: a link and a date (``_dated_link_item``), or a
    short card under a heading that links to the page (a directory's cards: ``<h3><a>
    国家会展中心</a></h3>`` over an address and a phone number). A roundup article's
    blocks under linked headings are longer than a card (``CARD_MAX_WEIGHT``)."""
    return _dated_link_item(el, text) or (
        text_weight(text) <= CARD_MAX_WEIGHT and bool(LINKED_HEADING(el))
    )


def _listed_weight(container: Element) -> tuple[int, int, int]:
    """(items, text weight in them, text weight in their links) of the listing inside
    ``container``: groups of at least ``MIN_LISTING_LINKS`` same-tag, same-class
    siblings that each hold a link and a date or a heading linking to another page (a
    channel's feed, an author's articles, a calendar table's rows, a directory's cards).

    ``repeated_items`` looks above the densest block; this looks inside the block the
    body search chose, where an author page's bio or a calendar's intro sits beside the
    list. An item inside another counted item is not counted twice. Paragraphs are not
    items: a chronicle's paragraphs each hold a date, and may hold a link, and are text.
    """
    items: list[tuple[Element, str]] = []
    for parent in container.iter():
        if not isinstance(parent.tag, str) or len(parent) < MIN_LISTING_LINKS:
            continue
        groups: dict[tuple[str, str | None], list[Element]] = {}
        for child in parent:
            if isinstance(child.tag, str) and child.tag != "p":
                groups.setdefault((child.tag, child.get("class")), []).append(child)
        for group in groups.values():
            if len(group) < MIN_LISTING_LINKS:
                continue
            listed = [(c, t) for c in group if _listing_item(c, t := text_of(c))]
            if len(listed) >= MIN_LISTING_LINKS:
                items.extend(listed)
    counted = {el for el, _ in items}
    outer = [(el, text) for el, text in items if not any(a in counted for a in el.iterancestors())]
    return (
        len(outer),
        sum(text_weight(text) for _, text in outer),
        sum(linked_weight(el) for el, _ in outer),
    )


def lists_items(container: Element) -> bool:
    """Whether ``container`` holds a listing (``_listed_weight``): at least
    ``MIN_LISTING_LINKS`` items of a repeated group, each a link and a date or a card
    under a linked heading."""
    return _listed_weight(container)[0] >= MIN_LISTING_LINKS


def mostly_listed(container: Element, total: int | None = None, linked: int | None = None) -> bool:
    """A block found by density that is mostly a list of other pages (a channel feed, an
    author's articles, an exhibition calendar, a venue directory), with less than an
    article's text beside it (a bio, an intro): the page lists pages, it is not one.
    ``total``, ``linked``: the block's text weight, and its weight inside links, when the
    caller has counted them."""
    items, listed, listed_links = _listed_weight(container)
    if items < MIN_LISTING_LINKS:
        return False
    if total is None:
        total = text_weight(text_of(container))
    # the text beside the list counts outside links: a topic page's photo strip and its
    # links to past topics are more of its index, not an article's text
    if linked is None:
        linked = linked_weight(container)
    rest = total - listed - (linked - listed_links)
    return listed > rest and rest < LISTING_MAX_BODY_WEIGHT


LINKED_SHARE = 2 / 3
"""Share of a block's text weight inside links past which the block is a page of links (a
special topic's index, a site map), not an article's text."""


def lists_pages(container: Element) -> bool:
    """A block found by density that is a page of links (``LINKED_SHARE`` of its text
    inside links) or mostly a list of other pages (``mostly_listed``); its text and
    its linked text are counted once for both."""
    total = text_weight(text_of(container))
    linked = linked_weight(container)
    return (total > 0 and linked >= LINKED_SHARE * total) or mostly_listed(container, total, linked)
