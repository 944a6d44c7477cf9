"""Append a run record to ``ARCHIVE/runs.jsonl`` when a crawl closes."""

from __future__ import annotations

import logging
import uuid
from pathlib import Path

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector
from twisted.python.failure import Failure

from newsarchive import exitcodes
from newsarchive.runlog import append_run, summarize, summary_line
from newsarchive.storage import layout
from pipelines.storagefailure import STORAGE_ERRORS, storage_failed, storage_failure

logger = logging.getLogger(__name__)

#: The crawl's exit code, as its run record gives it, left in the stats for the
#: ``scrapy crawl`` command (``pipelines.commands.crawl``).
EXIT_CODE_STAT = "newsarchive/exit_code"


class RunLogExtension:
    def __init__(
        self, archive: Path, run_id: str, stats: StatsCollector, crawler: Crawler | None = None
    ) -> None:
        self.archive = archive
        self.reported_by_command = bool(run_id)
        self.run_id = run_id or uuid.uuid4().hex
        self.stats = stats
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunLogExtension:
        assert crawler.stats is not None
        ext = cls(
            Path(crawler.settings["NEWSARCHIVE_ARCHIVE"]),
            crawler.settings.get("NEWSARCHIVE_RUN_ID", ""),
            crawler.stats,
            crawler,
        )
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(ext.item_error, signal=signals.item_error)
        return ext

    def item_error(self, item: object, response: object, spider: Spider, failure: Failure) -> None:
        """A page whose record a pipeline failed on is a page lost, as one whose
        callback failed is: counted with the requests given up on, so that a crawl that
        stored nothing of what it fetched cannot end 'ok'."""
        self.stats.inc_value(f"newsarchive/failed/item_{type(failure.value).__name__}")

    def spider_closed(self, spider: Spider, reason: str) -> None:
        stats = dict(self.stats.get_stats())
        stats.setdefault("finish_time", None)
        record = summarize(stats, run_id=self.run_id, spider=spider.name, finish_reason=reason)
        if self.crawler is not None and storage_failure(self.crawler) is not None:
            record["exit_code"] = exitcodes.IOERR  # whatever was fetched, some was not kept
        self.stats.set_value(EXIT_CODE_STAT, record["exit_code"])
        try:
            append_run(self.archive, record)
        except STORAGE_ERRORS as exc:
            if self.crawler is None or not storage_failed(
                self.crawler, exc, self.archive / layout.RUNS_FILE
            ):
                raise
        # Under newsarchive crawl (which sets the run id) the command prints the summary
        # itself; under a plain scrapy crawl a failed or unhealthy crawl must show at
        # the quieter log levels too.
        quiet = record["exit_code"] == exitcodes.OK or self.reported_by_command
        logger.log(logging.INFO if quiet else logging.WARNING, summary_line(record))
