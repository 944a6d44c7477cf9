"""CLI behaviour on user mistakes: one line on stderr, the right exit code, no traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SITE, run_cli


def one_line_error(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert "Traceback" not in stderr
    assert len(lines) == 1, stderr
    return lines[0]


def test_parse_prints_one_utf8_json_line() -> None:
    page = SITE / "robot" / "2024" / "1024" / "452817.html"
    result = run_cli("parse", str(page), "--url", "http://www.ailab.cn/robot/2024/1024/452817.html")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["title"] == "重庆瞭望|AI时代,重庆的机遇在哪里?"
    assert "重庆" in lines[0]  # not ASCII-escaped


def test_parse_missing_file() -> None:
    result = run_cli("parse", "/nonexistent/page.html", "--url", "http://www.ailab.cn/a.html")
    assert result.returncode == 1
    assert "cannot read" in one_line_error(result.stderr)


def test_parse_not_an_article(tmp_path: Path) -> None:
    page = tmp_path / "notfound.html"
    page.write_text(
        "<html><head><title>系统提示</title></head><body><div>你要查看的页面不存在或已删除"
        "</div></body></html>",
        encoding="utf-8",
    )
    result = run_cli("parse", str(page), "--url", "http://www.ailab.cn/plus/view.php?aid=1")
    assert result.returncode == 1
    assert "not an article" in one_line_error(result.stderr)


def test_parse_binary_garbage(tmp_path: Path) -> None:
    page = tmp_path / "garbage.html"
    page.write_bytes(bytes(range(256)) * 8)
    result = run_cli("parse", str(page), "--url", "http://www.ailab.cn/x.html")
    assert result.returncode == 1
    one_line_error(result.stderr)


@pytest.mark.parametrize(
    "args",
    [
        ["parse", "x.html", "--url", "not a url"],
        ["parse", "x.html"],
        ["crawl", "--start-url", "ftp://example.invalid/"],
        ["crawl", "--url-file", "/nonexistent/urls.txt"],
        ["crawl", "--set", "NOEQUALS"],
        ["crawl", "--set", "NEWSARCHIVE_EXTRACT_WORKERS=many"],
        ["crawl", "--set", "NEWSARCHIVE_WARC_PROCESS=sometimes"],
        ["crawl", "--set", "NEWSARCHIVE_GC_THRESHOLD=lots"],
        ["frobnicate"],
    ],
)
def test_usage_errors_exit_2(args: list[str], tmp_path: Path) -> None:
    result = run_cli(*args, cwd=tmp_path)
    assert result.returncode == 2, (result.stdout, result.stderr)
    one_line_error(result.stderr)
    assert not (tmp_path / "archive").exists()


def test_url_file_with_bad_line(tmp_path: Path) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text("http://127.0.0.1:9/a.html\nnot-a-url\n", encoding="utf-8")
    result = run_cli("crawl", "--url-file", str(urls), cwd=tmp_path)
    assert result.returncode == 2
    assert "not-a-url" in one_line_error(result.stderr)


def test_long_url_file_is_passed_by_path(tmp_path: Path) -> None:
    from newsarchive.cli import build_parser
    from newsarchive.commands.crawl import crawl_command

    urls = tmp_path / "urls.txt"
    urls.write_text("".join(f"http://127.0.0.1:9/a/{n:06d}.html\n" for n in range(20_000)))
    parser, _ = build_parser()
    args = parser.parse_args(
        ["crawl", "--url-file", str(urls), "--url", "http://127.0.0.1:9/b.html"]
    )
    cmd = crawl_command(args, tmp_path / "archive", "run")
    assert f"url_file={urls}" in cmd and "urls=http://127.0.0.1:9/b.html\n" in cmd
    assert sum(len(a) for a in cmd) < 10_000  # far below the kernel's argument limit


def test_a_url_holding_a_comma_stays_one_url() -> None:
    from newsarchive.cli import build_parser
    from newsarchive.commands.crawl import crawl_command
    from spiders.ailab import split_urls

    one = "http://127.0.0.1:9/robot/2024/1024/452817.html?a=1,2"
    parser, _ = build_parser()
    for option, arg in (("--url", "urls="), ("--start-url", "start_urls=")):
        cmd = crawl_command(parser.parse_args(["crawl", option, one]), Path("a"), "run")
        (given,) = [a for a in cmd if a.startswith(arg)]
        assert split_urls(given.removeprefix(arg)) == [one]
    assert split_urls("http://a/1.html,http://a/2.html") == ["http://a/1.html", "http://a/2.html"]


def test_crawl_command_leaves_extraction_to_the_crawler() -> None:
    """The CLI only waits for the crawler: importing the extraction stack there would
    delay every crawl's start by a tenth of a second for nothing."""
    import subprocess
    import sys

    code = (
        "import sys, newsarchive.cli, newsarchive.commands.crawl; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('lxml', 'opencc', 'scrapy', 'parsel') or m == 'newsarchive.extract'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout
