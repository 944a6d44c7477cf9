"""``fetched_at`` of a response: its WARC record's date, its cache entry's, or now."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from scrapy import Request, Spider
from scrapy.downloadermiddlewares.httpcache import HttpCacheMiddleware
from scrapy.http import HtmlResponse
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from newsarchive.httpdate import parse_http_date
from pipelines.warc import FETCHED_AT
from spiders.base import received_at

URL = "http://127.0.0.1:8000/robot/2024/1024/452817.html"
FETCHED = datetime(2024, 10, 24, 1, 5, 17, tzinfo=UTC)


def response(
    *, date: str | None = None, cached: bool = False, meta: dict[str, object] | None = None
) -> HtmlResponse:
    headers = {"Content-Type": "text/html"} | ({"Date": date} if date is not None else {})
    request = Request(URL, meta=meta or {})
    return HtmlResponse(
        URL, body=b"<html></html>", headers=headers, request=request,
        flags=["cached"] if cached else [],
    )  # fmt: skip


def test_the_recorded_date_wins() -> None:
    recorded = datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)
    got = received_at(
        response(date=format_datetime(FETCHED, usegmt=True), meta={FETCHED_AT: recorded})
    )
    assert got is recorded


def test_a_cached_response_is_dated_by_its_date_header() -> None:
    got = received_at(response(date="Thu, 24 Oct 2024 01:05:17 GMT", cached=True))
    assert got == FETCHED and got.tzinfo is not None


def test_a_cached_date_in_another_zone_comes_back_in_utc() -> None:
    got = received_at(response(date="Thu, 24 Oct 2024 09:05:17 +0800", cached=True))
    assert got == FETCHED and got.utcoffset() == timedelta(0)


@pytest.mark.parametrize("date", [None, "", "yesterday", "Thu, 99 Oct 2024 01:05:17 GMT"])
def test_a_cached_response_without_a_readable_date_is_dated_now(date: str | None) -> None:
    before = datetime.now(UTC)
    assert before <= received_at(response(date=date, cached=True)) <= datetime.now(UTC)


def test_a_server_clock_ahead_of_ours_is_not_believed() -> None:
    ahead = datetime.now(UTC) + timedelta(days=1)
    before = datetime.now(UTC)
    got = received_at(response(date=format_datetime(ahead, usegmt=True), cached=True))
    assert before <= got <= datetime.now(UTC)


def test_a_live_unrecorded_response_is_dated_now_whatever_its_header_says() -> None:
    before = datetime.now(UTC)
    got = received_at(response(date="Thu, 24 Oct 2024 01:05:17 GMT"))
    assert before <= got <= datetime.now(UTC)


class _Spider(Spider):
    name = "t"


def test_a_response_replayed_by_scrapys_cache_keeps_its_fetch_date(tmp_path: Path) -> None:
    """Through Scrapy's own cache middleware and filesystem storage: the replay carries
    the flag and the stored ``Date`` that ``received_at`` relies on."""
    crawler = get_crawler(
        _Spider, {"HTTPCACHE_ENABLED": True, "HTTPCACHE_DIR": str(tmp_path / "cache")}
    )
    crawler.spider = crawler._create_spider()
    mw: HttpCacheMiddleware = build_from_crawler(HttpCacheMiddleware, crawler)
    mw.spider_opened(crawler.spider)
    try:
        first = Request(URL)
        assert mw.process_request(first) is None  # a miss: the page is downloaded
        fetched = response(date="Thu, 24 Oct 2024 01:05:17 GMT").replace(request=first)
        mw.process_response(first, fetched)

        second = Request(URL)
        replayed = mw.process_request(second)
        assert isinstance(replayed, HtmlResponse) and "cached" in replayed.flags
        replayed.request = second  # as Scrapy's engine does with a downloaded response
        assert received_at(replayed) == FETCHED
    finally:
        mw.spider_closed(crawler.spider)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Thu, 24 Oct 2024 01:05:17 GMT", FETCHED),  # IMF-fixdate
        ("Thursday, 24-Oct-24 01:05:17 GMT", FETCHED),  # RFC 850
        ("Thu Oct 24 01:05:17 2024", FETCHED),  # asctime: GMT by definition
        (b"Thu, 24 Oct 2024 01:05:17 GMT", FETCHED),
        ("  Thu, 24 Oct 2024 01:05:17 GMT  ", FETCHED),
        ("Thu, 24 Oct 2024 01:05:17 -0000", FETCHED),  # "zone unknown": read as UTC
        ("Thu, 24 Oct 2024 01:05:17", FETCHED),
        ("Thu, 32 Oct 2024 01:05:17 GMT", None),
        ("2024-10-24T01:05:17Z", None),  # ISO 8601 is not an HTTP-date
        ("", None),
        (None, None),
    ],
)
def test_parse_http_date(value: str | bytes | None, expected: datetime | None) -> None:
    got = parse_http_date(value)
    assert got == expected
    if got is not None:
        assert got.tzinfo is not None
