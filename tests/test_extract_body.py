"""Bodies structured in ways the portal's own template does not use.

Each test is one body habit that once lost, merged or misfiled article text: text beside
an image, subheadings that open with a widget word, tables, an exhibition's time lines,
formulas, players, hidden anti-scraping strings. The expected record keeps every line of
the article's text where a reader sees it.
"""

from __future__ import annotations

import pytest

from newsarchive.extract import parse_article
from newsarchive.model import Section
from tests.test_extract_robustness import P0, P1, P2, UNDATED_URL, URL

FIRST = "这是正文的第一段，用来保证页面有足够的中文正文内容。"
LAST = "这是正文的最后一段，它必须出现在记录的正文里。"


def _page(snippet: str, info: str = "来源:新华网&nbsp;&nbsp;发布日期:2024-11-05 10:20:00") -> bytes:
    return (
        '<html><head><meta charset="utf-8"><title>测试文章标题_人工智能实验室</title></head><body>'
        f'<div class="title"><h1>测试文章标题</h1></div><div class="info">{info}</div>'
        f'<div class="content"><p>{FIRST}</p>{snippet}<p>{LAST}</p></div></body></html>'
    ).encode()


def _text(snippet: str, **kwargs: str) -> list[Section]:
    return parse_article(_page(snippet, **kwargs), URL).sections


@pytest.mark.parametrize(
    ("snippet", "text"),
    [
        (
            '<p><img src="/uploads/a.jpg" alt=""><br>'
            "　　厂区负责人介绍，工厂80%的工序已经实现自动化。</p>",
            ["厂区负责人介绍，工厂80%的工序已经实现自动化。"],
        ),
        (
            '<p>第一段。<br><br><img src="/uploads/b.jpg"><br><br>'
            "业内人士指出，全无人运营迈过了门槛。<br><br>第四段。</p>",
            ["第一段。", "业内人士指出，全无人运营迈过了门槛。", "第四段。"],
        ),
        # an image inside a sentence (a formula) neither splits it nor takes a caption
        (
            '<p>损失函数定义为<img src="/uploads/f1.gif" alt="">，其中y为真实标签。</p>',
            ["损失函数定义为，其中y为真实标签。"],
        ),
    ],
)
def test_article_text_beside_an_image_stays_text(snippet: str, text: list[str]) -> None:
    article = parse_article(_page(snippet), URL)
    assert article.sections == [Section(None, [FIRST, *text, LAST])]
    assert [i.caption for i in article.images] == [None]


@pytest.mark.parametrize(
    "snippet",
    [
        '<p align="center"><img src="/uploads/a.jpg"><br>无人机降落在社区配送柜顶部</p>',
        '<p><img src="/uploads/a.jpg"><br>无人机降落在社区配送柜顶部</p>',
        '<center><img src="/uploads/a.jpg"><br>无人机降落在社区配送柜顶部。记者 张三 摄</center>',
    ],
)
def test_a_caption_in_the_image_block_is_still_the_caption(snippet: str) -> None:
    article = parse_article(_page(snippet), URL)
    assert article.sections == [Section(None, [FIRST, LAST])]
    assert article.images[0].caption is not None
    assert article.images[0].caption.startswith("无人机降落在社区配送柜顶部")


def test_a_caption_that_repeats_the_alt_text_is_the_caption() -> None:
    snippet = (
        '<p><img src="/uploads/d.jpg" alt="无人机降落在社区配送柜顶部"></p>'
        '<p style="text-align:center">无人机降落在社区配送柜顶部</p>'
    )
    article = parse_article(_page(snippet), URL)
    assert [(i.alt, i.caption) for i in article.images] == [("无人机降落在社区配送柜顶部",) * 2]
    assert article.sections == [Section(None, [FIRST, LAST])]


def test_numbers_in_table_cells_are_data_not_section_markers() -> None:
    snippet = (
        "<table><tr><td>城市</td><td>排名</td></tr><tr><td>北京</td><td>1</td></tr>"
        "<tr><td>上海</td><td>2</td></tr></table>"
    )
    assert _text(snippet) == [
        Section(None, [FIRST, "城市", "排名", "北京", "1", "上海", "2", LAST])
    ]


def test_a_sentence_opening_with_a_widget_label_is_text() -> None:
    line = "展开来看，制造业的智能化改造投入占比最高，达到了全部投入的四成以上。"
    assert _text(f"<p>{line}</p><p>展开全文</p><p>分享到：</p>") == [
        Section(None, [FIRST, line, LAST])
    ]


@pytest.mark.parametrize(
    "info", ["来源:新华网&nbsp;&nbsp;发布日期:2024-11-05 10:20:00", "浏览:5次"]
)
def test_an_events_time_and_place_lines_are_text(info: str) -> None:
    """An exhibition article prints its event's 时间/日期 lines: text, and never the
    publish date."""
    lines = ["时间：2024年9月24日—28日", "地点：国家会展中心（上海）", "日期：9月24日"]
    article = parse_article(_page("".join(f"<p>{t}</p>" for t in lines), info=info), UNDATED_URL)
    assert article.sections == [Section(None, [FIRST, *lines, LAST])]
    assert article.published_at == ("2024-11-05T10:20:00+08:00" if "发布" in info else None)


def test_info_lines_at_the_top_of_the_body_are_all_read() -> None:
    body = "<p>来源：经济日报</p><p>发布时间：2024-11-11 08:30</p>" + "".join(
        f"<p>{p}</p>" for p in P0 + P1
    )
    page = (
        '<html><head><meta charset="utf-8"><title>标题测试新闻</title></head><body>'
        f"<h1>标题测试新闻</h1><div class='content'>{body}</div></body></html>"
    ).encode()
    article = parse_article(page, URL)
    assert (article.source, article.published_at) == ("经济日报", "2024-11-11T08:30:00+08:00")
    assert article.sections == [Section(None, P0 + P1)]


def test_a_source_note_under_a_table_in_the_middle_is_text() -> None:
    snippet = "<table><tr><td>北京</td><td>25.6</td></tr></table><p>来源：中国信息通信研究院</p>"
    article = parse_article(_page(snippet, info="浏览:5次"), URL)
    assert article.sections == [
        Section(None, [FIRST, "北京", "25.6", "来源：中国信息通信研究院", LAST])
    ]
    assert article.source is None


def test_a_reprint_source_at_the_end_of_the_body_is_the_source() -> None:
    body = "".join(f"<p>{p}</p>" for p in P0) + "<p>文章来源：经济日报</p>"
    page = (
        '<html><head><meta charset="utf-8"><title>标题测试新闻</title></head><body>'
        f"<h1>标题测试新闻</h1><div class='content'>{body}</div></body></html>"
    ).encode()
    article = parse_article(page, URL)
    assert article.source == "经济日报" and article.sections == [Section(None, P0)]


@pytest.mark.parametrize(
    ("line", "views"),
    [
        ("<div class='post-views'><span>浏览量 </span><span>2,341</span></div>", 2341),
        ("<p>阅读(1208)</p>", 1208),
        ("<p>Views: 96</p>", 96),
    ],
)
def test_a_view_count_under_the_text_is_the_views(line: str, views: int) -> None:
    """A blog's view counter under the text (WordPress's Post Views Counter) is the
    article's count, and leaves the text."""
    body = "".join(f"<p>{p}</p>" for p in P0) + line
    page = (
        '<html><head><meta charset="utf-8"><title>标题测试新闻</title></head><body>'
        f"<h1>标题测试新闻</h1><div class='content'>{body}</div></body></html>"
    ).encode()
    article = parse_article(page, URL)
    assert (article.views, article.sections) == (views, [Section(None, P0)])


def test_a_count_line_between_paragraphs_is_text() -> None:
    article = parse_article(_page("<p>阅读 3</p>", info="来源:新华网"), URL)
    assert article.views is None
    assert article.sections == [Section(None, [FIRST, "阅读 3", LAST])]


def test_an_abstract_in_the_middle_of_the_body_is_text() -> None:
    lines = ["论文标题：Scaling Laws for Neural Language Models", "摘要：本文研究了幂律关系。"]
    article = parse_article(_page("".join(f"<p>{t}</p>" for t in lines)), URL)
    assert article.sections == [Section(None, [FIRST, *lines, LAST])]
    assert article.summary is None


def _headline_page(inner: str) -> bytes:
    """A page titled 标题测试新闻 whose ``<body>`` is ``inner``."""
    return (
        '<html><head><meta charset="utf-8"><title>标题测试新闻</title></head>'
        f"<body>{inner}</body></html>"
    ).encode()


def test_an_unlabelled_lead_box_inside_the_article_is_the_summary() -> None:
    """华尔街见闻's ``<div class="article-summary">`` between the headline and the text,
    in the ``<article>`` that holds both."""
    body = "".join(f"<p>{p}</p>" for p in P0 + P1)
    page = _headline_page(
        "<article><h1>标题测试新闻</h1><div class='article-summary'>人形机器人走进工厂。</div>"
        f"<div class='rich-text'>{body}</div></article>"
    )
    article = parse_article(page, URL)
    assert article.summary == "人形机器人走进工厂。"
    assert article.sections == [Section(None, P0 + P1)]


def test_a_description_declared_by_http_equiv_is_the_summary() -> None:
    head = '<meta http-equiv="description" content="人形机器人走进工厂。">'
    page = _page("").replace(b"<title>", head.encode() + b"<title>")
    assert parse_article(page, URL).summary == "人形机器人走进工厂。"


def test_a_lead_line_is_kept_as_text_when_the_page_has_a_lead_box() -> None:
    body = "<p>摘要：本文研究了幂律关系。</p>" + "".join(f"<p>{p}</p>" for p in P0)
    page = _headline_page(
        "<h1>标题测试新闻</h1><div class='intro'>导读：人形机器人走进工厂。</div>"
        f"<div class='content'>{body}</div>"
    )
    article = parse_article(page, URL)
    assert article.summary == "人形机器人走进工厂。"
    assert article.sections == [Section(None, ["摘要：本文研究了幂律关系。", *P0])]


@pytest.mark.parametrize(
    ("snippet", "line"),
    [
        ("<p>训练算力约为2.1&times;10<sup>25</sup> FLOPs。</p>", "训练算力约为2.1×10²⁵ FLOPs。"),
        ("<p>水的化学式是H<sub>2</sub>O。</p>", "水的化学式是H₂O。"),
        ("<p>据报道<sup>[1]</sup>，该模型参数量巨大。</p>", "据报道[1]，该模型参数量巨大。"),
    ],
)
def test_superscripts_and_subscripts_keep_their_meaning(snippet: str, line: str) -> None:
    assert _text(snippet) == [Section(None, [FIRST, line, LAST])]


