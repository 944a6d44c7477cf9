"""The WARC downloader middleware, built the way Scrapy builds it, without a network."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from scrapy import Request, Spider
from scrapy.exceptions import NotConfigured
from scrapy.http import HtmlResponse
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from newsarchive import settings as project_settings
from newsarchive.warc.files import warc_files
from newsarchive.warc.http import ORIGINAL_HEADERS_FIELD
from newsarchive.warc.reader import CALLBACK_FIELD, WarcReader
from pipelines.warc import WarcMiddleware
from tests.warc_helpers import records, warcio_cli

URL = "http://127.0.0.1:8000/robot/2024/1024/452817.html"
PAGE = "<html><body>重庆瞭望</body></html>".encode()


class _Spider(Spider):
    name = "t"

    def parse_article(self, response: Any) -> None:
        return None


def middleware(tmp_path: Path, **settings: Any) -> WarcMiddleware:
    crawler = get_crawler(_Spider, {"NEWSARCHIVE_ARCHIVE": str(tmp_path), **settings})
    mw: WarcMiddleware = build_from_crawler(WarcMiddleware, crawler)
    return mw


def gzip_response(request: Request) -> HtmlResponse:
    return HtmlResponse(
        URL,
        status=200,
        headers={
            "Content-Type": "text/html",
            "Content-Encoding": "gzip",
            "Transfer-Encoding": "chunked",
        },
        body=gzip.compress(PAGE),
        request=request,
        protocol="HTTP/1.1",
    )


def test_sits_above_http_compression() -> None:
    from scrapy.settings.default_settings import DOWNLOADER_MIDDLEWARES_BASE

    ours = project_settings.DOWNLOADER_MIDDLEWARES["pipelines.warc.WarcMiddleware"]
    compression = DOWNLOADER_MIDDLEWARES_BASE[
        "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware"
    ]
    redirect = DOWNLOADER_MIDDLEWARES_BASE[
        "scrapy.downloadermiddlewares.redirect.RedirectMiddleware"
    ]
    assert ours > max(compression, redirect)


def test_switched_off(tmp_path: Path) -> None:
    with pytest.raises(NotConfigured):
        middleware(tmp_path, NEWSARCHIVE_WARC_ENABLED=False)


def test_records_the_body_as_sent_with_honest_headers(tmp_path: Path) -> None:
    mw = middleware(tmp_path, NEWSARCHIVE_RUN_ID="run-1")
    spider = _Spider()
    request = Request(URL, callback=spider.parse_article, headers={"User-Agent": "newsarchive"})
    response = gzip_response(request)
    assert mw.process_response(request, response) is response
    mw.spider_closed(spider)
    (path,) = warc_files(tmp_path / "warc")
    assert not path.name.endswith(".open")
    got = records(path)
    assert [r["type"] for r in got] == ["warcinfo", "response", "request"]
    stored = got[1]
    assert stored["payload"] == gzip.compress(PAGE)
    http = dict(stored["http"])
    assert http["Content-Encoding"] == "gzip"
    assert http["Content-Length"] == str(len(stored["payload"]))
    assert "Transfer-Encoding" not in http
    assert json.loads(stored["warc"][ORIGINAL_HEADERS_FIELD]) == [["Transfer-Encoding", "chunked"]]
    assert stored["warc"][CALLBACK_FIELD] == "parse_article"
    assert dict(got[2]["http"])["User-Agent"] == "newsarchive"
    assert b"newsarchive-run: run-1" in got[0]["payload"]
    assert warcio_cli("check", str(path)).returncode == 0
    with WarcReader([path]) as reader:
        (back,) = list(reader.responses())
    assert back.body == PAGE and back.run == "run-1"
    assert mw.stats.get_value("newsarchive/warc/response") == 1


def test_cached_responses_are_not_recorded_again(tmp_path: Path) -> None:
    mw = middleware(tmp_path)
    request = Request(URL)
    response = gzip_response(request).replace(flags=["cached"])
    mw.process_response(request, response)
    mw.spider_closed(_Spider())
    assert warc_files(tmp_path / "warc") == []


def test_write_failure_keeps_the_response(tmp_path: Path) -> None:
    (tmp_path / "warc").mkdir()
    mw = middleware(tmp_path)
    mw.writer.directory = tmp_path / "not-a-dir"
    (tmp_path / "not-a-dir").write_text("file in the way")
    request = Request(URL)
    response = gzip_response(request)
    assert mw.process_response(request, response) is response
    assert mw.stats.get_value("newsarchive/warc/errors") == 1
    mw.spider_closed(_Spider())
