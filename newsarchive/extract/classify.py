"""What one line of the body is: boilerplate, a stop line that ends the article text,
a pager, a label line (source, date), a caption, a photo credit, a section marker.

Each test looks at one line, its block and at most the item after it; in which order
they are asked, and what becomes of the line, is ``assemble``'s. Kept apart because
these tests carry most of the site's special cases and grow with every template, while
``assemble`` stays one loop that can be read whole."""

from __future__ import annotations

import re

from newsarchive import selectors as sel
from newsarchive.dom import Element, class_tokens, is_descendant, text_of
from newsarchive.extract.info import info_score, issue_line_match, single_date
from newsarchive.extract.patterns import (
    ACCOUNT_CARD_RE,
    ARROWS,
    ASCII_DIGITS,
    BOILERPLATE_EXACT,
    BOILERPLATE_LINE_RE,
    BOILERPLATE_OPENER_RE,
    BOILERPLATE_RE,
    CAPTION_MAX,
    CAPTION_OPENERS,
    CELL_TAGS,
    CENTER_STYLE_RE,
    CODE_TAGS,
    CREDIT_LINE_MAX,
    CREDIT_LINE_RE,
    CREDIT_TAIL_RE,
    DATE_LINE_RE,
    DATE_LINE_SPECIFIC_RE,
    DATE_TEXT_RE,
    EVENT_LABEL_RE,
    FIGURE_LABEL_RE,
    FOLLOW_PROMPT_RE,
    IMAGE_TAGS,
    LABEL_LINE_MAX,
    LINK_GAPS,
    MARKER_BOX_EXTRA_MAX,
    MARKER_MAX,
    MARKER_RE,
    MARKER_TITLE_MAX,
    ORNAMENT_CHARS,
    ORNAMENT_MAX,
    PAGINATION_MOVE_RE,
    PAGINATION_PLACE_RE,
    PAGINATION_RE,
    SENTENCE_END,
    SHORT_CAPTION_MAX,
    SITE_NAME_START_RE,
    SLIDE_COUNTER_MAX,
    SLIDE_COUNTER_RE,
    SOURCE_LINE_RE,
    STOP_LABEL_RE,
    STOP_NOUN_RE,
    STOP_RE,
    STOP_REST_WORDS,
    STOP_SEPARATORS,
    TITLED_MARKER_RE,
    VIEWS_LINE_RE,
    WORD_SPLIT_RE,
    YEAR_RE,
)
from newsarchive.extract.walk import Img, Item, Marker, Para
from newsarchive.text import tidy


def split_credit(caption: str) -> str | None:
    """The credit part of a caption; None when it has none.

    After the last ``。`` when there is one (``…航空器。记者 龙帆 摄/视觉重庆``), with a
    leading ``/`` stripped (``…界面。/大足区委宣传部`` -> ``大足区委宣传部``); otherwise
    a trailing credit pattern (``CREDIT_TAIL_RE``).
    """
    if "。" in caption:
        tail = caption.rsplit("。", 1)[1].strip().lstrip("/／").strip()
        return tail or None
    m = CREDIT_TAIL_RE.search(caption)
    if m is None:
        return None
    credit = (m.group("a") or m.group("b") or m.group("c") or "").strip()
    return credit.lstrip("/／").strip() or None


def is_credit(para: Para) -> bool:
    """A line that is nothing but a photo credit (``记者 张三 摄``, ``图/新华社``,
    ``摄影：张三``); not a subheading that happens to end in 摄 (``二、夜景拍摄``)."""
    text = para.text
    return len(text) <= CREDIT_LINE_MAX and CREDIT_LINE_RE.match(text) is not None


def _has_credit(caption: str) -> bool:
    tail = caption.rsplit("。", 1)[-1].strip()
    return bool(tail) and CREDIT_TAIL_RE.search(tail) is not None


def links_follow(items: list[Para | Img], index: int) -> bool:
    """Whether the line after ``items[index]`` is a line of links only (a widget's list)."""
    nxt = items[index + 1] if index + 1 < len(items) else None
    if not isinstance(nxt, Para):
        return False
    undated = DATE_TEXT_RE.sub("", nxt.text)  # <a>…</a> 2024-10-20
    return link_only(nxt, nxt.text) or (bool(undated.strip()) and link_only(nxt, undated))


