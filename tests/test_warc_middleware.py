"""The WARC downloader middleware, built the way Scrapy builds it, without a network."""

from __future__ import annotations

import asyncio
import gzip
import json
import os
import signal
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from scrapy import Request, Spider
from scrapy.exceptions import NotConfigured
from scrapy.http import HtmlResponse, Response
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from newsarchive import settings as project_settings
from newsarchive.warc.files import warc_files
from newsarchive.warc.http import ORIGINAL_HEADERS_FIELD
from newsarchive.warc.reader import CALLBACK_FIELD, WarcReader
from newsarchive.warc.remote import RemoteWarcWriter
from newsarchive.workers.sizing import recorder_process
from pipelines.warc import FETCHED_AT, WarcMiddleware
from spiders.base import received_at
from tests.warc_helpers import records, warcio_cli

URL = "http://127.0.0.1:8000/robot/2024/1024/452817.html"
PAGE = "<html><body>重庆瞭望</body></html>".encode()


class _Spider(Spider):
    name = "t"

    def parse_article(self, response: Any) -> None:
        return None


def middleware(tmp_path: Path, **settings: Any) -> WarcMiddleware:
    """In-process unless a test asks for the recorder process."""
    config = {"NEWSARCHIVE_ARCHIVE": str(tmp_path), "NEWSARCHIVE_WARC_PROCESS": False}
    crawler = get_crawler(_Spider, config | settings)
    mw: WarcMiddleware = build_from_crawler(WarcMiddleware, crawler)
    return mw


def respond(mw: WarcMiddleware, request: Request, response: Response, close: bool = True) -> Any:
    """``process_response`` on an event loop (then ``spider_closed``, on the same loop)."""

    async def go() -> Any:
        try:
            return await mw.process_response(request, response)
        finally:
            if close:
                mw.spider_closed(_Spider())

    return asyncio.run(go())


def gzip_response(request: Request) -> HtmlResponse:
    return HtmlResponse(
        URL,
        status=200,
        headers={
            "Content-Type": "text/html",
            "Content-Encoding": "gzip",
            "Transfer-Encoding": "chunked",
        },
        body=gzip.compress(PAGE, mtime=0),
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


@pytest.mark.parametrize("process", [False, True], ids=["in-process", "recorder-process"])
def test_records_the_body_as_sent_with_honest_headers(tmp_path: Path, process: bool) -> None:
    mw = middleware(tmp_path, NEWSARCHIVE_RUN_ID="run-1", NEWSARCHIVE_WARC_PROCESS=process)
    assert isinstance(mw.writer, RemoteWarcWriter) is process
    spider = _Spider()
    request = Request(URL, callback=spider.parse_article, headers={"User-Agent": "newsarchive"})
    response = gzip_response(request)
    assert respond(mw, request, response) is response
    (path,) = warc_files(tmp_path / "warc")
    assert not path.name.endswith(".open")
    got = records(path)
    assert [r["type"] for r in got] == ["warcinfo", "response", "request"]
    stored = got[1]
    assert stored["payload"] == gzip.compress(PAGE, mtime=0)
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
    when = response.meta[FETCHED_AT]  # what the spider stamps fetched_at with
    assert stored["warc"]["WARC-Date"] == when.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    assert received_at(response) is when


def test_cached_responses_are_not_recorded_again(tmp_path: Path) -> None:
    mw = middleware(tmp_path)
    request = Request(URL)
    response = gzip_response(request).replace(flags=["cached"])
    respond(mw, request, response)
    assert warc_files(tmp_path / "warc") == []
    assert FETCHED_AT not in response.meta
    before = datetime.now(UTC)
    assert before <= received_at(response) <= datetime.now(UTC)


def test_write_failure_keeps_the_response(tmp_path: Path) -> None:
    (tmp_path / "warc").mkdir()
    mw = middleware(tmp_path)
    mw.writer.directory = tmp_path / "not-a-dir"
    (tmp_path / "not-a-dir").write_text("file in the way")
    request = Request(URL)
    response = gzip_response(request)
    assert respond(mw, request, response) is response
    assert mw.stats.get_value("newsarchive/warc/errors") == 1


def test_recorder_process_write_failure_keeps_the_response(tmp_path: Path) -> None:
    (tmp_path / "warc").write_text("a file where the WARC directory should be")
    mw = middleware(tmp_path, NEWSARCHIVE_WARC_PROCESS=True)
    request = Request(URL)
    response = gzip_response(request)
    assert respond(mw, request, response) is response
    assert mw.stats.get_value("newsarchive/warc/errors") == 1


def test_a_dead_recorder_costs_its_unanswered_records_and_is_restarted(tmp_path: Path) -> None:
    """Killed mid-crawl: the exchange it was sent fails (logged, counted), the next one
    goes to a new recorder, which recovers the file the dead one left open."""
    mw = middleware(tmp_path, NEWSARCHIVE_WARC_PROCESS=True)
    writer = mw.writer
    assert isinstance(writer, RemoteWarcWriter)
    request = Request(URL)

    async def go() -> None:
        assert await mw.process_response(request, gzip_response(request))
        assert writer._process is not None
        os.kill(writer._process.pid, signal.SIGKILL)
        writer._process.wait()
        assert await mw.process_response(request, gzip_response(request))  # lost
        assert await mw.process_response(request, gzip_response(request))
        mw.spider_closed(_Spider())

    asyncio.run(go())
    assert mw.stats.get_value("newsarchive/warc/errors") == 1
    assert mw.stats.get_value("newsarchive/warc/recorder_restarts") == 1
    paths = warc_files(tmp_path / "warc")
    assert [p.name.endswith(".open") for p in paths] == [False, False]
    kinds = [r["type"] for p in paths for r in records(p)]
    assert kinds == ["warcinfo", "response", "request", "warcinfo", "revisit", "request"]


@pytest.mark.parametrize(
    ("value", "expected"), [("true", True), (False, False), ("off", False), ("1", True)]
)
def test_use_recorder_process(value: object, expected: bool) -> None:
    assert recorder_process(value) is expected


def test_use_process_rejects_nonsense() -> None:
    with pytest.raises(ValueError, match="NEWSARCHIVE_WARC_PROCESS"):
        recorder_process("sometimes")
