"""Run records: what one crawl did, derived from its stats, appended to ``runs.jsonl``.

The record is a pure function of the crawler's stats dict, so the Scrapy extension that
writes it stays a few lines long, and the CLI, ``status`` and the tests read the same
numbers. The exit code is decided here too, so the record and the process agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from newsarchive import exitcodes
from newsarchive.storage import jsonl, layout

#: Article fields whose coverage (share of parsed articles that had them) is reported.
COVERAGE_FIELDS = (
    "title", "source", "published_at", "views", "summary", "sections", "images",
    "keywords", "related", "original_title",
)  # fmt: skip


@dataclass(frozen=True)
class Thresholds:
    """When a crawl counts as failed (exit 1) or unhealthy (exit 3)."""

    max_error_rate: float = 0.10
    """Share of requests given up on (after the retries: a non-2xx answer other than an
    article's 404/410, a network error, a redirect loop, a page its callback failed on)."""
    max_broken_articles: float = 0.20
    """Share of article pages that were not extracted or lacked a required field."""
    max_empty_listings: float = 0.50
    """Share of listing pages that yielded no article link."""


def _prefixed(stats: Mapping[str, Any], prefix: str) -> dict[str, int]:
    return {
        key[len(prefix) :]: int(value)
        for key, value in stats.items()
        if key.startswith(prefix) and isinstance(value, int | float)
    }


#: Download exceptions that are the crawler refusing a page, not the site failing.
REFUSAL_EXCEPTIONS = frozenset({"DownloadCancelledError"})

#: Download exceptions that are a request refused before it was sent: robots.txt and
#: Scrapy's offsite filter raise ``IgnoreRequest``, which Scrapy's downloader stats count
#: as an exception. Each refusal is counted where it is made (``refused``), not as a fault.
_REFUSED_BEFORE_SENDING = frozenset({"IgnoreRequest"})


#: Answers that are a failed attempt, whether or not a retry then recovered: the server
#: failing, and the two a retry is for (timed out, too many requests).
_FAILED_ANSWERS = frozenset({"408", "429"})


def errors_by_type(stats: Mapping[str, Any]) -> dict[str, int]:
    """Failed attempts (download exceptions, spider exceptions, 5xx, 408 and 429
    answers) by type.

    These count every attempt, including those a retry then recovered: they say which
    faults the site showed. Whether the crawl suffered is ``failed_requests``.
    """
    errors: dict[str, int] = {}
    for name, count in _prefixed(stats, "downloader/exception_type_count/").items():
        short = name.rsplit(".", 1)[-1]
        if short in REFUSAL_EXCEPTIONS or short in _REFUSED_BEFORE_SENDING:
            continue
        errors[short] = errors.get(short, 0) + count
    for name, count in _prefixed(stats, "spider_exceptions/").items():
        if name != "count":
            errors[name] = errors.get(name, 0) + count
    for status, count in _prefixed(stats, "downloader/response_status_count/").items():
        if status.startswith("5") or status in _FAILED_ANSWERS:
            errors[f"http_{status}"] = count
    return errors


def failed_by_reason(stats: Mapping[str, Any]) -> dict[str, int]:
    """Requests given up on, by reason, each counted once: the spiders count them where
    Scrapy gives up (``spiders.base``), and a page whose callback raised is lost too."""
    failed = _prefixed(stats, "newsarchive/failed/")
    for name, count in _prefixed(stats, "spider_exceptions/").items():
        if name != "count":
            failed[f"spider_{name}"] = failed.get(f"spider_{name}", 0) + count
    return failed


def refusals(stats: Mapping[str, Any]) -> dict[str, int]:
    """Requests the crawler refused on purpose, by reason."""
    too_large = sum(
        count
        for name, count in _prefixed(stats, "downloader/exception_type_count/").items()
        if name.rsplit(".", 1)[-1] in REFUSAL_EXCEPTIONS
    ) + int(stats.get("newsarchive/refused/too_large", 0))
    return {
        "offsite": int(stats.get("offsite/filtered", 0)),
        "robots": int(stats.get("robotstxt/forbidden", 0)),
        "too_large": too_large,
        "listing_depth": int(stats.get("newsarchive/refused/listing_depth", 0)),
        "duplicate_requests": int(stats.get("dupefilter/filtered", 0)),
        "redirect_limit": int(stats.get("newsarchive/refused/redirect_limit", 0)),
    }


def summarize(
    stats: Mapping[str, Any],
    *,
    run_id: str,
    spider: str,
    finish_reason: str,
    thresholds: Thresholds | None = None,
) -> dict[str, Any]:
    """The run record: counts that tell whether the crawl did its job."""
    pages = int(stats.get("response_received_count", 0))
    parsed = int(stats.get("newsarchive/articles_parsed", 0))
    errors = errors_by_type(stats)
    fields = _prefixed(stats, "newsarchive/field/")
    not_articles = _prefixed(stats, "newsarchive/not_article/")
    record: dict[str, Any] = {
        "run_id": run_id,
        "spider": spider,
        "start": _iso(stats.get("start_time")),
        "end": _iso(stats.get("finish_time")),
        "finish_reason": finish_reason,
        "pages": pages,
        "listing_pages": int(stats.get("newsarchive/listing_pages", 0)),
        "empty_listings": int(stats.get("newsarchive/listing_without_articles", 0)),
        "articles_parsed": parsed,
        "new": int(stats.get("newsarchive/stored", 0)),
        "updated": int(stats.get("newsarchive/updated", 0)),
        "unchanged": int(stats.get("newsarchive/unchanged", 0)),
        "older": int(stats.get("newsarchive/older", 0)),
        "duplicates": int(stats.get("newsarchive/duplicate", 0)),
        "skipped_known": int(stats.get("newsarchive/skipped_known", 0)),
        "invalid": int(stats.get("newsarchive/invalid", 0)),
        "invalid_by_field": {
            k: v for k, v in _prefixed(stats, "newsarchive/invalid/").items() if "/" not in k
        },
        "not_articles": int(stats.get("newsarchive/not_article", 0)),
        "not_articles_by_reason": not_articles,
        "not_found": int(stats.get("downloader/response_status_count/404", 0)),
        "gone": int(stats.get("newsarchive/gone", 0)),
        "robots_forbidden": int(stats.get("robotstxt/forbidden", 0)),
        "retried": int(stats.get("retry/count", 0)),
        "retry_after_waits": int(stats.get("newsarchive/retry_after/waits", 0)),
        "refused": refusals(stats),
        "field_coverage": {
            name: round(fields.get(name, 0) / parsed, 4) if parsed else None
            for name in COVERAGE_FIELDS
        },
        "errors": sum(errors.values()),
        "errors_by_type": errors,
    }
    failed = failed_by_reason(stats)
    record["failed_requests"] = sum(failed.values())
    record["failed_by_reason"] = failed
    # Requests made: every final answer (the pages, a refused 403 among them) and the
    # requests that never got one (a timeout, a reset).
    record["requests"] = pages + sum(
        count
        for reason, count in failed.items()
        if not reason.startswith(("http_", "spider_", "item_"))
    )
    code, reason = judge(record, thresholds or Thresholds())
    record["exit_code"] = code
    if reason is not None:
        record["exit_reason"] = reason
    return record


def exit_code(record: Mapping[str, Any], thresholds: Thresholds) -> int:
    """0 ok; 1 nothing fetched, interrupted or too many errors; 3 layout probably changed."""
    return judge(record, thresholds)[0]


def judge(record: Mapping[str, Any], thresholds: Thresholds) -> tuple[int, str | None]:
    """``exit_code`` and, unless 0, the rule that set it in words: the summary line says
    why a crawl failed or is unhealthy, not only that it is."""
    pages = int(record["pages"])
    if pages == 0:
        return exitcodes.FAILED, "nothing fetched"
    if record["finish_reason"] != "finished":
        return exitcodes.FAILED, f"did not finish ({record['finish_reason']})"
    failed = int(record.get("failed_requests", record["errors"]))
    requests = int(record.get("requests", pages + failed))  # a record from before "requests"
    if failed / max(requests, 1) > thresholds.max_error_rate:
        share = f"{thresholds.max_error_rate:.0%}"
        why = by_count(record.get("failed_by_reason") or {}, most=3)
        return exitcodes.FAILED, (
            f"{failed} of {requests} requests failed, over {share}" + (f" ({why})" if why else "")
        )
    reasons = record.get("not_articles_by_reason", {})
    # A not-found notice is the site telling the truth, not the extractor failing.
    unextracted = {k: v for k, v in reasons.items() if k != "not_found_notice" and v}
    article_pages = int(record.get("articles_parsed", 0)) + sum(unextracted.values())
    invalid = int(record.get("invalid", 0))
    broken = sum(unextracted.values()) + invalid
    if article_pages and broken / article_pages > thresholds.max_broken_articles:
        why = by_count(unextracted)
        why = ", ".join(part for part in (why, f"invalid {invalid}" if invalid else "") if part)
        # Listing pages given as articles (``crawl --url``) are the command line's
        # mistake, not the site's layout.
        given_listings = record.get("spider") == "article" and set(unextracted) == {"listing"}
        advice = (
            "listing pages given as articles? (--start-url walks a listing)"
            if given_listings
            else "has the layout changed?"
        )
        return exitcodes.UNHEALTHY, (
            f"{broken} of {article_pages} article pages not extracted or invalid ({why}); {advice}"
        )
    listings = int(record.get("listing_pages", 0))
    empty = int(record.get("empty_listings", 0))
    if listings and empty / listings > thresholds.max_empty_listings:
        return exitcodes.UNHEALTHY, (
            f"{empty} of {listings} listing pages gave no article link; has the layout changed?"
        )
    return exitcodes.OK, None


def by_count(counts: Mapping[str, int], most: int | None = None) -> str:
    """``name count, ...`` of the nonzero ``counts``, largest first (the ``most``
    largest), for the reason a summary gives and for ``status``."""
    ranked = sorted(((k, int(v)) for k, v in counts.items() if v), key=lambda kv: -kv[1])
    return ", ".join(f"{k} {v}" for k, v in ranked[:most])


_VERDICTS = {exitcodes.OK: "ok", exitcodes.UNHEALTHY: "UNHEALTHY"}


def summary_line(record: Mapping[str, Any]) -> str:
    """The one-line summary printed at the end of a crawl."""
    verdict = _VERDICTS.get(int(record.get("exit_code", exitcodes.FAILED)), "FAILED")
    # Only a response replayed from Scrapy's HTTP cache can be older than the archive's
    # revision, so the count is shown when there is one.
    older = f"{record['older']} older than the archive's, " if record.get("older") else ""
    return (
        f"crawl {verdict}: {record['pages']} pages, {record['new']} new articles, "
        f"{record.get('updated', 0)} updated, {record.get('unchanged', 0)} unchanged, "
        f"{older}{record['duplicates']} duplicates, {record['invalid']} invalid, "
        f"{record.get('failed_requests', record['errors'])} failed requests "
        f"({record['errors']} errors, {record.get('retried', 0)} retried)"
        f"{_also(record)} ({record['finish_reason']})"
        + (f": {record['exit_reason']}" if record.get("exit_reason") else "")
    )


def _also(record: Mapping[str, Any]) -> str:
    """What else the crawl met, when it did: the URLs it asked for and did not store for a
    reason other than a failure (answered 404 or 410, or not an article: ``gone.jsonl``),
    and those robots.txt forbade. Said, so that a crawl of a few given URLs that stored
    none of them does not read as plain success."""
    parts = []
    if record.get("gone"):
        parts.append(f"{record['gone']} gone")
    if record.get("robots_forbidden"):
        parts.append(f"{record['robots_forbidden']} refused by robots.txt")
    return "".join(f", {part}" for part in parts)


def cut_short(
    *,
    run_id: str,
    spider: str,
    start: datetime,
    end: datetime,
    returncode: int,
    stops: int,
    storage_failure: str | None = None,
) -> dict[str, Any]:
    """The record ``newsarchive crawl`` writes for a crawler that ended without writing
    its own: stopped at once (asked twice), killed by a signal, dead of an error, or
    stopped by a write the archive refused before its spider was open (a month file it
    may not write, found when the archive is opened: ``storage_failure``, exit 74).

    Only the crawler knew the counts, so the record has none of its own; the caller adds
    ``new`` and ``updated`` where the archive can count them (``storage.stored``), and
    ``status`` shows the rest as unknown. It still says when and how the run ended,
    with exit code 1 (74), so that ``status`` and a monitor reading ``runs.jsonl`` see
    the failure instead of taking the run before it for the last one. What the crawler
    stored is whole in the archive.
    """
    code = exitcodes.FAILED
    if storage_failure is not None:
        reason, why, code = "storage_error", storage_failure, exitcodes.IOERR
    elif stops > 1:
        reason, why = "stopped", "stopped at once (asked twice)"
    elif returncode < 0:
        reason = "killed"
        why = f"the crawler was killed by signal {-returncode} before finishing"
    else:
        reason, why = "crashed", f"the crawler exited with {returncode} before finishing"
    return {
        "run_id": run_id,
        "spider": spider,
        "start": _iso(start),
        "end": _iso(end),
        "finish_reason": reason,
        "exit_code": code,
        "exit_reason": why,
    }


def append_run(archive: Path, record: Mapping[str, Any]) -> None:
    jsonl.append(archive / layout.RUNS_FILE, record)


def read_runs(archive: Path) -> list[dict[str, Any]]:
    path = archive / layout.RUNS_FILE
    if not path.is_file():
        return []
    return [record for _, record in jsonl.iter_records(path)]


def find_run(archive: Path, run_id: str) -> dict[str, Any] | None:
    """The record a crawl with ``run_id`` appended, or None if it never finished."""
    found = [r for r in read_runs(archive) if r.get("run_id") == run_id]
    return found[-1] if found else None


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        return str(value.isoformat(timespec="seconds"))
    return str(value)
