"""Append each new article or new revision as one complete JSON line."""

from __future__ import annotations

from typing import Any

from newsarchive.storage.archive import Verdict
from pipelines.shared import ArchivePipeline, as_record


class StorePipeline(ArchivePipeline):
    def process(self, item: Any) -> Any:
        assert self.archive is not None
        record = as_record(item)
        decision = self.archive.decide(record)
        stored = self.archive.store(record, decision)
        kind = "updated" if decision.verdict is Verdict.REVISION else "stored"
        self.stats.inc_value(f"newsarchive/{kind}")
        return stored
