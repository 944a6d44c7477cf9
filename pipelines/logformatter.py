"""Scrapy's log formatter, without the two DEBUG records of every page nobody will see,
and naming a dropped or failed item by its URL rather than printing the whole record.

For each response Scrapy asks the formatter for a "Crawled (200) ..." record, and for
each item a "Scraped from ..." one, both at DEBUG, and logs them: the records are built
(and the referer read) even when ``LOG_LEVEL`` is INFO or WARNING, because Scrapy's
log level is applied by its handler, not by the loggers. That was about 2% of the
crawl process. Below DEBUG's threshold this formatter returns None for them, which
Scrapy documents as "do not log"; at ``LOG_LEVEL = DEBUG`` it is Scrapy's formatter.

Scrapy writes a dropped item, and one a pipeline failed on, into its log record whole:
an article's record is 2-3 KB of text on a terminal or in a cron mail, once per item.
Its URL says which one it was.

A request lost to a network failure was logged twice at ERROR: by RetryMiddleware
("Gave up retrying <GET …> (failed 4 times): …") and again by the scraper ("Error
downloading <GET …>"). Where the failure is one RetryMiddleware retries, its line has
already said it all, and the scraper's goes to DEBUG. The failure is still counted
(``failed_requests`` in the summary).
"""

from __future__ import annotations

import logging
from typing import Any, Self

from scrapy.crawler import Crawler
from scrapy.http import Request, Response
from scrapy.logformatter import LogFormatter as ScrapyLogFormatter
from scrapy.logformatter import LogFormatterResult
from scrapy.spiders import Spider
from scrapy.utils.misc import load_object
from twisted.python.failure import Failure


def logs_debug(level: object, enabled: bool = True) -> bool:
    """Whether a log at ``LOG_LEVEL = level`` shows DEBUG records; an unknown level is
    taken to show them, so nothing is lost to a typo."""
    return enabled and _level(level) <= logging.DEBUG


class LogFormatter(ScrapyLogFormatter):
    def __init__(
        self,
        debug: bool = True,
        retried: tuple[type[BaseException], ...] = (),
        give_up_level: object = "ERROR",
    ) -> None:
        self.debug = debug
        self.retried = retried
        self.give_up_level = give_up_level

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        retried: tuple[type[BaseException], ...] = ()
        if settings.getbool("RETRY_ENABLED"):
            retried = tuple(
                load_object(x) if isinstance(x, str) else x
                for x in settings.getlist("RETRY_EXCEPTIONS")
            )
        return cls(
            logs_debug(settings.get("LOG_LEVEL"), settings.getbool("LOG_ENABLED")),
            retried,
            settings.get("RETRY_GIVE_UP_LOG_LEVEL"),
        )

    def download_error(
        self,
        failure: Failure,
        request: Request,
        spider: Spider,
        errmsg: str | None = None,
    ) -> LogFormatterResult:
        result = super().download_error(failure, request, spider, errmsg)
        if (
            self.retried
            and not request.meta.get("dont_retry")
            and isinstance(failure.value, self.retried)
            and _level(request.meta.get("give_up_log_level", self.give_up_level)) >= result["level"]
        ):
            result["level"] = logging.DEBUG  # "Gave up retrying" said it at least as loudly
        return result

    def crawled(  # type: ignore[override]
        self, request: Request, response: Response, spider: Spider
    ) -> LogFormatterResult | None:
        return super().crawled(request, response, spider) if self.debug else None

    def scraped(  # type: ignore[override]
        self, item: Any, response: Response | Failure | None, spider: Spider
    ) -> LogFormatterResult | None:
        return super().scraped(item, response, spider) if self.debug else None

    def dropped(
        self,
        item: Any,
        exception: BaseException,
        response: Response | Failure | None,
        spider: Spider,
    ) -> LogFormatterResult:
        result = super().dropped(item, exception, response, spider)
        name = item_name(item)
        if name in str(exception):  # the pipelines' reasons name the URL already
            result["msg"], result["args"] = "Dropped: %(exception)s", {"exception": exception}
        else:
            result["msg"] = "Dropped: %(exception)s (%(item)s)"
            result["args"] = {"exception": exception, "item": name}
        return result

    def item_error(
        self,
        item: Any,
        exception: BaseException,
        response: Response | Failure | None,
        spider: Spider,
    ) -> LogFormatterResult:
        result = super().item_error(item, exception, response, spider)
        result["args"] = {"item": item_name(item)}
        return result


def item_name(item: Any) -> str:
    """The URL an item is about, else its type: what a log line needs to name it."""
    url = item.get("url") if isinstance(item, dict) else getattr(item, "url", None)
    return str(url) if url else type(item).__name__


def _level(level: object) -> int:
    """A logging level given as a number or a name; an unknown name is 0 (NOTSET), so
    what it would have hidden is shown: DEBUG records, or the record a give-up at that
    level would have stood for."""
    if isinstance(level, int):
        return level
    return logging.getLevelNamesMapping().get(str(level).strip().upper(), 0)
