"""Templates of other CMSs and themes: what each prints must land in its field.

Each test is one markup habit seen in Chinese news templates (PHPCMS, Discuz, WordPress,
mobile and AMP pages, JSON-LD) that once lost or misfiled part of an article; the page is
small, and the expected record is what an archivist reading the page would write down.
"""

from __future__ import annotations

import pytest

from newsarchive.extract import ArticlePage, parse_article
from newsarchive.model import Section
from tests.test_extract_robustness import P0, P1, P2, UNDATED_URL, URL, _small_page


@pytest.mark.parametrize(
    "opener",
    [
        "Copyright Office在报告中指出，纯AI生成内容不受版权保护。",
        "上一篇报告于今年7月发布，主要讨论了深度伪造带来的问题。",
        "相关文章已于上月发表在《自然》杂志上，引起了广泛讨论。",
        "版权所有人能否就AI训练使用其作品获得补偿，仍存争议。",
        # subheadings: short, unpunctuated
        "上一篇论文的遗留问题",
        "Copyright and training data",
        "相关内容生成技术",
    ],
)
def test_a_sentence_opening_with_a_widget_word_does_not_end_the_body(opener: str) -> None:
    body = "".join(f"<p>{p}</p>" for p in [*P0, opener, *P1])
    assert parse_article(_small_page(body=body), URL).sections == [
        Section(None, [*P0, opener, *P1])
    ]


@pytest.mark.parametrize(
    "widget",
    [
        "相关文章",
        "相关文章：",
        "上一篇：<a href='/a/1.html'>无人机配送试点扩大</a>",
        "上一篇 <a href='/a/1.html'>无人机配送试点扩大</a>",
        "下一篇：没有了",
        "Copyright © 2024 AiLab.cn All Rights Reserved",
        "Copyright 2004-2024 人工智能实验室",
        "版权所有 人工智能实验室",
        "版权所有(C) 人工智能实验室 京ICP备00000000号",
    ],
)
def test_a_widget_line_still_ends_the_body(widget: str) -> None:
    body = "".join(f"<p>{p}</p>" for p in P0) + f"<p>{widget}</p><p>{P1[0]}</p>"
    assert parse_article(_small_page(body=body), URL).sections == [Section(None, P0)]


@pytest.mark.parametrize(
    "img",
    [
        '<img data-echo="/uploads/a.jpg" src="/static/img/loading.gif">',  # echo.js
        '<img data-lazy-src="/uploads/a.jpg" src="data:image/gif;base64,R0lGOD">',  # WordPress
        '<img data-lazyload="/uploads/a.jpg" src="/images/blank.gif">',
        '<img data-actualsrc="/uploads/a.jpg" src="/images/grey.gif">',
        '<img data-original-src="/uploads/a.jpg" data-original-width="1080">',  # 简书, no src
        "<amp-img src='/uploads/a.jpg' width=640 height=360></amp-img>",  # AMP
        "<mip-img src='/uploads/a.jpg' layout='responsive'></mip-img>",  # Baidu's MIP
    ],
)
def test_lazy_and_amp_images_keep_their_real_url(img: str) -> None:
    body = "".join(f"<p>{p}</p>" for p in P0) + f"<p>{img}</p>" + f"<p>{P1[0]}</p>"
    article = parse_article(_small_page(body=body), URL)
    assert [i.url for i in article.images] == ["http://www.ailab.cn/uploads/a.jpg"]
    assert article.sections == [Section(None, [*P0, P1[0]])]


@pytest.mark.parametrize("caption", ["图为无人机正在配送外卖。", "上图：深圳的无人机起降点。"])
def test_a_line_opening_with_a_caption_word_after_an_image_is_its_caption(caption: str) -> None:
    body = (
        "".join(f"<p>{p}</p>" for p in P0)
        + '<p><img src="/uploads/a.jpg"></p>'
        + f"<p>{caption}</p><p>{P1[0]}</p>"
    )
    article = parse_article(_small_page(body=body), URL)
    assert [(i.url, i.caption) for i in article.images] == [
        ("http://www.ailab.cn/uploads/a.jpg", caption)
    ]
    assert article.sections == [Section(None, [*P0, P1[0]])]


@pytest.mark.parametrize(
    "pager",
    [
        "第1页 共3页",
        "<a>[1]</a> <a>[2]</a> <a>[3]</a> <a>下一页</a>",
        "共3页: <a>上一页</a> <a>1</a> <a>2</a> <a>下一页</a>",
        "首頁 上一頁 1 2 下一頁 尾頁",
    ],
)
def test_a_pager_printed_as_text_is_not_body_text(pager: str) -> None:
    # a sentence that names a page stays, and so does a section marker
    body = "".join(f"<p>{p}</p>" for p in [*P0, pager, "下一页是本文的结论部分。", "01", P1[0]])
    assert parse_article(_small_page(body=body), URL).sections == [
        Section(None, [*P0, "下一页是本文的结论部分。"]),
        Section("01", [P1[0]]),
    ]


def _headed_page(page_title: str, heading: str) -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in P0 + P1)
    return (
        f'<html><head><meta charset="utf-8"><title>{page_title}</title></head><body>'
        f'<h1>{heading}</h1><div class="content">{paragraphs}</div></body></html>'
    ).encode()


def test_an_info_line_inside_the_heading_is_not_part_of_the_title() -> None:
    """PHPCMS v9's default template: the info ``<span>`` sits inside the ``<h1>``."""
    info = "2024-11-01 08:45:12&nbsp;&nbsp;来源：澎湃新闻&nbsp;&nbsp;点击：<span id='hits'></span>"
    page = _headed_page(
        "武汉扩大自动驾驶测试范围 - 资讯 - 人工智能实验室",
        f"武汉扩大自动驾驶测试范围<br /><span>{info}</span>",
    )
    article = parse_article(page, URL)
    assert article.title == "武汉扩大自动驾驶测试范围"
    assert article.source == "澎湃新闻"
    assert article.published_at == "2024-11-01T08:45:12+08:00"
    assert article.sections == [Section(None, P0 + P1)]


def test_an_info_line_inside_the_heading_and_the_channel_dropped_from_the_title() -> None:
    """The heading's text starts with the page's title once its channel is dropped: the
    heading's lead, not its whole text with the info line, is the title."""
    info = "2024-11-01 08:45:12&nbsp;&nbsp;来源：澎湃新闻&nbsp;&nbsp;点击：2368"
    page = _headed_page(
        "武汉扩大自动驾驶测试范围 - 展会资讯 - 人工智能实验室",
        f"武汉扩大自动驾驶测试范围<br /><span>{info}</span>",
    )
    article = parse_article(page, URL)
    assert (article.title, article.views) == ("武汉扩大自动驾驶测试范围", 2368)


def test_a_headline_split_by_a_line_break_stays_whole() -> None:
    page = _headed_page("2024世界人工智能大会开幕_人工智能实验室", "2024世界人工智能大会<br>开幕")
    assert parse_article(page, URL).title == "2024世界人工智能大会开幕"


def _page(
    head: str = "", top: str = "", body: str = "", wrap: str = "div class='content'"
) -> bytes:
    paragraphs = body or "".join(f"<p>{p}</p>" for p in P0 + P1)
    tag = wrap.split()[0]
    return (
        f'<html><head><meta charset="utf-8"><title>标题测试新闻_人工智能实验室</title>{head}'
        f"</head><body><h1>标题测试新闻</h1>{top}<{wrap}>{paragraphs}</{tag}></body></html>"
    ).encode()


@pytest.mark.parametrize(
    "meta",
    [
        "2024-10-24 09:05 来源：新华网",
        "<time datetime='2024-10-24T09:05:00+08:00'>2024年10月24日 09:05</time>"
        " <span>来源：新华网</span>",
    ],
)
def test_an_info_line_opening_with_the_date_inside_the_article_element(meta: str) -> None:
    """HTML5 themes put the info line inside ``<article>``, the body container."""
    body = f"<div class='post-meta'>{meta}</div>" + "".join(f"<p>{p}</p>" for p in P0 + P1)
    article = parse_article(_page(body=body, wrap="article"), URL)
    assert (article.source, article.published_at) == ("新华网", "2024-10-24T09:05:00+08:00")
    assert article.sections == [Section(None, P0 + P1)]


def test_a_paragraph_opening_with_a_date_stays_body_text() -> None:
    sentence = (
        "2024年10月24日，来源：新华网的报道称，人形机器人已进入汽车工厂实习，阅读量超过1,000次。"
    )
    body = "".join(f"<p>{p}</p>" for p in [*P0, sentence])
    article = parse_article(_page(top="<div class='info'>来源：经济日报</div>", body=body), URL)
    assert article.sections == [Section(None, [*P0, sentence])]


def test_a_date_printed_alone_under_the_headline_is_the_publish_date() -> None:
    page = _page(top="<p class='xg1'>2024-10-31 20:15</p>")
    article = parse_article(page, URL)
    assert article.published_at == "2024-10-31T20:15:00+08:00"
    assert article.published_raw == "2024-10-31 20:15"


def test_a_timestamp_alone_in_its_element_of_an_unlabelled_line_is_the_publish_date() -> None:
    top = (
        "<div class='title-sub'><span class='f-src'>第一财经</span>"
        "<em>2024-03-12 20:31:45</em><span>作者：林某</span></div>"
    )
    article = parse_article(_page(top=top), URL)
    assert article.published_at == "2024-03-12T20:31:45+08:00"


