"""An article printed over several pages, archived as the one article it is.

DedeCMS splits a long article at its editor's page breaks into ``453100.html``,
``453100_2.html``, ``453100_3.html``… and links them from a pager under the text
(``div.dede_pages``: ``上一页 1 2 3 下一页``); Empire CMS and PHPCMS name their pages
the same way. The listings link the first page only, so a record of that page alone
would archive a part of the article as the whole, and the rest would never be fetched.

A link is taken for a further page of the article only when two things hold together:
its URL names page N >= 2 of the first page as ``NEWSARCHIVE_ARTICLE_PAGE_URL`` says
(``newsarchive.pageurl``; by default ``_N`` before the extension, same host and query),
and its text is a page number (``2``, ``[2]``, ``第2页``) or a pager word
(``下一页``, ``尾页``). Neither alone is enough: a ``下一篇`` link names another
article, and an article whose own name ends in ``_2`` is not a page of anything.

``PageChain`` holds a record while its further pages are fetched, one at a time and in
page order, joining each page's sections and images to it. The crawl
(``spiders.base``) and a reparse (``newsarchive.reparse.sequence``) both use it, so the
two make the same record. A page that cannot be had (an error, a page that is no
article) is passed over and named in ``missing``: the record keeps what the other pages
hold rather than being lost with one of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from newsarchive.pageurl import DEFAULT_RULE, PageUrlRule
from newsarchive.selectors import PAGINATION_MOVE_PATTERN
from newsarchive.text import content_hash

#: A pager link's text: a page number, bracketed or as ``第N页``, or a move.
PAGE_LINK_TEXT_RE = re.compile(
    rf"[\[【(（]?\s*(?:第?\s*\d{{1,4}}\s*[页頁]?|{PAGINATION_MOVE_PATTERN})\s*[\]】)）]?"
)
#: Page links a page offers at most (a pager lists ten or so): a bound, not a rule.
MAX_PAGE_LINKS = 200

#: Fields read from lines of the text, which may sit on any page, each group taken from
#: the first page that has it.
_CARRIED: tuple[tuple[str, ...], ...] = (
    ("original_title",),
    ("source",),
    ("published_at", "published_raw"),
    ("keywords",),
    ("related",),
)

PageLink = tuple[str, str]
"""(absolute URL, link text) of a link that may be a pager's."""


def is_pager_text(text: str) -> bool:
    """Whether a link's (tidied) text is what a pager's links say."""
    return bool(text) and PAGE_LINK_TEXT_RE.fullmatch(text) is not None


def further_pages(
    first_url: str, links: Iterable[PageLink], rule: PageUrlRule = DEFAULT_RULE
) -> dict[int, str]:
    """The article's further pages among a page's ``links``: page number -> URL."""
    pages: dict[int, str] = {}
    for url, text in links:
        if not is_pager_text(text):
            continue
        number = rule.number(first_url, url)
        if number is not None:
            pages.setdefault(number, url)
    return pages


@dataclass(slots=True)
class PageChain:
    """An article record waiting for its further pages. Picklable (a crawl with a job
    directory keeps it in its request queue on disk)."""

    first_url: str
    """The URL the first page was fetched from: the stem of the others."""
    record: dict[str, Any]
    max_pages: int
    pending: dict[int, str] = field(default_factory=dict)
    """Further pages known and not yet asked for."""
    seen: set[int] = field(default_factory=lambda: {1})
    """Page numbers asked for, or over the limit."""
    joined: list[str] = field(default_factory=list)
    """URLs of the pages whose text was joined, in page order."""
    missing: list[str] = field(default_factory=list)
    """URLs of the pages that could not be had, in page order."""
    beyond: dict[int, str] = field(default_factory=dict)
    """Further pages not fetched because the article has more than ``max_pages``."""
    current: str | None = None
    """The page asked for and not yet answered."""
    rule: PageUrlRule = DEFAULT_RULE
    """How the pages are named (``NEWSARCHIVE_ARTICLE_PAGE_URL``)."""

    @classmethod
    def start(
        cls,
        first_url: str,
        record: dict[str, Any],
        links: Iterable[PageLink],
        max_pages: int,
        rule: PageUrlRule = DEFAULT_RULE,
    ) -> PageChain | None:
        """A chain for ``record`` when its page links to further pages, else None."""
        pages = further_pages(first_url, links, rule)
        if not pages:
            return None
        chain = cls(first_url, record, max_pages, rule=rule)
        chain._offer(pages)
        return chain

    def _offer(self, pages: dict[int, str]) -> None:
        for number, url in pages.items():
            if number in self.seen or number in self.pending:
                continue
            if number > self.max_pages:
                self.seen.add(number)
                self.beyond[number] = url
            else:
                self.pending[number] = url

    def advance(self) -> str | None:
        """The next page to ask for (the lowest page number known), or None when the
        record is complete."""
        assert self.current is None, "a page is still being fetched"
        if not self.pending:
            return None
        number = min(self.pending)
        self.seen.add(number)
        self.current = self.pending.pop(number)
        return self.current

    def join(self, record: dict[str, Any], links: Iterable[PageLink]) -> None:
        """The current page's record: its text follows what the chain holds. Text before
        its first section marker continues the last section of the pages before (a page
        break falls wherever the editor put it, often inside a section); images already
        held (a banner repeated on every page) are not added again. A field the pages
        before left empty is taken from this page (``_CARRIED``): a ``原标题:`` or a
        closing source line is printed at the end of the article, on its last page."""
        assert self.current is not None, "no page is being fetched"
        self.joined.append(self.current)
        self.current = None
        sections = self.record["sections"]
        for section in record["sections"]:
            if section["heading"] is None and sections:
                sections[-1]["paragraphs"].extend(section["paragraphs"])
            else:
                sections.append(section)
        images = self.record["images"]
        held = {image["url"] for image in images}
        for image in record["images"]:
            if image["url"] not in held:
                held.add(image["url"])
                images.append(image)
        for fields in _CARRIED:
            if all(self.record.get(f) in (None, []) for f in fields):
                for name in fields:
                    self.record[name] = record.get(name)
        self._offer(further_pages(self.first_url, links, self.rule))

    def skip(self) -> None:
        """The current page could not be had: the record goes on without it."""
        assert self.current is not None, "no page is being fetched"
        self.missing.append(self.current)
        self.current = None

    @property
    def over_limit(self) -> int:
        return len(self.beyond)

    def finish(self, output_script: str) -> dict[str, Any]:
        """The record of the whole article, its content hash taken over all its text (as
        ``ArticlePage.to_article`` takes it over one page's), naming the pages it holds
        (``pages``) and those it lacks (``missing_pages``), each in page order.

        ``output_script``: the crawl's; a record kept in traditional script is hashed
        through ``t2s``, as its page's was."""
        self.record["pages"] = list(self.joined)
        lacking = {self.rule.number(self.first_url, url) or 0: url for url in self.missing}
        lacking.update(self.beyond)
        self.record["missing_pages"] = [lacking[n] for n in sorted(lacking)]
        if self.joined:
            traditional = output_script == "original" and self.record["script"] == "zh-Hant"
            paragraphs = (p for s in self.record["sections"] for p in s["paragraphs"])
            self.record["content_hash"] = content_hash(paragraphs, traditional=traditional)
        return self.record
