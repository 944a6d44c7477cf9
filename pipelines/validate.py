"""Drop articles that lack a required field, counting each missing field."""

from __future__ import annotations

from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.statscollectors import StatsCollector

from newsarchive.model import Gone
from newsarchive.runlog import COVERAGE_FIELDS
from newsarchive.validation import is_missing, missing_fields
from pipelines.shared import as_record


class ValidatePipeline:
    def __init__(self, required: list[str], stats: StatsCollector) -> None:
        self.required = required
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidatePipeline:
        assert crawler.stats is not None
        return cls(crawler.settings.getlist("NEWSARCHIVE_REQUIRED_FIELDS"), crawler.stats)

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if isinstance(item, Gone):
            return item
        record = as_record(item)
        for name in COVERAGE_FIELDS:
            if not is_missing(record.get(name)):
                self.stats.inc_value(f"newsarchive/field/{name}")
        missing = missing_fields(record, self.required)
        if not missing:
            return item
        for name in missing:
            self.stats.inc_value(f"newsarchive/invalid/{name}")
        self.stats.inc_value("newsarchive/invalid")
        raise DropItem(f"missing {', '.join(missing)}: {record.get('url')}")
