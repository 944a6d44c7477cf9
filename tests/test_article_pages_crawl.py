"""Crawls of articles printed over several pages, on a mirror that serves two of them
(``fixtures/multipage``), and reparses of what the crawls recorded."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsarchive.article_pages import further_pages
from newsarchive.extract import ArticlePage
from newsarchive.faults import FaultPlan, FaultSpec
from newsarchive.text import content_hash
from newsarchive.warc.files import warc_files
from tests.conftest import REPO, SITE, read_archive, run_cli, serve_site
from tests.warc_helpers import records

pytestmark = pytest.mark.integration

PAGES = REPO / "fixtures" / "multipage"
DEDE = "robot/2024/1125/453300.html"  # a pager box listing all three pages; views by counter
NEXT_ONLY = "html/453310.html"  # a pager showing the next page only; views inline
VIEWS = 2817


def make_site(root: Path) -> Path:
    """The fixture mirror with the multi-page articles, and a view count for 453300."""
    shutil.copytree(SITE, root)
    shutil.copytree(PAGES, root, dirs_exist_ok=True)
    counts = json.loads((root / "plus" / "count.json").read_text())
    counts["453300"] = VIEWS
    (root / "plus" / "count.json").write_text(json.dumps(counts))
    return root


@pytest.fixture()
def site(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    root = make_site(tmp_path / "site")
    with serve_site(root) as url:
        yield root, url


def crawl(
    archive: Path, *urls: str, expect: int = 0, sets: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    args = [a for u in urls for a in ("--url", u)] + [a for item in sets for a in ("--set", item)]
    result = run_cli("crawl", *args, "--archive", str(archive), "--no-throttle")
    assert result.returncode == expect, result.stdout + result.stderr[-3000:]
    return result


def page_text(root: Path, base: str, first: str) -> list[str]:
    """Every paragraph of the article, page by page, each page parsed on its own."""
    text: list[str] = []
    url: str | None = base + first
    pages: dict[int, str] = {}
    done: set[int] = set()
    while url is not None:
        page = ArticlePage((root / url.removeprefix(base)).read_bytes(), url)
        text += [p for s in page.to_article().sections for p in s.paragraphs]
        found = further_pages(base + first, page.page_links())
        pages.update((n, u) for n, u in found.items() if n not in done)
        url = None
        if pages:
            done.add(number := min(pages))
            url = pages.pop(number)
    return text


def paragraphs(record: dict[str, Any]) -> list[str]:
    return [p for s in record["sections"] for p in s["paragraphs"]]


def test_a_crawl_stores_one_record_of_all_the_pages(
    site: tuple[Path, str], tmp_path: Path, schema_validator: Any
) -> None:
    root, url = site
    archive = tmp_path / "archive"
    result = crawl(archive, url + DEDE, url + NEXT_ONLY)
    assert "2 new articles" in result.stdout and "0 failed requests" in result.stdout
    stored = {r["url"].removeprefix(url): r for r in read_archive(archive)}
    assert sorted(stored) == sorted([DEDE, NEXT_ONLY])
    for first, record in stored.items():
        schema_validator.validate(record)
        text = page_text(root, url, first)
        assert len(text) > 4 and paragraphs(record) == text
        assert record["content_hash"] == content_hash(text)
    dede = stored[DEDE]
    for first, names in (
        (DEDE, ("453300_2.html", "453300_3.html")),
        (NEXT_ONLY, ("453310_2.html", "453310_3.html")),
    ):
        folder = url + first.rsplit("/", 1)[0] + "/"
        assert stored[first]["pages"] == [folder + n for n in names]
        assert stored[first]["missing_pages"] == []
    assert [s["heading"] for s in dede["sections"]] == [None, "01", "02", "03"]
    assert dede["views"] == VIEWS  # the counter is asked once the pages are in
    assert [i["caption"] for i in dede["images"]] == [
        "某汽车零部件工厂内,双臂机器人在进行线束装配测试。记者 林安 摄"
    ]
    assert stored[NEXT_ONLY]["views"] == 86
    fetched = [
        r["warc"]["WARC-Target-URI"].removeprefix(url)
        for path in warc_files(archive / "warc")
        for r in records(path)
        if r["type"] == "response"
    ]
    for name in ("453300_2.html", "453300_3.html", "453310_2.html", "453310_3.html"):
        assert sum(u.endswith("/" + name) for u in fetched) == 1, fetched
    run = json.loads((archive / "runs.jsonl").read_text().splitlines()[-1])
    assert run["pages"] == 8  # 6 article pages, a counter and robots.txt
    verify = run_cli("verify", "--archive", str(archive))
    assert verify.returncode == 0, verify.stdout + verify.stderr


def test_reparse_joins_the_pages_as_the_crawl_did(site: tuple[Path, str], tmp_path: Path) -> None:
    _, url = site
    archive = tmp_path / "archive"
    crawl(archive, url + DEDE, url + NEXT_ONLY)
    for jobs in ("1", "2"):
        again = tmp_path / f"again{jobs}"
        result = run_cli(
            "reparse", "--warc", str(archive / "warc"), "--archive", str(again), "--jobs", jobs
        )
        assert result.returncode == 0, result.stderr[-2000:]
        assert "2 articles" in result.stdout and "4 further pages joined" in result.stdout
        assert read_archive(again) == read_archive(archive)


def test_a_lost_page_leaves_the_rest_of_the_article_stored(
    site: tuple[Path, str], tmp_path: Path
) -> None:
    root, url = site
    (root / "robot/2024/1125/453300_2.html").unlink()
    archive = tmp_path / "archive"
    result = crawl(archive, url + DEDE, expect=1)  # 1 of 5 requests failed: over 10%
    assert "1 new articles" in result.stdout and "1 failed requests" in result.stdout
    assert "453300_2.html" in result.stderr  # named in the log
    (record,) = read_archive(archive)
    first = [
        p
        for s in ArticlePage((root / DEDE).read_bytes(), url + DEDE).to_article().sections
        for p in s.paragraphs
    ]
    assert paragraphs(record)[: len(first)] == first
    assert paragraphs(record)[-1].endswith("并建设公共测试场。")  # page 3's end
    assert record["original_title"] == "具身智能进工厂还有多远"  # printed on page 3
    assert not any("提升可靠性的关键在于数据" in p for p in paragraphs(record))
    assert record["views"] == VIEWS
    assert record["pages"] == [url + "robot/2024/1125/453300_3.html"]
    assert record["missing_pages"] == [url + "robot/2024/1125/453300_2.html"]
    again = tmp_path / "again"
    result = run_cli("reparse", "--warc", str(archive / "warc"), "--archive", str(again))
    assert result.returncode == 0 and "(1 missing)" in result.stdout, result.stdout
    assert read_archive(again) == read_archive(archive)


def test_one_page_per_article_when_the_limit_says_so(
    site: tuple[Path, str], tmp_path: Path
) -> None:
    root, url = site
    archive = tmp_path / "archive"
    result = crawl(archive, url + DEDE, sets=("NEWSARCHIVE_MAX_ARTICLE_PAGES=1",))
    assert "2 pages more than NEWSARCHIVE_MAX_ARTICLE_PAGES" in result.stderr
    (record,) = read_archive(archive)
    alone = ArticlePage((root / DEDE).read_bytes(), url + DEDE).to_article()
    assert record["content_hash"] == alone.content_hash
    assert record["pages"] == []
    assert record["missing_pages"] == [
        url + "robot/2024/1125/453300_2.html",
        url + "robot/2024/1125/453300_3.html",
    ]


FURTHER = (
    "/robot/2024/1125/453300_2.html",
    "/robot/2024/1125/453300_3.html",
    "/html/453310_2.html",
    "/html/453310_3.html",
)


def fault_spec() -> tuple[str, list[str]]:
    """Transient faults that hit at least one further page, and the pages they hit (which
    page gets which fault is a function of its path: ``faults.FaultPlan``)."""
    for kinds in ("error", "unavailable", "reset", "truncate", "error,unavailable,reset,truncate"):
        plan = FaultPlan(FaultSpec.parse(kinds))
        hit = [path for path in FURTHER if plan.transient_for(path)]
        if hit:
            return kinds, hit
    raise AssertionError("no transient fault hits a further page")


def test_transient_faults_on_further_pages_lose_nothing(tmp_path: Path) -> None:
    """A further page answering 5xx, reset or cut short is retried like any page: the
    records are those of a crawl without faults."""
    spec, hit = fault_spec()
    root = make_site(tmp_path / "site")
    stored = []
    for faults in ((), ("--faults", spec)):
        archive = tmp_path / f"archive{len(faults)}"
        with serve_site(root, *faults) as url:
            result = crawl(archive, url + DEDE, url + NEXT_ONLY)
        assert "2 new articles" in result.stdout and "0 failed requests" in result.stdout
        run = json.loads((archive / "runs.jsonl").read_text().splitlines()[-1])
        assert bool(run["retried"]) == bool(faults), (run, hit)
        stored.append(
            sorted(  # the two servers' ports differ, and with them URLs and ids
                json.dumps(
                    {k: v for k, v in r.items() if k not in ("id", "fetched_at")},
                    ensure_ascii=False,
                ).replace(url, "/")
                for r in read_archive(archive)
            )
        )
    assert stored[0] == stored[1]


def test_a_page_redirected_to_the_first_is_not_joined_again(tmp_path: Path) -> None:
    """A CMS may send a page number it no longer has to the article's first page."""
    root = make_site(tmp_path / "site")
    overrides = json.loads((root / "_headers.json").read_text())
    overrides["/robot/2024/1125/453300_3.html"] = {
        "status": 301,
        "headers": {"Location": "/robot/2024/1125/453300.html"},
    }
    (root / "_headers.json").write_text(json.dumps(overrides))
    archive = tmp_path / "archive"
    with serve_site(root) as url:
        result = crawl(archive, url + DEDE)
    assert "redirected elsewhere" in result.stderr
    (record,) = read_archive(archive)
    text = paragraphs(record)
    assert len(text) == len(set(text))  # page 1 is not in it twice
    assert any("提升可靠性的关键在于数据" in p for p in text)  # page 2 is
    again = tmp_path / "again"
    result = run_cli("reparse", "--warc", str(archive / "warc"), "--archive", str(again))
    assert result.returncode == 0, result.stderr[-2000:]
    assert read_archive(again) == read_archive(archive)


