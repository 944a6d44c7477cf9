"""An article record encoded where it was parsed, for a writer in another process.

A reparse parses in worker processes and writes in one, and that one is the part that
does not scale with cores. Handed the record as a dict, it unpickled every field (about
19 us for a 10 KB record) only to encode them again as the archive line (7-30 us),
while the worker had pickled them (11 us). What the writer reads of a record is a few
scalar fields: the keys it decides on (``id``, ``url``, ``content_hash``, ``title``),
where the line goes (``published_at``), what an unchanged article leaves (``views``,
``fetched_at``) and which required fields are missing. So the record crosses as its
JSON line, encoded in the worker, with its scalar fields and the names of the fields
that are not missing; the archive appends the line with its own two fields spliced in
(``Archive.store_prepared``), the same bytes ``Archive.store`` writes for the dict.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from newsarchive.storage.jsonl import dumps
from newsarchive.validation import is_missing

#: Fields the archive sets when it stores a record (``Archive.store``): a record that
#: already has one keeps it in its own place in the dict, which a splice would not.
ARCHIVE_FIELDS = ("revision", "supersedes")

_NULL_VIEWS = b',"views":null'


@dataclass(frozen=True, slots=True)
class Prepared:
    head: dict[str, Any]
    """The record's fields whose values are neither lists nor dicts."""
    line: bytes
    """``jsonl.dumps(record)``: one JSON object and its newline."""
    present: frozenset[str]
    """The names of the record's fields that are not missing (``validation.is_missing``)."""

    @classmethod
    def of(cls, record: Mapping[str, Any]) -> Prepared:
        """ValueError for a record the archive could not splice its fields into."""
        if not record:
            raise ValueError("an empty record")
        clash = [name for name in ARCHIVE_FIELDS if name in record]
        if clash:
            raise ValueError(f"the archive sets {', '.join(clash)}, the record may not")
        return cls(
            {k: v for k, v in record.items() if not isinstance(v, list | dict)},
            dumps(record),
            frozenset(k for k, v in record.items() if not is_missing(v)),
        )

    def missing(self, required: Iterable[str]) -> list[str]:
        """As ``validation.missing_fields`` on the record."""
        present = self.present
        return [name for name in required if name not in present]

    def with_views(self, views: int | None) -> Prepared:
        """The record with its view count set (from a counter that answered later).

        The portal's pages often leave the count to a counter, so this is common. The
        ``null`` of a top-level ``"views"`` is replaced in the line where that is sure
        to be the only place the bytes ``,"views":null`` occur. Inside a JSON string a
        quote is always escaped, so those bytes can only be a ``views`` key holding
        null; if they occur once and the record's own ``views`` is null and not its
        first key, they are that key. Anything else (the key first or absent, a nested
        ``views`` also null, a value that is not an integer) is decoded and encoded
        again, which gives the same bytes: 34 us for a 10 KB record, against 5-15 us
        for the splice (most of it the count, a pass over the line).
        """
        line = self.line
        if (
            type(views) is int
            and self.head.get("views", 0) is None
            and line.count(_NULL_VIEWS) == 1
            and not line.startswith(b'{"views":')
        ):
            at = line.index(_NULL_VIEWS)
            spliced = b'%s,"views":%d%s' % (line[:at], views, line[at + len(_NULL_VIEWS) :])
            return Prepared({**self.head, "views": views}, spliced, self.present | {"views"})
        record = json.loads(line)
        record["views"] = views
        return Prepared.of(record)

    def __reduce__(self) -> tuple[type[Prepared], tuple[Any, ...]]:
        """Pickled as a call with the fields (see ``warc.events.Entry.__reduce__``):
        one crosses a pipe for every article."""
        return Prepared, (self.head, self.line, self.present)
