"""The next page of a listing from every kind of pager (``newsarchive.pager``).

Each page is built here: a channel list and one pager, which is what changes from
template to template. A missed next page ends a channel's walk after its first page
without a word, and a wrong one walks to the last page, so both are tested.
"""

from __future__ import annotations

import pytest

from newsarchive.linkrules import LinkKind, LinkRules
from newsarchive.listing import parse_listing
from newsarchive.settings import (
    NEWSARCHIVE_ARTICLE_URL_PATTERNS,
    NEWSARCHIVE_LISTING_URL_PATTERNS,
)
from newsarchive.urls import canonical_url

URL = "http://www.ailab.cn/robot/list_8_2.html"
NEXT = "http://www.ailab.cn/robot/list_8_3.html"


def _page(pager: str, head: str = "") -> bytes:
    items = "".join(
        f'<li><a href="/2024/10{n:02d}/{n}.html">第{n}篇报道的标题</a>'
        f"<span>2024-10-{n:02d}</span></li>"
        for n in range(1, 11)
    )
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>机器人</title>{head}</head>'
        f'<body><div class="nav"><a href="/">首页</a><a href="/robot/">机器人</a></div>'
        f'<div class="main"><ul class="news-items">{items}</ul>{pager}</div>'
        f'<div class="footer">© 2024</div></body></html>'
    ).encode()


def _next(pager: str, head: str = "", url: str = URL) -> str | None:
    return parse_listing(_page(pager, head), url).next_page


NUMBERS = (
    '<a href="list_8_1.html">1</a>{current}'
    '<a href="list_8_3.html">3</a><a href="list_8_4.html">4</a>'
)


@pytest.mark.parametrize(
    "pager",
    [
        '<div class="pages"><a href="list_8_1.html">上一页</a>'
        '<a href="list_8_3.html">下一页</a></div>',
        '<div class="pages"><a href="list_8_1.html">&lt;上一页</a>'
        '<a href="list_8_3.html">下一页&gt;</a></div>',
        '<div class="pages"><a href="list_8_3.html">下一页 &raquo;</a>'
        '<a href="list_8_9.html">末页</a></div>',
        '<div class="pages"><a href="list_8_3.html">[下一頁]</a>'
        '<a href="list_8_9.html">尾頁</a></div>',
        '<div class="pages"><a href="list_8_3.html">下一页&gt;&gt;</a></div>',
        '<div class="pages"><a href="list_8_3.html">Next &rsaquo;</a></div>',
        '<nav><a href="list_8_3.html" class="nav-previous">« Older posts</a></nav>',
        # an arrow image whose title says it
        '<div class="pages"><a href="list_8_1.html"><img src="prev.gif" title="上一页"></a>'
        '<a href="list_8_3.html"><img src="next.gif" title="下一页" alt=""></a></div>',
        # icons alone, marked for machines
        '<div class="pager"><a rel="prev" href="list_8_1.html"><i class="icon-l"></i></a>'
        '<span>2 / 9</span><a rel="next" href="list_8_3.html"><i class="icon-r"></i></a></div>',
        # an icon classed as the next link
        '<div class="pg"><a class="pg-prev" href="list_8_1.html"></a>'
        '<a class="pg-next" href="list_8_3.html"><i class="iconfont"></i></a></div>',
        # arrows beside page numbers: the single one is the next, the double the last
        '<ul class="pagination"><li><a href="list_8_1.html">&lsaquo;</a></li>'
        + NUMBERS.format(current="<li class='active'><span>2</span></li>")
        + '<li><a href="list_8_3.html">&rsaquo;</a>'
        '</li><li><a href="list_8_9.html">&raquo;</a></li></ul>',
        '<div class="pg"><a href="list_8_1.html">&laquo;</a>'
        + NUMBERS.format(current="<a class='cur'>2</a>")
        + '<a href="list_8_3.html">&raquo;</a></div>',
        # the number after the current page
        '<div class="pagination"><a href="list_8_1.html">上一页</a>'
        + NUMBERS.format(current='<span class="current">2</span>')
        + '<a href="list_8_9.html">尾页</a></div>',
        '<ul class="pagelist"><li><a href="list_8_1.html">上一页</a></li>'
        '<li><a href="list_8_1.html">1</a></li><li class="thisclass">2</li>'
        '<li><a href="list_8_3.html">3</a></li></ul>',
        # the current page as a link to itself
        '<div class="p">' + NUMBERS.format(current='<a href="list_8_2.html">2</a>') + "</div>",
        # a feed without a pager
        '<div class="more"><button class="btn" data-url="/robot/list_8_3.html">'
        "加载更多</button></div>",
    ],
)
def test_the_next_page_is_found(pager: str) -> None:
    assert _next(pager) == NEXT


