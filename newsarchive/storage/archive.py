"""The archive: dedup decisions and append-only storage over files plus index.

This is the one place that decides whether an article is new or a duplicate and that
writes it; the Scrapy pipelines only call it. The JSONL line is written (and fsync'd)
before the index learns of it, so a crash can leave the index behind the files, never
ahead of them.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsarchive.storage import jsonl, layout
from newsarchive.storage.index import ArchiveIndex, Entry


class Verdict(enum.Enum):
    NEW = "new"
    DUPLICATE_URL = "duplicate_url"
    DUPLICATE_CONTENT = "duplicate_content"


@dataclass(frozen=True, slots=True)
class Decision:
    verdict: Verdict
    existing: Entry | None = None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class Archive:
    """An archive directory opened for reading and appending."""

    def __init__(self, root: Path, *, fsync: bool = True) -> None:
        self.root = root
        self.fsync = fsync
        root.mkdir(parents=True, exist_ok=True)
        self.index = ArchiveIndex(root / layout.INDEX_FILE)

    def close(self) -> None:
        self.index.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def decide(self, record: Mapping[str, Any]) -> Decision:
        """New, or a duplicate by canonical URL or by content hash."""
        by_url = self.index.by_url(str(record["url"]))
        if by_url is not None:
            return Decision(Verdict.DUPLICATE_URL, by_url)
        by_hash = self.index.by_hash(str(record["content_hash"]))
        if by_hash is not None:
            return Decision(Verdict.DUPLICATE_CONTENT, by_hash)
        return Decision(Verdict.NEW)

    def record_duplicate(self, record: Mapping[str, Any], decision: Decision) -> None:
        """Remember the duplicate's URL against the article that was kept."""
        if decision.existing is None or decision.existing.url == record["url"]:
            return
        self.index.add_alias(
            str(record["url"]), decision.existing.id, decision.verdict.value, _now()
        )

    def store(self, record: Mapping[str, Any]) -> Path:
        """Append the record to its month file, then index it."""
        path = layout.month_file(self.root, record.get("published_at"))
        jsonl.append(path, record, fsync=self.fsync)
        entry = Entry(
            id=str(record["id"]),
            url=str(record["url"]),
            content_hash=str(record["content_hash"]),
            published_at=record.get("published_at"),
            path=layout.relative(self.root, path),
            revision=int(record.get("revision", 1)),
        )
        self.index.put(entry, _now())
        return path
