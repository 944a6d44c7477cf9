"""Run records: what one crawl did, derived from its stats, appended to ``runs.jsonl``.

The summary is a pure function of the crawler's stats dict so that the Scrapy extension
that writes it stays a few lines long and the CLI, ``status`` and the tests read the same
numbers.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from newsarchive.storage import jsonl, layout

#: A crawl whose share of failed requests exceeds this is reported as failed.
ERROR_RATE_THRESHOLD = 0.10

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


def _prefixed(stats: Mapping[str, Any], prefix: str) -> dict[str, int]:
    return {
        key[len(prefix) :]: int(value)
        for key, value in stats.items()
        if key.startswith(prefix) and isinstance(value, int | float)
    }


def errors_by_type(stats: Mapping[str, Any]) -> dict[str, int]:
    """Download exceptions, spider exceptions and server errors, keyed by type."""
    errors: dict[str, int] = {}
    for name, count in _prefixed(stats, "downloader/exception_type_count/").items():
        errors[name.rsplit(".", 1)[-1]] = errors.get(name.rsplit(".", 1)[-1], 0) + count
    for name, count in _prefixed(stats, "spider_exceptions/").items():
        if name != "count":
            errors[name] = errors.get(name, 0) + count
    for status, count in _prefixed(stats, "downloader/response_status_count/").items():
        if status.startswith("5"):
            errors[f"http_{status}"] = count
    return errors


def summarize(
    stats: Mapping[str, Any], *, run_id: str, spider: str, finish_reason: str
) -> dict[str, Any]:
    """The run record: counts that tell whether the crawl did its job."""
    pages = int(stats.get("response_received_count", 0))
    errors = errors_by_type(stats)
    record: dict[str, Any] = {
        "run_id": run_id,
        "spider": spider,
        "start": _iso(stats.get("start_time")),
        "end": _iso(stats.get("finish_time")),
        "finish_reason": finish_reason,
        "pages": pages,
        "new": int(stats.get("newsarchive/stored", 0)),
        "duplicates": int(stats.get("newsarchive/duplicate", 0)),
        "invalid": int(stats.get("newsarchive/invalid", 0)),
        "invalid_by_field": {
            k: v for k, v in _prefixed(stats, "newsarchive/invalid/").items() if "/" not in k
        },
        "not_articles": int(stats.get("newsarchive/not_article", 0)),
        "not_found": int(stats.get("downloader/response_status_count/404", 0)),
        "robots_forbidden": int(stats.get("robotstxt/forbidden", 0)),
        "errors": sum(errors.values()),
        "errors_by_type": errors,
    }
    record["exit_code"] = exit_code(record)
    return record


def exit_code(record: Mapping[str, Any]) -> int:
    """0 when the crawl did its job, 1 when it fetched nothing or failed too often."""
    pages = int(record["pages"])
    if record["finish_reason"] not in ("finished",) or pages == 0:
        return EXIT_FAILED
    requests = pages + int(record["errors"])
    if int(record["errors"]) / max(requests, 1) > ERROR_RATE_THRESHOLD:
        return EXIT_FAILED
    return EXIT_OK


def summary_line(record: Mapping[str, Any]) -> str:
    """The one-line summary printed at the end of a crawl."""
    verdict = "ok" if record.get("exit_code") == EXIT_OK else "FAILED"
    return (
        f"crawl {verdict}: {record['pages']} pages, {record['new']} new articles, "
        f"{record['duplicates']} duplicates, {record['invalid']} invalid, "
        f"{record['errors']} errors ({record['finish_reason']})"
    )


def append_run(archive: Path, record: Mapping[str, Any]) -> None:
    jsonl.append(archive / layout.RUNS_FILE, record)


def find_run(archive: Path, run_id: str) -> dict[str, Any] | None:
    """The record a crawl with ``run_id`` appended, or None if it never finished."""
    path = archive / layout.RUNS_FILE
    if not path.is_file():
        return None
    found: dict[str, Any] | None = None
    for _, record in jsonl.iter_records(path):
        if record.get("run_id") == run_id:
            found = record
    return found


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        return str(value.isoformat(timespec="seconds"))
    return json.dumps(value)
