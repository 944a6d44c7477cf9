"""Retry-After values."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsarchive.retryafter import retry_after_seconds

NOW = datetime(2024, 10, 24, 1, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("1", 1.0),
        (b"120", 120.0),
        (" 30 ", 30.0),
        ("Thu, 24 Oct 2024 01:00:45 GMT", 45.0),
        ("Thu, 24 Oct 2024 00:59:00 GMT", 0.0),  # in the past: no wait
        ("soon", None),
        ("-5", None),
        ("", None),
        (None, None),
    ],
)
def test_retry_after_seconds(value: str | bytes | None, seconds: float | None) -> None:
    assert retry_after_seconds(value, now=NOW) == seconds


def test_the_wait_is_only_for_an_answer_that_will_be_retried() -> None:
    """Waiting on the last attempt would only hold the crawl up: no retry follows."""
    import asyncio

    from scrapy import Request
    from scrapy.http import Response
    from scrapy.utils.test import get_crawler

    from pipelines.retryafter import RetryAfterMiddleware

    waits: list[float] = []

    class Recorded(RetryAfterMiddleware):
        async def wait(self, seconds: float) -> None:
            waits.append(seconds)

    crawler = get_crawler(settings_dict={"RETRY_TIMES": 2, "NEWSARCHIVE_RETRY_AFTER_MAX": 3})
    middleware = Recorded.from_crawler(crawler)

    def waited(status: int, **meta: object) -> list[float]:
        waits.clear()
        request = Request("http://127.0.0.1:9/a.html", meta=meta)
        response = Response(request.url, status=status, headers={"Retry-After": "5"})
        asyncio.run(middleware.process_response(request, response))
        return list(waits)

    assert waited(429) == [3.0] and waited(503, retry_times=1) == [3.0]  # capped
    assert waited(429, retry_times=2) == []  # the last attempt: Scrapy gives up next
    assert waited(503, dont_retry=True) == []
    assert waited(429, retry_times=2, max_retry_times=5) == [3.0]
    assert waited(200) == []
