"""Headline text: the site and DedeCMS channel suffixes of a title, and whether a
heading is the page's headline.

String functions, apart from the page object that calls them, so that they are tested
on strings alone; ``strip_site_suffix`` and ``strip_channel_suffix`` are part of the
package's interface."""

from __future__ import annotations

from collections.abc import Callable

from newsarchive import selectors as sel
from newsarchive.dom import Element, text_of
from newsarchive.extract.patterns import (
    BADGE_PREFIX_RE,
    CHANNEL_NAMES,
    INFO_ANY_LABEL_RE,
    SITE_SUFFIX_RE,
)
from newsarchive.text import tidy


def strip_site_suffix(title: str) -> str:
    """``标题_人工智能实验室`` -> ``标题``; repeated for ``标题 - AiLab - 人工智能实验室``."""
    previous = None
    while previous != title:
        previous = title
        title = SITE_SUFFIX_RE.sub("", title)
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
    known = strip_known_channel(title)
    if known != title:
        return known
    if sel.CHANNEL_SEPARATOR not in title:
        return title
    head, sep, tail = title.rpartition(sel.CHANNEL_SEPARATOR)
    head, tail = head.strip(), tail.strip()
    if not sep or not head or not tail:
        return title
    if tail in CHANNEL_NAMES or (len(tail) <= sel.CHANNEL_MAX_CHARS and tail in link_texts()):
        return head
    return title


def strip_known_channel(title: str) -> str:
    """``标题 - 展会资讯`` and ``标题--展会信息港`` -> ``标题``: a known channel
    (``CHANNEL_NAMES``) after one of ``CHANNEL_NAME_SEPARATORS`` ends the title. Also
    without a site name after it: a section's pages may end their ``<title>`` with the
    section's name alone."""
    for other in sel.CHANNEL_NAME_SEPARATORS:
        if other in title:
            head, _, tail = title.rpartition(other)
            if head.strip() and tail.strip() in CHANNEL_NAMES:
                return head.strip()
    return title


def same_title(heading: str, page_title: str) -> bool:
    """Whether a heading is the headline ``<title>`` prints: the same text, or one the
    start of the other (a ``<title>`` may keep a tag list or a cut headline), or the
    heading's start is a ``<title>`` cut with an ellipsis (``专家呼吁把...``)."""
    a, b = heading.replace(" ", ""), page_title.replace(" ", "")
    if a == b:
        return True
    if min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)):
        return True
    # an SEO plugin's <title> cut with an ellipsis: the heading is the whole headline
    cut = b.rstrip(sel.TITLE_CUT_MARKS)
    return len(cut) >= sel.MIN_TITLE_PART and len(cut) < len(b) and a.startswith(cut)


def opens_at_separator(heading: str, page_title: str) -> bool:
    """Whether ``heading`` is the start of a longer ``page_title`` that goes on past a
    separator (``TITLE_PART_SEPARATORS``): ``same_title`` holds, but the heading may be
    a blog's name over its post (``博客名 » Blog Archive » 标题``)."""
    a, b = heading.replace(" ", ""), page_title.replace(" ", "")
    return len(b) > len(a) and b.startswith(a) and b[len(a)] in sel.TITLE_PART_SEPARATORS


def title_part(text: str, page_title: str) -> bool:
    """Whether ``text`` is ``page_title`` or one end of it cut at a separator
    (``TITLE_PART_SEPARATORS``, or ``——``): ``标题-新华网`` and ``深圳特区报-标题`` both hold
    ``标题``, a site name the suffix rules do not know before or after it; so does
    ``新闻稿｜标题_新闻中心``, cut at both ends. The rest is a
    site's or a channel's name, at most ``TITLE_REST_MAX`` characters. Stricter than
    ``same_title``, for the weaker candidates (a heading matching only so, an element
    with a title class). Spaces are ignored; a text shorter than ``MIN_TITLE_PART``
    characters never is a part (a channel's name is)."""
    a, b = text.replace(" ", ""), page_title.replace(" ", "")
    if a == b:
        return True
    if len(a) < sel.MIN_TITLE_PART or len(a) >= len(b):
        return False
    if b.startswith(a):
        rest = b[len(a) :]
        cut = _cut_after(rest)
    elif b.endswith(a):
        rest = b[: -len(a)]
        cut = _cut_before(rest)
    elif (at := b.find(a)) > 0:  # 新闻稿｜标题_新闻中心_CIRIE 2019: a kind, then the site
        before, after = b[:at], b[at + len(a) :]
        rest = before + after
        cut = _cut_before(before) and _cut_after(after)
    else:
        return False
    return cut and len(rest) <= sel.TITLE_REST_MAX


def _cut_before(rest: str) -> bool:
    """Whether ``rest``, printed before the headline part, ends at a separator."""
    return rest[-1] in sel.TITLE_PART_SEPARATORS or rest.endswith("——")


def _cut_after(rest: str) -> bool:
    """Whether ``rest``, printed after the headline part, opens at a separator."""
    return rest[0] in sel.TITLE_PART_SEPARATORS or rest.startswith("——")


def without_badge_prefix(title: str) -> str:
    """``[视频]实测：…`` -> ``实测：…``: a badge in brackets opening a headline."""
    if title[:1] in "[【":
        return BADGE_PREFIX_RE.sub("", title, count=1)
    return title


def without_badges(el: Element, text: str) -> str:
    """``text`` (the heading's tidied text) without a child element at either end that
    holds only a badge (``HEADLINE_BADGES``: ``<span>原创</span>``, ``<em>独家</em>``)."""
    for child in el.iterdescendants():
        if child.tag.__class__ is not str:
            continue
        badge = tidy(text_of(child))
        if badge not in sel.HEADLINE_BADGES:
            continue
        if text.endswith(badge) and len(text) > len(badge):
            text = text[: -len(badge)].rstrip()
        elif text.startswith(badge) and len(text) > len(badge):
            text = text[len(badge) :].lstrip()
    return text


def heading_lead(el: Element) -> str | None:
    """The text of a heading before a child that holds its info line: PHPCMS prints
    ``<h1>标题<br/><span>2024-11-01 08:45:12 来源：澎湃新闻</span></h1>``, whose whole text
    is no headline. None when no child holds an info label: a headline split by ``<br>``
    is whole, and so is one with a dated subtitle (``<span>2024年8月22日至25日在重庆举行``)."""
    parts = [el.text or ""]
    for child in el:
        if child.tag.__class__ is str and child.tag != "br":
            inner = text_of(child)
            if INFO_ANY_LABEL_RE.search(inner):
                return tidy("".join(parts)) or None
            parts.append(inner)
        parts.append(child.tail or "")
    return None


def strip_own_name(title: str, own_names: Callable[[], set[str]]) -> str:
    """``标题 - 亚太科技网`` -> ``标题`` when ``亚太科技网`` is the page's own site name (its
    logo's ``alt``, its ``og:site_name``): a republishing site names itself as the portal
    does. ``own_names`` is called only for a title with a short last segment."""
    for sep in sel.OWN_NAME_SEPARATORS:
        head, found, tail = title.rpartition(sep)
        head, tail = head.strip(), tail.strip()
        if found and head and 0 < len(tail) <= sel.CHANNEL_MAX_CHARS * 2:
            return head if tail in own_names() else title
    return title
