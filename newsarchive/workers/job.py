"""One page in, one outcome out: the extraction a spider callback needs, as plain data.

Shared by the worker processes and the in-process path, so both give the same records.
Everything crossing a process boundary here is a builtin type (bytes, str, dict), which
pickles quickly and needs no class on the other side.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from newsarchive.article_pages import PageLink
from newsarchive.extract import ArticlePage
from newsarchive.model import NotAnArticle


@dataclass(frozen=True, slots=True)
class Job:
    """A fetched page and how its record is wanted."""

    body: bytes
    url: str
    headers: Mapping[str, str]
    output_script: str
    fetched_at: datetime


@dataclass(frozen=True, slots=True)
class Outcome:
    """An article record (with the counter URL that completes its view count and the
    page's pager links, where its further pages are), or the reason the page is not an
    article."""

    record: dict[str, Any] | None
    counter_url: str | None = None
    not_article: str | None = None
    page_links: list[PageLink] | None = None


def run(job: Job) -> Outcome:
    """Extract ``job``; exceptions other than ``NotAnArticle`` are the caller's to report."""
    try:
        page = ArticlePage(job.body, job.url, job.headers)
        article = page.to_article(output_script=job.output_script, fetched_at=job.fetched_at)
    except NotAnArticle as exc:
        return Outcome(None, not_article=exc.reason)
    return Outcome(article.to_dict(), page.counter_url(), page_links=page.page_links())
