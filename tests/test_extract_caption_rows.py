"""Captions printed in the table row under a row of images belong to the images above
them, column by column (``extract.captionrows``)."""

from __future__ import annotations

import pytest

from newsarchive.extract import parse_article
from newsarchive.model import Image, Section
from tests.test_extract_robustness import P0, P1, URL

BASE = "http://www.ailab.cn"
CAPTIONS = ["人形机器人演奏乐器", "观众与仿生机器人交流", "工业机器人精密装配"]


def _images(names: list[str]) -> str:
    cells = "".join(
        f"<td align='center'><a href='#'><img src='/u/{n}.jpg'></a></td>" for n in names
    )
    return f"<tr>{cells}</tr>"


def _captions(texts: list[str]) -> str:
    cells = "".join(f"<td><font color='#333'>{t}</font></td>" for t in texts)
    return f"<tr>{cells}</tr>"


def _page(table: str) -> bytes:
    body = f"<p>{P0[0]}</p><table>{table}</table>" + "".join(f"<p>{p}</p>" for p in P0[1:] + P1)
    return (
        '<html><head><meta charset="utf-8"><title>组图：机器人大会现场</title></head><body>'
        f"<h1>组图：机器人大会现场</h1><div class='content'>{body}</div></body></html>"
    ).encode()


def test_each_image_gets_the_caption_in_the_cell_under_it() -> None:
    table = _images(["a", "b", "c"]) + _captions(CAPTIONS)
    table += _images(["d", "e"]) + _captions(["四足机器人攀爬台阶", ""])
    article = parse_article(_page(table), URL)
    got = [(i.url.rsplit("/", 1)[1], i.caption) for i in article.images]
    assert got == [
        ("a.jpg", CAPTIONS[0]),
        ("b.jpg", CAPTIONS[1]),
        ("c.jpg", CAPTIONS[2]),
        ("d.jpg", "四足机器人攀爬台阶"),
        ("e.jpg", None),
    ]
    assert article.sections == [Section(None, P0 + P1)]


@pytest.mark.parametrize(
    "under",
    [
        # a row of more or fewer cells is not the images' row of captions
        _captions(CAPTIONS[:2]),
        # two lines in a cell, or a paragraph of text, are text
        "<tr><td><p>甲</p><p>乙</p></td><td>丙</td><td>丁</td></tr>",
        _captions(["展会期间，" * 45, "乙", "丙"]),
    ],
)
def test_a_row_that_is_no_caption_row_stays_as_walked(under: str) -> None:
    images = parse_article(_page(_images(["a", "b", "c"]) + under), URL).images
    assert [i.caption for i in images[:2]] == [None, None]


def test_one_image_a_row_with_its_caption_under_it() -> None:
    table = _images(["a"]) + _captions(CAPTIONS[:1])
    assert parse_article(_page(table), URL).images == [
        Image(url=f"{BASE}/u/a.jpg", alt=None, caption=CAPTIONS[0], credit=None)
    ]
