"""Extraction worker processes: same records as in-process, and a dying worker costs
one page, never the crawl."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import pytest

from newsarchive.extract import parse_article
from newsarchive.workers import pool as pool_module
from newsarchive.workers import sizing
from newsarchive.workers.job import Job, Outcome, run
from newsarchive.workers.pool import (
    ExtractionError,
    ExtractionPool,
    WorkerDied,
)
from newsarchive.workers.sizing import worker_count
from newsarchive.workers.worker import answer

REPO = Path(__file__).resolve().parents[1]
SITE = REPO / "fixtures" / "site"
WHEN = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
T = TypeVar("T")


def site_jobs() -> list[Job]:
    """Every page of the mirror that looks like an article URL, and a listing."""
    pages = sorted(SITE.rglob("*.html"))
    assert len(pages) > 30
    base = "http://www.ailab.cn/"
    return [
        Job(p.read_bytes(), base + p.relative_to(SITE).as_posix(), {}, "zh-Hans", WHEN)
        for p in pages
    ]


def within_loop(make: Callable[[], Awaitable[T]]) -> T:
    async def main() -> T:
        return await asyncio.wait_for(make(), timeout=120)

    return asyncio.run(main())


def extract_all(pool: ExtractionPool, jobs: list[Job]) -> list[Outcome | BaseException]:
    async def go() -> list[Any]:
        try:
            return await asyncio.gather(*(pool.extract(j) for j in jobs), return_exceptions=True)
        finally:
            pool.close()

    return within_loop(go)


def test_workers_give_the_in_process_records() -> None:
    jobs = site_jobs()
    expected = [run(job) for job in jobs]
    assert any(o.record is None for o in expected) and any(o.record for o in expected)
    assert extract_all(ExtractionPool(2), jobs) == expected
    assert extract_all(ExtractionPool(0), jobs) == expected


def test_job_record_is_parse_article() -> None:
    job = next(j for j in site_jobs() if run(j).record is not None)
    article = parse_article(job.body, job.url, job.headers, fetched_at=WHEN)
    assert run(job).record == article.to_dict()


def test_an_extraction_error_names_the_original_exception() -> None:
    """An unknown output script makes extraction raise: the worker reports it by name."""
    good = next(j for j in site_jobs() if run(j).record is not None)
    bad = Job(good.body, good.url, {}, "klingon", WHEN)
    with pytest.raises(Exception) as in_process:
        run(bad)
    reply = answer(7, (bad.body, bad.url, {}, "klingon", WHEN))
    assert reply[:3] == (7, "error", type(in_process.value).__name__)
    results = extract_all(ExtractionPool(1), [bad])
    assert isinstance(results[0], ExtractionError)
    assert str(results[0]).startswith(f"{type(in_process.value).__name__}: ")


def test_a_killed_worker_costs_the_page_it_was_on_and_nothing_else() -> None:
    jobs = site_jobs()
    expected = [run(job) for job in jobs]
    pool = ExtractionPool(1)
    victim = pool._workers[0].process

    async def go() -> list[Any]:
        tasks = [asyncio.ensure_future(pool.extract(j)) for j in jobs]
        await asyncio.sleep(0)  # every job handed over before the worker is killed
        await asyncio.sleep(0)
        victim.send_signal(signal.SIGKILL)
        return await asyncio.gather(*tasks, return_exceptions=True)

    try:
        results = within_loop(go)
    finally:
        pool.close()
    died = [n for n, r in enumerate(results) if isinstance(r, WorkerDied)]
    assert len(died) == 1, results
    assert "code -9" in str(results[died[0]]) and jobs[died[0]].url in str(results[died[0]])
    assert [r for n, r in enumerate(results) if n != died[0]] == [
        e for n, e in enumerate(expected) if n != died[0]
    ]
    assert pool.restarts == 1


def test_workers_that_keep_dying_fail_every_page_instead_of_looping(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def doomed() -> pool_module._Worker:
        ours, theirs = socket.socketpair()
        process = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])
        theirs.close()
        return pool_module._Worker(process, ours)

    monkeypatch.setattr(pool_module, "_spawn", doomed)
    jobs = site_jobs()[:10]
    results = extract_all(ExtractionPool(1), jobs)
    assert all(isinstance(r, WorkerDied) for r in results)
    assert "3 times in a row" in str(results[-1])


def test_close_reaps_the_workers() -> None:
    pool = ExtractionPool(2)
    processes = [w.process for w in pool._workers]
    extract_all(pool, site_jobs()[:4])
    assert all(p.returncode is not None for p in processes)
    unused = ExtractionPool(1)  # never connected: closing still ends it
    process = unused._workers[0].process
    unused.close()
    assert process.returncode == 0


def test_a_worker_outlives_no_crawl() -> None:
    """The crawl's socket closing (a killed crawl) ends the worker."""
    ours, theirs = socket.socketpair()
    process = subprocess.Popen(
        [sys.executable, "-m", "newsarchive.workers.worker", str(theirs.fileno())],
        pass_fds=[theirs.fileno()],
        cwd=REPO,
    )
    theirs.close()
    ours.close()
    assert process.wait(timeout=60) == 0


@pytest.mark.parametrize(("value", "count"), [("0", 0), (3, 3), (" 2 ", 2), ("32", 32)])
def test_worker_count(value: object, count: int) -> None:
    assert worker_count(value) == count


@pytest.mark.parametrize("value", ["-1", "many", "1.5", "33", "1000"])
def test_worker_count_rejects(value: str) -> None:
    with pytest.raises(ValueError, match="NEWSARCHIVE_EXTRACT_WORKERS"):
        worker_count(value)


def test_auto_is_one_per_spare_core(monkeypatch: pytest.MonkeyPatch) -> None:
    for cores, workers in [(1, 0), (2, 1), (4, 3), (16, 4)]:
        monkeypatch.setattr(os, "sched_getaffinity", lambda _pid, n=cores: set(range(n)))
        assert sizing.auto_workers() == workers
        assert worker_count("auto") == worker_count(" AUTO ") == worker_count("") == workers
