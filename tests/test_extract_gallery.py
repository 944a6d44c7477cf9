"""A 组图 page's slides beside its text: each slide's picture and caption are kept."""

from __future__ import annotations

import pytest

from newsarchive.extract import parse_article
from newsarchive.model import NotAnArticle, Section
from tests.test_extract_robustness import P0, P1, URL

CAPTIONS = [
    "观众在展会现场与人形机器人互动。",
    "双臂协作机器人演示叠衣服。",
    "灵巧手完成拧瓶盖动作。",
]
TEXT = "".join(f"<p>{p}</p>" for p in P0 + P1)


def _slides(linked: bool = False) -> str:
    items = []
    for i, caption in enumerate(CAPTIONS, 1):
        img = f'<img src="/gallery/expo_{i}.jpg" alt="图集">'
        if linked:
            img = f'<a href="/photo/{i}.html">{img}</a>'
        items.append(
            f"<li class='slide'><div class='pic'>{img}</div><p class='desc'>{caption}</p>"
            f"<a class='raw' href='/gallery/expo_{i}.jpg'>查看原图</a></li>"
        )
    return "<ul class='slides'>" + "".join(items) + "</ul>"


THUMBS = (
    "<div class='thumbs'><ul>"
    + "".join(f"<li><img src='/gallery/expo_{i}_s.jpg'></li>" for i in range(1, 4))
    + "</ul></div>"
)


def _page(card: str, side: str = "") -> bytes:
    return (
        '<html><head><meta charset="utf-8"><title>图集｜机器人展_人工智能实验室</title></head>'
        f"<body><div class='photo'><h1>图集｜机器人展</h1>{card}</div>"
        f"<div class='side'>{side}</div></body></html>"
    ).encode()


def test_the_slides_of_a_gallery_open_the_record() -> None:
    article = parse_article(_page(f"{_slides()}{THUMBS}<div class='text'>{TEXT}</div>"), URL)
    assert [(i.url.rsplit("/", 1)[-1], i.caption) for i in article.images] == [
        (f"expo_{i}.jpg", c) for i, c in enumerate(CAPTIONS, 1)
    ]
    assert article.sections == [Section(None, P0 + P1)]


def test_linked_pictures_and_pictures_outside_the_card_are_no_gallery() -> None:
    related = parse_article(_page(f"<div class='text'>{TEXT}</div>{_slides(linked=True)}"), URL)
    aside = parse_article(_page(f"<div class='text'>{TEXT}</div>", side=_slides()), URL)
    assert related.images == aside.images == []


@pytest.mark.parametrize("inside", [False, True])
def test_a_slide_shows_counters_and_buttons_are_no_text_and_no_caption(inside: bool) -> None:
    """DedeCMS's picshow: a button bar (上一张 下一张 自动播放), then each slide's picture
    over its counter (1/3) and caption; the slides after the first are hidden until the
    script shows them, and each is still a picture with its caption."""
    captions = [
        "观众在大会上观看人形机器人展示。新华社记者 李欣 摄",
        "一台人形机器人在展台上演示抓取水果。",
        "参展商在展台调试仿生机械手。",
    ]
    slides = "".join(
        f'<li{" style=display:none" if n else ""}><div class="pic"><img src="/uploads/{n}.jpg"'
        f' alt="组图"></div><div class="picinfo"><span class="picnum">{n + 1}/3</span>'
        f'<p class="pictxt">{caption}</p></div></li>'
        for n, caption in enumerate(captions)
    )
    card = (
        "<div class='arc-info'>来源:新华网 发布日期:2024-08-22 09:16</div>"
        '<div class="picshow"><div class="picbtn"><a href="javascript:;">上一张</a>'
        '<a href="javascript:;">下一张</a><a href="javascript:;">自动播放</a></div>'
        f'<ul class="piclist">{slides}</ul></div>'
        f'<div class="content">{"".join(f"<p>{p}</p>" for p in P0)}</div>'
    )
    if inside:  # the slide show inside the text's container, above the text
        card = card.replace('<div class="picshow">', '<div class="content"><div class="picshow">')
        card = card.replace('</ul></div><div class="content">', "</ul></div>")
    article = parse_article(_page(card), URL)
    assert [i.caption for i in article.images] == captions
    text = [p for s in article.sections for p in s.paragraphs]
    assert text == list(P0)


PHOTO_CAPTION = (
    "8月23日，世界机器人大会在北京开幕，来自全球的150余家机器人企业展出了最新产品。"
    "图为观众观看由机械手组成的乐队演奏。新华社记者 李鑫 摄"
)


def _photo_news(caption: str) -> bytes:
    return (
        '<html><head><meta charset="utf-8"><title>机器人大会开幕_人工智能实验室</title></head>'
        "<body><div class='title'><h1>机器人大会开幕</h1></div>"
        "<div class='info'>来源：新华网 2017-08-23 15:06:41</div>"
        "<div id='mainDiv'><center><img src='/uploads/allimg/170823/band.jpg' alt='乐队'></center>"
        f"<p style='text-align:center'>{caption}</p><p>（责任编辑：王晨）</p></div>"
        "</body></html>"
    ).encode()


def test_a_photo_news_page_s_caption_is_its_text_as_well() -> None:
    """One picture over a caption of sentences is the whole article: stored, with the
    caption as its text, so it has a text to read and a hash of its own."""
    article = parse_article(_photo_news(PHOTO_CAPTION), URL)
    assert [i.caption for i in article.images] == [PHOTO_CAPTION]
    assert article.sections == [Section(None, [PHOTO_CAPTION])]


def test_a_picture_over_a_label_is_no_article() -> None:
    with pytest.raises(NotAnArticle) as refused:
        parse_article(_photo_news("乐队现场"), URL)
    assert refused.value.reason == "no_body"
