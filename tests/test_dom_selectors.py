"""Selectors evaluated with the page's token index give what their XPath gives.

``CssSelector.__call__`` tests simple selectors in Python on the carriers of a token, or
evaluates the XPath from the one element carrying the first compound's token. Both must
find exactly the elements of the whole-tree XPath, in the same order: on every fixture
page and on small trees built to trip them (class attributes split by tabs, newlines or
non-breaking spaces, nested and repeated carriers, duplicate ids).
"""

from __future__ import annotations

import itertools
import json
from typing import Any

import pytest
from golden import REPO

from newsarchive import listing
from newsarchive.decoding import decode_html
from newsarchive.dom import CssSelector, PageTokens, compile_css, parse_html, strip_non_content
from newsarchive.extract import patterns

SELECTORS: list[CssSelector] = [
    *patterns.TITLE_HEADINGS,
    *patterns.INFO_CONTAINERS,
    *patterns.INTRO_CONTAINERS,
    *patterns.BODY_CONTAINERS,
    *patterns.KEYWORD_CONTAINERS,
    *patterns.RELATED_CONTAINERS,
    *patterns.LISTING_LINKS,
    listing._HOME_ITEMS,
    listing._CHANNEL_ITEMS,
    listing._CHANNEL_LINK,
    listing._CHANNEL_DATE,
    *compile_css(
        [
            "div.a div.b p",
            "div.a > div.b",
            "div.a div.b > p.c",
            "div.a.b span",
            "#x div.b",
            "div#x.a > p",
            ".a .b .c",
            "div.a + p",
        ]
    ),
]

_CLASSES = ["a", "b", "c", "a b", "a\tb", "b\nc", "\ra\r", "a\u00a0b", "  b  ", "A", "viewbox"]
_TAGS = ["div", "p", "span", "h1", "ul", "li", "a"]


def _pages() -> list[Any]:
    site = REPO / "fixtures" / "site"
    pages = [(p.read_bytes(), None) for p in sorted(site.rglob("*.html"))]
    for case in sorted((REPO / "fixtures" / "pages").iterdir()):
        headers = case / "headers.json"
        pages.append(
            (
                (case / "page.html").read_bytes(),
                json.loads(headers.read_text("utf-8")) if headers.is_file() else None,
            )
        )
    return pages


def _trees() -> list[str]:
    """A fixed, spread-out sample of small trees over a few tags and class values."""
    combos = itertools.product(_TAGS[:3], _CLASSES, _TAGS[:3], _CLASSES, _CLASSES)
    trees = [
        f'<html><body><{t1} class="{c1}" id="x"><{t2} class="{c2}"><p class="{c3}">'
        f'<span class="b">t</span></p></{t2}><{t2} class="{c3}" id="x">u</{t2}></{t1}>'
        f'<{t1} class="{c2}"><p class="c">v</p></{t1}></body></html>'
        for i, (t1, c1, t2, c2, c3) in enumerate(combos)
        if i % 17 == 0
    ]
    # A doubled page: the parser makes a second top-level <html>, outside the root.
    trees.append(trees[1] + trees[2])
    return trees


def _assert_same(root: Any) -> None:
    strip_non_content(root)
    tokens = PageTokens.of(root)
    for selector in SELECTORS:
        expected = list(selector.xpath(root))
        found = selector(root, tokens)
        assert len(found) == len(expected), selector.css
        assert all(a is b for a, b in zip(found, expected, strict=True)), selector.css


@pytest.mark.parametrize("index", range(len(_pages())))
def test_fixture_pages(index: int) -> None:
    body, headers = _pages()[index]
    root = parse_html(decode_html(body, headers)[0])
    assert root is not None
    _assert_same(root)


def test_generated_trees() -> None:
    trees = _trees()
    assert len(trees) > 100
    for html in trees:
        _assert_same(parse_html(html))


def test_simple_selectors_are_tested_in_python() -> None:
    """Every selector of the extractors is simple enough for the Python test."""
    assert all(s.compounds for s in SELECTORS[:-1])
    assert not SELECTORS[-1].compounds
