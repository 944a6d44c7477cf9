"""Dedup index at a million entries: opening it, and looking up plus inserting articles.

Measured on a private copy of the synthetic archive's index (``benchmarks.synth_archive``).
One "lookup plus insert" is exactly the index work the crawl does for a new article:
``Archive.decide`` (``by_url``, which also consults the aliases, then ``by_hash``) and
``Archive.store`` (``put`` and ``set_file_size``, group-committed). The issue states
both bounds as absolute figures, so they are checked as such, with two baselines from
the same run beside them: the same statements in one transaction for all articles
(what the per-article commit costs) and a plain dict (the floor for any index).
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import time
from pathlib import Path

from benchmarks.common import Row, median_seconds
from newsarchive.storage import layout
from newsarchive.storage.archive import Archive
from newsarchive.storage.index import ArchiveIndex, Entry

MIN_RATE = 50_000
MAX_OPEN_S = 0.2


def _entries(count: int, salt: str) -> list[Entry]:
    out = []
    for n in range(count):
        url = f"http://bench.invalid/{salt}/{n}.html"
        digest = hashlib.sha256(url.encode()).hexdigest()
        out.append(
            Entry(
                id=digest[:16],
                url=url,
                content_hash=hashlib.sha256(digest.encode()).hexdigest(),
                published_at="2025-01-01T08:00:00+08:00",
                path="articles/2025/2025-01.jsonl",
                revision=1,
            )
        )
    return out


def _lookup_insert(index: ArchiveIndex, entries: list[Entry]) -> float:
    """Seconds for the crawl's per-article index work over ``entries``.

    As ``Archive.store`` does it: each entry and its file offset in the open batch, a
    commit every ``Archive.COMMIT_EVERY`` entries (group commit).
    """
    size = 0
    pending = 0
    start = time.perf_counter()
    for e in entries:
        if index.by_url(e.url) is None and index.by_hash(e.content_hash) is None:
            size += 1000
            with index.batch():
                index.put(e)
                index.set_file_size(e.path, size)
            pending += 1
            if pending >= Archive.COMMIT_EVERY:
                index.commit()
                pending = 0
    index.commit()
    return time.perf_counter() - start


def _one_transaction(path: Path, entries: list[Entry]) -> float:
    """The same statements, raw ``sqlite3``, one transaction for all: the commit's share."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    start = time.perf_counter()
    db.execute("BEGIN")
    for e in entries:
        db.execute("SELECT id FROM articles WHERE url = ? LIMIT 1", (e.url,)).fetchone()
        db.execute("SELECT article_id FROM aliases WHERE url = ?", (e.url,)).fetchone()
        db.execute("SELECT id FROM articles WHERE content_hash = ? LIMIT 1", (e.content_hash,))
        db.execute(
            "INSERT INTO articles (id, url, content_hash, published_at, path, revision)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (e.id, e.url, e.content_hash, e.published_at, e.path, e.revision),
        )
    db.execute("COMMIT")
    elapsed = time.perf_counter() - start
    db.close()
    return elapsed


def _dict_floor(entries: list[Entry], size: int) -> float:
    """A dict keyed by URL and one by hash, pre-filled with ``size`` keys."""
    by_url = {f"u{n}": n for n in range(size)}
    by_hash = {f"h{n}": n for n in range(size)}
    start = time.perf_counter()
    for e in entries:
        if e.url not in by_url and e.content_hash not in by_hash:
            by_url[e.url] = 1
            by_hash[e.content_hash] = 1
    return time.perf_counter() - start


def run(archive: Path, work: Path, *, count: int = 20_000) -> list[Row]:
    """``archive`` holds the million-entry index; ``work`` is scratch space on disk."""
    index_path = work / layout.INDEX_FILE
    shutil.copyfile(archive / layout.INDEX_FILE, index_path)
    with ArchiveIndex(index_path) as index:
        entries_total = index.count()

    def open_and_look() -> None:
        with ArchiveIndex(index_path) as index:
            index.by_url("http://bench.invalid/none")

    open_s = median_seconds(open_and_look, repeat=7, warmup=1)

    with ArchiveIndex(index_path) as index:
        ours = _lookup_insert(index, _entries(count, "ours"))
    raw = _one_transaction(index_path, _entries(count, "raw"))
    floor = _dict_floor(_entries(count, "dict"), entries_total)
    rate = count / ours
    details = {
        "entries": entries_total,
        "articles": count,
        "lookup_insert_per_s": round(rate),
        "same_sql_one_transaction_per_s": round(count / raw),
        "dict_per_s": round(count / floor),
        "ours_vs_one_transaction": round(raw / ours, 2),
        "open_s": round(open_s, 4),
    }
    return [
        Row(
            "dedup index: lookup+insert at 1M",
            f"{rate:,.0f}/s ({raw / ours:.2f}x of one-transaction SQL)",
            f">= {MIN_RATE:,}/s",
            rate >= MIN_RATE,
            details,
        ),
        Row(
            "dedup index: open at 1M",
            f"{open_s * 1000:.1f} ms",
            f"< {MAX_OPEN_S * 1000:.0f} ms",
            open_s < MAX_OPEN_S,
            details,
        ),
    ]