def test_a_stamp_first_on_a_line_under_a_headline_in_its_own_wrapper_is_the_date() -> None:
    """网易博客: the headline stands alone in its ``div.title``, and the line after the
    wrapper opens with the time stamp, in an element of its own, before 分类 and 标签."""
    line = (
        "<p class='tdep'><span class='blogsep'>2012-05-28 10:45:12</span>|&nbsp;分类："
        "<a href='/blog/c1'>展会见闻</a>&nbsp;|&nbsp;标签：<a href='/blog/t1'>服务机器人</a>"
        "&nbsp;|&nbsp;<span>举报</span>&nbsp;|&nbsp;<span>字号</span><span>大</span></p>"
    )
    body = "".join(f"<p>{p}</p>" for p in P0 + P1)
    page = (
        '<html><head><meta charset="utf-8"><title>标题测试新闻_网易博客</title></head><body>'
        "<div class='post'><div class='title'><h3><span class='tcnt'>标题测试新闻</span></h3>"
        f"</div>{line}<div class='bct'>{body}</div></div></body></html>"
    ).encode()
    assert parse_article(page, UNDATED_URL).published_at == "2012-05-28T10:45:12+08:00"


@pytest.mark.parametrize(
    "stamp",
    [
        "<em>2024-03-12</em>",  # a day without a time may be an event's
        "<em>2024-03-12 20:31 上海世博中心 展会开幕</em>",  # a day and a place
    ],
)
def test_a_day_in_an_unlabelled_line_is_not_the_publish_date(stamp: str) -> None:
    top = f"<div class='title-sub'><span>第一财经</span>{stamp}<span>作者：林某</span></div>"
    assert parse_article(_page(top=top), UNDATED_URL).published_at is None


@pytest.mark.parametrize(
    ("line", "paper"),
    [
        ("《中国智造报》（2021年09月18日　03版）", "中国智造报"),
        ("《 人民日报 》（ 2021年09月18日   第 03 版）", "人民日报"),
        # a labelled source keeps its printed brackets, not the date's opening one
        ("来源：《经济日报》(2021年9月18日 第A3版：产业观察)", "《经济日报》"),
    ],
)
def test_a_newspaper_issue_line_gives_the_day_and_the_paper(line: str, paper: str) -> None:
    """An e-paper prints its day only in the issue line (and the masthead)."""
    article = parse_article(_page(top=f"<div class='lai'>{line}</div>"), URL)
    assert (article.source, article.published_at) == (paper, "2021-09-18T00:00:00+08:00")
    assert article.published_raw is not None and "2021" in article.published_raw


@pytest.mark.parametrize(
    ("line", "paper", "day"),
    [
        (
            "新京报 2021年09月18日 第A07版：北京新闻　　作者：王贵彬　　编辑：张磊",
            "新京报",
            "2021-09-18",
        ),
        ("中国青年报（2021年09月18日　06版）", "中国青年报", "2021-09-18"),
        ("法治日报　2021-09-18　第03版：法治新闻", "法治日报", "2021-09-18"),
        ("深圳特区报 2021-09-18 A04版 作者：张玮", "深圳特区报", "2021-09-18"),
        (
            "<span>河南日报　2021-9-18　第01版</span>　<span class='hits'>阅读：3210</span>",
            "河南日报",
            "2021-09-18",
        ),
    ],
)
def test_an_e_paper_s_edition_line_gives_the_paper_and_the_day(
    line: str, paper: str, day: str
) -> None:
    """An e-paper's edition line names its paper without 《》: no label names a source."""
    article = parse_article(_page(top=f"<div class='rit_info'>{line}</div>"), UNDATED_URL)
    assert article.source == paper
    assert (article.published_at or "")[:10] == day


@pytest.mark.parametrize(
    "line",
    [
        "本报 2021年09月18日 第A07版",  # names no paper
        "据新京报2021年9月18日第A07版报道，人形机器人已进入汽车工厂实习",  # a sentence
        "2021年09月18日 新京报 第A07版",  # no paper opening the line
    ],
)
def test_what_is_no_edition_line(line: str) -> None:
    article = parse_article(_page(top=f"<div class='rit_info'>{line}</div>"), UNDATED_URL)
    assert article.source is None


def test_an_issue_line_in_an_e_paper_table_under_the_headline_cell() -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in P0 + P1)
    page = (
        '<html><head><meta charset="utf-8"><title>标题测试新闻-中国智造报</title></head>'
        "<body><table>"
        "<tr><td class='font02'>走进智能制造一线</td></tr>"
        "<tr><td class='font01'>标题测试新闻</td></tr>"
        "<tr><td class='lai'>《中国智造报》（2021年09月18日　03版）</td></tr>"
        f"<tr><td class='content'>{paragraphs}</td></tr></table></body></html>"
    ).encode()
    article = parse_article(page, URL)
    assert (article.title, article.source) == ("标题测试新闻", "中国智造报")
    assert article.published_at == "2021-09-18T00:00:00+08:00"


@pytest.mark.parametrize(
    "line",
    [
        # a sentence citing another paper's issue
        "据《人民日报》（2021年09月18日 第03版）报道，人形机器人已进入汽车工厂实习。",
        # another issue's page, as a link
        "<a href='/html/2021-09/17/node_3.htm'>《中国智造报》（2021年09月17日　03版）</a>",
    ],
)
def test_a_cited_or_linked_issue_is_not_the_article_s(line: str) -> None:
    article = parse_article(_page(top=f"<div class='lai'>{line}</div>"), UNDATED_URL)
    assert (article.source, article.published_at) == (None, None)


@pytest.mark.parametrize(
    "line",
    [
        "《 人民日报 》（ 2021年09月18日   第 03 版）",
        "（《经济日报》2021年9月18日第3版）",
    ],
)
def test_the_printed_info_line_wins_over_the_issue_line_that_ends_the_text(line: str) -> None:
    """人民网 ends the text with the issue line: a line of the record's, not the text's."""
    body = "".join(f"<p>{p}</p>" for p in P0 + P1) + f"<p>{line}</p>"
    top = "<div class='info'>2021年09月19日 08:10 来源：人民网</div>"
    article = parse_article(_page(top=top, body=body), URL)
    assert (article.source, article.published_at) == ("人民网", "2021-09-19T08:10:00+08:00")
    assert article.sections == [Section(None, P0 + P1)]


def test_a_paragraph_opening_with_a_paper_s_name_stays_text() -> None:
    sentence = "《人民日报》2021年9月18日刊文指出，人形机器人已进入汽车工厂实习。"
    body = "".join(f"<p>{p}</p>" for p in [*P0, sentence, *P1])
    article = parse_article(_page(body=body), URL)
    assert article.sections == [Section(None, [*P0, sentence, *P1])]


@pytest.mark.parametrize(
    "line",
    [
        # PbootCMS's default theme
        '<i class="fa fa-calendar"></i> 2024-06-05&nbsp;&nbsp;<i class="fa fa-user"></i> 张明'
        '&nbsp;&nbsp;<i class="fa fa-eye"></i> 1234',
        # Bootstrap 3 and an icon font named in pinyin
        '<span class="glyphicon glyphicon-time"></span>2024-06-05 <span class="iconfont'
        ' icon-liulan"></span>1,234',
    ],
)
def test_an_info_line_of_icons_and_values(line: str) -> None:
    article = parse_article(_page(top=f"<div class='text-secondary'>{line}</div>"), URL)
    assert (article.published_at, article.views) == ("2024-06-05T00:00:00+08:00", 1234)


@pytest.mark.parametrize(
    "line",
    [
        # a comment count and a like count are not the views
        '<i class="fa fa-comment"></i> 12 <i class="fa fa-thumbs-up"></i> 30',
        # an event's span of days after a calendar icon
        '<i class="fa fa-calendar"></i> 2024年6月12日-14日 <i class="fa fa-map-marker"></i> 深圳',
    ],
)
def test_icons_of_other_values_give_no_date_or_views(line: str) -> None:
    article = parse_article(_page(top=f"<div class='text-secondary'>{line}</div>"), UNDATED_URL)
    assert (article.published_at, article.views) == (None, None)


def test_an_icon_labelled_date_in_a_sidebar_is_not_the_article_s() -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in P0 + P1)
    page = (
        '<html><head><meta charset="utf-8"><title>标题测试新闻_人工智能实验室</title></head>'
        f"<body><h1>标题测试新闻</h1><div class='content'>{paragraphs}</div><div class='side'>"
        "<h3>热门文章</h3><p><i class='fa fa-calendar'></i> 2024-06-01</p></div></body></html>"
    ).encode()
    assert parse_article(page, UNDATED_URL).published_at is None


def _zblog_page(footer: str, side: str = "", date: str = "2024年08月15日") -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in P0 + P1)
    return (
        '<html><head><meta charset="utf-8"><title>标题测试新闻_人工智能实验室</title></head>'
        f"<body><div class='main'><div class='post'><h4 class='post-date'>{date}</h4>"
        f"<h2 class='post-title'>标题测试新闻</h2><div class='post-body'>{paragraphs}</div>"
        f"<h6 class='post-footer'>{footer}</h6></div></div>{side}</body></html>"
    ).encode()


def test_the_views_on_the_footer_line_under_the_text() -> None:
    """Z-Blog's default theme prints the date over the headline and the count under
    the text."""
    page = _zblog_page("作者:admin <small>|</small> 分类:机器人 <small>|</small> 浏览:1234")
    article = parse_article(page, URL)
    assert (article.published_at, article.views) == ("2024-08-15T00:00:00+08:00", 1234)
    assert article.sections == [Section(None, P0 + P1)]


@pytest.mark.parametrize(
    "side",
    [
        # a list of other articles, each with its count, inside the article's element
        "<ul class='hot'><li><a href='/a/1.html'>另一篇文章的标题</a>"
        "<span>浏览：5600次</span></li></ul>",
        # the author's card beside the article, outside its element
        "<div class='side'><p>作者：张三</p><p>文章数：120 浏览：8.8万</p></div>",
    ],
)
def test_a_count_outside_the_article_s_element_is_not_its_views(side: str) -> None:
    footer = "作者:admin <small>|</small> 分类:机器人"
    if side.startswith("<ul"):
        footer, side = footer + side, ""
    page = _zblog_page(footer, side, date="发布时间：2024年08月15日")
    article = parse_article(page, URL)
    assert (article.published_at, article.views) == ("2024-08-15T00:00:00+08:00", None)


