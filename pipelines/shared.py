"""One Archive per crawl, shared by the dedup and store pipelines.

Both pipelines must see the same index state, and the archive must be opened (torn
tails set aside, index caught up) exactly once per crawl. The instance hangs off the
crawler, not a module global, so two crawlers in one process never share one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Self

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector

from newsarchive.storage.archive import Archive

_ATTR = "_newsarchive_archive"


def archive_for(crawler: Crawler) -> Archive:
    archive: Archive | None = getattr(crawler, _ATTR, None)
    if archive is None:
        archive = Archive(Path(crawler.settings["NEWSARCHIVE_ARCHIVE"]))
        setattr(crawler, _ATTR, archive)
    return archive


def close_archive(crawler: Crawler) -> None:
    archive: Archive | None = getattr(crawler, _ATTR, None)
    if archive is not None:
        archive.close()
        setattr(crawler, _ATTR, None)


class ArchivePipeline:
    """Base for pipelines that work on the crawl's archive."""

    def __init__(self, crawler: Crawler, stats: StatsCollector) -> None:
        self.crawler = crawler
        self.stats = stats
        self.archive: Archive | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        assert crawler.stats is not None
        return cls(crawler, crawler.stats)

    def open_spider(self, spider: Spider | None = None) -> None:
        self.archive = archive_for(self.crawler)

    def close_spider(self, spider: Spider | None = None) -> None:
        close_archive(self.crawler)

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        raise NotImplementedError
