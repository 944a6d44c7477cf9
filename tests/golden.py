"""Golden cases: ``fixtures/pages/<case>/`` holds a page as served and its expected record.

Each case folder has ``page.html`` (bytes as served), ``url.txt``, optional
``headers.json`` (response headers), ``expected.json`` (the record minus ``fetched_at``,
or ``{"error": reason}`` for a page that is not an article) and optional ``extras.json``
(page-object values that are not record fields, e.g. ``counter_url``). Expected files are
written by hand; ``independent_hash`` recomputes a content hash without ``newsarchive``
so that a hand-written ``content_hash`` can be checked against its own paragraphs.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import opencc

REPO = Path(__file__).resolve().parent.parent
PAGES = REPO / "fixtures" / "pages"

RECORD_FIELDS = (
    "id",
    "url",
    "title",
    "original_title",
    "source",
    "published_at",
    "published_raw",
    "views",
    "summary",
    "sections",
    "images",
    "keywords",
    "related",
    "pages",
    "missing_pages",
    "script",
    "content_hash",
    "schema_version",
)
"""Every record field a golden file pins (``fetched_at`` is the time of the test run)."""


@dataclass(frozen=True)
class GoldenCase:
    name: str
    body: bytes
    url: str
    headers: dict[str, str] | None
    expected: dict[str, Any]
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def error(self) -> str | None:
        """The expected ``NotAnArticle`` reason, or None for an article."""
        value = self.expected.get("error")
        return str(value) if value is not None else None


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def load_case(folder: Path) -> GoldenCase:
    return GoldenCase(
        name=folder.name,
        body=(folder / "page.html").read_bytes(),
        url=(folder / "url.txt").read_text(encoding="utf-8").strip(),
        headers=_json(folder / "headers.json"),
        expected=_json(folder / "expected.json"),
        extras=_json(folder / "extras.json") or {},
    )


def load_cases() -> list[GoldenCase]:
    return [load_case(d) for d in sorted(PAGES.iterdir()) if (d / "expected.json").exists()]


def independent_hash(paragraphs: list[str]) -> str:
    """sha256 of NFKC, whitespace-free, OpenCC-t2s body text, computed without newsarchive."""
    text = unicodedata.normalize("NFKC", "".join(paragraphs))
    normalised = opencc.OpenCC("t2s").convert("".join(text.split()))
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()
