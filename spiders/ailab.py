"""``ailab``: walk the portal's listings and archive the articles they link to.

Start URLs come from settings (``NEWSARCHIVE_BASE_URL`` joined with
``NEWSARCHIVE_START_PATHS``) or from ``-a start_urls=URL,URL``. Links are followed only
on the start URLs' hosts and only when they match the article or listing patterns.

Incremental by default (see ``newsarchive.incremental``): known articles are skipped
unless recent, and a channel's pages are walked only until a page holds nothing new.
``NEWSARCHIVE_FULL`` walks and fetches everything.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import scrapy
from scrapy.crawler import Crawler
from scrapy.http import Response

from newsarchive.incremental import (
    FetchPolicy,
    KnownArticles,
    gone_recheck_days,
    mark_walks,
    walk_complete,
)
from newsarchive.linkrules import LinkKind, LinkRules, host_of
from newsarchive.listing import parse_listing
from spiders.base import ArticleSpiderBase, response_headers


def split_urls(value: str | list[str] | None) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else value.split(",")
    return [u.strip() for u in items if u.strip()]


class AilabSpider(ArticleSpiderBase):
    name = "ailab"
    known: KnownArticles
    policy: FetchPolicy
    archive: Path
    max_depth: int = 500

    def __init__(self, *args: Any, start_urls: str | list[str] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.start_urls = split_urls(start_urls)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> AilabSpider:
        spider: AilabSpider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        if not spider.start_urls:
            base = settings["NEWSARCHIVE_BASE_URL"]
            spider.start_urls = [
                urljoin(base, p) for p in settings.getlist("NEWSARCHIVE_START_PATHS")
            ]
        hosts = sorted({host_of(u) for u in spider.start_urls} - {""})
        spider.allowed_domains = hosts
        spider.rules = LinkRules.build(
            hosts,
            settings.getlist("NEWSARCHIVE_ARTICLE_URL_PATTERNS"),
            settings.getlist("NEWSARCHIVE_LISTING_URL_PATTERNS"),
        )
        spider.output_script = settings.get("NEWSARCHIVE_SCRIPT", "zh-Hans")
        spider.archive = Path(settings["NEWSARCHIVE_ARCHIVE"])
        spider.known = KnownArticles(spider.archive)
        spider.max_depth = settings.getint("NEWSARCHIVE_MAX_LISTING_DEPTH", 500)
        spider.policy = FetchPolicy(
            full=settings.getbool("NEWSARCHIVE_FULL"),
            refresh_days=settings.getfloat("NEWSARCHIVE_REFRESH_DAYS", 2.0),
            gone_recheck_days=gone_recheck_days(
                settings.get("NEWSARCHIVE_GONE_RECHECK_DAYS", 30.0)
            ),
        )
        return spider

    async def start(self) -> AsyncIterator[Any]:
        walks = {url: self.policy.full or not walk_complete(self.archive, url)
                 for url in self.start_urls}  # fmt: skip
        mark_walks(self.archive, self.start_urls, "in_progress")
        for url, walk_all in walks.items():
            if walk_all and not self.policy.full:
                self.logger.info("last walk from %s did not complete: walking it all", url)
            yield self.listing_request(url, walk_all, 0)

    def closed(self, reason: str) -> None:
        self.known.close()
        if reason == "finished":
            mark_walks(self.archive, self.start_urls, "complete")

    def listing_request(self, url: str, walk_all: bool, depth: int) -> scrapy.Request:
        return scrapy.Request(
            url,
            callback=self.parse_listing,
            errback=self.request_failed,
            meta={"walk_all": walk_all, "listing_depth": depth},
        )

    def parse_listing(self, response: Response) -> list[scrapy.Request]:
        """Requests for the listing's new or due articles, its sublistings when walking
        all, and its next page.

        A list, not a generator: Scrapy reads a generator callback's source with ``ast``
        on every call to warn about ``return`` values (its cache is keyed by the bound
        method, new for every request), about 2 ms a listing page.
        """
        self._stat("newsarchive/listing_pages")
        walk_all = bool(response.meta.get("walk_all"))
        depth = int(response.meta.get("listing_depth", 0)) + 1
        listing = parse_listing(response.body, response.url, response_headers(response))
        requests: list[scrapy.Request] = []
        articles = known = 0
        for entry in listing.entries:
            url = self.canonical(entry.url)
            kind = self.rules.classify(url) if url else None
            if kind is LinkKind.ARTICLE:
                articles += 1
                known += self._article_link(url, requests)
            elif kind is LinkKind.LISTING and walk_all and depth < self.max_depth:
                requests.append(self.listing_request(url, walk_all, depth))
        if articles == 0:
            self._stat("newsarchive/listing_without_articles")
        if articles and known == articles and not walk_all:
            self._stat("newsarchive/incremental_stops")
            return requests
        next_page = self.canonical(listing.next_page) if listing.next_page else ""
        if not next_page or not self.rules.allowed(next_page):
            return requests
        if depth >= self.max_depth:
            # Endless pagination (a trap, or a calendar) ends here, not at the disk.
            self._stat("newsarchive/refused/listing_depth")
            return requests
        requests.append(self.listing_request(next_page, walk_all, depth))
        return requests

    def _article_link(self, url: str, requests: list[scrapy.Request]) -> int:
        """Request an article link if it is new or due; return 1 if it was known."""
        existing = self.known.lookup(url)
        gone = self.known.gone_seen(url) if existing is None else None
        if existing is None and gone is None:
            requests.append(self.article_request(url))
            return 0
        if gone is not None:
            if self.policy.recheck_gone(gone[1]):
                self._stat("newsarchive/rechecked_gone")
                requests.append(self.article_request(url))
            else:
                self._stat("newsarchive/skipped_gone")
        elif existing is not None and self.policy.refetch(existing):
            self._stat("newsarchive/refetched")
            requests.append(self.article_request(url))
        else:
            self._stat("newsarchive/skipped_known")
        return 1