SHORT_LINE_MAX = 20
"""Characters of a line short enough to be an end mark, a bar of buttons or a staff line
of the trailer: the one length test that spares the other lines those checks."""
BUTTON_MAX = 6


def is_button_bar(para: Para, text: str) -> bool:
    """A short line made of two or more short links, children of its block, and nothing
    else: a bar of buttons (``<a class="btn">我要参展</a><a>预约门票</a>``), not text.
    Call only on a line of at most ``SHORT_LINE_MAX`` characters. A bar wrapped whole in
    one inline element (``<p align=right><font size=2>[<a>打印本页</a>] [<a>关闭窗口</a>]
    </font></p>``) is read inside it."""
    block = para.block
    if len(block) == 1 and block[0].tag in BAR_WRAPPERS and not (block.text or "").strip():
        block = block[0]
    anchors = [child for child in block if child.tag == "a"]  # the bar's own links
    if len(anchors) < 2:
        return False  # most lines
    links = [t for a in anchors if (t := tidy(text_of(a)))]
    return (
        len(links) >= 2 and all(len(link) <= BUTTON_MAX for link in links) and link_only(para, text)
    )


BAR_WRAPPERS = frozenset(("font", "span", "small", "b", "strong"))
"""Inline elements a legacy page wraps a whole bar of buttons in."""


def link_only(para: Para, text: str) -> bool:
    """Whether ``text`` (a line of ``para``) is nothing but the texts of links of its
    block, with spaces, separators or a bullet between or beside them (``<a>A</a> <a>B</a>``,
    ``<a>上一篇 某某</a>``, ``· <a>…</a>``): an entry of a reading list, not a sentence.
    A date beside a link is the linked page's (``<a>…</a> [2011-03-22]``)."""
    links = [t for a in para.block.iter("a") if (t := tidy(text_of(a)))]
    if not links:
        return False
    rest = text
    for link in sorted(links, key=len, reverse=True):
        rest = rest.replace(link, "")
    rest = rest.strip(LINK_GAPS)
    if rest and rest[0] in ASCII_DIGITS:
        rest = DATE_TEXT_RE.sub("", rest).strip(LINK_GAPS)
    return not rest


def _marked(el: Element, stop: Element) -> tuple[bool, bool]:
    """(centered, caption class hint) for ``el`` and its ancestors below ``stop``.

    An ancestor's mark counts only when the ancestor holds little beside ``el``
    (``WRAPPER_EXTRA_MAX`` characters for each image in it): a ``<div class="pic">``
    or ``<center>`` left unclosed holds the rest of the article, whose paragraphs are
    no captions; a gallery's wrapper holds an image for each of its captions."""
    centered = hinted = False
    own: int | None = None  # el's text length, read once an ancestor is marked
    node = el
    while node is not None and node is not stop:
        is_centered = node.tag == "center" or (node.get("align") or "").lower() == "center"
        if not is_centered:
            style = node.get("style")
            is_centered = bool(style and CENTER_STYLE_RE.search(style))
        tokens = class_tokens(node)
        if not is_centered and tokens:
            is_centered = not sel.CENTERED_CLASSES.isdisjoint(tokens)
        is_hinted = any(h in t for t in tokens for h in sel.CAPTION_CLASS_HINTS)
        if (is_centered or is_hinted) and node is not el:
            if own is None:
                own = len(text_of(el))
            images = sum(1 for _ in node.iter(*IMAGE_TAGS))
            if len(text_of(node)) > own + WRAPPER_EXTRA_MAX * max(images, 1):
                is_centered = is_hinted = False
        centered = centered or is_centered
        hinted = hinted or is_hinted
        node = node.getparent()
    return centered, hinted


WRAPPER_EXTRA_MAX = 60
"""Characters a marked ancestor of a caption line may hold beside it, for each image in
it: a credit line, or the caption of each other picture of a gallery. More is a block
of text, not a picture's wrapper."""


def _is_marker(text: str) -> bool:
    """A section marker (``01``): the length test first spares the regex on every
    ordinary paragraph (paragraph texts are tidied and hold no newline for ``$``)."""
    return len(text) <= MARKER_MAX and MARKER_RE.match(text) is not None


def _uses_indents(block: Element) -> bool:
    """Whether ``block``'s paragraphs are typeset with indents (``　　``)."""
    text = text_of(block)
    return "\u3000\u3000" in text or "\xa0\xa0" in text


