"""``ArticlePage``: one fetched page, parsed once, each field a small method.

The page object holds the parsed tree and what is found in it, each part cached and
found once: the title, the body container, the info line and the lead (in the order of
trust the package docstring gives), the walked body, and the record's fields read from
them. The judgements it needs are plain functions in their own modules (``title``,
``info``, ``checks``, ``walk``, ``assemble``); what stays here is the page's state and
the order in which things are looked for. The largest module of the package: its
methods share that cached state, and a class split over files would spread the state
without making any part simpler."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from datetime import datetime
from functools import cached_property
from itertools import chain, islice

from newsarchive import selectors as sel
from newsarchive.article_pages import MAX_PAGE_LINKS, PageLink, is_pager_text
from newsarchive.dates import (
    dated_by_url,
    find_date_text,
    month_day,
    parse_published,
    prints_day_only,
    url_day,
)
from newsarchive.decoding import decode_html
from newsarchive.dom import (
    BODY_TEXT_NODES,
    Element,
    PageTokens,
    absolute,
    base_url,
    block_ancestor,
    ends_before,
    first_child,
    first_descendant,
    han_count,
    is_descendant,
    linked_weight,
    parse_html,
    previous_element,
    strip_non_content,
    text_of,
    text_owner,
    touches,
    weight_without,
)
from newsarchive.extract.assemble import assemble
from newsarchive.extract.captionrows import pair_caption_rows
from newsarchive.extract.checks import (
    garbled,
    holds_sentence,
    lists_items,
    lists_pages,
    mostly_listed,
    private_use_damage,
    repeated_items,
    weight_up_to,
)
from newsarchive.extract.density import Density, densest
from newsarchive.extract.fields import block_beside, field_rows
from newsarchive.extract.formula import settle as settle_formulas
from newsarchive.extract.gallery import figures_after, gallery_beside
from newsarchive.extract.hints import (
    ClassParts,
    class_parts,
    hinted,
    hinted_date,
    hinted_day,
    hinted_source,
    hinted_views,
    hinted_yearless,
    icon_date,
    icon_views,
    named_source,
)
from newsarchive.extract.info import (
    Info,
    joined_text,
    json_ld_date,
    leads_away,
    parse_date_raw,
    parse_origin,
    parse_publisher,
    parse_source,
    parse_views,
    scan_scripts,
)
from newsarchive.extract.infoline import (
    LabelNodes,
    blocks_after,
    card_line,
    date_by_title,
    issue_line,
    lead_blocks,
    publish_line_elsewhere,
    search_info_line,
    source_line_elsewhere,
    views_line_elsewhere,
)
from newsarchive.extract.patterns import (
    ANY_LABEL_RE,
    ARTICLE_TEXT_SHARE,
    BIG_FONTS,
    BODY_CONTAINERS,
    BOILERPLATE_CLASSES,
    GENERIC_HEADINGS,
    HEADER_TIMES,
    INFO_ANY_LABEL_RE,
    INFO_CONTAINERS,
    INFO_MAX_TEXT,
    INTRO_CONTAINERS,
    INTRO_LABEL_RE,
    INTRO_LEAD_MIN_HAN,
    INTRO_LINE_RE,
    KEYWORD_CONTAINERS,
    KEYWORD_LABEL_RE,
    KEYWORD_LINK_SPLIT_RE,
    KEYWORD_SPLIT_RE,
    LABEL_LINE_MAX,
    LIGHT_BODY_OUTWEIGHED,
    LIST_LINKS,
    LISTING_LINKS,
    LISTING_MAX_BODY_WEIGHT,
    META,
    META_DATE_NAMES,
    MIN_DENSITY_BODY_WEIGHT,
    MIN_GENERIC_LIST_LINKS,
    MIN_KNOWN_BODY_WEIGHT,
    MIN_LISTING_LINKS,
    MIN_OWN_PARAGRAPHS,
    MIN_SIDE_LINKS,
    NOTICE_BESIDE_MAX,
    NOTICE_BODY_MAX,
    NOTICE_MAX_TEXT,
    ORIGIN_TEXT,
    ORIGINAL_TITLE_RE,
    PAGE_LINKS,
    PUBLISH_LABEL_RE,
    PUBLISHED_METAS,
    PUBLISHED_TIMES,
    RELATED_CONTAINERS,
    SCRIPT_SAMPLE,
    SENTENCE_END,
    SITE_LOGO_NAMES,
    SITE_NAME_RE,
    TEASER_RE,
    TEXT_TAGS_BESIDE,
    TITLE_CLASS_ELEMENTS,
    TITLE_HEADINGS,
    UPDATE_LABEL_RE,
    UPDATE_MARK_RE,
)
from newsarchive.extract.record import (
    OUTPUT_SCRIPTS,
    batch_simplified,
    convert_texts,
)
from newsarchive.extract.spill import spilled
from newsarchive.extract.title import (
    heading_lead,
    opens_at_separator,
    same_title,
    strip_channel_suffix,
    strip_known_channel,
    strip_own_name,
    strip_site_suffix,
    title_part,
    without_badge_prefix,
    without_badges,
)
from newsarchive.extract.walk import (
    Body,
    Img,
    Para,
    Walker,
    code_buttons,
    control_bars,
    hidden_classes,
    hidden_inline,
    hidden_popups,
    icon_glyphs,
    is_ad_token,
    line_numbers,
    marked,
    name_prefix,
    own_prefixes,
)
from newsarchive.model import Article, Image, NotAnArticle, RelatedLink, Section, format_fetched_at
from newsarchive.text import Script, clean, content_hash, detect_script, tidy
from newsarchive.urls import article_id, canonical_url, is_http_url

HEADING_TAGS = ("h1", "h2", "h3")


def _outside_headings(elements: list[Element]) -> Iterator[Element]:
    """``elements`` not inside a heading: a part of a heading (its subtitle's ``<span
    class="subtitle">``) is not the headline; the heading was judged whole."""
    return (el for el in elements if next(el.iterancestors(*HEADING_TAGS), None) is None)


def _line_inside(el: Element, container: Element) -> bool:
    """Whether ``el`` is a line's block inside ``container``: not the container itself
    nor one of its ancestors, and no longer than a label line (``LABEL_LINE_MAX``)."""
    return (
        el is not container and is_descendant(el, container) and len(text_of(el)) <= LABEL_LINE_MAX
    )


def _heading_text(el: Element) -> str:
    """A headline element's text: tidied, without badges, without a site suffix."""
    text = tidy(text_of(el))
    if len(el):
        text = without_badges(el, text)
    return strip_site_suffix(without_badge_prefix(text))


