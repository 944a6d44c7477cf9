"""The next page of a listing from every kind of pager (``newsarchive.pager``).

Each page is built here: a channel list and one pager, which is what changes from
template to template. A missed next page ends a channel's walk after its first page
without a word, and a wrong one walks to the last page, so both are tested.
"""

from __future__ import annotations

import pytest

from newsarchive.listing import parse_listing

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


def _moved_list(side: str) -> bytes:
    """Twelve new articles in a new container; the old one (``ul.list_jc``) holds six
    hot articles in a block classed ``side``."""
    feed = "".join(
        f'<div class="card"><h3><a href="../2024/11{n:02d}/{100 + n}.html">'
        f"新的报道{n}</a></h3></div>"
        for n in range(1, 13)
    )
    hot = "".join(
        f'<li><a href="/2023/{n:02d}01/{n}.html">热门文章{n}</a></li>' for n in range(1, 7)
    )
    return (
        '<html><head><meta charset="utf-8"></head><body>'
        f'<div id="newsFeed">{feed}</div><div class="{side}"><ul class="list_jc">{hot}</ul></div>'
        "</body></html>"
    ).encode()


@pytest.mark.parametrize("side", ["g-side", "sidebar", "side-box hot", "col-aside"])
def test_a_known_container_left_in_a_sidebar_does_not_hide_the_list(side: str) -> None:
    urls = {e.url for e in parse_listing(_moved_list(side), URL).entries}
    assert {f"http://www.ailab.cn/2024/11{n:02d}/{100 + n}.html" for n in range(1, 13)} <= urls
    assert "http://www.ailab.cn/2023/0101/1.html" in urls  # every link, as without containers


def test_a_short_channel_list_beside_more_links_is_the_list() -> None:
    """The portal's channel page: three items in its list container, more article
    links around it (recommended, hot) in blocks of its own naming; the list's items
    alone are the entries (the incremental stop reads them)."""
    items = "".join(
        f'<li><h3><a href="/robot/2024/100{n}/{n}.html">第{n}篇</a></h3>'
        f"<span>2024-10-0{n}</span></li>"
        for n in range(1, 4)
    )
    more = "".join(
        f'<li><a href="/robot/2023/0{n}01/{n}.html">推荐{n}</a></li>' for n in range(1, 6)
    )
    page = (
        '<html><head><meta charset="utf-8"></head><body><div class="pleft">'
        f'<div class="listl list2"><ul>{items}</ul></div></div>'
        f'<div class="pright"><ul class="d4">{more}</ul></div></body></html>'
    ).encode()
    assert [e.title for e in parse_listing(page, URL).entries] == ["第1篇", "第2篇", "第3篇"]
