"""What a recorded response was to the crawl: an article page, a further page of an
article, a view counter, or other.

A WARC written by ``newsarchive crawl`` names the spider callback each request was made
for (``WARC-Newsarchive-Callback``), which answers exactly, redirects included. For
WARC files from other tools the URL decides, with the same article patterns the spider
follows, the DedeCMS counter path, and for further pages a URL named as page N of an
article URL (``NEWSARCHIVE_ARTICLE_PAGE_URL``, ``newsarchive.pageurl``).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from newsarchive.pageurl import DEFAULT_RULE, DEFAULT_TEMPLATE, PageUrlRule

#: Spider callbacks (spiders/base.py) that turn a response into an article record.
ARTICLE_CALLBACKS = frozenset({"parse_article"})
#: The callback that joins a further page of an article to its record.
PAGE_CALLBACKS = frozenset({"parse_article_page"})
#: The callback that reads the view counter for an article's record.
COUNTER_CALLBACKS = frozenset({"parse_counter"})
COUNTER_PATH = "/plus/count.php"


class Kind(enum.Enum):
    ARTICLE = "article"
    PAGE = "page"
    COUNTER = "counter"
    OTHER = "other"


@dataclass(frozen=True)
class Classifier:
    article_patterns: tuple[re.Pattern[str], ...]
    page_rule: PageUrlRule = DEFAULT_RULE

    @classmethod
    def build(cls, patterns: Iterable[str], page_url: str = DEFAULT_TEMPLATE) -> Classifier:
        return cls(tuple(re.compile(p) for p in patterns), PageUrlRule(page_url))

    def kind(self, url: str, callback: str | None) -> Kind:
        if callback:
            if callback in ARTICLE_CALLBACKS:
                return Kind.ARTICLE
            if callback in COUNTER_CALLBACKS:
                return Kind.COUNTER
            if callback in PAGE_CALLBACKS:
                return Kind.PAGE
            return Kind.OTHER
        try:
            parts = urlsplit(url)
        except ValueError:
            return Kind.OTHER
        if parts.path.endswith(COUNTER_PATH):
            return Kind.COUNTER
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        if any(p.search(target) for p in self.article_patterns):
            return Kind.ARTICLE
        first = self.page_rule.first_target(target)
        if first is not None and any(p.search(first) for p in self.article_patterns):
            return Kind.PAGE
        return Kind.OTHER


def is_success(status: int) -> bool:
    """Scrapy's HttpErrorMiddleware passes only 2xx responses to the spider."""
    return 200 <= status < 300