def test_a_page_with_no_date_is_dated_by_its_url_s_day() -> None:
    """An e-paper prints its day only in the masthead, far from the headline; its URL
    files the article under that day. Nothing was printed, so no ``published_raw``."""
    article = parse_article(_page(), "http://epaper.hzjjb.cn/html/2024-06/14/content_28731.htm")
    assert (article.published_at, article.published_raw) == ("2024-06-14T00:00:00+08:00", None)
    assert parse_article(_page(), UNDATED_URL).published_at is None


def test_a_printed_date_wins_over_the_url_s_day() -> None:
    top = "<div class='info'>发布时间：2024-11-12 08:30</div>"
    article = parse_article(_page(top=top), URL)  # URL names 2024/1111
    assert article.published_at == "2024-11-12T08:30:00+08:00"


def test_a_date_further_down_the_page_is_not_taken_for_the_publish_date() -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in P0 + P1)
    page = (
        '<html><head><meta charset="utf-8"><title>标题测试新闻</title></head><body>'
        "<h1>标题测试新闻</h1><div class='nav'>导航</div><div class='ad'>广告位招租</div>"
        f"<p>2023-01-01 00:00</p><div class='content'>{paragraphs}</div></body></html>"
    ).encode()
    assert parse_article(page, UNDATED_URL).published_at is None


def test_discuz_portal_info_line() -> None:
    pipe = "<span class='pipe'>|</span>"
    fields = [
        "2024-10-31 20:15",
        " 发布者: <a>admin</a>",
        " 查看: 5632",
        " 评论: 3",
        "来自: 澎湃新闻",
    ]
    info = pipe.join(fields)
    article = parse_article(_page(top=f"<p class='xg1'>{info}</p>"), URL)
    assert (article.source, article.published_at, article.views) == (
        "澎湃新闻",
        "2024-10-31T20:15:00+08:00",
        5632,
    )


def test_a_sentence_saying_where_someone_comes_from_is_no_source() -> None:
    top = "<div class='info'>2024-10-31 20:15 | 研究团队来自清华大学</div>"
    assert parse_article(_page(top=top), URL).source is None


@pytest.mark.parametrize(
    ("head", "top", "expected"),
    [
        (
            '<script type="application/ld+json">{"@context": "https://schema.org",'
            ' "@type": "NewsArticle", "datePublished": "2024-10-28T08:15:00+08:00"}</script>',
            "",
            "2024-10-28T08:15:00+08:00",
        ),
        (
            '<script type="application/ld+json">{"@graph": [{"@type": "WebPage"},'
            ' {"@type": "Article", "datePublished": "2024-10-28T00:15:00Z"}]}</script>',
            "",
            "2024-10-28T08:15:00+08:00",
        ),
        ('<script type="application/ld+json">{not json</script>', "", None),
        (
            "",
            "<div class='byline'><time itemprop='datePublished'"
            " datetime='2024-10-24T09:05:17+08:00'>10月24日</time></div>",
            "2024-10-24T09:05:17+08:00",
        ),
        # a bare <time> may date anything on the page: not read
        ("", "<aside><time datetime='2020-01-01T00:00:00+08:00'>旧文</time></aside>", None),
        # 知乎: microdata declares the publication, the page prints only 编辑于
        (
            "",
            "<div itemscope itemtype='http://schema.org/Article'>"
            "<meta itemprop='datePublished' content='2023-08-14T12:30:05.000Z'>"
            "<meta itemprop='dateModified' content='2023-08-21T08:07:42.000Z'>"
            "<div class='ContentItem-time'>编辑于 2023-08-21 16:07</div></div>",
            "2023-08-14T20:30:05+08:00",
        ),
        # a related article's, in a list item
        (
            "",
            "<ul class='rel'><li itemscope><meta itemprop='datePublished' content='2020-01-01'>"
            "<a href='/a/1.html'>另一篇文章</a></li></ul>",
            None,
        ),
        # WeChat sets the time in a script, for its script to print
        (
            "<script>var ct = \"1720243380\";\n    var createTime = '2024-07-06 13:23';</script>",
            "<div id='meta_content'><em id='publish_time'></em></div>",
            "2024-07-06T13:23:00+08:00",
        ),
        # a feed's JSON in a script: other articles' times
        (
            '<script>window.feed = [{"title": "另一篇",'
            ' "createTime": "2020-01-01 10:00"}];</script>',
            "",
            None,
        ),
    ],
)
def test_a_date_declared_for_machines_is_the_fallback(
    head: str, top: str, expected: str | None
) -> None:
    assert parse_article(_page(head=head, top=top), UNDATED_URL).published_at == expected


def test_a_printed_date_wins_over_json_ld() -> None:
    head = (
        '<script type="application/ld+json">{"datePublished": "2020-01-01T00:00:00+08:00"}</script>'
    )
    page = _page(head=head, top="<div class='info'>发布时间：2024-10-24 09:05</div>")
    assert parse_article(page, URL).published_at == "2024-10-24T09:05:00+08:00"


def test_a_bracketed_lead_is_the_summary() -> None:
    body = "<p>【摘要】今年以来AI初创公司融资额屡创新高。</p>" + "".join(f"<p>{p}</p>" for p in P0)
    article = parse_article(_page(body=body), URL)
    assert article.summary == "今年以来AI初创公司融资额屡创新高。"
    assert article.sections == [Section(None, P0)]


def test_a_wordpress_entry_date_beside_the_headline() -> None:
    """WordPress marks the publish time with ``entry-date published`` beside the headline;
    the same classes in a related-posts widget date other articles."""
    paragraphs = "".join(f"<p>{p}</p>" for p in P0 + P1)
    related = (
        "<aside><time class='entry-date published' datetime='2020-01-01T00:00:00+08:00'>"
        "旧文</time></aside>"
    )
    page = (
        '<html><head><meta charset="utf-8"><title>标题测试新闻</title></head><body><article>'
        "<header class='entry-header'><h1 class='entry-title'>标题测试新闻</h1>"
        "<div class='entry-meta'><time class='entry-date published'"
        " datetime='2024-10-24T09:05:17+08:00'>10月24日</time></div></header>"
        f"<div class='entry-content'>{paragraphs}</div></article>{related}</body></html>"
    ).encode()
    assert parse_article(page, URL).published_at == "2024-10-24T09:05:17+08:00"


def test_a_wordpress_post_body_without_its_page_wrapper_and_jetpack_widgets() -> None:
    """WordPress themes wrap the whole page in ``div#content`` and the post in
    ``<article>``, with the byline above ``div.entry-content``; Jetpack puts its share
    buttons and related posts inside the post body."""
    paragraphs = "".join(f"<p>{p}</p>" for p in P0 + P1)
    widgets = (
        "<div class='sharedaddy sd-sharing-enabled'><h3 class='sd-title'>分享此文：</h3>"
        "<ul><li><a href='#'>微信</a></li><li><a href='#'>微博</a></li></ul></div>"
        "<div id='jp-relatedposts' class='jp-relatedposts'><h3>相关</h3>"
        "<p><a href='/2024/08/01/x/'>另一篇无人机新闻</a> 2024年8月1日</p></div>"
    )
    page = (
        '<html><head><meta charset="utf-8"><title>标题测试新闻 – 人工智能实验室</title></head>'
        "<body><div id='content' class='site-content'><article class='post'>"
        "<header class='entry-header'><h1 class='entry-title'>标题测试新闻</h1>"
        "<div class='entry-meta'>发布于 <a href='#'>2024年9月12日</a> 作者 编辑部</div></header>"
        f"<div class='entry-content'>{paragraphs}{widgets}</div></article>"
        "<div id='comments'><h2>2条评论</h2></div></div></body></html>"
    ).encode()
    article = parse_article(page, URL)
    assert article.sections == [Section(None, P0 + P1)]
    assert article.title == "标题测试新闻"


def test_the_wordpress_default_themes_post_metadata_is_no_text() -> None:
    """Kubrick's ``p.postmetadata`` under a post (date, category, comment feed,
    trackback) sits inside ``div.entry``, and ``h3#comments`` and ``ol.commentlist``
    follow the post inside ``div#content``; a paragraph of the post before them stays."""
    paragraphs = "".join(f"<p>{p}</p>" for p in P0 + P1 + P2)
    meta = (
        "<p class='postmetadata alt'><small>本文发表于 2008年1月14日，分类为 "
        "<a href='/blog/category/autodrive/' rel='category tag'>无人驾驶</a>。"
        "你可以通过 <a href='/blog/2008/01/14/x/feed/'>RSS 2.0</a> 订阅本文的评论。"
        "你可以 <a href='#respond'>发表评论</a>，或从你的网站 <a href='/trackback/'>引用通告</a>。"
        "</small></p>"
    )
    page = (
        '<html><head><meta charset="utf-8"><title>人工智能实验室博客 » 标题测试新闻</title>'
        "</head><body><div id='content' class='widecolumn'><div class='navigation'>"
        "<div class='alignleft'>« <a href='/blog/2008/01/08/ces/'>CES 2008上的机器人</a></div>"
        "<div class='alignright'><a href='/blog/2008/01/21/s/'>斯坦福的“小斯坦利”</a> »</div>"
        "</div><div class='post' id='post-231'><h2>标题测试新闻</h2><small>2008年1月14日</small>"
        f"<div class='entry'>{paragraphs}<p>来源：新浪科技</p>{meta}</div></div>"
        "<h3 id='comments'>3 条评论</h3><ol class='commentlist'>"
        "<li><cite>robotfan</cite> 说：<p>激光雷达太贵了。</p></li>"
        "<li><cite>小北</cite> 说：<p>十年后再看。</p></li></ol></div></body></html>"
    ).encode()
    article = parse_article(page, URL)
    text = [p for s in article.sections for p in s.paragraphs]
    assert text[-len(P0 + P1 + P2) :] == P0 + P1 + P2
    assert article.source == "新浪科技"