def test_link_rel_next_in_the_head_alone() -> None:
    """A pager a script draws into an empty box: ``<link rel="next">`` is the only sign."""
    head = '<link rel="prev" href="list_8_1.html"><link rel="next" href="list_8_3.html">'
    assert _next('<div id="laypage"></div>', head) == NEXT


@pytest.mark.parametrize(
    "pager",
    [
        "",
        '<div class="pages"><a href="list_8_1.html">上一页</a>'
        '<a href="list_8_1.html">首页</a></div>',
        # the last page: a disabled next, a last page linking to itself, and a page menu
        '<div class="pages"><a href="list_8_1.html">上一頁</a>'
        '<a href="javascript:void(0)">下一頁</a><a href="list_8_2.html">尾頁</a></div>',
        '<ul class="pagelist"><li><span class="pageinfo">共 <strong>2</strong>页</span></li>'
        '<li><a href="list_8_1.html">1</a></li><li class="thisclass">2</li><li><a>末页</a></li>'
        '<li><select><option value="list_8_1.html">1</option>'
        '<option value="list_8_2.html" selected>2</option></select></li></ul>',
        # an arrow beside numbers that points back, and numbers without a current one
        '<div class="p"><a href="list_8_1.html">&laquo;</a><a href="list_8_1.html">1</a>'
        "<span>2</span></div>",
        # a "next article" link is not a next page
        '<div class="context"><a href="/2024/1011/11.html">下一篇：机器人走进工厂</a></div>',
        '<div class="pages"><a href="#">下一页</a></div>',
    ],
)
def test_no_next_page(pager: str) -> None:
    assert _next(pager) is None


def test_relative_links_resolve_against_base_href() -> None:
    page = _page('<div class="pages"><a href="list_8_3.html">下一页</a></div>').replace(
        b"<title>", b'<base href="http://www.ailab.cn/robot/"><title>'
    )
    assert parse_listing(page, "http://www.ailab.cn/plus/list.php?tid=8&PageNo=2").next_page == NEXT


RULES = LinkRules.build(
    ["www.ailab.cn"], NEWSARCHIVE_ARTICLE_URL_PATTERNS, NEWSARCHIVE_LISTING_URL_PATTERNS
)


def _is_article(url: str) -> bool:
    return RULES.classify(canonical_url(url)) is LinkKind.ARTICLE


def _moved_list(hot: int) -> bytes:
    """The list moved to a new container; the old one (``ul.list_jc``) holds ``hot``
    links in the sidebar."""
    feed = "".join(
        f'<div class="card"><h3><a href="../2024/11{n:02d}/{100 + n}.html">'
        f"新的报道{n}</a></h3></div>"
        for n in range(1, 13)
    )
    side = "".join(
        f'<li><a href="/2023/{n:02d}01/{n}.html">热门文章{n}</a></li>' for n in range(1, hot + 1)
    )
    return (
        '<html><head><meta charset="utf-8"></head><body>'
        f'<div id="newsFeed">{feed}</div><div class="side"><ul class="list_jc">{side}</ul></div>'
        "</body></html>"
    ).encode()


def test_a_known_container_left_in_a_sidebar_does_not_hide_the_list() -> None:
    listing = parse_listing(_moved_list(6), URL, None, _is_article)
    urls = {e.url for e in listing.entries}
    assert {f"http://www.ailab.cn/2024/11{n:02d}/{100 + n}.html" for n in range(1, 13)} <= urls
    assert "http://www.ailab.cn/2023/0101/1.html" in urls  # every link, as without containers
    # Without the crawl's URL rule the containers are trusted as before.
    assert len(parse_listing(_moved_list(6), URL).entries) == 6


def test_a_known_container_holding_the_list_is_the_list() -> None:
    """The old portal's home page: its list in ``ul.list_jc``, a few other article links
    around it; the list's items alone are the entries (the incremental stop reads them)."""
    listing = parse_listing(_moved_list(14), URL, None, _is_article)
    assert [e.title for e in listing.entries] == [f"热门文章{n}" for n in range(1, 15)]
