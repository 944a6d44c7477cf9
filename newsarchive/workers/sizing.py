"""How many processes a crawl uses: extraction workers and the WARC recorder.

Apart from the pool so that reading the settings costs nothing: ``newsarchive crawl``
resolves them before it starts the crawler, and importing the pool would import the
whole extraction stack (lxml, OpenCC, the selectors) into a process that only waits.
"""

from __future__ import annotations

import os


def auto_workers() -> int:
    """One worker per core beyond the one the event loop uses, at most four; none on a
    single core, where a worker would only add hand-off costs."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return max(0, min(4, cores - 1))


def worker_count(value: object) -> int:
    """``NEWSARCHIVE_EXTRACT_WORKERS``: ``auto`` or a count (0 extracts in-process)."""
    text = str(value).strip().lower()
    if text in ("", "auto"):
        return auto_workers()
    try:
        count = int(text)
    except ValueError:
        raise ValueError(
            f"NEWSARCHIVE_EXTRACT_WORKERS must be 'auto' or a count, not {value!r}"
        ) from None
    if count < 0:
        raise ValueError(f"NEWSARCHIVE_EXTRACT_WORKERS must not be negative, not {count}")
    if count > MAX_WORKERS:
        raise ValueError(f"NEWSARCHIVE_EXTRACT_WORKERS must be at most {MAX_WORKERS}, not {count}")
    return count


MAX_WORKERS = 32
"""The most extraction workers a crawl starts. Each is a Python process of about 40 MB
that the crawl feeds one page at a time; more than the cores only adds hand-offs (a
2-page crawl took 3.8 s with 4 workers, 12 s with 32, and 1,000 exhausted the machine)."""


def recorder_process(value: object) -> bool:
    """``NEWSARCHIVE_WARC_PROCESS``: ``auto`` (a process when there is a core to spare),
    or a boolean."""
    text = str(value).strip().lower()
    if text in ("", "auto"):
        return auto_workers() > 0
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"NEWSARCHIVE_WARC_PROCESS must be auto, true or false, not {value!r}")
