"""``article``: fetch and archive the article URLs given, nothing else.

``-a urls=URL,URL`` and/or ``-a url_file=PATH`` (one URL per line, ``#`` comments).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler

from newsarchive.linkrules import LinkRules, host_of
from newsarchive.urllist import read_url_lines
from spiders.ailab import split_urls
from spiders.base import ArticleSpiderBase


class ArticleSpider(ArticleSpiderBase):
    name = "article"

    def __init__(
        self, *args: Any, urls: str | None = None, url_file: str | None = None, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        self.urls = split_urls(urls) + (read_url_lines(Path(url_file)) if url_file else [])
        if not self.urls:
            raise ValueError("the article spider needs -a urls=URL,... or -a url_file=PATH")

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> ArticleSpider:
        spider: ArticleSpider = super().from_crawler(crawler, *args, **kwargs)
        hosts = sorted({host_of(u) for u in spider.urls} - {""})
        spider.allowed_domains = hosts
        spider.rules = LinkRules.build(hosts, [], [])
        spider.output_script = crawler.settings.get("NEWSARCHIVE_SCRIPT", "zh-Hans")
        return spider

    async def start(self) -> AsyncIterator[Any]:
        for url in self.urls:
            yield self.article_request(self.canonical(url) or url)
