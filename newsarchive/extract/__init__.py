"""Article extraction: bytes in, one ``Article`` out, one small method per field.

How it finds things, in order of trust (the live markup is known from one capture only):

* **Body**: the first known container (``selectors.BODY_CONTAINERS``) holding Chinese
  text, passing over a short one that ends before the headline (a card in the top
  bar), narrowed to the block inside it that holds three quarters of its text when
  what is left beside that block is furniture (a column of links, an author bar); else
  the block whose paragraphs (``<p>``, or ``<div>`` lines outside links) hold the most
  Han characters, widened past wrappers that hold one paragraph each (``density``).
* **Title**: a heading in a known title container; else any ``h1``-``h3`` that agrees
  with ``<title>``; else a heading or an element classed as a title whose text is one
  end of ``<title>`` cut at a separator; else ``<title>`` itself. Badges in elements of
  their own (``<span>原创</span>``) are dropped from a heading's text. The site suffix
  is stripped either way, and from ``<title>`` also DedeCMS's channel segment
  (``标题_机器学习_站名``).
* **Info line** (source, date, views): a known container that carries a label or a
  date, else the block around the first text node carrying a label, widened to its row
  when the items sit in sibling blocks (cells, list items). Labels are matched with
  ``:`` or ``：``, on text joined across inline elements. No printed date: the
  ``article:published_time``/``pubdate`` meta (and a printed day takes its time when
  it falls on that day). Views read ``2.1万`` as 21000; an unreadable count is None.
  Last, a date, source or count printed alone by the headline in an element classed
  as one (``hints``).
* **Body walk**: the container is walked once in document order into paragraphs,
  images and markers. ``<br>`` and block tags end a paragraph. Labels (``原标题``,
  ``责任编辑``...) and widgets (``赞助本站``...) are dropped; ``相关热词``,
  ``相关内容``, ``Copyright``... end the article text; a ``推荐阅读`` label and the
  link-only lines after it, reprint notices and QR prompts (``声明：本文转载自…``), ad
  boxes and ad images are dropped; ``文章来源：…`` (bracketed or not) feeds ``source``;
  a ``©`` footer with a year ends the text. A paragraph that
  is only a one- or two-digit number is a section marker. The paragraph after an image
  is its caption when it looks like one (see ``classify.is_caption``), otherwise body
  text.

Every text field goes through ``text.tidy`` (whitespace, NFC, pinyin removed) and, for
``output_script="zh-Hans"`` on a traditional page, OpenCC ``t2s`` in one batched call.

One concern a module, so that each can be read, and changed, without the others in view:

* ``page``: ``ArticlePage``, which parses the page once, locates its parts in the order
  above and reads each field from them.
* ``patterns``: the thresholds, and every selector and regular expression of
  ``selectors`` compiled once at import.
* ``title``: headline suffixes (site name, DedeCMS channel) and heading comparison.
* ``info``: reading the info line (source, date, views), and the dates and counter a
  page declares for machines.
* ``hints``: unlabelled date, source and views by the headline, read from elements
  whose class tokens name them.
* ``checks``: measures of the whole page (decoding damage, Han counts, listing shape).
* ``density``: where the body is when no known container holds it.
* ``walk``: the body container flattened into paragraphs and images, and the items
  the walk yields.
* ``classify``: what one body line is (boilerplate, stop line, pager, label line,
  caption, credit, section marker).
* ``assemble``: the classified lines made into sections, images and captured fields.
* ``record``: the finished record in the output script, and ``fetched_at``.

Imports run one way: ``page`` uses the others; ``assemble`` uses ``classify`` and
``walk``; ``classify`` and ``hints`` use ``info``, which uses ``checks``; all but ``record`` use
``patterns``. Nothing imports ``page`` but this module.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from newsarchive.extract.classify import split_credit
from newsarchive.extract.page import ArticlePage
from newsarchive.extract.patterns import NOTICE_MAX_TEXT
from newsarchive.extract.record import OUTPUT_SCRIPTS
from newsarchive.extract.title import strip_channel_suffix, strip_site_suffix
from newsarchive.model import Article, format_fetched_at

__all__ = [
    "NOTICE_MAX_TEXT",
    "OUTPUT_SCRIPTS",
    "ArticlePage",
    "format_fetched_at",
    "parse_article",
    "split_credit",
    "strip_channel_suffix",
    "strip_site_suffix",
]


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