def test_another_page_naming_is_a_setting(tmp_path: Path) -> None:
    """A site naming pages 453300-2.html is crawled whole with the template set."""
    root = make_site(tmp_path / "site")
    folder = root / "robot/2024/1125"
    for page in sorted(folder.glob("453300*.html")):
        text = page.read_text(encoding="utf-8").replace("453300_", "453300-")
        page.unlink()
        (folder / page.name.replace("453300_", "453300-")).write_text(text, encoding="utf-8")
    with serve_site(root) as url:
        for template, pages in (("{stem}_{n}{ext}", 0), ("{stem}-{n}{ext}", 2)):
            archive = tmp_path / f"archive{pages}"
            crawl(archive, url + DEDE, sets=(f"NEWSARCHIVE_ARTICLE_PAGE_URL={template}",))
            (record,) = read_archive(archive)
            assert len(record["pages"]) == pages, template
        assert record["pages"][0].endswith("/453300-2.html")
        crawled = archive
        for extra, whole in (
            ((), False),
            (("--set", f"NEWSARCHIVE_ARTICLE_PAGE_URL={template}"), True),
        ):
            again = tmp_path / f"again{len(extra)}"
            result = run_cli(
                "reparse", "--warc", str(crawled / "warc"), "--archive", str(again), *extra
            )
            assert result.returncode == 0, result.stderr[-2000:]
            assert (read_archive(again) == read_archive(crawled)) is whole
        for item, said in (
            ("NEWSARCHIVE_ARTICLE_PAGE_URL={x}", "unknown field {x}"),
            ("DOWNLOAD_DELAY=1", "reparse reads only"),
        ):
            refused = run_cli(
                "reparse",
                "--warc",
                str(crawled / "warc"),
                "--archive",
                str(tmp_path / "refused"),
                "--set",
                item,
            )
            assert refused.returncode == 2 and said in refused.stderr, refused.stderr
            assert "Traceback" not in refused.stderr
        bad = run_cli(
            "crawl",
            "--url",
            url + DEDE,
            "--archive",
            str(tmp_path / "bad"),
            "--set",
            "NEWSARCHIVE_ARTICLE_PAGE_URL={stem}_{page}{ext}",
        )
    assert bad.returncode == 2 and "unknown field {page}" in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1 and "Traceback" not in bad.stderr
