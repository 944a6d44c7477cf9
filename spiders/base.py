"""Callbacks shared by the spiders: turn an article response into a record.

Extraction itself lives in ``newsarchive.extract``; this module only adapts Scrapy
responses to it, counts what it saw, and follows the view counter when a page does not
print its view count inline.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Self

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from newsarchive.article_pages import PageChain
from newsarchive.decoding import HEADERS_READ
from newsarchive.extract import format_fetched_at
from newsarchive.httpdate import parse_http_date
from newsarchive.linkrules import LinkRules
from newsarchive.listing import parse_counter
from newsarchive.model import Gone
from newsarchive.pageurl import DEFAULT_RULE, DEFAULT_TEMPLATE, PageUrlRule
from newsarchive.runlog import REFUSAL_EXCEPTIONS
from newsarchive.urls import canonical_url
from newsarchive.workers.job import Job
from newsarchive.workers.pool import ExtractionPool
from newsarchive.workers.sizing import worker_count
from pipelines.warc import FETCHED_AT

#: Statuses that mean a listed article no longer exists.
GONE_STATUSES = (404, 410)
#: Requests given up on, by reason (``http_403``, ``TimeoutError``, ``redirect_loop``):
#: the run record's ``failed_requests`` (``newsarchive.runlog``).
FAILED = "newsarchive/failed"


def response_headers(response: Response) -> dict[str, str]:
    """The headers the core reads (``HEADERS_READ``), as a plain str mapping.

    Only those: converting all of Scrapy's bytes headers cost about 1% of the crawl
    process, for one header used.
    """
    headers = {}
    for name in HEADERS_READ:
        values = response.headers.getlist(name)
        if values:  # joined as Scrapy's Headers.to_unicode_dict joins them
            headers[name] = b",".join(values).decode("utf-8", "replace")
    return headers


def received_at(response: Response) -> datetime:
    """When the response came in, as its WARC record says (``pipelines.warc.FETCHED_AT``).

    A response replayed from Scrapy's HTTP cache (flag ``cached``) was fetched when it
    was stored, not now: its ``Date`` header, the server's clock at that fetch, is the
    best record of the moment (never later than now: a server clock ahead of ours is
    not believed). Otherwise, and for a response that was not recorded (WARC off), now.
    """
    when = response.meta.get(FETCHED_AT)
    if isinstance(when, datetime):
        return when
    now = datetime.now(UTC)
    if "cached" in response.flags:
        served = parse_http_date(response.headers.get(b"Date"))
        if served is not None:
            return min(served.astimezone(UTC), now)
    return now


def refused(failure: Failure) -> bool:
    """A request the crawl refused on purpose (too large, forbidden by robots.txt), as
    opposed to one the site failed: an ``IgnoreRequest`` other than an HTTP error, or a
    download cancelled for its size (``REFUSAL_EXCEPTIONS``)."""
    if isinstance(failure.value, IgnoreRequest):
        return not isinstance(failure.value, HttpError)
    return type(failure.value).__name__ in REFUSAL_EXCEPTIONS


class ArticleSpiderBase(scrapy.Spider):
    """Base for spiders that yield article records."""

    output_script: str = "zh-Hans"
    rules: LinkRules
    allowed_domains: list[str]
    extraction: ExtractionPool
    max_pages: int = 50
    page_rule: PageUrlRule = DEFAULT_RULE
    #: The ``-a`` arguments the spider reads; any other is a mistake (``-a url=…`` for
    #: ``urls``, an argument meant for the other spider) that would be ignored silently.
    #: Names starting with ``_`` are a scheduler's own (scrapyd passes ``-a _job=ID``).
    arguments: frozenset[str] = frozenset()

    @classmethod
    def check_arguments(cls, arguments: dict[str, str]) -> None:
        """Refuse (ValueError, one line) ``-a`` arguments the spider could not start with.

        Called by the ``crawl`` command before the crawl starts: an exception from the
        spider's constructor would reach the user as a traceback from the reactor."""
        unknown = sorted(n for n in set(arguments) - cls.arguments if not n.startswith("_"))
        if unknown:
            takes = ", ".join(sorted(cls.arguments)) or "none"
            raise ValueError(
                f"the {cls.name} spider takes no -a {unknown[0]} (its arguments: {takes})"
            )

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        """Start the extraction workers (``NEWSARCHIVE_EXTRACT_WORKERS``) with the spider,
        so their start-up overlaps the first downloads, and stop them when it closes."""
        spider: Self = super().from_crawler(crawler, *args, **kwargs)
        workers = worker_count(crawler.settings.get("NEWSARCHIVE_EXTRACT_WORKERS", "auto"))
        spider.extraction = ExtractionPool(workers)
        spider.max_pages = max(1, crawler.settings.getint("NEWSARCHIVE_MAX_ARTICLE_PAGES", 50))
        spider.page_rule = PageUrlRule(
            crawler.settings.get("NEWSARCHIVE_ARTICLE_PAGE_URL", DEFAULT_TEMPLATE)
        )
        crawler.signals.connect(spider._stop_extraction, signal=signals.spider_closed)
        crawler.signals.connect(spider._request_dropped, signal=signals.request_dropped)
        return spider

    def _stop_extraction(self) -> None:
        self.extraction.close()
        if self.extraction.restarts:
            assert self.crawler.stats is not None
            self.crawler.stats.set_value(
                "newsarchive/extraction_worker_restarts", self.extraction.restarts
            )

    def _stat(self, key: str) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(key)

    def canonical(self, url: str) -> str:
        """The canonical form of a link ('' when it cannot be parsed): session ids and
        tracking parameters never make a second request for one page."""
        try:
            return canonical_url(url)
        except ValueError:
            return ""

    def article_request(self, url: str, meta: dict[str, Any] | None = None) -> scrapy.Request:
        return scrapy.Request(
            url, callback=self.parse_article, errback=self.article_failed, meta=meta
        )

    def request_failed(self, failure: Failure) -> Any:
        """Count a request given up on (after the retries: a non-2xx answer, a timeout,
        a reset), by reason, apart from what the crawl refused on purpose (too large,
        robots.txt); hand it on to Scrapy's own error handling.

        Counted here, once per request, rather than worked out from the attempts: a
        retry of a 429 is no failed 5xx, a 403 or a 404 is never retried, and a request
        that failed is one request however often it was tried."""
        if refused(failure):
            message = str(failure.value)
            if "DOWNLOAD_MAXSIZE" in message or "download_maxsize" in message:
                self._stat("newsarchive/refused/too_large")
        elif isinstance(failure.value, HttpError):
            self._stat(f"{FAILED}/http_{failure.value.response.status}")
        else:
            self._stat(f"{FAILED}/{type(failure.value).__name__}")
        return failure

    def _request_dropped(self, request: scrapy.Request) -> None:
        """A request the scheduler refused as a duplicate. One that a redirect led back to
        a URL its own chain had already asked for is a redirect loop, and the page is
        lost; any other was made, or is being made, by the request it duplicates."""
        loop = request.url in (request.meta.get("redirect_urls") or ())
        if loop:
            self._stat(f"{FAILED}/redirect_loop")
        self.request_dropped(request, loop)

    def request_dropped(self, request: scrapy.Request, loop: bool) -> None:
        """Hook for a spider that tracks its requests (see ``_request_dropped``)."""

    def article_failed(self, failure: Failure) -> Any:
        """A listed article that answers 404/410 is remembered as gone; other failures
        go on to Scrapy's error handling and count as errors."""
        if isinstance(failure.value, HttpError):
            response = failure.value.response
            if response.status in GONE_STATUSES:
                return [self._gone(response.url, f"http_{response.status}")]
        return self.request_failed(failure)

    def _gone(self, url: str, reason: str) -> Gone:
        try:
            canonical = canonical_url(url)
        except ValueError:
            canonical = url
        return Gone(canonical, reason, format_fetched_at(datetime.now(UTC)))

    def _extraction_job(self, response: Response) -> Job:
        """Not ``_job``: scrapyd gives every spider a ``_job`` argument, its job id, which
        Scrapy sets as an attribute."""
        return Job(
            response.body,
            response.url,
            response_headers(response),
            self.output_script,
            received_at(response),
        )

    async def parse_article(self, response: Response) -> list[Any]:
        """Extract in a worker process (see ``newsarchive.workers``) while the event loop
        goes on downloading.

        A coroutine returning a list rather than an async generator: Scrapy's spider
        middlewares then take the plain iterable path, which costs less per page.
        """
        outcome = await self.extraction.extract(self._extraction_job(response))
        if outcome.record is None:
            reason = outcome.not_article or "not_article"
            self._stat("newsarchive/not_article")
            self._stat(f"newsarchive/not_article/{reason}")
            self.logger.info("not an article (%s): %s", reason, response.url)
            return [self._gone(response.url, reason)]
        self._stat("newsarchive/articles_parsed")
        chain = PageChain.start(
            response.url, outcome.record, outcome.page_links or (), self.max_pages, self.page_rule
        )
        if chain is None:
            return [self._with_views(outcome.record, outcome.counter_url)]
        self._stat("newsarchive/article_pages/articles")
        return [self._next_page(chain, outcome.counter_url)]

    def _next_page(self, chain: PageChain, counter: str | None) -> Any:
        """The request for the article's next page, or its record once it has them all
        (then, as for any article, its view counter's request when views are missing).

        Pages are fetched one after the other, each at a high priority: a page's links
        may name pages the first did not (a pager that shows ten numbers at a time),
        and a record held back waits for no more than one download at a time.
        """
        url = chain.advance()
        if url is None:
            if chain.over_limit:
                self.logger.warning(
                    "%s has %d pages more than NEWSARCHIVE_MAX_ARTICLE_PAGES (%d): not fetched",
                    chain.first_url,
                    chain.over_limit,
                    chain.max_pages,
                )
                self._stat("newsarchive/article_pages/over_limit")
            if chain.missing:
                self.logger.warning(
                    "%s stored without %d of its pages: %s",
                    chain.first_url,
                    len(chain.missing),
                    " ".join(chain.missing),
                )
            return self._with_views(chain.finish(self.output_script), counter)
        return scrapy.Request(
            url,
            callback=self.parse_article_page,
            errback=self.article_page_failed,
            cb_kwargs={"chain": chain, "counter": counter},
            dont_filter=True,
            priority=10,
        )

    async def parse_article_page(
        self, response: Response, chain: PageChain, counter: str | None
    ) -> list[Any]:
        """A further page of an article: its text joins the record. A page redirected
        to another (a CMS sending a page number it does not have to the first page) is
        passed over: its text is not this page's."""
        if chain.rule.number(chain.first_url, response.url) is None:
            self._stat("newsarchive/article_pages/not_article/redirected")
            self.logger.warning(
                "page of %s redirected elsewhere: %s", chain.first_url, response.url
            )
            chain.skip()
            return [self._next_page(chain, counter)]
        outcome = await self.extraction.extract(self._extraction_job(response))
        if outcome.record is None:
            reason = outcome.not_article or "not_article"
            self._stat(f"newsarchive/article_pages/not_article/{reason}")
            self.logger.warning(
                "page of %s is not an article page (%s): %s", chain.first_url, reason, response.url
            )
            chain.skip()
        else:
            self._stat("newsarchive/article_pages/joined")
            chain.join(outcome.record, outcome.page_links or ())
        return [self._next_page(chain, counter)]

    def article_page_failed(self, failure: Failure) -> list[Any]:
        """A further page lost for good (counted and logged as any failed request): the
        article is stored with the pages it has rather than lost with this one."""
        self.request_failed(failure)
        request = failure.request  # type: ignore[attr-defined]
        chain: PageChain = request.cb_kwargs["chain"]
        self.logger.warning(
            "page of %s lost: %s (%s)", chain.first_url, request.url, failure.getErrorMessage()
        )
        self._stat("newsarchive/article_pages/failed")
        chain.skip()
        return [self._next_page(chain, request.cb_kwargs["counter"])]

    def _with_views(self, record: dict[str, Any], counter: str | None) -> Any:
        """The record itself, or the view-counter request that completes it."""
        if record["views"] is not None or not counter or not self.rules.allowed(counter):
            return record
        return scrapy.Request(
            counter,
            callback=self.parse_counter,
            errback=self.counter_failed,
            cb_kwargs={"record": record},
            dont_filter=True,
            priority=10,
        )

    def parse_counter(self, response: Response, record: dict[str, Any]) -> list[Any]:
        """The record completed with its views (lists, not generators: see
        ``AilabSpider.parse_listing``)."""
        views = parse_counter(response.body)
        if views is None:
            self._stat("newsarchive/counter/unreadable")
        else:
            self._stat("newsarchive/counter/ok")
        record["views"] = views
        return [record]

    def counter_failed(self, failure: Failure) -> list[Any]:
        """The article is kept without views rather than lost with its counter."""
        self._stat("newsarchive/counter/failed")
        request = failure.request  # type: ignore[attr-defined]
        return [request.cb_kwargs["record"]]
