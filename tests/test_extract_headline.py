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


def _page(title: str, head: str, *, aside: str = "", meta: str = "") -> bytes:
    return (
        f'<html><head><meta charset="utf-8"><title>{title}</title>{meta}</head><body>'
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
        f"新闻稿｜{HEADLINE}_新闻中心_CIRIE 2019",  # a kind before it, the site after
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
        ("2024年8月22日至25日在重庆举行", "智博会开幕：2024年8月22日至25日在重庆举行", False),
        (HEADLINE, f"新闻稿｜{HEADLINE}_新闻中心", True),
        (HEADLINE, f"新闻稿｜{HEADLINE}大会闭幕_新闻中心", False),  # no separator after it
        (HEADLINE, f"关于{HEADLINE}_新闻中心", False),  # no separator before it
        (HEADLINE, f"新闻稿｜{HEADLINE}_新闻中心_深圳国际机器人与智能装备博览会组委会", False),
    ],
)
def test_title_part(text: str, page_title: str, expected: bool) -> None:
    assert title_mod.title_part(text, page_title) is expected


@pytest.mark.parametrize(
    "head",
    [
        f'<div class="newsTitle">{HEADLINE}</div>',
        f'<div class="arti-tit">{HEADLINE}</div>',
        # an e-paper's cells: an overline, the headline, a subtitle, classed for nothing
        '<table><tr><td class="font02">走进智能制造一线</td></tr>'
        f'<tr><td class="font01">{HEADLINE}</td></tr>'
        '<tr><td class="font02">——记某某车间的年轻人</td></tr></table>',
    ],
)
@pytest.mark.parametrize("title", [f"{HEADLINE}-某某大学新闻网", f"中国智造报-{HEADLINE}"])
def test_the_headline_in_an_element_named_otherwise(head: str, title: str) -> None:
    assert parse_article(_page(title, head), URL).title == HEADLINE


def test_a_link_to_the_article_in_a_list_is_not_its_headline() -> None:
    # the page's own headline in the list of the articles is a link; the
    # printed headline further down is the title's element
    aside = f'<ul class="side"><li><a href="/a/1.html">{HEADLINE}</a></li></ul>'
    page = _page(f"中国智造报-{HEADLINE}", f'<td class="font01">{HEADLINE}</td>', aside=aside)
    assert parse_article(page, URL).title == HEADLINE
    # with the link alone, <title> stays whole rather than be cut by a guess
    page = _page(f"中国智造报-{HEADLINE}", "", aside=aside)
    assert parse_article(page, URL).title == f"中国智造报-{HEADLINE}"


@pytest.mark.parametrize(
    "prefix", ["[视频]", "【独家】", "[ 组图 ]", "【预览】", "[草稿]", "【重磅】", "【突发】"]
)
def test_a_bracketed_badge_opening_the_headline_is_not_its(prefix: str) -> None:
    page = _page(f"{prefix}{HEADLINE}_某某网", f"<h1>{prefix}{HEADLINE}</h1>")
    assert parse_article(page, URL).title == HEADLINE
    # a bracketed word that is no badge is the headline's
    page = _page(f"【深度】{HEADLINE}", f"<h1>【深度】{HEADLINE}</h1>")
    assert parse_article(page, URL).title == f"【深度】{HEADLINE}"


def test_a_previews_badge_in_the_title_leaves_the_clean_headline() -> None:
    """A DedeCMS preview of a draft opens ``<title>`` with 【预览】; the ``<h1>`` is clean."""
    page = _page(f"【预览】{HEADLINE}_展会资讯_某某网", f"<h1>{HEADLINE}</h1>")
    assert parse_article(page, URL).title == HEADLINE


def test_a_blogs_translated_badge_is_not_the_headlines() -> None:
    page = _page(f"{HEADLINE}_某某的博客-码农之家", f"<h1>{HEADLINE}<span>翻译</span></h1>")
    assert parse_article(page, URL).title == HEADLINE


def test_a_site_name_after_a_double_dash() -> None:
    page = _page(f"{HEADLINE}——华东机器人产业协会", f'<p class="art-title">{HEADLINE}</p>')
    assert parse_article(page, URL).title == HEADLINE


def test_a_subtitle_in_the_heading_is_not_the_headline() -> None:
    # <title> joins headline and subtitle with a double dash; the heading prints the
    # subtitle in a span: neither piece alone is the title
    subtitle = "记某某车间里的九零后运维班组"
    head = f'<h1>{HEADLINE}<span class="subtitle">{subtitle}</span></h1>'
    page = _page(f"{HEADLINE}——{subtitle}", head)
    assert parse_article(page, URL).title == f"{HEADLINE}——{subtitle}"


def test_a_long_rest_of_the_title_is_no_site_name() -> None:
    # what <title> prints before the part is a headline's length: no site's name
    lead = "某某市发布人工智能产业三年行动计划并设立百亿元产业基金"
    page = _page(f"{lead}-{HEADLINE}", f'<td class="font01">{HEADLINE}</td>')
    assert parse_article(page, URL).title == f"{lead}-{HEADLINE}"


