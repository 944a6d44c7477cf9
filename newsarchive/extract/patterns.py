"""Thresholds, and the selectors and regular expressions of ``selectors`` compiled once.

``selectors`` holds the site's words and selectors as data; this module turns them into
CSS selectors, XPath expressions, regexes and sets at import, so that no page pays for
compiling them and every module of the package reads the same compiled form. A
threshold or a pattern is defined here, in one place; the docstrings of the functions
that use it say what it is for."""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsarchive import selectors as sel
from newsarchive.dom import compile_css, xpath

# Thresholds (Han characters unless noted; the ``*_WEIGHT`` ones are text weight,
# ``dom.text_weight``, which is the Han of text that holds any); see the docstrings
# where they are used.
MIN_KNOWN_BODY_WEIGHT = 10
MIN_DENSITY_BODY_WEIGHT = 30
MIN_LISTING_LINKS = 3  # also: repeated sibling blocks with a link and a date
LISTING_ITEM_MAX_CLIMB = 4  # levels above the density body searched for a repeated item
MIN_GENERIC_LIST_LINKS = 10
LISTING_MAX_BODY_WEIGHT = 300
LIGHT_BODY_OUTWEIGHED = 2  # times a light known container's text another one holds to win
ARTICLE_TEXT_SHARE = 0.75  # of a known container's Han, held by the block taken for its text
MIN_OWN_PARAGRAPHS = 3  # <p> children that make a known container the text block itself
MIN_SIDE_LINKS = 3  # links left out that make a known container's text block the body
SPILL_PROSE_MIN = 20  # Han of the sentence that shows paragraphs after the container are its text
TEXT_TAGS_BESIDE = frozenset(
    {"p", "table", "ul", "ol", "dl", "blockquote", "pre", "img", "h2", "h3", "h4", "h5", "h6"}
)
"""Elements that make what a known container holds beside its text block text too."""
NOTICE_MAX_TEXT = 600  # characters of visible text a not-found notice page can have
NOTICE_BODY_MAX = 40  # characters of article text that can be a notice standing in for it
NOTICE_BESIDE_MAX = 16  # characters beside the notice's phrase (抱歉，该内容因…已被屏蔽。)
INFO_MAX_TEXT = 300  # characters an info-line block can have
CARD_MAX_TEXT = 120  # characters of a card for another article: a title and a meta line
CARD_TITLE_MIN = 6  # Han characters of a link that reads as another article's title
INFO_MAX_CLIMB = 2  # levels above a split info item (td -> tr, li -> ul) read as the line
LABEL_LINE_MAX = 100  # characters a label line in the body (来源：…) can have
INFO_BADGE_MAX = 4  # characters of a badge before an info line's label (直播中, 独家)
CAPTION_MAX = 200  # characters a caption can have
SHORT_CAPTION_MAX = 40  # a caption recognised only by being short and last
CREDIT_LINE_MAX = 30  # a photo credit on a line of its own
MIN_TEXT_ABOVE_FIGURE = 20  # Han characters before a figure that put it mid-article
SCRIPT_SAMPLE = 300  # characters of title + body that decide the served script
GARBLED_MIN = 20  # U+FFFD and NUL characters before a page counts as garbled
GARBLED_RATIO = 0.02
GARBLED_PRIVATE_USE_MIN = 3  # private-use characters in the script sample (see check)

TITLE_HEADINGS = compile_css(sel.TITLE_HEADINGS)
INFO_CONTAINERS = compile_css(sel.INFO_CONTAINERS)
INTRO_CONTAINERS = compile_css(sel.INTRO_CONTAINERS)
BODY_CONTAINERS = compile_css(sel.BODY_CONTAINERS)
KEYWORD_CONTAINERS = compile_css(sel.KEYWORD_CONTAINERS)
RELATED_CONTAINERS = compile_css(sel.RELATED_CONTAINERS)
LISTING_LINKS = compile_css(sel.LISTING_LINKS)

