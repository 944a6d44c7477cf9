"""A 组图 page's slides beside its text: each slide's picture and caption are kept."""

from __future__ import annotations

from newsarchive.extract import parse_article
from newsarchive.model import Section
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
