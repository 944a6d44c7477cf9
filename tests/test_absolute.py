"""``absolute`` resolves links exactly as ``urljoin`` does, fast paths included."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from hypothesis_profiles import bounded

from newsarchive.dom import absolute

_SEGMENT = st.from_regex(r"[A-Za-z0-9_~.;%-]{0,6}", fullmatch=True)
_PATH = st.lists(_SEGMENT, max_size=4).map("/".join)
_BASES = st.builds(
    lambda scheme, host, path, tail: f"{scheme}://{host}{path}{tail}",
    st.sampled_from(["http", "https", "HTTP", "ftp"]),
    st.sampled_from(["www.ailab.cn", "127.0.0.1:8000", "u:p@h", ""]),
    st.one_of(st.just(""), _PATH.map(lambda p: "/" + p)),
    st.sampled_from(["", "?a=1", "#f", ";p=1", "?a=1#f"]),
)
_HREFS = st.one_of(
    _PATH,
    _PATH.map(lambda p: "/" + p),
    _PATH.map(lambda p: "./" + p),
    _PATH.map(lambda p: "../" + p),
    _PATH.map(lambda p: "//" + p),
    st.tuples(_PATH, st.sampled_from(["?q=1", "#x", ":", " "])).map("".join),
    st.text(max_size=10),
)


@bounded(600)
@given(_BASES, _HREFS)
@example("http://127.0.0.1:8000/robot/list_8_1.html", "2024/1231/508044.html")
@example("http://www.ailab.cn", "a.html")
@example("http://www.ailab.cn/a//b.html", "c.html")
@example("http://www.ailab.cn/a/./b.html", "c.html")
@example("http://www.ailab.cn/a/b.html?x=1#f", "c/d.html")
@example("http://www.ailab.cn/a/b.html;p=1", "c.html")
def test_same_as_urljoin(base: str, href: str) -> None:
    got = absolute(base, href)
    if got is None:
        return  # empty, fragment-only, script and mail links, and unparsable ones
    assert got == urljoin(base, href.strip())


@pytest.mark.parametrize(
    ("base", "href", "url"),
    [
        ("http://h/robot/list_8_1.html", "2024/1231/1.html", "http://h/robot/2024/1231/1.html"),
        ("http://h/robot/", "/uploads/a.jpg", "http://h/uploads/a.jpg"),
        ("http://h/robot/list.html", "#top", None),
        ("http://h/robot/list.html", "javascript:void(0)", None),
    ],
)
def test_examples(base: str, href: str, url: str | None) -> None:
    assert absolute(base, href) == url
