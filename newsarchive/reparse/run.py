"""A reparse from end to end: WARC files in, archive records out.

With one job, this process reads the WARC files in order, parses and applies. With
more, worker processes each read a span of a file (about ``SPAN_BYTES``) and parse the
wanted responses in it; this process takes the spans back in file order
(``warc.reader.Replay``: statistics, the digests seen so far, damage), hands revisits
back to the workers once their originals are known, and applies the records. Results
are applied strictly in reading order and only ``AHEAD_PER_WORKER`` spans per worker
are out at a time, so memory stays flat however large the input and the archive sees
the same order whatever the number of workers.
"""

from __future__ import annotations

import itertools
import os
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from newsarchive.pageurl import DEFAULT_TEMPLATE, PageUrlRule
from newsarchive.reparse.apply import Applied, Applier
from newsarchive.reparse.classify import Kind
from newsarchive.reparse.pool import WorkerFailed, Workers
from newsarchive.reparse.sequence import Sequencer
from newsarchive.reparse.work import (
    Config,
    Failed,
    Parsed,
    Parser,
    RevisitTask,
    SpanResult,
    SpanTask,
    serve,
)
from newsarchive.storage import layout
from newsarchive.storage.archive import Archive
from newsarchive.warc.events import Event, SpanEnd
from newsarchive.warc.locate import Span, plan_spans
from newsarchive.warc.reader import ReadStats, Replay, WarcReader


@dataclass(frozen=True)
class Options:
    files: list[Path]
    archive: Path
    output_script: str = "zh-Hans"
    jobs: int = 1
    required: tuple[str, ...] = ()
    article_patterns: tuple[str, ...] = ()
    retry_codes: frozenset[int] = frozenset()
    max_pages: int = 50
    """``NEWSARCHIVE_MAX_ARTICLE_PAGES``, as the crawl had it."""
    page_url: str = DEFAULT_TEMPLATE
    """``NEWSARCHIVE_ARTICLE_PAGE_URL``, as the crawl had it."""


@dataclass(slots=True)
class Summary:
    responses: int = 0
    """Responses handed to the parser (articles and counters)."""
    articles: int = 0
    not_articles: int = 0
    counters_used: int = 0
    counters_missing: int = 0
    pages_joined: int = 0
    """Further pages of articles joined to their records (``article_pages``)."""
    pages_missing: int = 0
    """Further pages records were stored without (failed, or not in the input)."""
    applied: Applied = field(default_factory=Applied)
    read: ReadStats = field(default_factory=ReadStats)


class ReparseFailed(Exception):
    """Parsing raised, or a worker process died: the run stops, with one line."""


def _sync(archive: Path) -> None:
    """Lines are appended without an fsync each (a reparse can be run again, and an
    archive opens past torn tails); everything is made durable once, at the end."""
    for path in layout.append_only_files(archive):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


#: Bytes of WARC file per span handed to a worker: about 150 articles of the benchmark
#: crawl, 0.2 s of work. Large enough that hand-offs are rare, small enough that the
#: last span of a run leaves the other workers idle only briefly.
SPAN_BYTES = 1024 * 1024
#: Spans out per worker (sent, or answered but not yet applied); memory stays flat.
AHEAD_PER_WORKER = 3
#: Revisits per task handed back to a worker once their originals are known.
REVISIT_BATCH = 64


class _Apply:
    """Parsed responses into the archive, in reading order, as the crawl applied them."""

    def __init__(
        self,
        summary: Summary,
        sequencer: Sequencer,
        applier: Applier,
        progress: Callable[[Summary], None] | None,
    ) -> None:
        self.summary = summary
        self.sequencer = sequencer
        self.applier = applier
        self.progress = progress

    def __call__(self, parsed: Parsed) -> None:
        self.summary.responses += 1
        if parsed.kind is Kind.ARTICLE:
            if parsed.record is not None or parsed.draft is not None:
                self.summary.articles += 1
            if parsed.not_article is not None:
                self.summary.not_articles += 1
        for record in self.sequencer.feed(parsed):
            self.applier.apply(record)
        if self.progress is not None:
            self.progress(self.summary)

    def finish(self) -> None:
        for record in self.sequencer.finish():
            self.applier.apply(record)


#: Responses read, then parsed, then applied at a time in one process: each stage's code
#: and data stay in the CPU caches through a batch, which saves about a tenth of the CPU
#: time of taking each response through all three in turn.
BATCH = 128


