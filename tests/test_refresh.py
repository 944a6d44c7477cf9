"""Meta refresh: the bytes test never hides a refresh Scrapy's own scan would follow."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis_profiles import bounded
from scrapy import Request
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware as ScrapyMetaRefresh
from scrapy.http import HtmlResponse
from scrapy.utils.response import get_meta_refresh
from scrapy.utils.test import get_crawler

from newsarchive import settings as project_settings
from newsarchive.refresh import may_hold_refresh
from pipelines.metarefresh import MetaRefreshMiddleware

URL = "http://www.ailab.cn/robot/2024/1024/452817.html"

_FRAGMENTS = [
    '<meta http-equiv="refresh" content="0;url=/a.html">',
    "<META HTTP-EQUIV='REFRESH' CONTENT='5; URL=http://www.ailab.cn/b.html'>",
    '<meta http-equiv="&#114;efresh" content="0;url=/c.html">',
    '<meta http-equiv="&#x52;efresh" content="0;url=/c.html">',
    '<meta http-equiv="refreſh" content="0;url=/d.html">',
    '<script>var s = "<meta http-equiv=refresh content=0;url=/e.html>";</script>',
    '<meta charset="utf-8"><meta name="keywords" content="机器人,人工智能">',
    "<p>人工智能實驗室 refresh 一詞</p>",
    "<p>" + "机器人产业发展迅速，" * 40 + "</p>",
    "<p>" + "機器人產業發展迅速，" * 40 + "</p>",
    "&amp; &#160; &nbsp;",
    "<title>展會信息港</title>",
]
_ENCODINGS = ["utf-8", "gbk", "gb18030", "big5", "utf-16", "latin-1", "cp1252", "shift_jis"]


def _response(text: str, encoding: str) -> HtmlResponse | None:
    try:
        body = text.encode(encoding)
    except UnicodeEncodeError:
        return None
    headers = {"Content-Type": f"text/html; charset={encoding}"}
    return HtmlResponse(URL, body=body, headers=headers, request=Request(URL))


@bounded(400)
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=8), st.sampled_from(_ENCODINGS))
def test_no_refresh_in_the_bytes_means_none_for_scrapy(parts: list[str], encoding: str) -> None:
    response = _response("<html><head>" + "".join(parts) + "</head></html>", encoding)
    if response is None:
        return
    if not may_hold_refresh(response.body, response.encoding):
        assert get_meta_refresh(response, ignore_tags=["script", "noscript"]) == (None, None)


@pytest.mark.parametrize(
    ("text", "encoding", "may"),
    [
        ("<html><p>机器人</p></html>", "utf-8", False),
        ("<html><p>机器人</p></html>", "gbk", False),
        ('<meta http-equiv="Refresh" content="0;url=/a">', "gbk", True),
        ('<meta http-equiv="&#114;efresh" content="0;url=/a">', "utf-8", True),
        ("<html><p>机器人</p></html>", "utf-16", True),  # not ASCII-compatible: Scrapy decides
        ("<html><p>x</p></html>", "no-such-codec", True),
    ],
)
def test_may_hold_refresh(text: str, encoding: str, may: bool) -> None:
    body = text.encode(encoding if encoding != "no-such-codec" else "ascii")
    assert may_hold_refresh(body, encoding) is may


def test_a_refresh_beyond_scrapys_window_is_ignored_by_both() -> None:
    filler = "<p>" + "机器人" * 5000 + "</p>"
    response = _response(filler + '<meta http-equiv="refresh" content="0;url=/a">', "utf-8")
    assert response is not None
    assert not may_hold_refresh(response.body, response.encoding)
    assert get_meta_refresh(response) == (None, None)


@pytest.mark.parametrize(
    ("encoding", "char"),
    [("utf-8", "机"), ("gbk", "机"), ("gb18030", "\U00020000")],  # 3, 2 and 4 bytes a character
)
def test_a_refresh_at_the_end_of_scrapys_window_is_seen_by_both(encoding: str, char: str) -> None:
    """Scrapy's window is counted in characters: after multi-byte text, a refresh among
    its last characters lies thousands of bytes past the 4,096th."""
    meta = '<meta http-equiv="refresh" content="0;url=/a">'
    filler = "<p>" + char * (4096 - len(meta) - len("<p></p>") - 5) + "</p>"
    response = _response(filler + meta, encoding)
    assert response is not None
    assert response.body.find(b"refresh") > 4096
    assert may_hold_refresh(response.body, response.encoding)
    assert get_meta_refresh(response) == (0.0, "http://www.ailab.cn/a")


def _middlewares() -> tuple[MetaRefreshMiddleware, ScrapyMetaRefresh]:
    crawler = get_crawler()
    return MetaRefreshMiddleware.from_crawler(crawler), ScrapyMetaRefresh.from_crawler(crawler)


@pytest.mark.parametrize("encoding", ["utf-8", "gbk", "utf-16"])
def test_the_middleware_redirects_as_scrapys_does(encoding: str) -> None:
    ours, scrapys = _middlewares()
    text = '<html><head><meta http-equiv="refresh" content="0;url=/moved.html"></head></html>'
    response = _response(text, encoding)
    assert response is not None
    request = response.request
    assert request is not None
    redirected = ours.process_response(request, response)
    expected = scrapys.process_response(request, response)
    assert isinstance(redirected, Request) and isinstance(expected, Request)
    assert redirected.url == expected.url == "http://www.ailab.cn/moved.html"


def test_a_page_without_refresh_goes_on_as_it_is() -> None:
    ours, _ = _middlewares()
    response = _response("<html><p>机器人</p></html>", "utf-8")
    assert response is not None and response.request is not None
    assert ours.process_response(response.request, response) is response


def test_the_project_replaces_scrapys_middleware_at_its_place() -> None:
    middlewares = project_settings.DOWNLOADER_MIDDLEWARES
    assert middlewares["scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware"] is None
    assert middlewares["pipelines.metarefresh.MetaRefreshMiddleware"] == 580
