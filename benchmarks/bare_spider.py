"""The crawl benchmark's yardstick: Scrapy doing nothing but fetching the same pages.

Starts from the same start URLs, finds links on listing pages with one bytes regex
(no parsing), follows the ones that match the configured article and listing patterns
on the same host, and yields ``{url, body}`` for articles: no extraction, no pipelines,
no WARC recording, no archive. Whatever ``newsarchive crawl`` costs beyond this spider
is our own code.

Run by ``benchmarks.crawl`` as ``scrapy runspider`` with the project settings and the
same overrides as ``newsarchive crawl --no-throttle``, minus the project's pipelines,
extensions and downloader middlewares; ``-a stats_file=PATH`` receives the crawl's
stats as JSON when it closes.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy.http import Response

_HREF_RE = re.compile(rb"""href\s*=\s*["']([^"'#]+)""", re.I)


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, start_urls: str = "", stats_file: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.start_urls = [u for u in start_urls.split(",") if u]
        self.stats_file = stats_file
        self.hosts = {urlsplit(u).netloc for u in self.start_urls}

    async def start(self) -> AsyncIterator[Any]:
        settings = self.crawler.settings
        self.article_res = [
            re.compile(p) for p in settings.getlist("NEWSARCHIVE_ARTICLE_URL_PATTERNS")
        ]
        self.listing_res = [
            re.compile(p) for p in settings.getlist("NEWSARCHIVE_LISTING_URL_PATTERNS")
        ]
        for url in self.start_urls:
            yield scrapy.Request(url, callback=self.parse_listing)

    def parse_listing(self, response: Response) -> Iterator[Any]:
        for raw in _HREF_RE.findall(response.body):
            url = urljoin(response.url, raw.decode("utf-8", "replace"))
            parts = urlsplit(url)
            if parts.netloc not in self.hosts:
                continue
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if any(r.search(parts.path) for r in self.article_res):
                yield scrapy.Request(url, callback=self.parse_article)
            elif any(r.search(path) for r in self.listing_res):
                yield scrapy.Request(url, callback=self.parse_listing)

    def parse_article(self, response: Response) -> Iterator[dict[str, Any]]:
        yield {"url": response.url, "body": response.body}

    def closed(self, reason: str) -> None:
        if self.stats_file and self.crawler.stats is not None:
            stats = {k: v for k, v in self.crawler.stats.get_stats().items()}
            Path(self.stats_file).write_text(json.dumps(stats, default=str), encoding="utf-8")
