"""Where the text sits among its neighbours: a known container that holds a sidebar
column beside the text column, a theme's captioned lead picture printed between the
headline and the text, and a reprint notice under the text that names a URL after
``出处：``. The text is the text column, the picture is the article's, and the notice
is neither text nor the article's source.
"""

from __future__ import annotations

from newsarchive.extract import parse_article
from newsarchive.extract.info import parse_views
from newsarchive.model import Article

URL = "http://www.ailab.cn/robot/2025/0410/480210.html"
PARAS = [
    "第一段交代了事情的来龙去脉，某实验室发布了新一代服务机器人的样机。",
    "第二段讲样机的关节模组与控制系统，研发团队用了三年时间打磨这些部件。",
    "第三段说明量产计划，首批产品将在下半年交付给合作的养老机构试用。",
    "第四段是业内人士的评价，他们认为服务机器人的成本仍需进一步下降。",
]
TEXT = "".join(f"<p>{p}</p>" for p in PARAS)
SIDEBAR = (
    '<div class="col-side"><div class="hot"><h3>二十四小时热门排行</h3><ul>'
    '<li><a href="/a/1.html">某公司发布新款芯片性能提升一倍</a></li>'
    '<li><a href="/a/2.html">自动驾驶出租车扩大试运营范围</a></li>'
    '<li><a href="/a/3.html">人形机器人进入汽车工厂实训</a></li></ul></div>'
    '<div class="app"><p>客户端专享直播</p><img src="/app/qr.png" alt="下载客户端"></div></div>'
)


def _page(inner: str, *, head: str = "<h1>服务机器人样机亮相</h1>") -> bytes:
    return (
        '<html><head><meta charset="utf-8"><title>服务机器人样机亮相_人工智能实验室</title>'
        '</head><body><div class="nav"><a href="/">首页</a> <a href="/robot/">机器人</a></div>'
        f'<div class="wrap">{head}<div class="meta">来源：科技日报 2025-04-10 09:30</div>'
        f"{inner}</div>"
        '<div class="foot">Copyright © 2025 人工智能实验室</div></body></html>'
    ).encode()


def _lines(article: Article) -> list[str]:
    return [p for s in article.sections for p in s.paragraphs]


def _assert_text_and_picture(page: bytes, url: str, caption: str) -> None:
    """The page's text is ``PARAS`` and its one picture is ``url`` with ``caption``."""
    article = parse_article(page, URL)
    assert _lines(article) == PARAS
    assert [(i.url, i.caption) for i in article.images] == [(url, caption)]


def test_a_known_container_holding_a_sidebar_column_gives_the_text_column() -> None:
    longer = PARAS + [p.replace("段", "节") for p in PARAS]
    text = "".join(f"<p>{p}</p>" for p in longer)
    page = _page(
        f'<div class="content"><div class="col-main"><div id="text">{text}</div></div>'
        f"{SIDEBAR}</div>"
    )
    article = parse_article(page, URL)
    assert _lines(article) == longer
    assert article.images == []


def test_a_known_container_whose_text_fills_it_is_kept_whole() -> None:
    # a lead box beside the text blocks: neither holds three quarters of the text
    lead = "".join(f"<p>{p}</p>" for p in PARAS[:2])
    rest = "".join(f"<p>{p}</p>" for p in PARAS[2:])
    page = _page(f'<div class="content"><div class="lead">{lead}</div><div>{rest}</div></div>')
    assert _lines(parse_article(page, URL)) == PARAS


FIGURE = (
    '<figure class="feature-image"><img src="/uploads/2025/04/robot.jpg" alt="样机">'
    "<figcaption>研发团队展示服务机器人样机。摄影：王青</figcaption></figure>"
)


def test_a_captioned_lead_picture_between_headline_and_text_is_the_articles() -> None:
    page = _page(f'<article class="post">{FIGURE}<div class="post-text">{TEXT}</div></article>')
    article = parse_article(page, URL)
    assert _lines(article) == PARAS
    assert [i.url for i in article.images] == ["http://www.ailab.cn/uploads/2025/04/robot.jpg"]
    assert "研发团队展示服务机器人样机" in (article.images[0].caption or "")


def test_a_lead_picture_without_caption_or_inside_a_link_is_not_taken() -> None:
    bare = '<figure class="feature-image"><img src="/uploads/banner.jpg" alt="广告"></figure>'
    linked = FIGURE.replace("<figure", '<a href="/promo/"><figure').replace(
        "</figure>", "</figure></a>"
    )
    for lead in (bare, linked):
        page = _page(f'<article class="post">{lead}<div class="post-text">{TEXT}</div></article>')
        article = parse_article(page, URL)
        assert _lines(article) == PARAS
        assert article.images == []


def test_an_e_papers_picture_in_its_own_table_above_the_text_is_the_articles() -> None:
    """A Founder e-paper's picture: a table of the picture's row and the caption's row
    between the headline and the text cell."""
    table = (
        '<table><tr><td align="center"><img src="/res/20170612/61234.jpg" alt=""></td></tr>'
        '<tr><td align="center" class="px12">研究團隊示範導盲機械人引領視障人士過馬路</td></tr>'
        "</table>"
    )
    page = _page(
        f'<table class="paper"><tr><td>{table}</td></tr><tr><td class="px14">'
        f"{TEXT}</td></tr></table>"
    )
    _assert_text_and_picture(
        page,
        "http://www.ailab.cn/res/20170612/61234.jpg",
        "研究團隊示範導盲機械人引領視障人士過馬路",
    )


