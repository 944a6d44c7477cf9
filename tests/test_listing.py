"""Listing pages and the DedeCMS view counter."""

from __future__ import annotations

import pytest
from golden import PAGES

from newsarchive.listing import Listing, ListingEntry, parse_counter, parse_listing

CHANNEL_URL = "http://www.ailab.cn/robot/list_8_1.html"


def test_channel_page() -> None:
    body = (PAGES / "listing_channel" / "page.html").read_bytes()
    listing = parse_listing(body, CHANNEL_URL)
    assert listing.entries == [
        ListingEntry(
            "http://www.ailab.cn/robot/2024/1118/453209.html",
            "大模型推理成本一年降九成",
            "2024-11-18",
        ),
        ListingEntry(
            "http://www.ailab.cn/robot/2024/1024/452817.html",
            "重庆瞭望|AI时代,重庆的机遇在哪里?",
            "2024-10-24",
        ),
        ListingEntry(
            "http://www.ailab.cn/robot/2024/0920/451930.html", "视觉模型轻量化进展", "2024/9/20"
        ),
        ListingEntry(
            "http://www.ailab.cn/zhanhui/2024/0712/450320.html",
            "世界人工智能大会开幕",
            "2024年7月12日",
        ),
    ]
    assert listing.next_page == "http://www.ailab.cn/robot/list_8_2.html"


HOME = """<html><head><meta charset="utf-8"><title>人工智能实验室</title></head><body>
<div class="nav"><a href="/robot/">机器学习</a></div>
<ul class="list_jc">
  <li><span>[机器学习]</span><a href="/robot/2024/1118/453209.html"
    title="大模型推理成本一年降九成">大模型推理成本…</a></li>
  <li><span>[无人机]</span><a href="http://www.ailab.cn/uav/2023/0726/440011.html"
    title="">无人机  巡检</a></li>
  <li><a href="javascript:void(0)">展开</a></li>
</ul>
<div class="pagelist"><a href="/?page=1">上一页</a> <a href="/?page=3"> 下一頁 </a></div>
</body></html>"""


def test_home_page() -> None:
    listing = parse_listing(HOME.encode("utf-8"), "http://www.ailab.cn/?page=2")
    assert listing.entries == [
        ListingEntry("http://www.ailab.cn/robot/2024/1118/453209.html", "大模型推理成本一年降九成"),
        ListingEntry("http://www.ailab.cn/uav/2023/0726/440011.html", "无人机 巡检"),
    ]
    assert listing.next_page == "http://www.ailab.cn/?page=3"


def test_last_page_has_no_next() -> None:
    body = HOME.replace("下一頁", "末页").encode("utf-8")
    assert parse_listing(body, "http://www.ailab.cn/").next_page is None


def test_fallback_takes_every_link_once() -> None:
    body = """<html><body><div class="newlist">
      <a href="/robot/2024/0101/1.html">第一篇</a>
      <a href="/robot/2024/0101/1.html#comments">第一篇</a>
      <a href="/robot/2024/0102/2.html"><img src="x.jpg" alt="第二篇"></a>
      <a href="/robot/2024/0104/4.html"><img src="y.jpg"></a>
      <a href="mailto:a@example.com">投稿</a>
      <a href="2024/0103/3.html">第三篇</a>
    </div></body></html>""".encode()
    listing = parse_listing(body, "http://www.ailab.cn/robot/")
    assert [(e.url, e.title) for e in listing.entries] == [
        ("http://www.ailab.cn/robot/2024/0101/1.html", "第一篇"),
        ("http://www.ailab.cn/robot/2024/0101/1.html#comments", "第一篇"),
        ("http://www.ailab.cn/robot/2024/0102/2.html", "第二篇"),
        ("http://www.ailab.cn/robot/2024/0104/4.html", ""),
        ("http://www.ailab.cn/robot/2024/0103/3.html", "第三篇"),
    ]


def test_gbk_listing_and_empty_body() -> None:
    body = (
        '<html><head><meta charset="gb2312"></head><body><div class="listl list2"><ul>'
        '<li><h3><a href="a.html">王堃团队</a></h3><span>2023-09-12</span></li>'
        "</ul></div></body></html>"
    ).encode("gbk")
    assert parse_listing(body, CHANNEL_URL).entries == [
        ListingEntry("http://www.ailab.cn/robot/a.html", "王堃团队", "2023-09-12")
    ]
    assert parse_listing(b"", CHANNEL_URL) == Listing()


@pytest.mark.parametrize(
    ("body", "views"),
    [
        (b"document.write('990');", 990),
        (b'document.write("990");', 990),
        (b"document.write( '990' )", 990),
        (b"\n  document.write(' 12 ');\n", 12),
        (b"\xef\xbb\xbfdocument.write('0');", 0),
        (b"document.write('');", None),
        (b"document.write('990\");", None),
        (b"document.write('abc');", None),
        (b"<html>404 Not Found</html>", None),
        (b"", None),
        (b"document.write('-5');", None),
        (b"document.write('1'); document.write('2');", None),
    ],
)
def test_parse_counter(body: bytes, views: int | None) -> None:
    assert parse_counter(body) == views