def _in_process(options: Options, config: Config, apply: _Apply, summary: Summary) -> None:
    """One job: read, parse and apply in this process, a batch of responses at a time,
    with the same ``Parser`` a worker process uses."""
    parser = Parser(config)
    with WarcReader(options.files, parser.select) as reader:
        summary.read = reader.stats
        responses = reader.responses()
        while batch := list(itertools.islice(responses, BATCH)):
            parsed: list[Parsed] = []
            for r in batch:
                result = parser.parse(
                    r.url, r.callback, r.date, r.status, r.headers, r.body, r.seq, r.run
                )
                if isinstance(result, Failed):  # one line, as from a worker process
                    for done in parsed:
                        apply(done)
                    raise ReparseFailed(result.message)
                parsed.append(result)
            for done in parsed:
                apply(done)


@dataclass(frozen=True, slots=True)
class _Slot:
    """A span sent to a worker, waiting to be replayed in file order."""

    path: Path
    span: Span
    task_id: int
    first: bool


@dataclass(frozen=True, slots=True)
class _Ready:
    """A parsed response and the crawl run it belongs to (workers do not know it)."""

    parsed: Parsed
    run: str | None


@dataclass(frozen=True, slots=True)
class _Later:
    """A revisit's place in the order; its result is item ``index`` of task ``task_id``."""

    task_id: int
    index: int
    run: str | None


class _SpanDone:
    """Marks where a span's records end in the order of application."""


_SPAN_DONE = _SpanDone()


class TaskRunner(Protocol):
    """What ``SpanPipeline`` needs of ``pool.Workers`` (tests run tasks in-process)."""

    @property
    def count(self) -> int: ...

    def free(self) -> int | None: ...

    def send(self, worker: int, task_id: int, task: object) -> None: ...

    def receive(self) -> list[tuple[int, Any]]: ...


