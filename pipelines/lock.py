"""Hold the archive's lock for the whole crawl, taken before anything touches the archive.

Extensions are built before the engine, its middlewares and pipelines, so taking the
lock here means no WARC file, index or JSONL line is opened by a crawl that does not
hold it. A crawl started by ``newsarchive crawl`` adopts the lock its parent took; one
started by ``scrapy crawl`` or scrapyd takes it here and, when another crawl has it,
ends at once: one ERROR line naming the holder, exit status 75 (``exitcodes.LOCKED``,
"try again later", as ``newsarchive crawl`` gives), nothing in the archive touched. An
archive that cannot be made or opened ends the same way with exit status 74.

The process exits from here rather than raising: Scrapy reports an exception raised
while building a crawler as an unretrieved asyncio task, with a traceback, for what is
an everyday condition of scheduled crawls. Nothing of the archive is open yet (the
lock is the first part of it a crawl opens; helper processes already started see their
socket close and exit), and the log is flushed first.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import NoReturn

from scrapy import signals
from scrapy.crawler import Crawler

from newsarchive import exitcodes
from newsarchive.storage.failure import describe
from newsarchive.storage.lock import LOCK_FD_ENV, ArchiveLock, ArchiveLocked, adopt_or_acquire

logger = logging.getLogger(__name__)

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
        try:
            lock = adopt_or_acquire(root, os.environ.get(LOCK_FD_ENV))
        except ArchiveLocked as exc:
            _refuse(str(exc))
        except OSError as exc:  # an archive that cannot be made or written: the disk's
            _refuse(f"cannot open archive {root}: {describe(exc)}", exitcodes.IOERR)
        ext = cls(lock)
        setattr(crawler, _ATTR, ext.lock)
        crawler.signals.connect(ext.engine_stopped, signal=signals.engine_stopped)
        return ext

    def engine_stopped(self) -> None:
        self.lock.release()


def _refuse(reason: str, code: int = exitcodes.LOCKED) -> NoReturn:
    logger.error("not crawling: %s", reason)
    for handler in logging.getLogger().handlers:
        handler.flush()
    sys.stderr.flush()
    os._exit(code)
