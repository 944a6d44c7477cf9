"""A reparse from end to end: WARC files in, archive records out.

The parent reads the WARC files in order and applies results to the archive; worker
processes parse. Results are taken back strictly in submission order and at most
``window`` responses are in flight, so memory stays flat however large the input and
the archive sees the same order whatever the number of workers.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path

from newsarchive.reparse.apply import Applied, Applier
from newsarchive.reparse.classify import Classifier, Kind
from newsarchive.reparse.sequence import Sequencer
from newsarchive.reparse.work import Job, Parsed, parse_job
from newsarchive.storage.archive import Archive
from newsarchive.warc.reader import ReadStats, WarcReader


@dataclass(frozen=True)
class Options:
    files: list[Path]
    archive: Path
    output_script: str = "zh-Hans"
    jobs: int = 1
    required: tuple[str, ...] = ()
    article_patterns: tuple[str, ...] = ()
    retry_codes: frozenset[int] = frozenset()


@dataclass(slots=True)
class Summary:
    responses: int = 0
    """Responses handed to the parser (articles and counters)."""
    articles: int = 0
    not_articles: int = 0
    counters_used: int = 0
    counters_missing: int = 0
    applied: Applied = field(default_factory=Applied)
    read: ReadStats = field(default_factory=ReadStats)


def _quiet_worker() -> None:
    """Ctrl-C is the parent's to handle; workers are terminated by it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _pool(jobs: int) -> Pool:
    """Workers forked from a clean server process, not from this one: they inherit
    neither the archive lock nor open databases, and import the parser once."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["newsarchive.reparse.work"])
    return context.Pool(jobs, initializer=_quiet_worker)


def in_order(
    pool: Pool | None, work: Callable[[Job], Parsed], jobs: Iterable[Job], window: int
) -> Iterator[Parsed]:
    """``map(work, jobs)`` on the pool, in order, with at most ``window`` jobs in flight."""
    if pool is None:
        yield from map(work, jobs)
        return
    pending: deque[AsyncResult[Parsed]] = deque()
    for job in jobs:
        pending.append(pool.apply_async(work, (job,)))
        if len(pending) >= window:
            yield pending.popleft().get()
    while pending:
        yield pending.popleft().get()


def reparse(options: Options, progress: Callable[[Summary], None] | None = None) -> Summary:
    summary = Summary()
    classifier = Classifier.build(options.article_patterns)
    sequencer = Sequencer(options.retry_codes)
    work = partial(parse_job, output_script=options.output_script)
    pool = _pool(options.jobs) if options.jobs > 1 else None
    try:
        with (
            WarcReader(
                options.files, lambda u, s, c: classifier.kind(u, c) is not Kind.OTHER
            ) as reader,
            Archive(options.archive) as archive,
        ):
            summary.read = reader.stats
            applier = Applier(archive, options.required)
            summary.applied = applier.counts
            jobs = (
                Job(
                    r.seq,
                    classifier.kind(r.url, r.callback),
                    r.url,
                    r.date,
                    r.status,
                    r.headers,
                    r.body,
                    r.run,
                )
                for r in reader.responses()
            )
            for parsed in in_order(pool, work, jobs, window=max(options.jobs, 1) * 16):
                summary.responses += 1
                if parsed.record is not None:
                    summary.articles += 1
                if parsed.not_article is not None:
                    summary.not_articles += 1
                for record in sequencer.feed(parsed):
                    applier.apply(record)
                if progress is not None:
                    progress(summary)
            for record in sequencer.finish():
                applier.apply(record)
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
    summary.counters_used = sequencer.counters_used
    summary.counters_missing = sequencer.counters_missing
    return summary
