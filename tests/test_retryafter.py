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
