"""Drop articles the archive already holds, by canonical URL or by content hash."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from itemadapter import ItemAdapter
from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.statscollectors import StatsCollector

from newsarchive.storage.archive import Archive, Verdict


class DedupPipeline:
    def __init__(self, archive_dir: Path, stats: StatsCollector) -> None:
        self.archive_dir = archive_dir
        self.stats = stats
        self.archive: Archive | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupPipeline:
        assert crawler.stats is not None
        return cls(Path(crawler.settings["NEWSARCHIVE_ARCHIVE"]), crawler.stats)

    def open_spider(self, spider: Spider | None = None) -> None:
        self.archive = Archive(self.archive_dir)

    def close_spider(self, spider: Spider | None = None) -> None:
        if self.archive is not None:
            self.archive.close()

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        assert self.archive is not None
        record = ItemAdapter(item).asdict()
        decision = self.archive.decide(record)
        if decision.verdict is Verdict.NEW:
            return item
        self.archive.record_duplicate(record, decision)
        self.stats.inc_value("newsarchive/duplicate")
        self.stats.inc_value(f"newsarchive/duplicate/{decision.verdict.value}")
        kept = decision.existing.url if decision.existing else "?"
        raise DropItem(f"{decision.verdict.value}: {record['url']} (kept {kept})")
