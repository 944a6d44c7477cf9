"""The live progress line shown while a crawl runs on a terminal."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def progress_line(stats: Mapping[str, Any], elapsed: float) -> str:
    """``pages 120 | articles 80 (new 12) | 35.2 pages/s | errors 0``."""
    pages = int(stats.get("response_received_count", 0))
    parsed = int(stats.get("newsarchive/articles_parsed", 0))
    new = int(stats.get("newsarchive/stored", 0))
    errors = int(stats.get("downloader/exception_count", 0)) + int(
        stats.get("spider_exceptions/count", 0)
    )
    rate = pages / elapsed if elapsed > 0 else 0.0
    return f"pages {pages} | articles {parsed} (new {new}) | {rate:.1f} pages/s | errors {errors}"
