"""Honour ``Retry-After`` on 429 and 503 before Scrapy's RetryMiddleware retries.

Sits just above RetryMiddleware (550), so the answer reaches it first: the response is
held back for the time the server asked (capped by ``NEWSARCHIVE_RETRY_AFTER_MAX``),
then the retry goes ahead. Only that one request waits; the rest of the crawl goes on.
"""

from __future__ import annotations

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.statscollectors import StatsCollector
from scrapy.utils.defer import deferred_to_future
from twisted.internet import reactor, task

from newsarchive.retryafter import retry_after_seconds

STATUSES = (429, 503)


class RetryAfterMiddleware:
    def __init__(self, cap: float, stats: StatsCollector) -> None:
        self.cap = cap
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RetryAfterMiddleware:
        assert crawler.stats is not None
        return cls(crawler.settings.getfloat("NEWSARCHIVE_RETRY_AFTER_MAX", 120.0), crawler.stats)

    async def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        if response.status not in STATUSES:
            return response
        delay = retry_after_seconds(response.headers.get("Retry-After"))
        if delay:
            self.stats.inc_value("newsarchive/retry_after/waits")
            await deferred_to_future(task.deferLater(reactor, min(delay, self.cap), lambda: None))
        return response
