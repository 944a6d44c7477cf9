"""Run records and exit codes derived from crawl stats."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsarchive.runlog import append_run, find_run, summarize, summary_line


def stats(**over: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "response_received_count": 40,
        "newsarchive/stored": 30,
        "newsarchive/duplicate": 3,
        "newsarchive/invalid": 1,
        "newsarchive/invalid/title": 1,
        "downloader/response_status_count/200": 38,
        "downloader/response_status_count/404": 2,
    }
    base.update(over)
    return base


def test_summary_counts() -> None:
    record = summarize(stats(), run_id="r", spider="ailab", finish_reason="finished")
    assert record["pages"] == 40 and record["new"] == 30 and record["duplicates"] == 3
    assert record["invalid_by_field"] == {"title": 1}
    assert record["not_found"] == 2 and record["errors"] == 0
    assert record["exit_code"] == 0
    assert summary_line(record).startswith("crawl ok: 40 pages, 30 new articles")


def test_nothing_fetched_fails() -> None:
    record = summarize({}, run_id="r", spider="ailab", finish_reason="finished")
    assert record["exit_code"] == 1
    assert "FAILED" in summary_line(record)


def test_errors_above_threshold_fail() -> None:
    many = stats(
        **{
            "downloader/exception_type_count/twisted.internet.error.DNSLookupError": 9,
            "downloader/response_status_count/503": 3,
            "newsarchive/failed/DNSLookupError": 9,
            "newsarchive/failed/http_503": 3,
        }
    )
    record = summarize(many, run_id="r", spider="ailab", finish_reason="finished")
    assert record["errors_by_type"] == {"DNSLookupError": 9, "http_503": 3}
    assert record["failed_by_reason"] == {"DNSLookupError": 9, "http_503": 3}
    # The 503s were answers (among the 40 pages); the DNS failures never got one.
    assert record["failed_requests"] == 12 and record["requests"] == 49
    assert record["exit_code"] == 1
    few = stats(**{"downloader/exception_type_count/builtins.TimeoutError": 1,
                   "newsarchive/failed/TimeoutError": 1})  # fmt: skip
    assert summarize(few, run_id="r", spider="a", finish_reason="finished")["exit_code"] == 0


def test_failed_requests_are_the_requests_given_up_on() -> None:
    """Counted where the spider gives up, once a request: retries of a 429 that then
    succeeded do not cancel out 500s given up on, and a 403 (never retried) counts."""
    mixed = stats(
        **{
            "response_received_count": 36,
            "downloader/response_status_count/429": 30,
            "downloader/response_status_count/500": 24,
            "retry/count": 48,
            "newsarchive/failed/http_500": 6,
        }
    )
    record = summarize(mixed, run_id="r", spider="a", finish_reason="finished")
    assert record["failed_requests"] == 6 and record["exit_code"] == 1
    assert record["errors_by_type"] == {"http_429": 30, "http_500": 24}
    banned = stats(**{"response_received_count": 6, "newsarchive/failed/http_403": 5})
    record = summarize(banned, run_id="r", spider="a", finish_reason="finished")
    assert (record["failed_requests"], record["requests"], record["exit_code"]) == (5, 6, 1)
    assert record["exit_reason"] == "5 of 6 requests failed, over 10% (http_403 5)"
    looped = stats(**{"newsarchive/failed/redirect_loop": 20})
    assert summarize(looped, run_id="r", spider="a", finish_reason="finished")["exit_code"] == 1
    lost = stats(**{"spider_exceptions/WorkerDied": 1, "spider_exceptions/count": 1,
                    "newsarchive/failed/item_ValueError": 1})  # fmt: skip
    record = summarize(lost, run_id="r", spider="a", finish_reason="finished")
    assert record["failed_by_reason"] == {"item_ValueError": 1, "spider_WorkerDied": 1}
    assert record["requests"] == 40  # both were pages fetched, then lost


def test_interrupted_crawl_fails() -> None:
    record = summarize(stats(), run_id="r", spider="ailab", finish_reason="shutdown")
    assert record["exit_code"] == 1


def test_find_run_returns_own_record(tmp_path: Path) -> None:
    append_run(tmp_path, {"run_id": "a", "new": 1})
    append_run(tmp_path, {"run_id": "b", "new": 2})
    assert find_run(tmp_path, "a") == {"run_id": "a", "new": 1}
    assert find_run(tmp_path, "c") is None


def test_errors_recovered_by_retries_do_not_fail_the_crawl() -> None:
    survived = stats(
        **{
            "downloader/exception_type_count/scrapy.exceptions.DownloadTimeoutError": 6,
            "downloader/response_status_count/503": 6,
            "downloader/exception_type_count/scrapy.exceptions.DownloadCancelledError": 1,
            "retry/count": 12,
        }
    )
    record = summarize(survived, run_id="r", spider="ailab", finish_reason="finished")
    assert record["errors"] == 12 and record["retried"] == 12
    assert record["failed_requests"] == 0 and record["exit_code"] == 0
    assert record["refused"]["too_large"] == 1
    assert "DownloadCancelledError" not in record["errors_by_type"]


def test_a_robots_txt_refusal_is_a_refusal_not_an_error() -> None:
    """Scrapy's robots.txt middleware refuses with IgnoreRequest, which its downloader
    stats count as an exception; the refusal is counted in ``refused`` alone."""
    forbidden = stats(
        **{
            "robotstxt/forbidden": 1,
            "downloader/exception_type_count/scrapy.exceptions.IgnoreRequest": 1,
        }
    )
    record = summarize(forbidden, run_id="r", spider="article", finish_reason="finished")
    assert record["refused"]["robots"] == 1 and record["robots_forbidden"] == 1
    assert record["errors"] == 0 and record["errors_by_type"] == {}
    assert record["refused"]["too_large"] == 0
    assert "(0 errors, 0 retried), 1 refused by robots.txt" in summary_line(record)


def test_the_summary_says_why_a_crawl_failed_or_is_unhealthy() -> None:
    """Cron mails the summary line: it names the rule that set the exit code."""

    def line(finish_reason: str = "finished", **over: Any) -> str:
        return summary_line(
            summarize(stats(**over), run_id="r", spider="a", finish_reason=finish_reason)
        )

    assert "exit_reason" not in summarize(stats(), run_id="r", spider="a", finish_reason="finished")
    assert line().endswith("(finished)")
    assert summary_line(summarize({}, run_id="r", spider="a", finish_reason="finished")).endswith(
        ": nothing fetched"
    )
    assert line("shutdown").endswith(": did not finish (shutdown)")
    errors = {"downloader/exception_type_count/twisted.internet.error.DNSLookupError": 12,
              "newsarchive/failed/DNSLookupError": 12}  # fmt: skip
    assert line(**errors).endswith(": 12 of 52 requests failed, over 10% (DNSLookupError 12)")
    broken = {"newsarchive/not_article": 40, "newsarchive/not_article/no_title": 33,
              "newsarchive/not_article/no_body": 7, "newsarchive/articles_parsed": 5}  # fmt: skip
    unhealthy = line(**broken)
    assert unhealthy.startswith("crawl UNHEALTHY: ")
    assert "article pages not extracted or invalid (no_title 33, no_body 7" in unhealthy
    assert unhealthy.endswith("has the layout changed?")


def test_the_summary_names_urls_not_stored_for_a_reason_other_than_a_failure() -> None:
    quiet = summary_line(summarize(stats(), run_id="r", spider="a", finish_reason="finished"))
    assert quiet.endswith("0 retried) (finished)")
    gone = stats(**{"newsarchive/gone": 2, "robotstxt/forbidden": 1})
    line = summary_line(summarize(gone, run_id="r", spider="a", finish_reason="finished"))
    assert line.endswith("0 retried), 2 gone, 1 refused by robots.txt (finished)")


def test_listing_pages_given_as_articles_are_named_as_such() -> None:
    given = stats(**{"newsarchive/not_article": 1, "newsarchive/not_article/listing": 1,
                     "newsarchive/stored": 0, "newsarchive/invalid": 0})  # fmt: skip
    record = summarize(given, run_id="r", spider="article", finish_reason="finished")
    assert record["exit_code"] == 3
    assert record["exit_reason"].endswith(
        "listing pages given as articles? (--start-url walks a listing)"
    )
    walked = summarize(given, run_id="r", spider="ailab", finish_reason="finished")
    assert walked["exit_reason"].endswith("has the layout changed?")
