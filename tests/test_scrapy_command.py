"""``scrapy crawl`` refuses a command line it could not crawl with, in one line, before
anything is written: a bad spider name, ``-s`` value or ``-a`` argument used to end in
a traceback from the reactor (and, for a bad setting, after the archive was created)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from spiders.ailab import AilabSpider
from spiders.article import ArticleSpider
from tests.conftest import REPO

CLOSED = "http://127.0.0.1:9/"  # never fetched: every case is refused before the crawl


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["nope"], "no spider named 'nope' (spiders: ailab, article)"),
        (["article"], "the article spider needs -a urls=URL,... or -a url_file=PATH"),
        (["article", "-a", "url_file=/no/such/file"], "-a url_file: URL file not found"),
        (["article", "-a", "urls=www.ailab.cn/a.html"], "-a urls: not an http(s) URL"),
        (["ailab", "-a", "start_urls=http://x/,ftp://x/"], "-a start_urls: not an http(s) URL"),
        (["ailab", "-s", "CONCURRENT_REQUESTS=abc"], "CONCURRENT_REQUESTS=abc: not a whole number"),
        (["ailab", "-s", "NEWSARCHIVE_ARTICLE_PAGE_URL={stem}.html"], "needs {stem} and {n}"),
        (["ailab", "-s", "NEWSARCHIVE_ARTICLE_URL_PATTERNS=(x"], "ARTICLE_URL_PATTERNS"),
        (["ailab", "-s", "NEWSARCHIVE_SCRIPT=zh-XX"], "NEWSARCHIVE_SCRIPT"),
        # Scrapy configures logging from the settings before any command runs
        (["ailab", "-s", "LOG_LEVEL=LOUD"], "LOG_LEVEL must be a log level"),
        # the option as typed: -s, not newsarchive crawl's --set
        (["ailab", "-s", "DOWNLOAD_DELAY=abc"], "error: -s DOWNLOAD_DELAY=abc: not a number"),
        # an argument the spider does not read is a mistake, not ignored
        (["ailab", "-a", "urls=http://x/a.html"], "the ailab spider takes no -a urls"),
        (["article", "-a", "url=http://x/a.html"], "the article spider takes no -a url "),
    ],
)
def test_a_mistaken_command_line_is_one_error_line(
    argv: list[str], message: str, tmp_path: Path
) -> None:
    archive = tmp_path / "a"
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", *argv, "-s", f"NEWSARCHIVE_ARCHIVE={archive}",
         "-s", f"NEWSARCHIVE_BASE_URL={CLOSED}"],
        cwd=REPO, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 2, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert len(errors) == 1 and message in errors[0], result.stderr
    assert "[scrapy.utils.log]" not in result.stderr  # refused before Scrapy's start-up lines
    assert not archive.exists()


@pytest.mark.parametrize(
    ("archive", "code", "message"),
    [
        ("", 2, "NEWSARCHIVE_ARCHIVE is empty"),  # it would be the current directory
        ("{file}", 2, "is not a directory"),
        ("{file}/sub", 2, "cannot create archive"),  # as newsarchive crawl: exit 2
    ],
)
def test_an_archive_the_crawl_cannot_use_is_one_line(
    archive: str, code: int, message: str, tmp_path: Path
) -> None:
    (tmp_path / "file").write_text("x", "utf-8")
    archive = archive.format(file=tmp_path / "file")
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "article", "-a", f"urls={CLOSED}a/1.html",
         "-s", f"NEWSARCHIVE_ARCHIVE={archive}"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "SCRAPY_SETTINGS_MODULE": "newsarchive.settings",
             "PYTHONPATH": str(REPO)},
    )  # fmt: skip
    assert result.returncode == code, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert message in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_spider_arguments_that_can_start_a_crawl_pass(tmp_path: Path) -> None:
    listed = tmp_path / "urls.txt"
    listed.write_text("# today\nhttp://www.ailab.cn/robot/2024/1024/453211.html\n", "utf-8")
    AilabSpider.check_arguments({})
    AilabSpider.check_arguments({"start_urls": "http://a.example/list/,https://b.example/"})
    ArticleSpider.check_arguments({"urls": "http://a.example/1.html\nhttp://a.example/2.html\n"})
    ArticleSpider.check_arguments({"url_file": str(listed)})
    ArticleSpider.check_arguments({"urls": "http://a.example/1.html", "url_file": str(listed)})
    AilabSpider.check_arguments({"_job": "6487ec79947edab326d6db28a2d86511"})  # scrapyd's


def test_a_url_file_listing_no_url_is_refused(tmp_path: Path) -> None:
    listed = tmp_path / "urls.txt"
    listed.write_text("# nothing today\n", "utf-8")
    with pytest.raises(ValueError, match=r"^-a url_file: no URLs in URL file"):
        ArticleSpider.check_arguments({"url_file": str(listed)})
