"""Which links a crawl follows: the URL patterns and hosts from settings, as one rule.

A pure function of the URL so that the spider stays a thin adapter and the rule is
tested without Scrapy. Only http(s) links on the allowed hosts are ever followed;
``javascript:``, ``mailto:``, protocol tricks and other hosts are refused here.
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit


class LinkKind(enum.Enum):
    ARTICLE = "article"
    LISTING = "listing"


def host_of(url: str) -> str:
    """Lower-case host without port or credentials; '' when there is none."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def pattern_list(value: str | Iterable[str] | None) -> list[str]:
    """URL patterns as a setting gives them, each checked to compile.

    A list from the settings module; on the command line (``--set``, ``-s``) a JSON list
    (``["/\\d{4}/\\d{1,8}\\.html$"]``) or comma-separated text, as Scrapy's ``getlist``
    reads it. The JSON form is the one that can hold a comma, which ``{m,n}`` needs.
    Raises ``ValueError`` with one line naming the pattern that does not compile.
    """
    if value is None:
        return []
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            try:
                loaded = json.loads(text)
            except json.JSONDecodeError as exc:
                raise ValueError(f"not a JSON list of patterns: {exc.msg}") from None
            if not isinstance(loaded, list) or not all(isinstance(p, str) for p in loaded):
                raise ValueError("not a JSON list of patterns (strings)")
            patterns = list(loaded)
        else:
            patterns = [p for p in text.split(",") if p]
    else:
        patterns = list(value)
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"pattern {pattern!r} does not compile: {exc}") from None
    return patterns


@dataclass(frozen=True)
class LinkRules:
    hosts: frozenset[str]
    article_patterns: tuple[re.Pattern[str], ...]
    listing_patterns: tuple[re.Pattern[str], ...]

    @classmethod
    def build(
        cls, hosts: Iterable[str], articles: Iterable[str], listings: Iterable[str]
    ) -> LinkRules:
        return cls(
            frozenset(h.lower() for h in hosts),
            tuple(re.compile(p) for p in articles),
            tuple(re.compile(p) for p in listings),
        )

    def allowed(self, url: str) -> bool:
        """An http(s) URL on one of the crawl's hosts."""
        try:
            parts = urlsplit(url)
        except ValueError:
            return False
        return parts.scheme in ("http", "https") and host_of(url) in self.hosts

    def classify(self, url: str) -> LinkKind | None:
        """ARTICLE, LISTING, or None for links the crawl does not follow."""
        if not self.allowed(url):
            return None
        parts = urlsplit(url)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        if any(p.search(target) for p in self.article_patterns):
            return LinkKind.ARTICLE
        if any(p.search(target) for p in self.listing_patterns):
            return LinkKind.LISTING
        return None