def test_player_fallback_text_is_not_text() -> None:
    snippet = (
        '<p><video src="/uploads/m.mp4" controls>您的浏览器不支持 video 标签。</video></p>'
        '<p><audio src="/uploads/m.mp3">您的浏览器不支持 audio 元素。</audio></p>'
    )
    assert _text(snippet) == [Section(None, [FIRST, LAST])]


def test_hidden_anti_scraping_strings_are_not_text_but_hidden_blocks_are() -> None:
    snippet = (
        '<p>人工智能<span style="display:none">ailab.cn版权所有</span>正在改变'
        '<font style="DISPLAY: none">人工智能实验室</font>各行各业。</p>'
        f'<div style="display:none"><p>{P1[0]}</p></div>'  # the rest of a folded article
    )
    assert _text(snippet) == [Section(None, [FIRST, "人工智能正在改变各行各业。", P1[0], LAST])]


def test_strings_hidden_by_the_pages_own_style_or_a_white_font_are_not_text() -> None:
    # DedeCMS's anti-scraping option: a class its <style> hides, in any of four tags
    snippet = (
        "<style> .Rkq583 { display:none; } </style>"
        "<p>人工智能<span class='Rkq583'>本文来自织梦</span>正在改变"
        "<font color='#FFFFFF'>内容来自dedecms</font>各行各业。</p>"
        "<p>机器人产业加速发展。<span class='Rkq583'>织梦好，好织梦</span></p>"
        "<p>国产品牌加速突围。<div class='Rkq583'>copyright dedecms</div></p>"
    )
    assert _text(snippet) == [
        Section(None, [FIRST, "人工智能正在改变各行各业。", "机器人产业加速发展。",
                       "国产品牌加速突围。", LAST])
    ]  # fmt: skip


@pytest.mark.parametrize(
    "snippet",
    [
        # hidden on small screens only
        "<style>@media (max-width: 600px) { .wide { display: none } }</style>"
        "<p>人工智能<span class='wide'>（图表见下）</span>正在改变各行各业。</p>",
        # the class's rule styles, it does not hide
        "<style>.red { color: red }</style>"
        "<p>人工智能<span class='red'>（图表见下）</span>正在改变各行各业。</p>",
        # a hidden class on a selector that is more than a class
        "<style>.nav .wide { display: none }</style>"
        "<p>人工智能<span class='wide'>（图表见下）</span>正在改变各行各业。</p>",
    ],
)
def test_a_class_that_a_style_does_not_hide_everywhere_keeps_its_text(snippet: str) -> None:
    assert _text(snippet) == [
        Section(None, [FIRST, "人工智能（图表见下）正在改变各行各业。", LAST])
    ]


def test_a_sentence_hidden_by_a_class_or_a_white_font_is_kept() -> None:
    snippet = (
        "<style>.more { display: none }</style>"
        "<p>国产芯片份额已超过两成<span class='more'>，明年有望超过四成。</span></p>"
        "<p>机器人产业加速发展<font color='white'>，国产品牌加速突围。</font></p>"
    )
    assert _text(snippet) == [
        Section(None, [FIRST, "国产芯片份额已超过两成，明年有望超过四成。",
                       "机器人产业加速发展，国产品牌加速突围。", LAST])
    ]  # fmt: skip


# ---------------------------------------------------------------- the edges of those rules
@pytest.mark.parametrize(
    ("snippet", "captions"),
    [
        # a caption that is a full sentence, under an image that leads its block
        (
            '<p><img src="/uploads/a.jpg"><br/>8月22日，观众在智博会机器人展区观看表演。</p>',
            ["8月22日，观众在智博会机器人展区观看表演。"],
        ),
        (
            '<p><img src="/uploads/a.jpg"><br/>图1 分拣机器人在快递站作业'
            '<img src="/uploads/b.jpg"><br/>图2 无人车在县城道路上配送</p>',
            ["图1 分拣机器人在快递站作业", "图2 无人车在县城道路上配送"],
        ),
        (
            '<p>&#8203;<img src="/uploads/a.jpg"><br/>无人机在田间喷洒农药</p>',
            ["无人机在田间喷洒农药"],
        ),
        # a paragraph repeating the alt under the image is its caption
        (
            '<p><img src="/uploads/a.jpg" alt="机器人分拣货物"></p><p>机器人分拣货物</p>',
            ["机器人分拣货物"],
        ),
    ],
)
def test_captions_under_images_that_lead_their_block(snippet: str, captions: list[str]) -> None:
    article = parse_article(_page(snippet), URL)
    assert [i.caption for i in article.images] == captions
    assert article.sections == [Section(None, [FIRST, LAST])]


def test_a_lazy_loading_flag_is_not_the_image_address() -> None:
    article = parse_article(_page('<p><img src="/uploads/e1.jpg" data-lazyload="true"></p>'), URL)
    assert [i.url for i in article.images] == ["http://www.ailab.cn/uploads/e1.jpg"]


@pytest.mark.parametrize(
    "widget",
    [
        "<p><strong>相关文章推荐</strong></p><p><a href='/a/1.html'>机器人产业链加速成形</a></p>",
        "<p>相关阅读 <a href='/a/1.html'>机器人产业链</a> <a href='/a/2.html'>人形机器人</a></p>",
        "<p><a href='/a/1.html'>上一篇 国产减速器打破垄断</a></p>",
        "<p>下一篇 没有了</p>",
        "<p>上一篇文章：<a href='/a/1.html'>国产减速器打破垄断</a></p>",
        "<p>版权所有，未经授权不得转载</p>",
        "<p>Copyright@2010-2025 人工智能实验室</p>",
        "<p>版权所有 违者必究</p>",
        "<h3>相关新闻</h3><ul><li><a href='/a/1.html'>国产减速器打破垄断</a></li></ul>",
        "<div class='pl'><h4>网友评论（12）</h4><p>说得很好，支持国产。</p></div>",
        "<p>發表評論</p><p><textarea></textarea></p>",
    ],
)
def test_widget_lines_of_other_templates_end_the_body(widget: str) -> None:
    assert _text(f"{widget}<p>不应出现的文字。</p>") == [Section(None, [FIRST])]


def test_widget_labels_go_and_subheadings_with_the_same_word_stay() -> None:
    share = "分享到：新浪微博 腾讯微博 QQ空间 人人网 豆瓣网 开心网 网易微博 搜狐微博 百度搜藏"
    assert _text(f"<p>{share}</p><p>展开式神经网络的新进展</p>") == [
        Section(None, [FIRST, "展开式神经网络的新进展", LAST])
    ]
    bar = "<div>分享：<a href='#'>微信</a><a href='#'>微博</a><a href='#'>QQ空间</a></div>"
    assert _text(f"{bar}<p>分享经济的新模式正在形成</p>") == [
        Section(None, [FIRST, "分享经济的新模式正在形成", LAST])
    ]


@pytest.mark.parametrize("label", ["相关新闻", "相關新聞"])
def test_a_related_news_box_gives_the_related_links(label: str) -> None:
    box = (
        f"<div class='xg'><h3>{label}</h3><ul><li><a href='/robot/2024/1101/453001.html'>"
        "国产减速器打破垄断</a></li><li><a href='/robot/2024/1102/453002.html'>"
        "机器人产业链加速成形</a></li></ul></div>"
    )
    article = parse_article(_page(box), URL)
    assert [(r.title, r.url) for r in article.related] == [
        ("国产减速器打破垄断", "http://www.ailab.cn/robot/2024/1101/453001.html"),
        ("机器人产业链加速成形", "http://www.ailab.cn/robot/2024/1102/453002.html"),
    ]
    # set between two paragraphs, the box does not end the text
    assert article.sections == [Section(None, [FIRST, LAST])]


def _frame(body: str, head: str = "", top: str = "") -> bytes:
    return (
        f'<html><head><meta charset="utf-8"><title>无人配送车获准上路</title>{head}</head>'
        f"<body><h1>无人配送车获准上路</h1>{top}<div class='content'>{body}</div></body></html>"
    ).encode()


BODY = "".join(f"<p>{p}</p>" for p in P0 + P1)


@pytest.mark.parametrize(
    ("body", "source", "published"),
    [
        (BODY + "<p>来源：中国日报网</p><p>作者：李四</p>", "中国日报网", None),
        (
            "<p>点击上方蓝字关注我们</p><p>文章来源：机器之心 发布时间：2024-10-23 18:30</p>"
            + BODY,
            "机器之心",
            "2024-10-23T18:30:00+08:00",
        ),
        (
            '<p style="text-align:center"><img src="/uploads/h1.jpg"></p>'
            '<p style="text-align:center">图为试验现场</p>'
            "<p>文章来源：科技日报 发布时间：2024-10-22 16:00</p>" + BODY,
            "科技日报",
            "2024-10-22T16:00:00+08:00",
        ),
        ("<p>时间：2024-10-24 09:05</p>" + BODY, None, "2024-10-24T09:05:00+08:00"),
        (BODY + "<p>日期：2024年10月24日</p>", None, "2024-10-24T00:00:00+08:00"),
    ],
)
def test_info_lines_of_the_body_are_read(
    body: str, source: str | None, published: str | None
) -> None:
    article = parse_article(_frame(body), UNDATED_URL)
    assert (article.source, article.published_at) == (source, published)
    assert all(p in article.sections[0].paragraphs for p in P0 + P1)
    assert not any(
        "来源" in p or "时间" in p or "日期" in p for p in article.sections[0].paragraphs
    )


def test_a_lead_under_a_header_image_is_the_summary() -> None:
    body = (
        '<p style="text-align:center"><img src="/uploads/g1.jpg"></p>'
        '<p style="text-align:center">图为某GPU生产线</p><p>摘要：国产GPU出货量同比增长两倍。</p>'
    )
    assert parse_article(_frame(body + BODY), URL).summary == "国产GPU出货量同比增长两倍。"


def test_digest_items_opening_with_a_date_are_text() -> None:
    items = [
        "2024年10月24日，百度发布文心大模型4.5，推理成本下降八成。（来源：36氪）",
        "2024年10月23日，OpenAI宣布实时语音接口向全部开发者开放。（来源：机器之心）",
    ]
    top = "<div class='post-meta'>发布时间：2024-10-25 08:00</div>"
    page = _frame("".join(f"<p>{t}</p>" for t in items), top=top)
    article = parse_article(page, URL)
    assert article.sections == [Section(None, items)]
    assert (article.source, article.published_at) == (None, "2024-10-25T08:00:00+08:00")