def marker_or(item: Para) -> Para | Marker:
    """The line as a section marker (``01``, or ``01 | 行业背景`` with its title), or as
    it is; a table cell holding only a number is data, not a marker (a table-layout
    body's cell holds a marker among its lines)."""
    text = item.text
    if _is_marker(text):
        return item if _data_cell(item.block, text) else Marker(text, item.block)
    if len(text) > MARKER_MAX + MARKER_TITLE_MAX + MARKER_BOX_EXTRA_MAX:
        return item
    m = TITLED_MARKER_RE.match(text)
    if m is None or in_cell(item.block):
        return item
    title = m.group("t").strip()
    if len(title) > MARKER_TITLE_MAX or title.endswith(SENTENCE_END):
        return item
    return Marker(f"{m.group('n')} {title}", item.block)


def marker_title(marker: Marker, line: Para) -> bool:
    """Whether ``line``, right after ``marker``, is the section's title printed in the
    marker's own box (秀米's and 135编辑器's ``01 | 行业背景``): a short line without a
    sentence's end, in the smallest block around both that holds nothing else but
    ornaments. The seed's ``01`` stands in a paragraph of its own, and the text under
    it shares only the body with it."""
    text = line.text
    if marker.block is None or len(text) > MARKER_TITLE_MAX or text.endswith(SENTENCE_END):
        return False
    box: Element | None = marker.block
    while box is not None and not is_descendant(line.block, box):
        box = box.getparent()
    if box is None:
        return False
    inside = "".join(text_of(box).split())
    return len(inside) <= len(marker.text) + len(text) + MARKER_BOX_EXTRA_MAX


def is_ornament(item: Para, text: str) -> bool:
    """A line of ornaments alone (``▼``, ``|``, ``***``, ``◆◆◆``): an editor's decoration,
    no text. A table cell's ``—`` is a value left empty, and code keeps its lines."""
    if len(text) > ORNAMENT_MAX or not ORNAMENT_CHARS.issuperset(text):
        return False
    block = item.block
    if in_cell(block) or block.tag in CODE_TAGS:
        return False
    return next(block.iterancestors(*CODE_TAGS), None) is None


def image_marker(img: Element, alt: str) -> Marker | None:
    """A section marker printed as a picture (``<p><img src="num/01.png" alt="01"></p>``):
    an image whose ``alt`` is a marker, alone in its block with no text beside it. A
    chart labelled ``01`` among text is a picture."""
    if not alt or not _is_marker(alt):
        return None
    block = img.getparent()
    if block is None or text_of(block).strip() or len(block.findall(".//img")) != 1:
        return None
    return Marker(alt)


def in_cell(block: Element) -> bool:
    """A table cell, or a paragraph in one (a table pasted from Word: ``<td><p>``)."""
    parent = block.getparent()
    return block.tag in CELL_TAGS or (parent is not None and parent.tag in CELL_TAGS)


def _data_cell(block: Element, text: str) -> bool:
    """Whether ``text`` is the whole content of a table cell (``block`` or its parent) in
    a row of several cells: a number in a data table. A layout table's one-cell rows and
    a cell holding a whole body keep their markers."""
    for el in (block, block.getparent()):
        if el is None or el.tag not in CELL_TAGS:
            continue
        row = el.getparent()
        cells = [c for c in row if c.tag in CELL_TAGS] if row is not None else []
        return len(cells) > 1 and tidy(text_of(el)) == text
    return False


def is_slide_counter(text: str) -> bool:
    """A gallery's slide counter (``3/8``, ``1 / 4``): neither text nor a caption."""
    return (
        len(text) <= SLIDE_COUNTER_MAX
        and text[:1].isdigit()
        and bool(SLIDE_COUNTER_RE.fullmatch(text))
    )


def is_notice_line(text: str) -> bool:
    """A short line that is a reprint notice, a QR-code prompt or a copyright line
    (``selectors.BOILERPLATE_PATTERNS``, up to ``BOILERPLATE_LINE_MAX`` characters), also
    in brackets (``（本文首发某某App，作者｜…）``): the body walk drops it, and the
    info-line search passes it over (its ``出处`` is where to credit a copy). The opener
    test is a cheap literal prefix before the patterns."""
    if len(text) > sel.BOILERPLATE_LINE_MAX:
        return False
    if text.startswith(("（", "(")):
        text = unbracketed(text)
    return (
        BOILERPLATE_OPENER_RE.match(text) is not None
        and BOILERPLATE_LINE_RE.match(text) is not None
    )


