"""End to end: real crawls of the loopback mirror through the CLI, in child processes."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.conftest import REPO, read_archive, run_cli

pytestmark = pytest.mark.integration


def digest(archive: Path) -> dict[str, str]:
    return {
        p.relative_to(archive).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted((archive / "articles").rglob("*.jsonl"))
    }


@pytest.fixture(scope="module", params=["0", "2"], ids=["in-process", "2-workers"])
def crawled(
    request: pytest.FixtureRequest, mirror_url: str, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    """Two crawls of the mirror, extracting in the crawl process and in two workers (the
    other crawl tests use the default, one worker on two cores)."""
    archive = tmp_path_factory.mktemp("archive")
    crawl = ("crawl", "--base-url", mirror_url, "--archive", str(archive), "--no-throttle")
    crawl += ("--set", f"NEWSARCHIVE_EXTRACT_WORKERS={request.param}")
    first = run_cli(*crawl, "--log-level", "WARNING")
    after_first = digest(archive)
    second = run_cli(*crawl, "--log-level", "WARNING")
    runs = [json.loads(x) for x in (archive / "runs.jsonl").read_text().splitlines()]
    return {
        "archive": archive,
        "first": first,
        "second": second,
        "runs": runs,
        "after_first": after_first,
        "after_second": digest(archive),
    }


def by_path(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {urlsplit(r["url"]).path: r for r in records}


def story(entry: dict[str, Any]) -> str:
    """One article, whichever of its URLs (portal page or script mirror) was kept.

    Copies of one article are told apart only after fetching; the first fetched is kept
    and the rest become aliases, so which copy is kept depends on fetch order.
    """
    return str(entry.get("duplicate_of") or entry["path"])


def stored_entries(
    archive: Path, manifest: dict[str, Any]
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(record, its manifest entry) for every stored article."""
    entries = {a["path"]: a for a in manifest["articles"]}
    return [(r, entries[urlsplit(r["url"]).path]) for r in read_archive(archive)]


def test_crawl_succeeds_with_summary(crawled: dict[str, Any]) -> None:
    first = crawled["first"]
    assert first.returncode == 0, first.stderr[-2000:]
    assert "Traceback" not in first.stderr
    summary = [line for line in first.stdout.splitlines() if line.startswith("crawl ")]
    assert len(summary) == 1 and summary[0].startswith("crawl ok: ")
    assert str(crawled["archive"]) in first.stdout


def test_every_unique_article_stored_once(crawled: dict[str, Any], manifest: dict[str, Any]):
    stories = [story(entry) for _, entry in stored_entries(crawled["archive"], manifest)]
    assert sorted(stories) == sorted(set(stories)), "an article was stored twice"
    assert set(stories) == {story(a) for a in manifest["articles"]}
    assert crawled["runs"][0]["new"] == len(set(stories))


def test_records_match_schema(crawled: dict[str, Any], schema_validator: Any) -> None:
    for record in read_archive(crawled["archive"]):
        errors = [e.message for e in schema_validator.iter_errors(record)]
        assert not errors, (record["url"], errors)


def simplified(value: Any) -> Any:
    """The manifest writes traditional pages' text as shown; records are simplified."""
    import opencc

    convert = opencc.OpenCC("t2s").convert
    if isinstance(value, str):
        return convert(value)
    if isinstance(value, list):
        return [simplified(v) for v in value]
    return value


@pytest.mark.parametrize(
    "field",
    [
        "title",
        "views",
        "published_at",
        "published_raw",
        "source",
        "original_title",
        "keywords",
        "images",
        "captions",
        "section_headings",
        "paragraphs",
    ],
)
def test_records_match_manifest(
    crawled: dict[str, Any], manifest: dict[str, Any], field: str
) -> None:
    derived = {
        "images": lambda r: len(r["images"]),
        "captions": lambda r: [i["caption"] for i in r["images"]],
        "section_headings": lambda r: [s["heading"] for s in r["sections"]],
        "paragraphs": lambda r: sum(len(s["paragraphs"]) for s in r["sections"]),
    }
    mismatches = []
    for record, expected in stored_entries(crawled["archive"], manifest):
        if field not in expected:
            continue
        got = derived[field](record) if field in derived else record[field]
        want = expected.get("title_zh_hans") if field == "title" else expected[field]
        if expected["script"] == "zh-Hant":
            want = simplified(want)
        if got != want:
            mismatches.append((expected["path"], got, want))
    assert not mismatches