@pytest.mark.parametrize(
    ("head", "top", "published"),
    [
        # an event's span of days under the headline is not the publish date; the meta is
        (
            '<meta property="article:published_time" content="2025-03-10T09:00:00+08:00">',
            "<p class='zhdate'>2025年7月26日-28日 上海世博展览馆</p>",
            "2025-03-10T09:00:00+08:00",
        ),
        (
            '<script type="application/ld+json">'
            '{"@type": "WebSite", "datePublished": "2010-03-01"}</script>',
            "",
            None,
        ),
        (
            "",
            "<aside class='related'><h3>相关文章</h3><time class='entry-date published'"
            " datetime='2024-10-01T08:00:00+08:00'>10月1日</time></aside>",
            None,
        ),
    ],
)
def test_dates_that_are_not_the_articles(head: str, top: str, published: str | None) -> None:
    assert parse_article(_frame(BODY, head=head, top=top), UNDATED_URL).published_at == published


def test_a_comment_link_is_no_view_count() -> None:
    top = (
        "<div class='info'>来源：新华网 点击：<span id='hits'></span>次"
        " <a href='#c'>查看 3 条评论</a></div>"
    )
    assert parse_article(_frame(BODY, top=top), URL).views is None


def test_a_headline_with_a_dated_subtitle_is_whole() -> None:
    page = (
        '<html><head><meta charset="utf-8"><title>第七届智博会开幕：2024年8月22日至25日'
        "在重庆举行_人工智能实验室</title></head><body><h1>第七届智博会开幕<span class='sub'>"
        f"2024年8月22日至25日在重庆举行</span></h1><div class='content'>{BODY}</div></body></html>"
    ).encode()
    assert parse_article(page, URL).title == "第七届智博会开幕：2024年8月22日至25日在重庆举行"


def test_markers_of_a_table_layout_body_and_counts_in_data_cells() -> None:
    cell = f"{P0[0]}<br/><b>01</b><br/>{P0[1]}<br/><b>02</b><br/>{P1[0]}"
    table = "<table><tr><td>年度报告</td><td>共86页</td></tr></table>"
    page = _frame(f"<table><tr><td>{cell}</td></tr></table>{table}")
    assert parse_article(page, URL).sections == [
        Section(None, [P0[0]]),
        Section("01", [P0[1]]),
        Section("02", [P1[0], "年度报告", "共86页"]),
    ]


def test_hidden_text_that_is_a_sentence_is_kept() -> None:
    snippet = '<p>国产芯片份额已超过两成<span style="display:none">，明年有望超过四成。</span></p>'
    assert _text(snippet) == [
        Section(None, [FIRST, "国产芯片份额已超过两成，明年有望超过四成。", LAST])
    ]


# ------------------------------------------------------------- and the edges of those edges
@pytest.mark.parametrize(
    ("snippet", "caption", "text"),
    [
        (
            '<p><img src="/uploads/a.jpg"/><br/>　　分拣机器人在快递站作业</p>',
            "分拣机器人在快递站作业",
            [],
        ),
        (
            '<p><a href="/uploads/a.jpg"><img src="/uploads/a.jpg"/></a>'
            "&nbsp;&nbsp;图1 无人机喷洒农药</p>",
            "图1 无人机喷洒农药",
            [],
        ),
        (
            '<p>产量变化如下图所示：<img src="/uploads/c.png"/>图1 2024年前三季度产量</p>',
            "图1 2024年前三季度产量",
            ["产量变化如下图所示："],
        ),
        (
            '<p>第一段。<br/><br/><img src="/uploads/a.jpg"/><br/>协作机器人在装配线上作业'
            "<br/><br/>第三段。</p>",
            "协作机器人在装配线上作业",
            ["第一段。", "第三段。"],
        ),
        (
            '<p style="text-align:center"><img src="/uploads/k1.jpg"/><br/>大会开幕式现场'
            "<br/>记者 张三 摄</p>",
            "大会开幕式现场 记者 张三 摄",
            [],
        ),
    ],
)
def test_captions_at_the_edges(snippet: str, caption: str, text: list[str]) -> None:
    article = parse_article(_page(snippet), URL)
    assert [i.caption for i in article.images] == [caption]
    assert article.sections == [Section(None, [FIRST, *text, LAST])]


@pytest.mark.parametrize(
    "widget",
    [
        "<p>分享到 <a href='#'>微信</a> <a href='#'>新浪微博</a> <a href='#'>QQ空间</a></p>",
        "<p>分享到微信 微博 QQ</p>",
        "<p>打印本页 | 关闭窗口</p>",
        # a player's loading notice, written like a sentence
        "<p class='video-tip'>视频加载中，请稍候……</p>",
        "<p>加载中，请稍等。</p>",
    ],
)
def test_widget_labels_without_a_colon_go(widget: str) -> None:
    assert _text(widget) == [Section(None, [FIRST, LAST])]


@pytest.mark.parametrize(
    "widget",
    [
        "<p>版权所有 翻版必究</p>",
        "<p>上一篇文章 <a href='/a/1.html'>国产减速器打破垄断</a></p>",
        "<p>下一篇文章 没有了</p>",
        "<p>上一篇 无</p>",
        "<p>上一篇》国产减速器打破垄断</p>",
        "<p>【上一篇】<a href='/a/1.html'>国产减速器打破垄断</a></p>",
        "<p>« 上一篇 <a href='/a/1.html'>国产减速器打破垄断</a></p>",
        "<p>上一条：<a href='/a/1.html'>国产减速器打破垄断</a></p>",
        "<p>Copyright reserved by AiLab</p>",
    ],
)
def test_more_widget_lines_end_the_body(widget: str) -> None:
    assert _text(f"{widget}<p>地址：北京市海淀区 电话：010-12345678</p>") == [
        Section(None, [FIRST])
    ]


def test_a_stop_word_introducing_the_articles_own_list_is_text() -> None:
    snippet = "<p><strong>相关内容如下：</strong></p><p>一是加强算力建设。</p>"
    assert _text(snippet) == [Section(None, [FIRST, "相关内容如下：", "一是加强算力建设。", LAST])]


def test_pagers_in_chinese_numerals_and_page_cells_of_a_table() -> None:
    toc = (
        "<table><tr><td>第一章 总论</td><td>第3页</td></tr>"
        "<tr><td>第二章</td><td>第15页</td></tr></table>"
    )
    assert _text(f"<p>第一页 第二页 第三页 下一页</p>{toc}") == [
        Section(None, [FIRST, "第一章 总论", "第3页", "第二章", "第15页", LAST])
    ]


def test_markers_in_one_cell_rows_count_and_numbers_in_word_tables_do_not() -> None:
    layout = (
        f"<table><tr><td><strong>01</strong></td></tr><tr><td>{P0[0]}</td></tr>"
        f"<tr><td><strong>02</strong></td></tr><tr><td>{P0[1]}</td></tr></table>"
    )
    word = "<table><tr><td><p>排名</p></td><td><p>1</p></td></tr></table>"
    assert _text(layout + word) == [
        Section(None, [FIRST]),
        Section("01", [P0[0]]),
        Section("02", [P0[1], "排名", "1", LAST]),
    ]


@pytest.mark.parametrize(
    ("body", "source"),
    [
        # the article's source after a closing table is the article's
        (
            BODY + "<table><tr><td>北京</td><td>25.6</td></tr></table><p>本文来源：新华网</p>",
            "新华网",
        ),
        # a chart's data source in the middle of the article is the chart's
        (
            f"<p>{P0[0]}</p><p style='text-align:center'><img src='/uploads/c.png'></p>"
            f"<p style='text-align:center'>来源：IDC</p><p>{P0[1]}</p>",
            None,
        ),
    ],
)
def test_source_lines_near_tables_and_charts(body: str, source: str | None) -> None:
    article = parse_article(_frame(body), URL)
    assert article.source == source
    texts = [p for s in article.sections for p in s.paragraphs] + [
        i.caption for i in article.images if i.caption
    ]
    assert ("本文来源：新华网" in texts) is False
    assert ("来源：IDC" in texts) is (source is None)


@pytest.mark.parametrize(
    "lines",
    [
        ["时间：2024年11月20日 地点：上海世博中心"],
        ["日期：2024年11月5日", "地点：国家会展中心"],
    ],
)
def test_an_events_single_day_at_the_top_is_text(lines: list[str]) -> None:
    article = parse_article(_frame("".join(f"<p>{t}</p>" for t in lines) + BODY), UNDATED_URL)
    assert article.published_at is None
    assert article.sections == [Section(None, [*lines, *P0, *P1])]


@pytest.mark.parametrize(
    "top",
    [
        "<ul class='side'><li>2024-09-30 <a href='/a/1.html'>旧闻</a></li>"
        "<li><a href='/list/'>查看更多</a></li></ul>",
        "<div class='comment'><span>来自：广东深圳网友</span> <span>2024-10-25 10:12</span>"
        " <a href='#'>查看全部评论</a></div>",
    ],
)
def test_see_more_links_and_comment_boxes_are_no_info_line(top: str) -> None:
    meta = '<meta property="article:published_time" content="2024-10-24T09:05:17+08:00">'
    article = parse_article(_frame(BODY, head=meta, top=top), URL)
    assert (article.source, article.published_at) == (None, "2024-10-24T09:05:17+08:00")


def test_a_digest_of_dated_headlines_is_text() -> None:
    items = [
        "2024-10-24 来源：工信部 人形机器人创新中心在京揭牌",
        "2024-10-23 来源：科技日报 国产大模型备案数量超过一百个",
        "2024-10-22 来源：新华网 多地出台低空经济扶持政策",
    ]
    page = (
        '<html><head><meta charset="utf-8"><title>AI早报</title></head><body><article>'
        "<h1>AI早报</h1>"
        + "".join(f"<p>{t}</p>" for t in items)
        + BODY
        + "</article></body></html>"
    ).encode()
    article = parse_article(page, UNDATED_URL)
    assert article.sections == [Section(None, [*items, *P0, *P1])]
    assert (article.source, article.published_at) == (None, None)


def test_json_ld_article_date_wins_over_the_web_pages() -> None:
    head = (
        '<script type="application/ld+json">{"@graph": ['
        '{"@type": "WebPage", "datePublished": "2024-11-02T08:00:00+08:00"},'
        '{"@type": "NewsArticle", "datePublished": "2024-10-24T09:05:00+08:00"}]}</script>'
    )
    assert parse_article(_frame(BODY, head=head), URL).published_at == "2024-10-24T09:05:00+08:00"