def is_statement_line(text: str) -> bool:
    """A site's statement under the text (``新浪声明：此消息系转载自…``, ``雷锋网原创文章，
    未经授权禁止转载。``), whose first word is the site's name rather than one of
    ``BOILERPLATE_OPENERS``: the label's place is the test that lets the line reach the
    patterns."""
    head = sel.SITE_STATEMENT_HEAD
    if not any(text.find(word, 0, head) >= 0 for word in sel.SITE_STATEMENT_WORDS):
        return False
    return len(text) <= sel.BOILERPLATE_LINE_MAX and BOILERPLATE_LINE_RE.match(text) is not None


FOLLOW_SENTENCE_END_RE = re.compile("[。！？!?]")


def is_follow_prompt(text: str) -> bool:
    """A prompt to follow the site's accounts or press its buttons
    (``selectors.FOLLOW_PROMPT_PATTERN``): a short line holding 关注, 關注 or 在看, with no
    sentence ending before its last character."""
    if len(text) > sel.FOLLOW_PROMPT_MAX:
        return False
    if not ("关注" in text or "關注" in text or "在看" in text):
        return False
    if FOLLOW_SENTENCE_END_RE.search(text, 0, len(text) - 1) is not None:
        return False
    return FOLLOW_PROMPT_RE.search(text) is not None


def is_account_card(text: str) -> bool:
    """A line naming an account alone (``新浪科技公众号``): an account card's title when
    a follow prompt or a QR code is beside it (the caller's test)."""
    return (
        len(text) <= sel.ACCOUNT_CARD_MAX
        and text[-1] in ACCOUNT_CARD_LAST
        and ACCOUNT_CARD_RE.match(text) is not None
    )


ACCOUNT_CARD_LAST = "号號信"


def is_boilerplate_text(para: Para, text: str) -> bool:
    """A widget label (``分享到：…``, ``返回顶部``, ``展开全文``) or an ad box's label: a line
    of a few characters, or the word followed by a separator, by links only or by a few
    short words (``分享到 <a>微信</a> <a>微博</a>``, ``打印本页 | 关闭窗口``); never a
    sentence or a subheading that opens with the same word (``展开来看，…。``,
    ``展开式神经网络的新进展``)."""
    if text in BOILERPLATE_EXACT:
        return True
    m = BOILERPLATE_RE.match(text)
    if m is None:
        return False
    if text.endswith(SENTENCE_END):
        # a loading notice asks the reader to wait: 视频加载中，请稍候……
        return text[m.end() :].strip(WAIT_PUNCTUATION) in sel.BOILERPLATE_WAIT_WORDS
    if len(text) <= sel.BOILERPLATE_TEXT_MAX or m.group()[-1] in "：:】":
        return True  # short, or a label whose own form is distinctive (【字体：…)
    rest = text[m.end() :].lstrip()
    if not rest or rest[0] in STOP_SEPARATORS or link_only(para, rest):
        return True
    if BOILERPLATE_RE.match(rest) or rest.startswith(sel.BOILERPLATE_REST_OPENERS):
        return True  # 打印本页 关闭窗口, 展开剩余85%内容
    words = WORD_SPLIT_RE.split(rest)
    return len(words) >= 2 and all(len(w) <= sel.BOILERPLATE_WORD_MAX for w in words)


WAIT_PUNCTUATION = " \u3000，,。.…！!"
"""What stands around a loading notice's request to wait."""

_CLOSERS = {"(": ")）", "（": ")）", "[": "]】", "【": "]】"}


def unbracketed(text: str) -> str:
    """``text`` without the brackets around the whole of it: reposts close with their
    source in brackets (``（来源：经济参考报）``, ``(文章来源：深圳商报)``)."""
    closers = _CLOSERS.get(text[:1])
    if closers and len(text) > 2 and text[-1] in closers:
        return text[1:-1].strip()
    return text


