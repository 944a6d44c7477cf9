"""End the crawl at the first write the archive's disk refuses (full, I/O error).

Without this, a full disk made every later page fail with a traceback of its own, the
spider and extensions failed again at close, the run record could not be written, and
``newsarchive crawl`` reported "the crawler exited with 0 before finishing". Now the
first failure is logged as one ERROR line naming the file, reported to the parent
(``newsarchive.storage.failure``: exit 74), and the spider is closed with the reason
``storage_error``; what fails after that (the same disk, at close) is logged at DEBUG
only. Nothing already stored is touched: lines are whole or rolled back
(``storage.jsonl``), the index is committed only after the files it describes, and a
walk that was not finished is not marked complete.

``storage_failed`` is called where archive writes are made (the archive pipelines, the
WARC middleware, the run log); ``StorageFailureMiddleware`` covers the spider's own
writes at start and close (its walk state), which live in modules of the spider.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any, Self

from scrapy import Spider, signals
from scrapy.crawler import Crawler

from newsarchive.storage.failure import as_storage_error, describe, report_status

logger = logging.getLogger(__name__)

#: The spider's close reason (and run record's ``finish_reason``) after such a failure.
STOP_REASON = "storage_error"
#: What ``except`` clauses around archive writes catch; ``storage_failed`` sorts them.
STORAGE_ERRORS = (OSError, sqlite3.Error)

_ATTR = "_newsarchive_storage_failure"
_closing: set[asyncio.Task[None]] = set()
#: The spider's walk state, the file ``mark_walks`` writes (``newsarchive.incremental``).
_STATE_FILE = "crawl_state.json"


def storage_failure(crawler: Crawler) -> str | None:
    """The first storage failure of this crawl, as reported, or None."""
    message: str | None = getattr(crawler, _ATTR, None)
    return message


def storage_failed(crawler: Crawler, exc: BaseException, where: Path | str | None = None) -> bool:
    """If ``exc`` is a storage failure, report it (the first time) and stop the crawl,
    and return True; otherwise return False and let the caller re-raise it."""
    error = as_storage_error(exc, where)
    if error is None:
        return False
    message = describe(error)
    if storage_failure(crawler) is not None:
        logger.debug("also failed: %s", message)
        return True
    setattr(crawler, _ATTR, message)
    logger.error("stopping the crawl: %s (what is already stored is kept)", message)
    report_status(message)
    if crawler.stats is not None:
        crawler.stats.set_value("newsarchive/storage_error", message)
    _stop(crawler)
    return True


def _stop(crawler: Crawler) -> None:
    try:
        engine = crawler.engine
    except RuntimeError:  # not crawling yet (a middleware tested on its own)
        return
    if engine is None or engine.spider is None:
        return
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:  # outside the event loop (a test calling a pipeline directly)
        return

    async def close() -> None:
        with contextlib.suppress(RuntimeError):  # already closed meanwhile
            await engine.close_spider_async(reason=STOP_REASON)

    # Kept: the event loop holds only a weak reference to a task.
    _closing.add(task := loop.create_task(close()))
    task.add_done_callback(_closing.discard)


class StorageFailureMiddleware:
    """A spider middleware: the spider's start (``mark_walks(..., "in_progress")``) and
    its ``closed`` (``mark_walks(..., "complete")``) write the walk state; a full disk
    there ends the crawl like any other archive write rather than with a traceback."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.state_file = Path(crawler.settings["NEWSARCHIVE_ARCHIVE"]) / _STATE_FILE

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        middleware = cls(crawler)
        crawler.signals.connect(middleware.spider_opened, signal=signals.spider_opened)
        return middleware

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        try:
            async for item_or_request in start:
                yield item_or_request
        except STORAGE_ERRORS as exc:
            if not storage_failed(self.crawler, exc, self.state_file):
                raise

    def spider_opened(self, spider: Spider) -> None:
        closed = getattr(spider, "closed", None)
        if callable(closed):
            # Scrapy calls ``spider.closed`` from a signal handler, which would log the
            # failure with a traceback; the instance attribute takes its place.
            spider.closed = self._guarded(closed)  # type: ignore[attr-defined]

    def _guarded(self, closed: Callable[[str], Any]) -> Callable[[str], Any]:
        def guarded_closed(reason: str) -> Any:
            try:
                return closed(reason)
            except STORAGE_ERRORS as exc:
                if not storage_failed(self.crawler, exc, self.state_file):
                    raise
                return None

        return guarded_closed
