"""Append a run record to ``ARCHIVE/runs.jsonl`` when a crawl closes."""

from __future__ import annotations

import logging
import uuid
from pathlib import Path

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector

from newsarchive.runlog import append_run, summarize, summary_line

logger = logging.getLogger(__name__)


class RunLogExtension:
    def __init__(self, archive: Path, run_id: str, stats: StatsCollector) -> None:
        self.archive = archive
        self.run_id = run_id or uuid.uuid4().hex
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunLogExtension:
        assert crawler.stats is not None
        ext = cls(
            Path(crawler.settings["NEWSARCHIVE_ARCHIVE"]),
            crawler.settings.get("NEWSARCHIVE_RUN_ID", ""),
            crawler.stats,
        )
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_closed(self, spider: Spider, reason: str) -> None:
        stats = dict(self.stats.get_stats())
        stats.setdefault("finish_time", None)
        record = summarize(stats, run_id=self.run_id, spider=spider.name, finish_reason=reason)
        append_run(self.archive, record)
        logger.info(summary_line(record))
