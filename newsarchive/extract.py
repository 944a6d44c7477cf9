"""The article page object: bytes in, one ``Article`` out, one small method per field.

How it finds things, in order of trust (the live markup is known from one capture only):

* **Body**: the first known container (``selectors.BODY_CONTAINERS``) holding Chinese
  text, else the element whose ``<p>`` children hold the most Han characters.
* **Title**: a heading in a known title container; else any ``h1``-``h3`` that agrees
  with ``<title>``; else ``<title>`` itself. The site suffix is stripped either way, and
  from ``<title>`` also DedeCMS's channel segment (``标题_机器学习_站名``).
* **Info line** (source, date, views): a known container that carries a label or a
  date, else the block around the first text node carrying a label, widened to its row
  when the items sit in sibling blocks (cells, list items). Labels are matched with
  ``:`` or ``：``, on text joined across inline elements. No printed date: the
  ``article:published_time``/``pubdate`` meta. Views read ``2.1万`` as 21000; an
  unreadable count is None.
* **Body walk**: the container is walked once in document order into paragraphs,
  images and markers. ``<br>`` and block tags end a paragraph. Labels (``原标题``,
  ``责任编辑``...) and widgets (``赞助本站``...) are dropped; ``相关热词``,
  ``相关内容``, ``Copyright``... end the article text; a ``推荐阅读`` label and the
  link-only lines after it, reprint notices and QR prompts (``声明：本文转载自…``), ad
  boxes and ad images are dropped; ``文章来源：…`` feeds ``source``. A paragraph that
  is only a one- or two-digit number is a section marker. The paragraph after an image
  is its caption when it looks like one (see ``_is_caption``), otherwise body text.

Every text field goes through ``text.tidy`` (whitespace, NFC, pinyin removed) and, for
``output_script="zh-Hans"`` on a traditional page, OpenCC ``t2s`` in one batched call.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from functools import cached_property, lru_cache
from typing import cast

from newsarchive import selectors as sel
from newsarchive.dates import find_date_text, parse_published
from newsarchive.decoding import PRIVATE_USE_RE, decode_html
from newsarchive.dom import (
    BLOCK_TAGS,
    BODY_TEXT_NODES,
    Element,
    PageTokens,
    absolute,
    base_url,
    block_ancestor,
    class_tokens,
    compile_css,
    first_child,
    first_descendant,
    han_count,
    is_descendant,
    parse_html,
    strip_non_content,
    text_of,
    text_owner,
    xpath,
)
from newsarchive.model import MAX_VIEWS, Article, Image, NotAnArticle, RelatedLink, Section
from newsarchive.text import (
    Script,
    clean,
    content_hash,
    detect_script,
    from_traditional,
    remove_pinyin,
    tidy,
)
from newsarchive.urls import article_id, canonical_url, is_http_url

OUTPUT_SCRIPTS: tuple[str, ...] = ("zh-Hans", "original")

# Thresholds (Han characters unless noted); see the docstrings where they are used.
MIN_KNOWN_BODY_HAN = 10
MIN_DENSITY_BODY_HAN = 30
MIN_LISTING_LINKS = 3  # also: repeated sibling blocks with a link and a date
LISTING_ITEM_MAX_CLIMB = 4  # levels above the density body searched for a repeated item
MIN_GENERIC_LIST_LINKS = 10
LISTING_MAX_BODY_HAN = 300
NOTICE_MAX_TEXT = 600  # characters of visible text a not-found notice page can have
INFO_MAX_TEXT = 300  # characters an info-line block can have
INFO_MAX_CLIMB = 2  # levels above a split info item (td -> tr, li -> ul) read as the line
LABEL_LINE_MAX = 100  # characters a label line in the body (来源：…) can have
CAPTION_MAX = 200  # characters a caption can have
SHORT_CAPTION_MAX = 40  # a caption recognised only by being short and last
CREDIT_LINE_MAX = 30  # a photo credit on a line of its own
MIN_TEXT_ABOVE_FIGURE = 20  # Han characters before a figure that put it mid-article
SCRIPT_SAMPLE = 300  # characters of title + body that decide the served script
GARBLED_MIN = 20  # U+FFFD and NUL characters before a page counts as garbled
GARBLED_RATIO = 0.02
GARBLED_PRIVATE_USE_MIN = 3  # private-use characters in the script sample (see check)

# --------------------------------------------------------------------------- compiled
_TITLE_HEADINGS = compile_css(sel.TITLE_HEADINGS)
_INFO_CONTAINERS = compile_css(sel.INFO_CONTAINERS)
_INTRO_CONTAINERS = compile_css(sel.INTRO_CONTAINERS)
_BODY_CONTAINERS = compile_css(sel.BODY_CONTAINERS)
_KEYWORD_CONTAINERS = compile_css(sel.KEYWORD_CONTAINERS)
_RELATED_CONTAINERS = compile_css(sel.RELATED_CONTAINERS)
_LISTING_LINKS = compile_css(sel.LISTING_LINKS)

_GENERIC_HEADINGS = xpath(sel.GENERIC_HEADINGS_XPATH)
_PARAGRAPHS = xpath(sel.DENSITY_PARAGRAPHS_XPATH)
_BR_PARENTS = xpath(sel.DENSITY_BR_PARENTS_XPATH)
_LIST_LINKS = xpath(sel.GENERIC_LIST_LINKS_XPATH)
_META = xpath(sel.META_XPATH)


def _alt(words: Iterable[str]) -> str:
    """Regex alternation, longest first so ``发布日期`` wins over ``日期``."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_COLON_LABELS = rf"(?:{_alt(sel.VIEW_LABELS_COLON)})\s*[:：]"
"""Labels that count only with their colon (``查看:``; ``查看更多`` is a link)."""
_INFO_WORD_RE = re.compile(
    _alt(sel.SOURCE_LABELS + sel.DATE_LABELS_SPECIFIC + sel.VIEW_LABELS) + "|" + _COLON_LABELS
)
_ANY_LABEL_RE = re.compile(
    _alt(
        sel.SOURCE_LABELS
        + sel.DATE_LABELS_SPECIFIC
        + sel.VIEW_LABELS
        + sel.INTRO_LABELS
        + sel.KEYWORD_LABELS
        + sel.RELATED_LABELS
        + sel.ORIGINAL_TITLE_LABELS
    )
    + "|"
    + _COLON_LABELS
)
"""Any label a fallback search looks for; text nodes are indexed once per page with it."""

_SEPARATORS = "".join(re.escape(c) for c in sel.TITLE_SEPARATORS)
_SITE_SUFFIX_RE = re.compile(rf"\s*[{_SEPARATORS}]+\s*(?:{_alt(sel.SITE_NAMES)})\s*$", re.I)
_SITE_NAME_RE = re.compile(rf"^(?:{_alt(sel.SITE_NAMES)})$", re.I)
_DATE_TEXT_RE = re.compile(r"(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\d{1,2}[-/]\d{1,2}")
_SITE_NAME_START_RE = re.compile(rf"(?:{_alt(sel.SITE_NAMES)})", re.I)
_STOP_LABEL_RE = re.compile(r"^.{0,4}?[:：]")
"""A stop word's rest that opens with a short label's colon (``上一篇文章：``)."""
_STOP_REST_WORDS = frozenset(sel.BODY_STOP_REST_WORDS)
_WORD_SPLIT_RE = re.compile(r"[\s|｜/／·•,，、]+")
_LINK_GAPS = " \u3000|｜/／·•,，、;；:：()（）[]【】<>《》-—"
_COLON = r"\s*[:：]"

_INFO_STOP = _alt(sel.SOURCE_LABELS + sel.DATE_LABELS + sel.VIEW_LABELS + sel.AUTHOR_LABELS)
_SOURCE_RE = re.compile(
    rf"(?:(?:{_alt(sel.SOURCE_LABELS)})(?:\s*[:：]\s*|\s+)"
    rf"|(?:{_alt(sel.SOURCE_LABELS_COLON)})\s*[:：]\s*)"
    rf"(?P<v>[^\n\u00a0\u3000]*?)"
    rf"(?=\s{{2,}}|[\n\u00a0\u3000]|{_INFO_STOP}|(?:19|20)\d{{2}}\s*[-/.年]|$)"
)
_DATE_LABEL_RE = re.compile(rf"(?:{_alt(sel.DATE_LABELS)})\s*[:：]?")
_VIEWS_RE = re.compile(
    rf"(?:(?:{_alt(sel.VIEW_LABELS)})(?:{_alt(sel.VIEW_LABEL_SUFFIXES)})?\s*[:：(（]?"
    rf"|(?:{_alt(sel.VIEW_LABELS_COLON)})\s*[:：])\s*"
    rf"(?P<n>\d[\d,]*(?:\.\d+)?)\s*(?P<u>{_alt(sel.VIEW_UNITS)})?"
)
"""``浏览：990次``, ``点击：1,208``, ``阅读(1208)``, ``阅读 2.1万``; see ``_parse_views``."""
_INFO_LABELS = (
    sel.SOURCE_LABELS
    + sel.SOURCE_LABELS_COLON
    + sel.DATE_LABELS
    + sel.VIEW_LABELS
    + sel.VIEW_LABELS_COLON
)
_INFO_ANY_LABEL_RE = re.compile(rf"(?:{_alt(_INFO_LABELS)}){_COLON}")
_VALUE_JUNK = sel.VALUE_SEPARATORS + " \u00a0\u3000"

