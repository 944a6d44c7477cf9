"""Network failures are logged as one line; a failed robots.txt as one warning about it."""

from __future__ import annotations

import logging

import pytest
from scrapy import Request
from twisted.internet.error import ConnectionRefusedError

from newsarchive.logfilter import RETRY_LOGGER, ROBOTS_LOGGER, OneLineNetworkErrors

ROBOTS_META: dict[str, object] = {"dont_obey_robotstxt": True}


def _record(name: str, msg: str, args: dict[str, object], exc: BaseException) -> logging.LogRecord:
    return logging.LogRecord(name, logging.ERROR, __file__, 1, msg, (args,), (type(exc), exc, None))


def test_a_network_failure_is_one_line() -> None:
    exc = ConnectionRefusedError("111: Connection refused.")
    record = _record("scrapy.core.scraper", "Error downloading %(request)s",
                     {"request": Request("http://127.0.0.1:9/a.html")}, exc)  # fmt: skip
    assert OneLineNetworkErrors().filter(record)
    assert record.exc_info is None and record.levelno == logging.ERROR
    assert record.getMessage() == (
        f"Error downloading <GET http://127.0.0.1:9/a.html>: ConnectionRefusedError: {exc}"
    )


def test_any_other_failure_keeps_its_traceback() -> None:
    record = _record("scrapy.core.scraper", "Error downloading %(request)s",
                     {"request": Request("http://127.0.0.1:9/a.html")}, KeyError("x"))  # fmt: skip
    assert OneLineNetworkErrors().filter(record)
    assert record.exc_info is not None and record.levelno == logging.ERROR


@pytest.mark.parametrize("page", ["http://127.0.0.1:9/news/1.html", "http://127.0.0.1:9/"])
def test_a_failed_robots_txt_is_a_warning_that_names_it(page: str) -> None:
    """Scrapy names the page that asked for the robots.txt; the crawl goes on."""
    exc = ConnectionRefusedError("111: Connection refused.")
    record = _record(ROBOTS_LOGGER, "Error downloading %(request)s: %(f_exception)s",
                     {"request": Request(page), "f_exception": exc}, exc)  # fmt: skip
    assert OneLineNetworkErrors().filter(record)
    assert (record.levelno, record.levelname, record.exc_info) == (logging.WARNING, "WARNING", None)
    message = record.getMessage()
    assert message.startswith("could not fetch http://127.0.0.1:9/robots.txt (ConnectionRefused")
    assert "without its rules" in message and "news/1.html" not in message


def _give_up(url: str, reason: object, meta: dict[str, object]) -> logging.LogRecord:
    args = {"request": Request(url, meta=meta), "retry_times": 4, "reason": reason}
    msg = "Gave up retrying %(request)s (failed %(retry_times)d times): %(reason)s"
    return logging.LogRecord(RETRY_LOGGER, logging.ERROR, __file__, 1, msg, (args,), None)


@pytest.mark.parametrize(
    ("url", "reason", "meta", "level"),
    [
        # the robots.txt middleware's own download, failed: its warning follows
        ("http://127.0.0.1:9/robots.txt", ConnectionRefusedError(), ROBOTS_META, logging.DEBUG),
        # a 503 given up on is parsed as the robots.txt, and nothing else says it
        ("http://127.0.0.1:9/robots.txt", "503 Service Unavailable", ROBOTS_META, logging.ERROR),
        # a page: the one line that says it was lost
        ("http://127.0.0.1:9/a.html", ConnectionRefusedError(), {}, logging.ERROR),
        ("http://127.0.0.1:9/robots.txt", ConnectionRefusedError(), {}, logging.ERROR),
        ("http://127.0.0.1:9/a/robots.txt", ConnectionRefusedError(), ROBOTS_META, logging.ERROR),
    ],
)
def test_only_the_robots_txt_download_give_up_is_left_to_its_warning(
    url: str, reason: object, meta: dict[str, object], level: int
) -> None:
    record = _give_up(url, reason, meta)
    assert OneLineNetworkErrors().filter(record)
    assert record.levelno == level and record.levelname == logging.getLevelName(level)