def test_a_discuz_portal_article_body_of_div_lines() -> None:
    """Discuz! portal articles put the text in ``td#article_content`` as ``<div>`` lines
    (no ``<p>``), with ``<div><br></div>`` between paragraphs."""
    lines = "<div><br></div>".join(f"<div>{p}</div>" for p in P0 + P1)
    page = (
        '<html><head><meta charset="utf-8"><title>标题测试新闻 - 人工智能实验室</title></head>'
        "<body><div class='h hm'><h1 class='ph'>标题测试新闻</h1>"
        "<p class='xg1'>2024-10-31 20:15 | 查看: 5632 | 来自: 澎湃新闻</p></div>"
        f"<table><tr><td id='article_content'>{lines}</td></tr></table></body></html>"
    ).encode()
    article = parse_article(page, URL)
    assert article.sections == [Section(None, P0 + P1)]
    assert (article.source, article.views) == ("澎湃新闻", 5632)


def _headed(header: str, body: str = "") -> bytes:
    paragraphs = body or "".join(f"<p>{p}</p>" for p in P0 + P1)
    return (
        '<html><head><meta charset="utf-8"><title>标题测试新闻</title></head><body>'
        f"<div class='hd'><h1>标题测试新闻</h1>{header}</div>"
        f"<div class='article-body'>{paragraphs}</div></body></html>"
    ).encode()


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (
            "<div class='from'><span class='time'>2024-07-03 14:22</span>"
            "<a class='source' href='http://tech.example.cn/'>新浪科技</a></div>",
            ("新浪科技", "2024-07-03T14:22:00+08:00"),
        ),
        (
            "<p><em class='date'>2024年11月01日 07:45</em> <span class='src'>中国教育报</span></p>",
            ("中国教育报", "2024-11-01T07:45:00+08:00"),
        ),
        # an outlet's name in brackets with its mark on its own article (中关村在线)
        (
            "<p><span class='date'>2024-05-20 09:12</span>"
            "<span class='source'>[ 中关村在线 原创 ]</span></p>",
            ("中关村在线", "2024-05-20T09:12:00+08:00"),
        ),
        (
            "<p><span class='date'>2024-05-20 09:12</span>"
            "<span class='source'>【IT之家】</span></p>",
            ("IT之家", "2024-05-20T09:12:00+08:00"),
        ),
        # the word before the name, without a colon (凤凰网)
        (
            "<p><span class='date'>2024-05-20 09:12</span>"
            "<span class='index_source_3zWJt'>来自<a href='https://ent.ifeng.com/'>凤凰网娱乐</a>"
            "</span></p>",
            ("凤凰网娱乐", "2024-05-20T09:12:00+08:00"),
        ),
        # An event's span of days is not the publish date; a sentence is not a source.
        (
            "<p><span class='date'>2024年9月24日-28日</span>"
            "<span class='source'>本届展会由多家单位联合主办，规模创历届之最。</span></p>",
            (None, None),
        ),
    ],
)
def test_an_unlabelled_date_and_source_classed_as_such_by_the_headline(
    header: str, expected: tuple[str | None, str | None]
) -> None:
    article = parse_article(_headed(header), UNDATED_URL)
    assert (article.source, article.published_at) == expected


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        # classes whose parts name the field
        (
            "<div class='post-meta'><span class='post_source'>南方日报</span>"
            "<span class='post-date'>2024/03/05 08:10</span>"
            "<span class='post-views'><i class='fa fa-eye'></i> 1.5万</span></div>",
            ("南方日报", "2024-03-05T08:10:00+08:00", 15000),
        ),
        (
            "<p><span class='hits'>(2,046)</span> <span class='art-read'>88</span></p>",
            (None, None, 2046),
        ),
        # a count printed with its label after it is read from the info line first
        (
            "<p><span class='hits'>(2,046)</span> <span class='art-read'>88 阅读</span></p>",
            (None, None, 88),
        ),
        # a comment count, a share count and likes are not the views
        (
            "<p><span class='comment-count'>35</span><span class='share_num'>12</span>"
            "<span class='like-views'>7</span></p>",
            (None, None, None),
        ),
        # a decimal without a unit, and a number in a sentence, are no counts
        (
            "<p><span class='views'>2.5</span><span class='view-tip'>扫码阅读全文3</span></p>",
            (None, None, None),
        ),
    ],
)
def test_unlabelled_fields_classed_by_a_part_of_a_class_token(
    header: str, expected: tuple[str | None, str | None, int | None]
) -> None:
    article = parse_article(_headed(header), UNDATED_URL)
    assert (article.source, article.published_at, article.views) == expected


def test_unlabelled_fields_in_the_block_after_the_headline_s_wrapper() -> None:
    """A mobile page wraps the headline (``<div class="a-title"><h1>``) and prints the
    source and views in the next block: the blocks after the wrapper are read."""
    paragraphs = "".join(f"<p>{p}</p>" for p in P0 + P1)
    page = (
        '<html><head><meta charset="utf-8"><title>标题测试新闻</title></head><body>'
        "<div class='wrap'><div class='a-title'><h1>标题测试新闻</h1></div>"
        "<div class='a-info'><span class='m-src'>澎湃新闻</span>"
        "<span class='m-views'>3.5万阅读</span></div>"
        f"<div class='a-con'>{paragraphs}</div></div></body></html>"
    ).encode()
    article = parse_article(page, URL)
    assert (article.source, article.views) == ("澎湃新闻", 35000)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (
            "<p class='meta'>Source: 人民日报海外版 · Views: 12,480 · 2024-02-03 11:20</p>",
            ("人民日报海外版", 12480, "2024-02-03T11:20:00+08:00"),
        ),
        (
            "<div>Hits：356 | SOURCE：中国科学报 | 2023/12/30</div>",
            ("中国科学报", 356, "2023-12-30T00:00:00+08:00"),
        ),
        # without a colon the words are words
        ("<p>Source code 已开源 Views 2024-02-03</p>", (None, None, None)),
    ],
)
def test_english_source_and_views_labels_with_a_colon(
    header: str, expected: tuple[str | None, int | None, str | None]
) -> None:
    article = parse_article(_headed(header), UNDATED_URL)
    assert (article.source, article.views, article.published_at) == expected


def _dated(printed: str, declared: str) -> bytes:
    head = f"<meta property='article:published_time' content='{declared}'>"
    return _headed(f"<p class='meta'>{printed}</p>").replace(
        b"</title>", b"</title>" + head.encode()
    )


@pytest.mark.parametrize(
    ("printed", "declared", "expected"),
    [
        # a printed day takes the page's declared time of that day
        ("发布日期：2024年9月12日", "2024-09-12T00:30:00+00:00", "2024-09-12T08:30:00+08:00"),
        (
            "Posted on 2024/9/12 | Views: 88",
            "2024-09-12T08:30:00+08:00",
            "2024-09-12T08:30:00+08:00",
        ),
        # another day's declared time is not the printed day's
        ("发布日期：2024年9月12日", "2024-09-10T08:30:00+08:00", "2024-09-12T00:00:00+08:00"),
        ("发布日期：2024年9月12日", "2024-09-12T18:00:00+00:00", "2024-09-12T00:00:00+08:00"),
        # a printed time is never replaced
        ("发布日期：2024-09-12 10:00", "2024-09-12T08:30:00+08:00", "2024-09-12T10:00:00+08:00"),
    ],
)
def test_a_printed_day_and_the_declared_time_of_that_day(
    printed: str, declared: str, expected: str
) -> None:
    article = parse_article(_dated(printed, declared), URL)
    assert article.published_at == expected
    assert article.published_raw is not None and article.published_raw in printed


def test_a_view_counter_wins_over_a_classed_number() -> None:
    """DedeCMS prints its count with a script; a number beside it is something else."""
    header = (
        "<p>2024-01-02 来源：新华网 浏览：<script src='/plus/count.php?view=yes&aid=7&mid=1'>"
        "</script>次</p><div class='tools'><span class='views'>12</span></div>"
    )
    page = ArticlePage(_headed(header), URL)
    assert page.views() is None and page.counter_url() is not None


def test_a_classed_date_inside_the_body_is_not_the_publish_date() -> None:
    related = "<p>相关：<a href='/a/1.html'>旧闻一则</a><span class='date'>2020-01-01</span></p>"
    body = "".join(f"<p>{p}</p>" for p in P0 + P1) + related
    assert parse_article(_headed("", body), UNDATED_URL).published_at is None


_HOT_LIST = (
    '<aside><h3>热门文章</h3><ul><li><a href="/robot/2024/1104/453470.html">'
    "多模态大模型在工业质检中崭露头角</a><span>2024-11-04 · 阅读 1.6k</span></li>"
    '<li><a href="/robot/2024/1103/453446.html">数据标注产业迎来规范化发展</a>'
    "<span>2024-11-03 · 阅读 982</span></li></ul></aside>"
)


@pytest.mark.parametrize(
    "card",
    [
        "<dl><dt>来源</dt><dd>第一财经</dd><dt>时间</dt><dd>2024-11-05 14:00</dd>"
        "<dt>浏览</dt><dd>328</dd></dl>",
        "<table><tr><th>来源</th><td>第一财经</td></tr><tr><th>时间</th>"
        "<td>2024-11-05 14:00</td></tr><tr><th>浏览</th><td>328</td></tr></table>",
    ],
)
def test_labels_alone_in_their_cells_beside_the_article(card: str) -> None:
    """A sidebar card of label and value cells, before a hot list whose items are dated
    and counted: the card is the article's, the list's items are other articles'."""
    page = _small_page(after=f'<aside><div class="card">{card}</div></aside>{_HOT_LIST}')
    article = parse_article(page, URL)
    assert (article.source, article.published_at, article.views) == (
        "第一财经",
        "2024-11-05T14:00:00+08:00",
        328,
    )


