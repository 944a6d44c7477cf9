"""Write re-derived records through the archive's dedup, as the crawl's pipelines do.

The same steps, in the same order, as ``pipelines.validate`` -> ``pipelines.dedup`` ->
``pipelines.store``: a record lacking a required field is dropped; a new article or a
new revision is stored; an unchanged one leaves a view observation; one fetched before
the stored revision is left out; a duplicate by URL alias or by content is recorded
against the article kept. Keep the two in step.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from newsarchive.storage.archive import Archive, Verdict
from newsarchive.storage.prepared import Prepared


@dataclass(slots=True)
class Applied:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    older: int = 0
    duplicates: int = 0
    invalid: int = 0


class Applier:
    def __init__(self, archive: Archive, required: Iterable[str]) -> None:
        self.archive = archive
        self.required = list(required)
        self.counts = Applied()

    def apply(self, record: Prepared) -> Verdict | None:
        """Store, observe or alias ``record``; None when it was dropped as invalid."""
        if record.missing(self.required):
            self.counts.invalid += 1
            return None
        fields = record.head
        decision = self.archive.decide(fields)
        verdict = decision.verdict
        if verdict in (Verdict.NEW, Verdict.REVISION):
            self.archive.store_prepared(record, decision)
            if verdict is Verdict.NEW:
                self.counts.new += 1
            else:
                self.counts.updated += 1
        elif verdict is Verdict.UNCHANGED:
            self.archive.observe(fields, decision)
            self.counts.unchanged += 1
        elif verdict is Verdict.OLDER:
            self.counts.older += 1
        else:
            self.archive.record_duplicate(fields, decision)
            self.counts.duplicates += 1
        return verdict