GENERIC_HEADINGS = xpath(sel.GENERIC_HEADINGS_XPATH)
TITLE_CLASS_ELEMENTS = xpath(sel.TITLE_CLASS_XPATH)
PARAGRAPHS = xpath(sel.DENSITY_PARAGRAPHS_XPATH)
BR_PARENTS = xpath(sel.DENSITY_BR_PARENTS_XPATH)
LINE_BLOCKS = xpath(sel.DENSITY_LINE_BLOCKS_XPATH)
LIST_ITEMS = xpath("//body//li[not(.//p)]")
LIST_LINKS = xpath(sel.GENERIC_LIST_LINKS_XPATH)
PAGE_LINKS = xpath(sel.PAGE_LINKS_XPATH)
BIG_FONTS = xpath(sel.BIG_FONT_XPATH)
SITE_LOGO_NAMES = xpath(sel.SITE_LOGO_XPATH)
META = xpath(sel.META_XPATH)


def _alt(words: Iterable[str]) -> str:
    """Regex alternation, longest first so ``发布日期`` wins over ``日期``."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_COLON_LABELS = rf"(?:{_alt(sel.VIEW_LABELS_COLON + sel.DATE_LABELS_COLON)})\s*[:：]"
"""Labels that count only with their colon (``查看:``; ``查看更多`` is a link)."""
INFO_WORD_RE = re.compile(
    _alt(sel.SOURCE_LABELS + sel.SOURCE_LABELS_LONG + sel.DATE_LABELS_SPECIFIC + sel.VIEW_LABELS)
    + "|"
    + _COLON_LABELS
)
ANY_LABEL_RE = re.compile(
    _alt(
        sel.SOURCE_LABELS
        + sel.SOURCE_LABELS_LONG
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
SITE_SUFFIX_RE = re.compile(
    rf"\s*[{_SEPARATORS}]+\s*(?:{_alt(sel.SITE_NAMES)})"
    # the site's tagline after its name: 人工智能实验室-AI,机器人,语音识别…资讯门户
    rf"(?:\s*[-–—|｜]\s*[^{_SEPARATORS}]{{1,{sel.SITE_TAGLINE_MAX}}})?\s*$",
    re.I,
)
SITE_NAME_RE = re.compile(rf"^(?:{_alt(sel.SITE_NAMES)})$", re.I)
BADGE_PREFIX_RE = re.compile(rf"^[\[【]\s*(?:{_alt(sel.HEADLINE_BADGES)})\s*[\]】]\s*(?=\S)")
"""A badge in brackets opening a headline (``[视频]``, ``【独家】``)."""
DATE_TEXT_RE = re.compile(r"(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\d{1,2}[-/]\d{1,2}")
SITE_NAME_START_RE = re.compile(rf"(?:{_alt(sel.SITE_NAMES)})", re.I)
STOP_LABEL_RE = re.compile(r"^.{0,4}?[:：]")
"""A stop word's rest that opens with a short label's colon (``上一篇文章：``)."""
STOP_REST_WORDS = frozenset(sel.BODY_STOP_REST_WORDS)
WORD_SPLIT_RE = re.compile(r"[\s|｜/／·•,，、]+")
LINK_GAPS = " \u3000|｜/／·•,，、;；:：()（）[]【】<>《》-—"
_COLON = r"\s*[:：]"
_STAFF_SEP = r"\s*[:：|｜]"
"""After a staff label: a colon, or the bar of a WeChat credit line (``编辑 | 张三``)."""

_INFO_STOP = (
    _alt(sel.SOURCE_LABELS + sel.SOURCE_LABELS_LONG + sel.DATE_LABELS + sel.VIEW_LABELS)
    + f"|(?:{_alt(sel.AUTHOR_LABELS)})(?![部站组])"  # 编辑部, 记者站 name a source
    + "|"
    + _COLON_LABELS
)
SOURCE_RE = re.compile(
    # The label first, then what stood before it: a pattern opening with literals lets
    # the regex engine skip to the next candidate (lookbehinds first: every position).
    # ``..`` is the label: labels and the words before them are two characters each
    # (``tests/test_extract_robustness.py`` holds them to it).
    rf"(?:(?:{_alt(sel.SOURCE_LABELS)})(?<!(?:{_alt(sel.NOT_ARTICLE_SOURCE_WORDS)})..)"
    rf"(?:\s*[:：]\s*|\s+)"
    rf"|(?:{_alt(sel.SOURCE_LABELS_COLON)})\s*[:：]\s*"
    rf"|(?:{_alt(sel.SOURCE_LABELS_LONG)})(?<!(?:{_alt(sel.NOT_ARTICLE_SOURCE_WORDS)})...)"
    rf"(?:\s*[:：]\s*|\s+))"
    rf"(?P<v>[^\n\u00a0\u3000]*?)"
    rf"(?=\s{{2,}}|[\n\u00a0\u3000]|{_INFO_STOP}|(?:19|20)\d{{2}}\s*[-/.年]"
    rf"|{sel.SOURCE_VALUE_END_PATTERN}|$)"
)
PUBLISHER_RE = re.compile(
    # the label and a colon, or the label alone in its cell: <td>發佈單位</td><td>…</td>
    rf"(?:{_alt(sel.PUBLISHER_LABELS)})(?:{_COLON}|[ \t]*\n)\s*(?P<v>[^\s|｜/／:：]{{2,24}}?)"
    rf"(?=[\s|｜/／]|{_INFO_STOP}|$)"
)
DATA_SOURCE_LINE_RE = re.compile(
    rf"(?m)^[ \t]*(?:{_alt(sel.DATA_SOURCE_LABELS)}){_COLON}[ \t]*"
    rf"(?P<v>[^\s|｜/／:：]{{2,24}})[ \t]*$"
)
PUBLISHER_BODY_RE = re.compile(rf"(?:{_alt(sel.PUBLISHER_BODY_SUFFIXES)})$")
BRACKETED_EDITOR_RE = re.compile(
    rf"^[（(【\[]\s*(?:{_alt(sel.EDITOR_LABELS)})\s+"
    r"[\u4e00-\u9fff·]{2,4}(?:[\s、，,/]+[\u4e00-\u9fff·]{2,4}){0,3}\s*[）)】\]]$"
)
"""A staff line in brackets with a space for a colon, naming people only (``（编辑 李茜）``,
``(责任编辑 王楠 赵敏)``): a paper's trailer under the text."""
TRAILER_LINE_RE = re.compile(
    # up to two openers: 【纠错】 【责任编辑:王楠】
    rf"^(?:(?:{_alt(sel.LINE_OPENERS)})\s*){{0,2}}"
    rf"(?:{_alt(sel.TRAILER_LABELS + sel.EDITOR_LABELS)}){_STAFF_SEP}"
)
TRAILER_FIRST_CHARS = frozenset(w[0] for w in sel.TRAILER_LABELS + sel.LINE_OPENERS)
SOURCE_LINE_RE = re.compile(
    rf"^\s*(?:{_alt(sel.SOURCE_LINE_PREFIXES)})?(?:{_alt(sel.SOURCE_LABELS)})\s*[:：]"
)
DATE_WORDS_RE = re.compile(sel.DATE_WORDS_PATTERN)
YEAR_RE = re.compile(r"(?:19|20)\d{2}(?!\d)")
DATE_LABEL_RE = re.compile(rf"(?:{_alt(sel.DATE_LABELS)})\s*[:：]?")
UPDATE_LABEL_RE = re.compile(_alt(sel.UPDATE_DATE_LABELS))
PUBLISH_LABEL_RE = re.compile(rf"(?:{_alt(sel.PUBLISH_DATE_LABELS)})\s*[:：]?")
VIEWS_RE = re.compile(
    rf"(?:(?:{_alt(sel.VIEW_LABELS)})(?:{_alt(sel.VIEW_LABEL_SUFFIXES)})?\s*[:：]?\s*[(（]?"
    rf"|(?:{_alt(sel.VIEW_LABELS_COLON)})\s*[:：])\s*"
    rf"(?P<n>\d[\d,]*(?:\.\d+)?)\s*(?P<u>{_alt(sel.VIEW_UNITS)})?"
    # a count before 评论 is the comments', unless 评论 has its own: 评论：12, 評論(12)
    rf"(?!\d|[.,]\d|\s*(?:{_alt(sel.OTHER_COUNT_WORDS)})(?!\s*[:：]?\s*[(（]?\s*\d))"
)
"""``浏览：990次``, ``点击：1,208``, ``阅读(1208)``, ``阅读：(1,877)``, ``阅读 2.1万``; see
``info.parse_views``."""
ORIGIN_RES = tuple(re.compile(p) for p in sel.ORIGIN_STATEMENT_PATTERNS)
ORIGIN_TEXT = xpath(sel.ORIGIN_TEXT_XPATH, smart_strings=False)
"""``selectors.ORIGIN_STATEMENT_PATTERNS``, each searched on its own (``info.parse_origin``)."""
VIEWS_LINE_RE = re.compile(
    rf"(?:(?:{_alt(sel.VIEW_LABELS)})(?:{_alt(sel.VIEW_LABEL_SUFFIXES)})?\s*[:：]?"
    rf"|(?:{_alt(sel.VIEW_LABELS_COLON)})\s*[:：])\s*[(（]?\s*\d[\d,]*(?:\.\d+)?\s*"
    rf"(?:{_alt(sel.VIEW_UNITS)})?\s*[)）]?\s*次?"
)
"""A line that is a view count and its label, nothing else (WordPress's Post Views
Counter under the text: ``浏览量 2,341``): matched whole, see ``classify.info_kind``."""
ACCOUNT_COUNT_RE = re.compile(sel.ACCOUNT_COUNT_PATTERN)
SCRIPT_COUNT_WRITE_RE = re.compile(sel.SCRIPT_COUNT_WRITE_PATTERN, re.I)
VIEWS_LABEL_ALONE_RE = re.compile(
    rf"\A\s*(?:{_alt(sel.VIEW_LABELS)})(?:{_alt(sel.VIEW_LABEL_SUFFIXES)})?"
    rf"\s*[:：]?\s*[(（]?\s*\Z"
)
"""A text node that is a view label alone, its number in the next element (搜狐's
``<span>阅读 (<em>2176</em>)</span>``); not a heading ending in one (``推荐阅读``)."""
TIMES_LABEL_RE = re.compile(rf"(?:{_alt(sel.VIEW_LABELS)})")
"""A view label, searched for a count printed before it (``COUNT_BEFORE_RE``)."""
COUNT_BEFORE_RE = re.compile(
    rf"(?<![\d.,:：/\-第])(?P<n>\d[\d,]*(?:\.\d+)?)\s*(?P<u>{_alt(sel.VIEW_UNITS)})?"
    rf"\s*[次人]?\s*\Z"
)
"""The count right before a view label, with 次 or 人 between or nothing: ``1.2万
次浏览``, ``3206次阅读``, ``3.5万阅读`` (a mobile page's), ``876人阅读``. Not a count: the
end of a time or a date (``10:20 阅读``, ``10-24阅读``), ``第3次浏览``."""
COUNT_BEFORE_MAX = 24
"""Characters before ``TIMES_LABEL_RE`` that ``COUNT_BEFORE_RE`` reads."""
UPDATE_MARK_RE = re.compile(r"modified|updated|update")
"""An ``itemprop`` or class marking a time as the last change (``dateModified``)."""
CLASS_PART_SPLIT_RE = re.compile(r"[-_]+")
"""Where a class token splits into the parts a class hint may be (``m-src``)."""
LONE_VIEWS_RE = re.compile(
    rf"[(（]?(?P<n>\d[\d,]*(?:\.\d+)?)\s*(?P<u>{_alt(sel.VIEW_UNITS)})?[)）]?"
    rf"\s*(?:次|人?(?:{_alt(sel.VIEW_LABELS)}))?"
)
"""A view count alone in an element classed as one (``3206``, ``1.2万``, ``3206次``,
``3206 阅读``); see ``info.lone_views``."""
_INFO_LABELS = (
    sel.SOURCE_LABELS
    + sel.SOURCE_LABELS_LONG
    + sel.SOURCE_LABELS_COLON
    + sel.DATE_LABELS
    + sel.VIEW_LABELS
    + sel.VIEW_LABELS_COLON
)
INFO_ANY_LABEL_RE = re.compile(rf"(?:{_alt(_INFO_LABELS)}){_COLON}")
VALUE_JUNK = sel.VALUE_SEPARATORS + " \u00a0\u3000"