def test_a_baidu_cambrian_pub_date_is_declared_for_machines() -> None:
    """百家号 and mbd.baidu.com print a year-less ``07-08 10:23`` and declare the time in
    a JSON-LD block of the cambrian context, with ``pubDate`` and no ``@type``."""
    head = (
        '<script type="application/ld+json">{"@context": '
        '"https://ziyuan.baidu.com/contexts/cambrian.jsonld", "title": "标题", '
        '"pubDate": "2023-07-08T10:23:00", "upDate": "2023-07-09T08:00:00"}</script>'
    )
    assert parse_article(_frame(BODY, head=head), UNDATED_URL).published_at == (
        "2023-07-08T10:23:00+08:00"
    )


# ------------------------------------------------------------- whole pages: rules together
@pytest.mark.parametrize(
    "footer",
    ["版权所有 北京智行科技有限公司", "版权所有 未经许可不得转载", "版权所有©人工智能实验室"],
)
def test_copyright_footers_end_the_body(footer: str) -> None:
    assert _text(f"<p>{footer}</p><p>地址：北京市海淀区</p>") == [Section(None, [FIRST])]


def test_a_repeated_original_title_line_is_not_text() -> None:
    body = "<p>原标题：甲乙丙</p>" + BODY + "<p>原标题：甲乙丙</p>"
    article = parse_article(_frame(body), URL)
    assert article.original_title == "甲乙丙" and article.sections == [Section(None, P0 + P1)]


def test_a_sentence_about_the_figure_below_is_text() -> None:
    line = "　　下图是按行业划分的采购占比，金融行业占比明显上升。"
    snippet = f'<p><img src="/uploads/c1.png"></p><p>{line}</p><p><img src="/uploads/c2.png"></p>'
    article = parse_article(_page(snippet), URL)
    assert article.sections == [Section(None, [FIRST, line.strip("　"), LAST])]


@pytest.mark.parametrize(
    ("body", "source"),
    [
        # a closing source line above 完 is at the end of the text
        (
            BODY + '<p style="text-align:center"><img src="/uploads/e.jpg"></p>'
            '<p style="text-align:center">无人机降落在接驳站。</p>'
            "<p>来源：深圳特区报</p><p>（完）</p>",
            "深圳特区报",
        ),
        # an info line, or a reprint's source line, under a cover image at the top
        (
            '<p><img src="/uploads/cover.jpg"></p>'
            "<p>来源：新华网　发布时间：2024-10-30 08:30　浏览：1,024次</p>" + BODY,
            "新华网",
        ),
        (
            '<p><img src="/uploads/cover.jpg"></p><p>来源：央视新闻客户端</p>' + BODY,
            "央视新闻客户端",
        ),
        # a note under a table pasted from Word (<td><p>) is the table's
        (
            f"<p>{P0[0]}</p><table><tr><td><p>北京</p></td><td><p>25.6</p></td></tr></table>"
            f"<p>来源：中国信通院</p><p>{P0[1]}</p>",
            None,
        ),
    ],
)
def test_source_lines_at_the_top_and_end_and_under_figures(body: str, source: str | None) -> None:
    assert parse_article(_frame(body), URL).source == source


def test_a_gallery_of_images_and_captions_in_one_block() -> None:
    snippet = (
        '<div><img src="/uploads/g1.jpg"/><br/>机器人冲过终点。<br/>'
        '<img src="/uploads/g2.jpg"/><br/>机器人在比赛中争抢。<br/>'
        '<img src="/uploads/g3.jpg"/><br/>观众为机器人加油。</div>'
    )
    article = parse_article(_page(snippet), URL)
    assert [i.caption for i in article.images] == [
        "机器人冲过终点。",
        "机器人在比赛中争抢。",
        "观众为机器人加油。",
    ]
    assert article.sections == [Section(None, [FIRST, LAST])]


def test_an_events_time_after_its_place_is_text() -> None:
    lines = ["地点：国家会展中心", "时间：2025年7月7日 13:00"]
    article = parse_article(_frame(BODY + "".join(f"<p>{t}</p>" for t in lines)), UNDATED_URL)
    assert article.published_at is None
    assert article.sections == [Section(None, [*P0, *P1, *lines])]


def test_a_date_first_info_line_over_a_dated_lede() -> None:
    page = (
        '<html><head><meta charset="utf-8"><title>标题测试新闻</title></head><body><article>'
        "<h1>标题测试新闻</h1><p>2024-10-30 08:30 来源：新华网 浏览：1,024次</p>"
        "<p>2024年10月30日，工信部发布人形机器人创新任务揭榜单位名单。</p>"
        f"{BODY}</article></body></html>"
    ).encode()
    article = parse_article(page, URL)
    assert (article.source, article.published_at, article.views) == (
        "新华网",
        "2024-10-30T08:30:00+08:00",
        1024,
    )


def test_a_pager_list_inside_the_body_is_no_section() -> None:
    pager = "<ul class='pagelist'><li><a>1</a></li><li><a>2</a></li><li><a>3</a></li></ul>"
    assert _text(pager) == [Section(None, [FIRST, LAST])]


def test_a_discuz_lead_with_its_label_in_bold() -> None:
    top = "<div class='s'><div><strong>摘要</strong>: 教育部公布第二批人工智能教育基地名单。</div>"
    top += "</div>"
    assert (
        parse_article(_frame(BODY, top=top), URL).summary
        == "教育部公布第二批人工智能教育基地名单。"
    )


@pytest.mark.parametrize(
    "bar", ["打印本頁 | 關閉窗口", "【字体：大 中 小】【打印本页】【关闭窗口】"]
)
def test_print_and_font_bars_are_not_text(bar: str) -> None:
    assert _text(f"<p>{bar}</p>") == [Section(None, [FIRST, LAST])]


def test_a_caption_opening_with_tuwei_reads_alike_in_both_scripts() -> None:
    """OpenCC writes 图为 as 圖爲; a caption rule that knew only 圖為 made the two scripts of
    one article hash apart."""
    from newsarchive.text import to_traditional

    snippet = '<p><img src="/uploads/a.jpg"></p><p>图为天津港智能化集装箱码头。</p>'
    simplified = parse_article(_page(snippet), URL)
    traditional = parse_article(to_traditional(_page(snippet).decode()).encode(), URL)
    assert [i.caption for i in simplified.images] == ["图为天津港智能化集装箱码头。"]
    assert [i.caption for i in traditional.images] == ["图为天津港智能化集装箱码头。"]
    assert traditional.content_hash == simplified.content_hash


# ------------------------------------------------------- ordinary lines that look like rules
@pytest.mark.parametrize(
    "line",
    [
        "下一条5G智能产线将于明年一季度投产，产能将再提升三成。",
        "【版权所有者怎么说】",
        "【打印速度】",
        "【字体生成】",
        "视频加载中出现卡顿时，请稍候再试。",
    ],
)
def test_ordinary_lines_that_open_with_widget_words_stay(line: str) -> None:
    assert _text(f"<p>{line}</p>") == [Section(None, [FIRST, line, LAST])]


@pytest.mark.parametrize(
    "widget",
    [
        "<p>Copyright 北京智行科技有限公司 All Rights Reserved</p>",
        "<h3>相关文章 Related Articles</h3><p><a href='/a/1.html'>无人机配送</a> 2024-10-20</p>",
        "<p>上一篇 已经是第一篇</p>",
    ],
)
def test_widget_lines_of_real_footers(widget: str) -> None:
    assert _text(f"{widget}<p>京ICP备00000000号</p>") == [Section(None, [FIRST])]


@pytest.mark.parametrize("bar", ["展开剩余85%内容", "<span>打印本页</span> <span>关闭窗口</span>"])
def test_fold_buttons_and_print_bars_are_not_text(bar: str) -> None:
    assert _text(f"<p>{bar}</p>") == [Section(None, [FIRST, LAST])]


@pytest.mark.parametrize(
    ("snippet", "captions", "text"),
    [
        # a subheading under a caption is no credit
        (
            '<p><img src="/uploads/d.jpg"/><br/>大疆新款无人机外观<br/>'
            "<strong>二、夜景拍摄</strong></p>",
            ["大疆新款无人机外观"],
            ["二、夜景拍摄"],
        ),
        (
            '<p><img src="/uploads/d.jpg"/><br/>大疆新款无人机外观<br/>'
            "<strong>摄影测量</strong></p>",
            ["大疆新款无人机外观"],
            ["摄影测量"],
        ),
        # one no-break space is no paragraph indent
        (
            '<p><img src="/uploads/d.jpg"/><br/>&nbsp;8月22日，观众在展区观看表演。</p>',
            ["8月22日，观众在展区观看表演。"],
            [],
        ),
        # a subheading, then a chart and its title, in one paragraph
        (
            '<p><strong>一、市场规模</strong><img src="/uploads/c.png"/>'
            "2020—2024年市场规模（亿元）</p>",
            ["2020—2024年市场规模（亿元）"],
            ["一、市场规模"],
        ),
        # an unindented sentence under an image in a body indented with
        (
            "<p>　　园区开园。<br/><br/><img src='/uploads/k1.jpg'/><br/>工作人员调试无人机。"
            "<br/><br/>　　园区产值力争突破300亿元。</p>",
            ["工作人员调试无人机。"],
            ["园区开园。", "园区产值力争突破300亿元。"],
        ),
    ],
)
def test_captions_beside_ordinary_lines(snippet: str, captions: list[str], text: list[str]) -> None:
    article = parse_article(_page(snippet), URL)
    assert [i.caption for i in article.images] == captions
    assert article.sections == [Section(None, [FIRST, *text, LAST])]


@pytest.mark.parametrize(
    "front",
    [
        "<p>文/本刊记者 张三</p>",
        "<h2>——智能制造的下一站</h2>",
        "<p>点击上方蓝字“机器之心”关注我们</p>",
    ],
)
def test_lead_and_time_lines_under_a_byline_or_subtitle(front: str) -> None:
    body = front + "<p>导读：人形机器人走进工厂。</p><p>时间：2024-10-23 18:30</p>" + BODY
    article = parse_article(_frame(body), URL)
    assert article.summary == "人形机器人走进工厂。"
    assert article.published_at == "2024-10-23T18:30:00+08:00"


@pytest.mark.parametrize(
    "body",
    [
        "<p>编者按：本期关注低空经济。</p><p><img src='/uploads/cover.jpg'></p>"
        "<p>来源：新华网　发布时间：2024-10-30 08:30</p>" + BODY,
        BODY + "<p><img src='/uploads/e.jpg'></p><p style='text-align:center'>无人机降落。</p>"
        "<p>来源：新华网</p><p>作者：李四</p>",
        f"<table><tr><td><p>{P0[0]}</p><p>{P0[1]}</p><p>来源：新华网</p><p>作者：李四</p></td></tr>"
        "</table>",
    ],
)
def test_the_articles_source_line_near_images_and_in_layout_tables(body: str) -> None:
    assert parse_article(_frame(body), URL).source == "新华网"


