"""Drop what the archive already has; let new articles and new revisions through.

Duplicates by canonical URL alias or by content hash are recorded against the kept
article; an unchanged re-fetch leaves only a view-count observation; a record fetched
before the stored revision (a response replayed from Scrapy's HTTP cache) is dropped.
"""

from __future__ import annotations

from typing import Any

from scrapy.exceptions import DropItem

from newsarchive.model import Gone
from newsarchive.storage.archive import Verdict
from pipelines.shared import ArchivePipeline, as_record


class DedupPipeline(ArchivePipeline):
    def process(self, item: Any) -> Any:
        assert self.archive is not None
        if isinstance(item, Gone):
            self.archive.record_gone(item.url, item.reason, item.seen_at)
            self.stats.inc_value("newsarchive/gone")
            raise DropItem(f"gone ({item.reason}): {item.url}", log_level="DEBUG")
        record = as_record(item)
        decision = self.archive.decide(record)
        if decision.verdict in (Verdict.NEW, Verdict.REVISION):
            return item
        if decision.verdict is Verdict.UNCHANGED:
            self.archive.observe(record, decision)
            self.stats.inc_value("newsarchive/unchanged")
            raise DropItem(f"unchanged: {record['url']}", log_level="DEBUG")
        if decision.verdict is Verdict.OLDER:  # a response replayed from a cache
            self.stats.inc_value("newsarchive/older")
            raise DropItem(f"older than the stored revision: {record['url']}", log_level="INFO")
        self.archive.record_duplicate(record, decision)
        self.stats.inc_value("newsarchive/duplicate")
        self.stats.inc_value(f"newsarchive/duplicate/{decision.verdict.value}")
        kept = decision.existing.url if decision.existing else "?"
        raise DropItem(f"{decision.verdict.value}: {record['url']} (kept {kept})", log_level="INFO")
