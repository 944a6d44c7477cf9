"""``scrapy crawl`` exiting with the crawl's own exit code, as ``newsarchive crawl`` does.

Scrapy's command exits 0 whenever the spider ran, however the crawl went. A cron job or
scrapyd running ``scrapy crawl ailab`` would then not see an interrupted crawl or one
whose requests mostly failed (1), a changed page layout (3) or a full disk (74). The
run-log extension decides the code with the run record (``newsarchive.runlog``) and
leaves it in the crawl's stats; this command exits with it. A crawl that never started
keeps Scrapy's 1, and a locked archive its 75 (``pipelines.lock``).
"""

from __future__ import annotations

import argparse

from scrapy import Spider
from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.crawler import Crawler

from pipelines.runlog import EXIT_CODE_STAT


class Command(ScrapyCrawlCommand):
    _started: Crawler | None = None

    def _create_crawler(self, spidercls: type[Spider] | str) -> Crawler:
        self._started = super()._create_crawler(spidercls)
        return self._started

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        super().run(args, opts)
        stats = self._started.stats if self._started is not None else None
        code = stats.get_value(EXIT_CODE_STAT) if stats is not None else None
        if self.exitcode == 0 and isinstance(code, int):
            self.exitcode = code
