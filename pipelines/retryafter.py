"""Honour ``Retry-After`` on 429 and 503 before Scrapy's RetryMiddleware retries.

Sits just above RetryMiddleware (550), so the answer reaches it first: the response is
held back for the time the server asked (capped by ``NEWSARCHIVE_RETRY_AFTER_MAX``),
then the retry goes ahead. Only that one request waits; the rest of the crawl goes on.
An answer no retry will follow (its retries used up, retries off, a status not retried)
is handed on at once: waiting would only hold up the crawl, and its shutdown, for up to
the cap.
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
    def __init__(
        self,
        cap: float,
        stats: StatsCollector,
        retry_times: int = 2,
        retried: frozenset[int] = frozenset(STATUSES),
    ) -> None:
        self.cap = cap
        self.stats = stats
        self.retry_times = retry_times
        self.retried = retried

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RetryAfterMiddleware:
        assert crawler.stats is not None
        settings = crawler.settings
        retried = frozenset(int(code) for code in settings.getlist("RETRY_HTTP_CODES"))
        return cls(
            settings.getfloat("NEWSARCHIVE_RETRY_AFTER_MAX", 120.0),
            crawler.stats,
            settings.getint("RETRY_TIMES") if settings.getbool("RETRY_ENABLED") else -1,
            retried,
        )

    def _will_retry(self, request: Request, status: int) -> bool:
        """Whether Scrapy's RetryMiddleware, next in the chain, retries this answer."""
        if status not in self.retried or request.meta.get("dont_retry", False):
            return False
        limit = request.meta.get("max_retry_times", self.retry_times)
        return int(request.meta.get("retry_times", 0)) + 1 <= int(limit)

    async def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        if response.status not in STATUSES or not self._will_retry(request, response.status):
            return response
        delay = retry_after_seconds(response.headers.get("Retry-After"))
        if delay:
            self.stats.inc_value("newsarchive/retry_after/waits")
            await self.wait(min(delay, self.cap))
        return response

    async def wait(self, seconds: float) -> None:
        await deferred_to_future(task.deferLater(reactor, seconds, lambda: None))
