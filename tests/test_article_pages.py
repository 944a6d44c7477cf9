"""Articles over several pages: which links are further pages, and how pages join."""

from __future__ import annotations

import copy
import pickle
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsarchive.article_pages import PageChain, further_pages, is_pager_text
from newsarchive.extract import ArticlePage
from newsarchive.pageurl import DEFAULT_RULE
from newsarchive.text import content_hash

FIRST = "http://www.ailab.cn/robot/2024/1125/453300.html"
PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "multipage"


@pytest.mark.parametrize(
    ("url", "number"),
    [
        ("http://www.ailab.cn/robot/2024/1125/453300_2.html", 2),
        ("http://WWW.AILAB.CN/robot/2024/1125/453300_17.html", 17),
        ("https://www.ailab.cn/robot/2024/1125/453300_3.html", 3),  # a scheme switch
        ("http://www.ailab.cn/robot/2024/1125/453300.html", None),  # the first page
        ("http://www.ailab.cn/robot/2024/1125/453300_1.html", None),
        ("http://www.ailab.cn/robot/2024/1125/453300_02.html", None),
        ("http://www.ailab.cn/robot/2024/1125/453300_2.htm", None),  # another extension
        ("http://www.ailab.cn/robot/2024/1125/453300_2_3.html", None),
        ("http://www.ailab.cn/robot/2024/1125/453301_2.html", None),  # another article
        ("http://www.ailab.cn/robot/2024/1126/453300_2.html", None),  # another folder
        ("http://bigdata.ailab.cn/robot/2024/1125/453300_2.html", None),  # another host
        ("http://www.ailab.cn/robot/2024/1125/453300_2.html?x=1", None),  # another query
        ("http://www.ailab.cn/robot/2024/1125/453300_٢.html", None),  # not ASCII digits
        ("http://www.ailab.cn/robot/2024/1125/453300_20241125.html", None),  # a date
    ],
)
def test_page_number(url: str, number: int | None) -> None:
    assert DEFAULT_RULE.number(FIRST, url) == number


@pytest.mark.parametrize(
    "first", ["http://www.ailab.cn/robot/", "http://www.ailab.cn/html/453300", "http://[::1"]
)
def test_a_first_page_without_an_extension_has_no_numbered_pages(first: str) -> None:
    assert DEFAULT_RULE.number(first, first.rstrip("/") + "_2.html") is None


@pytest.mark.parametrize(
    ("text", "pager"),
    [
        ("2", True),
        ("[3]", True),
        ("【3】", True),
        ("第2页", True),
        ("第 2 頁", True),
        ("下一页", True),
        ("下一頁", True),
        ("尾页", True),
        ("上一页", True),
        ("", False),
        ("下一篇", False),
        ("低空经济示范区名单公布", False),
        ("2024年", False),
        ("12345", False),
    ],
)
def test_pager_text(text: str, pager: bool) -> None:
    assert is_pager_text(text) is pager


def test_a_link_needs_both_the_page_url_and_a_pager_text() -> None:
    links = [
        ("http://www.ailab.cn/robot/2024/1125/453300_2.html", "下一篇"),  # not a pager's
        ("http://www.ailab.cn/robot/2024/1125/453301_2.html", "2"),  # not this article's
        ("http://www.ailab.cn/robot/2024/1125/453300_3.html", "3"),
        ("http://www.ailab.cn/robot/2024/1125/453300_3.html", "下一页"),
    ]
    assert further_pages(FIRST, links) == {3: "http://www.ailab.cn/robot/2024/1125/453300_3.html"}


def _record(
    *sections: tuple[str | None, list[str]], images: tuple[str, ...] = ()
) -> dict[str, Any]:
    paragraphs = [p for _, ps in sections for p in ps]
    return {
        "url": FIRST,
        "sections": [{"heading": h, "paragraphs": list(ps)} for h, ps in sections],
        "images": [{"url": u, "alt": None, "caption": None, "credit": None} for u in images],
        "script": "zh-Hans",
        "content_hash": content_hash(paragraphs),
    }