def test_a_lead_line_repeating_the_lead_box_is_not_text() -> None:
    top = "<div class='intro'>导读：人形机器人走进工厂。</div>"
    article = parse_article(_frame("<p>导读：人形机器人走进工厂。</p>" + BODY, top=top), URL)
    assert article.summary == "人形机器人走进工厂。"
    assert article.sections == [Section(None, P0 + P1)]


@pytest.mark.parametrize(
    ("box", "summary"),
    [
        # the label alone in its block: the box of label and lead gives the lead
        (
            "<div class='lead-box'><div class='lbl'>导读：</div>"
            "<div>人形机器人走进工厂。</div></div>",
            "人形机器人走进工厂。",
        ),
        # without a colon, the label alone in its element (an archive's copy, classes gone)
        (
            "<div><span>导读</span><div>6月21日起，广州南沙区开通自动驾驶出租车示范运营线路。"
            "</div></div>",
            "6月21日起，广州南沙区开通自动驾驶出租车示范运营线路。",
        ),
        # the lead right after its label's element (观点网)
        (
            "<div class='con_l_summary'><em>摘要</em>龙湖集团4月实现合同销售金额156.2亿元。</div>",
            "龙湖集团4月实现合同销售金额156.2亿元。",
        ),
        # the labels of 中国网's and the portals' lead boxes
        (
            "<div class='hxts'><strong>核心提示：</strong>长江江豚种群数量止跌回升。</div>",
            "长江江豚种群数量止跌回升。",
        ),
        (
            "<div class='ws-summary'><span>导语：</span>蔚来将新建1000座换电站。</div>",
            "蔚来将新建1000座换电站。",
        ),
        # a tab named 摘要 before another tab is no lead's label
        ("<div><span>摘要</span><span>全文</span></div>", "网页描述。"),
        # a box holding more than label and lead is no lead box: the meta description
        (
            "<div class='side'><div class='lbl'>导读：</div><div>人形机器人走进工厂。</div>"
            "<div>热门推荐</div></div>",
            "网页描述。",
        ),
    ],
)
def test_a_lead_label_alone_in_its_block(box: str, summary: str) -> None:
    head = "<meta name='description' content='网页描述。'>"
    article = parse_article(_frame(BODY, top=box, head=head), URL)
    assert article.summary == summary
    assert article.sections == [Section(None, P0 + P1)]


def test_a_core_points_box_opening_the_text_is_the_lead() -> None:
    box = "<div class='hxts'><strong>核心提示：</strong>长江江豚种群数量止跌回升。</div>"
    article = parse_article(_frame(box + BODY), URL)
    assert article.summary == "长江江豚种群数量止跌回升。"
    assert article.sections == [Section(None, P0 + P1)]


def test_page_references_in_a_table_are_data() -> None:
    table = "<table><tr><td>第1页，第2页</td><td>第13页-第15页</td></tr></table>"
    assert _text(table) == [Section(None, [FIRST, "第1页，第2页", "第13页-第15页", LAST])]


@pytest.mark.parametrize(
    ("top", "published"),
    [
        ("<p>2024年11月20日 上海国际会议中心</p>", None),  # a forum's date and place
        (
            "<ul class='side'><li><time itemprop='datePublished' datetime='2023-05-06'>旧文</time>"
            "</li></ul>",
            None,
        ),
    ],
)
def test_dates_of_other_things_near_the_headline(top: str, published: str | None) -> None:
    assert parse_article(_frame(BODY, top=top), UNDATED_URL).published_at == published


def test_a_paragraph_about_shanghai_library_under_an_image_is_text() -> None:
    line = "上图东馆今年引入的智能导览机器人已累计服务读者超过12万人次。"
    snippet = f'<p style="text-align:center"><img src="/uploads/a.jpg"></p><p>　　{line}</p>'
    article = parse_article(_page(snippet), URL)
    assert [i.caption for i in article.images] == [None]
    assert article.sections == [Section(None, [FIRST, line, LAST])]


@pytest.mark.parametrize("subheading", ["记者手记", "记者连线", "第三步：全景拍摄"])
def test_a_subheading_under_a_caption_is_no_credit(subheading: str) -> None:
    snippet = (
        f"<div>　　{P0[0]}<br /><img src='/uploads/e.jpg' /><br />展会现场<br />{subheading}"
        f"<br />　　{P0[1]}<br /></div>"
    )
    article = parse_article(_page(snippet), URL)
    assert [i.caption for i in article.images] == ["展会现场"]
    assert article.sections == [Section(None, [FIRST, P0[0], subheading, P0[1], LAST])]


def test_a_long_line_of_digits_is_read_in_linear_time() -> None:
    """A fuzzed page held a line of digits before 页: the pager pattern's ``(\\d+)+`` took
    it through exponential backtracking (a parse that never ended). Run in a child
    process, so that a regression fails on the timeout instead of hanging the suite."""
    import subprocess
    import sys

    line = "1" * 70 + "页x"
    code = (
        "from tests.test_extract_body import _text, FIRST, LAST;"
        "from newsarchive.model import Section;"
        f"assert _text('<p>{line}</p>') == [Section(None, [FIRST, '{line}', LAST])]"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]


@pytest.mark.parametrize(
    "notice",
    [
        "本文来源于网络，如有侵权请联系删除。",
        "本文来源于机器之心，内容仅代表作者观点，如有侵权请联系删除。",
        "文章来源：科技日报。如涉及侵权，请与本站联系删除。",
        "图片来源于网络，侵删",
        "注：本文仅代表作者个人观点，与本站立场无关。",
        "內容僅代表作者觀點，如有侵權請聯繫刪除。",
        # an advertorial's mark
        "本文为企业宣传稿，不代表本站观点。",
        "本文為企業宣傳稿，不代表本站觀點。",
        "文章内容仅供参考，并不代表本网立场。",
        "文中图片源自互联网，如有侵权请联系admin#d1ev.com（#替换成@）删除。",
        "（本文为1905电影网原创稿件，未经许可，谢绝转载）",
        "特别声明：以上内容(如有图片或视频亦包括在内)为自媒体平台“网易号”用户上传并发布，"
        "本平台仅提供信息存储服务。",
        "本文地址：https://www.d1ev.com/news/qiye/201234",
        "温馨提示：如果您对孩子的眼部健康有疑问，可点击下方按钮免费咨询儿科医生。立即咨询",
    ],
)
def test_a_reposts_disclaimer_is_not_text(notice: str) -> None:
    assert _text(f"<p>{P0[0]}</p><p>{notice}</p>") == [Section(None, [FIRST, P0[0], LAST])]


@pytest.mark.parametrize(
    "paragraph",
    [
        # the same words in article text: no disclaimer's opener, or too long for one
        "法院认为，如有侵权行为，平台应当及时删除相关内容并承担相应责任。",
        "他表示，个别员工的言论不代表本公司的观点，公司已启动内部调查。",
        "文章指出，" + "大模型训练数据的版权问题仍存争议，" * 12 + "如有侵权应依法处理。",
        "内容创作者表示，AI生成的作品仅代表模型的统计规律，而非创作者本人的表达。",
        "本文地址：上海市浦东新区张江高科技园区，会议将于下午两点开始。",
        "用户扫码下载APP后即可领取优惠券，平台称活动将持续到月底。",
    ],
)
def test_disclaimer_words_in_article_text_stay_text(paragraph: str) -> None:
    assert _text(f"<p>{paragraph}</p>") == [Section(None, [FIRST, paragraph, LAST])]


def _images(snippet: str) -> list[tuple[str, str | None]]:
    article = parse_article(_page(snippet), URL)
    return [(image.url.rsplit("/", 1)[-1], image.caption) for image in article.images]


def test_the_image_above_a_qr_codes_prompt_is_the_code_not_an_article_image() -> None:
    snippet = (
        '<p><img src="/uploads/a.jpg"></p><p>车间里的机器人。</p><p>厂区负责人介绍了新产线。</p>'
        '<section><img data-src="/uploads/follow.jpg" src="data:image/gif;base64,R0lG"><br>'
        "<span>扫码关注公众号，获取更多前沿资讯</span></section>"
    )
    assert _images(snippet) == [("a.jpg", None)]


def test_the_image_above_a_prompt_to_scan_and_book_is_the_code() -> None:
    snippet = (
        f'<p><img src="/uploads/a.jpg"></p><p>{P0[0]}</p>'
        '<p style="text-align:center"><img src="/uploads/yuyue.png"><br>扫码预约参观</p>'
    )
    assert _images(snippet) == [("a.jpg", None)]
    assert _text(snippet) == [Section(None, [FIRST, P0[0], LAST])]


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("温馨提示：展会时间如有变动，请以主办方最终公布为准。", False),
        ("特别提示：以上信息仅供参考。", False),
        ("温馨提示：观众需提前三天预约，凭身份证入场。", True),
        ("扫码支付已经成为展馆购票的主要方式。", True),
    ],
)
def test_a_standing_notice_is_not_text_and_a_tip_is(line: str, kept: bool) -> None:
    expected = [FIRST, P0[0], line, LAST] if kept else [FIRST, P0[0], LAST]
    assert _text(f"<p>{P0[0]}</p><p>{line}</p>") == [Section(None, expected)]


def test_the_image_above_a_prompt_to_scan_and_add_a_contact_is_the_code() -> None:
    snippet = (
        f'<p><img src="/uploads/a.jpg"></p><p>{P0[0]}</p>'
        '<p style="text-align:center"><img src="/uploads/qr.png"><br>扫码添加小助手，备注“具身”</p>'
    )
    assert _images(snippet) == [("a.jpg", None)]


@pytest.mark.parametrize(
    ("line", "caption"),
    [
        ("图2 FoldDiff-X生成的蛋白质骨架示例", True),
        ("Fig. 3: 训练损失曲线", True),
        ("图2所示的结构表明，新方法的链断裂更少。", False),
    ],
)
def test_a_numbered_figures_caption_under_its_image(line: str, caption: bool) -> None:
    snippet = f"<p>{P0[0]}</p><center><img src='/uploads/f.png'></center><p>{line}</p>"
    assert _images(snippet) == [("f.png", line if caption else None)]


