"""The info line's fields read from its text (source, publish date, view count), and
what a page declares for machines (JSON-LD dates, the view-counter script).

Apart from the page object, which finds the line and then calls these on its text:
the body's label lines (``classify.info_kind``) are scored by the same functions, so a
line reads the same whether it stands above the body or inside it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from newsarchive import selectors as sel
from newsarchive.dates import find_date_text
from newsarchive.dom import Element, han_count, previous_element, text_of, text_weight
from newsarchive.extract.checks import weight_up_to
from newsarchive.extract.patterns import (
    COUNT_BEFORE_MAX,
    COUNT_BEFORE_RE,
    DATA_SOURCE_LINE_RE,
    DATE_LABEL_RE,
    DATE_SPAN_RE,
    DATE_WORDS_RE,
    EDITION_LINE_RE,
    FIGURE_TAGS,
    INFO_ANY_LABEL_RE,
    INFO_BADGE_MAX,
    INFO_MAX_TEXT,
    ISSUE_LINE_RE,
    JSON_LD_NOT_ARTICLES,
    LABEL_LINE_MAX,
    LONE_VIEWS_RE,
    MIN_TEXT_ABOVE_FIGURE,
    ORIGIN_RES,
    PUBLISH_LABEL_RE,
    PUBLISHER_BODY_RE,
    PUBLISHER_RE,
    SCRIPT_COUNT_WRITE_RE,
    SENTENCE_END,
    SOURCE_RE,
    TIMES_LABEL_RE,
    VALUE_JUNK,
    VIEWS_RE,
)
from newsarchive.model import MAX_VIEWS
from newsarchive.text import clean, remove_pinyin, tidy


@dataclass(frozen=True, slots=True)
class Info:
    source: str | None
    date_raw: str | None
    views: int | None


SCRIPT_DATE_RE = re.compile(sel.SCRIPT_DATE_PATTERN)


@dataclass(frozen=True, slots=True)
class Scripts:
    """What a page's scripts tell, read before they are stripped from the tree, and the
    texts of its ``<style>`` elements, read in the same walk:

    - ``counter``: ``src`` of the first view-counter script that names an article id;
    - ``json_ld``: the texts of the JSON-LD scripts;
    - ``date``: the publish time an inline script sets (``selectors.SCRIPT_DATE_PATTERN``);
    - ``writes_count``: whether an inline script writes a view count into an element
      (``selectors.SCRIPT_COUNT_WRITE_PATTERN``), whose printed number is then its
      placeholder until the script runs;
    - ``styles``: the texts of the ``<style>`` elements (``walk.hidden_classes``)."""

    counter: str | None
    json_ld: tuple[str, ...]
    date: str | None
    writes_count: bool
    styles: tuple[str, ...]


def scan_scripts(root: Element) -> Scripts:
    """The page's ``Scripts``, in one pass over its ``<script>`` and ``<style>``
    elements."""
    counter = None
    json_ld = []
    script_date = None
    writes_count = False
    styles = []
    for script in root.iterdescendants("script", "style"):
        if script.tag == "style":
            if script.text:
                styles.append(str(script.text))
            continue
        src = script.get("src")
        if src is not None:
            if counter is None and sel.COUNTER_SCRIPT_SRC in src and sel.COUNTER_ID_PARAM in src:
                counter = str(src)
            continue
        text = script.text
        if not text:
            continue
        if (script.get("type") or "").strip().lower() == sel.JSON_LD_TYPE:
            json_ld.append(str(text))
            continue
        if script_date is None and sel.SCRIPT_DATE_MARK in text:
            m = SCRIPT_DATE_RE.search(text)
            if m is not None and find_date_text(m.group("v")):
                script_date = m.group("v").strip()
        if not writes_count and SCRIPT_COUNT_WRITE_RE.search(text) is not None:
            writes_count = True
    return Scripts(counter, tuple(json_ld), script_date, writes_count, tuple(styles))


def json_ld_date(text: str) -> str | None:
    """The ``datePublished`` (or Baidu's ``pubDate``) of a JSON-LD block, anywhere in
    its objects and ``@graph`` lists: the first of an article (``NewsArticle``…), else the
    first of an object that is no site, organisation or person (a ``WebSite``'s date is
    the site's); None for a block that is not JSON or holds none."""
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
            value = next((node[k] for k in sel.JSON_LD_DATE_KEYS if k in node), None)
            dated = isinstance(value, str) and find_date_text(value) is not None
            if dated and not names & JSON_LD_NOT_ARTICLES:
                article = any(n.endswith(sel.JSON_LD_ARTICLE_SUFFIXES) for n in names)
                found.append((article, clean(str(value))))
            todo.extend(v for v in node.values() if isinstance(v, dict | list))
        elif isinstance(node, list):
            todo.extend(v for v in node if isinstance(v, dict | list))
    articles = [date for article, date in found if article]
    dates = articles or [date for _, date in found]
    return dates[0] if dates else None


def joined_text(el: Element) -> str:
    """Text nodes of ``el`` joined by newlines, pinyin removed: label values split
    across inline elements stay separable (``来源：\\n新华网\\n2023年5月6日``)."""
    return "\n".join(remove_pinyin(t) for t in el.itertext())


def single_date(text: str) -> str | None:
    """The first date of ``text``, unless it begins a span of days (an event's)."""
    date = find_date_text(text)
    if date is None:
        return None
    end = text.find(date) + len(date)
    return None if DATE_SPAN_RE.match(text, end) else date


def lone_date(text: str) -> str | None:
    """The date ``text`` holds alone (``2024-10-31 20:15``): one date, not a span of days,
    with fewer than two other Han characters beside it (not a forum's date and place)
    besides the words a date is printed with (``selectors.DATE_WORDS_PATTERN``), in a
    text no longer than an info line."""
    if len(text) > INFO_MAX_TEXT:
        return None
    date = single_date(text)
    if not date:
        return None
    rest = text.replace(date, "")
    return date if han_count(DATE_WORDS_RE.sub("", rest)) < 2 else None


def opens_with_date(text: str) -> bool:
    date = find_date_text(text)
    return date is not None and text.startswith(date)


def _under_figure(block: Element) -> bool:
    """Whether the block just before ``block`` is a picture or a table with text before
    it: a figure in the middle of the article, whose ``来源：`` note is its own (a cover
    image at the top of the body is followed by the article's info line)."""
    before = previous_element(block)
    if before is None:
        return False
    if before.tag not in FIGURE_TAGS and not any(True for _ in before.iter(*FIGURE_TAGS)):
        return False
    return any(
        above.tag.__class__ is str
        and weight_up_to(above, MIN_TEXT_ABOVE_FIGURE) >= MIN_TEXT_ABOVE_FIGURE
        for above in before.itersiblings(preceding=True)
    )


def opens_info_line(block: Element, text: str) -> bool:
    """Whether ``block``, a line inside the body, is an info line: it opens with a label
    (``来源：``), or with a date and scores another field (``2024-10-24 09:05 来源：新华网``),
    as a short line without a sentence ("2024年10月24日，百度发布…。（来源：36氪）" is
    text) that is not one of a list of dated items (a digest of headlines)."""
    if _under_figure(block):
        return False  # 来源：IDC under a chart is the chart's
    if INFO_ANY_LABEL_RE.match(text):
        return True
    if _badged(block, text):
        return True
    if not (_is_dated_line(text) and info_score(text) >= 2):
        return False
    return not any(
        el is not None and _is_dated_line(joined_text(el).strip())
        for el in (block.getprevious(), block.getnext())
    )


def _badged(block: Element, text: str) -> bool:
    """A short line whose label follows a badge, an element of its own of a few
    characters (``<span class="live-badge">直播中</span> 来源：… 发布时间：…``,
    ``<em>独家</em>｜来源：…``), and that holds a date and a source or view count. The
    badge is the template's; the same words run into a sentence are text."""
    text = " ".join(text.split())
    if len(text) > LABEL_LINE_MAX:
        return False
    m = INFO_ANY_LABEL_RE.search(text)  # after the badge and a few framing characters
    if m is None or not 0 < m.start() <= INFO_BADGE_MAX + 4:
        return False
    badge = text[: m.start()].strip(BADGE_FRAME)
    return (
        0 < len(badge) <= INFO_BADGE_MAX
        and not any(c in badge for c in BADGE_NOT)
        and find_date_text(text) is not None
        and info_score(text) >= 2
        and any(el is not block and text_of(el).strip() == badge for el in block.iter())
    )


BADGE_NOT = frozenset("".join(SENTENCE_END) + "，、：:,0123456789")
"""Characters a badge never holds: a clause or a number opens a sentence."""
BADGE_FRAME = " \u00a0\u3000|｜/／·•[]【】"
"""What may frame a badge or part it from the label."""


def _is_dated_line(text: str) -> bool:
    """A short line opening with a date, without a sentence: a digest's item."""
    return (
        len(text) <= LABEL_LINE_MAX
        and not any(c in text for c in SENTENCE_END)
        and opens_with_date(text)
    )


def links_to_elsewhere(block: Element, text: str) -> bool:
    """Whether ``block`` is mostly a link's text: an item of a list of other articles
    (``<li><a>标题</a><span>2024-11-04 · 阅读 1.6k</span></li>``), whose date and count are
    that article's; or inside one, a card that is a link as a whole (``<a href><div>标题
    </div><div>最新发布 · 2024-06-10</div></a>``). An info line links its source at most
    (``来源：<a>新华网</a>``), and its source's weight is not counted as linked: a long
    linked source beside a date of digits (``2016年10月19日08:15 来源：<a>人民网－人民日报</a>``)
    is still the line. Buttons (``leads_away``) link nowhere."""
    for a in block.iterancestors("a"):
        if leads_away(a):
            return True
    links = [(t, text_weight(t)) for a in block.iter("a") if leads_away(a) and (t := text_of(a))]
    linked = sum(weight for _, weight in links)
    if not linked:
        return False
    total = text_weight(text)
    match = SOURCE_RE.search(text)
    source = match.group("v").strip() if match is not None else ""
    if source:
        linked -= text_weight(source)
    # one link, not the source's, holding half the line is a list item's headline
    # beside its own time and source (``<li>04-28 13:26 <a>…展区人气旺</a> 来源：南方都市报
    # </li>``); an info line links short names (an author, a channel)
    return linked * 2 > total or any(
        weight * 2 > total and not (source and source in link) for link, weight in links
    )


def leads_away(a: Element) -> bool:
    """Whether a link opens another page: a button (no ``href``, ``javascript:;``,
    ``#comments``) is part of the line it stands in (a toolbar's ``点赞 56 浏览 4,521 评论
    7``), and is no card's link to another article (``infoline.card_line``)."""
    href = (a.get("href") or "").strip()
    return bool(href) and not (href.startswith("#") or href[:11].lower() == "javascript:")


def info_score(text: str) -> int:
    score = 0
    if SOURCE_RE.search(text):
        score += 1
    if find_date_text(text):
        score += 1
    if _views_match(text):
        score += 1
    return score


def parse_source(text: str) -> str | None:
    m = SOURCE_RE.search(text)
    if m is None:
        return None
    value = tidy(m.group("v").strip(VALUE_JUNK)).rstrip(_OPENERS).rstrip(VALUE_JUNK)
    while value and value[-1] in _OPENER_OF and _OPENER_OF[value[-1]] not in value:
        value = value[:-1].rstrip(VALUE_JUNK)  # 【来源：人民日报】: the bracket is the line's
    value = value.rstrip(_OPENERS).rstrip(VALUE_JUNK)  # 《经济日报》(2021年…版): the date's
    return value or None


def parse_origin(text: str) -> str | None:
    """The outlet the first origin statement in ``text`` names
    (``selectors.ORIGIN_STATEMENT_PATTERNS``: ``本文由极客公园原创``, ``本文来自微信公众号：
    腾讯科技（ID：qqtech）``), without a channel's suffix (``钛媒体App``); None when none
    names one (``本文为博主原创文章`` names nobody). ``text`` holds the page's text nodes
    one per line."""
    found: tuple[int, str] | None = None
    for regex in ORIGIN_RES:
        for m in regex.finditer(text):
            name = m.group("n")
            for suffix in sel.ORIGIN_NAME_SUFFIXES:
                name = name.removesuffix(suffix)
            if len(name) >= 2 and name not in sel.ORIGIN_GENERIC_NAMES:
                if found is None or m.start() < found[0]:
                    found = (m.start(), name)
                break
    return None if found is None else found[1]


def parse_publisher(text: str) -> str | None:
    """The body a publisher label names (``发布者：人工智能学院``), read when the line has
    no source label; a person's name after it (``发布者：张伟``) is not a source. Else the
    unit a ``資料來源：`` line of its own names on a dated info line
    (``DATA_SOURCE_LABELS``): a chart's note is no info line with a date."""
    m = PUBLISHER_RE.search(text)
    if m is not None:
        value = m.group("v").strip(VALUE_JUNK)
        if PUBLISHER_BODY_RE.search(value):
            return value
    m = DATA_SOURCE_LINE_RE.search(text)
    if m is None or parse_date_raw(text) is None:
        return None
    return m.group("v").strip(VALUE_JUNK) or None


def edition_line_match(line: str) -> re.Match[str] | None:
    """``EDITION_LINE_RE``'s match when ``line`` opens with an e-paper's edition line
    (``新京报 2023年05月08日 第A07版：北京新闻　作者：王贵彬``): the byline, the page's name
    or its view count may follow. A paper that names no paper (``本报``) is none, and so
    is a sentence (``据新京报2023年5月8日第A07版报道，…``): an edition line has no comma
    or full stop."""
    if "，" in line or "。" in line:
        return None
    m = EDITION_LINE_RE.match(line)
    if m is None or m.group("paper") in sel.EDITION_LINE_NOT_PAPERS:
        return None
    return m


ISSUE_LABEL_MAX_HAN = 4
"""The most Han characters a label before an issue line may have (``来源：``, ``原载``)."""


def issue_line_match(line: str) -> re.Match[str] | None:
    """``ISSUE_LINE_RE``'s match when ``line`` is a newspaper's issue line of its own
    (``《人民日报》（2021年09月18日 第03版）``): nothing after it and at most a short label
    before it. A sentence citing another paper's issue (``据《某某报》（…版）报道，``) is
    none."""
    m = ISSUE_LINE_RE.search(line)
    if m is None or line[m.end() :].strip() or han_count(line[: m.start()]) > ISSUE_LABEL_MAX_HAN:
        return None
    return m


_OPENER_OF = {"】": "【", "]": "[", "）": "（", ")": "(", "」": "「", "》": "《"}
"""Closing brackets a source value may end with, and their openers: one without its
opener in the value closes the bracket the whole line was printed in."""
_OPENERS = "".join(_OPENER_OF.values())
"""An opening bracket ending a value opens what the value stopped before (a date)."""


def parse_views(text: str) -> int | None:
    """The view count on an info line; None when there is none or it cannot be read.

    ``阅读 2.1万`` is 21000 (``selectors.VIEW_UNITS``); ``1,208`` is 1208. A decimal
    without a unit (``阅读 2.1``) is not a count, and gives None rather than a guess:
    a wrong number is worse than none (the counter endpoint can still supply it). So is
    a count above ``MAX_VIEWS`` (``model``), which no page means.
    """
    m = _views_match(text)
    return None if m is None else _count(m.group("n"), m.group("u"))


def _views_match(text: str) -> re.Match[str] | None:
    """``VIEWS_RE``'s match, else a count before its label (``1.2万 次浏览``, ``3.5万阅读``):
    found from a label, a literal the regex engine skips to, then read backwards a few
    characters. The first label with a count before it counts (``推荐阅读`` has none).
    A label after ``selectors.TOTAL_COUNT_PREFIXES`` (``累计阅读``) counts an author's
    pages together, not this one."""
    m = VIEWS_RE.search(text)
    while m is not None and text[: m.start()].endswith(sel.TOTAL_COUNT_PREFIXES):
        m = VIEWS_RE.search(text, m.end())  # 累计阅读 1021万: an author's total
    if m is not None:
        return m
    for label in TIMES_LABEL_RE.finditer(text):
        start = max(0, label.start() - COUNT_BEFORE_MAX)
        m = COUNT_BEFORE_RE.search(text[start : label.start()])
        if m is not None and not text[: start + m.start()].rstrip().endswith((":", "：")):
            return m  # (评论：0 点击： is a comment count before an empty view count)
    return None


def lone_views(text: str) -> int | None:
    """A view count printed without a label, alone in its element (``3206``,
    ``1.2万``, ``3206次``, ``3206 阅读``), as ``parse_views`` reads it; else None."""
    m = LONE_VIEWS_RE.fullmatch(text.strip())
    return None if m is None else _count(m.group("n"), m.group("u"))


def _count(number: str, unit: str | None) -> int | None:
    digits = number.replace(",", "")
    if unit is None:
        count = int(digits) if digits.isdigit() else None
    else:
        try:
            count = int(Decimal(digits) * sel.VIEW_UNITS[unit])
        except InvalidOperation:
            return None
    return count if count is not None and count <= MAX_VIEWS else None


def parse_date_raw(text: str) -> str | None:
    """The printed publish date of an info line: the date after a publish label
    (``发布时间：``) wherever it stands, else after the first date label (an update
    time printed alone), else the first date."""
    if not text:
        return None
    m = PUBLISH_LABEL_RE.search(text) or DATE_LABEL_RE.search(text)
    found = find_date_text(text[m.end() :]) if m else None
    raw = found or find_date_text(text)
    return clean(raw) if raw else None
