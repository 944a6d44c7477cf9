"""Record every HTTP exchange of a crawl in WARC files: a downloader middleware.

Position (``DOWNLOADER_MIDDLEWARES``, 950): above HttpCompressionMiddleware (590),
RedirectMiddleware (600), RetryMiddleware (550), RobotsTxtMiddleware (100) and the
HTTP cache (900). ``process_response`` runs from the highest number down, so this one
sees each response first, as the download handler produced it: the body still
compressed as sent (its ``Content-Encoding`` true of it), every redirect hop and every
retried attempt as an exchange of its own, robots.txt included. ``process_request``
runs in the other order, so the request headers recorded are the ones the other
middlewares added (User-Agent, Accept-Encoding...). A response replayed from Scrapy's
HTTP cache (flag ``cached``) was recorded when it was fetched and is skipped.

Writing is unbuffered (see ``newsarchive.warc.writer``): a crawl killed at any moment
leaves whole records, and the next one recovers the file. With more than one core the
writer runs in a process of its own (``newsarchive.warc.remote``;
``NEWSARCHIVE_WARC_PROCESS``), which takes record building and compression off the
event loop; either way a response goes on to the spider only once its record is
written. A write that fails is counted as ``newsarchive/warc/errors``; the response
still goes on to the spider. A full disk or an I/O error stops the crawl
(``pipelines.storagefailure``: one line, exit 74); other failures are logged and the
crawl goes on, so the JSON archive is not lost with the WARC.
"""

from __future__ import annotations

import errno
import logging
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Headers, Response
from scrapy.statscollectors import StatsCollector

from newsarchive import __version__, exitcodes
from newsarchive.warc.digests import DigestStore
from newsarchive.warc.files import DIGESTS_FILE, warc_dir
from newsarchive.warc.remote import RemoteWarcWriter
from newsarchive.warc.span_reader import CALLBACK_FIELD, RUN_FIELD
from newsarchive.warc.writer import Exchange, WarcWriter, Written
from newsarchive.workers.sizing import recorder_process
from pipelines.storagefailure import STORAGE_ERRORS, storage_failed

logger = logging.getLogger(__name__)

#: ``Request.meta`` key: when the response was received, the ``WARC-Date`` of its record.
#: The spider stamps the article's ``fetched_at`` with it, so a reparse of the WARC
#: (which can only know ``WARC-Date``) gives the crawl's record again to the second.
FETCHED_AT = "newsarchive_fetched_at"


def header_pairs(headers: Headers) -> list[tuple[str, str]]:
    """Scrapy's bytes headers as (name, value) text pairs, every value kept, byte-exact."""
    pairs = []
    for name, values in headers.items():
        for value in values:
            pairs.append((name.decode("latin-1"), bytes(value).decode("latin-1")))
    return pairs


def callback_name(request: Request) -> str:
    """The spider callback the request was made for (``parse`` when none was given)."""
    callback: Any = request.callback
    return str(getattr(callback, "__name__", None) or "parse")


def exchange_of(request: Request, response: Response) -> Exchange:
    """The plain-value exchange the WARC writer stores."""
    ip = getattr(response, "ip_address", None)
    return Exchange(
        url=response.url,
        status=response.status,
        response_headers=header_pairs(response.headers),
        body=response.body,
        method=request.method,
        request_headers=header_pairs(request.headers),
        request_body=request.body,
        protocol=getattr(response, "protocol", None),
        date=datetime.now(UTC),
        ip_address=str(ip) if ip is not None else None,
        truncated="disconnect" if "dataloss" in response.flags else None,
        extra={CALLBACK_FIELD: callback_name(request)},
    )


class WarcMiddleware:
    def __init__(
        self,
        writer: WarcWriter | RemoteWarcWriter,
        stats: StatsCollector,
        crawler: Crawler | None = None,
    ) -> None:
        self.writer = writer
        self.stats = stats
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcMiddleware:
        settings = crawler.settings
        if not settings.getbool("NEWSARCHIVE_WARC_ENABLED", True):
            raise NotConfigured("NEWSARCHIVE_WARC_ENABLED is off")
        assert crawler.stats is not None
        directory = warc_dir(Path(settings["NEWSARCHIVE_ARCHIVE"]))
        info = {
            "software": f"newsarchive/{__version__}",
            "robots": "classic" if settings.getbool("ROBOTSTXT_OBEY") else "ignore",
            "http-header-user-agent": settings.get("USER_AGENT", ""),
            RUN_FIELD: settings.get("NEWSARCHIVE_RUN_ID") or uuid.uuid4().hex,
        }
        max_size = settings.getint("NEWSARCHIVE_WARC_MAX_SIZE", 1024**3)
        writer: WarcWriter | RemoteWarcWriter
        if recorder_process(settings.get("NEWSARCHIVE_WARC_PROCESS", "auto")):
            writer = RemoteWarcWriter(
                directory,
                max_size=max_size,
                info=info,
                log_file=settings.get("LOG_FILE") or None,
                log_level=str(settings.get("LOG_LEVEL") or "WARNING"),
            )
        else:
            writer = WarcWriter(
                directory,
                max_size=max_size,
                digests=DigestStore(directory / DIGESTS_FILE),
                info=info,
            )
        middleware = cls(writer, crawler.stats, crawler)
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    async def process_response(self, request: Request, response: Response) -> Response:
        if "cached" in response.flags:
            return response
        exchange = exchange_of(request, response)
        request.meta[FETCHED_AT] = exchange.date
        try:
            written = await self._write(exchange)
        except STORAGE_ERRORS as exc:
            self.stats.inc_value("newsarchive/warc/errors")
            if not self._storage_failed(exc):
                logger.error("WARC write failed for %s: %s", response.url, exc)
            return response
        self.stats.inc_value(f"newsarchive/warc/{written.record_type}")
        self.stats.inc_value("newsarchive/warc/bytes", written.length)
        return response

    async def _write(self, exchange: Exchange) -> Written:
        if isinstance(self.writer, RemoteWarcWriter):
            return await self.writer.write(exchange)
        return self.writer.write(exchange)

    def _storage_failed(self, exc: BaseException) -> bool:
        """A full disk or an I/O error: reported once and the crawl stopped."""
        return self.crawler is not None and storage_failed(self.crawler, exc, self.writer.directory)

    def spider_closed(self, spider: Spider) -> None:
        try:
            self._close()
        except STORAGE_ERRORS as exc:
            if not self._storage_failed(exc):
                raise

    def _close(self) -> None:
        if isinstance(self.writer, RemoteWarcWriter):
            if self.writer.close() == exitcodes.IOERR:
                raise OSError(errno.EIO, "the WARC recorder could not close its file",
                              str(self.writer.directory))  # fmt: skip
            if self.writer.restarts:
                self.stats.set_value("newsarchive/warc/recorder_restarts", self.writer.restarts)
            return
        self.writer.close()
        if self.writer.digests is not None:
            self.writer.digests.close()
