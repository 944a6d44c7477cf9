"""A synthetic archive of a million articles, for "does a big archive slow the crawl?".

Written directly in the archive's own formats: month files of JSON lines
(``storage.jsonl.dumps``, paths from ``storage.layout``) and the index through
``storage.index.ArchiveIndex`` itself, one transaction per file instead of one commit
per article, then compacted as ``reindex`` leaves it (one run, one filter). The index's
``files`` table records every file's full size, so opening the archive finds nothing to
catch up, exactly as after a million crawled articles.

Records are short (id, URL, title, hash, dates; no body text): what a crawl touches in
an existing archive is the index and the files' tails, never the old lines, so their
length changes disk use, not the figures. Built once into ``benchmarks/.cache``.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from collections import defaultdict
from pathlib import Path

from newsarchive.storage import jsonl, layout
from newsarchive.storage.index import ArchiveIndex, Entry, title_key

VERSION = 5
HOST = "http://www.ailab.cn"
"""Synthetic URLs are on the portal's host; the benchmark crawl's are on 127.0.0.1."""


def _record(n: int) -> dict[str, object]:
    year = 2010 + n % 12
    month = 1 + (n // 12) % 12
    day = 1 + (n // 144) % 28
    url = f"{HOST}/robot/{year}/{month:02d}{day:02d}/{n}.html"
    digest = hashlib.sha256(url.encode()).hexdigest()
    return {
        "id": digest[:16],
        "url": url,
        "title": f"合成文章 {n}",
        "published_at": f"{year}-{month:02d}-{day:02d}T08:00:00+08:00",
        "content_hash": hashlib.sha256(digest.encode()).hexdigest(),
        "fetched_at": "2025-01-01T00:00:00Z",
        "schema_version": 1,
        "revision": 1,
        "supersedes": None,
    }


def build(root: Path, count: int) -> None:
    """Write ``count`` articles' files and their index under ``root``."""
    by_file: dict[Path, list[dict[str, object]]] = defaultdict(list)
    for n in range(count):
        record = _record(n)
        by_file[layout.month_file(root, str(record["published_at"]))].append(record)
    with ArchiveIndex(root / layout.INDEX_FILE) as index:
        for path, records in sorted(by_file.items()):
            path.parent.mkdir(parents=True, exist_ok=True)
            data = b"".join(jsonl.dumps(r) for r in records)
            path.write_bytes(data)
            rel = layout.relative(root, path)
            with index.transaction():
                for r in records:
                    index.put(
                        Entry(
                            id=str(r["id"]),
                            url=str(r["url"]),
                            content_hash=str(r["content_hash"]),
                            published_at=str(r["published_at"]),
                            path=rel,
                            revision=1,
                            title_key=title_key(r["title"]),
                        )
                    )
                index.set_file_size(rel, len(data))
        index.compact()
    db = sqlite3.connect(root / layout.INDEX_FILE)
    try:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()


def cached_archive(count: int) -> Path:
    """The synthetic archive of ``count`` articles under ``benchmarks/.cache``, built once."""
    from benchmarks.common import cached_build

    return cached_build(f"archive-{count}-v{VERSION}", lambda out: build(out, count))


def copy_archive(source: Path, dest: Path) -> Path:
    """A private copy to crawl into (the cached one must stay as built)."""
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns(".complete"))
    return dest