def test_a_hot_lists_dates_and_counts_are_not_the_articles() -> None:
    article = parse_article(_small_page(after=_HOT_LIST), UNDATED_URL)
    assert (article.published_at, article.views) == (None, None)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://www.ailab.cn/voice/2024/1105/453512.html", "2024-11-05T16:40:00+08:00"),
        ("http://www.ailab.cn/voice/2024/1104/453512.html", None),
    ],
)
def test_a_mobile_pages_date_without_its_year(url: str, expected: str | None) -> None:
    header = "<div class='m-info'><span>来源：央视新闻</span><span>11-05 16:40</span></div>"
    article = parse_article(_headed(header), url)
    assert (article.source, article.published_at) == ("央视新闻", expected)
    assert article.published_raw == ("11-05 16:40" if expected else None)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # a share page whose id opens with the day
        (
            "https://view.inews.qq.com/a/20230512A03XYZ00",
            ("2023-05-12T10:23:00+08:00", "05-12 10:23"),
        ),
        (
            "http://www.ailab.cn/voice/2023/0512/453512.html",
            ("2023-05-12T10:23:00+08:00", "05-12 10:23"),
        ),
        # the URL names another day: its day, as before, and nothing printed is read
        ("http://www.ailab.cn/voice/2023/0511/453512.html", ("2023-05-11T00:00:00+08:00", None)),
        ("http://www.ailab.cn/voice/453512.html", (None, None)),
    ],
)
def test_a_yearless_time_by_the_headline_takes_the_url_s_year(
    url: str, expected: tuple[str | None, str | None]
) -> None:
    """A share page prints only the account's name and ``<span class="time">05-12
    10:23</span>`` under the headline: no info line, no label. The URL names the day."""
    header = (
        "<div class='info'><p class='media-name'>AI前哨站</p><p class='sub'>"
        "<span class='time'>05-12 10:23</span><span class='location'>发布于北京</span></p></div>"
    )
    article = parse_article(_headed(header), url)
    assert (article.published_at, article.published_raw) == expected


@pytest.mark.parametrize(
    ("above", "expected"),
    [
        # 36氪: the writer and the time over the headline
        (
            "<div class='article-title-icon'><a class='item-a' href='/user/5912345'>"
            "车载智能研究所</a><span class='item-time'>·2023-10-20 09:30</span>"
            "<span class='item-read'></span></div>",
            "2023-10-20T09:30:00+08:00",
        ),
        # the site's header, with today's date, is no line of the article's
        ("<header><span class='date'>2024年11月5日 星期二</span></header>", None),
    ],
)
def test_a_time_classed_as_one_over_the_headline(above: str, expected: str | None) -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in P0 + P1)
    page = (
        '<html><head><meta charset="utf-8"><title>标题测试新闻</title></head><body>'
        f"<div class='left'>{above}<h1 class='article-title'>标题测试新闻</h1>"
        f"<div class='content'>{paragraphs}</div></div></body></html>"
    ).encode()
    article = parse_article(page, UNDATED_URL)
    assert article.published_at == expected
    assert article.sections == [Section(None, P0 + P1)]


@pytest.mark.parametrize(
    ("card", "expected"),
    [
        (
            "<div class='author-info'><span class='name'>智车科技</span>"
            "<span class='time'>2019-07-15 08:12</span>"
            "<a class='follow' href='javascript:;'>+关注</a></div>",
            "2019-07-15T08:12:00+08:00",
        ),
        ("<div class='m-info'><span class='m-time'>07-15 08:12</span></div>", None),
    ],
)
def test_an_author_card_with_a_time_under_a_headline_inside_the_body(
    card: str, expected: str | None
) -> None:
    """m.sohu.com's <article> holds the headline, the account's card with its time and
    a +关注 link, then the text: the card is the page's line, not the text's opening."""
    shown = "".join(f"<p>{p}</p>" for p in P0)
    folded = "".join(f"<p>{p}</p>" for p in P1)
    page = (
        '<html><head><meta charset="utf-8"><title>标题测试新闻_手机搜狐网</title></head><body>'
        "<section class='article-wrapper'><article class='article-content'>"
        f"<h2 class='title-info'>标题测试新闻</h2>{card}"
        f"<div class='article-text'><div class='display-content'>{shown}</div>"
        f"<div class='hidden-content hide' style='display:none'>{folded}</div>"
        "<div class='lookall-box'><a class='lookall'>展开剩余70%</a></div></div>"
        "</article></section></body></html>"
    ).encode()
    article = parse_article(page, UNDATED_URL)
    assert article.published_at == expected
    assert article.sections == [Section(None, P0 + P1)]


_TAGS = "<span>标签：<a href='/tag/1/'>大模型</a>、<a href='/tag/2/'>人工智能</a></span>"


@pytest.mark.parametrize(
    ("footer", "source"),
    [
        (f"<footer><span class='x'>文章来源：澎湃新闻</span>{_TAGS}</footer>", "澎湃新闻"),
        (
            "<div class='ft'><p>本文来源：<a href='https://www.thepaper.cn/'>澎湃新闻</a></p></div>",
            "澎湃新闻",
        ),
        ("<div class='ft'>来源：中国青年报</div>", "中国青年报"),
        # a chart's, a photo's, or another article's source is not the article's
        ("<div class='ft'>数据来源：国家统计局</div>", None),
        ("<div class='ft'>图片来源：视觉中国</div>", None),
        (
            "<ul><li><a href='/a/1.html'>另一篇文章的标题很长很长很长</a>"
            "<span>来源：新华网</span></li></ul>",
            None,
        ),
    ],
)
def test_a_source_line_under_the_article_outside_its_text(footer: str, source: str | None) -> None:
    assert parse_article(_small_page(after=footer), URL).source == source


@pytest.mark.parametrize(
    ("above", "head", "expected"),
    [
        ("<div class='post-date'>日期：2024.10.30</div>", "", "2024-10-30T00:00:00+08:00"),
        ("<p>2024-10-30 09:15</p>", "", "2024-10-30T09:15:00+08:00"),
        # what the page declares for machines comes first
        (
            "<p>2024-10-30</p>",
            "<meta property='article:published_time' content='2024-10-29T08:00:00+08:00'>",
            "2024-10-29T08:00:00+08:00",
        ),
        # a header's date bar, an event's days: not a publish date
        ("<div class='top'>2024年11月27日 星期三 欢迎访问</div>", "", None),
        ("<p>2025年7月26日-28日</p>", "", None),
    ],
)
def test_a_date_alone_right_above_the_headline(above: str, head: str, expected: str | None) -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in P0 + P1)
    page = (
        f'<html><head><meta charset="utf-8"><title>标题测试新闻</title>{head}</head><body>'
        f"<div class='post'>{above}<h2>标题测试新闻</h2><div class='article-body'>{paragraphs}"
        "</div></div></body></html>"
    ).encode()
    assert parse_article(page, UNDATED_URL).published_at == expected


def test_an_unlabelled_date_known_by_its_elements_id() -> None:
    """A WeChat article's time is only ``<em id="publish_time">``."""
    header = (
        "<div class='meta'><span>张心怡</span><a>智能制造观察</a>"
        "<em id='publish_time'>2024-03-08 18:32</em><span>湖南</span></div>"
    )
    assert parse_article(_headed(header), URL).published_at == "2024-03-08T18:32:00+08:00"


def _article_page(inner: str) -> bytes:
    return (
        '<html><head><meta charset="utf-8"><title>标题测试新闻_人工智能实验室</title></head><body>'
        f"<article class='post'><h1>标题测试新闻</h1>{inner}</article></body></html>"
    ).encode()


def test_the_text_block_inside_an_article_element_leaves_the_cards_beside_it() -> None:
    card = (
        "<div class='author'><img src='/avatar/u_1.png' alt='林知远'>"
        "<p class='bio'>资深作者，关注企业服务与人工智能应用</p></div>"
        "<div class='points'><div>划重点</div><ul><li>大模型市场已经历三轮集体降价。</li>"
        "<li>创业公司的交付和定制成本成为新的压力。</li></ul></div>"
    )
    text = "".join(f"<p>{p}</p>" for p in P0 + P1 + P0 + P1)
    article = parse_article(_article_page(f"{card}<div class='x-content'>{text}</div>"), URL)
    assert article.sections == [Section(None, P0 + P1 + P0 + P1)]
    assert article.images == []


def test_a_linked_author_card_beside_the_text_block_leaves_with_it() -> None:
    """Tencent's omn template: a column of the date in boxes and the account's card, an
    avatar and a name in one link, beside the text block in the known container. The
    avatar is the card's, no figure that would make the column text."""
    column = (
        "<div class='left-stick-wp'><div class='year'><span>2018</span></div>"
        "<div class='md'>05/16</div><div class='time'>09:12</div>"
        "<a class='author' href='//new.qq.com/omn/author/5123456'>"
        "<img src='//inews.gtimg.com/avatar_5123456/0' alt=''><div>未来餐饮科技</div></a>"
        "<div class='qq-follow'>关注</div></div>"
    )
    text = "".join(f"<p>{p}</p>" for p in P0 + P1)
    page = (
        '<html><head><meta charset="utf-8"><title>标题测试新闻_腾讯新闻</title></head><body>'
        f"<h1>标题测试新闻</h1><div class='content clearfix'>{column}"
        f"<div class='content-article'>{text}</div></div></body></html>"
    ).encode()
    article = parse_article(page, URL)
    assert article.sections == [Section(None, P0 + P1)]
    assert article.images == []


def test_an_article_elements_text_in_two_blocks_is_kept_whole() -> None:
    first = "".join(f"<p>{p}</p>" for p in P0 + P1)
    second = "".join(f"<p>{p}</p>" for p in P1 + P0)
    page = _article_page(f"<div class='part-a'>{first}</div><div class='part-b'>{second}</div>")
    assert parse_article(page, URL).sections == [Section(None, P0 + P1 + P1 + P0)]


