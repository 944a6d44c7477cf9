"""Article text written in rich-text editors: 秀米 and 135编辑器 boxes, Quill and
WordPress block classes, a headless CMS's side-by-side blocks, a Markdown renderer's
heading anchors. Their decoration must not become text, and their text must not be lost.
"""

from __future__ import annotations

import pytest

from newsarchive.extract import parse_article
from newsarchive.model import Article, Section

URL = "http://www.ailab.cn/robot/2025/0310/470001.html"
FIRST = "开头这一段交代了新闻的背景，篇幅足够让正文被找到并且被认作文章。"
LAST = "结尾这一段是文章的最后一句话，必须留在记录的正文里。"


def _parse(body: str) -> Article:
    page = (
        '<html><head><meta charset="utf-8"><title>编辑器排版测试_人工智能实验室</title></head>'
        '<body><div class="nav"><a href="/">首页</a> <a href="/robot/">机器人</a></div>'
        '<div class="art"><h1>编辑器排版测试</h1>'
        '<div class="meta">来源:科技日报 发布日期:2025-03-10 09:30:00</div>'
        f'<div class="post-body"><p>{FIRST}</p>{body}<p>{LAST}</p></div></div>'
        '<div class="foot">Copyright © 2025 人工智能实验室</div></body></html>'
    )
    return parse_article(page.encode(), URL)


def _lines(article: Article) -> list[str]:
    return [p for s in article.sections for p in s.paragraphs]


@pytest.mark.parametrize(
    "ornament",
    [
        '<section style="text-align:center"><p>▼</p></section>',
        "<p>|</p>",
        '<p style="text-align:center">* * *</p>',
        "<p>◆ ◆ ◆</p>",
        '<section><section><p><span style="color:#ccc">———</span></p></section></section>',
    ],
)
def test_a_line_of_ornaments_is_not_text(ornament: str) -> None:
    article = _parse(f"<p>第二段讲了事情的经过，这里是一整句。</p>{ornament}<p>第三段接着讲。</p>")
    assert _lines(article) == [
        FIRST,
        "第二段讲了事情的经过，这里是一整句。",
        "第三段接着讲。",
        LAST,
    ]


def test_symbols_that_are_data_or_code_or_words_stay() -> None:
    article = _parse(
        "<table><tr><td>型号</td><td>价格</td></tr><tr><td>A1</td><td>—</td></tr></table>"
        "<pre><code>---</code></pre>"
        "<p>▼ 点击下方卡片了解更多</p>"
    )
    lines = _lines(article)
    assert "—" in lines  # a cell left empty on purpose
    assert "---" in lines  # a line of code
    assert "▼ 点击下方卡片了解更多" in lines  # words beside the arrow


def _marker_box(number: str, title: str) -> str:
    """秀米's numbered heading: the number, a bar and the title in three boxes of one row."""
    return (
        '<section style="display:flex">'
        f'<section style="background:#1e6fd9"><p><strong>{number}</strong></p></section>'
        "<section><p>|</p></section>"
        f"<section><p><strong>{title}</strong></p></section>"
        "</section>"
    )


def test_a_title_in_the_markers_own_box_joins_the_heading() -> None:
    article = _parse(
        _marker_box("01", "行业背景")
        + "<section><p>第一节的正文写在这里，内容是一整句话。</p></section>"
        + _marker_box("02", "量产难题")
        + "<section><p>第二节的正文写在这里，也是一整句话。</p></section>"
    )
    assert article.sections == [
        Section(None, [FIRST]),
        Section("01 行业背景", ["第一节的正文写在这里，内容是一整句话。"]),
        Section("02 量产难题", ["第二节的正文写在这里，也是一整句话。", LAST]),
    ]


def test_a_short_line_under_a_marker_of_its_own_stays_text() -> None:
    """The seed's ``01`` stands in a paragraph of its own: the short line under it is
    the section's first line, not a title printed with the marker."""
    article = _parse("<p>01</p><p>行业背景</p><p>第一节的正文写在这里，内容是一整句话。</p>")
    assert article.sections[1] == Section(
        "01", ["行业背景", "第一节的正文写在这里，内容是一整句话。", LAST]
    )


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("<h2>01 | 订单排队，产能跟不上</h2>", "<h2>02 | 核心零部件仍是瓶颈</h2>"),
        (
            "<p><strong>01｜订单排队，产能跟不上</strong></p>",
            "<p><strong>02｜核心零部件仍是瓶颈</strong></p>",
        ),
        ("<h3>1 丨 订单排队，产能跟不上</h3>", "<h3>2 丨 核心零部件仍是瓶颈</h3>"),
    ],
)
def test_a_marker_and_its_title_on_one_line_are_the_heading(first: str, second: str) -> None:
    article = _parse(
        f"{first}<p>第一节的正文写在这里，内容是一整句话。</p>"
        f"{second}<p>第二节的正文写在这里，也是一整句话。</p>"
    )
    n1, n2 = ("1", "2") if "丨" in first else ("01", "02")
    assert article.sections == [
        Section(None, [FIRST]),
        Section(f"{n1} 订单排队，产能跟不上", ["第一节的正文写在这里，内容是一整句话。"]),
        Section(f"{n2} 核心零部件仍是瓶颈", ["第二节的正文写在这里，也是一整句话。", LAST]),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "12 / 2024",  # no title: a number
        "01 | 这一行是一句完整的话。",  # a sentence
        "3 | 这是一个非常非常长的标题它比任何小节标题都要长得多得多得多",
    ],
)
def test_a_number_and_a_bar_that_are_no_titled_marker_stay_text(line: str) -> None:
    article = _parse(f"<p>{line}</p>")
    assert article.sections == [Section(None, [FIRST, line, LAST])]


