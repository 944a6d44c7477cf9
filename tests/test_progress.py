"""The live progress line: the summary's numbers, and log records on lines of their own."""

from __future__ import annotations

import io
import logging

from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from newsarchive.progress import progress_line
from pipelines.progress import ProgressExtension


def test_the_line_counts_as_the_summary_does() -> None:
    stats = {
        "response_received_count": 40,
        "newsarchive/articles_parsed": 30,
        "newsarchive/stored": 12,
        "downloader/exception_type_count/builtins.TimeoutError": 2,
        "downloader/response_status_count/503": 3,  # answers, not download exceptions
        "newsarchive/failed/http_503": 1,
    }
    line = progress_line(stats, 4.0)
    assert line == "pages 40 | articles 30 (new 12) | 10.0 pages/s | failed 1 (errors 5)"


def test_a_log_record_starts_on_a_cleared_line() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        crawler = get_crawler()
        progress = ProgressExtension(MemoryStatsCollector(crawler), stream, interval=3600)
        progress.spider_opened()
        progress.show()
        logging.getLogger("x").warning("Gave up retrying")
        progress.spider_closed()
        logging.getLogger("x").warning("after")
    finally:
        root.removeHandler(handler)
    text = stream.getvalue()
    assert "errors 0)\r\x1b[KGave up retrying\n" in text
    assert text.endswith("errors 0)\nafter\n")  # no clearing once the line is gone
