"""All checks over one archive, problems streamed as they are found."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsarchive.storage import layout
from newsarchive.verify.agreement import check_index
from newsarchive.verify.chains import check_chains
from newsarchive.verify.facts import Facts
from newsarchive.verify.lines import (
    SIDE_FILES,
    check_aliases,
    check_article_file,
    check_side_file,
    schema_validator,
)
from newsarchive.verify.problems import Problem
from newsarchive.verify.warcfiles import check_warc_files
from newsarchive.warc.files import WARC_DIR


@dataclass(slots=True)
class Tally:
    files: int = 0
    lines: int = 0
    articles: int = 0
    warc_files: int = 0
    """WARC files compared with their closing sizes (their records are reparse's)."""


def verify(archive: Path, tally: Tally | None = None) -> Iterator[Problem]:
    tally = tally if tally is not None else Tally()
    validator = schema_validator()
    with tempfile.TemporaryDirectory(prefix="newsarchive-verify-") as tmp:
        facts = Facts(Path(tmp) / "facts.sqlite3")
        try:
            for path in layout.article_files(archive):
                tally.files += 1
                try:
                    yield from check_article_file(archive, path, validator, facts)
                except OSError as exc:
                    yield Problem(layout.relative(archive, path), None, f"unreadable: {exc}")
            try:
                yield from check_aliases(archive, facts)
            except OSError as exc:
                yield Problem(layout.ALIASES_FILE, None, f"unreadable: {exc}")
            for name in SIDE_FILES:
                try:
                    yield from check_side_file(archive, name)
                except OSError as exc:
                    yield Problem(name, None, f"unreadable: {exc}")
            try:
                yield from check_warc_files(archive, tally)
            except OSError as exc:
                yield Problem(WARC_DIR, None, f"unreadable: {exc}")
            facts.done_adding()
            tally.lines = int(facts.db.execute("SELECT COUNT(*) FROM lines").fetchone()[0])
            tally.articles = int(
                facts.db.execute("SELECT COUNT(DISTINCT id) FROM lines").fetchone()[0]
            )
            yield from check_chains(facts)
            yield from check_index(archive, facts)
        finally:
            facts.close()
