"""``scrapy crawl`` exiting with the crawl's own exit code, as ``newsarchive crawl`` does,
and refusing a mistaken command line in one line, as ``newsarchive crawl`` does.

Scrapy's command exits 0 whenever the spider ran, however the crawl went. A cron job or
scrapyd running ``scrapy crawl ailab`` would then not see an interrupted crawl or one
whose requests mostly failed (1), a changed page layout (3) or a full disk (74). The
run-log extension decides the code with the run record (``newsarchive.runlog``) and
leaves it in the crawl's stats; this command exits with it. A crawl that never started
keeps Scrapy's 1, and a locked archive its 75 (``pipelines.lock``).

A spider name, a ``-s`` value or a ``-a`` argument the crawl could not use is refused
before the crawl starts, and before Scrapy logs its start-up lines, with Scrapy's usage
error (exit 2): raised from the spider's construction it would reach the user as a
traceback from the reactor. ``-s`` values are checked as ``newsarchive crawl --set``
checks them (``check_setting``), spider arguments by the spider's own
``check_arguments``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scrapy import Spider
from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.crawler import Crawler
from scrapy.exceptions import UsageError as ScrapyUsageError
from scrapy.spiderloader import get_spider_loader

from newsarchive.commands.common import CommandFailed, UsageError, check_crawl_archive
from newsarchive.commands.crawl import check_setting
from pipelines.runlog import EXIT_CODE_STAT


class Command(ScrapyCrawlCommand):
    _started: Crawler | None = None

    def _create_crawler(self, spidercls: type[Spider] | str) -> Crawler:
        self._started = super()._create_crawler(spidercls)
        return self._started

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        """The ``-s`` values and the archive, checked before Scrapy's crawler process is
        made: it configures logging from the settings (``LOG_LEVEL=LOUD`` would end in a
        traceback there)."""
        super().process_options(args, opts)
        try:
            for item in opts.set or []:
                setting, _, value = item.partition("=")
                if setting.strip() != "NEWSARCHIVE_ARCHIVE":
                    check_setting(setting.strip(), value)
        except UsageError as exc:
            raise ScrapyUsageError(str(exc).replace("--set ", "-s ", 1), print_help=False) from None
        assert self.settings is not None
        _check_archive(str(self.settings.get("NEWSARCHIVE_ARCHIVE") or ""))
        if len(args) == 1:  # Scrapy's run() says what else is wrong with the arguments
            self._check(args[0], opts)

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        super().run(args, opts)
        if self.exitcode != 0 or self._started is None:
            return  # the crawl never started: no stats to read
        stats = self._started.stats
        code = stats.get_value(EXIT_CODE_STAT) if stats is not None else None
        if isinstance(code, int):
            self.exitcode = code

    def _check(self, name: str, opts: argparse.Namespace) -> None:
        """The spider and its arguments, before the crawler process is made: it logs
        Scrapy's start-up lines, which would otherwise stand above the refusal."""
        assert self.settings is not None
        loader = get_spider_loader(self.settings)
        names = loader.list()
        if name not in names:
            raise ScrapyUsageError(
                f"no spider named {name!r} (spiders: {', '.join(sorted(names))})",
                print_help=False,
            )
        spidercls = loader.load(name)
        check_arguments = getattr(spidercls, "check_arguments", None)
        if check_arguments is not None:
            try:
                check_arguments(dict(opts.spargs))
            except ValueError as exc:
                raise ScrapyUsageError(str(exc), print_help=False) from None


def _check_archive(name: str) -> None:
    """The archive ``-s NEWSARCHIVE_ARCHIVE`` names, checked as ``newsarchive crawl
    --archive`` checks it (``check_crawl_archive``), and an empty name (the current
    directory) refused. Nothing is created here: a refusal of a later argument must
    leave no trace."""
    if not name.strip():
        raise ScrapyUsageError(
            "NEWSARCHIVE_ARCHIVE is empty: give the archive's directory", print_help=False
        )
    try:
        check_crawl_archive(Path(name).expanduser().resolve())
    except UsageError as exc:
        raise ScrapyUsageError(str(exc), print_help=False) from None
    except CommandFailed as exc:
        print(f"scrapy crawl: {exc}", file=sys.stderr)
        raise SystemExit(exc.code) from None