def test_a_forum_posts_publish_line_apart_from_its_source_line() -> None:
    """Discuz: 发表于 in the post's header, 来源 and 阅读 on a line of their own, both in the
    post's cell beside the text (so no row holds the two lines without the text)."""
    text = "".join(f"<p>{p}</p>" for p in P0 + P1)
    text += "<p>[ 本帖最后由 newsbot 于 2006-8-16 09:12 编辑 ]</p>"
    page = (
        '<html><head><meta charset="utf-8"><title>标题测试新闻</title></head><body>'
        "<h1>标题测试新闻</h1><table><tr><td class='postcontent'>"
        "<div class='postinfo'><strong>楼主</strong> 发表于 2006-8-15 21:03 | "
        "<a href='/t?authorid=2'>只看该作者</a></div>"
        "<div class='newsinfo'>新闻中心 | 来源：计算机世界 | 阅读：532</div>"
        f"<div id='Content' class='t_msgfont'>{text}</div></td></tr></table></body></html>"
    ).encode()
    article = parse_article(page, URL)
    assert (article.source, article.views, article.published_at) == (
        "计算机世界",
        532,
        "2006-08-15T21:03:00+08:00",
    )
    assert article.sections == [Section(None, P0 + P1)]


def test_a_title_with_the_sites_tagline_after_its_name() -> None:
    page = _headed_page("无人配送车获准上路_车联网_人工智能实验室-AI,机器人,物联网资讯门户", "")
    assert parse_article(page, URL).title == "无人配送车获准上路"


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        # Typecho: the meta line is a list, whose items PUBLISHED_TIME_XPATH passes over
        (
            "<ul class='post-meta'><li>作者: 老K</li><li>时间: <time datetime="
            "'2024-09-30T21:47:12+08:00'>2024-09-30</time></li></ul>",
            "2024-09-30T21:47:12+08:00",
        ),
        # a time marked as the last change is not the publish time
        (
            "<ul class='post-meta'><li>更新于 <time itemprop='dateModified' datetime="
            "'2024-10-02T08:00:00+08:00'>10-02</time></li></ul>",
            None,
        ),
    ],
)
def test_a_time_element_in_the_meta_line_under_the_headline(
    meta: str, expected: str | None
) -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in P0 + P1)
    page = _article_page(f"{meta}<div class='post-content'>{paragraphs}</div>")
    assert parse_article(page, UNDATED_URL).published_at == expected


MOBILE_LINE = (
    "<div class='m-info'><span class='m-src'>澎湃新闻</span>"
    "<span class='m-time'>11-11 16:40</span><span class='m-read'>3.5万阅读</span></div>"
)
FLASH_LINE = (
    "<div class='flash-meta'><span class='source'>钛媒体</span>"
    "<time class='pubtime'>2024-11-11 14:52</time></div>"
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (MOBILE_LINE, ("澎湃新闻", "2024-11-11T16:40:00+08:00", 35000)),
        (FLASH_LINE, ("钛媒体", "2024-11-11T14:52:00+08:00", None)),
    ],
    ids=["mobile-yearless-day", "flash-news"],
)
def test_an_unlabelled_line_under_a_headline_inside_the_body_gives_the_fields(
    line: str, expected: tuple[str, str, int | None]
) -> None:
    """A mobile or flash-news template prints source, time and views with no labels,
    between an ``<article>``'s headline and its text: the line is the info line, not
    the text's first paragraph."""
    paragraphs = "".join(f"<p>{p}</p>" for p in P0)
    note = "<div class='m-note'>本文来自合作媒体，转载请注明出处。</div>"
    page = _article_page(f"{line}<div class='m-content'>{paragraphs}</div>{note}")
    article = parse_article(page, URL)
    assert (article.source, article.published_at, article.views) == expected
    assert article.sections[0].paragraphs[:2] == P0


def test_an_unlabelled_line_inside_the_wrapper_of_the_text_gives_the_views() -> None:
    """WordPress themes put the meta line in ``entry-content`` beside the text block, and
    mark the count with an icon and a class only."""
    paragraphs = "".join(f"<p>{p}</p>" for p in P0 + P1)
    page = (
        '<html><head><meta charset="utf-8"><title>标题测试新闻_人工智能实验室</title></head>'
        "<body><article class='post'><header class='entry-header'><h1>标题测试新闻</h1>"
        "</header><div class='entry-content'><div class='single-meta'>"
        "<span class='my-date'>2024年11月11日</span>"
        "<span class='views'><i class='be be-eye'></i> 1286</span></div>"
        f"<div class='single-content'>{paragraphs}</div></div></article></body></html>"
    ).encode()
    article = parse_article(page, URL)
    assert (article.published_at, article.views) == ("2024-11-11T00:00:00+08:00", 1286)
    assert article.sections == [Section(None, P0 + P1)]


def test_an_unlabelled_line_after_the_first_sentence_is_text() -> None:
    """Once a sentence has begun the text, a line of classed spans is the article's."""
    lead = "<p>记者从会上获悉。</p>"
    paragraphs = "".join(f"<p>{p}</p>" for p in P0 + P1)
    article = parse_article(_article_page(f"{lead}{MOBILE_LINE}{paragraphs}"), UNDATED_URL)
    assert (article.source, article.views) == (None, None)


@pytest.mark.parametrize(
    ("card", "views"),
    [
        # 36氪's author card beside the text: the author's articles and their total reads
        ("<div class='author-stat'><span>文章 486</span><span>阅读 312万</span></div>", None),
        ("<div class='user-info'>帖子 1208 积分 3360 阅读 5.2万</div>", None),
        # a count beside the article's own date is the article's
        ("<div class='stat'><span>2024-05-20</span> <span>阅读 3120</span></div>", 3120),
    ],
)
def test_an_authors_card_gives_the_article_no_views(card: str, views: int | None) -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in P0 + P1)
    page = (
        '<html><head><meta charset="utf-8"><title>标题测试新闻_人工智能实验室</title></head>'
        f"<body><div class='main'><h1>标题测试新闻</h1><div class='content'>{paragraphs}</div>"
        f"</div><div class='side'><div class='author-name'>邱晓芬</div>{card}</div></body></html>"
    ).encode()
    assert parse_article(page, URL).views == views


WRITER = (
    "<script>$.ajax({url: '/index.php?s=api&c=module&m=hits&id=125', dataType: 'jsonp',"
    " success: function(data){ $('.dr_show_hits_125').html(data.msg); }});</script>"
)


@pytest.mark.parametrize(
    ("count", "script", "views"),
    [
        # 迅睿CMS: the 0 its script overwrites is a placeholder
        ("<i class='fa fa-eye'></i> <span class='dr_show_hits_125'>0</span>", WRITER, None),
        (
            "浏览：<span id='hits'>0</span>",
            "<script>getElementById('hits').innerHTML = n;</script>",
            None,
        ),
        # a count the page prints is read, and a 0 no script writes is a 0
        ("<i class='fa fa-eye'></i> <span class='dr_show_hits_125'>1234</span>", WRITER, 1234),
        ("浏览：<span id='hits'>0</span>", "", 0),
    ],
)
def test_a_zero_that_a_script_overwrites_is_no_count(
    count: str, script: str, views: int | None
) -> None:
    top = f"<div class='info'>2024-05-20 09:12 来源：新华网 {count}{script}</div>"
    assert parse_article(_page(top=top), URL).views == views


@pytest.mark.parametrize("meta_class", ["meta", "card-meta"])
def test_a_sidebar_cards_line_gives_this_article_no_source_or_views(meta_class: str) -> None:
    """A recommendation card holds another article's title link and its line
    (``来源：新华网 | 浏览：9876``); with no line of its own, the article has neither."""
    cards = "".join(
        f"<div class='r-card'><a href='/news/2018101{n}/54{n}0.html'><h4>{title}</h4></a>"
        f"<p class='{meta_class}'>来源：{source} | 浏览：{views}</p></div>"
        for n, (title, source, views) in enumerate(
            [
                ("刷脸支付在便利店试点", "新华网", 9876),
                ("人脸识别技术标准体系加快建设", "科技日报", 7302),
            ]
        )
    )
    paragraphs = "".join(f"<p>{p}</p>" for p in P0 + P1)
    page = (
        '<html><head><meta charset="utf-8"><title>标题测试新闻_人工智能实验室</title></head><body>'
        "<div class='detail-l'><h1 class='detail-title'>标题测试新闻</h1>"
        f"<div class='TRS_Editor'>{paragraphs}</div></div>"
        f"<div class='detail-r'><div class='r-box'>{cards}</div></div></body></html>"
    ).encode()
    article = parse_article(page, URL)
    assert (article.source, article.views) == (None, None)
    assert article.sections == [Section(None, P0 + P1)]


def test_a_permalink_printed_as_the_day_leaves_the_line_beside_it() -> None:
    """A WordPress theme's meta list links the day to the post (``<a href="/2021/04/09/
    …">2021年04月09日</a>``, a hidden update day beside it): a date is no other
    article's title, so the 来源 item beside it is the article's."""
    paragraphs = "".join(f"<p>{p}</p>" for p in P0 + P1)
    day = (
        "<a href='/2021/04/09/notice/'><time class='entry-date published'>2021年04月09日</time>"
        "<time class='updated' style='display:none'>2021年04月12日</time></a>"
    )
    page = (
        '<html><head><meta charset="utf-8"><title>标题测试新闻_人工智能实验室</title></head><body>'
        "<header class='entry-header'><h1 class='entry-title'>标题测试新闻</h1>"
        "<ul class='post-meta'><li class='post-author'>"
        "<span>来源：长三角人工智能产业联盟秘书处</span></li>"
        f"<li class='post-date'><span>{day}</span></li></ul></header>"
        f"<div class='entry-content'>{paragraphs}</div></body></html>"
    ).encode()
    article = parse_article(page, URL)
    assert article.source == "长三角人工智能产业联盟秘书处"
    assert article.published_at is not None and article.published_at.startswith("2021-04-09")
    assert article.sections == [Section(None, P0 + P1)]


