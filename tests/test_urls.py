"""URL identity: canonical form, record id, host checks."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis_profiles import bounded
from w3lib.url import canonicalize_url

from newsarchive.urls import (
    _canonical,
    _is_http_url,
    article_id,
    canonical_url,
    is_http_url,
    is_plain_canonical,
    same_host,
)

SEED = "http://www.ailab.cn/robot/2024/1024/452817.html"


@pytest.mark.parametrize(
    "variant",
    [
        SEED,
        "http://WWW.AILAB.CN/robot/2024/1024/452817.html",
        "HTTP://www.ailab.cn:80/robot/2024/1024/452817.html",
        "http://www.ailab.cn/robot/2024/1024/452817.html#comments",
        "http://www.ailab.cn/robot/2024/1024/452817.html?utm_source=rss",
        "http://www.ailab.cn/robot/2024/1024/452817.html?utm_source=rss&utm_medium=feed&spm=a.b.c",
        "http://www.ailab.cn/robot/2024/1024/452817.html?from=timeline&fbclid=x&gclid=y",
        "  http://www.ailab.cn/robot/2024/1024/452817.html  ",
    ],
)
def test_variants_share_one_canonical_url(variant: str) -> None:
    assert canonical_url(variant) == SEED


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("http://www.ailab.cn/?page=2", "http://www.ailab.cn/?page=2"),
        ("http://www.ailab.cn", "http://www.ailab.cn/"),
        ("https://www.ailab.cn:443/a.html", "https://www.ailab.cn/a.html"),
        ("http://www.ailab.cn:8080/a.html", "http://www.ailab.cn:8080/a.html"),
        ("http://127.0.0.1:8000/a.html?utm_source=x", "http://127.0.0.1:8000/a.html"),
        ("http://www.ailab.cn/s.php?b=2&a=1&utm_campaign=x", "http://www.ailab.cn/s.php?a=1&b=2"),
        (
            "http://www.ailab.cn/plus/count.php?view=yes&aid=1&mid=1",
            "http://www.ailab.cn/plus/count.php?aid=1&mid=1&view=yes",
        ),
        (
            "http://www.ailab.cn/tags.php?/重庆/",
            "http://www.ailab.cn/tags.php?/%E9%87%8D%E5%BA%86/",
        ),
        ("http://www.ailab.cn/a b.html", "http://www.ailab.cn/a%20b.html"),
    ],
)
def test_canonical_url(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical


def test_canonical_url_is_idempotent() -> None:
    for url in ("http://WWW.ailab.cn/tags.php?/重庆/", "http://www.ailab.cn/x?b=1&a=2#f"):
        assert canonical_url(canonical_url(url)) == canonical_url(url)


def test_article_id() -> None:
    assert article_id(SEED) == hashlib.sha256(SEED.encode()).hexdigest()[:16]
    assert article_id(SEED) == "d659816fe5b97e69"
    assert article_id(canonical_url(SEED + "?utm_source=rss#x")) == article_id(SEED)
    assert article_id("http://www.ailab.cn/zh-hant/robot/2024/1024/452817.html") != article_id(SEED)


@pytest.mark.parametrize(
    ("url", "hosts", "same"),
    [
        (SEED, ["www.ailab.cn"], True),
        ("http://WWW.AILAB.CN/x", ["www.ailab.cn"], True),
        ("https://bigdata.ailab.cn/x", ["www.ailab.cn"], False),
        ("https://bigdata.ailab.cn/x", ["ailab.cn"], True),
        ("http://evilailab.cn/x", ["ailab.cn"], False),
        ("http://www.example.com/x", ["www.ailab.cn", "ailab.cn"], False),
        ("http://127.0.0.1:8000/x", ["127.0.0.1:8000"], True),
        ("http://127.0.0.1:9000/x", ["127.0.0.1:8000"], False),
        ("http://127.0.0.1/x", ["127.0.0.1:80"], True),
        ("http://127.0.0.1:8000/x", ["127.0.0.1"], True),
        ("javascript:void(0)", ["www.ailab.cn"], False),
        ("/relative.html", ["www.ailab.cn"], False),
    ],
)
def test_same_host(url: str, hosts: list[str], same: bool) -> None:
    assert same_host(url, hosts) is same


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        (SEED, True),
        ("https://www.ailab.cn/", True),
        ("HTTP://www.ailab.cn/", True),
        ("ftp://www.ailab.cn/", False),
        ("javascript:void(0)", False),
        ("mailto:tougao@example.com", False),
        ("//cdn.example.net/a.jpg", False),
        ("/robot/list_8_1.html", False),
        ("http://[::1", False),
    ],
)
def test_is_http_url(url: str, ok: bool) -> None:
    assert is_http_url(url) is ok


@pytest.mark.parametrize(
    "variant",
    [
        "http://www.ailab.cn/robot/2024/1024/452817.html?PHPSESSID=9f8e7d6c5b4a",
        "http://www.ailab.cn/robot/2024/1024/452817.html?sid=abc&utm_source=rss",
        "http://www.ailab.cn/robot/2024/1024/452817.html;jsessionid=0A1B2C3D",
        "http://www.ailab.cn/robot/2024/1024/452817.html;JSESSIONID=x?phpsessid=y#top",
    ],
)
def test_session_ids_are_not_part_of_the_page(variant: str) -> None:
    assert canonical_url(variant) == "http://www.ailab.cn/robot/2024/1024/452817.html"


def test_real_query_parameters_survive_session_stripping() -> None:
    url = "http://www.ailab.cn/plus/view.php?aid=12&PHPSESSID=zz"
    assert canonical_url(url) == "http://www.ailab.cn/plus/view.php?aid=12"


_HOSTS = st.from_regex(r"[a-z0-9-]{1,8}(\.[a-z0-9-]{1,8}){0,3}\.?", fullmatch=True)
_PORTS = st.one_of(
    st.none(),
    st.sampled_from(["80", "443", "8080", "65535", "65536", "99999", "1"]),
    st.integers(min_value=1, max_value=70000).map(str),
)
_PATHS = st.lists(st.from_regex(r"[A-Za-z0-9_~.-]{0,6}", fullmatch=True), max_size=4)


@bounded(400)
@given(st.sampled_from(["http", "https"]), _HOSTS, _PORTS, st.none() | _PATHS)
def test_plain_urls_take_the_fast_path_to_the_same_answer(
    scheme: str, host: str, port: str | None, segments: list[str] | None
) -> None:
    url = f"{scheme}://{host}" + (f":{port}" if port else "")
    if segments is not None:
        url += "/" + "/".join(segments)
    assert canonical_url(url) == _canonical(url)
    assert is_http_url(url) and _is_http_url(url)
    if is_plain_canonical(url):
        assert canonical_url(url) == url == canonicalize_url(url)


@pytest.mark.parametrize(
    ("url", "plain"),
    [
        ("http://127.0.0.1:8000/a/1.html", True),
        ("https://www.ailab.cn/", True),
        ("http://www.ailab.cn", False),  # canonical form adds "/"
        ("http://WWW.ailab.cn/a.html", False),
        ("http://www.ailab.cn:80/a.html", False),
        ("http://www.ailab.cn/a.html?b=1", False),
        ("http://www.ailab.cn/a.html#c", False),
        ("http://www.ailab.cn/./a.html", False),
        ("http://www.ailab.cn/\u65b0.html", False),
    ],
)
def test_is_plain_canonical(url: str, plain: bool) -> None:
    assert is_plain_canonical(url) is plain


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("http://127.0.0.1:8000/a/1.html", "http://127.0.0.1:8000/a/1.html"),
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000/"),
        ("http://127.0.0.1:80/a.html", "http://127.0.0.1/a.html"),
        ("https://127.0.0.1:443/a.html", "https://127.0.0.1/a.html"),
        ("https://127.0.0.1:80/a.html", "https://127.0.0.1:80/a.html"),
        ("http://127.0.0.1:08000/a.html", "http://127.0.0.1:8000/a.html"),
    ],
)
def test_ports_in_canonical_urls(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical
