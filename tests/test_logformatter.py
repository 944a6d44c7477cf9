"""The project's log formatter drops per-page DEBUG records only when the log would, and
logs a lost request once."""

from __future__ import annotations

import logging

import pytest
from scrapy import Request, Spider
from scrapy.http import HtmlResponse
from scrapy.logformatter import LogFormatter as ScrapyLogFormatter
from scrapy.utils.test import get_crawler
from twisted.internet.error import ConnectionRefusedError, TCPTimedOutError
from twisted.python.failure import Failure

from pipelines.logformatter import LogFormatter, logs_debug


@pytest.mark.parametrize(
    ("level", "enabled", "expected"),
    [
        ("DEBUG", True, True),
        ("debug ", True, True),
        (logging.DEBUG, True, True),
        (5, True, True),
        ("INFO", True, False),
        ("WARNING", True, False),
        (logging.ERROR, True, False),
        ("DEBUG", False, False),
        ("LOUD", True, True),  # unknown: keep the records rather than lose them
    ],
)
def test_logs_debug(level: object, enabled: bool, expected: bool) -> None:
    assert logs_debug(level, enabled) is expected


def _formatter(**settings: object) -> LogFormatter:
    crawler = get_crawler(Spider, settings_dict={"LOG_FORMATTER": LogFormatter, **settings})
    formatter = LogFormatter.from_crawler(crawler)
    assert isinstance(formatter, LogFormatter)
    return formatter


def _exchange() -> tuple[Request, HtmlResponse, Spider]:
    request = Request("http://127.0.0.1:9/a.html", headers={"Referer": "http://127.0.0.1:9/"})
    response = HtmlResponse(request.url, body=b"<html></html>", request=request)
    return request, response, Spider("s")


def test_quiet_levels_build_no_page_records() -> None:
    request, response, spider = _exchange()
    for level in ("INFO", "WARNING"):
        formatter = _formatter(LOG_LEVEL=level)
        assert formatter.crawled(request, response, spider) is None
        assert formatter.scraped({"a": 1}, response, spider) is None
    assert (
        _formatter(LOG_LEVEL="DEBUG", LOG_ENABLED=False).crawled(request, response, spider) is None
    )


def test_debug_level_is_scrapys_formatter() -> None:
    request, response, spider = _exchange()
    ours, scrapys = _formatter(LOG_LEVEL="DEBUG"), ScrapyLogFormatter()
    assert ours.crawled(request, response, spider) == scrapys.crawled(request, response, spider)
    item = {"a": 1}
    assert ours.scraped(item, response, spider) == scrapys.scraped(item, response, spider)


def test_other_records_are_kept_at_quiet_levels() -> None:
    _request, response, spider = _exchange()
    spider.crawler = get_crawler(Spider)
    ours, scrapys = _formatter(LOG_LEVEL="WARNING"), ScrapyLogFormatter()
    error = ValueError("bad")
    for method in ("dropped", "item_error"):
        mine = getattr(ours, method)({}, error, response, spider)
        assert mine["level"] == getattr(scrapys, method)({}, error, response, spider)["level"]


def test_a_dropped_or_failed_item_is_named_by_its_url_not_printed_whole() -> None:
    _request, response, spider = _exchange()
    spider.crawler = get_crawler(Spider)
    ours = _formatter(LOG_LEVEL="WARNING")
    record = {"url": "http://127.0.0.1:9/a.html", "title": "标题", "sections": ["正文" * 500]}

    def shown(result: dict[str, object]) -> str:
        return str(result["msg"]) % result["args"]  # type: ignore[operator]

    dropped = shown(ours.dropped(record, ValueError("missing title"), response, spider))
    assert dropped == "Dropped: missing title (http://127.0.0.1:9/a.html)"
    named = ValueError("missing title: http://127.0.0.1:9/a.html")
    assert shown(ours.dropped(record, named, response, spider)) == f"Dropped: {named}"
    failed = shown(ours.item_error(record, ValueError("x"), response, spider))
    assert "http://127.0.0.1:9/a.html" in failed and "正文" not in failed


@pytest.mark.parametrize(
    ("error", "settings", "meta", "level"),
    [
        # RetryMiddleware retried it and has said "Gave up retrying" at ERROR
        (ConnectionRefusedError(), {}, {}, logging.DEBUG),
        (TCPTimedOutError(), {}, {}, logging.DEBUG),
        # nothing said it before: the scraper's record is the only one
        (ValueError("bad"), {}, {}, logging.ERROR),
        (ConnectionRefusedError(), {"RETRY_ENABLED": False}, {}, logging.ERROR),
        (ConnectionRefusedError(), {}, {"dont_retry": True}, logging.ERROR),
        # the give-up was logged more quietly than the scraper's record
        (ConnectionRefusedError(), {"RETRY_GIVE_UP_LOG_LEVEL": "WARNING"}, {}, logging.ERROR),
        (ConnectionRefusedError(), {}, {"give_up_log_level": logging.INFO}, logging.ERROR),
        (ConnectionRefusedError(), {"RETRY_GIVE_UP_LOG_LEVEL": "CRITICAL"}, {}, logging.DEBUG),
    ],
)
def test_a_lost_request_is_logged_once_at_error(
    error: Exception, settings: dict[str, object], meta: dict[str, object], level: int
) -> None:
    request = Request("http://127.0.0.1:9/a.html", meta=meta)
    result = _formatter(**settings).download_error(Failure(error), request, Spider("s"))
    assert result["level"] == level
    assert (
        str(result["msg"]) % result["args"] == "Error downloading <GET http://127.0.0.1:9/a.html>"
    )
