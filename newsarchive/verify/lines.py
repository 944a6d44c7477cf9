"""Every line of every article file: whole, UTF-8, a JSON object, valid by the schema.

Validation uses the published JSON Schema itself (``jsonschema``, a runtime dependency
for this reason): a hand-written copy of its rules would drift from the contract.
Beyond the schema: the id must be the one derived from the URL, and the line must sit
in the file its publish month names.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from newsarchive.storage import layout
from newsarchive.storage.index import title_key
from newsarchive.urls import article_id
from newsarchive.verify.facts import Facts
from newsarchive.verify.problems import Problem

#: Schema errors reported per line; the rest are counted in one more message.
MAX_ERRORS_PER_LINE = 5


def schema_validator() -> Any:
    import jsonschema

    text = (
        resources.files("newsarchive")
        .joinpath("schema/article.schema.json")
        .read_text(encoding="utf-8")
    )
    schema = json.loads(text)
    return jsonschema.Draft202012Validator(schema)


def _where(error: Any) -> str:
    path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
    return path.lstrip(".") or "record"


class LineError(ValueError):
    """A line that is not a whole archive line; the message says why, as verify prints it."""


class TornLine(LineError):
    """The last line of a file without its newline: what a crash (or a write still
    going on) leaves, which the next crawl sets aside, unlike damage inside a file."""


def decode_line(raw: bytes) -> dict[str, Any]:
    """The record on a line, if the line is one: newline-terminated, strict UTF-8 (no
    byte-order mark), one JSON object; else ``LineError``.

    The one rule for which lines count, shared by ``verify`` and ``export``, so that
    export emits only lines that verify accepts and that strict readers (jq, DuckDB)
    parse: ``json.loads`` on bytes would guess the encoding and drop a BOM instead.
    """
    if not raw.endswith(b"\n"):
        raise TornLine("torn line (no newline at the end of the file)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LineError(f"not UTF-8 (byte {exc.start})") from None
    try:
        value = json.loads(text)
    except ValueError as exc:
        raise LineError(f"not JSON ({exc})") from None
    if not isinstance(value, dict):
        raise LineError(f"not a JSON object ({type(value).__name__})")
    return value


def _decode(raw: bytes, rel: str, number: int) -> tuple[dict[str, Any] | None, list[Problem]]:
    try:
        return decode_line(raw), []
    except LineError as exc:
        return None, [Problem(rel, number, str(exc))]


def _lines(path: Path, rel: str) -> Iterator[tuple[int, dict[str, Any] | None, list[Problem]]]:
    """``(line number, record or None, problems)`` for every line of a JSONL file."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            record, problems = _decode(raw, rel, number)
            yield number, record, problems


def check_article_file(
    archive: Path, path: Path, validator: Any, facts: Facts
) -> Iterator[Problem]:
    rel = layout.relative(archive, path)
    for number, record, problems in _lines(path, rel):
        yield from problems
        if record is None:
            continue
        errors = sorted(validator.iter_errors(record), key=lambda e: list(e.absolute_path))
        for error in errors[:MAX_ERRORS_PER_LINE]:
            yield Problem(rel, number, f"{_where(error)}: {error.message}")
        if len(errors) > MAX_ERRORS_PER_LINE:
            yield Problem(rel, number, f"{len(errors) - MAX_ERRORS_PER_LINE} more schema errors")
        yield from _beyond_schema(archive, path, rel, number, record)
        _remember(facts, record, rel, number)


def _beyond_schema(
    archive: Path, path: Path, rel: str, number: int, record: dict[str, Any]
) -> Iterator[Problem]:
    url, id_ = record.get("url"), record.get("id")
    if isinstance(url, str) and isinstance(id_, str) and article_id(url) != id_:
        yield Problem(rel, number, f"id {id_} is not the id of its url ({article_id(url)})")
    published = record.get("published_at")
    if published is None or isinstance(published, str):
        expected = layout.month_file(archive, published)
        if expected != path:
            yield Problem(
                rel,
                number,
                f"published {published}: belongs in {layout.relative(archive, expected)}",
            )


def _remember(facts: Facts, record: dict[str, Any], rel: str, number: int) -> None:
    id_, url, content_hash = record.get("id"), record.get("url"), record.get("content_hash")
    revision, supersedes = record.get("revision"), record.get("supersedes")
    if not (isinstance(id_, str) and isinstance(url, str) and isinstance(content_hash, str)):
        return
    if not isinstance(revision, int) or isinstance(revision, bool):
        return
    if supersedes is not None and not isinstance(supersedes, str):
        return
    facts.add_line(
        id_, revision, content_hash, supersedes, url, rel, number, title_key(record.get("title"))
    )


def check_aliases(archive: Path, facts: Facts) -> Iterator[Problem]:
    path = archive / layout.ALIASES_FILE
    if not path.is_file():
        return
    rel = layout.ALIASES_FILE
    for number, record, problems in _lines(path, rel):
        yield from problems
        if record is None:
            continue
        url, target = record.get("url"), record.get("article_id")
        if not isinstance(url, str) or not isinstance(target, str):
            yield Problem(rel, number, "an alias needs string url and article_id")
            continue
        facts.add_alias(url, target, rel, number)


#: The side files an archive appends to besides aliases, with the fields their readers
#: need: gone URLs and view observations feed the index (a line without them is skipped
#: there, silently), run records feed ``status``.
SIDE_FILES: dict[str, dict[str, type]] = {
    layout.GONE_FILE: {"url": str, "reason": str},
    layout.VIEWS_FILE: {"id": str, "observed_at": str, "views": int},
    layout.RUNS_FILE: {"run_id": str, "exit_code": int},
}


def check_side_file(archive: Path, name: str) -> Iterator[Problem]:
    """Lines of one side file that are not whole JSON objects with their fields."""
    path = archive / name
    if not path.is_file():
        return
    fields = SIDE_FILES[name]
    for number, record, problems in _lines(path, name):
        yield from problems
        if record is None:
            continue
        wrong = [
            field
            for field, kind in fields.items()
            if not isinstance(record.get(field), kind) or isinstance(record.get(field), bool)
        ]
        if wrong:
            yield Problem(name, number, f"missing or mistyped: {', '.join(wrong)}")