def _related(links: int = 2) -> str:
    items = "".join(
        f'<li><a href="/robot/2025/0301/46{n}.html">另一篇文章{n}</a></li>' for n in range(links)
    )
    return f'<div class="block related-block"><h4>相关阅读</h4><ul>{items}</ul></div>'


def test_text_goes_on_after_a_box_of_links_a_picture_and_a_subheading() -> None:
    """A headless CMS sets text, link, picture and text blocks side by side."""
    article = _parse(
        '<div class="cms-block"><p>第二段写的是第一个要点，这是一整句话。</p></div>'
        + _related()
        + '<div class="cms-block"><figure><img src="/uploads/2025/a.jpg">'
        '<p class="media__caption">图为展台上的样机。</p></figure></div>'
        '<div class="cms-block"><h3>下半场看生态</h3>'
        "<p>第三段写的是第二个要点，这也是一整句话。</p></div>"
    )
    lines = _lines(article)
    assert "第三段写的是第二个要点，这也是一整句话。" in lines and lines[-1] == LAST
    assert "另一篇文章0" not in " ".join(lines)
    assert [i.caption for i in article.images] == ["图为展台上的样机。"]


def test_text_goes_on_after_a_box_of_links_a_picture_and_a_short_sentence() -> None:
    """DedeCMS: a 相关阅读 box, a picture with its caption, then a one-sentence
    paragraph before the longer ones: the article goes on under the picture."""
    short = "机器人并不是要取代护士。"
    article = _parse(
        "<p>第二段写的是第一个要点，这是一整句话。</p>"
        + _related()
        + '<center><img src="/uploads/allimg/170608/guide.jpg"></center>'
        '<p align="center">导诊机器人在门诊大厅为患者指引科室。</p>'
        f"<p>{short}</p><p>第三段写的是第二个要点，护士可以把更多精力放在分诊上，这也是一整句话。</p>"
    )
    lines = _lines(article)
    assert short in lines and lines[-1] == LAST
    assert [i.caption for i in article.images] == ["导诊机器人在门诊大厅为患者指引科室。"]


def test_a_box_of_links_followed_by_a_picture_and_its_caption_alone_ends_the_text() -> None:
    page = (
        '<html><head><meta charset="utf-8"><title>编辑器排版测试</title></head><body>'
        '<div class="art"><h1>编辑器排版测试</h1><div class="post-body">'
        f"<p>{FIRST}</p><p>第二段是文章最后的话，这是一整句话。</p>"
        + _related()
        + '<p><img src="/uploads/qr.png"></p><p>长按识别二维码。</p>'
        "</div></div></body></html>"
    )
    article = parse_article(page.encode(), URL)
    assert _lines(article) == [FIRST, "第二段是文章最后的话，这是一整句话。"]


@pytest.mark.parametrize("cls", ["ql-align-center", "has-text-align-center", "text-center"])
def test_a_line_centered_by_an_editors_class_under_a_picture_is_its_caption(cls: str) -> None:
    article = _parse(
        f'<p class="{cls}"><img src="/uploads/2025/b.jpg"></p>'
        f'<p class="{cls}"><span>医生借助AI系统阅读胸部CT影像。（资料图）</span></p>'
    )
    assert [i.caption for i in article.images] == ["医生借助AI系统阅读胸部CT影像。（资料图）"]
    assert _lines(article) == [FIRST, LAST]


def test_a_headings_link_to_itself_is_not_its_text() -> None:
    article = _parse(
        '<h2 id="一、主要更新">'
        '<a class="header-anchor" href="#一、主要更新" aria-hidden="true">#</a> 一、主要更新</h2>'
        "<p>新版本重写了调度器，这是一整句话。</p>"
        '<p>话题<a href="#topic">#具身智能#</a>持续升温。</p>'
    )
    lines = _lines(article)
    assert "一、主要更新" in lines
    assert "话题#具身智能#持续升温。" in lines  # a hashtag is a word, not a sign
    assert not any(line.startswith("#") for line in lines)
