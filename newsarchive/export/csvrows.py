"""Records as flat CSV rows that spreadsheets open safely.

Nested fields become text: ``sections`` the headings and paragraphs joined with
newlines (for reading), the other lists (``keywords``, ``images``, ``related``) JSON
text, which splits back exactly: a caption or a related title may hold any character,
and the separators a keyword cannot hold are the extractor's rule, which may change, so
no joining character is safe. A
cell that starts with ``= + - @``, a tab or a carriage return gets a leading ``'``, so
a spreadsheet shows it as text instead of running it as a formula (CSV injection).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from importlib import resources
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def columns() -> list[str]:
    """The record fields in schema order: the CSV header."""
    text = (
        resources.files("newsarchive")
        .joinpath("schema/article.schema.json")
        .read_text(encoding="utf-8")
    )
    return list(json.loads(text)["properties"])


def safe_cell(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def sections_text(sections: Any) -> str:
    lines: list[str] = []
    for section in sections if isinstance(sections, list) else []:
        if not isinstance(section, Mapping):
            continue
        if section.get("heading"):
            lines.append(str(section["heading"]))
        lines.extend(str(p) for p in section.get("paragraphs") or [])
    return "\n".join(lines)


def cell(name: str, value: Any) -> str:
    if value is None:
        return ""
    if name == "sections":
        text = sections_text(value)
    elif isinstance(value, list | dict):
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    elif isinstance(value, bool):
        text = "true" if value else "false"
    else:
        text = str(value)
    return safe_cell(text)


def row(record: Mapping[str, Any], names: list[str]) -> list[str]:
    return [cell(name, record.get(name)) for name in names]
