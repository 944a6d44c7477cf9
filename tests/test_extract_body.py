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
from tests.test_extract_robustness import P0, P1, URL

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
    article = parse_article(_page("".join(f"<p>{t}</p>" for t in lines), info=info), URL)
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


def test_an_abstract_in_the_middle_of_the_body_is_text() -> None:
    lines = ["论文标题：Scaling Laws for Neural Language Models", "摘要：本文研究了幂律关系。"]
    article = parse_article(_page("".join(f"<p>{t}</p>" for t in lines)), URL)
    assert article.sections == [Section(None, [FIRST, *lines, LAST])]
    assert article.summary is None


def test_a_lead_line_is_kept_as_text_when_the_page_has_a_lead_box() -> None:
    body = "<p>摘要：本文研究了幂律关系。</p>" + "".join(f"<p>{p}</p>" for p in P0)
    page = (
        '<html><head><meta charset="utf-8"><title>标题测试新闻</title></head><body>'
        "<h1>标题测试新闻</h1><div class='intro'>导读：人形机器人走进工厂。</div>"
        f"<div class='content'>{body}</div></body></html>"
    ).encode()
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
