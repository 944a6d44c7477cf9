"""``article``: fetch and archive the article URLs given, nothing else.

``-a urls=URL,URL`` and/or ``-a url_file=PATH`` (one URL per line, ``#`` comments).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler

from newsarchive.commands.common import UsageError
from newsarchive.commands.crawl import read_url_file
from newsarchive.linkrules import LinkRules, host_of
from newsarchive.urllist import read_url_lines
from spiders.ailab import check_urls, split_urls
from spiders.base import ArticleSpiderBase


class ArticleSpider(ArticleSpiderBase):
    name = "article"
    arguments = frozenset({"urls", "url_file"})

    def __init__(
        self, *args: Any, urls: str | None = None, url_file: str | None = None, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        self.urls = split_urls(urls) + (read_url_lines(Path(url_file)) if url_file else [])
        if not self.urls:
            raise ValueError("the article spider needs -a urls=URL,... or -a url_file=PATH")

    @classmethod
    def check_arguments(cls, arguments: dict[str, str]) -> None:
        super().check_arguments(arguments)
        urls = split_urls(arguments.get("urls"))
        check_urls(urls, "-a urls")
        url_file = arguments.get("url_file")
        if url_file:
            try:
                read_url_file(url_file)  # every URL checked, as ``crawl --url-file`` does
            except UsageError as exc:
                raise ValueError(f"-a url_file: {exc}") from None
        elif not urls:
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
