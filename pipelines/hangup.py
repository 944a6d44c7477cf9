"""A closed terminal (SIGHUP) stops a crawl as SIGTERM does: cleanly, with its run record.

Scrapy shuts down cleanly on SIGINT and SIGTERM; SIGHUP keeps its default, which ends
the process at once: no run record, the WARC file left for the next crawl to recover.
``newsarchive crawl`` turns a hangup into SIGTERM for its crawler; this covers a plain
``scrapy crawl`` at a terminal (or over SSH) that goes away.
"""

from __future__ import annotations

import signal

from scrapy import signals
from scrapy.crawler import Crawler


class HangupShutdown:
    @classmethod
    def from_crawler(cls, crawler: Crawler) -> HangupShutdown:
        extension = cls()
        crawler.signals.connect(extension.engine_started, signal=signals.engine_started)
        return extension

    def engine_started(self) -> None:
        # Scrapy has installed its shutdown handlers by now. A SIGHUP someone chose to
        # ignore (nohup) stays ignored.
        if signal.getsignal(signal.SIGHUP) is signal.SIG_DFL:
            signal.signal(signal.SIGHUP, signal.getsignal(signal.SIGTERM))
