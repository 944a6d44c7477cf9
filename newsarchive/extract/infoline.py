"""The info line when no known container names it, and the lines around the headline
that date or source an article: searches over the page's label nodes and the headline's
neighbours, given the body container they must stay out of.

Apart from ``ArticlePage`` because each is a function of a few elements (the label
nodes, the headline, the body), testable alone, and the page keeps only the order in
which its fields try them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

from newsarchive.dates import find_date_text
from newsarchive.dom import (
    Element,
    block_ancestor,
    ends_before,
    han_count,
    is_descendant,
    previous_element,
    text_of,
    touches,
)
from newsarchive.extract.classify import is_notice_line
from newsarchive.extract.info import (
    edition_line_match,
    info_score,
    issue_line_match,
    joined_text,
    leads_away,
    links_to_elsewhere,
    lone_date,
    opens_info_line,
    opens_with_date,
    parse_date_raw,
    parse_source,
    parse_views,
)
from newsarchive.extract.patterns import (
    ACCOUNT_COUNT_RE,
    CARD_MAX_TEXT,
    CARD_TITLE_MIN,
    DATE_LABEL_RE,
    INFO_MAX_CLIMB,
    INFO_MAX_TEXT,
    INFO_WORD_RE,
    ISSUE_TEXTS,
    PUBLISH_LABEL_RE,
    SOURCE_LINE_RE,
    TIME_OF_DAY_RE,
    VIEWS_LABEL_ALONE_RE,
)
from newsarchive.selectors import PROFILE_PATH_PARTS

LabelNodes = list[tuple[str, Element]]
"""(text, owning element) of every text node holding a label, in page order."""


def search_info_line(
    label_nodes: LabelNodes, body: Element | None, headline: Element | None = None
) -> Element | None:
    """The first block near a label that holds two of source/date/views (or one,
    outside the body), widened to its row (``widen_info``); not a card's line of
    another article (``card_line``), nor an undated card about its author
    (``selectors.ACCOUNT_COUNT_PATTERN``). One above the headline gives way to one between
    the headline and the body: a web clip's or a saved page's attribute table
    (``创建时间：2018/4/12 17:31 来源：http://…``) stands above the page it holds."""
    fallback = None
    above: Element | None = None
    for text, owner in label_nodes:
        if not INFO_WORD_RE.search(text):
            continue
        block = block_ancestor(owner)
        text = joined_text(block)
        if len(text) > INFO_MAX_TEXT:
            continue
        # Inside the body only a line that opens with a label, or with a date and
        # holds a source or a view count too, is an info line: "数据来源：国家统计局，
        # 2024年3月" in a paragraph is article text.
        if (
            body is not None
            and is_descendant(block, body)
            and (block is body or not opens_info_line(block, text.lstrip()))
        ):
            continue
        if links_to_elsewhere(block, text) or is_notice_line(text.strip()):
            continue
        if ACCOUNT_COUNT_RE.search(text) is not None and find_date_text(text) is None:
            continue  # an author's card: 文章 486 阅读 312万 are their totals
        if (body is None or not is_descendant(block, body)) and card_line(block, headline):
            continue
        score = info_score(text)
        if score == 0:
            # a label alone in its cell (<dt>来源</dt><dd>新华网</dd>): the row is the line
            wider = widen_info(block, 0, body)
            if wider is not block:
                block, score = wider, info_score(joined_text(wider))
        if score >= 2:
            if above is not None:
                if _between(block, headline, body):
                    return widen_info(block, score, body)
                continue
            wide = widen_info(block, score, body)
            if headline is None or body is None or not ends_before(wide, headline):
                return wide
            above = wide
            continue
        if score == 1 and fallback is None:
            fallback = block
    if above is not None:
        return above
    return widen_info(fallback, 1, body) if fallback is not None else None


def _between(block: Element, headline: Element | None, body: Element | None) -> bool:
    """Whether ``block`` stands after the headline and before the body."""
    return (
        headline is not None
        and body is not None
        and ends_before(headline, block)
        and ends_before(block, body)
    )


def card_line(block: Element, headline: Element | None) -> bool:
    """Whether ``block`` is the meta line of a card for another article (``<div
    class="r-card"><a href><h4>刷脸支付在便利店试点</h4></a><p>来源：新华网 | 浏览：9876
    </p></div>``): a small parent (``CARD_MAX_TEXT``) holds, beside the line, a link to
    another page whose text reads as a title (``CARD_TITLE_MIN`` Han characters). A
    headline linking to its own page is not such a link."""
    parent = block.getparent()
    if parent is None or parent.tag in ("body", "html"):
        return False
    if len(text_of(parent)) > CARD_MAX_TEXT:
        return False
    for a in parent.iter("a"):
        if is_descendant(a, block):
            continue
        if headline is not None and (is_descendant(a, headline) or is_descendant(headline, a)):
            continue
        if not leads_away(a) or _to_profile(a):
            continue
        text = text_of(a)
        if han_count(text) >= CARD_TITLE_MIN and han_count(_undated(text)) >= CARD_TITLE_MIN:
            return True
    return False


def _to_profile(a: Element) -> bool:
    """Whether ``a`` opens a person's or an account's page (``PROFILE_PATH_PARTS``,
    ``rel="author"``) rather than another article."""
    if "author" in (a.get("rel") or "").split():
        return True
    path = urlsplit((a.get("href") or "").strip()).path
    return not PROFILE_PATH_PARTS.isdisjoint(path.strip("/").split("/")[:2])


def _undated(text: str) -> str:
    """``text`` without its dates: a permalink printed as the day
    (``<a href="/2021/04/09/…">2021年04月09日</a>``) is no title, however many 年月日."""
    while (date := find_date_text(text)) is not None:
        text = text.replace(date, "")
    return text


def widen_info(block: Element, score: int, body: Element | None) -> Element:
    """The row around an info block that holds only some of source/date/views.

    Info lines split across cells (``<td>来源：…</td><td>时间：…</td>``), list items
    or divs give a block per item; the parent row holds them all. Climbs at most
    ``INFO_MAX_CLIMB`` levels, and only while the parent stays short (``INFO_MAX_TEXT``),
    and neither holds nor lies inside the body container (body text is never read as
    info); the highest-scoring level wins.
    """
    if body is not None and is_descendant(block, body):
        return block
    best = node = block
    for _ in range(INFO_MAX_CLIMB):
        if score >= 3:
            break
        parent = node.getparent()
        if parent is None or parent.tag in ("body", "html"):
            break
        if touches(parent, body):
            break
        text = joined_text(parent)
        if len(text) > INFO_MAX_TEXT:
            break
        wider = info_score(text)
        if wider > score:  # a wrapper that adds nothing is climbed through, not taken
            best, score = parent, wider
        node = parent
    return best


def blocks_after(title_el: Element | None, body: Element | None) -> Iterator[Element]:
    """The headline's following sibling elements, up to the first that holds the body
    or is inside it."""
    if title_el is None:
        return
    for el in title_el.itersiblings():
        if el.tag.__class__ is not str:
            continue
        if touches(el, body):
            return
        yield el


def lead_blocks(title_el: Element | None, body: Element | None) -> Iterator[Element]:
    """The blocks that follow the headline up to the text, wherever the body starts:
    the headline's siblings (its wrapper's, when it stands alone in one), then the
    children of a sibling that holds the body, down to the body. A headline inside the
    body (``<article><h1/><div class="m-info">…<div class="m-content">``) gives its
    siblings inside the body too: the caller decides which are a line, not text."""
    if title_el is None:
        return
    start = title_el
    while _last_element(start):
        parent = start.getparent()
        if parent is None or parent.tag in ("body", "html") or parent is body:
            break
        if body is not None and is_descendant(body, parent):
            break
        start = parent
    yield from _before_body(start.itersiblings(), body)


def _last_element(el: Element) -> bool:
    return all(sib.tag.__class__ is not str for sib in el.itersiblings())


def _before_body(elements: Iterator[Element], body: Element | None) -> Iterator[Element]:
    for el in elements:
        if el.tag.__class__ is not str:
            continue
        if body is not None and (el is body or is_descendant(body, el)):
            if el is not body:
                yield from _before_body(iter(el), body)
            return
        yield el


def date_by_title(title_el: Element | None, body: Element | None) -> str | None:
    """A date printed alone in a block right after the headline (Discuz's ``<p
    class="xg1">2024-10-31 20:15</p>``), else right above it: the last fallback for the
    publish date, after what the page declares for machines, since a line under a
    headline may as well date an event. A span of days (``2025年7月26日-28日``) is an
    event's. Only the next two blocks, outside the body: after the headline's wrapper
    when it stands alone in one (网易博客's ``<div class="title"><h3>…</h3></div>`` over
    its line ``2012-05-28 10:45:12 | 分类：… | 标签：…``, whose date, with its time in an
    element of its own, is read by ``_stamp_inside``)."""
    seen = 0
    for el in lead_blocks(title_el, body):
        text = joined_text(el).strip()
        if not text:
            continue
        if len(text) <= INFO_MAX_TEXT:
            if opens_with_date(text) and (date := lone_date(text)) is not None:
                return date
            stamp = _stamp_inside(el)
            if stamp is not None:
                return stamp
        seen += 1
        if seen == 2:
            break
    return _date_over(title_el, body)


def _stamp_inside(block: Element) -> str | None:
    """A date with its time of day printed alone in an element of an unlabelled line
    under the headline (第一财经's ``<span class="f-source">第一财经</span><em>2024-03-12
    20:31:45</em>``): the time says it is when the page was published, not an event's
    day."""
    for el in block.iterdescendants():
        if el.tag.__class__ is not str or len(el):
            continue
        text = (el.text or "").strip()
        if text[:2] in ("19", "20") and TIME_OF_DAY_RE.search(text):
            date = lone_date(text)
            if date is not None and TIME_OF_DAY_RE.search(date):
                return date
    return None


def _date_over(title_el: Element | None, body: Element | None) -> str | None:
    """A dated line right above the headline (a blog theme's ``<div
    class="post-date">日期：2024.10.30</div><h2>…</h2>``): the headline's previous
    sibling, outside the body, holding one date alone after at most a date label."""
    if title_el is None:
        return None
    el = previous_element(title_el)
    if el is None or touches(el, body):
        return None
    text = joined_text(el).strip()
    label = DATE_LABEL_RE.match(text)
    return lone_date(text[label.end() :].strip() if label else text)


def _lines_elsewhere(
    label_nodes: LabelNodes,
    body: Element | None,
    match: Callable[[str], object],
    headline: Element | None,
) -> Iterator[tuple[str, Element, str]]:
    """(text, owner, the owner's block's text) of the label nodes ``match`` accepts, on a
    short line outside the body and not in an item of a list of other articles, nor
    in a card for one (``card_line``)."""
    for text, owner in label_nodes:
        if not match(text):
            continue
        block = block_ancestor(owner)
        line = joined_text(block)
        if (
            len(line) > INFO_MAX_TEXT
            or (body is not None and _in_text(block, body))
            or any(links_to_elsewhere(li, joined_text(li)) for li in owner.iterancestors("li"))
            or card_line(block, headline)
        ):
            continue
        yield text, owner, line


def _in_text(block: Element, body: Element) -> bool:
    """Whether ``block`` is in the body's text: inside the body, and not in a
    ``<footer>`` there, which the walk leaves out (a WordPress theme's post footer,
    ``<footer class="single-footer">3条评论 1.2万次浏览</footer>``, is the article's
    meta)."""
    if block is body:
        return True
    for up in block.iterancestors():
        if up is body:
            return True
        if up.tag == "footer":
            return False
    return False


def source_line_elsewhere(
    label_nodes: LabelNodes, body: Element | None, headline: Element | None = None
) -> str | None:
    """A line of its own that opens with a source label (``SOURCE_LINE_RE``), outside
    the body and the info line: a theme's footer under the article (``<span
    class="post-source">文章来源：澎湃新闻</span>``). Not a list item about another
    article, not a link's text, and not a chart's or a photo's (``数据来源``,
    ``图片来源``)."""
    for text, owner, line in _lines_elsewhere(label_nodes, body, SOURCE_LINE_RE.match, headline):
        if links_to_elsewhere(owner, text):
            continue
        source = parse_source(text)
        if source is None:
            # the label alone in its element, the value in the next one:
            # <span class="label">来源：</span><a class="val">新华网</a>
            at = line.find(text.strip())
            source = parse_source(line[at:]) if at >= 0 else None
        if source:
            return source
    return None


def views_line_elsewhere(
    label_nodes: LabelNodes, body: Element | None, headline: Element | None = None
) -> int | None:
    """The count on a labelled line of its own beside the body, in the element that
    holds it (Z-Blog's footer under the text: ``作者:admin | 分类:机器人 | 浏览:1234 |
    评论:2``), when the info line has none. A count is any article's, so the line must
    be the article's own: not in a sidebar (outside that element), a list item, or a
    card about another article (mostly a link's text), nor an author's total
    (``累计阅读``, which ``parse_views`` skips)."""
    wrapper = body.getparent() if body is not None else None
    if wrapper is None:
        return None
    for _, owner, line in _lines_elsewhere(label_nodes, body, _views_label, headline):
        block = block_ancestor(owner)
        if (
            not is_descendant(block, wrapper)
            or next(owner.iterancestors("li"), None) is not None
            or links_to_elsewhere(block, line)
        ):
            continue
        views = parse_views(line)
        if views is not None:
            return views
    return None


def _views_label(text: str) -> bool:
    return parse_views(text) is not None or VIEWS_LABEL_ALONE_RE.search(text) is not None


def publish_line_elsewhere(
    label_nodes: LabelNodes, body: Element | None, headline: Element | None = None
) -> str | None:
    """The date after a publish label (``发表于 2006-8-15 21:03``, ``发布时间：…``) on a
    line of its own outside the body, when the info line has none: a forum post prints
    it in the post's header, apart from its 来源 line. Not in an item of a list of other
    articles. A publish label is specific enough to read wherever it stands."""
    for _, _, line in _lines_elsewhere(label_nodes, body, PUBLISH_LABEL_RE.search, headline):
        date = parse_date_raw(line)
        if date:
            return date
    return None


def issue_line(root: Element) -> tuple[str, str] | None:
    """(paper, day) of a newspaper's issue line printed as a line of its own
    (``《人民日报》（2021年09月18日 第03版）``, ``ISSUE_LINE_RE``), after at most a short
    label (``来源：``; ``info.issue_line_match``): an e-paper prints the day only there
    and in its masthead. Or an e-paper's edition line opening a line, the paper unbracketed
    (``新京报 2023年05月08日 第A07版：北京新闻　作者：王贵彬``, ``info.edition_line_match``).
    A link's text is no such line."""
    for node in ISSUE_TEXTS(root):
        owner = node.getparent()
        if owner is None:
            continue
        line = joined_text(block_ancestor(owner)).strip()
        if len(line) > INFO_MAX_TEXT:
            continue
        m = issue_line_match(line) if "》" in line else edition_line_match(line)
        if m is not None:
            return m.group("paper").strip(), m.group("date")
    return None