def test_a_captioned_picture_printed_under_the_text_is_the_articles() -> None:
    """A government release prints its photos in a box after the text block; they come
    after the text. A related article's card there links to it and is not read."""
    related = (
        '<div class="related"><figure><a href="/robot/2025/0301/470001.html">'
        '<img src="/uploads/2025/03/old.jpg" alt=""></a><figcaption><a href="/robot/2025/'
        '0301/470001.html">上一代样机通过验收</a></figcaption></figure></div>'
    )
    page = _page(
        f'<div class="detail"><div class="detail-text">{TEXT}</div>'
        f'<div class="photos">{FIGURE}</div>{related}</div>'
    )
    _assert_text_and_picture(
        page,
        "http://www.ailab.cn/uploads/2025/04/robot.jpg",
        "研发团队展示服务机器人样机。摄影：王青",
    )


def test_a_picture_above_the_headline_is_not_the_articles() -> None:
    page = _page(
        f'<div class="content"><h1>服务机器人样机亮相</h1><div class="meta">来源：科技日报 '
        f'2025-04-10 09:30</div><div class="post-text">{TEXT}</div></div>',
        head=FIGURE.replace("研发团队展示服务机器人样机。摄影：王青", "本站年度专题"),
    )
    assert parse_article(page, URL).images == []


def test_a_reprint_notice_s_url_is_not_the_source_but_its_outlet_is() -> None:
    """``出处：`` opens a URL here, no source; the outlet the notice marks as the
    article's origin is (``selectors.ORIGIN_STATEMENT_PATTERNS``)."""
    notice = (
        '<div class="copyright-post"><p>本文由 智能观察 原创，转载请注明出处：'
        "http://blog.ailab.cn/2025/04/10/robot/</p></div>"
    )
    page = (
        '<html><head><meta charset="utf-8"><title>服务机器人样机亮相</title></head><body>'
        '<div class="entry"><h1>服务机器人样机亮相</h1>'
        '<time datetime="2025-04-10T09:30:00+08:00">2025年4月10日</time>'
        f'<div class="entry-content">{TEXT}</div>{notice}</div></body></html>'
    ).encode()
    article = parse_article(page, URL)
    assert article.source == "智能观察"
    assert _lines(article) == PARAS


def test_an_info_line_whose_linked_source_outweighs_its_date_is_the_info_line() -> None:
    # the date is digits, the source a long link: the line is still not a link list
    for line in (
        '<div class="fl">2016年10月19日08:15&nbsp;&nbsp;来源：'
        '<a href="http://paper.people.com.cn/">人民网－人民日报</a></div>',
        '<div class="infos"><div class="item">2023年08月15日 14:35</div>'
        '<div class="item">来源：<a href="http://www.stcn.com/">证券时报网</a></div></div>',
    ):
        page = (
            '<html><head><meta charset="utf-8"><title>服务机器人样机亮相</title></head><body>'
            f'<div class="wrap"><h1>服务机器人样机亮相</h1>{line}'
            f'<div class="article-body">{TEXT}</div></div></body></html>'
        ).encode()
        article = parse_article(page, URL)
        assert article.source in ("人民网－人民日报", "证券时报网")
        assert (article.published_at or "")[:16] in ("2016-10-19T08:15", "2023-08-15T14:35")


def test_an_author_cards_total_reads_are_not_the_articles_views() -> None:
    card = '<div class="author-stat"><span>文章数 318</span><span>累计阅读 1021万</span></div>'
    page = _page(f'<div class="article-body">{TEXT}</div>{card}')
    assert parse_article(page, URL).views is None
    assert parse_views("累计阅读 1021万 阅读 2300") == 2300


def test_a_blog_s_follower_count_is_not_the_articles_views() -> None:
    """新浪博客's sidebar: ``博客访问`` is the blog's total, ``关注人气`` its followers."""
    side = (
        '<ul class="info_list2"><li><span>博客访问：</span><span>1,204,733</span></li>'
        "<li><span>关注人气：</span><span>3,512</span></li></ul>"
    )
    page = _page(f'<div class="side">{side}</div><div class="article-body">{TEXT}</div>')
    assert parse_article(page, URL).views is None
    assert parse_views("关注人气：3,512 阅读(1234)") == 1234


def test_linked_thumbnails_in_skipped_furniture_do_not_count_as_text_beside() -> None:
    # two picture links in a hot box the walk skips: furniture, not text beside the column
    hot = (
        '<div class="hot"><a href="/a/1.html"><img src="/t/1.jpg"><span>芯片新品</span></a>'
        '<a href="/a/2.html"><img src="/t/2.jpg"><span>试运营扩大</span></a></div>'
    )
    bar = '<div class="bar"><span>原创</span><span>3小时前</span></div>'
    page = _page(f'<div class="content">{bar}<div class="col-main">{TEXT}</div>{hot}</div>')
    article = parse_article(page, URL)
    assert _lines(article) == PARAS
    assert article.images == []


def test_an_indented_reprint_notice_is_not_the_info_line() -> None:
    notice = '<div class="copyright">\n    本文由 智能观察 原创，转载请注明出处：http://blog.ailab.cn/a/\n</div>'
    page = (
        '<html><head><meta charset="utf-8"><title>服务机器人样机亮相</title></head><body>'
        '<div class="entry"><h1>服务机器人样机亮相</h1>'
        f'<div class="entry-content">{TEXT}</div>{notice}</div></body></html>'
    ).encode()
    # not an info line: no URL for a source, only the outlet the notice marks
    assert parse_article(page, URL).source == "智能观察"
