"""``Retry-After``: how long a server asked us to wait before trying again."""

from __future__ import annotations

from datetime import UTC, datetime

from newsarchive.httpdate import parse_http_date


def retry_after_seconds(value: str | bytes | None, now: datetime | None = None) -> float | None:
    """Seconds to wait, from delta-seconds or an HTTP-date; None when absent or unreadable."""
    if value is None:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    when = parse_http_date(text)
    if when is None:
        return None
    return max((when - (now or datetime.now(UTC))).total_seconds(), 0.0)
