"""``ailab``: walk the portal's listings and archive every article they link to.

Start URLs come from settings (``NEWSARCHIVE_BASE_URL`` joined with
``NEWSARCHIVE_START_PATHS``) or from ``-a start_urls=URL,URL``. Links are followed only
on the start URLs' hosts and only when they match the article or listing patterns.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urljoin

import scrapy
from scrapy.crawler import Crawler
from scrapy.http import Response

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
        return spider

    async def start(self) -> AsyncIterator[Any]:
        for url in self.start_urls:
            yield scrapy.Request(url, callback=self.parse_listing)

    def parse_listing(self, response: Response) -> Iterator[Any]:
        self._stat("newsarchive/listing_pages")
        listing = parse_listing(response.body, response.url, response_headers(response))
        articles = 0
        for entry in listing.entries:
            kind = self.rules.classify(entry.url)
            if kind is LinkKind.ARTICLE:
                articles += 1
                yield scrapy.Request(entry.url, callback=self.parse_article)
            elif kind is LinkKind.LISTING:
                yield scrapy.Request(entry.url, callback=self.parse_listing)
        if articles == 0:
            self._stat("newsarchive/listing_without_articles")
        if listing.next_page and self.rules.allowed(listing.next_page):
            yield scrapy.Request(listing.next_page, callback=self.parse_listing)