_ORIGINAL_TITLE_RE = re.compile(rf"^(?:{_alt(sel.ORIGINAL_TITLE_LABELS)}){_COLON}\s*(?P<v>.+)$")
_EDITOR_LINE_RE = re.compile(
    rf"^(?:{_alt(sel.LINE_OPENERS)})?\s*(?:{_alt(sel.EDITOR_LABELS)}){_COLON}"
)
_SOURCE_LINE_RE = re.compile(
    rf"^(?:{_alt(sel.SOURCE_LINE_PREFIXES)})?(?:{_alt(sel.SOURCE_LABELS)}){_COLON}"
)
_DATE_LINE_RE = re.compile(rf"^(?:{_alt(sel.DATE_LABELS)}){_COLON}")
_EVENT_LABEL_RE = re.compile(rf"(?:^|\s)(?:{_alt(sel.EVENT_LABELS)}){_COLON}")
_SOURCE_PREFIXED_RE = re.compile(rf"^(?:{_alt(sel.SOURCE_LINE_PREFIXES)})")
_CREDIT_LINE_RE = re.compile(sel.CREDIT_LINE_PATTERN)
_DATE_SPAN_RE = re.compile(r"\s*[-－—–~～至到]\s*\d")
"""What follows a date that begins a span of days (``9月24日—28日``, ``2024-09-24至26``)."""
_DATE_LINE_SPECIFIC_RE = re.compile(rf"^(?:{_alt(sel.DATE_LABELS_SPECIFIC)}){_COLON}")
_INTRO_BRACKETED = rf"[【\[]\s*(?:{_alt(sel.INTRO_LABELS)})\s*[】\]]"
_INTRO_LABEL_RE = re.compile(rf"^(?:{_INTRO_BRACKETED}|(?:{_alt(sel.INTRO_LABELS)}))\s*[:：]?\s*")
_INTRO_LINE_RE = re.compile(
    rf"^(?:{_INTRO_BRACKETED}\s*[:：]?|(?:{_alt(sel.INTRO_LABELS)}){_COLON})"
)
"""A lead's label: ``导读：``, or in brackets, ``【摘要】``."""
_KEYWORD_LABEL_RE = re.compile(rf"^\s*(?:{_alt(sel.KEYWORD_LABELS)})\s*[:：]?\s*", re.I)
_KEYWORD_SPLIT_RE = re.compile(sel.KEYWORD_SEPARATORS_PATTERN)
_KEYWORD_LINK_SPLIT_RE = re.compile(sel.KEYWORD_LINK_SEPARATORS_PATTERN)
_STOP_RE = re.compile(
    rf"^(?P<open>[【\[«<《]?)\s*(?:{_alt(sel.BODY_STOP_MARKERS)})(?P<close>[】\]»>》]?)"
    r"(?P<rest>.*)$",
    re.S,
)
"""A stop word opening a line, bracketed or not (``【上一篇】``, ``« 上一篇``)."""
_STOP_NOUN_RE = re.compile(rf"^(?:{_alt(sel.BODY_STOP_NOUNS)})")
_ARROWS = frozenset("«<")
_STOP_SEPARATORS = frozenset(sel.BODY_STOP_SEPARATORS)
_BOILERPLATE_RE = re.compile(rf"^(?:{_alt(sel.BOILERPLATE_TEXTS)})")
_BOILERPLATE_EXACT = frozenset(sel.BOILERPLATE_EXACT)
_BOILERPLATE_OPENER_RE = re.compile(rf"^(?:{_alt(sel.BOILERPLATE_OPENERS)})")
_BOILERPLATE_LINE_RE = re.compile("|".join(f"(?:{p})" for p in sel.BOILERPLATE_PATTERNS))
_PAGINATION_RE = re.compile(sel.PAGINATION_PATTERN)
_PAGINATION_MOVE_RE = re.compile(sel.PAGINATION_MOVE_PATTERN)
_PAGINATION_PLACE_RE = re.compile(sel.PAGINATION_PLACE_PATTERN)
_READING_LIST_RE = re.compile(rf"^(?:{_alt(sel.READING_LIST_LABELS)})\s*[:：]?\s*(?P<rest>.*)$")
_AD_CLASS_RE = re.compile(sel.AD_CLASS_PATTERN, re.I)
_AD_ALTS = frozenset(sel.AD_IMAGE_ALTS)
_AD_PATH_RE = re.compile(sel.AD_IMAGE_PATH_PATTERN, re.I)
_META_DATE_NAMES = sel.META_DATE_NAMES
_PUBLISHED_TIMES = xpath(sel.PUBLISHED_TIME_XPATH)
_HEADER_TIMES = xpath(sel.HEADER_TIME_XPATH)
_JSON_LD_NOT_ARTICLES = frozenset(sel.JSON_LD_NOT_ARTICLES)
_HIDDEN_INLINE_TAGS = sel.HIDDEN_INLINE_TAGS
_HIDDEN_STYLE_RE = re.compile(sel.HIDDEN_STYLE_PATTERN, re.I)
_CHANNEL_NAMES = frozenset(sel.CHANNEL_NAMES)
_SKIP_TAGS = frozenset(sel.SKIP_TAGS)
_IMAGE_TAGS = frozenset(sel.IMAGE_TAGS)
_CELL_TAGS = frozenset(("td", "th"))
_INDENTS = ("\u3000", "\xa0\xa0", "\xa0 ")
_ASCII_DIGITS = frozenset("0123456789")
_END_MARKERS = frozenset(sel.END_MARKERS)
_FIGURE_TAGS = ("img", "amp-img", "table", "figure")
_LINE_ENDS = (*sel.SENTENCE_ENDS, "：", ":")
_CONTINUATIONS = frozenset("，,、；;：:）)”」』》。.！!？?")
_SCRIPT_TAGS = frozenset(("sup", "sub"))
_SUPERSCRIPT = str.maketrans("0123456789+-=()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ")
_SUBSCRIPT = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")
_CAPTION_OPENERS = sel.CAPTION_OPENERS
_BOILERPLATE_CLASSES = frozenset(sel.BOILERPLATE_CLASSES)
_LABEL_FIRST_CHARS = frozenset(
    w[0]
    for w in sel.BODY_STOP_MARKERS
    + sel.BOILERPLATE_TEXTS
    + sel.ORIGINAL_TITLE_LABELS
    + sel.EDITOR_LABELS
    + sel.SOURCE_LABELS
    + sel.SOURCE_LINE_PREFIXES
    + sel.DATE_LABELS
    + sel.INTRO_LABELS
    + sel.LINE_OPENERS
    + sel.READING_LIST_LABELS
    + sel.BOILERPLATE_EXACT
    + sel.BOILERPLATE_OPENERS
    + sel.PAGINATION_OPENERS
)
"""First characters of every label or pager a body line can start with (a pager may also
start with a digit): most paragraphs start with none of them and skip the label
regexes."""
_MARKER_RE = re.compile(sel.SECTION_MARKER_PATTERN)
_MARKER_MAX = sel.SECTION_MARKER_MAX_CHARS
_SENTENCE_END = sel.SENTENCE_ENDS
_CENTER_STYLE_RE = re.compile(sel.CENTERED_STYLE_PATTERN, re.I)

_CREDIT_TAIL_RE = re.compile(
    rf"(?:^|(?<=[\s，,；;]))(?P<a>(?:{_alt(sel.CREDIT_PREFIXES)}).+)$"
    rf"|(?P<b>(?:(?:记者|記者)\s*)?[^\s，,；;。]{{1,12}}(?:\s+[^\s，,；;。]{{1,12}})?\s*"
    rf"(?:{_alt(sel.CREDIT_WORDS)})(?:\s*[/／]\s*[^\s/／]+)?)$"
    r"|(?:^|(?<=\s))[/／]\s*(?P<c>[^/／\s。]{2,30})$"
)
"""A photo credit at the end of a caption: ``图/新华社``, ``记者 龙帆 摄/视觉重庆``,
``新华社供图``, `` /大足区委宣传部``."""


def split_credit(caption: str) -> str | None:
    """The credit part of a caption; None when it has none.

    After the last ``。`` when there is one (``…航空器。记者 龙帆 摄/视觉重庆``), with a
    leading ``/`` stripped (``…界面。/大足区委宣传部`` -> ``大足区委宣传部``); otherwise
    a trailing credit pattern (``_CREDIT_TAIL_RE``).
    """
    if "。" in caption:
        tail = caption.rsplit("。", 1)[1].strip().lstrip("/／").strip()
        return tail or None
    m = _CREDIT_TAIL_RE.search(caption)
    if m is None:
        return None
    credit = (m.group("a") or m.group("b") or m.group("c") or "").strip()
    return credit.lstrip("/／").strip() or None


def _is_credit(para: _Para) -> bool:
    """A line that is nothing but a photo credit (``记者 张三 摄``, ``图/新华社``,
    ``摄影：张三``); not a subheading that happens to end in 摄 (``二、夜景拍摄``)."""
    text = para.text
    return len(text) <= CREDIT_LINE_MAX and _CREDIT_LINE_RE.match(text) is not None


def _has_credit(caption: str) -> bool:
    tail = caption.rsplit("。", 1)[-1].strip()
    return bool(tail) and _CREDIT_TAIL_RE.search(tail) is not None


def strip_site_suffix(title: str) -> str:
    """``标题_人工智能实验室`` -> ``标题``; repeated for ``标题 - AiLab - 人工智能实验室``."""
    previous = None
    while previous != title:
        previous = title
        title = _SITE_SUFFIX_RE.sub("", title)
    return title


def strip_channel_suffix(title: str, link_texts: Callable[[], set[str]]) -> str:
    """``标题_机器学习`` -> ``标题``: the channel of DedeCMS's ``{title}_{typename}_{webname}``.

    Called only on a ``<title>`` whose site name was just stripped. The last
    ``CHANNEL_SEPARATOR`` segment goes when it is a known channel (``CHANNEL_NAMES``), or
    when it is short (``CHANNEL_MAX_CHARS``) and is the text of a link on the page (the
    breadcrumb or navigation names the channel). A headline holding ``_`` keeps it: its
    last segment is neither a channel name nor a short link text. ``link_texts`` is
    called only when needed, so that most pages never collect their links.
    """
    head, sep, tail = title.rpartition(sel.CHANNEL_SEPARATOR)
    head, tail = head.strip(), tail.strip()
    if not sep or not head or not tail:
        return title
    if tail in _CHANNEL_NAMES or (len(tail) <= sel.CHANNEL_MAX_CHARS and tail in link_texts()):
        return head
    return title


