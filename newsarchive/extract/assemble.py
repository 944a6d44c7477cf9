"""The walked items made into the record's body: sections split at markers, images with
their captions and credits, and the label lines kept for the page's fields (original
title, source and date line, lead).

``assemble`` asks ``classify`` about each line in a fixed order and acts on the
answer; ``_settle_labels`` then keeps the label lines that stand where labels do (the
top or the end of the body) and returns the others to the text. Apart from
``classify`` so that the order of the tests, and what each answer does, is in one
place."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import cast

from newsarchive import selectors as sel
from newsarchive.dom import Element, absolute, is_descendant, text_of
from newsarchive.extract.classify import (
    END_MARK_MAX,
    SHORT_LINE_MAX,
    TOPIC_PROMO_FIRST,
    TOPIC_PROMO_LAST,
    image_marker,
    in_cell,
    info_kind,
    inline_box_end,
    is_account_card,
    is_boilerplate_text,
    is_button_bar,
    is_caption,
    is_credit,
    is_end_mark,
    is_follow_prompt,
    is_notice_line,
    is_ornament,
    is_pager,
    is_slide_counter,
    is_statement_line,
    is_stop_line,
    is_topic_promo,
    link_only,
    links_follow,
    marker_or,
    marker_title,
    split_credit,
    unbracketed,
)
from newsarchive.extract.patterns import (
    AD_ALTS,
    AD_PATH_RE,
    ASCII_DIGITS,
    BRACKETED_EDITOR_RE,
    EDITOR_LINE_RE,
    END_MARKERS,
    EVENT_LABEL_RE,
    INTRO_LABEL_RE,
    INTRO_LINE_RE,
    LABEL_FIRST_CHARS,
    LABEL_LINE_MAX,
    MARKER_DIGITS,
    MARKER_MAX,
    ORIGINAL_TITLE_RE,
    ORNAMENT_CHARS,
    QR_CODE_ABOVE_RE,
    QR_PROMPT_RE,
    READING_LIST_RE,
    SENTENCE_END,
    SOURCE_PREFIXED_RE,
    TRAILER_FIRST_CHARS,
    TRAILER_LINE_RE,
)
from newsarchive.extract.srcset import srcset_url
from newsarchive.extract.walk import Body, Img, Item, Label, Marker, Para
from newsarchive.model import Image, Section
from newsarchive.urls import is_http_url


def _starts_with_label(text: str, pattern: re.Pattern[str], max_len: int) -> bool:
    return len(text) <= max_len and pattern.match(text) is not None


def _labels_after_end(items: list[Para | Img], index: int) -> list[Label]:
    """The source lines among the staff lines right under the end mark ``items[index]``
    (``——本文完——`` / ``(文章来源：新华网)`` / ``校对：赵敏``): the article's own, read
    though the text has ended. The first other line ends the search."""
    found: list[Label] = []
    for item in items[index + 1 :]:
        if not isinstance(item, Para) or len(item.text) > LABEL_LINE_MAX:
            break
        text = item.text
        if EDITOR_LINE_RE.match(text) or TRAILER_LINE_RE.match(text):
            continue
        if info_kind(text) != "info":
            break
        found.append(Label("info", item))
    return found


def _trailer(items: list[Para | Img], index: int) -> bool:
    """Whether ``items[index]`` and every line after it are staff lines (the text's
    trailer: ``作者：… / 摄影：… / 审核：…``), no image among them."""
    return all(
        isinstance(item, Para) and _starts_with_label(item.text, TRAILER_LINE_RE, LABEL_LINE_MAX)
        for item in items[index:]
    )


def _is_follow_line(items: list[Para | Img], index: int, text: str) -> bool:
    """A follow prompt, or an account card's title beside one or beside a picture (the
    QR code): ``新浪科技公众号`` over ``微信搜索techsina或扫描左侧二维码关注``."""
    if is_follow_prompt(text):
        return True
    if not is_account_card(text):
        return False
    before = items[index - 1] if index else None
    after = items[index + 1] if index + 1 < len(items) else None
    if isinstance(after, Para):
        return is_follow_prompt(after.text)
    return isinstance(after, Img) or isinstance(before, Img)


def _in_card(line: Para, img: Element) -> bool:
    """Whether ``img`` is in the small box around ``line`` (an account's card: its
    title, its prompt and its QR code), not merely in the same body."""
    card = line.block.getparent()
    return (
        card is not None
        and is_descendant(img, card)
        and len(text_of(card)) <= sel.FOLLOW_PROMPT_MAX * 2
    )


def _is_ad_image(alt: str, url: str) -> bool:
    """An image that is an advertisement by its ``alt`` (``广告``) or path (``/uploads/ad/``)."""
    return alt in AD_ALTS or AD_PATH_RE.search(url) is not None


def _image_url(base: str, img: Element) -> str | None:
    for value in _addresses(img):
        url = absolute(base, value)
        if url is not None and is_http_url(url):
            return url
    return None


def _addresses(img: Element) -> Iterator[str]:
    """The addresses ``img`` gives, best first: its ``src`` and lazy-loading attributes,
    then the largest of a ``srcset`` (asked only when none of those is an address)."""
    for attr in sel.IMAGE_SRC_ATTRS:
        value = (img.get(attr) or "").strip()
        # a lazy-loading flag (data-lazyload="true") is no address: one has a / or a .
        if value and not value.lower().startswith("data:") and ("/" in value or "." in value):
            yield value
    if (value := srcset_url(img)) is not None:
        yield value


def _settle_labels(items: list[Item], body: Body) -> list[Para | Img | Marker]:
    """Record the ``Label`` lines that stand where labels do (see ``Label``) and turn
    the others back into text lines.

    The top and the end of the body are judged without its images and the line right
    after each (a caption, or a header image's): an info line under a header image is
    still at the top.
    """
    text_at = [
        i
        for i, it in enumerate(items)
        if isinstance(it, Para | Marker)
        and not (i and isinstance(items[i - 1], Img))
        and _is_prose(it.text)
    ]
    first = text_at[0] if text_at else len(items)
    last = text_at[-1] if text_at else -1
    info: list[str] = []
    out: list[Para | Img | Marker] = []
    for i, it in enumerate(items):
        if not isinstance(it, Label):
            out.append(it)
            continue
        edge = i < first or i > last
        event = any(
            isinstance(near, Para | Label) and EVENT_LABEL_RE.match(_text_of(near))
            for near in items[max(i - 1, 0) : i + 2]
            if near is not it
        )
        if (
            (it.kind == "info" and not (first < i <= last and _is_note(items, i)))
            or (it.kind == "date" and edge and not event)
            or (it.kind == "views" and edge)
        ):
            info.append(unbracketed(it.para.text))
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
    if text in END_MARKERS or text.startswith(sel.EDITOR_NOTE_LABELS):
        return False
    return len(text) > sel.FRONT_LINE_MAX or text.endswith(SENTENCE_END)


def _text_of(item: Para | Label) -> str:
    return item.text if isinstance(item, Para) else item.para.text


def _is_note(items: list[Item], i: int) -> bool:
    """Whether the source line ``items[i]`` is a note on the table or chart just above it
    (``来源：中国信通院``, ``来源：IDC``): a plain ``来源：`` line under a table cell, an
    image or its caption. One that names the article (``本文来源：…``) is not."""
    label = items[i]
    assert isinstance(label, Label)
    if SOURCE_PREFIXED_RE.match(label.para.text):
        return False
    before = items[i - 1] if i else None
    if isinstance(before, Para) and in_cell(before.block):
        return True
    return isinstance(before, Img) or (i > 1 and isinstance(items[i - 2], Img))


def assemble(
    raw_items: list[Para | Img],
    title: str | None,
    base: str,
    container: Element,
    *,
    lead: str | None = None,
) -> Body:
    """Classify walked items into sections, images and captured label lines.

    ``lead``: the text of the page's lead box, if it has one. Without one, a lead line at
    the top of the body (``导读：``) is the summary; with one, a lead line repeating it is
    dropped and any other stays text rather than be lost.
    """
    body = Body()
    items: list[Item] = []
    reading_list = labels = False
    image: Img | None = None  # the item before this one, when it was an image
    resume = 0  # the text goes on here, after a box of links set inside it
    for index, item in enumerate(raw_items):
        if index < resume:
            continue
        if isinstance(item, Img):
            marker = None if item.inline else image_marker(item.el, item.alt)
            if marker is not None:
                items.append(marker)
                image = None
                continue
            items.append(item)
            image = item
            continue
        text = item.text
        above, image = image, None  # the image right above this line, if it is one
        if is_slide_counter(text):
            continue  # a gallery's 3/8 beside each slide: neither text nor its caption
        if text[0] in ORNAMENT_CHARS and is_ornament(item, text):
            continue  # ▼, |, ***: an editor's decoration between the lines
        if text == title:
            continue
        if above is not None and above.alt == text and not above.inline:
            # the line right under an image that repeats its alt is its caption
            items.append(Para(text, item.block, item.after_image, True, item.indented))
            continue
        if reading_list:
            # After "推荐阅读：", link-only lines are the list; the first other line ends it.
            if link_only(item, text):
                continue
            reading_list = False
        if (text[0] in TOPIC_PROMO_FIRST or text[-1] in TOPIC_PROMO_LAST) and is_topic_promo(
            item, text
        ):
            continue
        if len(text) <= END_MARK_MAX and is_end_mark(text):
            # - END -: follow prompts and past articles come after it; a source line
            # among the staff lines right under it is still the article's
            trailer = _labels_after_end(raw_items, index)
            items.extend(trailer)
            labels = labels or bool(trailer)
            break
        if (len(text) <= sel.FOLLOW_PROMPT_MAX and _is_follow_line(raw_items, index, text)) or (
            ("声明" in text or "聲明" in text or "原创" in text or "原創" in text)
            and is_statement_line(text)
        ):
            # a follow prompt, an account's card or a site's statement, and the QR code
            # printed beside it in its own card
            if (
                above is not None
                and items[-1] is above
                and (_in_card(item, above.el) or QR_CODE_ABOVE_RE.match(text) is not None)
            ):
                items.pop()  # its QR code, in its card or named by it (扫描上方二维码)
            if index + 1 < len(raw_items):
                beside = raw_items[index + 1]
                if isinstance(beside, Img) and _in_card(item, beside.el):
                    resume = index + 2
            continue
        if text[0] not in LABEL_FIRST_CHARS:
            if text[0] in ASCII_DIGITS and is_pager(text) and not in_cell(item.block):
                continue
            if len(text) <= SHORT_LINE_MAX:  # one test spares most lines the two below
                if is_button_bar(item, text):
                    continue
                if text[0] in TRAILER_FIRST_CHARS and _trailer(raw_items, index):
                    continue
            may_mark = len(text) <= MARKER_MAX or text[0] in MARKER_DIGITS
            items.append(marker_or(item) if may_mark else item)
            continue
        if is_pager(text) and not in_cell(item.block):
            continue
        if is_stop_line(item, text, links_follow(raw_items, index)):
            box_end = inline_box_end(raw_items, index)
            if box_end is None:
                break
            resume = box_end
            continue
        if is_boilerplate_text(item, text):
            continue
        if len(text) <= SHORT_LINE_MAX and is_button_bar(item, text):
            continue  # <a>分享</a><a>复制链接</a><a>举报</a>
        reading = READING_LIST_RE.match(text)
        if reading and (not reading.group("rest") or link_only(item, reading.group("rest"))):
            reading_list = True
            continue
        m = ORIGINAL_TITLE_RE.match(unbracketed(text) if text[0] in "（(" else text)
        if m:  # a reprint repeats its 原标题 line at times: one is the field
            body.original_title = body.original_title or m.group("v").strip()
            continue
        if _starts_with_label(text, EDITOR_LINE_RE, LABEL_LINE_MAX) or (
            text[0] in "（(【[" and BRACKETED_EDITOR_RE.match(text)
        ):
            continue
        if _starts_with_label(text, TRAILER_LINE_RE, LABEL_LINE_MAX) and _trailer(raw_items, index):
            continue
        kind = info_kind(text)
        if kind is not None:
            items.append(Label(kind, item))
            labels = True
            continue
        if is_notice_line(text):
            if above is not None and items[-1] is above and QR_PROMPT_RE.match(text):
                items.pop()  # the image right above a QR code's prompt is the code
            continue
        if INTRO_LINE_RE.match(text):
            if lead is not None and INTRO_LABEL_RE.sub("", text, count=1).strip() == lead:
                continue  # the lead box's text again
            items.append(Label("lead", item) if lead is None else item)
            labels = labels or lead is None
            continue
        may_mark = len(text) <= MARKER_MAX or text[0] in MARKER_DIGITS
        items.append(marker_or(item) if may_mark else item)
    settled = _settle_labels(items, body) if labels else cast(list[Para | Img | Marker], items)

    heading: str | None = None
    paragraphs: list[str] = []
    i = 0
    while i < len(settled):
        current = settled[i]
        if isinstance(current, Img):
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
                and isinstance(nxt, Para)
                and is_caption(nxt, after, container)
            ):
                caption = nxt.text
                i += 1
                # a credit on a line of its own under the caption (…现场<br>记者 张三 摄)
                if isinstance(after, Para) and after.block is nxt.block and is_credit(after):
                    caption = f"{caption} {after.text}"
                    i += 1
            if url is not None and not ad:
                alt = current.alt or None
                credit = split_credit(caption) if caption else None
                body.images.append(Image(url=url, alt=alt, caption=caption, credit=credit))
        elif isinstance(current, Marker):
            if heading is not None or paragraphs:
                body.sections.append(Section(heading=heading, paragraphs=paragraphs))
            heading, paragraphs = current.text, []
            line = settled[i + 1] if i + 1 < len(settled) else None
            if isinstance(line, Para) and marker_title(current, line):
                heading = f"{current.text} {line.text}"  # 01 行业背景
                i += 1
        elif not current.figcaption or _table_caption(current):
            paragraphs.append(current.text)
        i += 1
    if heading is not None or paragraphs:
        body.sections.append(Section(heading=heading, paragraphs=paragraphs))
    return body


def _table_caption(para: Para) -> bool:
    """A ``<figcaption>`` of a table's ``<figure>`` (WordPress's ``wp-block-table``):
    the table's title or its note, text as the cells are. Any other figcaption no image
    took belongs to a picture left out (an ad's, one without an address) or a player."""
    figure = para.block.getparent()
    return figure is not None and figure.tag == "figure" and figure.find(".//table") is not None
