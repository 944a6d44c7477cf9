"""The archived record: typed, documented, and serialised in one place.

Field names are a contract with downstream tools (jq, pandas, DuckDB, indexers):
fields may be added, never renamed. Bump ``SCHEMA_VERSION`` when a change would make
an old reader misread a record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

SCHEMA_VERSION = 1

MAX_VIEWS = 2**53 - 1
"""The largest view count a record holds (the schema's ``maximum``): the largest integer
every reader of the lines holds exactly (JavaScript, jq and DuckDB's doubles; pandas'
int64 holds more). A count printed larger is a broken page, not a count; it is read as
unknown, so that one page cannot make a whole archive unreadable to pandas."""


class NotAnArticle(Exception):
    """The page is not an article (not-found notice, listing, empty page).

    ``reason`` is a short machine-readable slug used for stats keys and messages.
    """

    def __init__(self, reason: str, detail: str = "") -> None:
        self.reason = reason
        self.detail = detail
        super().__init__(f"{reason}: {detail}" if detail else reason)


@dataclass(frozen=True, slots=True)
class Section:
    """A run of body paragraphs under one section marker."""

    heading: str | None
    """The marker as printed (``01``, ``02``…), or None for text before the first marker."""
    paragraphs: list[str]
    """Body paragraphs in page order; never captions, labels or boilerplate."""


@dataclass(frozen=True, slots=True)
class Image:
    """An image inside the article body."""

    url: str
    """Absolute image URL."""
    alt: str | None
    """The ``alt`` text (on this portal usually the article title)."""
    caption: str | None
    """The caption as shown, or None when the image has none."""
    credit: str | None
    """The photographer/agency part of the caption (after its last ``。``)."""


@dataclass(frozen=True, slots=True)
class Gone:
    """A listed article URL that is not an article (404, not-found notice, no body).

    Remembered so that incremental crawls neither fetch it again nor keep walking a
    listing because of it, until the finding is ``NEWSARCHIVE_GONE_RECHECK_DAYS`` old;
    ``--full`` checks it again at once.
    """

    url: str
    """Canonical URL."""
    reason: str
    """``http_404``, ``http_410`` or the extractor's ``NotAnArticle`` reason."""
    seen_at: str
    """UTC ISO 8601 time it was seen."""


@dataclass(frozen=True, slots=True)
class RelatedLink:
    """One entry of the page's ``相关内容`` list."""

    title: str
    url: str


@dataclass(slots=True)
class Article:
    """One article as archived. See README "Record schema" for the field table."""

    id: str
    """Stable id derived from the canonical URL."""
    url: str
    """Canonical URL."""
    title: str
    """Headline without the site suffix."""
    original_title: str | None
    """From ``原标题:`` when the article is a repost."""
    source: str | None
    """From ``来源:``."""
    published_at: str | None
    """ISO 8601 with the portal's UTC offset."""
    published_raw: str | None
    """The date text exactly as printed."""
    views: int | None
    """View count; None when unknown (never 0 for unknown), at most ``MAX_VIEWS``."""
    summary: str | None
    """The ``导读:`` lead without its label."""
    sections: list[Section]
    images: list[Image]
    keywords: list[str]
    related: list[RelatedLink]
    pages: list[str]
    """URLs of the further pages whose text follows the first page's, in page order
    (``article_pages``); empty for an article on one page."""
    missing_pages: list[str]
    """URLs of further pages the text lacks: lost for good, no article page, or beyond
    ``NEWSARCHIVE_MAX_ARTICLE_PAGES``; empty when the record holds the whole article."""
    script: str
    """``zh-Hans`` or ``zh-Hant``: the script the page was served in."""
    content_hash: str
    """sha256 of the normalised simplified body text; equal across scripts."""
    fetched_at: str
    """UTC ISO 8601 time of the fetch."""
    schema_version: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict: the record as stored, before archive-side fields.

        What ``dataclasses.asdict`` gives, key for key and in the same order, written
        out: ``asdict`` deep-copies every value through generic recursion, about a
        tenth of an extraction worker's time per page. ``tests/test_model.py`` holds
        the two equal, so a field added here and forgotten below fails there.
        """
        return {
            "id": self.id,
            "url": self.url,
            "title": self.title,
            "original_title": self.original_title,
            "source": self.source,
            "published_at": self.published_at,
            "published_raw": self.published_raw,
            "views": self.views,
            "summary": self.summary,
            "sections": [
                {"heading": s.heading, "paragraphs": list(s.paragraphs)} for s in self.sections
            ],
            "images": [
                {"url": i.url, "alt": i.alt, "caption": i.caption, "credit": i.credit}
                for i in self.images
            ],
            "keywords": list(self.keywords),
            "related": [{"title": r.title, "url": r.url} for r in self.related],
            "pages": list(self.pages),
            "missing_pages": list(self.missing_pages),
            "script": self.script,
            "content_hash": self.content_hash,
            "fetched_at": self.fetched_at,
            "schema_version": self.schema_version,
        }

    def body_text(self) -> str:
        """All body paragraphs joined by newlines, in page order."""
        return "\n".join(p for s in self.sections for p in s.paragraphs)


def format_fetched_at(when: datetime | None) -> str:
    """UTC, second precision, ``Z`` suffix (``2024-10-24T01:05:17Z``); naive means UTC."""
    moment = datetime.now(UTC) if when is None else when
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    moment = moment.astimezone(UTC)
    if moment.year < 1000:  # strftime's %Y does not pad the year to four digits
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    # The same text as strftime, at half the cost: isoformat of a UTC time ends "+00:00".
    return moment.isoformat(timespec="seconds").removesuffix("+00:00") + "Z"