def test_records_are_in_their_publish_month_file(crawled: dict[str, Any]) -> None:
    archive = crawled["archive"]
    seen = 0
    for path in (archive / "articles").rglob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            published = json.loads(line)["published_at"]
            where = (
                f"articles/{published[:4]}/{published[:7]}.jsonl"
                if published
                else "articles/undated.jsonl"
            )
            assert path.relative_to(archive).as_posix() == where
            seen += 1
    assert seen == crawled["runs"][0]["new"] > 0


def test_two_scripts_of_one_article_stored_once(
    crawled: dict[str, Any], manifest: dict[str, Any]
) -> None:
    copies: dict[str, set[str]] = {}
    for entry in manifest["articles"]:
        copies.setdefault(story(entry), set()).add(entry["path"])
    pairs = {k: v for k, v in copies.items() if len(v) > 1}
    assert pairs, "the mirror must hold a two-script pair"
    stored = by_path(read_archive(crawled["archive"]))
    db = sqlite3.connect(crawled["archive"] / "index.sqlite3")
    aliases = {urlsplit(u).path: i for u, i in db.execute("SELECT url, article_id FROM aliases")}
    for paths in pairs.values():
        kept = [p for p in paths if p in stored]
        assert len(kept) == 1, paths
        for other in paths - {kept[0]}:
            assert aliases[other] == stored[kept[0]]["id"]


def test_view_counter_followed(crawled: dict[str, Any], manifest: dict[str, Any]) -> None:
    via_counter = [
        (record, entry)
        for record, entry in stored_entries(crawled["archive"], manifest)
        if entry.get("views_via_counter")
    ]
    assert len(via_counter) >= 3
    for record, entry in via_counter:
        assert record["views"] == entry["views"], entry["path"]


def test_nothing_offsite_and_no_errors(crawled: dict[str, Any]) -> None:
    run = crawled["runs"][0]
    # An attempt to reach any other host would fail here (no network) and count as an error.
    assert run["errors"] == 0, run["errors_by_type"]
    for record in read_archive(crawled["archive"]):
        assert urlsplit(record["url"]).hostname == "127.0.0.1"


def test_not_articles_counted(crawled: dict[str, Any], manifest: dict[str, Any]) -> None:
    run = crawled["runs"][0]
    assert run["not_articles"] + run["not_found"] >= len(manifest["not_articles"])


def test_second_run_adds_nothing(crawled: dict[str, Any]) -> None:
    second = crawled["second"]
    assert second.returncode == 0, second.stderr[-2000:]
    assert crawled["runs"][1]["new"] == 0
    assert crawled["after_second"] == crawled["after_first"]


def test_article_spider_fetches_given_urls(
    mirror_url: str, manifest: dict[str, Any], tmp_path: Path
) -> None:
    wanted = [a for a in manifest["articles"] if not a.get("duplicate_of")][:2]
    args = ["crawl", "--archive", str(tmp_path), "--no-throttle"]
    for article in wanted:
        args += ["--url", mirror_url.rstrip("/") + article["path"]]
    result = run_cli(*args, "--log-level", "INFO")
    assert result.returncode == 0, result.stderr[-2000:]
    stored = by_path(read_archive(tmp_path))
    assert set(stored) == {a["path"] for a in wanted}
    # No code-execution endpoint, no token file in the user's profile (Scrapy's
    # remote-control extension logs its port at INFO when it is on).
    assert "Spider opened" in result.stderr
    assert "Remote control" not in result.stderr


def test_crawl_from_another_directory_with_url_file(
    mirror_url: str, manifest: dict[str, Any], tmp_path: Path
) -> None:
    article = next(a for a in manifest["articles"] if not a.get("duplicate_of"))
    url_file = tmp_path / "urls.txt"
    url_file.write_text(f"# one article\n{mirror_url.rstrip('/')}{article['path']}\n")
    result = run_cli(
        *("crawl", "--url-file", str(url_file), "--archive", "arch", "--no-throttle"),
        *("--log-level", "DEBUG"),
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert len(read_archive(tmp_path / "arch")) == 1
    # At DEBUG, Scrapy's per-page records are all there.
    assert "Crawled (200) <GET " in result.stderr
    assert "Scraped from <200 " in result.stderr


def test_scrapy_list_shows_spiders(tmp_path: Path) -> None:
    import subprocess

    for cwd, env in [
        (REPO, dict(os.environ)),
        (tmp_path, dict(os.environ, SCRAPY_SETTINGS_MODULE="newsarchive.settings")),
    ]:
        out = subprocess.run(
            [sys.executable, "-m", "scrapy", "list"],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert out.returncode == 0, out.stderr
        assert out.stdout.split() == ["ailab", "article"]
