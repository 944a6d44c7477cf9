"""Articles not written in Chinese, on the portal's Chinese pages: an English article of
the international channel, an English press release, a Japanese one.

Text density and a body's size are weighed in Han characters; text without Han weighs
its letters (``dom.text_weight``), so an English article has a body, and a Chinese
page weighs what it always did."""

from __future__ import annotations

import pytest

from newsarchive.dom import han_count, letter_count, text_weight
from newsarchive.extract import parse_article
from newsarchive.model import NotAnArticle

URL = "http://www.ailab.cn/international/2025/0312/460118.html"

EN_TITLE = "Shenzhen Opens a Test Field for Delivery Drones Over the Bay"
EN_PARAGRAPHS = (
    "Shenzhen has opened a 120-square-kilometre test field for delivery drones above "
    "Shenzhen Bay, the city's transport bureau said on Wednesday, allowing operators to "
    "fly beyond visual line of sight over water for the first time.",
    "Three companies will take part in the first phase, which runs until the end of "
    "June. Each drone must carry a parachute and a transponder, and flights are limited "
    "to an altitude of 120 metres.",
    "Officials expect the trial to cut delivery times to the islands of the bay from "
    "two hours by boat to about 25 minutes, and to collect data for national rules on "
    "low-altitude traffic.",
)

CHINESE_CHROME_TOP = (
    '<div class="top"><a href="/">首页</a> <a href="/news/">资讯</a> '
    '<a href="/expo/">展会信息港</a> <a href="/international/">English</a></div>'
)
CHINESE_SIDEBAR = (
    '<div class="side"><h3>热门文章</h3><ul>'
    + "".join(
        f'<li><a href="/news/2025/03{d:02d}/4600{d:02d}.html">人工智能产业周报第{d}期发布，'
        f"多家企业披露最新进展</a></li>"
        for d in range(1, 9)
    )
    + "</ul></div>"
)
CHINESE_FOOTER = (
    '<div class="footer"><p>Copyright © 2010-2025 AiLab Team. 人工智能实验室 版权所有 '
    '<a href="/about.html">关于我们</a> | <a href="/guanggao.html">广告服务</a></p>'
    "<p>京ICP备12034567号-2</p></div>"
)


def _page(article: str, *, title: str = EN_TITLE) -> bytes:
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{title}_人工智能实验室</title></head><body>"
        f'{CHINESE_CHROME_TOP}<div class="wrap">{article}{CHINESE_SIDEBAR}</div>'
        f"{CHINESE_FOOTER}</body></html>"
    ).encode()


def _paragraphs(article_html: str) -> list[str]:
    record = parse_article(_page(article_html), URL)
    return [p for s in record.sections for p in s.paragraphs]


def test_text_weight_counts_han_where_there_is_any_and_letters_elsewhere() -> None:
    assert text_weight("人工智能实验室 AiLab") == han_count("人工智能实验室 AiLab") == 7
    assert text_weight("Shenzhen Bay") == letter_count("Shenzhen Bay") // 4 == 2
    assert text_weight("Copyright © 2025") == 2  # non-ASCII, still without Han
    assert text_weight("  \n\t ") == text_weight("") == text_weight("2025-03-12") == 0


def test_an_english_article_in_the_seed_template_is_stored() -> None:
    """The seed's layout (``div.viewbox``, ``div.info``, ``div#mainDiv``) with an
    English text: found in its known container, labels read as in Chinese."""
    article_html = (
        f'<div class="viewbox"><div class="title"><h2>{EN_TITLE}</h2></div>'
        '<div class="info">来源:Xinhua 发布日期:2025-03-12 10:40 浏览:1,204次</div>'
        '<div id="mainDiv">' + "".join(f"<p>{p}</p>" for p in EN_PARAGRAPHS) + "</div></div>"
    )
    record = parse_article(_page(article_html), URL)
    assert record.title == EN_TITLE
    assert (record.source, record.published_at) == ("Xinhua", "2025-03-12T10:40:00+08:00")
    assert [p for s in record.sections for p in s.paragraphs] == list(EN_PARAGRAPHS)
    assert record.script == "zh-Hans"