def _captions_as_text(body: Body) -> None:
    """A photo-news page's text is its pictures' captions (one picture over a caption of
    a sentence or more, ``图为…新华社记者 李鑫 摄``): they are its text too, so the record
    has a text to read and to hash like any other. Captions without a sentence (names,
    numbers) leave the page without one: a gallery of labels or an error page."""
    captions = [image.caption for image in body.images if image.caption]
    if holds_sentence(captions):
        body.sections = [Section(None, captions)]


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
        if garbled(text):
            raise NotAnArticle("undecodable", f"{url} as {self.encoding}")
        root = parse_html(text)
        if root is None or first_child(root, "body") is None:
            raise NotAnArticle("empty", url)
        self._base = base_url(root, url)
        settle_formulas(root, text)  # before scripts go: MathJax 2 keeps TeX in them
        self._scripts = scan_scripts(root)
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
        full = without_badge_prefix(tidy(text_of(el))) if el is not None else ""
        text = strip_site_suffix(full)
        if text != full:
            text = strip_channel_suffix(text, self._link_texts)
        else:
            text = strip_own_name(strip_known_channel(text), self._own_names)
        return text if text and not SITE_NAME_RE.match(text) else None

    def _own_names(self) -> set[str]:
        """The names the page gives its own site (``SITE_LOGO_NAMES``), tidied."""
        return {tidy(str(name)) for name in SITE_LOGO_NAMES(self._root)} - {""}

    def _link_texts(self) -> set[str]:
        """Tidied texts of the page's links (breadcrumb and navigation name the channel)."""
        return {tidy(text_of(a)) for a in self._root.iter("a")}

    @cached_property
    def _known_title(self) -> tuple[str, Element] | None:
        """The headline from a known title selector (``TITLE_HEADINGS``), if any."""
        for selector in TITLE_HEADINGS:
            for el in selector(self._root, self._tokens):
                text = _heading_text(el)
                if text and not SITE_NAME_RE.match(text):
                    return text, el
        return None

    @cached_property
    def _title(self) -> tuple[str | None, Element | None]:
        if self._known_title is not None:
            return self._known_title
        page_title = self._page_title
        if page_title:
            headings = GENERIC_HEADINGS(self._root)
            found = self._title_agreeing(page_title, headings)
            if found is None:
                found = self._title_part_printed(page_title)
            if found is None:
                # a generic <title> (资讯详情): the headline og:title declares, printed
                meta_title = self._meta_title
                if meta_title and meta_title != page_title:
                    found = self._title_agreeing(meta_title, headings)
            if found is None and self._names_the_site(page_title):
                found = self._lone_h1()
            return found or (page_title, None)
        for el in self._root.iter("h1"):
            text = _heading_text(el)
            if text and not SITE_NAME_RE.match(text):
                return text, el
        for el in BIG_FONTS(self._root):
            # a legacy table layout's headline: <font size=5><b>…</b></font>, no heading tag
            text = tidy(text_of(el))
            if (
                sel.FONT_TITLE_MIN <= len(text) <= sel.FONT_TITLE_MAX
                and not text.endswith(SENTENCE_END)
                and not SITE_NAME_RE.match(text)
            ):
                return text, el
        return None, None

    def _names_the_site(self, page_title: str) -> bool:
        """Whether ``<title>`` opens with a name the page gives its own site (its logo's
        ``alt``, its ``og:site_name``): ``明報新聞網 - 每日明報 daily news``, the same on every
        page, names no article."""
        return any(page_title.startswith(name) for name in self._own_names())

    def _lone_h1(self) -> tuple[str, Element] | None:
        """The page's only ``<h1>``, read when ``<title>`` is the site's name
        (``_names_the_site``) and no heading agrees with it. Not a site's name, not a
        channel's (fewer than ``FONT_TITLE_MIN`` characters), not a link to another page
        (a logo's)."""
        found: tuple[str, Element] | None = None
        for el in self._root.iter("h1"):
            if found is not None:
                return None  # two: neither is known to be the headline
            text = _heading_text(el)
            if (
                sel.FONT_TITLE_MIN <= len(text) <= sel.FONT_TITLE_MAX
                and not SITE_NAME_RE.match(text)
                and not any(leads_away(a) for a in el.iter("a"))
                and not any(leads_away(a) for a in el.iterancestors("a"))
            ):
                found = text, el
            else:
                return None
        return found

    def _title_agreeing(
        self, page_title: str, headings: list[Element]
    ) -> tuple[str, Element] | None:
        """The heading (or its lead, before an info line inside it) that prints
        ``page_title``, else a heading or an element named as a title that is one end of
        it (``title_part``)."""
        opening: tuple[str, Element] | None = None
        for el in headings:
            text = _heading_text(el)
            lead = heading_lead(el)
            if lead and lead.replace(" ", "") == page_title.replace(" ", ""):
                return lead, el  # an info line inside the heading: the title is its lead
            for found in (text, lead):
                if found and same_title(found, page_title):
                    if not opens_at_separator(found, page_title):
                        return found, el
                    opening = opening or (found, el)
        # the headline as one end of a <title> whose site name no rule knows, in a
        # heading or in an element named as a title (<div class="h-title">)
        for el in chain(headings, _outside_headings(TITLE_CLASS_ELEMENTS(self._root))):
            text = _heading_text(el)
            if text and title_part(text, page_title) and (opening is None or el in headings):
                return text, el
        # a heading that opens <title> before a separator: a blog's name over its post
        # (博客名 » Blog Archive » 标题) gives way to a heading printing the other end
        return opening

    @cached_property
    def _meta_title(self) -> str | None:
        """The headline ``og:title`` (or ``twitter:title``) declares, without a site
        suffix: trusted only where the page prints it too."""
        meta = self._meta
        for name in sel.META_TITLE_NAMES:
            text = strip_site_suffix(tidy(meta.get(name, "")))
            if text and not SITE_NAME_RE.match(text):
                return text
        return None

    def _title_part_printed(self, page_title: str) -> tuple[str, Element] | None:
        """The longest text of an element with no child elements, outside links, that
        is one end of ``<title>`` cut at a separator: a headline printed in an element
        named for nothing (an e-paper's ``<td class="font01">``). Read only when no
        heading and no title-classed element agrees with ``<title>``."""
        if not any(sep in page_title for sep in sel.TITLE_PART_SEPARATORS):
            return None
        compact = page_title.replace(" ", "")
        best: tuple[str, Element] | None = None
        for el in self._root.iter(*sel.TITLE_PART_TAGS):
            raw = el.text
            if not raw or len(el) or len(raw) < sel.MIN_TITLE_PART:
                continue
            if raw.strip().replace(" ", "") not in compact:
                continue  # most texts: a substring test spares the rest
            text = tidy(raw)
            if (
                (best is None or len(text) > len(best[0]))
                and title_part(text, page_title)
                and next(el.iterancestors("a", *HEADING_TAGS), None) is None
            ):
                best = (text, el)
        return best

    @cached_property
    def _body_container(self) -> tuple[Element | None, bool, int]:
        """(container, found by a known selector, its text weight up to the listing bound).

        A known container holding little text (under ``LISTING_MAX_BODY_WEIGHT``) that ends
        before the headline starts is a card or a teaser in the page's top bar (themes
        use ``<article>`` for those too), not the article: the search goes on past it.
        One after the headline may be a card too (CSDN's recommendations under the text
        are ``div.content`` boxes, found before its ``div.article_content``): a later
        known container, not around it, holding ``LIGHT_BODY_OUTWEIGHED`` times its text
        is the article's, and so is a block of paragraphs found by density, not around it,
        holding a whole article (the listing bound): 豆瓣's comments are ``div.content``
        boxes under a note written in ``<br>`` lines. A shorter block does not win: an
        author's bio above excerpt cards is no article.
        """
        headline = self._title[1]
        light: tuple[Element, int] | None = None
        for selector in BODY_CONTAINERS:
            for el in selector(self._root, self._tokens):
                weight = weight_up_to(el, LISTING_MAX_BODY_WEIGHT)
                if weight < MIN_KNOWN_BODY_WEIGHT or (
                    weight < LISTING_MAX_BODY_WEIGHT
                    and headline is not None
                    and ends_before(el, headline)
                ):
                    continue
                if light is None:
                    if weight >= LISTING_MAX_BODY_WEIGHT:
                        return self._text_block_of(el), True, weight
                    light = (el, weight)
                elif weight >= LIGHT_BODY_OUTWEIGHED * light[1] and not is_descendant(light[0], el):
                    return self._text_block_of(el), True, weight
        found = self._density
        if light is not None and (
            found is None
            or found.score < LISTING_MAX_BODY_WEIGHT
            or is_descendant(found.element, light[0])
            or is_descendant(light[0], found.element)
        ):
            return self._text_block_of(light[0]), True, light[1]
        # past a light container, the density block holds the listing bound: it is taken
        if found is not None and (
            found.score >= MIN_DENSITY_BODY_WEIGHT
            or (found.score >= MIN_KNOWN_BODY_WEIGHT and self._is_article_shaped(found.seed))
        ):
            return found.element, False, weight_up_to(found.element, LISTING_MAX_BODY_WEIGHT)
        return None, False, 0

    def _text_block_of(self, container: Element) -> Element:
        """The block inside a known container that holds its text, when one block holds
        nearly all of it (``ARTICLE_TEXT_SHARE``), all told, without boilerplate, or
        outside links (知乎's topics, column card and recommendations under the text are
        links but for a line or two): themes put the author's card, the
        meta line and a key-points box in the ``<article>`` beside the text, and portals
        put a column of hot links beside the text column in ``div.article-content``.

        A container whose own children include ``MIN_OWN_PARAGRAPHS`` paragraphs holds its
        text itself (most portal templates): the density search is not run for it. Other
        than an ``<article>``, a container is narrowed only when what is left out is
        furniture (``_furniture_beside``): a table or a quoted box after the text is text.
        """
        own = 0
        for child in container:
            if child.tag == "p":
                own += 1
                if own >= MIN_OWN_PARAGRAPHS:
                    return container
        found = self._density
        if (
            found is None
            or found.element is container
            or not is_descendant(found.element, container)
        ):
            return container
        inner = weight_up_to(found.element, 10**9)
        total = weight_up_to(container, 10**9)
        if (
            inner < ARTICLE_TEXT_SHARE * total
            # a platform's comments under the text weigh nothing: they leave anyway
            and inner < ARTICLE_TEXT_SHARE * weight_without(container, self._boilerplate)
            # nor do its cards and lists of links (知乎's column card, 推荐阅读, topics)
            and inner - linked_weight(found.element)
            < ARTICLE_TEXT_SHARE * (total - linked_weight(container))
        ):
            return container
        if container.tag != "article" and not _furniture_beside(
            container, found.element, self._boilerplate
        ):
            return container  # a data table or a box after the text is the article's
        return found.element

    @cached_property
    def _boilerplate(self) -> frozenset[Element]:
        """The elements carrying a boilerplate class (``BOILERPLATE_CLASSES``): the walk
        skips them, and the choice of the text's block weighs the container without them.
        Read from the page's class index once for both."""
        return frozenset(self._tokens.carrying(BOILERPLATE_CLASSES))

    @cached_property
    def _density(self) -> Density | None:
        return densest(self._root, self._headline)

    @cached_property
    def _headline(self) -> Element | None:
        """The headline element when it is no link: a linked heading that agrees with
        ``<title>`` may be a card's on a listing (a tag page named like one of its
        articles), and bounds nothing."""
        el = self._title[1]
        if el is None or el.find(".//a") is not None:
            return None
        return el if next(el.iterancestors("a"), None) is None else None

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
            and len(LIST_LINKS(self._root)) < MIN_GENERIC_LIST_LINKS
            and repeated_items(candidate, self._headline) < MIN_LISTING_LINKS
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
            if ANY_LABEL_RE.search(node)
        ]

    @cached_property
    def _info_el(self) -> Element | None:
        """The info line: a known container with a label or date, else the first block
        near a label that holds two of source/date/views (or one, outside the body)."""
        if self._known_info_el is not None:
            return self._known_info_el
        found = search_info_line(self._label_nodes, self._body_container[0], self._title[1])
        return found if found is not None else self._hinted_line

    @cached_property
    def _hinted_line(self) -> Element | None:
        """An info line with no labels, between the headline and the text: a short
        block whose elements, by their classes, print a date and a source or a view
        count, before any sentence (``<div class="m-info"><span class="m-src">澎湃新闻</span><span
        class="m-time">11-05 16:40</span>``). Found wherever the text starts, so also
        inside the body when the body's container holds the headline, where the line
        is then no text. There a date alone will do (a mobile page's author card,
        ``<span class="name">智车科技</span><span class="time">2019-07-15 08:12</span>
        <a>+关注</a>``): left in, the card would open the text. Only the first two blocks
        that print something are asked."""
        seen = 0
        body = self._body_container[0]
        for block in lead_blocks(self._title[1], body):
            text = joined_text(block).strip()
            if not text:
                continue
            if text.endswith(SENTENCE_END):
                break  # the text has begun
            if len(text) <= INFO_MAX_TEXT and (
                self._hints_fields([block])
                or (body is not None and is_descendant(block, body) and self._dates([block]))
            ):
                return block
            seen += 1
            if seen == 2:
                break
        return None

    def _dates(self, zone: list[Element]) -> bool:
        """Whether ``zone``'s class-hinted elements print a date alone (or a day without
        its year)."""
        return hinted_day(hinted(zone, self._tokens, self._class_parts, sel.DATE_CLASS_HINTS))

    def _hints_fields(self, zone: list[Element]) -> bool:
        """Whether ``zone``'s class-hinted elements print a date alone (or a day
        without its year) and a source or a view count."""
        parts, tokens = self._class_parts, self._tokens
        if not self._dates(zone):
            return False
        return (
            hinted_source(hinted(zone, tokens, parts, sel.SOURCE_CLASS_HINTS)) is not None
            or hinted_views(hinted(zone, tokens, parts, sel.VIEWS_CLASS_HINTS)) is not None
        )

    def _dated_under_headline(self) -> bool:
        """The page prints an article's info line of its own in the headline's zone,
        outside the body: a publish date with its source or view count. A weekly digest
        of dated links under ``<h1>`` and ``发布日期：… 浏览：…`` is an article; a listing
        prints no such line of its own (its dates are its items'), and a comment page's
        line under the article's title has a date alone."""
        el = self._info_el
        if el is None or self._touches_body(el):
            return False
        if not any(el is z or is_descendant(el, z) for z in self._headline_zone):
            return False
        text = joined_text(el)
        return parse_date_raw(text) is not None and (
            parse_source(text) is not None or parse_views(text) is not None
        )

    def _touches_body(self, el: Element) -> bool:
        return touches(el, self._body_container[0])

    @cached_property
    def _known_info_el(self) -> Element | None:
        """A known info container (``INFO_CONTAINERS``) that carries a label or a date,
        and is no card's line of another article (``infoline.card_line``)."""
        for selector in INFO_CONTAINERS:
            for el in selector(self._root, self._tokens):
                text = text_of(el)
                if (
                    len(text) <= INFO_MAX_TEXT
                    and (INFO_ANY_LABEL_RE.search(text) or find_date_text(text))
                    and not card_line(el, self._title[1])
                ):
                    return el
        return None

    @cached_property
    def _intro(self) -> tuple[Element | None, str | None]:
        """The lead's element, and its tidied text when a known container gave it."""
        for selector in INTRO_CONTAINERS:
            for el in selector(self._root, self._tokens):
                text = tidy(text_of(el))
                if text:
                    return el, text
        body = self._body_container[0]
        for text, owner in self._label_nodes:
            if INTRO_LABEL_RE.match(text.strip()):
                block = block_ancestor(owner)
                line = joined_text(block).strip()
                if not INTRO_LINE_RE.match(line) and not _label_before_lead(owner, text):
                    continue  # <strong>摘要</strong>: … has its colon outside the label
                if not INTRO_LABEL_RE.sub("", line, count=1):
                    block = self._lead_box_of_label(block, body)
                # a lead line inside the body is the body walk's to judge (its top only)
                if body is None or not (block is body or is_descendant(block, body)):
                    return block, None
        return None, None

    @staticmethod
    def _lead_box_of_label(label: Element, body: Element | None) -> Element:
        """A label alone in its block (``<div>导读：</div><div>…</div>``): the box holding
        it and the lead, when that box holds those two blocks alone and not the body."""
        box = label.getparent()
        if (
            box is None
            or box.tag in ("body", "html")
            or touches(box, body)
            or sum(1 for child in box if child.tag.__class__ is str) != 2
        ):
            return label
        return box

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
        return None if text is None else INTRO_LABEL_RE.sub("", text, count=1).strip()

    @cached_property
    def _info(self) -> Info:
        el = self._info_el
        text = joined_text(el) if el is not None else ""
        source = parse_source(text)
        if source is None and self._body.source_line:
            source = parse_source(self._body.source_line)
        if source is None:
            source = parse_publisher(text)
        date_raw = parse_date_raw(text)
        if date_raw is not None and self._update_only(text) and self._machine_date:
            date_raw = self._machine_date  # 更新时间 printed, datePublished declared
        if date_raw is None and self._body.source_line:
            date_raw = parse_date_raw(self._body.source_line)
        if date_raw is None:
            date_raw = (
                self._machine_date
                or publish_line_elsewhere(*self._elsewhere)
                or date_by_title(self._title[1], self._body_container[0])
                or hinted_date(self._hinted(sel.DATE_CLASS_HINTS, el))
                or icon_date(self._headline_zone)
                or (self._issue[1] if self._issue else None)
            )
        if source is None:
            source = hinted_source(self._hinted(sel.SOURCE_CLASS_HINTS, el))
        if source is None:
            source = source_line_elsewhere(*self._elsewhere)
        if source is None and self._issue:
            source = self._issue[0]
        if source is None:
            source = parse_origin("\n".join(ORIGIN_TEXT(self._root)))
        if source is None:
            source = self._meta_source()
        views = parse_views(text)
        if views is None and self._body.source_line:
            views = parse_views(self._body.source_line)  # the line under the text
        if views is None and self._scripts.counter is None:
            # also the info line's own count: <span class="post-views"><i></i>1236</span>
            # in a line whose other parts are labelled, under a headline inside the body
            views = hinted_views(self._hinted(sel.VIEWS_CLASS_HINTS, el))
            if views is None:
                views = icon_views(self._zone(el))
            if views is None:
                views = views_line_elsewhere(*self._elsewhere)
        if views == 0 and self._scripts.writes_count:
            views = None  # 迅睿's <span class="dr_show_hits_125">0</span>, which a script fills
        return Info(source, date_raw, views)

    @staticmethod
    def _update_only(text: str) -> bool:
        """Whether the info line dates the article only by its update time
        (``更新时间：2025-01-09 17:20``, no publish label): the publish time the page
        declares for machines, when it declares one, is then the publish date; without
        one the update time is the date there is."""
        return UPDATE_LABEL_RE.search(text) is not None and PUBLISH_LABEL_RE.search(text) is None

    @property
    def _elsewhere(self) -> tuple[LabelNodes, Element | None, Element | None]:
        """What the searches for a line elsewhere take: the label nodes, the body and
        the headline."""
        return self._label_nodes, self._body_container[0], self._title[1]

    @cached_property
    def _issue(self) -> tuple[str, str] | None:
        """(paper, day) of the page's newspaper issue line (``infoline.issue_line``)."""
        return issue_line(self._root)

    @cached_property
    def _headline_zone(self) -> list[Element]:
        """The headline's own block and the two blocks after it, none of them holding or
        inside the body: where a template prints an unlabelled date or source. The own
        block is the headline's wrapper when that holds no body (``<div class="a-title">
        <h1>``), and the blocks after are the wrapper's. Last, the short block right
        before it (36氪 prints ``<a>作者</a><span class="item-time">·2023-10-20 09:30</span>``
        over the headline)."""
        title_el = self._title[1]
        if title_el is None:
            return []
        parent = title_el.getparent()
        own = (
            parent
            if parent is not None
            and parent.tag not in ("body", "html")
            and not self._touches_body(parent)
            else title_el
        )
        zone = [own, *islice(blocks_after(own, self._body_container[0]), 2)]
        before = previous_element(own)
        if (
            before is not None
            and before.tag not in ("header", "nav")  # the site's, with today's date
            and not self._touches_body(before)
            and len(text_of(before)) <= INFO_MAX_TEXT
        ):
            zone.append(before)
        return zone

    def _hinted(self, hints: tuple[str, ...], info: Element | None = None) -> Iterator[Element]:
        """Elements of the headline zone (and of the info line ``info``) classed as
        ``hints`` say (``extract.hints``)."""
        return hinted(self._zone(info), self._tokens, self._class_parts, hints)

    def _zone(self, info: Element | None) -> list[Element]:
        """The headline zone, and the info line ``info`` when given: where the fallbacks
        by class hint and by icon look."""
        return self._headline_zone if info is None else [*self._headline_zone, info]

    @cached_property
    def _class_parts(self) -> ClassParts:
        return class_parts(self._tokens)

    def _declared_date(self, info_el: Element | None) -> str | None:
        """The publish date the page declares for machines, when it prints none: JSON-LD
        ``datePublished``, else a ``<time datetime>`` in the info line or one marked as the
        publish time (``selectors.PUBLISHED_TIME_XPATH``), else microdata's ``<meta
        itemprop="datePublished">`` (``selectors.PUBLISHED_META_XPATH``), else the time
        WeChat's script sets (``selectors.SCRIPT_DATE_PATTERN``)."""
        for text in self._scripts.json_ld:
            found = json_ld_date(text)
            if found is not None:
                return found
        times = list(info_el.iter("time")) if info_el is not None else []
        times += self._zone_times()
        title_el = self._title[1]
        header = title_el.getparent() if title_el is not None else None
        body = self._body_container[0]
        if (
            header is not None
            and header.tag not in ("body", "html")
            and not (body is not None and is_descendant(body, header))
        ):
            times += HEADER_TIMES(header)  # WordPress: <header><h1/><time class=published>
        for el in [*PUBLISHED_TIMES(self._root), *times, *PUBLISHED_METAS(self._root)]:
            # a <time>'s datetime, a microdata <meta>'s content
            value = clean(el.get("datetime") or el.get("content") or "")
            if value and find_date_text(value):
                return value
        return self._scripts.date

    def _zone_times(self) -> list[Element]:
        """``<time datetime>`` elements in the blocks right after the headline, outside
        the body, that print a date and are not marked as an update (Typecho's ``<ul
        class="post-meta"><li>时间: <time datetime>2024-09-30</time>``: a list item, which
        ``PUBLISHED_TIME_XPATH`` passes over). Not one in an ``<aside>``, ``<nav>`` or
        ``<footer>`` (a related list's), nor one printing a title (``旧文``)."""
        found = []
        for block in self._headline_zone:
            if self._touches_body(block):
                continue
            for el in block.iter("time"):
                marks = f"{el.get('itemprop') or ''} {el.get('class') or ''}".lower()
                printed = text_of(el)
                if (
                    el.get("datetime")
                    and not UPDATE_MARK_RE.search(marks)
                    and (find_date_text(printed) or month_day(printed))
                    and not any(a.tag in ("aside", "nav", "footer") for a in el.iterancestors())
                ):
                    found.append(el)
        return found

    @cached_property
    def _machine_date(self) -> str | None:
        """The publish date the page declares for machines: a date ``<meta>``, else
        JSON-LD or a ``<time datetime>`` (``_declared_date``); as declared."""
        return self._meta_date() or self._declared_date(self._info_el)

    def _meta_date(self) -> str | None:
        """The publish date of ``<meta property="article:published_time">`` (or ``pubdate``
        and the like), as printed; the fallback when the page prints none."""
        meta = self._meta
        for name in META_DATE_NAMES:
            value = clean(meta.get(name, ""))
            if value and find_date_text(value):
                return value
        return None

    def _meta_source(self) -> str | None:
        """The source ``<meta name="source">`` declares (``36氪``, or people.cn's
        ``来源：人民网－人民日报``): the last fallback, for a page that prints none."""
        meta = self._meta
        for name in sel.META_SOURCE_NAMES:
            source = named_source(tidy(meta.get(name, "")))
            if source:
                return source
        return None

    @cached_property
    def _meta(self) -> dict[str, str]:
        """Each ``<meta>``'s content by its name, property or ``http-equiv``: JEECMS's
        stock template declares ``<meta http-equiv="description" content="…">``."""
        found: dict[str, str] = {}
        for el in META(self._root):
            name = (el.get("name") or el.get("property") or el.get("http-equiv") or "").strip()
            name = name.lower()
            if name and name not in found:
                found[name] = el.get("content") or ""
        return found

    @cached_property
    def _body(self) -> Body:
        container = self._body_container[0]
        if container is None:
            return Body()
        title, title_el = self._title
        skip = set(self._boilerplate)
        tokens = self._tokens
        ads = [f".{name}" for name in tokens.classes if is_ad_token(name)]
        ads += [f"#{ident}" for ident in tokens.ids if is_ad_token(ident)]
        if ads:
            own = own_prefixes(e for e in (container, title_el) if e is not None)
            for key in ads:
                if name_prefix(key[1:]) not in own:
                    skip.update(tokens.carriers[key])
        skip.update(e for e in (title_el, self._info_el, self._intro_el) if e is not None)
        keywords = self._keywords_el
        if keywords is not None and _line_inside(keywords, container):
            skip.add(keywords)  # 文章关键词： under the text is the keywords field's
        spill = spilled(container, skip)
        hidden = hidden_classes(self._scripts.styles)
        for block in (container, *spill):
            marks = marked(block, hidden)
            skip.update(hidden_inline(marks))
            skip.update(hidden_popups(marks))
            skip.update(icon_glyphs(block))
            skip.update(control_bars(marks))
            skip.update(code_buttons(block))
        skip.update(line_numbers(tokens))
        rows = field_rows(container)
        skip.update(rows)
        items = pair_caption_rows(Walker(skip, title_el, rows).items(container, spill))
        if not rows:
            # an exhibition's field block beside its introduction opens the text
            beside = block_beside(self._root, container, title_el, title)
            items[:0] = [Para(line, row, False, False) for row, line in beside]
        # a 组图 page's slides open the text, as they do the page; photos under it end it
        items[:0] = _picture_items(gallery_beside(container, title_el))
        items.extend(_picture_items(figures_after(container, title_el)))
        body = assemble(items, title, self._base, container, lead=self._lead_box_text())
        if not any(s.paragraphs for s in body.sections):
            _captions_as_text(body)
        return body

    # ----------------------------------------------------------------- checks
    @cached_property
    def _title_text(self) -> str:
        """The ``<title>`` element's text as it stands ('' without one), which the
        not-found and unavailable checks read."""
        title_el = first_descendant(self._root, "title")
        return text_of(title_el) if title_el is not None else ""

    def _is_not_found(self) -> bool:
        """A not-found notice: a marker in ``<title>`` or in the headline, on any page
        (a soft 404 lists hot articles under its notice, as long as an article's text);
        in the body text, only on a short page."""
        if _says_not_found(self._title_text) or _says_not_found(self._title[0] or ""):
            return True
        if self._body_container[2] >= LISTING_MAX_BODY_WEIGHT:
            return False
        text = clean(self._page_text)
        return len(text) <= NOTICE_MAX_TEXT and _says_not_found(text)

    @cached_property
    def _page_text(self) -> str:
        """The text of ``<body>`` as it stands, which the checks of a short page read (a
        not-found notice, a teaser's note); a long page never needs it."""
        return text_of(first_child(self._root, "body"))

    def _is_unavailable(self) -> bool:
        """A captcha, rate-limit or maintenance page answered with status 200: its
        ``<title>`` or headline opens with ``selectors.UNAVAILABLE_TITLE_OPENERS``."""
        titles = (self._title_text.strip(), self._title[0] or "")
        return any(t.startswith(sel.UNAVAILABLE_TITLE_OPENERS) for t in titles)

    def _known_container_notice(self) -> bool:
        """The first known body container holds a notice alone (``该内容因违反相关规定已被
        屏蔽``), too short to be taken for the body: the search then lands elsewhere (a
        sidebar of teasers), while the headline and info line are still printed."""
        for selector in BODY_CONTAINERS:
            for el in selector(self._root, self._tokens):
                return _is_notice(tidy(text_of(el)))
        return False

    def _body_is_notice(self) -> bool:
        """The body's text, found in a known container, is a notice alone."""
        return _is_notice("".join(self._paragraphs()))

    def _is_teaser(self) -> bool:
        """The text found is short and the page says the rest of it is elsewhere
        (``selectors.TEASER_PATTERN``): a share page's or a members' wall's opening lines."""
        total = 0
        for paragraph in self._paragraphs():
            total += len(paragraph)
            if total > sel.TEASER_MAX_TEXT:
                return False
        return TEASER_RE.search(self._page_text) is not None

    def _paragraphs(self) -> Iterator[str]:
        """The body's paragraphs in order, across its sections."""
        return chain.from_iterable(s.paragraphs for s in self._body.sections)

    def _listing_links(self) -> int:
        return sum(len(selector(self._root, self._tokens)) for selector in LISTING_LINKS)

    def check(self) -> None:
        """Raise ``NotAnArticle`` unless the page is an article with a title and a body."""
        if self._is_not_found():
            raise NotAnArticle("not_found_notice", self.url)
        if self._is_unavailable():
            raise NotAnArticle("unavailable", self.url)
        container, known, body_weight = self._body_container
        if not known and self._known_container_notice():
            raise NotAnArticle("not_found_notice", self.url)
        links = 0
        if not known:
            links = self._listing_links()
            if container is not None and self._density is not None:
                # A listing is judged by the element density scored best, not the block
                # it widened to: on a listing, that is one item of the repeated list,
                # and the block is the list.
                seed = self._density.seed
                body_weight = weight_up_to(seed, LISTING_MAX_BODY_WEIGHT)
                if links < MIN_LISTING_LINKS:
                    links = repeated_items(seed, self._headline)
        elif container is not None and body_weight < LISTING_MAX_BODY_WEIGHT:
            # a known container that is one item of a listing (Ghost's tag page: eight
            # <article class="post-card">, each an excerpt with its link and date)
            links = repeated_items(container, self._headline)
        if (
            container is not None
            and not known
            and lists_pages(container)
            and not self._dated_under_headline()
        ):
            raise NotAnArticle("listing", self.url)
        if container is None or (
            links >= MIN_LISTING_LINKS and body_weight < LISTING_MAX_BODY_WEIGHT
        ):
            listing = (
                links >= MIN_LISTING_LINKS
                or len(LIST_LINKS(self._root)) >= MIN_GENERIC_LIST_LINKS
                or mostly_listed(self._root)
            )
            raise NotAnArticle("listing" if listing else "no_body", self.url)
        if not any(s.paragraphs for s in self._body.sections):
            # Every record has text: the archive schema requires a section, and a page
            # with images but no paragraph is a gallery or an error page, not an article.
            raise NotAnArticle("no_body", self.url)
        if (
            not known
            and self._title[1] is None
            and body_weight < LISTING_MAX_BODY_WEIGHT
            and lists_items(self._root)
        ):
            # no headline on the page, a short text, and a listing beside it: an author's
            # page (name, bio, counts) or a tag's (a description) over their articles
            raise NotAnArticle("listing", self.url)
        if not known and not holds_sentence(self._paragraphs()):
            # lines without a sentence, found by density alone: a directory's cards
            raise NotAnArticle("listing", self.url)
        if self._is_teaser():
            raise NotAnArticle("teaser", self.url)
        if known and self._body_is_notice():
            raise NotAnArticle("not_found_notice", self.url)
        if self._title[0] is None:
            raise NotAnArticle("no_title", self.url)
        if private_use_damage(self._sample):
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
            m = ORIGINAL_TITLE_RE.match(tidy(text))
            if m:
                return m.group("v").strip() or None
        return None

    def source(self) -> str | None:
        """From ``来源:`` on the info line (or a source line in the body)."""
        return self._info.source

    def published(self) -> tuple[str | None, str | None]:
        """(ISO 8601 with +08:00, date text as printed).

        A day printed without a time (``2024年9月12日``) takes the time the page declares
        for machines (``<meta property="article:published_time">``, JSON-LD, ``<time
        datetime>``) when that falls on the same day: the day is what is printed, the
        time is the page's own and more precise than midnight. ``published_raw`` stays
        the printed day. A date printed without its year, on the info line or alone by
        the headline in an element classed as a date, is read with the year of the URL
        that names its day (``dated_by_url``), and only then. A page that prints and
        declares no date at all is dated by the day its URL names (``url_day``), with no
        ``published_raw``: nothing was printed."""
        raw = self._info.date_raw
        if raw is None:
            if self._info_el is not None:
                printed = joined_text(self._info_el)
                found = dated_by_url(printed, self.url)
                if found is not None:
                    return found
                if month_day(printed) is not None:
                    return None, None  # a yearless day the URL does not name
            for printed in hinted_yearless(self._hinted(sel.DATE_CLASS_HINTS)):
                found = dated_by_url(printed, self.url)
                if found is not None:
                    return found  # the day the URL names, at the time printed by the headline
            return url_day(self.url), None
        at = parse_published(raw)
        if at is not None and prints_day_only(raw):
            declared = parse_published(self._machine_date)
            if declared is not None and declared[:10] == at[:10]:
                return declared, raw
        return at, raw

    def views(self) -> int | None:
        """Inline view count; None when not printed (see ``counter_url``)."""
        return self._info.views

    def summary(self) -> str | None:
        """The ``导读:`` lead without its label, else the meta description, else None."""
        for tidied in self._summary_candidates():
            text = INTRO_LABEL_RE.sub("", tidied, count=1).strip()
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
        el = self._keywords_el
        words: list[str] = []
        if el is not None:
            words = [w for a in el.iter("a") for w in KEYWORD_LINK_SPLIT_RE.split(tidy(text_of(a)))]
            words = [w for w in words if w and not KEYWORD_LABEL_RE.fullmatch(w)]
            if not words:
                rest = KEYWORD_LABEL_RE.sub("", tidy(text_of(el)), count=1)
                words = KEYWORD_SPLIT_RE.split(rest)
        if not any(words):
            meta = " ".join(self._meta.get(n, "") for n in sel.META_KEYWORDS_NAMES)
            words = KEYWORD_SPLIT_RE.split(tidy(meta))
        return list(dict.fromkeys(w for w in words if w))

    @cached_property
    def _keywords_el(self) -> Element | None:
        for selector in KEYWORD_CONTAINERS:
            for el in selector(self._root, self._tokens):
                if first_descendant(el, "a") is not None or KEYWORD_LABEL_RE.match(text_of(el)):
                    return el
        for text, owner in self._label_nodes:
            if KEYWORD_LABEL_RE.match(text):
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
        for selector in RELATED_CONTAINERS:
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
        if self.views() is not None or self._scripts.counter is None:
            return None
        return absolute(self._base, self._scripts.counter)

    def page_links(self) -> list[PageLink]:
        """Links whose text is a pager's (``2``, ``下一页``), as (absolute URL, text):
        where ``article_pages`` finds the article's further pages, if it has any."""
        links: list[PageLink] = []
        for a in PAGE_LINKS(self._root):
            text = tidy(text_of(a))
            if is_pager_text(text):
                url = absolute(self._base, a.get("href"))
                if url is not None and is_http_url(url):
                    links.append((url, text))
                    if len(links) >= MAX_PAGE_LINKS:
                        break
        return links

    @cached_property
    def _sample(self) -> str:
        """The start of title and paragraphs joined by newlines, ``SCRIPT_SAMPLE``
        characters; only as many paragraphs are joined as it takes to reach that."""
        parts = [self._title[0] or ""]
        size = len(parts[0])
        for paragraph in self._paragraphs():
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
            pages=[],
            missing_pages=[],
            script=self.script(),
            content_hash="",
            fetched_at=format_fetched_at(fetched_at),
        )
        traditional = article.script == "zh-Hant"
        if output_script == "zh-Hans" and traditional:
            article = convert_texts(article, batch_simplified)
            traditional = False
        paragraphs = (p for s in article.sections for p in s.paragraphs)
        article.content_hash = content_hash(paragraphs, traditional=traditional)
        return article


