"""Parse recorded responses: the part of a reparse that runs in worker processes.

A worker reads its own span of a WARC file (decompression, headers and payload checks
are about a sixth of a reparse's work, and the parent has the archive writes to do)
and parses the wanted responses in it. What crosses between processes is small: a file name and a
byte range in, the events of the span with parsed records out. Everything that depends
on order (which payload a revisit names, views from counters, dedup) happens in the
parent, in ``warc.reader.Replay``, ``sequence`` and ``apply``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from w3lib.url import safe_url_string

from newsarchive.article_pages import PageLink, further_pages
from newsarchive.extract import ArticlePage
from newsarchive.linkrules import host_of
from newsarchive.listing import parse_counter
from newsarchive.model import NotAnArticle
from newsarchive.pageurl import DEFAULT_RULE, DEFAULT_TEMPLATE, PageUrlRule
from newsarchive.reparse.classify import Classifier, Kind, is_success
from newsarchive.storage.prepared import Prepared
from newsarchive.warc.bodies import payload_at
from newsarchive.warc.events import Entry, Event, SpanEnd
from newsarchive.warc.locate import Span
from newsarchive.warc.span_reader import read_entry, read_span
from newsarchive.workers.process import ignore_stop_signals


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
    record: Prepared | None = None
    """The article record, encoded here for the archive (see ``storage.prepared``)."""
    counter_url: str | None = None
    """Where the article's views are, when the page does not print them."""
    views: int | None = None
    """A counter's answer (None when unreadable)."""
    not_article: str | None = None
    draft: dict[str, Any] | None = None
    """The record as a dict, in place of ``record``, when it is to be joined: a further
    page's, or an article's whose page links to further pages (``article_pages``)."""
    page_links: tuple[PageLink, ...] = ()
    """With a ``draft``: the page's pager links."""

    def __reduce__(self) -> tuple[type[Parsed], tuple[Any, ...]]:
        """Pickled as a call with the fields (see ``Entry.__reduce__``)."""
        return Parsed, (
            self.seq,
            self.kind,
            self.url,
            self.status,
            self.run,
            self.record,
            self.counter_url,
            self.views,
            self.not_article,
            self.draft,
            self.page_links,
        )


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


def parse_job(
    job: Job, output_script: str = "zh-Hans", page_rule: PageUrlRule = DEFAULT_RULE
) -> Parsed:
    """The article record or counter value in one response, as the spider derives it."""
    base = Parsed(job.seq, job.kind, job.url, job.status, job.run)
    if job.kind is Kind.COUNTER:
        return replace(base, views=parse_counter(job.body) if is_success(job.status) else None)
    if job.kind not in (Kind.ARTICLE, Kind.PAGE) or not is_success(job.status):
        return base
    try:
        page = ArticlePage(job.body, job.url, header_dict(job.headers))
        article = page.to_article(output_script=output_script, fetched_at=fetched_at(job.date))
    except NotAnArticle as exc:
        return replace(base, not_article=exc.reason)
    record = article.to_dict()
    counter = page.counter_url()
    wanted = record["views"] is None and counter and host_of(counter) == host_of(job.url)
    base = replace(base, counter_url=url_key(counter) if wanted and counter else None)
    links = tuple(page.page_links())
    if job.kind is Kind.PAGE or further_pages(job.url, links, page_rule):
        return replace(base, draft=record, page_links=links)
    return replace(base, record=Prepared.of(record))


# --- reading and parsing in a worker process -------------------------------------------


@dataclass(frozen=True, slots=True)
class Config:
    """What a worker needs to read and parse like the parent would."""

    output_script: str = "zh-Hans"
    article_patterns: tuple[str, ...] = ()
    page_url: str = DEFAULT_TEMPLATE
    """``NEWSARCHIVE_ARTICLE_PAGE_URL``."""


@dataclass(frozen=True, slots=True)
class Failed:
    """Parsing raised where nothing should: the run stops here, with this one line."""

    message: str


@dataclass(frozen=True, slots=True)
class SpanTask:
    """Read the records of ``span`` of ``path`` and parse the wanted ones."""

    path: Path
    span: Span


