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
"""

from __future__ import annotations

import logging
from typing import Any, Self

from scrapy.crawler import Crawler
from scrapy.http import Request, Response
from scrapy.logformatter import LogFormatter as ScrapyLogFormatter
from scrapy.logformatter import LogFormatterResult
from scrapy.spiders import Spider
from twisted.python.failure import Failure


def logs_debug(level: object, enabled: bool = True) -> bool:
    """Whether a log at ``LOG_LEVEL = level`` shows DEBUG records; an unknown level is
    taken to show them, so nothing is lost to a typo."""
    if not enabled:
        return False
    if isinstance(level, int):
        return level <= logging.DEBUG
    number = logging.getLevelNamesMapping().get(str(level).strip().upper())
    return number is None or number <= logging.DEBUG


class LogFormatter(ScrapyLogFormatter):
    def __init__(self, debug: bool = True) -> None:
        self.debug = debug

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        return cls(logs_debug(settings.get("LOG_LEVEL"), settings.getbool("LOG_ENABLED")))

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
