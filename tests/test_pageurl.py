"""Page URL templates: where page N of an article is, for any site's naming."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsarchive.article_pages import further_pages
from newsarchive.commands.settingtypes import value_problem
from newsarchive.pageurl import PageUrlRule, stem_and_ext, template_problem

FIRST = "http://www.ailab.cn/robot/2024/1125/453300.html"


@pytest.mark.parametrize(
    ("template", "first", "page", "number"),
    [
        ("{stem}_{n}{ext}", FIRST, "http://www.ailab.cn/robot/2024/1125/453300_3.html", 3),
        ("{stem}-{n}{ext}", FIRST, "http://www.ailab.cn/robot/2024/1125/453300-3.html", 3),
        ("{stem}-{n}{ext}", FIRST, "http://www.ailab.cn/robot/2024/1125/453300_3.html", None),
        ("{stem}{ext}?page={n}", FIRST, FIRST + "?page=4", 4),
        ("{stem}{ext}?page={n}", FIRST + "?x=1", FIRST + "?page=4", None),  # first has a query
        ("{stem}{ext}?page={n}", FIRST, FIRST + "?page=4&x=1", None),
        ("{stem}{n}/", "http://h.cn/2024/05/slug/", "http://h.cn/2024/05/slug/2/", 2),
        ("{stem}{n}/", "http://h.cn/2024/05/slug/", "http://h.cn/2024/05/other/2/", None),
        ("{stem}/page/{n}{ext}", "http://h.cn/a/9.shtml", "http://h.cn/a/9/page/12.shtml", 12),
    ],
)
def test_page_numbers_under_each_naming(
    template: str, first: str, page: str, number: int | None
) -> None:
    assert PageUrlRule(template).number(first, page) == number


@pytest.mark.parametrize(
    ("template", "target", "first"),
    [
        ("{stem}_{n}{ext}", "/robot/2024/1125/453300_2.html", "/robot/2024/1125/453300.html"),
        ("{stem}_{n}{ext}", "/a_b_3.html", "/a_b.html"),
        ("{stem}_{n}{ext}", "/robot/2024/1125/453300.html", None),
        ("{stem}_{n}{ext}", "/robot/2024/1125/453300_1.html", None),
        ("{stem}{ext}?page={n}", "/a/1.html?page=2", "/a/1.html"),
        ("{stem}-{n}{ext}", "/a/1-2.html", "/a/1.html"),
    ],
)
def test_the_first_page_of_a_page_url(template: str, target: str, first: str | None) -> None:
    assert PageUrlRule(template).first_target(target) == first


@pytest.mark.parametrize(
    ("template", "problem"),
    [
        ("{stem}_{n}{ext}", None),
        ("{stem}_{page}{ext}", "unknown field {page}"),
        ("{n}/{stem}", "must start with {stem}"),
        ("{stem}{ext}", "needs {stem} and {n} once each"),
        ("{stem}_{n}_{n}", "needs {stem} and {n} once each"),
        ("{stem_{n}", "not a template"),
    ],
)
def test_a_template_is_checked_before_a_crawl(template: str, problem: str | None) -> None:
    found = template_problem(template)
    assert (found is None) if problem is None else (found is not None and problem in found)
    assert value_problem("NEWSARCHIVE_ARTICLE_PAGE_URL", template) == found
    if found is not None:
        with pytest.raises(ValueError, match="NEWSARCHIVE_ARTICLE_PAGE_URL"):
            PageUrlRule(template)


def test_the_rule_decides_which_links_are_pages() -> None:
    links = [(FIRST.replace(".html", "-2.html"), "2"), (FIRST.replace(".html", "_3.html"), "3")]
    assert list(further_pages(FIRST, links)) == [3]
    assert list(further_pages(FIRST, links, PageUrlRule("{stem}-{n}{ext}"))) == [2]


@pytest.mark.parametrize(
    ("path", "split"),
    [
        ("/a/453300.html", ("/a/453300", ".html")),
        ("/a/slug/", ("/a/slug/", "")),
        ("/a.b/c", ("/a.b/c", "")),
        ("/a/.hidden", ("/a/.hidden", "")),
        ("/a/x.tar.gz", ("/a/x.tar", ".gz")),
    ],
)
def test_stem_and_ext(path: str, split: tuple[str, str]) -> None:
    assert stem_and_ext(path) == split


@given(
    st.sampled_from(["{stem}_{n}{ext}", "{stem}-{n}{ext}", "{stem}{ext}?p={n}", "{stem}{n}/"]),
    st.from_regex(r"/[a-z0-9_]{1,10}(/[a-z0-9]{1,6}){0,3}", fullmatch=True),
    st.sampled_from([".html", ".shtml", ""]),
    st.integers(min_value=2, max_value=9999),
)
def test_page_n_is_page_n_under_any_naming(template: str, path: str, ext: str, n: int) -> None:
    first = f"http://www.ailab.cn{path}{ext}"
    stem, got_ext = stem_and_ext(path + ext)
    page = "http://www.ailab.cn" + template.format(stem=stem, n=n, ext=got_ext)
    rule = PageUrlRule(template)
    assert rule.number(first, page) == n
    assert rule.number(first, first) is None
    target = page.removeprefix("http://www.ailab.cn")
    assert rule.first_target(target) is not None
