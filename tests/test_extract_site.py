"""The extractor against the fixture mirror's hand-written ground truth (_manifest.json).

The mirror under fixtures/site was written by another engineer in three templates, with
its own expected values; agreeing with it is the best evidence we have that extraction
does not depend on one template. Pages are read as the mirror serves them (per-path
headers from _headers.json, no charset otherwise).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from golden import REPO

from newsarchive.extract import ArticlePage
from newsarchive.model import Article, NotAnArticle
from newsarchive.urls import canonical_url

SITE = REPO / "fixtures" / "site"
MANIFEST = SITE / "_manifest.json"
BASE = "http://127.0.0.1:8000"

if not MANIFEST.exists():  # pragma: no cover - the mirror is optional for this module
    pytest.skip("fixture mirror not present", allow_module_level=True)

_manifest: dict[str, Any] = json.loads(MANIFEST.read_text(encoding="utf-8"))
_headers: dict[str, Any] = json.loads((SITE / "_headers.json").read_text(encoding="utf-8"))
ARTICLES: list[dict[str, Any]] = _manifest["articles"]


def served(path: str) -> tuple[bytes, dict[str, str]]:
    file = SITE / path.lstrip("/")
    if path.endswith("/"):
        file = file / "index.html"
    elif path.startswith("/?"):
        file = SITE / f"index@{path[2:]}.html"
    headers = _headers.get(path, {}).get("headers", {"Content-Type": "text/html"})
    body = file.read_bytes() if file.exists() else (SITE / "404.html").read_bytes()
    return body, headers


def parse(entry: dict[str, Any]) -> tuple[ArticlePage, Article]:
    body, headers = served(entry["path"])
    page = ArticlePage(body, BASE + entry["path"], headers)
    return page, page.to_article(output_script="original")


FIELDS = (
    "title",
    "script",
    "source",
    "published_at",
    "published_raw",
    "views",
    "captions",
    "section_headings",
    "paragraphs",
    "original_title",
    "summary",
    "keywords",
    "related",
    "title_zh_hans",
)


def actual(field: str, page: ArticlePage, article: Article) -> Any:
    if field == "captions":
        return [i.caption for i in article.images]
    if field == "section_headings":
        return [s.heading for s in article.sections]
    if field == "paragraphs":
        return sum(len(s.paragraphs) for s in article.sections)
    if field == "related":
        return [r.url for r in article.related]
    if field == "title_zh_hans":
        body, headers = served(page.url.removeprefix(BASE))
        return ArticlePage(body, page.url, headers).to_article().title
    return getattr(article, field)


def expected(field: str, entry: dict[str, Any]) -> Any:
    if field == "views" and entry["views_via_counter"]:
        return None  # the page itself never prints it
    if field == "related":  # as the page links them, canonical, each article once
        urls = (canonical_url(urljoin(BASE + entry["path"], href)) for href in entry["related"])
        return list(dict.fromkeys(urls))
    return entry[field]


@pytest.mark.parametrize(
    ("entry", "field"),
    [(e, f) for e in ARTICLES for f in FIELDS],
    ids=lambda v: v if isinstance(v, str) else v["path"],
)
def test_article_field(entry: dict[str, Any], field: str) -> None:
    page, article = parse(entry)
    assert actual(field, page, article) == expected(field, entry)


@pytest.mark.parametrize("entry", ARTICLES, ids=lambda e: e["path"])
def test_counts_and_counter(entry: dict[str, Any]) -> None:
    page, article = parse(entry)
    assert len(article.images) == entry["images"]
    assert len(article.sections) == entry["sections"]
    if entry["views_via_counter"]:
        counter = page.counter_url()
        assert counter is not None and f"aid={entry['aid']}" in counter
    else:
        assert page.counter_url() is None


def test_duplicates_hash_like_their_originals() -> None:
    by_path = {e["path"]: e for e in ARTICLES}
    pairs = [(e, by_path[e["duplicate_of"]]) for e in ARTICLES if e.get("duplicate_of")]
    assert pairs
    for copy, original in pairs:
        assert parse(copy)[1].content_hash == parse(original)[1].content_hash


@pytest.mark.parametrize("path", _manifest["not_articles"])
def test_not_articles(path: str) -> None:
    body, headers = served(path)
    with pytest.raises(NotAnArticle) as info:
        ArticlePage(body, BASE + path, headers).to_article()
    assert info.value.reason == "not_found_notice"


def _listing_paths() -> list[str]:
    listings = _manifest["listings"]
    return [item if isinstance(item, str) else item["path"] for item in listings]


@pytest.mark.parametrize("path", _listing_paths())
def test_listings_are_not_articles(path: str) -> None:
    body, headers = served(path)
    with pytest.raises(NotAnArticle) as info:
        ArticlePage(body, BASE + path, headers).to_article()
    assert info.value.reason == "listing"


def test_manifest_path_helper() -> None:
    assert served("/")[0] == (SITE / "index.html").read_bytes()
    assert Path(SITE / "index@page=2.html").exists()
