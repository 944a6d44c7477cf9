"""Network failures as one log line, not a traceback.

Scrapy logs a failed download with the whole exception chain. Under cron that turns one
unreachable host into pages of tracebacks that bury the summary, although the cause fits
in a line. Failures of the network (connection refused, DNS, timeouts, TLS, a dropped
connection) are shortened to ``message: ExceptionType: text``; anything else, such as a
bug in a callback, keeps its traceback.

Scrapy's robots.txt middleware reports a robots.txt it could not fetch as "Error
downloading" the page that asked for it, at ERROR, although the crawl goes on (every
page is then allowed) and the page is fetched next. That record becomes a WARNING
naming the robots.txt and what follows from it, and RetryMiddleware's "Gave up
retrying" record of that download, which it follows, goes to DEBUG.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

#: Loggers that report download failures.
DOWNLOAD_LOGGERS = (
    "scrapy.core.scraper",
    "scrapy.downloadermiddlewares.robotstxt",
    "scrapy.downloadermiddlewares.retry",
    "scrapy.core.engine",
)
_NETWORK_MODULES = ("twisted.", "OpenSSL.", "scrapy.exceptions", "scrapy.core.downloader")
ROBOTS_LOGGER = "scrapy.downloadermiddlewares.robotstxt"
RETRY_LOGGER = "scrapy.downloadermiddlewares.retry"


def is_network_error(exc: BaseException) -> bool:
    module = type(exc).__module__ + "."
    return isinstance(exc, OSError | TimeoutError) or module.startswith(_NETWORK_MODULES)


class OneLineNetworkErrors(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args if isinstance(record.args, dict) else {}
        if (
            record.name == RETRY_LOGGER
            and isinstance(args.get("reason"), BaseException)
            and _is_robots_download(args.get("request"))
        ):
            # A failed download, which the robots.txt middleware reports next as a
            # warning; a given-up 5xx answer is parsed instead, and stays said here.
            record.levelno, record.levelname = logging.DEBUG, "DEBUG"
            return True
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            if not is_network_error(exc):
                return True
            if record.name == ROBOTS_LOGGER:
                record.msg = _robots_message(args.get("request"), exc)
                record.levelno, record.levelname = logging.WARNING, "WARNING"
            else:
                record.msg = f"{record.getMessage()}: {type(exc).__name__}: {exc}"
            record.args = None
            record.exc_info = None
            record.exc_text = None
        return True


def _is_robots_download(request: object) -> bool:
    """Whether ``request`` is a robots.txt download made by Scrapy's robots.txt
    middleware (which marks it ``dont_obey_robotstxt``)."""
    meta = getattr(request, "meta", None)
    return (
        isinstance(meta, dict)
        and bool(meta.get("dont_obey_robotstxt"))
        and urlsplit(str(getattr(request, "url", ""))).path == "/robots.txt"
    )


def _robots_message(request: object, exc: BaseException) -> str:
    """What a failed robots.txt means for the crawl, naming the robots.txt (``request``
    is the page that asked for it)."""
    parts = urlsplit(str(getattr(request, "url", "")))
    where = f"{parts.scheme}://{parts.netloc}/robots.txt" if parts.netloc else "robots.txt"
    return (
        f"could not fetch {where} ({type(exc).__name__}: {exc}); "
        "the site's pages are fetched without its rules"
    )


def install(loggers: tuple[str, ...] = DOWNLOAD_LOGGERS) -> OneLineNetworkErrors:
    """Attach the filter to the loggers that report download failures."""
    flt = OneLineNetworkErrors()
    for name in loggers:
        logging.getLogger(name).addFilter(flt)
    return flt
