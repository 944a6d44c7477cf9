"""Which required fields a record lacks.

Kept apart from the pipeline so the rule is one pure function that the crawl, the
``verify`` command and the tests all share.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


def is_missing(value: Any) -> bool:
    """None, blank text and empty lists count as missing; 0 and False do not."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple | dict):
        return len(value) == 0
    return False


def missing_fields(record: Mapping[str, Any], required: Iterable[str]) -> list[str]:
    """The required fields that ``record`` lacks, in the order they were asked for."""
    return [name for name in required if is_missing(record.get(name))]
