"""HTTP-dates (RFC 9110, section 5.6.7) as aware UTC datetimes.

Two headers need one: ``Retry-After`` may give its moment as a date, and the ``Date`` of
a response replayed from Scrapy's HTTP cache is the best record of when it was fetched.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


def parse_http_date(value: str | bytes | None) -> datetime | None:
    """``value`` as an aware datetime; None when absent or unreadable.

    ``email.utils`` reads all three formats RFC 9110 requires a recipient to accept
    (IMF-fixdate, RFC 850, asctime). A date without a zone (asctime) is GMT by
    definition.
    """
    if value is None:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    try:
        when = parsedate_to_datetime(text.strip())
    except (TypeError, ValueError, IndexError):
        return None
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when