class SpanPipeline:
    """Spans out to the workers, back in file order through ``replay``, and each parsed
    response to ``apply`` in reading order, whatever order the answers come in."""

    def __init__(
        self,
        workers: TaskRunner,
        config: Config,
        replay: Replay,
        apply: Callable[[Parsed], None],
        files: list[Path],
        span_bytes: int = SPAN_BYTES,
    ) -> None:
        self.workers = workers
        self.config = config
        self.replay = replay
        self.apply = apply
        self.seq = 0
        self.ids = itertools.count()
        self.spans = self._plan(files, span_bytes)
        self.more_spans = True
        self.slots: deque[_Slot] = deque()
        """Spans sent, in file order, not yet replayed."""
        self.out = 0
        """Spans sent whose records are not all applied yet."""
        self.ahead = AHEAD_PER_WORKER * workers.count
        self.results: dict[int, object] = {}
        self.unanswered: dict[int, int] = {}
        """Items of a revisit task still to be taken from its result."""
        self.revisits: deque[tuple[int, RevisitTask]] = deque()
        """Revisit tasks not yet sent."""
        self.order: deque[_Ready | Failed | _Later | _SpanDone] = deque()
        """What to apply, in reading order."""
        self._local: Parser | None = None

    @staticmethod
    def _plan(files: list[Path], size: int) -> Iterator[tuple[Path, Span, bool]]:
        for path in files:
            for n, span in enumerate(plan_spans(path, size)):
                yield path, span, n == 0

    def run(self) -> None:
        while True:
            self._send()
            if self._advance():
                continue
            if not (self.slots or self.order or self.revisits or self.more_spans):
                return
            for task_id, result in self.workers.receive():
                if isinstance(result, Failed):
                    raise ReparseFailed(result.message)
                self.results[task_id] = result

    def _send(self) -> None:
        while (worker := self.workers.free()) is not None:
            task: SpanTask | RevisitTask
            if self.revisits:
                task_id, task = self.revisits.popleft()
            elif self.more_spans and self.out < self.ahead:
                planned = next(self.spans, None)
                if planned is None:
                    self.more_spans = False
                    return
                path, span, first = planned
                task_id = next(self.ids)
                task = SpanTask(path, span)
                self.slots.append(_Slot(path, span, task_id, first))
                self.out += 1
            else:
                return
            self.workers.send(worker, task_id, task)

    def _advance(self) -> bool:
        """Replay and apply as far as the answers in hand allow; whether anything was."""
        moved = False
        while True:
            if self.order and self._apply_next():
                moved = True
            elif self.slots and self.slots[0].task_id in self.results:
                slot = self.slots.popleft()
                result = self.results.pop(slot.task_id)
                assert isinstance(result, tuple)
                self._replay(slot, result)
                moved = True
            else:
                return moved

    def _apply_next(self) -> bool:
        item = self.order[0]
        if isinstance(item, _Later):
            answer = self.results.get(item.task_id)
            if answer is None:
                return False
            assert isinstance(answer, list)
            self.unanswered[item.task_id] -= 1
            if not self.unanswered[item.task_id]:
                del self.unanswered[item.task_id], self.results[item.task_id]
            parsed = answer[item.index]
            if parsed is None:
                self.replay.stats.unresolved_revisits += 1
            item = _Ready(parsed, item.run) if isinstance(parsed, Parsed) else parsed
        self.order.popleft()
        if isinstance(item, Failed):
            raise ReparseFailed(item.message)
        if isinstance(item, _Ready):
            self.apply(replace(item.parsed, seq=self.seq, run=item.run))
            self.seq += 1
        elif item is _SPAN_DONE:
            self.out -= 1
        return True

    def _replay(self, slot: _Slot, result: SpanResult) -> None:
        if slot.first:
            self.replay.start_file(slot.path)
        end, events = result
        if not self.replay.done:
            if not self.replay.trusts(slot.span, end):
                # the worker's guess at the span's first record was wrong: read it here
                # from where the span before it stopped
                span = Span(self.replay.expected, slot.span.end, slot.span.layout)
                end, events = self._local_parser().span(SpanTask(slot.path, span))
            self._take(slot.path, [*events, end])
            if not end.clean and not self.replay.done:
                # damage, read as a read of the whole file reads it: here, from where
                # that read last started afresh to the span's end
                span = Span(
                    self.replay.origin,
                    slot.span.end,
                    slot.span.layout,
                    skip=self.replay.expected,
                    exact=True,
                )
                end, events = self._local_parser().span(SpanTask(slot.path, span))
                self._take(slot.path, [*events, end])
        self.order.append(_SPAN_DONE)

    def _take(self, path: Path, events: list[Event | SpanEnd]) -> None:
        batches: list[tuple[int, list[tuple[int, Path, int]]]] = []
        for wanted in self.replay.take(events):
            entry = wanted.entry
            if wanted.original is None:
                parsed = entry.result
                assert isinstance(parsed, Parsed | Failed)
                self.order.append(
                    _Ready(parsed, wanted.run) if isinstance(parsed, Parsed) else parsed
                )
                continue
            if not batches or len(batches[-1][1]) >= REVISIT_BATCH:
                batches.append((next(self.ids), []))
            task_id, items = batches[-1]
            self.order.append(_Later(task_id, len(items), wanted.run))
            items.append((entry.offset, *wanted.original))
        for task_id, items in batches:
            self.unanswered[task_id] = len(items)
            self.revisits.append((task_id, RevisitTask(path, tuple(items))))

    def _local_parser(self) -> Parser:
        if self._local is None:
            self._local = Parser(self.config)
        return self._local


def _with_workers(
    options: Options, workers: Workers, config: Config, apply: _Apply, summary: Summary
) -> None:
    with WarcReader([]) as reader:  # its digest store and statistics; it reads nothing
        summary.read = reader.stats
        SpanPipeline(workers, config, reader.replay, apply, options.files).run()


def reparse(options: Options, progress: Callable[[Summary], None] | None = None) -> Summary:
    summary = Summary()
    sequencer = Sequencer(
        options.retry_codes,
        output_script=options.output_script,
        max_pages=options.max_pages,
        page_rule=PageUrlRule(options.page_url),
    )
    config = Config(options.output_script, options.article_patterns, options.page_url)
    workers = None
    if options.jobs > 1:  # forked first, before the archive and its databases are open
        workers = Workers(options.jobs, serve, config)
    try:
        with Archive(options.archive, fsync=False) as archive:
            applier = Applier(archive, options.required)
            summary.applied = applier.counts
            apply = _Apply(summary, sequencer, applier, progress)
            if workers is not None:
                _with_workers(options, workers, config, apply, summary)
            else:
                _in_process(options, config, apply, summary)
            apply.finish()
            _sync(options.archive)
    except WorkerFailed as exc:
        raise ReparseFailed(str(exc)) from None
    finally:
        if workers is not None:
            workers.close()
    summary.counters_used = sequencer.counters_used
    summary.counters_missing = sequencer.counters_missing
    summary.pages_joined = sequencer.pages_joined
    summary.pages_missing = sequencer.pages_missing
    return summary