ORIGINAL_TITLE_RE = re.compile(rf"^(?:{_alt(sel.ORIGINAL_TITLE_LABELS)}){_COLON}\s*(?P<v>.+)$")
EDITOR_LINE_RE = re.compile(
    rf"^(?:(?:{_alt(sel.LINE_OPENERS)})\s*){{0,2}}(?:{_alt(sel.EDITOR_LABELS)}){_STAFF_SEP}"
)
SOURCE_LINE_RE = re.compile(
    rf"^(?:{_alt(sel.SOURCE_LINE_PREFIXES)})?(?:{_alt(sel.SOURCE_LABELS)}){_COLON}"
)
DATE_LINE_RE = re.compile(rf"^(?:{_alt(sel.DATE_LABELS)}){_COLON}")
EVENT_LABEL_RE = re.compile(rf"(?:^|\s)(?:{_alt(sel.EVENT_LABELS)}){_COLON}")
SOURCE_PREFIXED_RE = re.compile(rf"^(?:{_alt(sel.SOURCE_LINE_PREFIXES)})")
CREDIT_LINE_RE = re.compile(sel.CREDIT_LINE_PATTERN)
DATE_SPAN_RE = re.compile(r"\s*[-－—–~～至到]\s*\d")
"""What follows a date that begins a span of days (``9月24日—28日``, ``2024-09-24至26``)."""
DATE_LINE_SPECIFIC_RE = re.compile(rf"^(?:{_alt(sel.DATE_LABELS_SPECIFIC)}){_COLON}")
_INTRO_BRACKETED = rf"[【\[]\s*(?:{_alt(sel.INTRO_LABELS)})\s*[】\]]"
INTRO_LABEL_RE = re.compile(rf"^(?:{_INTRO_BRACKETED}|(?:{_alt(sel.INTRO_LABELS)}))\s*[:：]?\s*")
INTRO_LINE_RE = re.compile(
    rf"^(?:{_INTRO_BRACKETED}\s*[:：]?|(?:{_alt(sel.INTRO_LABELS)}){_COLON})"
)
"""A lead's label: ``导读：``, or in brackets, ``【摘要】``."""
INTRO_LEAD_MIN_HAN = 10
"""Han characters after a lead's label without a colon that make the lead, not a tab."""
KEYWORD_LABEL_RE = re.compile(rf"^\s*(?:{_alt(sel.KEYWORD_LABELS)})\s*[:：]?\s*", re.I)
KEYWORD_SPLIT_RE = re.compile(sel.KEYWORD_SEPARATORS_PATTERN)
KEYWORD_LINK_SPLIT_RE = re.compile(sel.KEYWORD_LINK_SEPARATORS_PATTERN)
STOP_RE = re.compile(
    rf"^(?P<open>[【\[«<《]?)\s*(?:{_alt(sel.BODY_STOP_MARKERS)})(?P<close>[】\]»>》]?)"
    r"(?P<rest>.*)$",
    re.S,
)
"""A stop word opening a line, bracketed or not (``【上一篇】``, ``« 上一篇``)."""
STOP_NOUN_RE = re.compile(rf"^(?:{_alt(sel.BODY_STOP_NOUNS)})")
ARROWS = frozenset("«<")
STOP_SEPARATORS = frozenset(sel.BODY_STOP_SEPARATORS)
BOILERPLATE_RE = re.compile(rf"^(?:{_alt(sel.BOILERPLATE_TEXTS)})")
BOILERPLATE_EXACT = frozenset(sel.BOILERPLATE_EXACT)
SLIDE_COUNTER_RE = re.compile(sel.SLIDE_COUNTER_PATTERN)
SLIDE_COUNTER_MAX = 9  # characters of the longest counter the pattern matches (999 / 999)
TEASER_RE = re.compile(sel.TEASER_PATTERN)
BOILERPLATE_OPENER_RE = re.compile(rf"^(?:{_alt(sel.BOILERPLATE_OPENERS)})")
FOLLOW_PROMPT_RE = re.compile(sel.FOLLOW_PROMPT_PATTERN)
ACCOUNT_CARD_RE = re.compile(sel.ACCOUNT_CARD_PATTERN)
BOILERPLATE_LINE_RE = re.compile("|".join(f"(?:{p})" for p in sel.BOILERPLATE_PATTERNS))
QR_PROMPT_RE = re.compile(sel.QR_PROMPT_PATTERN)
QR_CODE_ABOVE_RE = re.compile(sel.QR_CODE_ABOVE_PATTERN)
PAGINATION_RE = re.compile(sel.PAGINATION_PATTERN)
PAGINATION_MOVE_RE = re.compile(sel.PAGINATION_MOVE_PATTERN)
PAGINATION_PLACE_RE = re.compile(sel.PAGINATION_PLACE_PATTERN)
READING_LIST_RE = re.compile(rf"^(?:{_alt(sel.READING_LIST_LABELS)})\s*[:：]?\s*(?P<rest>.*)$")
AD_CLASS_RE = re.compile(sel.AD_CLASS_PATTERN, re.I)
FORMULA_HINT_RE = re.compile(sel.FORMULA_IMAGE_PATTERN)
AD_ALTS = frozenset(sel.AD_IMAGE_ALTS)
AD_PATH_RE = re.compile(sel.AD_IMAGE_PATH_PATTERN, re.I)
META_DATE_NAMES = sel.META_DATE_NAMES
PUBLISHED_TIMES = xpath(sel.PUBLISHED_TIME_XPATH)
PUBLISHED_METAS = xpath(sel.PUBLISHED_META_XPATH)
ISSUE_LINE_RE = re.compile(sel.ISSUE_LINE_PATTERN)
EDITION_LINE_RE = re.compile(sel.EDITION_LINE_PATTERN)
ISSUE_TEXTS = xpath(sel.ISSUE_TEXT_XPATH)
TIME_OF_DAY_RE = re.compile(r"(?<!\d)\d{1,2}[:：]\d{2}(?!\d)")
"""A time of day (``20:31``, ``09:05:33``) beside a date."""
HEADER_TIMES = xpath(sel.HEADER_TIME_XPATH)
JSON_LD_NOT_ARTICLES = frozenset(sel.JSON_LD_NOT_ARTICLES)
HIDDEN_INLINE_TAGS = sel.HIDDEN_INLINE_TAGS
HIDDEN_STYLE_RE = re.compile(sel.HIDDEN_STYLE_PATTERN, re.I)
CSS_MEDIA_RE = re.compile(r"@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", re.I)
CSS_RULE_RE = re.compile(r"([^{}]+)\{([^{}]*)\}")
"""A ``<style>``'s ``@media`` blocks and its rules (selectors, declarations), read by
``walk.hidden_classes``."""
POPUP_STYLE_RE = re.compile(sel.POPUP_STYLE_PATTERN, re.I)
PRIVATE_USE_RE = re.compile(sel.PRIVATE_USE_PATTERN)
ICON_TEXT_RE = re.compile(f"(?:{sel.PRIVATE_USE_PATTERN}|\\s)+")
CHANNEL_NAMES = frozenset(sel.CHANNEL_NAMES)
SKIP_TAGS = frozenset(sel.SKIP_TAGS)
IMAGE_TAGS = frozenset(sel.IMAGE_TAGS)
CELL_TAGS = frozenset(("td", "th"))
CODE_TAGS = ("pre", "code")  # lines of code are kept as they are, symbols alone or not
ORNAMENT_MAX = 12  # characters a line of ornaments alone can have (``◆ ◆ ◆``, ``*****``)
#: What an editor's decoration is made of: arrows, dots, bars, rules, stars, hearts,
#: flowers, and the spaces between them. No letter, digit or Han character.
ORNAMENT_CHARS = frozenset(
    "▼▲▽△▾▴◆◇●○◎◉■□▪▫★☆✦✧✩✪❖✿❀❁♦♥♡♠♣•·・|｜¦‖—–-_~～=*＊#＃/／\\…⋯→←↑↓↗↘➤➢►▶◀◄»«›‹※§¶ \u3000\xa0"
)
MARKER_TITLE_MAX = 24  # characters of a section title printed in its marker's box
TITLED_MARKER_RE = re.compile(sel.TITLED_MARKER_PATTERN)
MARKER_DIGITS = frozenset("0123456789０１２３４５６７８９")
MARKER_BOX_EXTRA_MAX = 4  # characters beside the marker and its title in that box (``|``)
INDENTS = ("\u3000", "\xa0\xa0", "\xa0 ")
ASCII_DIGITS = frozenset("0123456789")
END_MARKERS = frozenset(sel.END_MARKERS)
FIGURE_TAGS = (*sel.IMAGE_TAGS, "table", "figure")
LINE_ENDS = (*sel.SENTENCE_ENDS, "：", ":")
CONTINUATIONS = frozenset("，,、；;：:）)”」』》。.！!？?")
SCRIPT_TAGS = frozenset(("sup", "sub"))
SUPERSCRIPT = str.maketrans("0123456789+-=()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ")
SUBSCRIPT = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")
CAPTION_OPENERS = sel.CAPTION_OPENERS
FIGURE_LABEL_RE = re.compile(sel.FIGURE_LABEL_PATTERN)
BOILERPLATE_CLASSES = frozenset(sel.BOILERPLATE_CLASSES)
LINE_NUMBER_CLASSES = sel.LINE_NUMBER_CLASSES
LABEL_FIRST_CHARS = frozenset(
    w[0]
    for w in sel.BODY_STOP_MARKERS
    + sel.BOILERPLATE_TEXTS
    + sel.ORIGINAL_TITLE_LABELS
    + sel.EDITOR_LABELS
    + sel.SOURCE_LABELS
    + sel.SOURCE_LINE_PREFIXES
    + sel.DATE_LABELS
    + sel.VIEW_LABELS
    + sel.VIEW_LABELS_COLON
    + sel.INTRO_LABELS
    + sel.LINE_OPENERS
    + sel.READING_LIST_LABELS
    + sel.BOILERPLATE_EXACT
    + sel.BOILERPLATE_OPENERS
    + sel.PAGINATION_OPENERS
    + sel.COPYRIGHT_SIGNS
    + ("《",)  # a newspaper's issue line (ISSUE_LINE_PATTERN)
)
"""First characters of every label or pager a body line can start with (a pager may also
start with a digit): most paragraphs start with none of them and skip the label
regexes."""
MARKER_RE = re.compile(sel.SECTION_MARKER_PATTERN)
MARKER_MAX = sel.SECTION_MARKER_MAX_CHARS
SENTENCE_END = sel.SENTENCE_ENDS
CENTER_STYLE_RE = re.compile(sel.CENTERED_STYLE_PATTERN, re.I)

CREDIT_TAIL_RE = re.compile(
    rf"(?:^|(?<=[\s，,；;]))(?P<a>(?:{_alt(sel.CREDIT_PREFIXES)}).+)$"
    rf"|(?P<b>(?:(?:记者|記者)\s*)?[^\s，,；;。]{{1,12}}(?:\s+[^\s，,；;。]{{1,12}})?\s*"
    rf"(?:{_alt(sel.CREDIT_WORDS)})(?:\s*[/／]\s*[^\s/／]+)?)$"
    r"|(?:^|(?<=\s))[/／]\s*(?P<c>[^/／\s。]{2,30})$"
)
"""A photo credit at the end of a caption: ``图/新华社``, ``记者 龙帆 摄/视觉重庆``,
``新华社供图``, `` /大足区委宣传部``."""