def test_paragraphs_in_an_unclosed_picture_wrapper_are_text() -> None:
    """``<div class="pic">`` left unclosed holds the rest of the article: its class makes
    no caption of the paragraph under the image."""
    rest = [
        P0[1],
        *P1,
        *P2,
        "下一步，工厂计划把试点扩大到焊装和涂装两个车间，并与高校共建实训基地。",
    ]
    snippet = (
        f"<p>{P0[0]}</p><div class='pic'><p align='center'><img src='/uploads/p.jpg'>"
        + "".join(f"<p>{p}" for p in rest)
    )
    assert _images(snippet) == [("p.jpg", None)]
    assert _text(snippet) == [Section(None, [FIRST, P0[0], *rest, LAST])]


def test_captions_in_a_small_gallery_wrapper_are_captions() -> None:
    pairs = "".join(
        f"<p><img src='/uploads/g{i}.jpg'></p><p>展台现场第{i}组画面，观众正在体验。</p>"
        for i in range(1, 5)
    )
    snippet = f"<p>{P0[0]}</p><div class='pic'>{pairs}</div><p>{P0[1]}</p>"
    assert _images(snippet) == [
        (f"g{i}.jpg", f"展台现场第{i}组画面，观众正在体验。") for i in range(1, 5)
    ]


def test_an_image_a_prompt_does_not_follow_is_kept() -> None:
    # the prompt under text, not under the image: the image stays
    snippet = f'<p><img src="/uploads/a.jpg"></p><p>{P0[0]}</p><p>扫描二维码关注我们</p>'
    assert _images(snippet) == [("a.jpg", None)]
    assert _text(snippet) == [Section(None, [FIRST, P0[0], LAST])]


@pytest.mark.parametrize(
    "widget",
    [
        "打开APP，阅读更多精彩内容",
        "下载客户端查看全文",
        "打开App",
        # 百家号's, pasted under a reprint with the app named
        "打开百度APP，查看更多精彩",
        # a video's cover in a share page
        "打开北京日报客户端观看视频",
        "举报/反馈",
        # a paper's pitch for its app or its LINE account
        "☆自由時報電子報APP，新聞隨時掌握☆",
        "加入數位時代LINE好友，科技新聞不漏接",
        "下载南方+客户端，第一时间看新闻",
        "赞 28分享",
        "点赞 1.2万 收藏 评论 36",
    ],
)
def test_a_mobile_pages_app_prompt_and_toolbar_are_not_text(widget: str) -> None:
    assert _text(f"<p>{P0[0]}</p><div>{widget}</div>") == [Section(None, [FIRST, P0[0], LAST])]


@pytest.mark.parametrize(
    "paragraph",
    [
        "打开App，进入“我的”页面，点击右上角的设置。",
        "打开百度APP后，用户可以直接用语音查看更多内容。",
        "举报/反馈渠道的畅通，是平台治理的第一步。",
        "加入LINE好友的用户，可以第一时间收到疫苗接种的提醒。",
        "这款APP让老人随时掌握自己的血压变化",
        "分享一个数字：28。",
        "赞不绝口",
        # sentences opening with a prompt's or a notice's words
        "觉得这项技术还不成熟的专家不在少数。",
        "喜欢动手的孩子们点个头就跑向了机器人。",
        "星标企业的数量今年增加了三成。",
        "著作权归属问题一直是AI绘画的焦点。",
        "文章为作者近五年研究的总结，发表于《自然》。",
        "编辑部主任李明介绍了新栏目的设想。",
        "转发326次的那条微博，评论区吵成了一片。",
        "关注人工智能伦理的学者越来越多。",
        "阅读原文后，记者发现报告并未给出测试条件。",
        "本文来自一线调查，更多细节请下载报告全文。",
        "欢迎全校师生参加！",
        "投稿系统上线后，编辑部共收到稿件1200余篇，联系邮箱为 ai@sjtu.edu.cn。",
        "媒体联系人：王女士 电话：021-12345678 邮箱：press@example.com",
        "建议使用Chrome浏览器访问该平台。",
        "推荐使用该公司的浏览器插件显示翻译结果，效果更好。",
        "建议采用分辨率更高的摄像头，识别效果更好。",
        "您使用的机器人由本站统一调度。",
        "如对本次评选结果有异议，可在公示期内向组委会书面反映。",
        "本文来自一线调查，作者走访了十二家工厂。",
        "阅读一本三百页的书，这个模型只需要2分钟。",
        # a research report's own risk statement, and a sentence on risk
        "风险提示：下游需求不及预期，行业竞争加剧，技术迭代不及预期。",
        "市场有风险的说法，在机器人行业并不新鲜。",
        "预计阅读理解测试的平均得分将提高12分。",
    ],
)
def test_app_and_button_words_in_article_text_stay_text(paragraph: str) -> None:
    assert _text(f"<p>{paragraph}</p>") == [Section(None, [FIRST, paragraph, LAST])]


@pytest.mark.parametrize(
    "line",
    [
        "↑ 点击蓝字 关注我们",
        "设为星标，第一时间获取最新资讯",
        "觉得有用，就点个“在看”吧",
        "点个“在看”，和新智元一起追踪AI前沿",
        "喜欢就点个赞吧",
        "赞同 1.2 万 添加评论 分享 收藏 喜欢",
        # an embedded post's buttons and counters, a WeChat card's link label
        "+关注",
        "转发 326 评论 1208 赞 5471",
        "轉發 12 回覆 3",
        "阅读原文",
        "著作权归作者所有。商业转载请联系作者获得授权，非商业转载请注明出处。",
        "*文章为作者独立观点，不代表本站立场。",
        "编辑 | 程远",
        "编辑 | 马骁 审核 | 叶青 排版 | 田甜",
        # a portal's standing lines: its app's pitch, its link home, a call for contributions
        "（本文来自澎湃新闻，更多原创资讯请下载“澎湃新闻”APP）",
        "返回搜狐，查看更多",
        "投稿及新闻线索：news@ailab.cn",
        "欢迎读者来信，来信请寄：tougao@ailab.cn（请注明“读者来信”）",
        # a platform's notices over and under a reprint
        "本文来自微信公众号：深科技笔记（ID：shenkeji_note），作者：林木，题图来自：视觉中国",
        "本内容为作者独立观点，不代表虎嗅立场。未经允许不得转载，授权事宜请联系hezuo@huxiu.com",
        "如对本稿件有异议或投诉，请联系tougao@huxiu.com",
        # an old page's word on the browser, left in its text by a template
        "您正在使用非IE浏览器，本页部分特效可能无法显示",
        "建议使用IE6.0以上版本、1024×768分辨率浏览本页",
        "本站建议使用1024×768分辨率浏览",
        "為獲得最佳瀏覽效果，建議使用Chrome瀏覽器。",
        # a reading-time line over a repost
        "全文共4132字，阅读大约需要9分钟",
        "本文约3200字，建议阅读8分钟",
        "阅读本文大约需要5分钟",
        "全文约2000字 | 预计阅读时间 5 分钟",
        "預計閱讀時間：6分鐘",
        # a financial site's statements and risk warning under the text
        "财联社声明：文章内容仅供参考，不构成投资建议。投资者据此操作，风险自担。",
        "风险提示及免责条款",
        "市场有风险，投资需谨慎。本文不构成个人投资建议，也未考虑到个别用户特殊的投资目标。",
        "股市有风险，入市需谨慎",
        "本文来自华尔街见闻，欢迎下载APP查看更多",
    ],
)
def test_a_reposts_follow_like_and_credit_lines_are_not_text(line: str) -> None:
    assert _text(f"<p>{P0[0]}</p><p>{line}</p>") == [Section(None, [FIRST, P0[0], LAST])]


def test_section_markers_printed_as_pictures() -> None:
    def marker(n: str) -> str:
        return f'<p class="num"><img src="/images/num/{n}.png" alt="{n}" width="48"></p>'

    snippet = f"{marker('01')}<p>{P0[0]}</p>{marker('02')}<p>{P0[1]}</p>"
    assert _text(snippet) == [
        Section(None, [FIRST]),
        Section("01", [P0[0]]),
        Section("02", [P0[1], LAST]),
    ]
    assert _images(snippet) == []


def test_a_picture_labelled_like_a_marker_among_text_is_a_picture() -> None:
    snippet = f'<p>{P0[0]}<img src="/uploads/chart.png" alt="01">如图所示。</p>'
    assert _images(snippet) == [("chart.png", None)]


@pytest.mark.parametrize(
    "mark",
    ["END", "- END -", "—END—", "END.", "（完）", "The End", "【完】", "——本文完——", "（全文完）"],
)
def test_an_end_mark_ends_the_text(mark: str) -> None:
    after = "<p>往期推荐</p><p><a href='/a/1.html'>▶ 工业大模型落地，难在哪里？</a></p>"
    after += "<p>点个“在看”，你最好看</p>"
    assert _text(f"<p>{P0[0]}</p><p>{mark}</p>{after}") == [Section(None, [FIRST, P0[0]])]


@pytest.mark.parametrize("line", ["(文章来源：经济日报)", "文章来源：经济日报"])
def test_a_source_line_under_the_end_mark_is_still_read(line: str) -> None:
    """``——本文完——`` / ``(文章来源：…)`` / ``校对：…``: the end mark ends the text, and
    the source line among the staff lines under it is the article's."""
    page = _page(
        f"<p>{P0[0]}</p><p>——本文完——</p><p>{line}</p><p>校对：赵敏</p><p>审核：孙伟</p>",
        info="发布日期:2024-11-05 10:20:00",
    )
    article = parse_article(page, URL)
    assert article.sections == [Section(None, [FIRST, P0[0]])]
    assert article.source == "经济日报"


def test_only_staff_and_source_lines_under_the_end_mark_are_read() -> None:
    """A source named further down, past a line of something else, is not the article's."""
    page = _page(
        f"<p>{P0[0]}</p><p>（完）</p><p>点个“在看”，你最好看</p><p>来源：某公众号</p>",
        info="发布日期:2024-11-05 10:20:00",
    )
    assert parse_article(page, URL).source is None


@pytest.mark.parametrize(
    "box",
    [
        # a related-posts plugin's box: heading and list in a div of its own
        '<div class="wp_rp_wrap"><h3>相关阅读</h3><ul>'
        '<li><a href="/a/1.html">生成式AI服务备案数量突破百个</a></li>'
        '<li><a href="/a/2.html">人工智能生成内容标识办法征求意见</a></li></ul></div>',
        # a mobile page's card: the links directly in the box
        '<div class="m-inline-rel"><div class="rel-hd">相關閱讀</div>'
        '<a href="/a/1.html">进博会首日签约额创新高</a>'
        '<a href="/a/2.html">协作机器人出货量连续增长</a></div>',
        # the heading and its links on one line
        '<p>相关文章：<a href="/a/1.html">方言语音识别走进政务热线</a></p>',
        # each link with its page's date beside it
        '<div class="xgyd"><strong>相关阅读：</strong><ul>'
        '<li><a href="/a/1.html">电力巡线机器人在高压线上“走钢丝”</a> [2011-03-22]</li>'
        '<li><a href="/a/2.html">我国首台核电站检测机器人研制成功</a> (03-01)</li></ul></div>',
    ],
)
def test_a_box_of_related_links_between_paragraphs_does_not_end_the_text(box: str) -> None:
    """The text goes on after a box of links set between two of its paragraphs; before
    this, everything after the box was lost."""
    snippet = f"<p>{P0[0]}</p>{box}<p>{P0[1]}</p>"
    assert _text(snippet) == [Section(None, [FIRST, P0[0], P0[1], LAST])]