@pytest.mark.parametrize(
    "wrapper",
    [
        '<div class="story-main">{}</div>',
        '<section class="c-body"><div class="inner">{}</div></section>',
    ],
)
def test_an_english_article_in_an_unknown_template_is_found_by_density(wrapper: str) -> None:
    """No known container: the English paragraphs outweigh the Chinese sidebar of
    links and the footer, and only they are the text."""
    body = "".join(f"<p>{p}</p>" for p in EN_PARAGRAPHS)
    article_html = f'<h1 class="story-hd">{EN_TITLE}</h1>' + wrapper.format(body)
    assert _paragraphs(article_html) == list(EN_PARAGRAPHS)


def test_an_english_brief_of_two_short_paragraphs_is_an_article() -> None:
    brief = EN_PARAGRAPHS[:2]
    article_html = (
        f'<h1 class="brief-title">{EN_TITLE}</h1>'
        '<p class="meta">Source: Reuters | Date: 2025-03-12 10:40</p>'
        '<div class="brief-text">' + "".join(f"<p>{p}</p>" for p in brief) + "</div>"
    )
    record = parse_article(_page(article_html), URL)
    assert [p for s in record.sections for p in s.paragraphs] == list(brief)
    assert record.source == "Reuters"


def test_an_english_listing_is_still_refused() -> None:
    """Weighing English text does not make a page of dated English links an article."""
    items = "".join(
        f'<li><a href="/international/2025/03{d:02d}/4601{d:02d}.html">Robot makers report '
        f"record orders in week {d} as factories retool</a><span>2025-03-{d:02d}</span></li>"
        for d in range(1, 21)
    )
    page = _page(f'<h1>International</h1><ul class="news-list">{items}</ul>', title="International")
    with pytest.raises(NotAnArticle):
        parse_article(page, "http://www.ailab.cn/international/list_1.html")


def test_a_latin_source_name_by_the_headline_is_the_source() -> None:
    """An unlabelled name in an element classed as a source counts in Latin letters
    too (``Reuters``), as ``新华社`` does in Han."""
    article_html = (
        f'<h1 class="story-hd">{EN_TITLE}</h1><div class="byline">'
        '<span class="m-src">Reuters</span><span class="time">2025-03-12 10:40</span></div>'
        '<div class="story-main">' + "".join(f"<p>{p}</p>" for p in EN_PARAGRAPHS) + "</div>"
    )
    record = parse_article(_page(article_html), URL)
    assert record.source == "Reuters"


JA_TITLE = "東和ロボット、倉庫向け搬送ロボットの新型を発売"
JA_PARAGRAPHS = (
    "東和ロボット株式会社は12日、倉庫向け自律搬送ロボットの新型機を4月から販売すると発表した。"
    "積載量は従来機の2倍となる600キロで、狭い通路でも旋回できる。",
    "同社によると、物流業界では人手不足が続いており、導入の相談が前年の3倍に増えている。"
    "価格は1台あたり約800万円を予定している。",
    "今後は中国や東南アジアの物流企業への販売も検討するという。",
)


def test_a_japanese_press_release_is_not_converted_to_simplified_chinese() -> None:
    """Its kanji (東, 販, 発) look traditional to OpenCC; converted, the release would be
    neither Japanese nor Chinese. It is kept as served."""
    article_html = (
        f'<div class="viewbox"><div class="title"><h2>{JA_TITLE}</h2></div>'
        '<div class="info">来源:PR TIMES 发布日期:2025-03-12 10:40</div>'
        '<div id="mainDiv">' + "".join(f"<p>{p}</p>" for p in JA_PARAGRAPHS) + "</div></div>"
    )
    record = parse_article(_page(article_html, title=JA_TITLE), URL)
    assert record.title == JA_TITLE
    assert [p for s in record.sections for p in s.paragraphs] == list(JA_PARAGRAPHS)
    assert (record.script, record.source) == ("zh-Hans", "PR TIMES")
