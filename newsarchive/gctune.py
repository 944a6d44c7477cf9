"""Fewer, cheaper garbage collections for the crawl and reparse processes.

Scrapy and Twisted allocate many short-lived containers per response (requests,
deferreds, header dicts), so with Python's default young-generation threshold of 700 the
crawl process ran a collection every eight pages or so, and every few thousand pages a
full one over everything imported at start-up: about 1.2 s of a 10,000-page crawl's
14 s, a tenth of the process. ``tune`` freezes the objects that exist when it is called
(modules, classes, settings: they live as long as the process, and a full collection no
longer walks them) and raises the young-generation threshold. Collections still run,
only less often: in that crawl 25 instead of about 1,200, for 0.1 s in all, with the
same peak memory (BENCHMARKS.md). ``restore`` undoes both. ``newsarchive reparse``
tunes its parent process the same way, before it forks its workers: about 3% off a
two-worker run.
"""

from __future__ import annotations

import gc


def gc_threshold(value: object) -> int:
    """``NEWSARCHIVE_GC_THRESHOLD``: a young-generation threshold, or 0 for Python's own."""
    try:
        threshold = int(str(value).strip().replace("_", ""))
    except ValueError:
        raise ValueError(
            f"NEWSARCHIVE_GC_THRESHOLD must be a whole number, not {value!r}"
        ) from None
    if threshold < 0:
        raise ValueError(f"NEWSARCHIVE_GC_THRESHOLD must not be negative, not {threshold}")
    return threshold


#: The collector is the process's, so its tuning is too: the first ``tune`` applies it,
#: later ones (a second crawl in the same process) share it, and the settings saved by
#: the first come back when the last of them calls ``restore``.
_holders = 0
_saved: tuple[int, int, int] | None = None


def tune(threshold: int) -> None:
    """Freeze what exists now and collect the young generation every ``threshold`` net
    allocations, until the matching ``restore``."""
    global _holders, _saved
    if _holders == 0:
        _saved = gc.get_threshold()
        gc.freeze()
        gc.set_threshold(threshold, _saved[1], _saved[2])
    _holders += 1


def restore() -> None:
    """Undo one ``tune``; the last one puts Python's settings back."""
    global _holders, _saved
    if _holders == 0:
        return
    _holders -= 1
    if _holders == 0 and _saved is not None:
        gc.set_threshold(*_saved)
        gc.unfreeze()
        _saved = None