def _same_title(heading: str, page_title: str) -> bool:
    a, b = heading.replace(" ", ""), page_title.replace(" ", "")
    if a == b:
        return True
    return min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a))


def _heading_lead(el: Element) -> str | None:
    """The text of a heading before a child that holds its info line: PHPCMS prints
    ``<h1>标题<br/><span>2024-11-01 08:45:12 来源：澎湃新闻</span></h1>``, whose whole text
    is no headline. None when no child holds an info label: a headline split by ``<br>``
    is whole, and so is one with a dated subtitle (``<span>2024年8月22日至25日在重庆举行``)."""
    parts = [el.text or ""]
    for child in el:
        if child.tag.__class__ is str and child.tag != "br":
            inner = text_of(child)
            if _INFO_ANY_LABEL_RE.search(inner):
                return tidy("".join(parts)) or None
            parts.append(inner)
        parts.append(child.tail or "")
    return None


def _starts_with_label(text: str, pattern: re.Pattern[str], max_len: int) -> bool:
    return len(text) <= max_len and pattern.match(text) is not None


def format_fetched_at(when: datetime | None) -> str:
    """UTC, second precision, ``Z`` suffix (``2024-10-24T01:05:17Z``); naive means UTC."""
    moment = datetime.now(UTC) if when is None else when
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    moment = moment.astimezone(UTC)
    if moment.year < 1000:  # strftime's %Y does not pad the year to four digits
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    # The same text as strftime, at half the cost: isoformat of a UTC time ends "+00:00".
    return moment.isoformat(timespec="seconds").removesuffix("+00:00") + "Z"


# --------------------------------------------------------------------------- body walk
@dataclass(slots=True)
class _Para:
    text: str
    block: Element
    after_image: bool
    """An image came earlier in the same block (``<center><img><br>caption``)."""
    figcaption: bool
    indented: bool = False
    """Opens with a typeset paragraph indent (U+3000 or no-break spaces)."""
    image_led: bool = False
    """The image before it in the block leads the block (nothing but images before it):
    an image block, whose text is its caption; otherwise the image sits in a
    ``<br>``-separated body, where only a label is a caption."""


@dataclass(slots=True)
class _Img:
    el: Element
    alt: str
    """The tidied ``alt`` text ("" when none)."""
    inline: bool = False
    """Inside a line of text (a formula, an emoji picture): the line stays whole, and
    the image has no caption."""


@dataclass(slots=True)
class _Marker:
    text: str


@dataclass(slots=True)
class _Label:
    """A body line that may belong to the record rather than the text.

    ``kind``: ``"info"``, a source or publish-date line, read wherever it stands except
    right under a table (a table's ``来源：`` is the table's); ``"date"``, a line with a
    generic date label and one date, read only at the top or the end of the body (in the
    middle, or as a span of days, it is an event's ``时间：``); ``"lead"``, a ``摘要：``
    line, the summary only at the top of the body (below it, a paper's abstract)."""

    kind: str
    para: _Para


_Item = _Para | _Img | _Marker | _Label


class _Walker:
    """Flattens a body container into paragraphs and images in document order.

    Block tags and ``<br>`` end a paragraph; inline tags are walked into the current
    one. Hot path: a block element without children (most ``<p>``) is taken whole.
    """

    def __init__(self, skip: set[Element], title_el: Element | None) -> None:
        self.skip = skip
        self.title_el = title_el
        self.title_index: int | None = None
        self.out: list[_Para | _Img] = []
        self.block_start = 0
        """Where the block being walked began in ``out``."""
        self.image_led = False
        """The last image of the block being walked leads it (``_Para.image_led``)."""

    def block(self, block: Element) -> None:
        outer = self.block_start, self.image_led
        self.block_start, self.image_led = len(self.out), False
        text = block.text
        buf: list[str] = [text] if text and not text.isspace() else []
        seen_img = self._visit(block, block, buf, False)
        self._flush(block, buf, seen_img)
        self.block_start, self.image_led = outer

    def _flush(self, block: Element, buf: list[str], seen_img: bool) -> None:
        if not buf:
            return
        joined = "".join(buf)
        buf.clear()
        if joined.isspace():
            return
        text = tidy(joined)
        if text:
            # only a line under an image asks (``_is_caption``)
            indented = seen_img and joined.lstrip(" \t\r\n").startswith(_INDENTS)
            led = seen_img and self.image_led
            self.out.append(_Para(text, block, seen_img, block.tag == "figcaption", indented, led))

    def _leads_block(self) -> bool:
        """Nothing but images and their captions came before this point in the block
        being walked (an image block, or a gallery of them)."""
        return all(
            isinstance(item, _Img) or (item.after_image and item.image_led)
            for item in self.out[self.block_start :]
        )

    def _visit(self, parent: Element, block: Element, buf: list[str], seen_img: bool) -> bool:
        """Walk ``parent``'s children into ``buf``; returns whether an image was seen.

        The hottest loop of extraction: ``.text`` and ``.tail`` are read once each (lxml
        decodes them anew on every access), the skip test (skipped tags, then one set
        holding the title, info and lead elements and every boilerplate-classed element)
        is inline, and an empty buffer is not flushed. Whitespace that would open a
        paragraph is not buffered: ``tidy`` drops it, and the newline between two ``<p>``
        would otherwise cost a flush that finds nothing.
        """
        skip = self.skip
        out = self.out
        for child in parent:
            tag = child.tag
            if tag.__class__ is not str:
                pass
            elif tag in _SKIP_TAGS or child in skip:
                if child is self.title_el:
                    self._flush(block, buf, seen_img)
                    self.title_index = len(self.out)
            elif tag in _IMAGE_TAGS:
                alt = tidy(child.get("alt") or "")
                if buf and _inside_line(buf, child.tail):
                    # inside a line of text (a formula): the line goes on past it, unsplit
                    out.append(_Img(child, alt, inline=True))
                else:
                    if buf:
                        self._flush(block, buf, seen_img)
                    self.image_led = self._leads_block()
                    seen_img = True
                    out.append(_Img(child, alt))
            elif tag == "br":
                if buf:
                    self._flush(block, buf, seen_img)
            elif tag in BLOCK_TAGS:
                if buf:
                    self._flush(block, buf, seen_img)
                if len(child):
                    self.block(child)
                else:
                    text = child.text
                    if text and not text.isspace() and (text := tidy(text)):
                        out.append(_Para(text, child, False, tag == "figcaption"))
            else:
                text = child.text
                if text:
                    buf.append(_raised(tag, text) if tag in _SCRIPT_TAGS else text)
                if len(child):
                    seen_img = self._visit(child, block, buf, seen_img)
            tail = child.tail
            if tail and (buf or not tail.isspace()):
                buf.append(tail)
        return seen_img

    def items(self, container: Element) -> list[_Para | _Img]:
        self.block(container)
        if self.title_index is not None:
            return self.out[self.title_index :]
        return self.out


@dataclass(slots=True)
class _Body:
    """The body walk's results, in the served script."""

    sections: list[Section] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    original_title: str | None = None
    source_line: str | None = None
    intro_line: str | None = None


@dataclass(frozen=True, slots=True)
class _Info:
    source: str | None
    date_raw: str | None
    views: int | None


