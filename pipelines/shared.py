"""One Archive per crawl, shared by the dedup and store pipelines, under the lock.

Both pipelines must see the same index state, and the archive must be opened (torn
tails set aside, index caught up) exactly once per crawl, and only while this process
holds the archive's lock (``pipelines.lock``): repairing a file another crawl is
appending to would damage it. The instance hangs off the crawler, not a module
global, so two crawlers in one process never share one.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Self

from itemadapter import ItemAdapter
from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.statscollectors import StatsCollector

from newsarchive import exitcodes
from newsarchive.storage import layout
from newsarchive.storage.archive import Archive
from pipelines.lock import held_lock
from pipelines.storagefailure import STORAGE_ERRORS, storage_failed, storage_failure

_ATTR = "_newsarchive_archive"


def as_record(item: Any) -> dict[str, Any]:
    """The item as a plain dict: the spiders' records already are one, and copying each
    record in every pipeline stage costs more than the stage itself."""
    if isinstance(item, dict):
        return item
    return ItemAdapter(item).asdict()


def archive_for(crawler: Crawler) -> Archive:
    """The crawl's archive, opened on first use; only ever under the archive's lock."""
    archive: Archive | None = getattr(crawler, _ATTR, None)
    if archive is None:
        if held_lock(crawler) is None:
            raise NotConfigured(
                "pipelines.lock.ArchiveLockExtension must be enabled: the archive is "
                "only written under its lock"
            )
        root = Path(crawler.settings["NEWSARCHIVE_ARCHIVE"])
        archive = Archive(root, fsync=crawler.settings.getbool("NEWSARCHIVE_FSYNC", True))
        setattr(crawler, _ATTR, archive)
        if archive.repaired or archive.caught_up:
            assert crawler.stats is not None
            crawler.stats.set_value("newsarchive/repaired_files", archive.repaired)
            crawler.stats.set_value("newsarchive/index_caught_up", archive.caught_up)
    return archive


def close_archive(crawler: Crawler) -> None:
    archive: Archive | None = getattr(crawler, _ATTR, None)
    if archive is not None:
        archive.close()
        setattr(crawler, _ATTR, None)


class ArchivePipeline:
    """Base for pipelines that work on the crawl's archive.

    Subclasses implement ``process``. A write the disk refuses (full, I/O error) stops
    the crawl (``pipelines.storagefailure``) and the item is dropped quietly, as is
    every later one: one line reports the failure, not a traceback per page.
    """

    def __init__(self, crawler: Crawler, stats: StatsCollector) -> None:
        self.crawler = crawler
        self.stats = stats
        self.archive: Archive | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        assert crawler.stats is not None
        return cls(crawler, crawler.stats)

    def _index_path(self) -> Path:
        return Path(self.crawler.settings["NEWSARCHIVE_ARCHIVE"]) / layout.INDEX_FILE

    def open_spider(self, spider: Spider | None = None) -> None:
        try:
            self.archive = archive_for(self.crawler)
        except STORAGE_ERRORS as exc:
            if not storage_failed(self.crawler, exc, self._index_path()):
                raise
            _exit_storage_failed()

    def close_spider(self, spider: Spider | None = None) -> None:
        try:
            close_archive(self.crawler)
        except STORAGE_ERRORS as exc:
            # The index stays behind the files it describes; the next crawl catches up.
            if not storage_failed(self.crawler, exc, self._index_path()):
                raise

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if storage_failure(self.crawler) is not None:
            raise DropItem("not stored: the crawl is stopping", log_level="DEBUG")
        try:
            return self.process(item)
        except STORAGE_ERRORS as exc:
            if not storage_failed(self.crawler, exc, self._index_path()):
                raise
            raise DropItem("not stored: the archive's disk failed", log_level="DEBUG") from None

    def process(self, item: Any) -> Any:
        raise NotImplementedError


def _exit_storage_failed() -> None:
    """The archive could not even be opened: nothing is written yet, so end here, as
    ``pipelines.lock`` does for a locked archive (Scrapy would report an exception
    raised while opening the spider as an unretrieved task, with a traceback)."""
    import os
    import sys

    for handler in logging.getLogger().handlers:
        handler.flush()
    sys.stderr.flush()
    os._exit(exitcodes.IOERR)