@pytest.mark.parametrize("cut", ["...", "…", "……"])
def test_a_title_cut_with_an_ellipsis_gives_way_to_the_whole_heading(cut: str) -> None:
    """An SEO plugin shortens ``<title>``; the heading that starts with its words is the
    whole headline."""
    page = _page(f"{HEADLINE[:8]}{cut}_人工智能实验室", f'<h2 class="post-title">{HEADLINE}</h2>')
    assert parse_article(page, URL).title == HEADLINE


def test_a_heading_with_other_words_than_a_cut_title_is_not_the_headline() -> None:
    page = _page(f"{HEADLINE[:8]}..._人工智能实验室", "<h2>机器人频道近期热门文章</h2>")
    assert parse_article(page, URL).title == f"{HEADLINE[:8]}..."


def _og_page(og_title: str) -> bytes:
    head = f'<div class="title">{HEADLINE}</div>'
    return _page(
        "资讯详情 - 人工智能实验室", head, meta=f'<meta property="og:title" content="{og_title}">'
    )


@pytest.mark.parametrize("og_title", [HEADLINE, f"{HEADLINE} - 人工智能实验室"])
def test_a_generic_title_gives_way_to_the_headline_og_title_declares(og_title: str) -> None:
    """``<title>`` names the page type; ``og:title`` declares the headline, and an
    element on the page prints it."""
    assert parse_article(_og_page(og_title), URL).title == HEADLINE


def test_an_og_title_no_element_prints_is_not_the_headline() -> None:
    assert parse_article(_og_page("另一个标题：机器人产业峰会开幕"), URL).title == "资讯详情"


def test_a_discuz_thread_s_subject_without_its_category_link() -> None:
    head = (
        "<h1 class='ts'><a href='forum.php?mod=forumdisplay&amp;fid=12&amp;typeid=5'>[行业资讯]"
        f"</a> <span id='thread_subject'>{HEADLINE}</span></h1>"
    )
    title = f"{HEADLINE} - 机器人新闻 - 某某社区 - Powered by Discuz!"
    assert parse_article(_page(title, head), URL).title == HEADLINE


def test_a_blog_s_name_opening_the_title_gives_way_to_the_post_s_heading() -> None:
    """WordPress's old default theme: ``<title>博客名 » Blog Archive » 标题</title>``
    under an ``<h1>`` linking to the blog and an ``<h2>`` printing the post's title."""
    head = f"<h1><a href='/blog/'>某某实验室博客</a></h1><h2>{HEADLINE}</h2>"
    page = _page(f"某某实验室博客 &raquo; Blog Archive &raquo; {HEADLINE}", head)
    assert parse_article(page, URL).title == HEADLINE


def test_a_heading_opening_a_long_title_is_the_headline_when_none_ends_it() -> None:
    """``标题_2024深圳高交会_展会大全`` over ``<h1>标题</h1>``: the SEO words after the
    headline are no headline of their own."""
    page = _page(
        f"{HEADLINE}_2024深圳高交会_机器人展会大全_世界机器人大会专题", f"<h1>{HEADLINE}</h1>"
    )
    assert parse_article(page, URL).title == HEADLINE


SITE_TITLE = "明報新聞網 - 每日明報 daily news"
LOGO = '<div class="logo"><a href="/"><img src="/image/logo.gif" alt="明報新聞網"></a></div>'


def test_a_title_naming_only_the_site_gives_way_to_the_only_h1() -> None:
    """A paper's every page is titled with its name (its logo's ``alt`` opens it): the
    page's only ``<h1>`` is the headline."""
    page = _page(SITE_TITLE, f"<h1>{HEADLINE}</h1>", aside=LOGO)
    assert parse_article(page, URL).title == HEADLINE


@pytest.mark.parametrize(
    ("title", "head", "aside"),
    [
        # a <title> that is not the site's name stays the title
        ("机器人产业周报：协作机器人出货量创新高", f"<h1>{HEADLINE}</h1>", LOGO),
        # two <h1>: neither is known to be the headline
        (SITE_TITLE, f"<h1>{HEADLINE}</h1><h1>展会专题：二〇二五世界机器人大会</h1>", LOGO),
        # a short channel name, a heading linking elsewhere
        (SITE_TITLE, "<h1>港聞要聞</h1>", LOGO),
        (SITE_TITLE, f"<h1><a href='/topic/robot/'>{HEADLINE}</a></h1>", LOGO),
    ],
)
def test_a_lone_h1_is_read_only_under_a_title_naming_the_site(
    title: str, head: str, aside: str
) -> None:
    assert parse_article(_page(title, head, aside=aside), URL).title != HEADLINE


def test_a_government_page_s_declared_article_title_finds_the_printed_headline() -> None:
    """大汉 JCMS titles a county's page ``松川县人民政府 标题``, a space no separator rule
    cuts at; the ``ArticleTitle`` it declares is printed in its ``td.title``."""
    meta = f'<meta name="ArticleTitle" content="{HEADLINE}" />'
    head = f'<table><tr><td class="title">{HEADLINE}</td></tr></table>'
    page = _page(f"松川县人民政府 {HEADLINE}", head, meta=meta)
    assert parse_article(page, URL).title == HEADLINE