def test_a_box_of_related_links_under_the_last_paragraph_still_ends_the_text() -> None:
    """After the article, the box is followed by widgets, not by text: it stops there."""
    box = (
        '<div class="rel"><h3>相关阅读</h3><ul><li><a href="/a/1.html">生成式AI服务备案数量突破百个'
        '</a></li></ul></div><div class="cmt"><p>网友评论</p><p>写得很好。</p></div>'
    )
    page = (
        '<html><head><meta charset="utf-8"><title>测试文章标题_人工智能实验室</title></head><body>'
        '<div class="title"><h1>测试文章标题</h1></div>'
        f'<div class="content"><p>{FIRST}</p><p>{P0[0]}</p>{box}</div></body></html>'
    ).encode()
    assert parse_article(page, URL).sections == [Section(None, [FIRST, P0[0]])]


def test_a_related_heading_followed_by_text_of_its_own_block_ends_the_text() -> None:
    """A heading whose box holds more than links (a block of other stories' summaries)
    is not a box set inside the text: the text ends there, as before."""
    box = (
        '<div class="rel"><h3>相关新闻</h3><p>另一篇报道的摘要，介绍了别的城市的做法。</p>'
        '<p><a href="/a/1.html">别的城市</a></p></div>'
    )
    assert _text(f"<p>{P0[0]}</p>{box}") == [Section(None, [FIRST, P0[0]])]


@pytest.mark.parametrize(
    "line",
    [
        '<p class="zt-link"><a href="/zt/2024ciie/">'
        "【专题】第七届进博会·人工智能与机器人展区直击</a></p>",
        '<p style="text-align:center"><a href="/zt/aiplus/"><strong>“人工智能+”行动专题报道 '
        "点击进入专题&gt;&gt;</strong></a></p>",
        '<p><a href="/zt/a/">[專題]世界機器人大會</a></p>',
    ],
)
def test_a_link_to_a_special_topic_inside_the_text_is_not_text(line: str) -> None:
    assert _text(f"<p>{P0[0]}</p>{line}<p>{P0[1]}</p>") == [
        Section(None, [FIRST, P0[0], P0[1], LAST])
    ]


@pytest.mark.parametrize(
    "line",
    [
        "专题：人工智能赋能制造业的三种路径",  # a subheading, not a link
        '本届大会设置了<a href="/zt/a/">人形机器人专题</a>展区，吸引了大批观众。',
        '<a href="/zt/a/">进入专题</a>的观众可以看到全部展商。',
    ],
)
def test_text_about_a_special_topic_stays_text(line: str) -> None:
    text = [p for s in _text(f"<p>{line}</p>") for p in s.paragraphs]
    assert len(text) == 3 and text[0] == FIRST and text[2] == LAST


def test_bulleted_entries_of_a_reading_list_are_not_text() -> None:
    """``推荐阅读`` over ``· <a>…</a>`` lines: the bullet does not make an entry a line
    of text; the text after the list is kept."""
    box = (
        '<div class="tjyd"><p><strong>推荐阅读</strong></p>'
        '<p>&middot; <a href="/a/1.html">教育部：推动人工智能教育纳入中小学课程</a></p>'
        '<p>&middot; <a href="/a/2.html">青少年机器人竞赛如何避免“拼家长”？</a></p></div>'
    )
    assert _text(f"<p>{P0[0]}</p>{box}<p>{P0[1]}</p>") == [
        Section(None, [FIRST, P0[0], P0[1], LAST])
    ]


@pytest.mark.parametrize(
    "line",
    [
        "[责编：王五]",
        "（责编：王五）",
        "責編：王五",
        "【纠错】\u3000责任编辑：王五",
        "【纠错】 【责任编辑:王五】",
        # a paper's trailer in brackets, a space for its colon
        "（编辑 李茜）",
        "(责任编辑 王楠 赵敏)",
        "（实习编辑：王晓）",
        "值班编辑：王晓",
    ],
)
def test_an_abbreviated_staff_line_is_not_text(line: str) -> None:
    assert _text(f"<p>{P0[0]}</p><p>{line}</p>") == [Section(None, [FIRST, P0[0], LAST])]


def test_a_wechat_reposts_follow_prompt_and_past_articles_are_not_text() -> None:
    top = "<section><p>点击蓝字</p><p>关注我们</p></section>"
    past = "<p>往期推荐</p><p><a href='/a/1.html'>▶ 工业大模型落地，难在哪里？</a></p>"
    assert _text(f"{top}<p>{P0[0]}</p>{past}") == [Section(None, [FIRST, P0[0]])]


@pytest.mark.parametrize("line", ["END战略的三个阶段", "完全自动化的产线已经投产。"])
def test_words_like_an_end_mark_in_text_stay_text(line: str) -> None:
    assert _text(f"<p>{line}</p>") == [Section(None, [FIRST, line, LAST])]


def test_a_video_players_loading_placeholder_is_not_text() -> None:
    video = (
        '<div class="video-box"><iframe src="https://player.example.com/embed/1"></iframe>'
        '<div class="video-loading">视频加载中...</div></div>'
    )
    assert _text(f"<p>{P0[0]}</p>{video}") == [Section(None, [FIRST, P0[0], LAST])]


@pytest.mark.parametrize(
    "bar",
    [
        '<div class="ops"><a class="btn" href="/baoming/1">我要参展</a>'
        '<a class="btn" href="/menpiao/1">预约门票</a></div>',
        '<p><a href="tel:4000000000">电话咨询</a> | <a href="/zx/">在线留言</a></p>',
        # bars opening with a label's first character
        '<div class="ops"><a class="op-share">分享</a><a class="op-copy">复制链接</a>'
        '<a class="op-report">举报</a></div>',
        '<div><a href="javascript:window.print()">【打印】</a><a href="#">【关闭】</a></div>',
        # a FrontPage page's bar, wrapped whole in <font>
        '<P ALIGN=right><FONT SIZE=2>[<A HREF="javascript:window.print()">打印本页</A>]'
        '　[<A HREF="javascript:window.close()">关闭窗口</A>]　[<A HREF=#top>返回顶部</A>]'
        "</FONT></P>",
    ],
)
def test_a_bar_of_buttons_is_not_text(bar: str) -> None:
    assert _text(f"<p>{P0[0]}</p>{bar}") == [Section(None, [FIRST, P0[0], LAST])]


@pytest.mark.parametrize(
    "line",
    [
        '<p><a href="/a/1.html">华为</a>和<a href="/a/2.html">小米</a>都已发布。</p>',
        '<p><a href="/a/1.html">华为</a></p>',  # one link
        '<p><a href="/a/1.html">中国人工智能学会</a><a href="/a/2.html">学会</a></p>',
        '<p><font><a href="/a/1.html">华为</a>和<a href="/a/2.html">小米</a>都已发布。</font></p>',
    ],
)
def test_links_that_are_no_bar_of_buttons_stay_text(line: str) -> None:
    text = _text(f"<p>{P0[0]}</p>{line}")[0].paragraphs
    assert len(text) == 4


def test_a_table_of_contents_is_not_text() -> None:
    toc = (
        "<p>目录</p><p><a href='#s1'>一、为什么需要向量索引</a></p>"
        "<p><a href='#s2'>二、三类主流索引的原理</a></p>"
    )
    assert _text(f"{toc}<p>{P0[0]}</p>") == [Section(None, [FIRST, P0[0], LAST])]


@pytest.mark.parametrize(
    "line",
    ["本文由极点科技原创，作者：林知远，未经授权禁止转载。", "赞", "收藏", "分享", "登录复制"],
)
def test_an_original_content_notice_and_lone_buttons_are_not_text(line: str) -> None:
    assert _text(f"<p>{P0[0]}</p><p>{line}</p>") == [Section(None, [FIRST, P0[0], LAST])]


@pytest.mark.parametrize(
    "line",
    [
        "<p>【纠错】</p>",
        '<div class="tools">【<a href="javascript:window.print()">打印此文</a>】'
        '【<a href="javascript:window.close()">关闭窗口</a>】'
        '【<a href="/feedback.asp">纠错</a>】</div>',
        '<div class="readall"><a href="2231_2.html">余下全文&gt;&gt;</a></div>',
        "<p>分享至 <a>微信</a> <a>微博</a> <a>QQ空间</a></p>",
        '<p class="video-tips">您的浏览器不支持视频播放，请更换浏览器后重试</p>',
    ],
)
def test_a_page_s_tools_and_a_player_s_fallback_are_not_text(line: str) -> None:
    assert _text(f"<p>{P0[0]}</p>{line}<p>{P0[1]}</p>") == [
        Section(None, [FIRST, P0[0], P0[1], LAST])
    ]


@pytest.mark.parametrize(
    "line", ["纠错能力是这套系统的关键。", "余下全文的内容，作者将在下期继续介绍。"]
)
def test_sentences_opening_with_a_tool_s_word_stay_text(line: str) -> None:
    assert _text(f"<p>{line}</p>") == [Section(None, [FIRST, line, LAST])]


def test_a_formula_drawn_as_a_picture_stays_inside_its_line() -> None:
    line = (
        '<p>需要计算查询矩阵 <img class="math-inline" src="/formula/eq_q.png" alt="Q"> '
        '与键矩阵 <img class="math-inline" src="/formula/eq_k.png" alt="K"> 之间的点积。</p>'
    )
    assert _text(line) == [Section(None, [FIRST, "需要计算查询矩阵 与键矩阵 之间的点积。", LAST])]
    assert _images(line) == [("eq_q.png", None), ("eq_k.png", None)]


def test_a_trailer_of_staff_lines_ending_the_text_is_not_text() -> None:
    trailer = "<p>作者：陈思远</p><p>摄影：刘畅</p><p>编辑：赵琳</p><p>审核：王建国</p>"
    page = _page(f"<p>{P0[0]}</p>").replace(f"<p>{LAST}</p>".encode(), trailer.encode())
    assert parse_article(page, URL).sections == [Section(None, [FIRST, P0[0]])]


