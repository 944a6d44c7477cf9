"""Network failures as one log line, not a traceback.

Scrapy logs a failed download with the whole exception chain. Under cron that turns one
unreachable host into pages of tracebacks that bury the summary, although the cause fits
in a line. Failures of the network (connection refused, DNS, timeouts, TLS, a dropped
connection) are shortened to ``message: ExceptionType: text``; anything else, such as a
bug in a callback, keeps its traceback.
"""

from __future__ import annotations

import logging

#: Loggers that report download failures.
DOWNLOAD_LOGGERS = (
    "scrapy.core.scraper",
    "scrapy.downloadermiddlewares.robotstxt",
    "scrapy.downloadermiddlewares.retry",
    "scrapy.core.engine",
)
_NETWORK_MODULES = ("twisted.", "OpenSSL.", "scrapy.exceptions", "scrapy.core.downloader")


def is_network_error(exc: BaseException) -> bool:
    module = type(exc).__module__ + "."
    return isinstance(exc, OSError | TimeoutError) or module.startswith(_NETWORK_MODULES)


class OneLineNetworkErrors(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            if is_network_error(exc):
                record.msg = f"{record.getMessage()}: {type(exc).__name__}: {exc}"
                record.args = None
                record.exc_info = None
                record.exc_text = None
        return True


def install(loggers: tuple[str, ...] = DOWNLOAD_LOGGERS) -> OneLineNetworkErrors:
    """Attach the filter to the loggers that report download failures."""
    flt = OneLineNetworkErrors()
    for name in loggers:
        logging.getLogger(name).addFilter(flt)
    return flt
