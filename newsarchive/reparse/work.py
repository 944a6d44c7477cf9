"""Parse one recorded response: the part of a reparse that runs in worker processes.

Jobs and results are small picklable values; everything that depends on order (views
from counters, dedup) happens in the parent, in ``sequence`` and ``apply``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from w3lib.url import safe_url_string

from newsarchive.extract import ArticlePage
from newsarchive.linkrules import host_of
from newsarchive.listing import parse_counter
from newsarchive.model import NotAnArticle
from newsarchive.reparse.classify import Kind, is_success


@dataclass(frozen=True, slots=True)
class Job:
    seq: int
    kind: Kind
    url: str
    date: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    run: str | None


@dataclass(frozen=True, slots=True)
class Parsed:
    seq: int
    kind: Kind
    url: str
    status: int
    run: str | None
    record: dict[str, Any] | None = None
    counter_url: str | None = None
    """Where the article's views are, when the page does not print them."""
    views: int | None = None
    """A counter's answer (None when unreadable)."""
    not_article: str | None = None


def url_key(url: str) -> str:
    """The form Scrapy gives a request URL, so a counter's link and its response match."""
    return safe_url_string(url)


def header_dict(headers: list[tuple[str, str]]) -> dict[str, str]:
    """As Scrapy's ``to_unicode_dict``: repeated headers joined with ``,``."""
    joined: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for name, value in headers:
        key = name.lower()
        names.setdefault(key, name)
        joined.setdefault(key, []).append(value)
    return {names[k]: ",".join(v) for k, v in joined.items()}


def fetched_at(warc_date: str) -> datetime | None:
    try:
        return datetime.fromisoformat(warc_date.replace("Z", "+00:00"))
    except ValueError:
        return None


def parse_job(job: Job, output_script: str = "zh-Hans") -> Parsed:
    """The article record or counter value in one response, as the spider derives it."""
    base = Parsed(job.seq, job.kind, job.url, job.status, job.run)
    if job.kind is Kind.COUNTER:
        views = parse_counter(job.body) if is_success(job.status) else None
        return Parsed(base.seq, base.kind, base.url, base.status, base.run, views=views)
    if job.kind is not Kind.ARTICLE or not is_success(job.status):
        return base
    try:
        page = ArticlePage(job.body, job.url, header_dict(job.headers))
        article = page.to_article(output_script=output_script, fetched_at=fetched_at(job.date))
    except NotAnArticle as exc:
        return Parsed(base.seq, base.kind, base.url, base.status, base.run, not_article=exc.reason)
    record = article.to_dict()
    counter = page.counter_url()
    wanted = record["views"] is None and counter and host_of(counter) == host_of(job.url)
    return Parsed(
        base.seq,
        base.kind,
        base.url,
        base.status,
        base.run,
        record=record,
        counter_url=url_key(counter) if wanted and counter else None,
    )


def parse_jobs(jobs: list[Job], output_script: str = "zh-Hans") -> list[Parsed]:
    """``parse_job`` over a batch: one round trip to a worker process per batch."""
    return [parse_job(job, output_script) for job in jobs]
