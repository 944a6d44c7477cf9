"""What the spiders hand the core of a response's headers."""

from __future__ import annotations

from scrapy.http import HtmlResponse

from newsarchive.decoding import HEADERS_READ, decode_html
from spiders.base import response_headers

URL = "http://www.ailab.cn/robot/2024/1024/452817.html"


def test_only_the_headers_the_core_reads() -> None:
    response = HtmlResponse(
        URL,
        body=b"<html></html>",
        headers={"Content-Type": "text/html; charset=gbk", "Server": "nginx", "X-A": "1"},
    )
    assert response_headers(response) == {"Content-Type": "text/html; charset=gbk"}
    assert set(response_headers(response)) <= set(HEADERS_READ)


def test_repeated_header_values_are_joined_as_scrapy_joins_them() -> None:
    response = HtmlResponse(URL, body=b"", headers={"Content-Type": [b"text/html", b"x/y"]})
    expected = response.headers.to_unicode_dict()["Content-Type"]
    assert response_headers(response) == {"Content-Type": expected}


def test_no_content_type() -> None:
    response = HtmlResponse(URL, body=b"<html></html>")
    assert response_headers(response) == {}


def test_the_charset_still_decides_the_decoding() -> None:
    body = "<html><p>機器人</p></html>".encode("big5")
    response = HtmlResponse(URL, body=body, headers={"Content-Type": "text/html; charset=big5"})
    text, encoding = decode_html(response.body, response_headers(response))
    assert "機器人" in text and encoding.startswith("big5")