def test_a_headline_linking_to_its_own_page_leaves_the_line_under_it() -> None:
    """Typecho and WordPress link the headline to the article itself: the line beside
    it is still the article's."""
    paragraphs = "".join(f"<p>{p}</p>" for p in P0 + P1)
    page = (
        '<html><head><meta charset="utf-8"><title>标题测试新闻_人工智能实验室</title></head><body>'
        f"<div class='post-head'><h1><a href='{URL}'>标题测试新闻稍长一些的标题</a></h1>"
        "<p class='meta'>来源：新华网 | 浏览：321</p></div>"
        f"<div class='post-content'>{paragraphs}</div></body></html>"
    ).encode()
    article = parse_article(page, URL)
    assert (article.source, article.views) == ("新华网", 321)


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("发布者：人工智能学院&emsp;发布时间：2022-11-02 10:15&emsp;浏览次数：312", "人工智能学院"),
        ("发布机构：上海市经济和信息化委员会 发布日期：2022-11-02", "上海市经济和信息化委员会"),
        ("發布單位：資訊工程學系 | 發佈日期：2022-11-02 | 點閱數：312", "資訊工程學系"),
        # the person who posted it is no source, and a 来源 beside it wins
        ("发布者：张伟&emsp;发布时间：2022-11-02 10:15&emsp;浏览次数：312", None),
        ("发布者：人工智能学院 来源：新华网 发布时间：2022-11-02 10:15", "新华网"),
    ],
)
def test_a_publisher_label_naming_a_body_gives_the_source(line: str, source: str | None) -> None:
    _assert_detail_source(f"<p class='detail-meta'>{line}</p>", source)


def _assert_detail_source(info: str, source: str | None) -> None:
    """A detail page with ``info`` under its headline gives ``source``, the day and the
    text whole."""
    paragraphs = "".join(f"<p>{p}</p>" for p in P0 + P1)
    page = (
        '<html><head><meta charset="utf-8"><title>标题测试新闻_人工智能学院</title></head><body>'
        f"<div class='detail'><h1>标题测试新闻</h1>{info}"
        f"<div class='detail-content'>{paragraphs}</div></div></body></html>"
    ).encode()
    article = parse_article(page, URL)
    assert article.source == source
    assert article.published_at is not None and article.published_at.startswith("2022-11-02")
    assert article.sections == [Section(None, P0 + P1)]


@pytest.mark.parametrize(
    ("info", "source"),
    [
        # a table of label cells and value cells: the label alone in its cell
        (
            "<table class='baseTB'><tr><td>發佈單位</td><td>電機工程學系</td></tr>"
            "<tr><td>發佈日期</td><td>2022-11-02</td></tr>"
            "<tr><td>點閱數</td><td>856</td></tr></table>",
            "電機工程學系",
        ),
        # a Taiwan government list: 資料來源 names the issuing unit
        (
            "<ul class='info'><li>發布日期：2022-11-02</li><li>資料來源：數位產業署</li>"
            "<li>點閱數：1,532</li></ul>",
            "數位產業署",
        ),
        (
            "<table><tr><td>發佈日期：2022-11-02</td><td>資料來源：台灣智慧自動化與機器人協會"
            "</td><td>點閱數：2,417</td></tr></table>",
            "台灣智慧自動化與機器人協會",
        ),
        # a 来源 beside it wins; a data source within a line names the data
        (
            "<ul class='info'><li>發布日期：2022-11-02</li><li>來源：中央社</li>"
            "<li>資料來源：數位產業署</li></ul>",
            "中央社",
        ),
        (
            "<p class='info'>发布日期：2022-11-02 资料来源显示的数据：国家统计局</p>",
            None,
        ),
    ],
)
def test_a_publisher_in_its_own_cell_or_line_gives_the_source(
    info: str, source: str | None
) -> None:
    _assert_detail_source(info, source)


def test_a_data_source_note_in_the_text_is_no_source() -> None:
    """``资料来源：国家统计局`` under a chart in the text names the chart's data, even as
    a line of its own, and an info line without a date is no place for it either."""
    paragraphs = "".join(f"<p>{p}</p>" for p in P0)
    page = (
        '<html><head><meta charset="utf-8"><title>标题测试新闻</title></head><body>'
        "<div class='detail'><h1>标题测试新闻</h1><p class='info'>点击：312</p>"
        f"<div class='detail-content'>{paragraphs}<p>资料来源：国家统计局</p>"
        f"<p>{P1[0]}</p></div></div></body></html>"
    ).encode()
    article = parse_article(page, URL)
    assert article.source is None
    assert "资料来源：国家统计局" in article.sections[0].paragraphs


@pytest.mark.parametrize("own_line", [True, False])
def test_a_web_clips_attribute_table_above_the_headline_gives_way(own_line: bool) -> None:
    """印象笔记's export: the note's table (创建时间, 更新时间, 来源 with the address
    clipped) above the clipped page. The page's own line after its headline is the info
    line; without one, the line above the headline is all there is."""
    paragraphs = "".join(f"<p>{p}</p>" for p in P0 + P1)
    table = (
        "<table bgcolor='#D4DDE5'><tr><td><b>创建时间：</b></td><td><i>2018/4/12 17:31</i>"
        "</td></tr><tr><td><b>更新时间：</b></td><td><i>2018/4/12 17:33</i>"
        f"</td></tr><tr><td><b>来源：</b></td><td><a href='{URL}'><i>{URL}</i></a></td></tr>"
        "</table>"
    )
    line = "<div><span>来源：健康报</span><span>发布日期：2018-04-10 07:55:12</span></div>"
    page = (
        '<html><head><meta charset="utf-8"><title>标题测试新闻</title></head><body>'
        f"{table}<div class='clip'><h1>标题测试新闻</h1>{line if own_line else ''}"
        f"<div>{paragraphs}</div></div></body></html>"
    ).encode()
    article = parse_article(page, URL)
    expected = "2018-04-10T07:55:12" if own_line else "2018-04-12T17:31:00"
    assert article.published_at is not None and article.published_at.startswith(expected)
    assert article.sections == [Section(None, P0 + P1)]


def test_a_source_label_and_its_value_in_separate_elements() -> None:
    """``<span class="label">来源：</span><a class="val">新华网</a>``: the value is in
    the label's line, not in the label's element."""
    line = (
        "<div class='info-line1'><span class='label'>来源：</span><a class='val'"
        " href='http://www.news.cn/'>新华网</a><span class='sep'>|</span>"
        "<span class='label'>作者：</span><span class='val'>张漫</span></div>"
        "<div class='info-line2'><span class='label'>发布时间：</span>"
        "<span class='val'>2022-05-18 16:42</span><span class='sep'>|</span>"
        "<span class='label'>阅读：</span><span class='val'>3,867</span></div>"
    )
    article = parse_article(_page(top=line), URL)
    assert (article.source, article.published_at, article.views) == (
        "新华网",
        "2022-05-18T16:42:00+08:00",
        3867,
    )


@pytest.mark.parametrize(
    ("meta", "source"), [("36氪", "36氪"), ("来源：人民网－人民日报", "人民网－人民日报")]
)
def test_the_source_a_meta_declares_when_none_is_printed(meta: str, source: str) -> None:
    page = _page(head=f'<meta name="source" content="{meta}">')
    assert parse_article(page, URL).source == source


@pytest.mark.parametrize("meta", ["", "http://www.36kr.com/", "2022-09-01"])
def test_no_source_from_an_empty_address_or_date_meta(meta: str) -> None:
    page = _page(head=f'<meta name="source" content="{meta}">')
    assert parse_article(page, URL).source is None


def test_a_printed_source_wins_over_the_meta_s() -> None:
    page = _page(head='<meta name="source" content="36氪">', top="<p>来源：新华网</p>")
    assert parse_article(page, URL).source == "新华网"


def test_the_views_in_a_toolbar_of_buttons_under_the_text() -> None:
    """Typecho's toolbar: the like and share buttons are links to nowhere, so the line is
    no list of links to other articles."""
    bar = (
        "<div class='post-toolbar'><a class='btn-like' href='javascript:;'>点赞"
        " <span>56</span></a><span class='post-views'><i class='icon-eye'></i>浏览 4,521</span>"
        "<a href='#comments'>评论 7</a><a href='javascript:;'>分享</a></div>"
    )
    paragraphs = "".join(f"<p>{p}</p>" for p in P0 + P1)
    page = (
        '<html><head><meta charset="utf-8"><title>标题测试新闻_人工智能实验室</title></head>'
        f"<body><div class='post'><h1>标题测试新闻</h1><div class='post-content'>{paragraphs}"
        f"</div>{bar}</div></body></html>"
    ).encode()
    assert parse_article(page, URL).views == 4521


def test_the_views_in_a_post_footer_inside_the_body() -> None:
    """A WordPress theme's ``<footer>`` inside the text's element holds the post's
    counts; the text leaves it out, the views are read from it."""
    footer = (
        "<footer class='single-footer'><ul class='single-meta'><li class='comment'>"
        "<a href='#comments'>3条评论</a></li><li class='views'><i class='be be-eye'></i>"
        "1.2万次浏览</li></ul></footer>"
    )
    paragraphs = "".join(f"<p>{p}</p>" for p in P0 + P1)
    article = parse_article(_page(body=paragraphs + footer), URL)
    assert (article.views, article.sections) == (12000, [Section(None, P0 + P1)])


