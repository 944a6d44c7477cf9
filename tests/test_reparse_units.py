"""Reparse pieces without WARC files: classification, parsing, the order of application."""

from __future__ import annotations

import json
from pathlib import Path

from newsarchive import settings
from newsarchive.reparse.apply import Applier
from newsarchive.reparse.classify import Classifier, Kind
from newsarchive.reparse.sequence import Sequencer
from newsarchive.reparse.work import Job, Parsed, header_dict, parse_job
from newsarchive.storage.archive import Archive
from newsarchive.storage.prepared import Prepared
from tests.conftest import SITE

CLASSIFY = Classifier.build(settings.NEWSARCHIVE_ARTICLE_URL_PATTERNS)
BASE = "http://127.0.0.1:8000"
RETRY = frozenset(settings.RETRY_HTTP_CODES)


def test_callback_recorded_by_the_crawl_decides() -> None:
    assert CLASSIFY.kind(f"{BASE}/anything", "parse_article") is Kind.ARTICLE
    assert CLASSIFY.kind(f"{BASE}/robot/2024/1024/1.html", "parse_listing") is Kind.OTHER
    assert CLASSIFY.kind(f"{BASE}/plus/count.php?aid=1", "parse_counter") is Kind.COUNTER


def test_url_decides_for_foreign_warcs() -> None:
    assert CLASSIFY.kind(f"{BASE}/robot/2024/1024/452817.html", None) is Kind.ARTICLE
    assert CLASSIFY.kind(f"{BASE}/plus/count.php?view=yes&aid=1", None) is Kind.COUNTER
    assert CLASSIFY.kind(f"{BASE}/robot/list_8_1.html", None) is Kind.OTHER
    assert CLASSIFY.kind("http://[::1", None) is Kind.OTHER


def test_headers_joined_like_scrapy() -> None:
    assert header_dict([("Set-Cookie", "a"), ("set-cookie", "b"), ("X", "1")]) == {
        "Set-Cookie": "a,b",
        "X": "1",
    }


def job(path: str, kind: Kind = Kind.ARTICLE, status: int = 200, body: bytes | None = None) -> Job:
    data = body if body is not None else (SITE / path.lstrip("/")).read_bytes()
    return Job(0, kind, BASE + path, "2024-10-24T01:05:17.123456Z", status, [], data, "r1")


def test_article_parsed_with_fetch_time_from_the_warc() -> None:
    parsed = parse_job(job("/robot/2024/1024/452817.html"))
    assert parsed.record is not None
    assert parsed.record.head["fetched_at"] == "2024-10-24T01:05:17Z"
    assert parsed.record.head["title"] == "重庆瞭望|AI时代,重庆的机遇在哪里?"


def test_error_pages_and_non_articles_are_not_records() -> None:
    assert parse_job(job("/robot/2024/1024/452817.html", status=404)).record is None
    listing = parse_job(job("/robot/list_8_1.html"))
    assert listing.record is None and listing.not_article


def test_counter_answer_read() -> None:
    parsed = parse_job(job("/plus/count.php?aid=1", Kind.COUNTER, body=b"document.write('57');"))
    assert parsed.views == 57
    failed = parse_job(job("/plus/count.php?aid=1", Kind.COUNTER, 500, b"oops"))
    assert failed.views is None


# --- order ------------------------------------------------------------------------------


def article(seq: int, name: str, counter: str | None = None, run: str = "r1") -> Parsed:
    record = Prepared.of({"url": name, "views": None})
    return Parsed(seq, Kind.ARTICLE, name, 200, run, record=record, counter_url=counter)


def counter(seq: int, url: str, views: int | None, status: int = 200, run: str = "r1") -> Parsed:
    return Parsed(seq, Kind.COUNTER, url, status, run, views=views)


def feed(items: list[Parsed]) -> list[tuple[str, int | None]]:
    seq = Sequencer(RETRY)
    out = [r for p in items for r in seq.feed(p)]
    out += list(seq.finish())
    return [(r.head["url"], r.head["views"]) for r in out]


def test_record_waiting_for_its_counter_is_applied_when_the_counter_answers() -> None:
    got = feed(
        [
            article(0, "a", counter="http://h/c?aid=1"),
            article(1, "b"),
            counter(2, "http://h/c?aid=1", 12),
        ]
    )
    assert got == [("b", None), ("a", 12)]


def test_failed_counter_releases_without_views_but_retries_wait() -> None:
    got = feed(
        [
            article(0, "a", counter="http://h/c?aid=1"),
            counter(1, "http://h/c?aid=1", None, status=503),
            article(2, "b"),
            counter(3, "http://h/c?aid=1", 7),
            article(4, "c", counter="http://h/c?aid=2"),
            counter(5, "http://h/c?aid=2", None, status=404),
        ]
    )
    assert got == [("b", None), ("a", 7), ("c", None)]


def test_counter_never_recorded_releases_at_the_end_of_its_run() -> None:
    got = feed(
        [
            article(0, "a", counter="http://h/c?aid=1"),
            article(1, "b", run="r2"),
            counter(2, "http://h/c?aid=1", 5, run="r2"),
        ]
    )
    assert got == [("a", None), ("b", None)]