def info_kind(text: str) -> str | None:
    """Which label line of the body ``text`` is (see ``Label``): ``"info"`` for a
    source or publish-date line (``文章来源：…``, ``发布时间：…``), ``"date"`` for a line
    with a generic date label (``时间：``, ``日期：``) and a single date, None otherwise.
    A generic line that also holds a source or a view count is ``"info"``, and so is a
    newspaper's issue line (``《人民日报》（2021年09月18日 第03版）``) that the text ends
    with on 人民网. ``"views"`` is a line of a view count and its label alone
    (``浏览量 2,341``)."""
    if len(text) > LABEL_LINE_MAX:
        return None
    text = unbracketed(text)
    if VIEWS_LINE_RE.fullmatch(text):
        return "views"
    if SOURCE_LINE_RE.match(text) or DATE_LINE_SPECIFIC_RE.match(text):
        return "info"
    if text[:1] == "《" and _opens_issue_line(text):
        return "info"
    if DATE_LINE_RE.match(text) is None or EVENT_LABEL_RE.search(text):
        return None  # 时间：2024年11月20日 地点：上海世博中心 is an event's
    if info_score(text) >= 2:
        return "info"
    return "date" if single_date(text) else None


def _opens_issue_line(text: str) -> bool:
    """Whether ``text`` is an issue line from its first character: no label before it."""
    m = issue_line_match(text)
    return m is not None and m.start() == 0


def is_pager(text: str) -> bool:
    """A pager printed as text (``selectors.PAGINATION_PATTERN``); the substring tests
    spare the regex on every paragraph that names no page."""
    return (
        len(text) <= sel.PAGINATION_LINE_MAX
        and ("页" in text or "頁" in text)
        and PAGINATION_RE.match(text) is not None
        and (
            PAGINATION_MOVE_RE.search(text) is not None
            or len(PAGINATION_PLACE_RE.findall(text)) >= 2
        )
    )


END_MARKS = frozenset(sel.END_MARKS)
END_MARK_MAX = 12


def is_end_mark(text: str) -> bool:
    """A line that only marks the end of the text (``END``, ``- END -``, ``（完）``)."""
    return len(text) <= END_MARK_MAX and text.strip(sel.END_MARK_DASHES).upper() in END_MARKS


def is_stop_line(para: Para, text: str, following_links: bool) -> bool:
    """Whether ``text`` (a line of ``para``) is a widget line that ends the article text
    (``selectors.BODY_STOP_MARKERS``), not a sentence that opens with the same word."""
    if text.startswith(sel.COPYRIGHT_SIGNS):
        return YEAR_RE.search(text) is not None and not text.endswith(SENTENCE_END)
    m = STOP_RE.match(text)
    if m is None:
        return False
    opened, closed = m.group("open"), m.group("close")
    if closed or opened in ARROWS:
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
    rest = STOP_NOUN_RE.sub("", rest, count=1).lstrip()  # 上一篇文章 …
    if not rest or rest[0] in STOP_SEPARATORS or (copyright and rest[0].isdigit()):
        return True  # Copyright 2004-2024 …; 下一条5G产线… is a sentence
    lowered = rest.lower()
    if (
        STOP_LABEL_RE.match(rest)
        or rest.rstrip(" :：") in STOP_REST_WORDS
        or rest.startswith(sel.BODY_STOP_REST_OPENERS)
        or lowered.startswith(("all rights", "reserved", "related", "recommended"))
    ):
        return True  # 上一篇文章：…, 相关文章列表, 下一篇 没有了, 版权所有 违者必究
    if SITE_NAME_START_RE.match(rest) or link_only(para, rest) or link_only(para, text):
        return True
    # a short widget heading over a list of links (相关文章推荐 / <a>…</a> / <a>…</a>)
    return len(text) <= sel.BODY_STOP_HEADING_MAX and following_links


TOPIC_PROMO_RE = re.compile(
    r"^[【\[]?(?:专题|專題)[】\]:：]|(?:进入|進入|更多)(?:专题|專題)\s*[>》»›]*$"
    r"|^(?:点击|點擊)?(?:进入|進入|查看)(?:专题|專題)\s*[:：]"
)
TOPIC_PROMO_FIRST = "【[专專点點进進查"
TOPIC_PROMO_LAST = ">》»›题題"
"""First and last characters a topic's link line can have: two character tests spare
the regex and the link test on nearly every line of text, which ends in ``。``."""