def _link(n: int, text: str | None = None) -> tuple[str, str]:
    return (FIRST.replace(".html", f"_{n}.html"), text or str(n))


def test_pages_join_in_page_order_and_a_page_break_continues_its_section() -> None:
    first = _record((None, ["甲。"]), ("01", ["乙。"]), images=("http://x/banner.png",))
    chain = PageChain.start(FIRST, first, [_link(3), _link(2)], max_pages=50)
    assert chain is not None
    assert chain.advance() == _link(2)[0]
    chain.join(
        _record(
            (None, ["丙。"]), ("02", ["丁。"]), images=("http://x/banner.png", "http://x/2.png")
        ),
        [_link(3)],
    )
    assert chain.advance() == _link(3)[0]
    chain.join(_record((None, ["戊。"])), [_link(2, "上一页")])
    assert chain.advance() is None
    record = chain.finish("zh-Hans")
    assert record["sections"] == [
        {"heading": None, "paragraphs": ["甲。"]},
        {"heading": "01", "paragraphs": ["乙。", "丙。"]},
        {"heading": "02", "paragraphs": ["丁。", "戊。"]},
    ]
    assert [i["url"] for i in record["images"]] == ["http://x/banner.png", "http://x/2.png"]
    assert record["content_hash"] == content_hash(["甲。", "乙。", "丙。", "丁。", "戊。"])
    assert chain.joined == [_link(2)[0], _link(3)[0]] and chain.missing == []
    assert record["pages"] == [_link(2)[0], _link(3)[0]] and record["missing_pages"] == []


def test_fields_printed_on_a_later_page_fill_what_the_first_left_empty() -> None:
    first = _record((None, ["甲。"]))
    first.update(original_title=None, source="科技日报", published_at=None, published_raw=None)
    chain = PageChain.start(FIRST, first, [_link(2), _link(3)], 50)
    assert chain is not None
    for original, source, raw in (
        ("原题", "新华网", "2024-11-25"),
        ("别题", "人民网", "2024-11-26"),
    ):
        chain.advance()
        page = _record((None, ["乙。"]))
        page.update(original_title=original, source=source, published_at=raw, published_raw=raw)
        chain.join(page, [])
    record = chain.finish("zh-Hans")
    assert record["original_title"] == "原题"  # the first page that prints one
    assert record["source"] == "科技日报"  # the first page's own is kept
    assert (record["published_at"], record["published_raw"]) == ("2024-11-25", "2024-11-25")


def test_a_page_found_on_a_later_page_is_fetched_too() -> None:
    chain = PageChain.start(FIRST, _record((None, ["甲。"])), [_link(2, "下一页")], 50)
    assert chain is not None and chain.advance() == _link(2)[0]
    chain.join(_record((None, ["乙。"])), [_link(3, "下一页")])
    assert chain.advance() == _link(3)[0]
    chain.join(_record((None, ["丙。"])), [])
    assert chain.advance() is None
    assert chain.finish("zh-Hans")["sections"][0]["paragraphs"] == ["甲。", "乙。", "丙。"]


def test_a_page_that_cannot_be_had_is_named_and_the_rest_still_join() -> None:
    chain = PageChain.start(FIRST, _record((None, ["甲。"])), [_link(2), _link(3)], 50)
    assert chain is not None
    chain.advance()
    chain.skip()
    chain.advance()
    chain.join(_record((None, ["丙。"])), [])
    assert chain.advance() is None
    assert chain.missing == [_link(2)[0]] and chain.joined == [_link(3)[0]]
    record = chain.finish("zh-Hans")
    assert record["content_hash"] == content_hash(["甲。", "丙。"])
    assert record["pages"] == [_link(3)[0]] and record["missing_pages"] == [_link(2)[0]]


def test_pages_over_the_limit_are_counted_not_fetched() -> None:
    chain = PageChain.start(FIRST, _record((None, ["甲。"])), [_link(n) for n in range(2, 8)], 3)
    assert chain is not None
    fetched = []
    while (url := chain.advance()) is not None:
        fetched.append(url)
        chain.join(_record((None, ["乙。"])), [_link(n) for n in range(2, 8)])
    assert fetched == [_link(2)[0], _link(3)[0]] and chain.over_limit == 4
    assert chain.finish("zh-Hans")["missing_pages"] == [_link(n)[0] for n in range(4, 8)]


