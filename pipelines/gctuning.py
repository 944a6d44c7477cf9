"""Tune the crawl process's garbage collector while the engine runs
(``NEWSARCHIVE_GC_THRESHOLD``; why and what it gives: ``newsarchive.gctune``).

Tuned at ``engine_started``, once Scrapy, the spider and every component exist, so
they are among the frozen objects; restored at ``engine_stopped``. ``0`` leaves
Python's settings alone.
"""

from __future__ import annotations

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from newsarchive.gctune import gc_threshold, restore, tune


class GarbageCollectorTuning:
    def __init__(self, threshold: int) -> None:
        self.threshold = threshold
        self._tuned = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> GarbageCollectorTuning:
        threshold = gc_threshold(crawler.settings.get("NEWSARCHIVE_GC_THRESHOLD", 0))
        if threshold == 0:
            raise NotConfigured
        ext = cls(threshold)
        crawler.signals.connect(ext.engine_started, signal=signals.engine_started)
        crawler.signals.connect(ext.engine_stopped, signal=signals.engine_stopped)
        return ext

    def engine_started(self) -> None:
        if not self._tuned:
            tune(self.threshold)
            self._tuned = True

    def engine_stopped(self) -> None:
        if self._tuned:
            restore()
            self._tuned = False
