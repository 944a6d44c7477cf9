"""The body walk: the body container flattened once, in document order, into
paragraphs and images; and the item types the later stages pass around.

The hottest code of extraction (``Walker._visit``), kept apart so that it is read and
profiled on its own, and so that the items (``Para``, ``Img``, ``Marker``, ``Label``)
are defined once for ``classify`` and ``assemble``, which judge lines but never walk
the tree. ``hidden_classes``, ``hidden_inline``, ``hidden_popups``, ``icon_glyphs``,
``control_bars`` (the three of them fed by one walk, ``marked``) and ``is_ad_token`` pick
elements the walk skips."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from newsarchive import selectors as sel
from newsarchive.dom import BLOCK_TAGS, CSS_CLASS_RE, Element, PageTokens, han_count, text_of
from newsarchive.extract.patterns import (
    AD_CLASS_RE,
    CLASS_PART_SPLIT_RE,
    CONTINUATIONS,
    CSS_MEDIA_RE,
    CSS_RULE_RE,
    FORMULA_HINT_RE,
    HIDDEN_INLINE_TAGS,
    HIDDEN_STYLE_RE,
    ICON_TEXT_RE,
    IMAGE_TAGS,
    INDENTS,
    LINE_ENDS,
    LINE_NUMBER_CLASSES,
    POPUP_STYLE_RE,
    PRIVATE_USE_RE,
    SCRIPT_TAGS,
    SKIP_TAGS,
    SUBSCRIPT,
    SUPERSCRIPT,
)
from newsarchive.model import Image, Section
from newsarchive.text import tidy

CONTROL_TAGS = frozenset(sel.CONTROL_TAGS)
HIDDEN_TAGS = frozenset((*HIDDEN_INLINE_TAGS, *sel.HIDDEN_LINE_TAGS))
PRE_PARAGRAPH_RE = re.compile(r"\n[ \t\u3000]*\n")
"""A blank line in preformatted text: the end of a paragraph."""


@dataclass(slots=True)
class Para:
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
class Img:
    el: Element
    alt: str
    """The tidied ``alt`` text ("" when none)."""
    inline: bool = False
    """Inside a line of text (a formula, an emoji picture): the line stays whole, and
    the image has no caption."""


@dataclass(slots=True)
class Marker:
    text: str
    block: Element | None = None
    """The block the marker line stands in (None for a marker printed as a picture)."""


@dataclass(slots=True)
class Label:
    """A body line that may belong to the record rather than the text.

    ``kind``: ``"info"``, a source or publish-date line, read wherever it stands except
    right under a table (a table's ``来源：`` is the table's); ``"date"``, a line with a
    generic date label and one date, read only at the top or the end of the body (in the
    middle, or as a span of days, it is an event's ``时间：``); ``"lead"``, a ``摘要：``
    line, the summary only at the top of the body (below it, a paper's abstract);
    ``"views"``, a view count and its label alone, read at the top or the end (a blog's
    view counter under the text), text in the middle."""

    kind: str
    para: Para


Item = Para | Img | Marker | Label


class Walker:
    """Flattens a body container into paragraphs and images in document order.

    Block tags and ``<br>`` end a paragraph; inline tags are walked into the current
    one. Hot path: a block element without children (most ``<p>``) is taken whole.
    """

    def __init__(
        self, skip: set[Element], title_el: Element | None, lines: dict[Element, str] | None = None
    ) -> None:
        self.skip = skip
        self.title_el = title_el
        self.lines = lines or {}
        """Skipped elements read as one line each (``fields.field_rows``; ``""``: nothing)."""
        self.title_index: int | None = None
        self.out: list[Para | Img] = []
        self.block_start = 0
        """Where the block being walked began in ``out``."""
        self.image_led = False
        """The last image of the block being walked leads it (``Para.image_led``)."""

    def block(self, block: Element) -> None:
        if block.tag == "pre" and _prose(block):
            self._preformatted(block)
            return
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
            # only a line under an image asks (``classify.is_caption``)
            indented = seen_img and joined.lstrip(" \t\r\n").startswith(INDENTS)
            led = seen_img and self.image_led
            self.out.append(Para(text, block, seen_img, block.tag == "figcaption", indented, led))

    def _preformatted(self, pre: Element) -> None:
        """A ``<pre>``'s text as paragraphs: blank lines part them, and a line break
        inside one is the page's hard wrap, joined without a space between Chinese
        characters (``…“863”计\n划…`` is ``计划``)."""
        for chunk in PRE_PARAGRAPH_RE.split(text_of(pre)):
            lines = [line.strip() for line in chunk.splitlines() if line.strip()]
            if not lines:
                continue
            joined = lines[0]
            for line in lines[1:]:
                wide = ord(joined[-1]) > 0x2E7F and ord(line[0]) > 0x2E7F
                joined += line if wide else " " + line
            text = tidy(joined)
            if text:
                self.out.append(Para(text, pre, False, False))

    def _leads_block(self) -> bool:
        """Nothing but images and their captions came before this point in the block
        being walked (an image block, or a gallery of them)."""
        return all(
            isinstance(item, Img) or (item.after_image and item.image_led)
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
            elif tag in SKIP_TAGS or child in skip:
                if child is self.title_el:
                    self._flush(block, buf, seen_img)
                    self.title_index = len(self.out)
                elif child in self.lines:
                    self._flush(block, buf, seen_img)
                    if line := self.lines[child]:
                        out.append(Para(line, child, False, False))
            elif tag in IMAGE_TAGS:
                alt = tidy(child.get("alt") or "")
                if buf and (_inside_line(buf, child.tail) or _formula_in_line(child)):
                    # inside a line of text (a formula): the line goes on past it, unsplit
                    out.append(Img(child, alt, inline=True))
                else:
                    if buf:
                        self._flush(block, buf, seen_img)
                    self.image_led = self._leads_block()
                    seen_img = True
                    out.append(Img(child, alt))
            elif tag == "br":
                if buf:
                    self._flush(block, buf, seen_img)
            elif tag in BLOCK_TAGS:
                if buf:
                    self._flush(block, buf, seen_img)
                if len(child) or tag == "pre":  # block() reads a <pre> of prose
                    self.block(child)
                else:
                    text = child.text
                    if text and not text.isspace() and (text := tidy(text)):
                        out.append(Para(text, child, False, tag == "figcaption"))
            elif tag == "a" and _permalink(child):
                pass  # a link to a place on the page, printed as a sign: not text
            else:
                text = child.text
                if text:
                    buf.append(_raised(tag, text) if tag in SCRIPT_TAGS else text)
                if len(child):
                    seen_img = self._visit(child, block, buf, seen_img)
            tail = child.tail
            if tail and (buf or not tail.isspace()):
                buf.append(tail)
        return seen_img

    def items(self, container: Element, after: Iterable[Element] = ()) -> list[Para | Img]:
        """The items of ``container``, then of the blocks ``after`` it that continue its
        text (``spill.spilled``), from the headline on when the headline is inside."""
        self.block(container)
        for block in after:
            self.block(block)
        if self.title_index is not None:
            return self.out[self.title_index :]
        return self.out


@dataclass(slots=True)
class Body:
    """The body walk's results, in the served script."""

    sections: list[Section] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    original_title: str | None = None
    source_line: str | None = None
    intro_line: str | None = None


@lru_cache(maxsize=4096)
def is_ad_token(token: str) -> bool:
    """An advertisement box's ``class``/``id`` token (``selectors.AD_CLASS_PATTERN``);
    cached, since a site reuses the same few dozen tokens on every page."""
    return AD_CLASS_RE.search(token) is not None


def name_prefix(token: str) -> str:
    """A ``class``/``id`` token's first part (``ad`` of ``ad-img``, ``art`` of ``art_bd``)."""
    return CLASS_PART_SPLIT_RE.split(token, 1)[0].lower()


def own_prefixes(elements: Iterable[Element]) -> set[str]:
    """The first parts of the tokens the article's own elements (its body, its headline)
    carry. A template may name the article's parts ``ad-title``, ``ad-body``,
    ``ad-img`` (``ad`` for "article detail"): on such a page ``ad-`` is the article's
    prefix, and ``ad-img`` is its picture, not an advertisement."""
    found: set[str] = set()
    for el in elements:
        for attr in ("class", "id"):
            for token in (el.get(attr) or "").split():
                found.add(name_prefix(token))
    return found


def _raised(tag: str, text: str) -> str:
    """A ``<sup>``/``<sub>`` text in Unicode super- or subscript characters when each of
    its characters has one (``10<sup>25</sup>`` is ``10²⁵``, not ``1025``); other text
    (a footnote mark ``[1]``, ``<sup>TM</sup>``) as it is."""
    return in_script(text, SUPERSCRIPT if tag == "sup" else SUBSCRIPT) or text


def in_script(text: str, table: dict[int, int]) -> str | None:
    """``text``, trimmed, in the super- or subscript characters of ``table``
    (``patterns.SUPERSCRIPT``, ``SUBSCRIPT``) when each of its characters has one;
    else None. Shared by ``<sup>``/``<sub>`` and MathML's scripts (``formula``)."""
    stripped = text.strip()
    if stripped and all(ord(c) in table for c in stripped):
        return stripped.translate(table)
    return None


def _prose(pre: Element) -> bool:
    """Whether a ``<pre>`` holds Chinese prose (a legacy page's article), not code: no
    ``<code>`` in it, and Han for at least half its visible characters. Code stays one
    paragraph, its blank lines included."""
    if pre.find(".//code") is not None:
        return False
    text = text_of(pre)
    return han_count(text) * 2 >= len("".join(text.split()))


def _inside_line(buf: list[str], tail: str | None) -> bool:
    """Whether an image sits inside a line of text: text before it that does not end its
    sentence or introduce it (``如下图所示：``), and text after it on the same line that
    goes on with punctuation (not a figure's title, ``图1 …``)."""
    before = tidy("".join(buf))
    after = tidy(tail) if tail else ""
    if not before or not after or before.endswith(LINE_ENDS):
        return False
    # the sentence goes on past it: 损失函数定义为<img>，其中… (a figure is followed by
    # its own title, 图1 …, or by the next line)
    return after[0] in CONTINUATIONS


def _formula_in_line(img: Element) -> bool:
    """A formula drawn as a picture (``<img class="math-inline" src=".../eq_q.png">``)
    with text after it on its line: ``查询矩阵 <img> 与键矩阵`` goes on past it, though
    ``与`` is no punctuation (``_inside_line``), and the text after it is no caption."""
    tail = img.tail
    if not tail or tail.isspace():
        return False
    hints = " ".join(img.get(a) or "" for a in ("class", "data-type", "src")).lower()
    return FORMULA_HINT_RE.search(hints) is not None


PERMALINK_SIGN_MAX = 3  # characters of such a link's text, spaces included


def _permalink(a: Element) -> bool:
    """A link to a place on the page whose whole text is a sign
    (``selectors.PERMALINK_SIGNS``): what a Markdown renderer or a blog sets in each
    heading to the heading itself (``<a class="header-anchor" href="#一、主要更新">#</a>``)
    and after each footnote back to its mark (``<a href="#fnref:1">↩</a>``, Zhihu's
    ``<a href="#ref_1_0"><span>^</span></a>``). Tested in the walk, wherever it stands:
    the ``href`` first, since a body has many links and few of them are to ``#``."""
    href = a.get("href")
    if not href or href[0] != "#":
        return False
    text = text_of(a)
    return len(text) <= PERMALINK_SIGN_MAX and text.strip() in sel.PERMALINK_SIGNS


def hidden_classes(styles: Iterable[str]) -> frozenset[str]:
    """Class names that a page's own ``<style>`` rules hide (``.Rkq583 { display:none; }``).

    DedeCMS's anti-scraping option hides its strings by a class whose name changes with
    every page, declared in a ``<style>`` beside the text, rather than by their own
    style. Only a rule whose selector is a bare class counts, outside ``@media`` blocks:
    a class hidden on small screens is shown on others."""
    names: set[str] = set()
    for style in styles:
        if HIDDEN_STYLE_RE.search(style) is None:
            continue
        for selectors, declarations in CSS_RULE_RE.findall(CSS_MEDIA_RE.sub("", style)):
            if HIDDEN_STYLE_RE.search(declarations):
                for selector in selectors.split(","):
                    if m := CSS_CLASS_RE.fullmatch(selector.strip()):
                        names.add(m[1])
    return frozenset(names)


@dataclass(slots=True)
class Marked:
    """The elements of a block that the skip passes test, found in one walk over it.

    Each pass used to walk the block again, or ask libxml2 for an XPath (a union of two
    attribute tests cost 20 us on the seed's 49 elements); reading each element's
    attribute names once feeds them all, and each pass then looks at a handful."""

    block: Element
    """The block walked."""
    classes: frozenset[str]
    """The class names the page's styles hide (``hidden_classes``)."""
    styled: list[Element] = field(default_factory=list)
    """With a ``style`` attribute (the block itself included)."""
    coloured: list[Element] = field(default_factory=list)
    """``<font color>``."""
    classed: list[Element] = field(default_factory=list)
    """With a ``class``, collected only when the page's styles hide some class."""
    buttons: list[Element] = field(default_factory=list)
    """Below the block: a button's role without a picture in it, or an AMP stand-in
    (``selectors.BUTTON_ROLES``, ``selectors.STAND_IN_ATTRS``)."""
    controls: list[Element] = field(default_factory=list)
    """Form controls (``selectors.CONTROL_TAGS``)."""
    script_links: list[Element] = field(default_factory=list)
    """``<a href="javascript:…">``."""


def marked(block: Element, classes: frozenset[str]) -> Marked:
    """The elements of ``block`` (``Marked``) the skip passes test; ``classes``: the
    class names the page's styles hide (``hidden_classes``)."""
    found = Marked(block, classes)
    for el in block.iter():
        tag = el.tag
        if tag.__class__ is not str:
            continue
        if tag in CONTROL_TAGS:
            found.controls.append(el)
        names = el.keys()
        if not names:
            continue
        if "style" in names:
            found.styled.append(el)
        if classes and "class" in names:
            found.classed.append(el)
        if tag == "font" and "color" in names:
            found.coloured.append(el)
        elif tag == "a" and "href" in names and _is_script_link(el):
            found.script_links.append(el)
        if el is not block and (
            any(name in names for name in sel.STAND_IN_ATTRS)
            or (
                el.get("role") in sel.BUTTON_ROLES
                and next(el.iterdescendants(*IMAGE_TAGS), None) is None
            )
        ):
            found.buttons.append(el)
    return found


def hidden_inline(marks: Marked) -> Iterator[Element]:
    """Inline elements and lines of the body hidden by their own style, by a class the
    page's ``<style>`` hides (``hidden_classes``) or by a white ``<font>``, with short text
    (``selectors.HIDDEN_INLINE_TAGS``, ``HIDDEN_LINE_TAGS``): anti-scraping strings, not
    article text. Hidden text that continues or ends a sentence is kept
    (``selectors.HIDDEN_SENTENCE_ENDS``)."""
    candidates = dict.fromkeys((*marks.styled, *marks.coloured, *marks.classed))
    for el in candidates:
        if el.tag in HIDDEN_TAGS and _hidden(el, marks.classes):
            text = text_of(el).strip()
            if len(text) <= sel.HIDDEN_TEXT_MAX and not (
                text
                and (text[0] in sel.HIDDEN_SENTENCE_MARKS or text[-1] in sel.HIDDEN_SENTENCE_ENDS)
            ):
                yield el


def _hidden(el: Element, classes: frozenset[str]) -> bool:
    """Whether an element is hidden by its style, a hidden class or its colour."""
    style = el.get("style")
    if style and HIDDEN_STYLE_RE.search(style):
        return True
    if classes and (names := el.get("class")) and not classes.isdisjoint(names.split()):
        return True
    color = el.get("color") if el.tag == "font" else None
    return color is not None and color.strip().lower() in sel.HIDDEN_FONT_COLORS


def hidden_popups(marks: Marked) -> Iterator[Element]:
    """Blocks of the body hidden and placed over the page by their own style
    (``selectors.POPUP_STYLE_PATTERN``): a tooltip or popup, whatever its length."""
    for el in marks.styled:
        style = el.get("style")
        if el is not marks.block and HIDDEN_STYLE_RE.search(style) and POPUP_STYLE_RE.search(style):
            yield el


def icon_glyphs(container: Element) -> Iterator[Element]:
    """Elements of the body whose whole text is private-use characters: an icon font's
    glyphs (``selectors.PRIVATE_USE_PATTERN``), unless they hold a picture (a glyph beside
    an image in a link). A body without any such character is not walked."""
    if PRIVATE_USE_RE.search(text_of(container)) is None:
        return
    for el in container.iter():
        if (
            el.tag.__class__ is str
            and (text := text_of(el))
            and ICON_TEXT_RE.fullmatch(text)
            and next(el.iter(*IMAGE_TAGS), None) is None
        ):
            yield el


def control_bars(marks: Marked) -> Iterator[Element]:
    """Blocks of the body that hold a form control beside a few words (a live blog's
    ``已更新 6 条 <input type=checkbox> 自动刷新 <button>刷新</button> 最新在上``, a poll's
    options): a widget, not text. The control itself is skipped anyway
    (``selectors.SKIP_TAGS``); its bar is the nearest block above it, past a
    ``<label>``, with at most ``selectors.CONTROL_BAR_TEXT_MAX`` characters. A hidden
    input carries no widget, and a block as long as a paragraph keeps its text.

    A bar of two or more script links with counts beside them (``<a
    href="javascript:vote(1)">支持</a><em>1208</em>``) is a widget's bar too. The box
    around a bar goes with it (``widget_box``): a poll's question, a subscribe box's
    heading and pitch.

    An element with a button's role, or an AMP stand-in (``Marked.buttons``), is skipped
    itself, its bar not: a fold's ``展开全文`` ends a paragraph of the text."""
    container = marks.block
    for control in marks.controls:
        if control.get("type", "").lower() == "hidden":
            continue
        bar = _bar_of(control, container)
        if bar is not None and len(tidy(text_of(bar))) <= sel.CONTROL_BAR_TEXT_MAX:
            yield widget_box(bar, container)
    for control in marks.buttons:
        if (
            control.get("role") != "button"
            or len(tidy(text_of(control))) <= sel.CONTROL_BAR_TEXT_MAX
        ):
            yield control
    seen: set[Element] = set()
    for link in marks.script_links:
        bar = _bar_of(link, container)
        if bar is None or bar in seen:
            continue
        seen.add(bar)
        if _script_button_bar(bar):
            yield widget_box(bar, container)


def _is_script_link(a: Element) -> bool:
    return (a.get("href") or "").strip().lower().startswith("javascript:")


def _bar_of(control: Element, container: Element) -> Element | None:
    bar = control.getparent()
    while bar is not None and bar is not container and bar.tag in sel.CONTROL_WRAPPERS:
        bar = bar.getparent()
    return None if bar is None or bar is container else bar


def _script_button_bar(bar: Element) -> bool:
    """Whether ``bar`` is two or more script links and nothing but counts and
    separators beside them, in at most ``CONTROL_BAR_TEXT_MAX`` characters."""
    text = tidy(text_of(bar))
    if len(text) > sel.CONTROL_BAR_TEXT_MAX:
        return False
    labels = [label for a in bar.iter("a") if _is_script_link(a) and (label := tidy(text_of(a)))]
    if len(labels) < 2:
        return False
    for label in labels:
        text = text.replace(label, "", 1)
    return COUNTS_ONLY_RE.fullmatch(text) is not None


COUNTS_ONLY_RE = re.compile(sel.WIDGET_COUNTS_PATTERN)


def widget_box(bar: Element, container: Element) -> Element:
    """The widest block around a widget's bar, inside the body, whose text stays within
    ``selectors.WIDGET_BOX_TEXT_MAX`` characters: the box of a poll or a subscribe form
    (``<div class="vote-box"><p>你怎么看？…吗？</p><form>…</form></div>``) leaves with its
    question or pitch; a paragraph's worth of text around a bar stays, and so does a
    block holding a picture or a table (``selectors.WIDGET_BOX_KEEPS``)."""
    box = bar
    while True:
        parent = box.getparent()
        if parent is None or parent is container or parent.tag in ("body", "html"):
            return box
        if len(tidy(text_of(parent))) > sel.WIDGET_BOX_TEXT_MAX:
            return box
        if next(parent.iter(*sel.WIDGET_BOX_KEEPS), None) is not None:
            return box  # a slide show's buttons over its pictures: the pictures stay
        box = parent


CODE_WRAPPER_MAX = 3


def code_buttons(container: Element) -> Iterator[Element]:
    """A code block's copy button (``selectors.CODE_COPY_TEXTS``): an element inside a
    ``<pre>``, or beside it in its own small wrapper (the ``<pre>`` and a toolbar or
    two, ``CODE_WRAPPER_MAX`` children; not a block of the text's paragraphs, each
    ``<pre>`` of which would read them all again), whose whole text is the button's
    word. A ``<button>`` is skipped anyway; a platform prints a ``<span>``."""
    for pre in container.iter("pre"):
        block = pre
        wrapper = pre.getparent()
        if wrapper is not None and wrapper is not container and len(wrapper) <= CODE_WRAPPER_MAX:
            block = wrapper
        for el in block.iterdescendants():
            if (
                el is not pre
                and isinstance(el.tag, str)
                and tidy(text_of(el)) in sel.CODE_COPY_TEXTS
            ):
                yield el


def line_numbers(tokens: PageTokens) -> Iterator[Element]:
    """A code block's line numbers (``selectors.LINE_NUMBER_CLASSES``) that hold digits
    alone: the digits test keeps a class that names something else on another site
    (a layout's ``gutter``) from taking text with it."""
    for el in tokens.carrying(LINE_NUMBER_CLASSES):
        numbers = text_of(el).replace(".", " ").split()
        if numbers and all(n.isdigit() for n in numbers):
            yield el
