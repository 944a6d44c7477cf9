"""Append each new article as one complete JSON line to its month file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from itemadapter import ItemAdapter
from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector

from newsarchive.storage.archive import Archive


class StorePipeline:
    def __init__(self, archive_dir: Path, stats: StatsCollector) -> None:
        self.archive_dir = archive_dir
        self.stats = stats
        self.archive: Archive | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        assert crawler.stats is not None
        return cls(Path(crawler.settings["NEWSARCHIVE_ARCHIVE"]), crawler.stats)

    def open_spider(self, spider: Spider | None = None) -> None:
        self.archive = Archive(self.archive_dir)

    def close_spider(self, spider: Spider | None = None) -> None:
        if self.archive is not None:
            self.archive.close()

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        assert self.archive is not None
        self.archive.store(ItemAdapter(item).asdict())
        self.stats.inc_value("newsarchive/stored")
        return item