def test_a_record_whose_pages_all_failed_keeps_its_own_hash() -> None:
    record = _record((None, ["甲。"]))
    record["content_hash"] = "kept"
    chain = PageChain.start(FIRST, record, [_link(2)], 50)
    assert chain is not None
    chain.advance()
    chain.skip()
    assert chain.advance() is None and chain.finish("zh-Hans")["content_hash"] == "kept"


def test_a_page_without_further_links_makes_no_chain() -> None:
    assert (
        PageChain.start(FIRST, _record((None, ["甲。"])), [("http://x/y_2.html", "2")], 50) is None
    )


def test_a_chain_survives_a_pickle_round_trip() -> None:
    """A crawl with a job directory keeps pending requests, their chain included, on disk."""
    chain = PageChain.start(FIRST, _record((None, ["甲。"])), [_link(2)], 50)
    assert chain is not None
    chain.advance()
    copied = pickle.loads(pickle.dumps(chain))
    copied.join(_record((None, ["乙。"])), [])
    assert copied.advance() is None and copied.joined == [_link(2)[0]]


def _parse(
    relative: str, host: str = "http://www.ailab.cn"
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    path = PAGES / relative
    page = ArticlePage(path.read_bytes(), f"{host}/{relative}")
    return page.to_article().to_dict(), page.page_links()


@pytest.mark.parametrize(
    ("first", "names"),
    [
        # DedeCMS's pager box listing every page, under the text
        ("robot/2024/1125/453300.html", ["453300_2.html", "453300_3.html"]),
        # a pager inside the text showing only the next page, and a 下一篇 link to an
        # article whose name ends in _2
        ("html/453310.html", ["453310_2.html", "453310_3.html"]),
    ],
)
def test_the_fixture_articles_join_every_page_and_nothing_else(
    first: str, names: list[str]
) -> None:
    record, links = _parse(first)
    folder = first.rsplit("/", 1)[0]
    alone = [_parse(f"{folder}/{name}")[0] for name in names]
    chain = PageChain.start(f"http://www.ailab.cn/{first}", copy.deepcopy(record), links, 50)
    assert chain is not None
    while (url := chain.advance()) is not None:
        page, page_links = _parse(url.removeprefix("http://www.ailab.cn/"))
        chain.join(page, page_links)
    joined = chain.finish("zh-Hans")
    assert chain.joined == [f"http://www.ailab.cn/{folder}/{n}" for n in names]
    text = [p for r in (record, *alone) for s in r["sections"] for p in s["paragraphs"]]
    assert [p for s in joined["sections"] for p in s["paragraphs"]] == text
    assert not any("下一页" in p or "上一页" in p for p in text)
    assert joined["content_hash"] == content_hash(text)
    assert joined["title"] == record["title"] and joined["source"] == record["source"]


@given(st.text(max_size=60), st.text(max_size=60))
def test_page_number_never_raises(first: str, url: str) -> None:
    number = DEFAULT_RULE.number(first, url)
    assert number is None or 2 <= number <= 9999


@given(
    st.from_regex(r"/[a-z0-9_]{1,12}(/[a-z0-9]{1,8}){0,3}", fullmatch=True),
    st.sampled_from(["html", "shtml", "htm", "php"]),
    st.integers(min_value=2, max_value=9999),
)
def test_page_n_of_any_article_path_is_page_n(path: str, ext: str, n: int) -> None:
    first = f"http://www.ailab.cn{path}.{ext}"
    assert DEFAULT_RULE.number(first, f"http://www.ailab.cn{path}_{n}.{ext}") == n
    assert DEFAULT_RULE.number(first, f"http://www.ailab.cn{path}_{n}x.{ext}") is None
    assert DEFAULT_RULE.number(first, f"http://www.ailab.cn{path}.{ext}") is None