def test_counter_links_match_after_url_escaping() -> None:
    got = feed(
        [
            article(0, "a", counter="http://h/c?aid=1&x=%E4%B8%AD"),
            counter(1, "http://h/c?aid=1&x=中", 3),
        ]
    )
    assert got == [("a", 3)]


def test_further_pages_are_classified_by_callback_or_by_their_first_page_url() -> None:
    assert CLASSIFY.kind(f"{BASE}/anything", "parse_article_page") is Kind.PAGE
    assert CLASSIFY.kind(f"{BASE}/robot/2024/1024/452817_2.html", None) is Kind.PAGE
    assert CLASSIFY.kind(f"{BASE}/robot/list_8_2.html", None) is Kind.OTHER
    assert CLASSIFY.kind(f"{BASE}/robot/2024/1024/452817_0.html", None) is Kind.OTHER


FIRST = "http://h/a/1.html"


def first(seq: int, pages: list[int], counter: str | None = None, run: str = "r1") -> Parsed:
    draft = {
        "url": FIRST,
        "views": None,
        "sections": [{"heading": None, "paragraphs": ["p1"]}],
        "images": [],
        "script": "zh-Hans",
        "content_hash": "h1",
    }
    links = tuple((f"http://h/a/1_{n}.html", str(n)) for n in pages)
    return Parsed(
        seq, Kind.ARTICLE, FIRST, 200, run, counter_url=counter, draft=draft, page_links=links
    )


def page(seq: int, n: int, status: int = 200, run: str = "r1", parsed: bool = True) -> Parsed:
    draft = {"sections": [{"heading": None, "paragraphs": [f"p{n}"]}], "images": []}
    return Parsed(
        seq,
        Kind.PAGE,
        f"http://h/a/1_{n}.html",
        status,
        run,
        draft=draft if parsed and status == 200 else None,
    )


def joined(items: list[Parsed]) -> list[tuple[str, list[str], int | None]]:
    seq = Sequencer(RETRY)
    out = [r for p in items for r in seq.feed(p)]
    out += list(seq.finish())
    return [
        (
            r.head["url"],
            [p for s in json.loads(r.line).get("sections", []) for p in s["paragraphs"]],
            r.head["views"],
        )
        for r in out
    ]


def test_a_record_waits_for_its_pages_then_for_its_counter() -> None:
    got = joined(
        [
            first(0, [2, 3], counter="http://h/c?aid=1"),
            article(1, "b"),
            page(2, 2),
            page(3, 3),
            counter(4, "http://h/c?aid=1", 9),
        ]
    )
    assert got == [("b", [], None), (FIRST, ["p1", "p2", "p3"], 9)]


def test_a_failed_page_is_passed_over_and_a_retried_one_waited_for() -> None:
    got = joined(
        [
            first(0, [2, 3]),
            page(1, 2, status=503),
            page(2, 2, status=503),
            page(3, 2),
            page(4, 3, status=404),
        ]
    )
    assert got == [(FIRST, ["p1", "p2"], None)]
    got = joined([first(0, [2, 3]), page(1, 2, parsed=False), page(2, 3)])
    assert got == [(FIRST, ["p1", "p3"], None)]


def test_a_page_read_as_an_article_of_its_own_is_joined_too() -> None:
    """Another tool's WARC, whose article patterns match the further pages' URLs."""
    own = Prepared.of(
        {
            "url": "http://h/a/1_2.html",
            "views": None,
            "sections": [{"heading": None, "paragraphs": ["p2"]}],
            "images": [],
        }
    )
    as_article = Parsed(1, Kind.ARTICLE, "http://h/a/1_2.html", 200, "r1", record=own)
    assert joined([first(0, [2]), as_article]) == [(FIRST, ["p1", "p2"], None)]


def test_pages_never_recorded_release_the_record_at_the_end_of_its_run() -> None:
    got = joined([first(0, [2, 3]), page(1, 2), article(2, "b", run="r2"), page(3, 3, run="r2")])
    assert got == [(FIRST, ["p1", "p2"], None), ("b", [], None)]


# --- apply ------------------------------------------------------------------------------


def test_applied_like_the_pipelines(tmp_path: Path) -> None:
    parsed = parse_job(job("/robot/2024/1024/452817.html")).record
    assert parsed is not None
    record = json.loads(parsed.line)
    with Archive(tmp_path) as archive:
        applier = Applier(archive, settings.NEWSARCHIVE_REQUIRED_FIELDS)
        applier.apply(parsed)
        refetched = dict(record, views=99, fetched_at="2099-01-01T00:00:00Z")
        applier.apply(Prepared.of(refetched))
        applier.apply(Prepared.of(dict(record, url=record["url"] + "?copy=1", id="0" * 16)))
        applier.apply(Prepared.of(dict(record, title="")))
    counts = applier.counts
    assert (counts.new, counts.unchanged, counts.duplicates, counts.invalid) == (1, 1, 1, 1)
    assert (tmp_path / "views.jsonl").read_text().count('"views":99') == 1
