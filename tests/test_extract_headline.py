"""The headline where ``<title>`` carries a site name no rule knows, where the headline is
in an element named as a title rather than a heading, and where the heading holds a
badge (``原创``, ``独家``) in an element of its own. The title is the headline's words.
"""

from __future__ import annotations

import pytest

import newsarchive.extract.title as title_mod
from newsarchive.extract import parse_article

URL = "http://www.ailab.cn/robot/2025/0410/480211.html"
HEADLINE = "协作机器人在世界机器人大会上集中亮相"
TEXT = "".join(
    f"<p>{p}</p>"
    for p in (
        "第一段交代大会的开幕情况，来自二十个国家的企业带来了新一代协作机器人。",
        "第二段讲展台上的演示，机械臂在模拟产线上完成了分拣和装配的工作。",
        "第三段是企业负责人的介绍，他们认为协作机器人的成本已经明显下降。",
    )
)


def _page(title: str, head: str, *, aside: str = "") -> bytes:
    return (
        f'<html><head><meta charset="utf-8"><title>{title}</title></head><body>'
        '<div class="nav"><a href="/">首页</a> <a href="/robot/">机器人</a></div>'
        f'{aside}<div class="main">{head}<div class="meta">2025-04-10 09:30 来源：科技日报</div>'
        f'<div class="content">{TEXT}</div></div>'
        '<div class="foot">Copyright © 2025 某某网</div></body></html>'
    ).encode()


@pytest.mark.parametrize(
    "title",
    [
        f"{HEADLINE}-新华网",
        f"{HEADLINE} | 某某科技网",
        f"深圳特区报-{HEADLINE}",
        f"某某日报数字报｜{HEADLINE}",
    ],
)
@pytest.mark.parametrize(
    "head",
    [
        f'<div class="h-title">{HEADLINE}</div>',
        f'<p class="art_title">{HEADLINE}</p>',
        f"<h1>{HEADLINE}</h1>",
        f'<h2 id="articleTitle">{HEADLINE}</h2>',
    ],
)
def test_the_headline_is_the_part_of_the_title_its_element_prints(title: str, head: str) -> None:
    assert parse_article(_page(title, head), URL).title == HEADLINE


def test_a_channel_title_earlier_on_the_page_is_not_the_headline() -> None:
    # the sidebar's title element and heading name a channel, which is also a part of
    # <title>, but shorter than any headline
    aside = '<div class="side"><div class="side-title">机器人频道</div><h2>机器人频道</h2></div>'
    page = _page(f"{HEADLINE}-机器人频道", f'<div class="h-title">{HEADLINE}</div>', aside=aside)
    assert parse_article(page, URL).title == HEADLINE


def test_an_element_with_other_words_than_the_title_is_not_the_headline() -> None:
    # a title element printing another article's headline: <title> stays the title
    aside = '<div class="side"><p class="item-title">服务机器人进入养老院试用</p></div>'
    page = _page(HEADLINE, "", aside=aside)
    article = parse_article(page, URL)
    assert article.title == HEADLINE


@pytest.mark.parametrize(
    "badge",
    [
        '<span class="original-logo">原创</span>',
        "<em>独家</em>",
        '<i class="hot">热</i>',
        "<span> 首发 </span>",
    ],
)
@pytest.mark.parametrize("title", [f"{HEADLINE}_运动_场景_关节", HEADLINE])
def test_a_badge_in_its_own_element_is_not_the_headlines(badge: str, title: str) -> None:
    for head in (f"<h1>{HEADLINE}\n  {badge}</h1>", f"<h1>{badge}{HEADLINE}</h1>"):
        assert parse_article(_page(title, head), URL).title == HEADLINE


def test_a_badge_word_written_into_the_headline_stays() -> None:
    headline = "原创剧目登上机器人舞台"
    page = _page(headline, f"<h1>{headline}</h1>")
    assert parse_article(page, URL).title == headline
    # a headline wrapped whole in a child element is no badge
    page = _page(headline, f"<h1><span>{headline}</span></h1>")
    assert parse_article(page, URL).title == headline


@pytest.mark.parametrize(
    ("text", "page_title", "expected"),
    [
        (HEADLINE, f"{HEADLINE}-新华网", True),
        (HEADLINE, f"新华网 - {HEADLINE}", True),
        (HEADLINE, HEADLINE, True),
        ("机器人频道", f"{HEADLINE}-机器人频道", False),  # too short for a headline
        (HEADLINE, f"{HEADLINE}大会闭幕", False),  # no separator at the cut
        (HEADLINE[:-2], f"{HEADLINE}-新华网", False),
        (f"{HEADLINE}-新华网", HEADLINE, False),
    ],
)
def test_title_part(text: str, page_title: str, expected: bool) -> None:
    assert title_mod.title_part(text, page_title) is expected
