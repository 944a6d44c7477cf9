"""An exhibition's field block (展会大全 detail pages): each row of a label cell and a
value cell is one line of the text, whether the block is inside the body or beside it."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from newsarchive.extract import parse_article
from newsarchive.extract.fields import field_rows, list_rows
from tests.test_extract_robustness import P0, P1, URL

NAME = "2024中国国际工业博览会"
INTRO = "".join(f"<p>{p}</p>" for p in P0 + P1)
FIELDS = [("展会时间", "2024年9月24日-28日"), ("展会地点", "国家会展中心（上海）"),
          ("主办单位", "工业和信息化部等")]  # fmt: skip
LINES = [f"{label}：{value}" for label, value in FIELDS]


def _table(fields: list[tuple[str, str]], colon: str = "：") -> str:
    rows = "".join(f"<tr><th>{k}{colon}</th><td>{v}</td></tr>" for k, v in fields)
    return f"<table class='param'>{rows}</table>"


def _dl(fields: list[tuple[str, str]]) -> str:
    return "<dl>" + "".join(f"<dt>{k}</dt><!-- x --><dd>{v}</dd>" for k, v in fields) + "</dl>"


def _page(card: str, side: str = "", headline: str = NAME) -> bytes:
    return (
        f'<html><head><meta charset="utf-8"><title>{headline}_展会大全</title></head><body>'
        f"<div class='nav'><a href='/zhanhui/'>展会信息港</a></div><div class='wrap'>"
        f"<div class='main'>{card}</div><div class='side'>{side}</div></div></body></html>"
    ).encode()


def _paragraphs(page: bytes) -> list[str]:
    return [p for s in parse_article(page, URL).sections for p in s.paragraphs]


def _dls(fields: list[tuple[str, str]]) -> str:
    return "<div>" + "".join(f"<dl><dt>{k}</dt><dd>{v}</dd></dl>" for k, v in fields) + "</div>"


def _ul(fields: list[tuple[str, str]]) -> str:
    return "<ul>" + "".join(f"<li><span>{k}：</span>{v}</li>" for k, v in fields) + "</ul>"


@pytest.mark.parametrize(
    "block",
    [_table(FIELDS), _table(FIELDS, colon=""), _dl(FIELDS), _dls(FIELDS), _ul(FIELDS)],
    ids=["th-td", "th-td-without-colons", "dt-dd", "one-row-dls", "labelled-list-items"],
)
def test_a_field_block_above_the_introduction_opens_the_text(block: str) -> None:
    card = f"<h1>{NAME}</h1><div class='info'>发布时间：2024-06-12 10:00</div>{block}"
    card += f"<div class='intro'>{INTRO}</div>"
    assert _paragraphs(_page(card)) == LINES + P0 + P1


def test_a_field_block_in_a_sidebar_naming_the_exhibition_opens_the_text() -> None:
    card = f"<h1>{NAME}</h1><div class='intro'>{INTRO}</div>"
    side = _dl([("展会名称", f"{NAME}（第24届工博会）"), *FIELDS])
    assert _paragraphs(_page(card, side)) == [f"展会名称：{NAME}（第24届工博会）", *LINES, *P0, *P1]


@pytest.mark.parametrize(
    "side",
    [
        # a sidebar's promotion of another exhibition on a news page
        _dl([("展会名称", "2025世界人工智能大会"), *FIELDS]),
        # a sidebar block without its exhibition's name
        _table(FIELDS),
        # two rows are no exhibition's block
        _table(FIELDS[:2]),
        _dls(FIELDS[:2]),
        # a list whose items are not all labelled has its labelled ones only: too few
        "<ul><li>展会时间：明年再议</li><li><a href='/a/'>展会地点</a></li><li>其他</li></ul>",
    ],
)
def test_a_field_block_that_is_not_the_pages_own_is_not_read(side: str) -> None:
    card = f"<h1>{NAME}</h1><div class='intro'>{INTRO}</div>"
    assert _paragraphs(_page(card, side)) == P0 + P1


def test_field_rows_inside_the_body_are_one_line_each_and_data_rows_stay_cells() -> None:
    data = "<table><tr><td>城市</td><td>排名</td></tr><tr><td>北京</td><td>1</td></tr></table>"
    card = f"<h1>{NAME}</h1><div class='intro'>{_table(FIELDS)}{INTRO}{data}</div>"
    assert _paragraphs(_page(card)) == LINES + P0 + P1 + ["城市", "排名", "北京", "1"]


def test_field_rows_are_rows_of_a_known_label_and_a_value() -> None:
    root = lxml_html.fromstring(
        "<div><table><tr><th>时间</th><th>地点</th></tr>"  # a header row of a data table
        "<tr><th>展会时间</th><th>展会地点</th></tr>"  # two labels are no value
        "<tr><th>展会面积</th><td></td></tr>"  # no value
        "<tr><td>展会面积：</td><td>30万平方米</td><td>另注</td></tr>"  # three cells
        "<tr><td>展会面积：</td><td> 30万 平方米 </td></tr></table>"
        "<dl><dt>主办方</dt><dd>上海市政府</dd><dt>举办周期</dt></dl></div>"
    )
    assert sorted(line for line in field_rows(root).values() if line) == [
        "主办方：上海市政府",
        "展会面积：30万 平方米",
    ]


def test_list_rows_are_items_opening_with_a_known_label() -> None:
    root = lxml_html.fromstring(
        "<ul><li><span>展会时间：</span> 2024年9月24日-28日 </li>"
        "<li>展会地点: 国家会展中心</li>"  # an ASCII colon
        "<li><a href='/zhanhui/'>展会信息港</a></li>"  # a menu item
        "<li>展会面积：</li>"  # no value
        "<li>本届展会时间：9月</li></ul>"  # a sentence, not a label
    )
    assert list(list_rows(root).values()) == [
        "展会时间：2024年9月24日-28日",
        "展会地点：国家会展中心",
    ]
