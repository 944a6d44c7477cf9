"""The live progress line shown while a crawl runs on a terminal."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newsarchive.runlog import errors_by_type, failed_by_reason


def progress_line(stats: Mapping[str, Any], elapsed: float) -> str:
    """``pages 120 | articles 80 (new 12) | 35.2 pages/s | failed 0 (errors 3)``.

    Failed requests and errors are counted as the summary counts them at the end
    (``newsarchive.runlog``), so the last line shown and the summary agree."""
    pages = int(stats.get("response_received_count", 0))
    parsed = int(stats.get("newsarchive/articles_parsed", 0))
    new = int(stats.get("newsarchive/stored", 0))
    errors = sum(errors_by_type(stats).values())
    failed = sum(failed_by_reason(stats).values())
    rate = pages / elapsed if elapsed > 0 else 0.0
    return (
        f"pages {pages} | articles {parsed} (new {new}) | {rate:.1f} pages/s"
        f" | failed {failed} (errors {errors})"
    )
