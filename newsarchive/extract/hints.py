"""Unlabelled fields by the headline, found by their elements' ``class`` tokens.

The last fallback for the date, the source and the view count: a template that prints
``<span class="time">2024-07-03 14:22</span><a class="m-src">新浪科技</a>`` beside the
headline, with no label to read. Only elements in the headline zone are asked (the
page finds the zone), only tokens named in ``selectors.*_CLASS_HINTS`` (whole, or as a
part between ``-`` and ``_``), and only an element holding the value alone counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from newsarchive import selectors as sel
from newsarchive.dates import find_date_text, month_day
from newsarchive.dom import (
    Element,
    PageTokens,
    han_count,
    is_descendant,
    letter_count,
    text_of,
    token_parts,
)
from newsarchive.extract.classify import unbracketed
from newsarchive.extract.info import joined_text, lone_date, lone_views, parse_source, parse_views
from newsarchive.extract.patterns import (
    ANY_LABEL_RE,
    CLASS_PART_SPLIT_RE,
    INFO_ANY_LABEL_RE,
    SENTENCE_END,
    VALUE_JUNK,
)
from newsarchive.text import tidy

ClassParts = dict[str, list[str]]

YEARLESS_MAX = 16
"""The longest text read as a yearless day alone: ``11月05日 16:40`` and some room."""


def class_parts(tokens: PageTokens) -> ClassParts:
    """The page's class and id tokens, as keys of ``tokens.carriers`` (``.m-src``,
    ``#publish_time``), by each of their parts (a whole token is its own part; ``m-src``
    is under ``m-src``, ``m`` and ``src``), less the tokens with a part that makes them
    no hint (``selectors.CLASS_HINT_EXCLUDED_PARTS``). Classes come before ids: a
    WeChat article's time is only ``<em id="publish_time">``."""
    found: ClassParts = {}
    for prefix, names in ((".", tokens.classes), ("#", tokens.ids)):
        for name in sorted(names):
            pieces = {name, *CLASS_PART_SPLIT_RE.split(name)}
            if pieces.isdisjoint(sel.CLASS_HINT_EXCLUDED_PARTS):
                for piece in pieces:
                    found.setdefault(piece, []).append(prefix + name)
    return found


def hinted(
    zone: list[Element], tokens: PageTokens, parts: ClassParts, hints: Iterable[str]
) -> Iterator[Element]:
    """Elements inside ``zone`` classed with one of the ``hints``, in the hints' order."""
    if not zone:
        return
    for hint in hints:
        for key in parts.get(hint, ()):
            for el in tokens.carriers.get(key, ()):
                if any(is_descendant(el, z) for z in zone):
                    yield el


def hinted_views(elements: Iterable[Element]) -> int | None:
    """The first view count printed alone (``3206``, ``1.5万``), or with its label."""
    for el in elements:
        text = tidy(text_of(el))
        views = parse_views(text) if ANY_LABEL_RE.search(text) else lone_views(text)
        if views is not None:
            return views
    return None


def hinted_date(elements: Iterable[Element]) -> str | None:
    """The first date printed alone (not a span of days, an event's)."""
    for el in elements:
        date = lone_date(joined_text(el).strip())
        if date:
            return date
    return None


def hinted_day(elements: Iterable[Element]) -> bool:
    """Whether one of the elements prints a date alone, or a day without its year
    (``11-05 16:40``, as mobile templates print the day's news)."""
    for el in elements:
        text = joined_text(el).strip()
        if lone_date(text) or _yearless(text):
            return True
    return False


def _yearless(text: str) -> bool:
    """Whether ``text`` is a day without its year, alone (``11-05 16:40``)."""
    return len(text) <= YEARLESS_MAX and month_day(text) is not None


def hinted_yearless(elements: Iterable[Element]) -> Iterator[str]:
    """The text of each element that prints a day without its year alone (a share
    page's ``<span class="time">05-12 10:23</span>``), for the URL to give its year."""
    for el in elements:
        text = joined_text(el).strip()
        if _yearless(text):
            yield text


def hinted_source(elements: Iterable[Element]) -> str | None:
    """The first source: a labelled one, or a name of a few characters that is not a
    sentence, a date or a labelled value. The name holds two Han characters or two
    letters: a Latin one (``Reuters``, ``PR TIMES``, ``AP``) is as much a name as ``新华社``."""
    for el in elements:
        source = named_source(tidy(text_of(el)))
        if source:
            return source
    return None


def named_source(text: str) -> str | None:
    """The source ``text`` gives: a labelled one (``来源：人民网``), else the text itself,
    out of its brackets and without a mark on the article (``selectors.SOURCE_MARKS``),
    when it reads as a name (``SOURCE_HINT_MAX`` characters at most, two of them Han or
    letters, or one beside two digits as in ``36氪``; not a sentence, a date or an
    address)."""
    labelled = parse_source(text)
    if labelled:
        return labelled
    name = unbracketed(text.strip(VALUE_JUNK)).strip(VALUE_JUNK)
    word = next((w for w in sel.SOURCE_HINT_WORDS if name.startswith(w)), None)
    if word is not None and len(name) > len(word):
        name = name[len(word) :].strip(VALUE_JUNK)  # 来自<a>凤凰网娱乐</a>: no colon to label it
    if " " in name and (words := name.rsplit(None, 1))[1] in sel.SOURCE_MARKS:
        name = words[0]  # [ 中关村在线 原创 ]: the outlet, and its mark on the article
    named = han_count(name) + letter_count(name)
    if (
        2 <= len(name) <= sel.SOURCE_HINT_MAX
        and (named >= 2 or (named == 1 and sum(c.isdigit() for c in name) >= 2))  # 36氪
        and not name.endswith(SENTENCE_END)
        and find_date_text(name) is None
        and "://" not in name
        and INFO_ANY_LABEL_RE.search(name) is None  # 发布时间：08-16 09:41, a year-less date
    ):
        return name
    return None


def icon_values(zone: list[Element], parts: frozenset[str]) -> Iterator[str]:
    """The text right after each icon in ``zone`` whose class has one of ``parts``
    (``<i class="fa fa-calendar"></i> 2024-06-05``): an empty element, whose tail up
    to the next element is the value its picture labels."""
    for block in zone:
        for el in block.iter(*sel.ICON_TAGS):
            classes = el.get("class")
            if not classes or len(el) or (el.text or "").strip():
                continue
            tail = (el.tail or "").strip()
            if tail and not parts.isdisjoint(token_parts(classes.lower().split())):
                yield tidy(tail)


def icon_date(zone: list[Element]) -> str | None:
    """The first date printed alone after a date icon (``selectors.DATE_ICON_PARTS``)."""
    for text in icon_values(zone, sel.DATE_ICON_PARTS):
        date = lone_date(text)
        if date:
            return date
    return None


def icon_views(zone: list[Element]) -> int | None:
    """The first count printed alone after a views icon (``selectors.VIEWS_ICON_PARTS``)."""
    for text in icon_values(zone, sel.VIEWS_ICON_PARTS):
        views = lone_views(text)
        if views is not None:
            return views
    return None