def _is_notice(text: str) -> bool:
    """A not-found or takedown notice and at most ``NOTICE_BESIDE_MAX`` characters more."""
    if len(text) > NOTICE_BODY_MAX:
        return False
    return any(
        m in text and len(text) - len(m) <= NOTICE_BESIDE_MAX
        for m in (*sel.NOT_FOUND_MARKERS, *sel.TAKEDOWN_MARKERS)
    )


def _says_not_found(text: str) -> bool:
    return any(m in text for m in sel.NOT_FOUND_MARKERS)


def _picture_items(pictures: Iterable[tuple[Element, str | None]]) -> list[Para | Img]:
    """The walk's items for pictures found beside the body: each image, and its caption
    marked as one."""
    items: list[Para | Img] = []
    for image, caption in pictures:
        items.append(Img(image, tidy(image.get("alt") or "")))
        if caption:
            items.append(Para(caption, image, True, True))
    return items


def _label_before_lead(owner: Element, text: str) -> bool:
    """Whether ``owner`` is a lead's label without a colon, alone in its element, and
    the element after it holds a lead (``<span>导读</span><div>6月21日起，…</div>``, an
    archive's copy with the classes gone) or the text right after it is one (观点网's
    ``<em>摘要</em>龙湖集团4月…``): a tab named 摘要 is followed by another tab."""
    if text.strip() not in sel.INTRO_LABELS:
        return False
    if han_count(owner.tail or "") >= INTRO_LEAD_MIN_HAN:
        return True
    after = owner.getnext()
    return after is not None and han_count(text_of(after)) >= INTRO_LEAD_MIN_HAN


