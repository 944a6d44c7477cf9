"""The tail's key map: a key digest to the ``seq`` of each tail row that has it.

The writer and every reader keep one for the articles and one for the aliases not yet
merged (up to ``ArchiveIndex.MERGE_AT`` rows between them). Nearly every digest is one
row's, so its value is that row's ``seq``, a plain int; only a digest that several rows
share holds a list of them. That keeps the tail one dict of ints rather than of lists.
These functions are where the int-or-list convention is defined; ``ArchiveIndex.put``
and the tail's loading inline its common case (``setdefault`` handing back the row's
own ``seq``) and call ``tail_add`` only when it does not.
"""

from __future__ import annotations

from typing import Any


def tail_add(tail: dict[int, Any], k: int, seq: int) -> None:
    """Add ``seq`` under ``k``: a list from the second row on."""
    old = tail.setdefault(k, seq)
    if old is not seq:
        tail[k] = [*old, seq] if isinstance(old, list) else [old, seq]


def tail_remove(tail: dict[int, Any], k: int, seq: int) -> None:
    """Remove ``seq`` from under ``k`` if it is there: a plain int again for one row left."""
    old = tail.get(k)
    if old == seq:
        del tail[k]
    elif isinstance(old, list) and seq in old:
        rest = [s for s in old if s != seq]
        tail[k] = rest[0] if len(rest) == 1 else rest


def tail_seqs(value: Any) -> tuple[int, ...] | list[int]:
    """The ``seq`` values a key's entry (None: no entry) stands for."""
    if value is None:
        return ()
    return value if isinstance(value, list) else (value,)