@pytest.mark.parametrize("after", ["", "<p class='pic-info'>图1 机器人在车间搬运零件</p>"])
def test_the_info_line_under_a_text_with_a_picture_in_it(after: str) -> None:
    """A theme prints the info line after the text, inside the body's element, where
    the text's walk reads it: its view count is the article's, like its source and
    date (the block before it holds a picture, so no search for an info line takes a
    line there)."""
    headline = "国内多支围棋人工智能团队扎堆亮相专家呼吁把深度学习用到医疗影像"
    text = "".join(f"<p>{p}</p>" for p in P0)
    text += f"<p><img src='/uploads/2016/05/go.jpg' alt='对弈界面'></p>{after}"
    text += "".join(f"<p>{p}</p>" for p in P1)
    line = "发布时间：2016-05-12 14:20　来源：雷锋网　浏览：1208次　评论：<a href='#c'>2</a>"
    page = (
        f'<html><head><meta charset="utf-8"><title>{headline}_人工智能实验室</title></head>'
        "<body><div class='content'><div class='post'>"
        f"<h2 class='post-title'>{headline}</h2><div class='post-body'>{text}</div>"
        f"<div class='post-info'>{line}</div></div></div></body></html>"
    ).encode()
    article = parse_article(page, URL)
    assert (article.source, article.published_at, article.views) == (
        "雷锋网",
        "2016-05-12T14:20:00+08:00",
        1208,
    )
    assert "发布时间" not in "".join(p for s in article.sections for p in s.paragraphs)


def test_a_note_under_a_picture_block_at_the_end_is_the_picture_s() -> None:
    """The same line under a block that ends with its picture stays the figure's
    note, as before: ``来源：`` under a chart names the chart's source."""
    text = "".join(f"<p>{p}</p>" for p in P0 + P1)
    text += "<div class='pic'><p>下图为各地测试里程。</p><img src='/uploads/chart.png'></div>"
    text += "<p>来源：国家统计局</p>"
    article = parse_article(
        _page(body=text, top="<div class='info'>2024-11-11 来源：经济日报</div>"), URL
    )
    assert article.source == "经济日报"


@pytest.mark.parametrize(
    "comments",
    [
        "<div class='ttp-comment-wrapper'><div class='title'>评论 57</div><ul>{items}</ul></div>",
        "<ul class='comment-list'>{items}</ul>",
        "<div id='respond' class='comments-area'><ol>{items}</ol></div>",
    ],
)
def test_a_comment_area_beside_the_text_is_not_the_article_s(comments: str) -> None:
    """A platform's comments under the text, in the block that holds the headline, its
    line and the text: the comments leave, and the text's own block is the body."""
    items = "".join(
        f"<li><span class='comment-user'>{user}</span><p>{said}</p><span>2022-03-1{n}</span></li>"
        for n, (user, said) in enumerate(
            [
                ("用户7281934052", "价格再降一半我就买一台给孩子玩，现在还是太贵了"),
                ("机械臂老王", "关节电机的散热问题解决了吗？夏天户外跑半小时就过热"),
                ("深蓝读者", "续航只有一个小时，遛狗都不够，期待下一代产品"),
            ]
        )
    )
    text = "".join(f"<p>{p}</p>" for p in P0 + P1 + P2)
    page = (
        '<html><head><meta charset="utf-8"><title>标题测试新闻 - 今日头条</title></head><body>'
        "<div class='article-content'><h1>标题测试新闻</h1>"
        "<div class='article-meta'><span class='original-mark'>原创</span>"
        "<span>2022-03-15 18:04</span><span class='dot'>·</span>"
        "<span class='name'><a href='/c/user/token/MS4w/'>深蓝科技评论</a></span></div>"
        f"<article class='tt-article-content'>{text}</article>"
        f"{comments.format(items=items)}</div></body></html>"
    ).encode()
    article = parse_article(page, URL)
    assert article.sections == [Section(None, P0 + P1 + P2)]
    assert article.published_at == "2022-03-15T18:04:00+08:00"


def test_a_source_classed_element_holding_a_labelled_date_gives_no_source() -> None:
    """Baijiahao's ``<div class="article-source"><span>发布时间：08-16</span><span>09:41
    </span>``: the element is named for the source, and prints a year-less date."""
    text = "".join(f"<p>{p}</p>" for p in P0 + P1)
    page = (
        '<html><head><meta charset="utf-8"><title>标题测试新闻</title></head><body>'
        "<div class='article'><h2 class='index-module_articleTitle'>标题测试新闻</h2>"
        "<div class='article-source article-source-bjh'><span class='date'>发布时间：08-16</span>"
        "<span class='time'>09:41</span></div>"
        f"<div class='article-content'>{text}</div></div></body></html>"
    ).encode()
    article = parse_article(page, "https://baijiahao.baidu.com/s?id=1641987654321098765")
    assert article.source is None
    assert article.sections == [Section(None, P0 + P1)]


@pytest.mark.parametrize(
    ("href", "rel", "views"),
    [
        ("/u/7c9e1b2a3d4f", "", 1837),  # 简书
        ("https://www.zhihu.com/people/lu-lu-42", "", 1837),  # 知乎
        ("/c/user/token/MS4wLjABAAAA/", "", 1837),  # 头条
        ("/blog/?p=88", "author", 1837),  # rel="author"
        # a link to another article beside the line: a card's, not this article's
        ("/p/5e4f3a2b1c0d", "", None),
        ("/users-guide/2019/04/12.html", "", None),
    ],
)
def test_an_author_card_beside_the_line_leaves_it_the_article_s(
    href: str, rel: str, views: int | None
) -> None:
    """A platform prints the writer's card over the text: a profile link named
    ``北漂回乡的阿鹿``, a 关注 button, and the line ``2019.04.02 20:35 字数 2,614 阅读 1,837``.
    A name of seven Han characters read as another article's title, and the line as
    that article's card."""
    paragraphs = "".join(f"<p>{p}</p>" for p in P0 + P1)
    page = (
        '<html><head><meta charset="utf-8"><title>标题测试新闻 - 简书</title></head><body>'
        "<section><h1>标题测试新闻</h1><div class='rEsl9f'><div>"
        f"<a class='_1OhGeD' href='{href}' rel='{rel}'>北漂回乡的阿鹿</a>"
        "<button type='button'><span>关注</span></button></div>"
        "<div class='s-dsoj'><span>2019.04.02 20:35</span><span>字数 2,614</span>"
        "<span>阅读 1,837</span></div></div>"
        f"<article>{paragraphs}</article></section></body></html>"
    ).encode()
    article = parse_article(page, UNDATED_URL)
    assert article.views == views
    assert article.sections == [Section(None, P0 + P1)]


@pytest.mark.parametrize(
    ("line", "views"),
    [
        ("<span class='read-num'>阅读 (<em data-role='pv'>2176</em>)</span>", 2176),
        ("<span>浏览次数：<b>1,208</b></span>", 1208),
        # the label's number is another count's
        ("<span>阅读 (<em>12</em>条评论)</span>", None),
        ("<span>推荐阅读</span><span>36</span>", None),
    ],
)
def test_a_count_in_its_own_element_after_a_label_under_the_text(
    line: str, views: int | None
) -> None:
    """搜狐号 prints ``阅读 (<em>2176</em>)`` under the text, the number in an element of
    its own: the label's text node holds no number."""
    paragraphs = "".join(f"<p>{p}</p>" for p in P0 + P1)
    page = (
        '<html><head><meta charset="utf-8"><title>标题测试新闻_搜狐</title></head><body>'
        "<div class='text'><div class='text-title'><h1>标题测试新闻</h1>"
        "<div class='article-info'><span class='time'>2021-09-28 14:43</span>"
        "<span>来源: 数智洞察</span></div></div>"
        f"<article class='article'>{paragraphs}</article>"
        f"<div class='bottom-relate-wrap'>{line}"
        "<a class='report' href='javascript:void(0)'>投诉</a></div></div></body></html>"
    ).encode()
    article = parse_article(page, UNDATED_URL)
    assert (article.source, article.views) == ("数智洞察", views)
    assert article.sections == [Section(None, P0 + P1)]


@pytest.mark.parametrize(
    ("statement", "source"),
    [
        ("<p>本文由 36氪 原创出品，未经许可禁止转载。</p>", "36氪"),
        (
            "<p class='copyright-note'>雷峰网原创文章，未经授权禁止转载。详情见转载须知。</p>",
            "雷峰网",
        ),
        ("<p>（本文首发钛媒体App，作者｜林志佳，编辑｜胡润峰）</p>", "钛媒体"),
        (
            "<p><span>本文来自微信公众号：<a href='https://mp.weixin.qq.com/s/abc'>"
            "腾讯科技 （ID：qqtech）</a>，作者：郭晓静，题图来自：视觉中国</span></p>",
            "腾讯科技",
        ),
        ("<p>智东西（公众号：zhidxcom）<br>作者 | 李水青<br>编辑 | 心缘</p>", "智东西"),
        ("<p>整理 | 郑丽媛<br>出品 | CSDN（ID：CSDNnews）</p>", "CSDN"),
        ("<p>此内容为第一财经原创。未经第一财经授权，不得以任何方式加以使用。</p>", "第一财经"),
    ],
)
def test_an_origin_statement_names_the_source_when_no_label_does(
    statement: str, source: str
) -> None:
    """Tech media mark their own articles (``本文由极客公园原创``) and name a reprint's
    origin (``本文来自微信公众号：…``) in a statement, not a ``来源`` label."""
    body = "".join(f"<p>{p}</p>" for p in P0 + P1) + statement
    assert parse_article(_page(body=body), URL).source == source


@pytest.mark.parametrize(
    "statement",
    [
        "<p>版权声明：本文为博主原创文章，遵循 CC 4.0 BY-SA 版权协议。</p>",  # names nobody
        "<p>他说这是原创文章，很好，值得一读。</p>",  # a sentence, no prohibition
        "<p>本文由记者原创，转载请注明出处。</p>",
    ],
)
def test_a_statement_naming_no_outlet_gives_no_source(statement: str) -> None:
    body = "".join(f"<p>{p}</p>" for p in P0 + P1) + statement
    assert parse_article(_page(body=body), URL).source is None


def test_a_label_wins_over_an_origin_statement() -> None:
    body = "".join(f"<p>{p}</p>" for p in P0) + "<p>本文为亿欧原创，未经授权禁止转载。</p>"
    page = _page(top="<div class='info'>来源：亿欧网</div>", body=body)
    assert parse_article(page, URL).source == "亿欧网"
