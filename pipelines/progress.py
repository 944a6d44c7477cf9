"""Rewrite one progress line on stderr while the crawl runs, when stderr is a terminal.

Under cron there is no terminal and nothing is printed: only warnings and the summary.
``NEWSARCHIVE_PROGRESS``: ``auto`` (a terminal and a log level of WARNING or quieter),
``True`` or ``False``.

The line has no line break of its own, so a log record written to the same terminal
would start on it: the line is cleared before each one, and drawn again at the next tick.
"""

from __future__ import annotations

import logging
import sys
import time
from typing import TextIO

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.statscollectors import StatsCollector
from twisted.internet import task

from newsarchive.progress import progress_line

#: Back to the line's start, and the line erased (``CR``, ANSI ``EL``).
_CLEAR_LINE = "\r\x1b[K"


class ProgressExtension:
    def __init__(self, stats: StatsCollector, stream: TextIO, interval: float = 1.0) -> None:
        self.stats = stats
        self.stream = stream
        self.interval = interval
        self.started = time.monotonic()
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ProgressExtension:
        mode = str(crawler.settings.get("NEWSARCHIVE_PROGRESS", "auto")).lower()
        quiet_log = crawler.settings.get("LOG_LEVEL") in ("WARNING", "ERROR", "CRITICAL")
        enabled = mode in ("true", "1") or (
            mode == "auto" and quiet_log and not crawler.settings.get("LOG_FILE")
            and sys.stderr.isatty()
        )  # fmt: skip
        if not enabled:
            raise NotConfigured
        assert crawler.stats is not None
        ext = cls(crawler.stats, sys.stderr)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self) -> None:
        self.started = time.monotonic()
        for handler in self._handlers():
            handler.addFilter(self._clear)
        self.loop = task.LoopingCall(self.show)
        self.loop.start(self.interval, now=False)

    def _handlers(self) -> list[logging.StreamHandler[TextIO]]:
        """The log's handlers that write to the progress line's stream."""
        return [
            h
            for h in logging.getLogger().handlers
            if isinstance(h, logging.StreamHandler) and h.stream is self.stream
        ]

    def _clear(self, record: logging.LogRecord) -> bool:
        """A handler filter: clear the progress line before the record is written."""
        self.stream.write(_CLEAR_LINE)
        return True

    def show(self) -> None:
        line = progress_line(self.stats.get_stats(), time.monotonic() - self.started)
        self.stream.write(_CLEAR_LINE + line)
        self.stream.flush()

    def spider_closed(self) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        for handler in self._handlers():
            handler.removeFilter(self._clear)
        self.show()
        self.stream.write("\n")
        self.stream.flush()