def _furniture_beside(
    container: Element, block: Element, boilerplate: AbstractSet[Element]
) -> bool:
    """Whether what ``container`` holds outside ``block`` is furniture: a column that
    links to ``MIN_SIDE_LINKS`` other pages (hot links, keyword chips), or lines with no
    text element at all (``TEXT_TAGS_BESIDE``: an author bar of spans, a like button)
    besides the ``boilerplate`` the walk skips anyway (comments, share bars). A link
    with text is a link whatever it holds: an author's card of avatar and name
    (``<a class="author"><img><div>未来餐饮科技</div></a>``) is no figure."""
    links = 0
    text_like = False
    stack = [child for child in container if child is not block]
    while stack:
        el = stack.pop()
        if el in boilerplate:  # its links count, its text does not
            links += sum(1 for a in el.iter("a") if _is_link(a))
        elif el.tag == "a" and _is_link(el):
            links += 1
            if not is_descendant(block, el):
                continue
        elif el.tag in TEXT_TAGS_BESIDE:
            text_like = True
        if links >= MIN_SIDE_LINKS:
            return True
        if el not in boilerplate:
            stack.extend(child for child in el if child is not block)
    return not text_like


def _is_link(a: Element) -> bool:
    return bool(a.get("href")) and bool(text_of(a))