@dataclass(frozen=True, slots=True)
class RevisitTask:
    """Parse revisits of ``path`` with the payloads of their originals: items are
    ``(revisit offset, original's file, original's offset)``."""

    path: Path
    items: tuple[tuple[int, Path, int], ...]


#: A span's ``SpanEnd`` and events; wanted responses carry their ``Parsed`` (or
#: ``Failed``) in ``Entry.result`` instead of their payload.
SpanResult = tuple[SpanEnd, list[Event]]
#: Per revisit item: its ``Parsed``, None if its original could not be read, or ``Failed``.
RevisitResult = list["Parsed | Failed | None"]


def one_line(exc: BaseException) -> str:
    """``Type: message`` on one line, as the command reports a failure."""
    return " ".join(f"{type(exc).__name__}: {exc}".split())


def failure(url: str, exc: Exception) -> Failed:
    """Parsing ``url`` raised ``exc``: what the command reports."""
    return Failed(f"parsing {url} failed: {one_line(exc)}")


class Parser:
    """Reads spans and parses their wanted responses, in whatever process it runs."""

    def __init__(self, config: Config) -> None:
        self.output_script = config.output_script
        self.classifier = Classifier.build(config.article_patterns, config.page_url)

    def select(self, url: str, status: int, callback: str | None) -> bool:
        return self.classifier.kind(url, callback) is not Kind.OTHER

    def run(self, task: SpanTask | RevisitTask) -> SpanResult | RevisitResult:
        if isinstance(task, SpanTask):
            return self.span(task)
        return self.revisits(task)

    def parse(
        self,
        url: str,
        callback: str | None,
        date: str,
        status: int,
        headers: list[tuple[str, str]],
        body: bytes,
        seq: int = -1,
        run: str | None = None,
    ) -> Parsed | Failed:
        """One response, classified as the crawl would have called it; ``Failed`` when
        parsing raised. In a worker ``seq`` and ``run`` are left for the parent to set."""
        job = Job(seq, self.classifier.kind(url, callback), url, date, status, headers, body, run)
        try:
            return parse_job(job, self.output_script, self.classifier.page_rule)
        except Exception as exc:
            return failure(url, exc)

    def _parse(self, entry: Entry, body: bytes) -> Parsed | Failed:
        assert entry.headers is not None
        return self.parse(entry.url, entry.callback, entry.date, entry.status, entry.headers, body)

    def span(self, task: SpanTask) -> SpanResult:
        """The span's events, payloads replaced by what they parse to; nothing is parsed
        after a failure. The span is read whole before anything is parsed: each stage's
        code and data stay in the CPU caches, about a tenth less CPU time than reading
        and parsing each response in turn."""
        events: list[Event] = []
        end: SpanEnd | None = None
        for item in read_span(task.path, task.span, self.select):
            if isinstance(item, SpanEnd):
                end = item
            else:
                events.append(item)
        assert end is not None
        failed = False
        for event in events:
            if isinstance(event, Entry):
                if event.body is not None and not failed:
                    event.result = self._parse(event, event.body)
                    failed = isinstance(event.result, Failed)
                event.body = event.headers = None  # the parent needs neither
        return end, events

    def revisits(self, task: RevisitTask) -> RevisitResult:
        out: RevisitResult = []
        for offset, original, at in task.items:
            try:
                entry = read_entry(task.path, offset)
            except Exception as exc:
                out.append(Failed(f"{task.path} at {offset}: revisit unreadable: {one_line(exc)}"))
                break
            body = payload_at(original, at)
            out.append(None if body is None else self._parse(entry, body))
        return out


def serve(conn: Connection, config: Config) -> None:
    """A worker process: answer tasks from ``conn`` in the order they come, until the
    parent closes it. Stopping is the parent's to handle; it ends workers itself."""
    ignore_stop_signals()
    parser = Parser(config)
    while True:
        try:
            task_id, task = conn.recv()
        except (EOFError, OSError):  # the parent is gone: so is the work
            return
        try:
            result: SpanResult | RevisitResult | Failed = parser.run(task)
        except Exception as exc:
            result = Failed(one_line(exc))
        try:
            conn.send((task_id, result))
        except OSError:
            return