# --------------------------------------------------------------------------- page object
class ArticlePage:
    """One fetched page, parsed once; each field is a small method.

    Methods return values in the script the page was served in (pinyin removed,
    whitespace cleaned); ``to_article`` converts the script and assembles the record.
    The constructor raises ``NotAnArticle("empty")`` or ``NotAnArticle("undecodable")``
    when there is no document to look at; the other reasons come from ``to_article``.
    """

    def __init__(self, body: bytes, url: str, headers: Mapping[str, str] | None = None) -> None:
        self.url = canonical_url(url)
        self.id = article_id(self.url)
        if not body.strip():
            raise NotAnArticle("empty", url)
        text, self.encoding = decode_html(body, headers)
        if _garbled(text):
            raise NotAnArticle("undecodable", f"{url} as {self.encoding}")
        root = parse_html(text)
        if root is None or first_child(root, "body") is None:
            raise NotAnArticle("empty", url)
        self._base = base_url(root, url)
        self._counter_src, self._json_ld = _scan_scripts(root)
        strip_non_content(root)
        self._root = root
        self._tokens = PageTokens.of(root)

    # ----------------------------------------------------------------- structure
    @cached_property
    def _page_title(self) -> str | None:
        """``<title>`` without the site suffix; None when empty or only the site name."""
        el = self._root.find("head/title")
        if el is None:
            el = self._root.find(".//title")
        full = tidy(text_of(el)) if el is not None else ""
        text = strip_site_suffix(full)
        if text != full and sel.CHANNEL_SEPARATOR in text:
            text = strip_channel_suffix(text, self._link_texts)
        return text if text and not _SITE_NAME_RE.match(text) else None

    def _link_texts(self) -> set[str]:
        """Tidied texts of the page's links (breadcrumb and navigation name the channel)."""
        return {tidy(text_of(a)) for a in self._root.iter("a")}

    @cached_property
    def _known_title(self) -> tuple[str, Element] | None:
        """The headline from a known title selector (``TITLE_HEADINGS``), if any."""
        for selector in _TITLE_HEADINGS:
            for el in selector(self._root, self._tokens):
                text = strip_site_suffix(tidy(text_of(el)))
                if text and not _SITE_NAME_RE.match(text):
                    return text, el
        return None

    @cached_property
    def _title(self) -> tuple[str | None, Element | None]:
        if self._known_title is not None:
            return self._known_title
        page_title = self._page_title
        if page_title:
            for el in _GENERIC_HEADINGS(self._root):
                text = strip_site_suffix(tidy(text_of(el)))
                if text and _same_title(text, page_title):
                    return text, el
                lead = _heading_lead(el)
                if lead and _same_title(lead, page_title):
                    return lead, el
            return page_title, None
        for el in self._root.iter("h1"):
            text = strip_site_suffix(tidy(text_of(el)))
            if text and not _SITE_NAME_RE.match(text):
                return text, el
        return None, None

    @cached_property
    def _body_container(self) -> tuple[Element | None, bool, int]:
        """(container, found by a known selector, Han characters in it)."""
        for selector in _BODY_CONTAINERS:
            for el in selector(self._root, self._tokens):
                han = _han_up_to(el, LISTING_MAX_BODY_HAN)
                if han >= MIN_KNOWN_BODY_HAN:
                    return el, True, han
        densest, score = _densest(self._root)
        if densest is not None and (
            score >= MIN_DENSITY_BODY_HAN
            or (score >= MIN_KNOWN_BODY_HAN and self._is_article_shaped(densest))
        ):
            return densest, False, _han_up_to(densest, LISTING_MAX_BODY_HAN)
        return None, False, 0

    def _is_article_shaped(self, candidate: Element) -> bool:
        """Whether a page whose densest text is short (a news flash) is still clearly an
        article: a headline from a known title selector, a known info line with a label
        or date, and nothing listing-like (listing links, ``MIN_GENERIC_LIST_LINKS`` list
        links, or ``candidate`` inside a repeated dated item). A channel page's heading
        matches its ``<title>`` too, so a generic heading is not enough.
        """
        return (
            self._known_title is not None
            and self._known_info_el is not None
            and self._listing_links() == 0
            and len(_LIST_LINKS(self._root)) < MIN_GENERIC_LIST_LINKS
            and _repeated_items(candidate) < MIN_LISTING_LINKS
        )

    @cached_property
    def _label_nodes(self) -> list[tuple[str, Element]]:
        """(text, owning element) of every body text node holding a label, in page order.

        One pass serves every fallback search (info line, lead, keywords, related list,
        original title) instead of one XPath scan of all text per label group.
        """
        return [
            (str(node), text_owner(node))
            for node in BODY_TEXT_NODES(self._root)
            if _ANY_LABEL_RE.search(node)
        ]

    @cached_property
    def _info_el(self) -> Element | None:
        """The info line: a known container with a label or date, else the first block
        near a label that holds two of source/date/views (or one, outside the body)."""
        if self._known_info_el is not None:
            return self._known_info_el
        body = self._body_container[0]
        fallback = None
        for text, owner in self._label_nodes:
            if not _INFO_WORD_RE.search(text):
                continue
            block = block_ancestor(owner)
            text = _joined_text(block)
            if len(text) > INFO_MAX_TEXT:
                continue
            # Inside the body only a line that opens with a label, or with a date and
            # holds a source or a view count too, is an info line: "数据来源：国家统计局，
            # 2024年3月" in a paragraph is article text.
            if (
                body is not None
                and is_descendant(block, body)
                and (block is body or not _opens_info_line(block, text.lstrip()))
            ):
                continue
            score = _info_score(text)
            if score >= 2:
                return self._widen_info(block, score)
            if score == 1 and fallback is None:
                fallback = block
        return self._widen_info(fallback, 1) if fallback is not None else None

    def _date_under_title(self) -> str | None:
        """A date printed alone in a block right after the headline (Discuz's ``<p
        class="xg1">2024-10-31 20:15</p>``): the last fallback for the publish date, after
        what the page declares for machines, since a line under a headline may as well
        date an event. A span of days (``2025年7月26日-28日``) is an event's. Only the next
        two blocks, outside the body."""
        title_el = self._title[1]
        body = self._body_container[0]
        if title_el is None:
            return None
        seen = 0
        for el in title_el.itersiblings():
            if el.tag.__class__ is not str:
                continue
            if body is not None and (
                el is body or is_descendant(body, el) or is_descendant(el, body)
            ):
                return None
            text = _joined_text(el).strip()
            if not text:
                continue
            if len(text) <= INFO_MAX_TEXT and _opens_with_date(text):
                date = _single_date(text)
                # the date alone (2024-10-31 20:15), not a forum's date and place
                return date if date and han_count(text.replace(date, "")) < 2 else None
            seen += 1
            if seen == 2:
                return None
        return None

    @cached_property
    def _known_info_el(self) -> Element | None:
        """A known info container (``INFO_CONTAINERS``) that carries a label or a date."""
        for selector in _INFO_CONTAINERS:
            for el in selector(self._root, self._tokens):
                text = text_of(el)
                if len(text) <= INFO_MAX_TEXT and (
                    _INFO_ANY_LABEL_RE.search(text) or find_date_text(text)
                ):
                    return el
        return None

    def _widen_info(self, block: Element, score: int) -> Element:
        """The row around an info block that holds only some of source/date/views.

        Info lines split across cells (``<td>来源：…</td><td>时间：…</td>``), list items
        or divs give a block per item; the parent row holds them all. Climbs at most
        ``INFO_MAX_CLIMB`` levels, and only while the parent stays short (``INFO_MAX_TEXT``),
        and neither holds nor lies inside the body container (body text is never read as
        info); the highest-scoring level wins.
        """
        body = self._body_container[0]
        if body is not None and is_descendant(block, body):
            return block
        best = node = block
        for _ in range(INFO_MAX_CLIMB):
            if score >= 3:
                break
            parent = node.getparent()
            if parent is None or parent.tag in ("body", "html"):
                break
            if body is not None and (is_descendant(body, parent) or is_descendant(parent, body)):
                break
            text = _joined_text(parent)
            if len(text) > INFO_MAX_TEXT:
                break
            wider = _info_score(text)
            if wider > score:  # a wrapper that adds nothing is climbed through, not taken
                best, score = parent, wider
            node = parent
        return best

    @cached_property
    def _intro(self) -> tuple[Element | None, str | None]:
        """The lead's element, and its tidied text when a known container gave it."""
        for selector in _INTRO_CONTAINERS:
            for el in selector(self._root, self._tokens):
                text = tidy(text_of(el))
                if text:
                    return el, text
        body = self._body_container[0]
        for text, owner in self._label_nodes:
            if _INTRO_LABEL_RE.match(text.strip()):
                block = block_ancestor(owner)
                if not _INTRO_LINE_RE.match(_joined_text(block).strip()):
                    continue  # <strong>摘要</strong>: … has its colon outside the label
                # a lead line inside the body is the body walk's to judge (its top only)
                if body is None or not (block is body or is_descendant(block, body)):
                    return block, None
        return None, None

    @property
    def _intro_el(self) -> Element | None:
        return self._intro[0]

    @cached_property
    def _intro_text(self) -> str | None:
        """The lead box's tidied text, label included; None when the page has none."""
        el, text = self._intro
        if el is None:
            return None
        return tidy(text_of(el)) if text is None else text

    def _lead_box_text(self) -> str | None:
        """The lead box's text without its label; None when the page has no lead box."""
        text = self._intro_text
        return None if text is None else _INTRO_LABEL_RE.sub("", text, count=1).strip()

    @cached_property
    def _info(self) -> _Info:
        el = self._info_el
        text = _joined_text(el) if el is not None else ""
        source = _parse_source(text)
        if source is None and self._body.source_line:
            source = _parse_source(self._body.source_line)
        date_raw = _parse_date_raw(text)
        if date_raw is None and self._body.source_line:
            date_raw = _parse_date_raw(self._body.source_line)
        if date_raw is None:
            date_raw = self._meta_date() or self._declared_date(el) or self._date_under_title()
        return _Info(source, date_raw, _parse_views(text))

    def _declared_date(self, info_el: Element | None) -> str | None:
        """The publish date the page declares for machines, when it prints none: JSON-LD
        ``datePublished``, else a ``<time datetime>`` in the info line or one marked as the
        publish time (``selectors.PUBLISHED_TIME_XPATH``)."""
        for text in self._json_ld:
            found = _json_ld_date(text)
            if found is not None:
                return found
        times = list(info_el.iter("time")) if info_el is not None else []
        title_el = self._title[1]
        header = title_el.getparent() if title_el is not None else None
        body = self._body_container[0]
        if (
            header is not None
            and header.tag not in ("body", "html")
            and not (body is not None and is_descendant(body, header))
        ):
            times += _HEADER_TIMES(header)  # WordPress: <header><h1/><time class=published>
        for el in [*_PUBLISHED_TIMES(self._root), *times]:
            value = clean(el.get("datetime") or "")
            if value and find_date_text(value):
                return value
        return None

    def _meta_date(self) -> str | None:
        """The publish date of ``<meta property="article:published_time">`` (or ``pubdate``
        and the like), as printed; the fallback when the page prints none."""
        meta = self._meta
        for name in _META_DATE_NAMES:
            value = clean(meta.get(name, ""))
            if value and find_date_text(value):
                return value
        return None

    @cached_property
    def _meta(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for el in _META(self._root):
            name = (el.get("name") or el.get("property") or "").strip().lower()
            if name and name not in found:
                found[name] = el.get("content") or ""
        return found

    @cached_property
    def _body(self) -> _Body:
        container = self._body_container[0]
        if container is None:
            return _Body()
        title, title_el = self._title
        skip = self._tokens.carrying(_BOILERPLATE_CLASSES)
        tokens = self._tokens
        for name in tokens.classes:
            if _is_ad_token(name):
                skip.update(tokens.carriers["." + name])
        for ident in tokens.ids:
            if _is_ad_token(ident):
                skip.update(tokens.carriers["#" + ident])
        skip.update(e for e in (title_el, self._info_el, self._intro_el) if e is not None)
        skip.update(_hidden_inline(container))
        items = _Walker(skip, title_el).items(container)
        return _assemble(items, title, self._base, container, lead=self._lead_box_text())

    # ----------------------------------------------------------------- checks
    def _is_not_found(self) -> bool:
        title_el = first_descendant(self._root, "title")
        title = text_of(title_el) if title_el is not None else ""
        if any(m in title for m in sel.NOT_FOUND_MARKERS):
            return True
        if self._body_container[2] >= LISTING_MAX_BODY_HAN:
            return False
        text = clean(text_of(first_child(self._root, "body")))
        return len(text) <= NOTICE_MAX_TEXT and any(m in text for m in sel.NOT_FOUND_MARKERS)

    def _listing_links(self) -> int:
        return sum(len(selector(self._root, self._tokens)) for selector in _LISTING_LINKS)

    def check(self) -> None:
        """Raise ``NotAnArticle`` unless the page is an article with a title and a body."""
        if self._is_not_found():
            raise NotAnArticle("not_found_notice", self.url)
        container, known, body_han = self._body_container
        links = 0
        if not known:
            links = self._listing_links()
            if container is not None and links < MIN_LISTING_LINKS:
                links = _repeated_items(container)
        if container is None or (
            not known and links >= MIN_LISTING_LINKS and body_han < LISTING_MAX_BODY_HAN
        ):
            listing = links >= MIN_LISTING_LINKS or (
                len(_LIST_LINKS(self._root)) >= MIN_GENERIC_LIST_LINKS
            )
            raise NotAnArticle("listing" if listing else "no_body", self.url)
        if not any(s.paragraphs for s in self._body.sections):
            # Every record has text: the archive schema requires a section, and a page
            # with images but no paragraph is a gallery or an error page, not an article.
            raise NotAnArticle("no_body", self.url)
        if self._title[0] is None:
            raise NotAnArticle("no_title", self.url)
        if _private_use_damage(self._sample):
            raise NotAnArticle("undecodable", f"{self.url} as {self.encoding}")

    # ----------------------------------------------------------------- fields
    def title(self) -> str:
        """Headline without the site suffix."""
        title = self._title[0]
        if title is None:
            raise NotAnArticle("no_title", self.url)
        return title

    def original_title(self) -> str | None:
        """From ``原标题:`` (in the body, or anywhere on the page)."""
        if self._body.original_title:
            return self._body.original_title
        for text, _owner in self._label_nodes:
            m = _ORIGINAL_TITLE_RE.match(tidy(text))
            if m:
                return m.group("v").strip() or None
        return None

    def source(self) -> str | None:
        """From ``来源:`` on the info line (or a source line in the body)."""
        return self._info.source

    def published(self) -> tuple[str | None, str | None]:
        """(ISO 8601 with +08:00, date text as printed)."""
        raw = self._info.date_raw
        return parse_published(raw), raw

    def views(self) -> int | None:
        """Inline view count; None when not printed (see ``counter_url``)."""
        return self._info.views

    def summary(self) -> str | None:
        """The ``导读:`` lead without its label, else the meta description, else None."""
        for tidied in self._summary_candidates():
            text = _INTRO_LABEL_RE.sub("", tidied, count=1).strip()
            if text:
                return text
        return None

    def _summary_candidates(self) -> Iterator[str]:
        """Tidied, in order of trust; lazily, so that a page with a lead never reads its
        metas."""
        if self._intro_text is not None:
            yield self._intro_text
        if self._body.intro_line:
            yield tidy(self._body.intro_line)
        for name in sel.META_DESCRIPTION_NAMES:
            yield tidy(self._meta.get(name, ""))

    def sections_and_images(self) -> tuple[list[Section], list[Image]]:
        """Body sections (split at ``01``/``02`` markers) and the images with captions."""
        return self._body.sections, self._body.images

    def keywords(self) -> list[str]:
        """From ``相关热词:`` (its links, or its text split), else meta keywords."""
        el = self._keywords_el()
        words: list[str] = []
        if el is not None:
            words = [
                w for a in el.iter("a") for w in _KEYWORD_LINK_SPLIT_RE.split(tidy(text_of(a)))
            ]
            words = [w for w in words if w and not _KEYWORD_LABEL_RE.fullmatch(w)]
            if not words:
                rest = _KEYWORD_LABEL_RE.sub("", tidy(text_of(el)), count=1)
                words = _KEYWORD_SPLIT_RE.split(rest)
        if not any(words):
            meta = " ".join(self._meta.get(n, "") for n in sel.META_KEYWORDS_NAMES)
            words = _KEYWORD_SPLIT_RE.split(tidy(meta))
        return list(dict.fromkeys(w for w in words if w))

    def _keywords_el(self) -> Element | None:
        for selector in _KEYWORD_CONTAINERS:
            for el in selector(self._root, self._tokens):
                if first_descendant(el, "a") is not None or _KEYWORD_LABEL_RE.match(text_of(el)):
                    return el
        for text, owner in self._label_nodes:
            if _KEYWORD_LABEL_RE.match(text):
                return block_ancestor(owner)
        return None

    def related(self) -> list[RelatedLink]:
        """Links of the ``相关内容`` block: http(s) only, each URL in the canonical form
        a record's ``url`` has (so that a join of the two matches), each article once."""
        el = self._related_el()
        if el is None:
            return []
        links: list[RelatedLink] = []
        seen: set[str] = set()
        for a in el.iter("a"):
            title = tidy(a.get("title") or text_of(a)) or tidy(text_of(a))
            url = absolute(self._base, a.get("href"))
            if not title or url is None or not is_http_url(url):
                continue
            if title in sel.RELATED_LABELS or title in sel.MORE_LINK_TEXTS:
                continue
            try:
                url = canonical_url(url)
            except ValueError:
                continue
            if url not in seen:
                seen.add(url)
                links.append(RelatedLink(title=title, url=url))
        return links

    def _related_el(self) -> Element | None:
        for selector in _RELATED_CONTAINERS:
            for el in selector(self._root, self._tokens):
                return el
        body = self._body_container[0]
        for text, owner in self._label_nodes:
            if tidy(text) not in sel.RELATED_LABELS:
                continue
            el = block_ancestor(owner)
            for _ in range(4):
                if el is None or el is body or el.tag == "body":
                    break
                if any(tidy(text_of(a)) not in sel.RELATED_LABELS for a in el.iter("a")):
                    return el
                el = el.getparent()
        return None

    def counter_url(self) -> str | None:
        """Absolute DedeCMS ``/plus/count.php?…aid=N…`` URL when views are not inline."""
        if self.views() is not None or self._counter_src is None:
            return None
        return absolute(self._base, self._counter_src)

    @cached_property
    def _sample(self) -> str:
        """The start of title and paragraphs joined by newlines, ``SCRIPT_SAMPLE``
        characters; only as many paragraphs are joined as it takes to reach that."""
        parts = [self._title[0] or ""]
        size = len(parts[0])
        for paragraph in (p for s in self._body.sections for p in s.paragraphs):
            if size >= SCRIPT_SAMPLE:
                break
            parts.append(paragraph)
            size += 1 + len(paragraph)
        return "\n".join(parts)[:SCRIPT_SAMPLE]

    def script(self) -> Script:
        """The script the page was served in, judged on the title and body sample."""
        return detect_script(self._sample)

    # ----------------------------------------------------------------- record
    def to_article(
        self, *, output_script: str = "zh-Hans", fetched_at: datetime | None = None
    ) -> Article:
        """The archived record.

        ``output_script="zh-Hans"``: every text field in simplified script. A page served
        in traditional script is converted with OpenCC ``t2s``; a page served in simplified
        is left as it is, because ``t2s`` would only rewrite simplified proper nouns that
        OpenCC treats as traditional variants (``昇腾`` -> ``升腾``). ``"original"``: the
        served script. ``fetched_at`` defaults to now; see ``format_fetched_at``.
        """
        if output_script not in OUTPUT_SCRIPTS:
            raise ValueError(f"output_script must be one of {OUTPUT_SCRIPTS}")
        self.check()
        sections, images = self.sections_and_images()
        published_at, published_raw = self.published()
        article = Article(
            id=self.id,
            url=self.url,
            title=self.title(),
            original_title=self.original_title(),
            source=self.source(),
            published_at=published_at,
            published_raw=published_raw,
            views=self.views(),
            summary=self.summary(),
            sections=sections,
            images=images,
            keywords=self.keywords(),
            related=self.related(),
            script=self.script(),
            content_hash="",
            fetched_at=format_fetched_at(fetched_at),
        )
        traditional = article.script == "zh-Hant"
        if output_script == "zh-Hans" and traditional:
            article = _convert_texts(article, _batch_simplified)
            traditional = False
        paragraphs = (p for s in article.sections for p in s.paragraphs)
        article.content_hash = content_hash(paragraphs, traditional=traditional)
        return article


def parse_article(
    body: bytes,
    url: str,
    headers: Mapping[str, str] | None = None,
    *,
    output_script: str = "zh-Hans",
    fetched_at: datetime | None = None,
) -> Article:
    """``ArticlePage(body, url, headers).to_article(...)``."""
    page = ArticlePage(body, url, headers)
    return page.to_article(output_script=output_script, fetched_at=fetched_at)


# --------------------------------------------------------------------------- helpers
def _scan_scripts(root: Element) -> tuple[str | None, tuple[str, ...]]:
    """``src`` of the first view-counter script that names an article id, and the texts
    of the JSON-LD scripts: read before scripts are stripped from the tree."""
    counter = None
    json_ld = []
    for script in root.iterdescendants("script"):
        src = script.get("src")
        if src is not None:
            if counter is None and sel.COUNTER_SCRIPT_SRC in src and sel.COUNTER_ID_PARAM in src:
                counter = str(src)
        elif (script.get("type") or "").strip().lower() == sel.JSON_LD_TYPE and script.text:
            json_ld.append(str(script.text))
    return counter, tuple(json_ld)


def _json_ld_date(text: str) -> str | None:
    """The ``datePublished`` of a JSON-LD block, anywhere in its objects and ``@graph``
    lists: the first of an article (``NewsArticle``…), else the first of an object that
    is no site, organisation or person (a ``WebSite``'s date is the site's); None for a
    block that is not JSON or holds none."""
    try:
        data = json.loads(text)
    except ValueError:
        return None
    found: list[tuple[bool, str]] = []  # (the article's, date)
    todo = [data]
    while todo:
        node = todo.pop(0)
        if isinstance(node, dict):
            kind = node.get("@type")
            kinds = [kind] if isinstance(kind, str) else kind if isinstance(kind, list) else []
            names = {k for k in kinds if isinstance(k, str)}
            value = node.get(sel.JSON_LD_DATE_KEY)
            dated = isinstance(value, str) and find_date_text(value) is not None
            if dated and not names & _JSON_LD_NOT_ARTICLES:
                article = any(n.endswith(sel.JSON_LD_ARTICLE_SUFFIXES) for n in names)
                found.append((article, clean(str(value))))
            todo.extend(v for v in node.values() if isinstance(v, dict | list))
        elif isinstance(node, list):
            todo.extend(v for v in node if isinstance(v, dict | list))
    articles = [date for article, date in found if article]
    dates = articles or [date for _, date in found]
    return dates[0] if dates else None


@lru_cache(maxsize=4096)
def _is_ad_token(token: str) -> bool:
    """An advertisement box's ``class``/``id`` token (``selectors.AD_CLASS_PATTERN``);
    cached, since a site reuses the same few dozen tokens on every page."""
    return _AD_CLASS_RE.search(token) is not None


def _is_ad_image(alt: str, url: str) -> bool:
    """An image that is an advertisement by its ``alt`` (``广告``) or path (``/uploads/ad/``)."""
    return alt in _AD_ALTS or _AD_PATH_RE.search(url) is not None


def _link_only(para: _Para, text: str) -> bool:
    """Whether ``text`` (a line of ``para``) is the text of a link in its block: an entry of
    a reading list, not a sentence."""
    links = [tidy(text_of(a)) for a in para.block.iter("a")]
    return bool(links) and (text in links or text == tidy("".join(links)))


def _links_follow(items: list[_Para | _Img], index: int) -> bool:
    """Whether the line after ``items[index]`` is a line of links only (a widget's list)."""
    nxt = items[index + 1] if index + 1 < len(items) else None
    if not isinstance(nxt, _Para):
        return False
    undated = _DATE_TEXT_RE.sub("", nxt.text)  # <a>…</a> 2024-10-20
    return _only_links(nxt, nxt.text) or (bool(undated.strip()) and _only_links(nxt, undated))


def _only_links(para: _Para, text: str) -> bool:
    """Whether ``text`` is nothing but the texts of links of its block, with spaces or
    separators between them (``<a>A</a> <a>B</a>``, ``<a>上一篇 某某</a>``)."""
    links = [t for a in para.block.iter("a") if (t := tidy(text_of(a)))]
    if not links:
        return False
    rest = text
    for link in sorted(links, key=len, reverse=True):
        rest = rest.replace(link, "")
    return not rest.strip(_LINK_GAPS)


def _garbled(text: str) -> bool:
    """Bytes that did not decode to text: many replacement characters or NULs."""
    bad = text.count("\ufffd") + text.count("\x00")
    return bad >= GARBLED_MIN and bad / max(len(text), 1) > GARBLED_RATIO


def _private_use_damage(sample: str) -> bool:
    """Private-use characters in the title and body sample: a legacy page read in the
    wrong Chinese encoding (Big5 read as GB18030 gives ordinary-looking Han mixed with
    U+E000-U+F8FF, and no U+FFFD for ``_garbled`` to count).

    Real article text practically never holds private-use characters (icon fonts sit in
    navigation, and as entities), so a few in 300 characters is damage. The sample,
    not the whole page, is read: the check runs on every page and stays a few
    microseconds, and damage from a wrong encoding is everywhere in the text.
    """
    bad = len(PRIVATE_USE_RE.findall(sample))
    return bad >= GARBLED_PRIVATE_USE_MIN and bad / max(len(sample), 1) > GARBLED_RATIO


def _han_up_to(el: Element, limit: int) -> int:
    """Han characters in ``el``, counting stops once ``limit`` is reached (thresholds only)."""
    total = 0
    for text in el.itertext():
        total += han_count(text)
        if total >= limit:
            break
    return total


def _repeated_items(el: Element) -> int:
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


def _densest(root: Element) -> tuple[Element | None, int]:
    """The element whose paragraphs (or ``<br>``-separated text) hold the most Han, and
    that many Han characters; the caller decides whether that is enough."""
    scores: dict[Element, int] = {}
    for p in _PARAGRAPHS(root):
        n = han_count(text_of(p))
        if n:
            parent = p.getparent()
            scores[parent] = scores.get(parent, 0) + n
    for el in _BR_PARENTS(root):
        direct = (el.text or "") + "".join(c.tail or "" for c in el)
        n = han_count(direct)
        if n:
            scores[el] = scores.get(el, 0) + n
    if not scores:
        return None, 0
    best = max(scores, key=lambda e: scores[e])
    return best, scores[best]


def _joined_text(el: Element) -> str:
    """Text nodes of ``el`` joined by newlines, pinyin removed: label values split
    across inline elements stay separable (``来源：\\n新华网\\n2023年5月6日``)."""
    return "\n".join(remove_pinyin(t) for t in el.itertext())


def _single_date(text: str) -> str | None:
    """The first date of ``text``, unless it begins a span of days (an event's)."""
    date = find_date_text(text)
    if date is None:
        return None
    end = text.find(date) + len(date)
    return None if _DATE_SPAN_RE.match(text, end) else date


def _opens_with_date(text: str) -> bool:
    date = find_date_text(text)
    return date is not None and text.startswith(date)


def _under_figure(block: Element) -> bool:
    """Whether the block just before ``block`` is a picture or a table with text before
    it: a figure in the middle of the article, whose ``来源：`` note is its own (a cover
    image at the top of the body is followed by the article's info line)."""
    before = block.getprevious()
    while before is not None and before.tag.__class__ is not str:  # comments
        before = before.getprevious()
    if before is None:
        return False
    if before.tag not in _FIGURE_TAGS and not any(True for _ in before.iter(*_FIGURE_TAGS)):
        return False
    above = before.getprevious()
    while above is not None:
        if above.tag.__class__ is str and _han_up_to(above, MIN_TEXT_ABOVE_FIGURE) >= (
            MIN_TEXT_ABOVE_FIGURE
        ):
            return True
        above = above.getprevious()
    return False


def _opens_info_line(block: Element, text: str) -> bool:
    """Whether ``block``, a line inside the body, is an info line: it opens with a label
    (``来源：``), or with a date and scores another field (``2024-10-24 09:05 来源：新华网``),
    as a short line without a sentence ("2024年10月24日，百度发布…。（来源：36氪）" is
    text) that is not one of a list of dated items (a digest of headlines)."""
    if _under_figure(block):
        return False  # 来源：IDC under a chart is the chart's
    if _INFO_ANY_LABEL_RE.match(text):
        return True
    if not (_is_dated_line(text) and _info_score(text) >= 2):
        return False
    return not any(
        el is not None and _is_dated_line(_joined_text(el).strip())
        for el in (block.getprevious(), block.getnext())
    )


def _is_dated_line(text: str) -> bool:
    """A short line opening with a date, without a sentence: a digest's item."""
    return (
        len(text) <= LABEL_LINE_MAX
        and not any(c in text for c in _SENTENCE_END)
        and _opens_with_date(text)
    )


def _info_score(text: str) -> int:
    score = 0
    if _SOURCE_RE.search(text):
        score += 1
    if find_date_text(text):
        score += 1
    if _VIEWS_RE.search(text):
        score += 1
    return score


def _parse_source(text: str) -> str | None:
    m = _SOURCE_RE.search(text)
    if m is None:
        return None
    value = tidy(m.group("v").strip(_VALUE_JUNK))
    return value or None


def _parse_views(text: str) -> int | None:
    """The view count on an info line; None when there is none or it cannot be read.

    ``阅读 2.1万`` is 21000 (``selectors.VIEW_UNITS``); ``1,208`` is 1208. A decimal
    without a unit (``阅读 2.1``) is not a count, and gives None rather than a guess:
    a wrong number is worse than none (the counter endpoint can still supply it). So is
    a count above ``MAX_VIEWS`` (``model``), which no page means.
    """
    m = _VIEWS_RE.search(text)
    if m is None:
        return None
    digits = m.group("n").replace(",", "")
    unit = m.group("u")
    if unit is None:
        count = int(digits) if digits.isdigit() else None
    else:
        try:
            count = int(Decimal(digits) * sel.VIEW_UNITS[unit])
        except InvalidOperation:
            return None
    return count if count is not None and count <= MAX_VIEWS else None


def _parse_date_raw(text: str) -> str | None:
    if not text:
        return None
    m = _DATE_LABEL_RE.search(text)
    found = find_date_text(text[m.end() :]) if m else None
    raw = found or find_date_text(text)
    return clean(raw) if raw else None


def _image_url(base: str, img: Element) -> str | None:
    for attr in sel.IMAGE_SRC_ATTRS:
        value = (img.get(attr) or "").strip()
        # a lazy-loading flag (data-lazyload="true") is no address: one has a / or a .
        if value and not value.lower().startswith("data:") and ("/" in value or "." in value):
            url = absolute(base, value)
            if url is not None and is_http_url(url):
                return url
    return None


def _marked(el: Element, stop: Element) -> tuple[bool, bool]:
    """(centered, caption class hint) for ``el`` and its ancestors below ``stop``."""
    centered = hinted = False
    node = el
    while node is not None and node is not stop:
        if node.tag == "center" or (node.get("align") or "").lower() == "center":
            centered = True
        style = node.get("style")
        if style and _CENTER_STYLE_RE.search(style):
            centered = True
        tokens = class_tokens(node)
        if any(h in t for t in tokens for h in sel.CAPTION_CLASS_HINTS):
            hinted = True
        node = node.getparent()
    return centered, hinted


def _is_marker(text: str) -> bool:
    """A section marker (``01``): the length test first spares the regex on every
    ordinary paragraph (paragraph texts are tidied and hold no newline for ``$``)."""
    return len(text) <= _MARKER_MAX and _MARKER_RE.match(text) is not None


def _raised(tag: str, text: str) -> str:
    """A ``<sup>``/``<sub>`` text in Unicode super- or subscript characters when each of
    its characters has one (``10<sup>25</sup>`` is ``10²⁵``, not ``1025``); other text
    (a footnote mark ``[1]``, ``<sup>TM</sup>``) as it is."""
    table = _SUPERSCRIPT if tag == "sup" else _SUBSCRIPT
    stripped = text.strip()
    if stripped and all(ord(c) in table for c in stripped):
        return stripped.translate(table)
    return text


def _uses_indents(block: Element) -> bool:
    """Whether ``block``'s paragraphs are typeset with indents (``　　``)."""
    text = text_of(block)
    return "\u3000\u3000" in text or "\xa0\xa0" in text


def _inside_line(buf: list[str], tail: str | None) -> bool:
    """Whether an image sits inside a line of text: text before it that does not end its
    sentence or introduce it (``如下图所示：``), and text after it on the same line that
    goes on with punctuation (not a figure's title, ``图1 …``)."""
    before = tidy("".join(buf))
    after = tidy(tail) if tail else ""
    if not before or not after or before.endswith(_LINE_ENDS):
        return False
    # the sentence goes on past it: 损失函数定义为<img>，其中… (a figure is followed by
    # its own title, 图1 …, or by the next line)
    return after[0] in _CONTINUATIONS


def _hidden_inline(container: Element) -> Iterator[Element]:
    """Inline elements of the body hidden by their own style, with short text
    (``selectors.HIDDEN_INLINE_TAGS``): anti-scraping strings, not article text."""
    for el in container.iter(*_HIDDEN_INLINE_TAGS):
        style = el.get("style")
        if style and _HIDDEN_STYLE_RE.search(style):
            text = text_of(el)
            if len(text) <= sel.HIDDEN_TEXT_MAX and not any(
                c in text for c in sel.HIDDEN_SENTENCE_MARKS
            ):
                yield el


def _marker_or(item: _Para) -> _Para | _Marker:
    """The line as a section marker (``01``), or as it is; a table cell holding only a
    number is data, not a marker (a table-layout body's cell holds a marker among its
    lines)."""
    if _is_marker(item.text) and not _data_cell(item.block, item.text):
        return _Marker(item.text)
    return item


def _in_cell(block: Element) -> bool:
    """A table cell, or a paragraph in one (a table pasted from Word: ``<td><p>``)."""
    parent = block.getparent()
    return block.tag in _CELL_TAGS or (parent is not None and parent.tag in _CELL_TAGS)


def _data_cell(block: Element, text: str) -> bool:
    """Whether ``text`` is the whole content of a table cell (``block`` or its parent) in
    a row of several cells: a number in a data table. A layout table's one-cell rows and
    a cell holding a whole body keep their markers."""
    for el in (block, block.getparent()):
        if el is None or el.tag not in _CELL_TAGS:
            continue
        row = el.getparent()
        cells = [c for c in row if c.tag in _CELL_TAGS] if row is not None else []
        return len(cells) > 1 and tidy(text_of(el)) == text
    return False


def _is_boilerplate_text(para: _Para, text: str) -> bool:
    """A widget label (``分享到：…``, ``返回顶部``, ``展开全文``) or an ad box's label: a line
    of a few characters, or the word followed by a separator, by links only or by a few
    short words (``分享到 <a>微信</a> <a>微博</a>``, ``打印本页 | 关闭窗口``); never a
    sentence or a subheading that opens with the same word (``展开来看，…。``,
    ``展开式神经网络的新进展``)."""
    if text in _BOILERPLATE_EXACT:
        return True
    m = _BOILERPLATE_RE.match(text)
    if m is None or text.endswith(_SENTENCE_END):
        return False
    if len(text) <= sel.BOILERPLATE_TEXT_MAX or m.group()[-1] in "：:】":
        return True  # short, or a label whose own form is distinctive (【字体：…)
    rest = text[m.end() :].lstrip()
    if not rest or rest[0] in _STOP_SEPARATORS or _only_links(para, rest):
        return True
    if _BOILERPLATE_RE.match(rest) or rest.startswith(sel.BOILERPLATE_REST_OPENERS):
        return True  # 打印本页 关闭窗口, 展开剩余85%内容
    words = _WORD_SPLIT_RE.split(rest)
    return len(words) >= 2 and all(len(w) <= sel.BOILERPLATE_WORD_MAX for w in words)


def _info_kind(text: str) -> str | None:
    """Which label line of the body ``text`` is (see ``_Label``): ``"info"`` for a
    source or publish-date line (``文章来源：…``, ``发布时间：…``), ``"date"`` for a line
    with a generic date label (``时间：``, ``日期：``) and a single date, None otherwise.
    A generic line that also holds a source or a view count is ``"info"``."""
    if len(text) > LABEL_LINE_MAX:
        return None
    if _SOURCE_LINE_RE.match(text) or _DATE_LINE_SPECIFIC_RE.match(text):
        return "info"
    if _DATE_LINE_RE.match(text) is None or _EVENT_LABEL_RE.search(text):
        return None  # 时间：2024年11月20日 地点：上海世博中心 is an event's
    if _info_score(text) >= 2:
        return "info"
    return "date" if _single_date(text) else None


def _settle_labels(items: list[_Item], body: _Body) -> list[_Para | _Img | _Marker]:
    """Record the ``_Label`` lines that stand where labels do (see ``_Label``) and turn
    the others back into text lines.

    The top and the end of the body are judged without its images and the line right
    after each (a caption, or a header image's): an info line under a header image is
    still at the top.
    """
    text_at = [
        i
        for i, it in enumerate(items)
        if isinstance(it, _Para | _Marker)
        and not (i and isinstance(items[i - 1], _Img))
        and _is_prose(it.text)
    ]
    first = text_at[0] if text_at else len(items)
    last = text_at[-1] if text_at else -1
    info: list[str] = []
    out: list[_Para | _Img | _Marker] = []
    for i, it in enumerate(items):
        if not isinstance(it, _Label):
            out.append(it)
            continue
        edge = i < first or i > last
        event = any(
            isinstance(near, _Para | _Label) and _EVENT_LABEL_RE.match(_text_of(near))
            for near in items[max(i - 1, 0) : i + 2]
            if near is not it
        )
        if (it.kind == "info" and not (first < i <= last and _is_note(items, i))) or (
            it.kind == "date" and edge and not event
        ):
            info.append(it.para.text)
        elif it.kind == "lead" and i < first and body.intro_line is None:
            body.intro_line = it.para.text
        else:
            out.append(it.para)  # a label line is never a marker
    if info:
        body.source_line = " ".join(info)
    return out


def _is_prose(text: str) -> bool:
    """A line of the article's own text, for judging the top and the end of the body: not
    a closing mark (``（完）``), an editor's note, or a short line without a sentence (a
    byline ``文/记者 张三``, a subtitle, ``作者：李四``, a follow prompt)."""
    if text in _END_MARKERS or text.startswith(sel.EDITOR_NOTE_LABELS):
        return False
    return len(text) > sel.FRONT_LINE_MAX or text.endswith(_SENTENCE_END)


def _text_of(item: _Para | _Label) -> str:
    return item.text if isinstance(item, _Para) else item.para.text


def _is_note(items: list[_Item], i: int) -> bool:
    """Whether the source line ``items[i]`` is a note on the table or chart just above it
    (``来源：中国信通院``, ``来源：IDC``): a plain ``来源：`` line under a table cell, an
    image or its caption. One that names the article (``本文来源：…``) is not."""
    label = items[i]
    assert isinstance(label, _Label)
    if _SOURCE_PREFIXED_RE.match(label.para.text):
        return False
    before = items[i - 1] if i else None
    if isinstance(before, _Para) and _in_cell(before.block):
        return True
    return isinstance(before, _Img) or (i > 1 and isinstance(items[i - 2], _Img))


def _is_pager(text: str) -> bool:
    """A pager printed as text (``selectors.PAGINATION_PATTERN``); the substring tests
    spare the regex on every paragraph that names no page."""
    return (
        len(text) <= sel.PAGINATION_LINE_MAX
        and ("页" in text or "頁" in text)
        and _PAGINATION_RE.match(text) is not None
        and (
            _PAGINATION_MOVE_RE.search(text) is not None
            or len(_PAGINATION_PLACE_RE.findall(text)) >= 2
        )
    )


def _is_stop_line(para: _Para, text: str, following_links: bool) -> bool:
    """Whether ``text`` (a line of ``para``) is a widget line that ends the article text
    (``selectors.BODY_STOP_MARKERS``), not a sentence that opens with the same word."""
    m = _STOP_RE.match(text)
    if m is None:
        return False
    opened, closed = m.group("open"), m.group("close")
    if closed or opened in _ARROWS:
        return True  # 【上一篇】, 上一篇》, « 上一篇: a bracketed stop word is a widget's label
    if opened:
        return False  # 【版权所有者怎么说】 is a subheading
    chinese_copyright = text.startswith(sel.COPYRIGHT_MARKERS)
    copyright = chinese_copyright or text[:9].lower() == "copyright"
    if "rights reserved" in text.lower() or (copyright and "ICP" in text):
        return True
    if chinese_copyright:
        return not m.group("rest").startswith(sel.COPYRIGHT_COMPOUNDS)
    rest = m.group("rest").lstrip()
    if rest.startswith(sel.BODY_STOP_INTRODUCERS):
        return False  # 相关内容如下：… introduces the article's own list
    rest = _STOP_NOUN_RE.sub("", rest, count=1).lstrip()  # 上一篇文章 …
    if not rest or rest[0] in _STOP_SEPARATORS or (copyright and rest[0].isdigit()):
        return True  # Copyright 2004-2024 …; 下一条5G产线… is a sentence
    lowered = rest.lower()
    if (
        _STOP_LABEL_RE.match(rest)
        or rest.rstrip(" :：") in _STOP_REST_WORDS
        or rest.startswith(sel.BODY_STOP_REST_OPENERS)
        or lowered.startswith(("all rights", "reserved", "related", "recommended"))
    ):
        return True  # 上一篇文章：…, 相关文章列表, 下一篇 没有了, 版权所有 违者必究
    if _SITE_NAME_START_RE.match(rest) or _only_links(para, rest) or _only_links(para, text):
        return True
    # a short widget heading over a list of links (相关文章推荐 / <a>…</a> / <a>…</a>)
    return len(text) <= sel.BODY_STOP_HEADING_MAX and following_links


def _is_caption(para: _Para, following: _Item | None, container: Element) -> bool:
    """Whether the paragraph right after an image is that image's caption.

    Yes for a ``<figcaption>`` or text in the image's own block; otherwise only when short
    enough (``CAPTION_MAX``) and centered, or classed like a caption, or ending in a credit
    (``摄/…``, ``/某某``, ``图/…``, ``…供图``), or very short, unpunctuated and followed
    by nothing body-like (a marker, an image, the end). A plain paragraph stays body text.
    """
    text = para.text
    if para.figcaption:
        return True
    if len(text) > CAPTION_MAX or _is_marker(text):
        return False
    centered, hinted = _marked(para.block, container)
    if centered or hinted or _has_credit(text) or text.startswith(_CAPTION_OPENERS):
        return True
    if para.after_image:
        sentence = text.endswith(_SENTENCE_END)
        if para.image_led:
            # an image block (<p><img><br>…): its text is the caption, unless typeset as
            # a body paragraph (an indented sentence)
            return not (para.indented and sentence)
        # an image inside a <br>-separated body: the label under it is its caption, and
        # so is a sentence left unindented in a body whose paragraphs are indented
        return not sentence or (not para.indented and _uses_indents(para.block))
    return (
        len(text) <= SHORT_CAPTION_MAX
        and not text.endswith(_SENTENCE_END)
        and (following is None or isinstance(following, _Img | _Marker))
    )


def _assemble(
    raw_items: list[_Para | _Img],
    title: str | None,
    base: str,
    container: Element,
    *,
    lead: str | None = None,
) -> _Body:
    """Classify walked items into sections, images and captured label lines.

    ``lead``: the text of the page's lead box, if it has one. Without one, a lead line at
    the top of the body (``导读：``) is the summary; with one, a lead line repeating it is
    dropped and any other stays text rather than be lost.
    """
    body = _Body()
    items: list[_Item] = []
    reading_list = labels = False
    image: _Img | None = None  # the item before this one, when it was an image
    for index, item in enumerate(raw_items):
        if isinstance(item, _Img):
            items.append(item)
            image = item
            continue
        text = item.text
        if text == title:
            image = None
            continue
        if image is not None:
            if image.alt == text and not image.inline:
                # the line right under an image that repeats its alt is its caption
                items.append(_Para(text, item.block, item.after_image, True, item.indented))
                image = None
                continue
            image = None
        if reading_list:
            # After "推荐阅读：", link-only lines are the list; the first other line ends it.
            if _link_only(item, text):
                continue
            reading_list = False
        if text[0] not in _LABEL_FIRST_CHARS:
            if text[0] in _ASCII_DIGITS and _is_pager(text) and not _in_cell(item.block):
                continue
            items.append(_marker_or(item) if len(text) <= _MARKER_MAX else item)
            continue
        if _is_pager(text) and not _in_cell(item.block):
            continue
        if _is_stop_line(item, text, _links_follow(raw_items, index)):
            break
        if _is_boilerplate_text(item, text):
            continue
        reading = _READING_LIST_RE.match(text)
        if reading and (not reading.group("rest") or _link_only(item, reading.group("rest"))):
            reading_list = True
            continue
        m = _ORIGINAL_TITLE_RE.match(text)
        if m:  # a reprint repeats its 原标题 line at times: one is the field
            body.original_title = body.original_title or m.group("v").strip()
            continue
        if _starts_with_label(text, _EDITOR_LINE_RE, LABEL_LINE_MAX):
            continue
        kind = _info_kind(text)
        if kind is not None:
            items.append(_Label(kind, item))
            labels = True
            continue
        if (
            len(text) <= sel.BOILERPLATE_LINE_MAX
            and _BOILERPLATE_OPENER_RE.match(text)
            and _BOILERPLATE_LINE_RE.match(text)
        ):
            continue
        if _INTRO_LINE_RE.match(text):
            if lead is not None and _INTRO_LABEL_RE.sub("", text, count=1).strip() == lead:
                continue  # the lead box's text again
            items.append(_Label("lead", item) if lead is None else item)
            labels = labels or lead is None
            continue
        items.append(_marker_or(item) if len(text) <= _MARKER_MAX else item)
    settled = _settle_labels(items, body) if labels else cast(list[_Para | _Img | _Marker], items)

    heading: str | None = None
    paragraphs: list[str] = []
    i = 0
    while i < len(settled):
        current = settled[i]
        if isinstance(current, _Img):
            caption = None
            nxt = settled[i + 1] if i + 1 < len(settled) else None
            after = settled[i + 2] if i + 2 < len(settled) else None
            # An ad image is dropped, and the line after it stays what it is (an ad's own
            # label is dropped as boilerplate; article text must not become its caption).
            url = _image_url(base, current.el)
            ad = _is_ad_image(current.alt, url or "")
            if (
                not ad
                and not current.inline
                and isinstance(nxt, _Para)
                and _is_caption(nxt, after, container)
            ):
                caption = nxt.text
                i += 1
                # a credit on a line of its own under the caption (…现场<br>记者 张三 摄)
                if isinstance(after, _Para) and after.block is nxt.block and _is_credit(after):
                    caption = f"{caption} {after.text}"
                    i += 1
            if url is not None and not ad:
                alt = current.alt or None
                credit = split_credit(caption) if caption else None
                body.images.append(Image(url=url, alt=alt, caption=caption, credit=credit))
        elif isinstance(current, _Marker):
            if heading is not None or paragraphs:
                body.sections.append(Section(heading=heading, paragraphs=paragraphs))
            heading, paragraphs = current.text, []
        elif not current.figcaption:
            paragraphs.append(current.text)
        i += 1
    if heading is not None or paragraphs:
        body.sections.append(Section(heading=heading, paragraphs=paragraphs))
    return body


def _batch_simplified(texts: list[str]) -> list[str]:
    """``from_traditional`` over many strings in one OpenCC call (strings hold no newline)."""
    if not texts:
        return texts
    converted = from_traditional("\n".join(texts)).split("\n")
    if len(converted) != len(texts):
        return [from_traditional(t) for t in texts]
    return converted


def _convert_texts(article: Article, convert: Callable[[list[str]], list[str]]) -> Article:
    """Apply ``convert`` to every text field of ``article`` in one batch.

    Each distinct string is converted once (the image alts repeat the title) and looked
    up by value, so ``_texts`` may list the fields in any order.
    """
    originals = list(dict.fromkeys(_texts(article)))
    converted = dict(zip(originals, convert(originals), strict=True))
    return _map_texts(article, converted.__getitem__)


def _texts(a: Article) -> Iterator[str]:
    """Every string ``_map_texts`` maps (a field it misses fails the lookup loudly)."""
    yield a.title
    for optional in (a.original_title, a.source, a.published_raw, a.summary):
        if optional is not None:
            yield optional
    for section in a.sections:
        if section.heading is not None:
            yield section.heading
        yield from section.paragraphs
    for image in a.images:
        for optional in (image.alt, image.caption, image.credit):
            if optional is not None:
                yield optional
    yield from a.keywords
    for link in a.related:
        yield link.title


def _map_texts(a: Article, f: Callable[[str], str]) -> Article:
    """A copy of ``a`` with ``f`` applied to each text field, always in the same order."""

    def opt(s: str | None) -> str | None:
        return None if s is None else f(s)

    return Article(
        id=a.id,
        url=a.url,
        title=f(a.title),
        original_title=opt(a.original_title),
        source=opt(a.source),
        published_at=a.published_at,
        published_raw=opt(a.published_raw),
        views=a.views,
        summary=opt(a.summary),
        sections=[
            Section(heading=opt(s.heading), paragraphs=[f(p) for p in s.paragraphs])
            for s in a.sections
        ],
        images=[
            Image(url=i.url, alt=opt(i.alt), caption=opt(i.caption), credit=opt(i.credit))
            for i in a.images
        ],
        keywords=[f(k) for k in a.keywords],
        related=[RelatedLink(title=f(r.title), url=r.url) for r in a.related],
        script=a.script,
        content_hash=a.content_hash,
        fetched_at=a.fetched_at,
        schema_version=a.schema_version,
    )
