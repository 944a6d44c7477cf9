"""Where things live inside an archive directory.

Paths are derived only from values the archive computed itself (a validated ISO date),
never from page text, so nothing a page says can choose a path on disk.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

ARTICLES_DIR = "articles"
INDEX_FILE = "index.sqlite3"
RUNS_FILE = "runs.jsonl"
ALIASES_FILE = "aliases.jsonl"
GONE_FILE = "gone.jsonl"
VIEWS_FILE = "views.jsonl"
UNDATED_FILE = "undated.jsonl"
JOB_DIR = "job"

_MONTH = re.compile(r"^(\d{4})-(\d{2})-\d{2}T")


def articles_root(archive: Path) -> Path:
    return archive / ARTICLES_DIR


def month_file(archive: Path, published_at: str | None) -> Path:
    """``articles/YYYY/YYYY-MM.jsonl`` by publish month; undated articles apart."""
    return archive / month_relative(published_at)


def month_relative(published_at: str | None) -> str:
    """``month_file`` relative to the archive, as the index stores it (``relative``).

    Built as a string: the crawl stores an article every millisecond or two, and the
    pathlib joins and ``relative_to`` cost more than the rest of choosing the file.
    """
    match = _MONTH.match(published_at or "")
    if not match:
        return f"{ARTICLES_DIR}/{UNDATED_FILE}"
    year, month = match.groups()
    return f"{ARTICLES_DIR}/{year}/{year}-{month}.jsonl"


def relative(archive: Path, path: Path) -> str:
    """The path as stored in the index: relative to the archive, POSIX separators."""
    return path.relative_to(archive).as_posix()


def article_files(archive: Path) -> list[Path]:
    """Every article JSONL file, in a stable order."""
    root = articles_root(archive)
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*.jsonl") if p.is_file() and not p.is_symlink())


def files_indexed(archive: Path, known: Mapping[str, int]) -> bool:
    """Whether an index that read the article files to the sizes ``known`` (relative
    path -> bytes) has read every one of them whole: otherwise it lags the files (a
    crawl stopped between a write and the index's commit) and its totals fall short."""
    for path in article_files(archive):
        if known.get(relative(archive, path), -1) != path.stat().st_size:
            return False
    return True


def append_only_files(archive: Path) -> list[Path]:
    """Every file the archive only ever appends to (checked for torn tails on open)."""
    extra = [archive / name for name in (ALIASES_FILE, GONE_FILE, VIEWS_FILE, RUNS_FILE)]
    return article_files(archive) + [p for p in extra if p.is_file()]
