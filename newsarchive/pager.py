"""The next page of a listing, however its pager is drawn.

A crawl that misses the next page of a channel stops after its first page without a
word, and the archive silently lacks the channel's history, so the pager is read from
every sign a template may give, strongest first:

1. ``rel="next"`` on a link or on ``<link>`` in the head (machine-readable, and the only
   sign when the pager is drawn by a script or is icons alone);
2. a link whose text, ``title``, ``aria-label`` or image ``alt``/``title`` is a next-page
   word (``下一页``, ``下一页>>``, ``下一页 »``, ``Next``), decorations aside;
3. a link classed as the pager's next (``next``, ``pg-next``, ``page-next``) whose text
   is an arrow, an icon, or empty;
4. an arrow alone (``›``, ``>``, then ``»``, ``>>``: where both are drawn the double one
   is the last page) beside page-number links;
5. the number after the current page, the one page number that is not a link or is
   marked current (``<span class="current">2</span><a>3</a>``);
6. a load-more button's ``data-url`` (a feed without a pager).

Never a link back to the page itself, a script link, ``上一页``, ``末页`` or ``尾页``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsarchive import selectors as sel
from newsarchive.dom import Element, absolute, is_descendant, text_of, token_parts, xpath

_LINKS = xpath("//body//a[@href]")
_REL_NEXT = xpath(
    "//link[@href][contains(concat(' ', normalize-space(@rel), ' '), ' next ')]"
    " | //a[@href][contains(concat(' ', normalize-space(@rel), ' '), ' next ')]"
)
_DATA_URL = xpath("//body//*[@data-url or @data-href or @data-next or @data-next-url]")

_DECORATION_RE = re.compile(r"[\s<>«»‹›→←〈〉《》\[\]【】()（）|｜:：.…·•▶▸◀◂-]+")
_NUMBER_RE = re.compile(r"^\d{1,5}$")


def _words(text: str) -> str:
    """Text without arrows, brackets and spaces, lower-cased: ``下一页 »`` is ``下一页``."""
    return _DECORATION_RE.sub("", text).lower()


_NEXT_WORDS = frozenset(_words(w) for w in sel.NEXT_PAGE_TEXTS)
_LOAD_MORE = frozenset(_words(w) for w in sel.LOAD_MORE_TEXTS)
_SINGLE_ARROWS = frozenset(sel.NEXT_PAGE_ARROWS)
_DOUBLE_ARROWS = frozenset(sel.LAST_PAGE_ARROWS)


def _labels(a: Element) -> Iterator[str]:
    """What a link says: its text, then its ``title``/``aria-label``, then those of its
    images (a pager of arrow images)."""
    yield text_of(a)
    for name in ("title", "aria-label"):
        value = a.get(name)
        if value:
            yield value
    for img in a.iter("img"):
        for name in ("alt", "title"):
            value = img.get(name)
            if value:
                yield value


def _says_next(a: Element) -> bool:
    return any(_words(label) in _NEXT_WORDS for label in _labels(a))


def _class_parts(el: Element) -> set[str]:
    return token_parts((el.get("class") or "").lower().split())


def _bare(a: Element) -> str:
    """The link's text without spaces: an arrow, a number, or nothing (an icon)."""
    return "".join(text_of(a).split())


class _Pager:
    def __init__(self, root: Element, base: str, url: str) -> None:
        self.root = root
        self.base = base
        self.here = url.split("#", 1)[0]

    def target(self, href: str | None) -> str | None:
        """The page a link leads to; None for a script link or the page itself."""
        url = absolute(self.base, href)
        if url is None:
            return None
        url = url.split("#", 1)[0]
        return None if url == self.here else url

    def first(self, links: Iterator[Element]) -> str | None:
        for a in links:
            url = self.target(a.get("href"))
            if url is not None:
                return url
        return None

    def find(self) -> str | None:
        links: list[Element] = _LINKS(self.root)
        found = (
            self.first(iter(_REL_NEXT(self.root)))
            or self.first(a for a in links if _says_next(a))
            or self.first(a for a in links if self._classed_next(a))
        )
        if found:
            return found
        boxes = _boxes(links)
        return self._arrow(links, boxes) or self._after_current(boxes) or self._load_more()

    @staticmethod
    def _classed_next(a: Element) -> bool:
        if not _class_parts(a) & sel.NEXT_PAGE_CLASSES:
            parent = a.getparent()
            if (
                parent is None
                or parent.tag != "li"
                or not _class_parts(parent) & sel.NEXT_PAGE_CLASSES
            ):
                return False
        bare = _bare(a)
        return not bare or bare in _SINGLE_ARROWS or bare in _DOUBLE_ARROWS

    def _arrow(self, links: list[Element], boxes: dict[Element, list[Element]]) -> str | None:
        if not boxes:
            return None
        for arrows in (_SINGLE_ARROWS, _DOUBLE_ARROWS):
            for a in links:
                if _bare(a) in arrows and any(is_descendant(a, box) for box in boxes):
                    url = self.target(a.get("href"))
                    if url is not None:
                        return url
        return None

    def _after_current(self, boxes: dict[Element, list[Element]]) -> str | None:
        for box, numbered in boxes.items():
            by_number = {int(_bare(a)): a for a in numbered}
            for el in box.iter():
                if el.tag.__class__ is not str or not _NUMBER_RE.match(_bare(el)):
                    continue
                if el.tag == "option" or (
                    el.tag != "a" and any(a.get("href") for a in el.iter("a"))
                ):
                    continue  # a page menu's entry, or the <li> around a page-number link
                current = (
                    el.get("href") is None
                    or self.target(el.get("href")) is None
                    or bool(_class_parts(el) & sel.CURRENT_PAGE_CLASSES)
                    or el.get("aria-current") is not None
                )
                if not current:
                    continue
                following = by_number.get(int(_bare(el)) + 1)
                if following is not None:
                    url = self.target(following.get("href"))
                    if url is not None:
                        return url
        return None

    def _load_more(self) -> str | None:
        for el in _DATA_URL(self.root):
            if _words(text_of(el)) not in _LOAD_MORE:
                continue
            for name in ("data-url", "data-href", "data-next", "data-next-url"):
                url = self.target(el.get(name))
                if url is not None:
                    return url
        return None


def _boxes(links: list[Element]) -> dict[Element, list[Element]]:
    """Pager boxes: the nearest ancestor (up to three levels) holding two or more
    page-number links, with those links in page order."""
    boxes: dict[Element, list[Element]] = {}
    numbered = [a for a in links if _NUMBER_RE.match(_bare(a))]
    for a in numbered:
        el = a.getparent()
        for _ in range(3):
            if el is None:
                break
            if any(b is not a and is_descendant(b, el) for b in numbered):
                boxes.setdefault(el, [b for b in numbered if is_descendant(b, el)])
                break
            el = el.getparent()
    return boxes


def next_page(root: Element, base: str, url: str) -> str | None:
    """The absolute URL of the listing's next page, or None on its last page.

    ``base`` resolves the links (the page's ``<base href>`` or its URL); ``url`` is the
    page's own address, which a pager's "current" link and a disabled next link point to.
    """
    return _Pager(root, base, url).find()
