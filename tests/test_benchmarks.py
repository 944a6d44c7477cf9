"""The benchmark harness itself (never its timings): the generated site is a site the
crawler reads correctly, and the fast server answers as the mirror would."""

from __future__ import annotations

import asyncio
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from benchmarks.crawl import no_throttle_settings, serving
from benchmarks.fetchall import fetch_all
from benchmarks.sitegen import generate
from newsarchive.extract import parse_article
from newsarchive.listing import parse_listing

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("site")
    generate(root, 40)
    return root


def test_generated_articles_parse_completely(site: Path) -> None:
    paths = (site / "urls.txt").read_text(encoding="utf-8").split()
    articles = [p for p in paths if p.endswith(".html") and "/list_" not in p]
    assert len(articles) == 40
    hashes = set()
    for path in articles:
        record = parse_article((site / path.lstrip("/")).read_bytes(), "http://h" + path)
        assert record.title and record.source and record.published_at and record.views
        assert record.sections and record.sections[-1].paragraphs
        hashes.add(record.content_hash)
    assert len(hashes) == 40  # every article is new to the archive


def test_generated_listings_link_every_article(site: Path) -> None:
    linked = set()
    for listing in site.rglob("list_*.html"):
        rel = "/" + listing.relative_to(site).as_posix()
        parsed = parse_listing(listing.read_bytes(), "http://h" + rel)
        linked.update(e.url.removeprefix("http://h") for e in parsed.entries)
    paths = (site / "urls.txt").read_text(encoding="utf-8").split()
    assert {p for p in paths if "/list_" not in p and p != "/"} == linked


def test_server_serves_the_site_and_404s(site: Path) -> None:
    with serving(site) as server:
        url = server.url
        assert url.startswith("http://127.0.0.1:")
        paths = (site / "urls.txt").read_text(encoding="utf-8").split()
        result = asyncio.run(fetch_all(url, paths, connections=4))
        assert result["pages"] == len(paths)
        with urllib.request.urlopen(url + "robot/list_8_1.html") as reply:
            assert reply.headers["Content-Type"] == "text/html"
            assert reply.read() == (site / "robot/list_8_1.html").read_bytes()
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(url + "nope.html")
        assert err.value.code == 404


def test_bare_spider_gets_the_crawl_commands_concurrency() -> None:
    settings = no_throttle_settings("http://127.0.0.1:1/")
    assert settings["DOWNLOAD_DELAY"] == "0"
    assert settings["AUTOTHROTTLE_ENABLED"] == "False"
    assert "CONCURRENT_REQUESTS" in settings
