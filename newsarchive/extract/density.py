"""Where the article text is when no known container holds it: text density.

Each paragraph (``<p>``, or an innermost ``<div>``/``<section>`` line of an editor that
writes no ``<p>``) scores its parent by its text weight (``dom.text_weight``: its Han
characters, or a word's worth of letters in text without Han), and an element holding
``<br>``-separated text scores itself. The best-scored element is then widened: a
block that holds only one paragraph of many (an editor that wraps every paragraph in
``<section>``s of its own) gives way to the nearest ancestor whose paragraphs hold at
least twice its text. A sidebar or a footer holds far less text than the article
beside it, so it does not widen the body to the page; an article split over two
blocks of about equal text is not widened either (twice is a margin against taking in
a block of comments or summaries as long as the article).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from newsarchive.dom import Element, linked_weight, text_of, text_weight
from newsarchive.extract.patterns import BR_PARENTS, LINE_BLOCKS, LIST_ITEMS, PARAGRAPHS

#: Levels above a scored element whose totals include its score (a paragraph wrapped in
#: three ``<section>``s is three levels below the article's block).
WIDEN_LEVELS = 4
#: Page furniture by its HTML5 element: text in it is never the article's.
FURNITURE_TAGS = frozenset(("footer", "nav", "aside"))
#: How much more paragraph text an ancestor must hold than the element it replaces.
WIDEN_RATIO = 2


@dataclass(frozen=True, slots=True)
class Density:
    """The densest block (widened), the text weight its paragraphs hold, and the
    best-scored element it was widened from (what listing tests look around: one item
    of a repeated list)."""

    element: Element
    score: int
    seed: Element


def densest(root: Element, headline: Element | None = None) -> Density | None:
    """The block of the page whose paragraphs hold the most text; None when no paragraph
    holds any. The caller decides whether the score is enough for an article.

    ``headline``, the page's headline element if known, bounds the widening: the body
    is not widened past the nearest block that holds the headline."""
    scores: dict[Element, int] = {}
    for p in PARAGRAPHS(root):
        n = text_weight(text_of(p))
        if n:
            parent = p.getparent()
            scores[parent] = scores.get(parent, 0) + n
    for el in BR_PARENTS(root):
        direct = (el.text or "") + "".join(c.tail or "" for c in el)
        n = text_weight(direct)
        if n:
            scores[el] = scores.get(el, 0) + n
    for pre in root.iter("pre"):
        # preformatted text (a legacy page's whole article in one <pre>): its own block
        n = text_weight(text_of(pre))
        if n:
            scores[pre] = scores.get(pre, 0) + n
    for line in LINE_BLOCKS(root):
        _score_unlinked(line, scores)
    for item in LIST_ITEMS(root):
        # a list's items score the list by their text outside links: a digest's items
        # (a linked headline and a sentence each) are text, a menu or a link list is not
        if not _one_link(item):
            _score_unlinked(item, scores)
    best = max(scores, key=lambda e: scores[e], default=None)
    if best is not None and _in_furniture(best):
        best = max(
            (e for e in scores if not _in_furniture(e)), key=lambda e: scores[e], default=None
        )
    if best is None:
        return None
    element, score = _widen(best, scores, headline)
    return Density(element, score, best)


def _score_unlinked(el: Element, scores: dict[Element, int]) -> None:
    """Add ``el``'s text weight outside links to its parent's score."""
    n = text_weight(text_of(el))
    if n:
        n -= linked_weight(el)
    if n > 0:
        parent = el.getparent()
        scores[parent] = scores.get(parent, 0) + n


def _in_furniture(el: Element) -> bool:
    """``el`` is, or is inside, a page's ``<footer>``, ``<nav>`` or ``<aside>``: never the
    article's block, however much text it holds. On a page with no article (an exhibitor
    directory of names and booth numbers) the organiser's address line in the footer is
    the longest run of text, and would otherwise be stored as an article's body."""
    if el.tag in FURNITURE_TAGS:
        return True
    return any(a.tag in FURNITURE_TAGS for a in el.iterancestors())


def _one_link(item: Element) -> bool:
    """An item that is one link and nothing else (a menu's): no text to score, and no
    need to weigh the text inside its link."""
    if len(item) != 1 or item[0].tag != "a":
        return False
    return not (item.text or "").strip() and not (item[0].tail or "").strip()


def _widen(
    best: Element, scores: dict[Element, int], headline: Element | None
) -> tuple[Element, int]:
    """``best``, or the nearest ancestor (``WIDEN_LEVELS`` up at most, repeatedly) whose
    scored elements hold ``WIDEN_RATIO`` times the text of the current one.

    Not past the nearest block holding ``headline``: the article's text is under its
    headline, and what a wider block adds is the page's (a short notice under its
    headline, beside sidebars of cards that hold twice its text)."""
    held: dict[Element, int] = dict(scores)
    for el, score in scores.items():
        for node in _ancestors(el):
            held[node] = held.get(node, 0) + score
    # the headline and its ancestors: the blocks that hold it
    holders = set() if headline is None else {headline, *headline.iterancestors()}
    current = best
    while current not in holders:
        need = WIDEN_RATIO * held[current]
        wider = next(
            (node for node in _up_to_holder(current, holders) if held.get(node, 0) >= need),
            None,
        )
        if wider is None:
            break
        current = wider
    # Unwidened, the score is the element's own paragraphs, as thresholds expect.
    return (best, scores[best]) if current is best else (current, held[current])


def _up_to_holder(el: Element, holders: set[Element]) -> Iterator[Element]:
    """``_ancestors(el)`` up to the first of ``holders``, that one included."""
    for node in _ancestors(el):
        yield node
        if node in holders:
            return


def _ancestors(el: Element) -> Iterator[Element]:
    """``el``'s ancestors, nearest first, ``WIDEN_LEVELS`` at most, below ``<body>``."""
    node = el.getparent()
    for _ in range(WIDEN_LEVELS):
        if node is None or node.tag in ("body", "html"):
            return
        yield node
        node = node.getparent()