def is_topic_promo(para: Para, text: str) -> bool:
    """A link to a special topic set in the text (``【专题】第七届进博会…``, ``“人工智能+”
    行动专题报道 点击进入专题>>``): the line is links only, labelled as a topic's.
    A sentence about a special topic is not a link alone and stays."""
    return TOPIC_PROMO_RE.search(text) is not None and link_only(para, text)


INLINE_BOX_TEXT_MIN = 20
"""Characters of the sentence after a box of links that show the text goes on."""
INLINE_BOX_LOOKAHEAD = 6
"""Items after such a box searched for that sentence: pictures, captions, a subheading."""
SUBHEADING_MAX = 30
"""Characters of a subheading (a line without a sentence's end) over the text."""


def inline_box_end(items: list[Para | Img], index: int) -> int | None:
    """Where the text resumes after a box of links set between two of its paragraphs,
    headed by the stop line ``items[index]`` (``selectors.INLINE_BOX_HEADINGS``); None
    when the heading is not such a box's, and ends the text.

    The box is the largest block around the heading that does not hold the paragraph
    before it. It holds links and nothing else of the text (its lines are links only),
    and after it, in the block that holds the box and the paragraph before it, comes a
    sentence: the article goes on. Pictures, their captions and a subheading may stand
    between (a headless CMS sets its text, picture and link blocks side by side), though
    a caption alone is no sign that the text goes on. Under the last paragraph, the same
    heading has nothing of the text after it (widgets, comments, the page's end) and
    stops it.
    """
    head, before = items[index], items[index - 1] if index else None
    if not isinstance(head, Para) or not isinstance(before, Para):
        return None
    word = next((w for w in sel.INLINE_BOX_HEADINGS if head.text.startswith(w)), None)
    if word is None:
        return None
    if len(head.text) > sel.BODY_STOP_HEADING_MAX and not link_only(
        head, head.text[len(word) :].lstrip(" :：")
    ):
        return None  # not a heading, nor a heading and its links on one line
    box = head.block
    parent = box.getparent()
    while parent is not None and not is_descendant(before.block, parent):
        box, parent = parent, parent.getparent()
    if parent is None or box.find(".//a[@href]") is None:
        return None
    end = index + 1
    while end < len(items) and is_descendant(_element(items[end]), box):
        item = items[end]
        if isinstance(item, Para) and not link_only(item, item.text):
            return None
        end += 1
    picture = False  # the item before was a picture
    pictured = False  # a picture stood between the box and this line
    for after in items[end : end + INLINE_BOX_LOOKAHEAD]:
        if isinstance(after, Img):
            picture = pictured = True  # a picture between the box and the text (a CMS's)
            continue
        if not is_descendant(after.block, parent) or link_only(after, after.text):
            return None
        caption = picture and (
            after.after_image or after.figcaption or len(after.text) <= CAPTION_MAX
        )
        picture = False
        if caption:
            continue  # that picture's caption: a sentence, but not yet the text
        if len(after.text) >= INLINE_BOX_TEXT_MIN and after.text.endswith(SENTENCE_END):
            return end
        if len(after.text) > SUBHEADING_MAX or (after.text.endswith(SENTENCE_END) and not pictured):
            return None
        # a subheading over the text that goes on, or a short sentence under a picture
        # (a widget's line follows its box directly: 不应出现的文字。)
    return None


def _element(item: Para | Img) -> Element:
    return item.block if isinstance(item, Para) else item.el


def is_caption(para: Para, following: Item | None, container: Element) -> bool:
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
    if (
        centered
        or hinted
        or _has_credit(text)
        or text.startswith(CAPTION_OPENERS)
        or FIGURE_LABEL_RE.match(text)
    ):
        return True
    if para.after_image:
        sentence = text.endswith(SENTENCE_END)
        if para.image_led:
            # an image block (<p><img><br>…): its text is the caption, unless typeset as
            # a body paragraph (an indented sentence)
            return not (para.indented and sentence)
        # an image inside a <br>-separated body: the label under it is its caption, and
        # so is a sentence left unindented in a body whose paragraphs are indented
        return not sentence or (not para.indented and _uses_indents(para.block))
    return (
        len(text) <= SHORT_CAPTION_MAX
        and not text.endswith(SENTENCE_END)
        and (following is None or isinstance(following, Img | Marker))
    )
