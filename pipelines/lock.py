"""Hold the archive's lock for the whole crawl, taken before anything touches the archive.

Extensions are built before the engine, its middlewares and pipelines, so taking the
lock here means no WARC file, index or JSONL line is opened by a crawl that does not
hold it. A crawl started by ``newsarchive crawl`` adopts the lock its parent took; one
started by ``scrapy crawl`` or scrapyd takes it here and fails at once, with
``ArchiveLocked`` naming the holder, when another crawl has it.
"""

from __future__ import annotations

import os
from pathlib import Path

from scrapy import signals
from scrapy.crawler import Crawler

from newsarchive.storage.lock import LOCK_FD_ENV, ArchiveLock, adopt_or_acquire

_ATTR = "_newsarchive_lock"


def held_lock(crawler: Crawler) -> ArchiveLock | None:
    lock: ArchiveLock | None = getattr(crawler, _ATTR, None)
    return lock


class ArchiveLockExtension:
    def __init__(self, lock: ArchiveLock) -> None:
        self.lock = lock

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchiveLockExtension:
        root = Path(crawler.settings["NEWSARCHIVE_ARCHIVE"])
        ext = cls(adopt_or_acquire(root, os.environ.get(LOCK_FD_ENV)))
        setattr(crawler, _ATTR, ext.lock)
        crawler.signals.connect(ext.engine_stopped, signal=signals.engine_stopped)
        return ext

    def engine_stopped(self) -> None:
        self.lock.release()