def test_a_bracketed_trailer_of_staff_lines_is_not_text() -> None:
    """A round table's ``（文字整理：林小艾 审核：马骏）`` under the text."""
    trailer = "<p>（文字整理：林小艾 审核：马骏）</p>"
    page = _page(f"<p>{P0[0]}</p>").replace(f"<p>{LAST}</p>".encode(), trailer.encode())
    assert parse_article(page, URL).sections == [Section(None, [FIRST, P0[0]])]


def test_a_staff_label_before_more_text_stays_text() -> None:
    # a photo's credit under its caption, and a byline at the top: text goes on after them
    assert _text("<p>作者：陈思远</p>") == [Section(None, [FIRST, "作者：陈思远", LAST])]


@pytest.mark.parametrize(
    "line", ["（记者 李茜）", "（编辑 部门负责人说明了情况）", "（编辑 李茜 摄于现场。）"]
)
def test_a_bracketed_line_that_is_no_editors_name_stays_text(line: str) -> None:
    assert _text(f"<p>{line}</p>") == [Section(None, [FIRST, line, LAST])]


def _pre_page(pre: str) -> bytes:
    return (
        '<html><head><meta charset="utf-8"><title>测试文章标题_人工智能实验室</title></head><body>'
        f"<h1>测试文章标题</h1><table><tr><td class='x7'>{pre}</td></tr></table></body></html>"
    ).encode()


def test_an_article_in_one_pre_is_paragraphs_parted_by_blank_lines() -> None:
    """A legacy page's whole text in one <pre>, hard-wrapped between Chinese characters."""
    first, second = P0[0] + P0[1], P1[0] + P1[1]
    wrapped = "\n".join(first[i : i + 20] for i in range(0, len(first), 20))
    pre = f"<pre>\n　　{wrapped}\n\n　　{second}\n</pre>"
    assert parse_article(_pre_page(pre), URL).sections == [Section(None, [first, second])]


def test_code_in_a_pre_stays_one_paragraph() -> None:
    code = "<pre><code>import torch\n\nmodel = torch.nn.Linear(4, 2)\nprint(model)</code></pre>"
    text = _text(code)[0].paragraphs
    assert text[1] == "import torch model = torch.nn.Linear(4, 2) print(model)"


def _closed_early(after: str) -> bytes:
    """The seed template with a video block whose extra ``</div>`` closes the text's
    container before the last paragraphs; ``after`` follows the container's own end."""
    return (
        '<html><head><meta charset="utf-8"><title>测试文章标题_人工智能实验室</title></head><body>'
        '<div class="article"><h1>测试文章标题</h1>'
        '<div class="info">来源:新华网&nbsp;&nbsp;发布日期:2024-11-05 10:20:00</div>'
        f'<div class="content" id="content"><p>{FIRST}</p><p>{P0[0]}</p>'
        '<div class="video-wrap"><video src="/uploads/v.mp4" controls>'
        "您的浏览器不支持视频播放</video></div></div>"
        f"{after}</div>"
        '<div class="xgnr"><h3>相关内容</h3><ul><li><a href="/robot/1.html">'
        "人形机器人进厂打工能干些什么</a></li></ul></div></body></html>"
    ).encode()


def test_paragraphs_after_a_container_closed_early_are_text() -> None:
    """One ``</div>`` too many ends ``div.content`` after the video: the paragraphs that
    follow run on from the text for a reader, and the editor's line after them stops
    the run."""
    after = (
        f"<p>{P1[0]}</p><!-- ad --><p>{P1[1]}</p><p>{LAST}</p>"
        '<div class="editor">（责任编辑：王敏）</div>'
        f"<p>{P2[0]}</p>"
    )
    article = parse_article(_closed_early(after), URL)
    assert article.sections == [Section(None, [FIRST, P0[0], P1[0], P1[1], LAST])]


@pytest.mark.parametrize(
    "after",
    [
        '<p>上一篇：<a href="/robot/1.html">人形机器人进厂打工，能干些什么</a></p>',
        '<p><a href="/robot/1.html">人形机器人进厂打工，能干些什么？据介绍，首批试点已经在三家'
        "工厂展开。</a></p>",
        "<p>相关热词：具身智能 人形机器人 工博会</p>",
        f'<div class="tool">【打印本页】</div><p>{P1[0]}</p>',
    ],
)
def test_lines_after_the_container_that_are_no_prose_stay_out(after: str) -> None:
    """A run of paragraphs after the container starts only with a sentence that is not
    mostly a link: a template's prev/next line, a linked teaser or a tag line does not,
    nor prose behind a block of the template's own."""
    article = parse_article(_closed_early(after + f"<p>{P2[1]}</p>"), URL)
    assert article.sections == [Section(None, [FIRST, P0[0]])]


@pytest.mark.parametrize(
    ("style", "kept"),
    [
        ("position: absolute; display: none", False),
        ("display:none;position:fixed;z-index:99", False),
        ("display: none", True),  # folded text a 展开全文 button reveals
        ("position: absolute", True),
    ],
)
def test_a_hidden_block_placed_over_the_page_is_a_popup(style: str, kept: bool) -> None:
    """Discuz's attachment tip under a picture: hidden and placed over the page, it is
    shown on hover and is no text, nor the picture's caption."""
    tip = (
        f'<div class="tip tip_4" id="aimg_1201_menu" style="{style}"><div class="xs0">'
        "<p><strong>welding-robot.jpg</strong> <em>(86.52 KB, 下载次数: 3)</em></p>"
        '<p><a href="forum.php?mod=attachment&amp;aid=MTIw">下载附件</a></p>'
        "<p>2019-3-15 10:20 上传</p></div></div>"
    )
    snippet = (
        f'<p>{P0[0]}</p><p><img src="/uploads/w.jpg">{tip}<br>图为工人在车间调试焊接机器人</p>'
        f"<p>{P0[1]}</p>"
    )
    text = [p for s in _text(snippet) for p in s.paragraphs]
    assert ("2019-3-15 10:20 上传" in text) is kept
    if not kept:
        assert text == [FIRST, P0[0], P0[1], LAST]
        assert _images(snippet) == [("w.jpg", "图为工人在车间调试焊接机器人")]


@pytest.mark.parametrize(
    ("snippet", "text"),
    [
        (
            '<amp-iframe src="https://v.qq.com/txp/iframe/player.html?vid=k31">'
            '<amp-img layout="fill" src="/uploads/poster.jpg" placeholder></amp-img>'
            '<div overflow tabindex="0" role="button" aria-label="显示更多">点击加载视频</div>'
            "<div fallback>您的浏览器不支持视频播放</div></amp-iframe>"
            "<p>视频：记者实地探访多个小区的人脸识别门禁</p>",
            ["视频：记者实地探访多个小区的人脸识别门禁"],
        ),
        (
            f'<p>{P0[1]}<span role="button" class="more">展开全文</span></p>',
            [P0[1]],
        ),
        (
            f'<p><a role="button" href="/uploads/big.jpg"><img src="/uploads/a.jpg"></a></p>'
            f"<p>{P0[1]}</p>",
            [P0[1]],
        ),
        # an AMP page's picture in a button is a picture too
        (
            f'<p><a role="button" href="/uploads/big.jpg"><amp-img src="/uploads/a.jpg">'
            f"</amp-img></a></p><p>{P0[1]}</p>",
            [P0[1]],
        ),
    ],
)
def test_an_element_with_a_buttons_role_is_a_control(snippet: str, text: list[str]) -> None:
    """An AMP player's ``点击加载视频`` and a fold's ``展开全文`` say they are buttons: their
    labels are no text. A button holding a picture keeps the picture. An AMP video's
    poster (``placeholder``) and its ``fallback`` stand in for the player and leave."""
    page = f"<p>{P0[0]}</p>{snippet}"
    assert _text(page) == [Section(None, [FIRST, P0[0], *text, LAST])]
    assert _images(page) == ([("a.jpg", None)] if "a.jpg" in snippet else [])


def test_an_icon_fonts_glyph_is_no_text_and_a_private_use_character_in_a_line_is() -> None:
    """``<i class="iconfont">&#xe6a4;</i>`` draws an icon in the site's font and prints as
    an empty box elsewhere; a GBK page's user-defined character in a sentence decodes
    to the same range and is the page's own."""
    line = "该企业创始人\ue2a1先生表示，今年将扩大产能。"
    snippet = (
        f'<p><i class="iconfont" aria-hidden="true">&#xe6a4;</i>{P0[0]}</p>'
        f'<div class="audio-card"><span>&#xe61b; &#xe6b2;</span></div><p>{line}</p>'
        '<p><a href="/uploads/big.jpg"><img src="/uploads/a.jpg"><i>&#xe601;</i></a></p>'
    )
    assert _text(snippet) == [Section(None, [FIRST, P0[0], line, LAST])]
    assert _images(snippet) == [("a.jpg", None)]


@pytest.mark.parametrize(
    ("img", "url"),
    [
        (
            '<img alt="" sizes="(max-width: 768px) 100vw, 760px" srcset="/uploads/d-480.jpg 480w,'
            ' /uploads/d-1440.jpg 1440w, /uploads/d-960.jpg 960w">',
            "http://www.ailab.cn/uploads/d-1440.jpg",
        ),
        (
            '<img srcset="/uploads/d.jpg, /uploads/d@2x.jpg 2x">',
            "http://www.ailab.cn/uploads/d@2x.jpg",
        ),
        (
            '<img data-srcset="https://img.example.com/c_fill,w_480/d.jpg 480w,'
            'https://img.example.com/c_fill,w_960/d.jpg 960w">',
            "https://img.example.com/c_fill,w_960/d.jpg",
        ),
        (
            '<picture><source type="image/webp" srcset="/uploads/p.webp 1x, /uploads/p@2x.webp 2x">'
            '<img alt="质检设备"></picture>',
            "http://www.ailab.cn/uploads/p@2x.webp",
        ),
        (
            '<picture><source srcset="/uploads/p.webp"><img src="/uploads/p.jpg"></picture>',
            "http://www.ailab.cn/uploads/p.jpg",
        ),
    ],
)
def test_an_image_given_only_by_a_srcset_keeps_its_largest_address(img: str, url: str) -> None:
    """A responsive theme's ``<img>`` without ``src``: the widest candidate is the picture
    as published; a ``src`` still wins, and a comma inside an address is no separator."""
    snippet = f"<p>{P0[0]}</p><figure>{img}<figcaption>检测系统标出的崩边缺陷</figcaption></figure>"
    article = parse_article(_page(snippet), URL)
    assert [(i.url, i.caption) for i in article.images] == [(url, "检测系统标出的崩边缺陷")]
