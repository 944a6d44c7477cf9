"""Property tests: hostile bytes never crash extraction; text rules are stable.

* ``parse_article`` on any bytes (random bytes, synthetic pages of arbitrary Unicode,
  real fixture pages truncated, bit-flipped, spliced with invalid UTF-8/GBK, tag soup,
  huge attributes, deep nesting, NULs, hostile URLs, re-encoded under a wrong charset,
  with bogus ``Content-Type`` headers) returns an ``Article`` or raises ``NotAnArticle``.
  A returned article is a valid archive record (the JSON schema, with the archive's
  ``revision``/``supersedes`` added) and holds no U+0000 and no lone surrogate, which
  would break JSON consumers.
* ``clean``, ``tidy``, ``remove_pinyin`` and ``normalise_for_hash`` are idempotent.
* ``content_hash`` does not change with the script, pinyin annotations or whitespace.
  Script pairs are made from real sentences of the golden fixtures converted with OpenCC
  ``s2t``: arbitrary Unicode does not round-trip through OpenCC (``s2t`` maps one
  simplified character to several traditional ones and ``t2s`` is not its inverse on text
  that was never simplified Chinese), so random strings would test OpenCC, not us.

Example budgets are small and fixed (``hypothesis_profiles``): the run is reproducible and
takes seconds. ``NEWSARCHIVE_PROPERTY_SCALE=N`` runs N times as many random examples.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import jsonschema
import pytest
from golden import PAGES, REPO, load_cases
from hypothesis import example, given, note
from hypothesis import strategies as st
from hypothesis_profiles import bounded

from newsarchive.dates import parse_published
from newsarchive.extract import OUTPUT_SCRIPTS, parse_article
from newsarchive.model import NotAnArticle
from newsarchive.text import (
    clean,
    content_hash,
    converter,
    from_traditional,
    normalise_for_hash,
    remove_pinyin,
    tidy,
    to_traditional,
)

SITE = REPO / "fixtures" / "site"
SCHEMA = REPO / "newsarchive" / "schema" / "article.schema.json"
VALIDATOR = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
FETCHED = datetime(2024, 10, 24, 1, 5, 17, tzinfo=UTC)
URL = "http://www.ailab.cn/robot/2024/1024/452817.html"
_LONE_SURROGATE_RE = re.compile("[\ud800-\udfff]")

# A page declared ``charset=unicode_escape`` is decoded with that codec, which warns about
# every backslash it does not know; the pools declare it on purpose.
pytestmark = pytest.mark.filterwarnings("ignore:invalid escape sequence:DeprecationWarning")


# --------------------------------------------------------------------------- corpus
@dataclass(frozen=True)
class Page:
    """A fixture page as served: the raw material of the mutation strategies."""

    name: str
    body: bytes = field(repr=False)
    url: str
    headers: dict[str, str] | None


def _site_pages() -> list[Page]:
    overrides = json.loads((SITE / "_headers.json").read_text(encoding="utf-8"))
    pages = []
    for path in sorted(SITE.rglob("*.html")):
        route = "/" + path.relative_to(SITE).as_posix()
        headers = overrides.get(route, {}).get("headers")
        url = "http://www.ailab.cn" + route.replace("@", "?")
        pages.append(Page(f"site{route}", path.read_bytes(), url, headers))
    return pages


def _golden_pages() -> list[Page]:
    return [Page(f"pages/{c.name}", c.body, c.url, c.headers) for c in load_cases()]


CORPUS = _golden_pages() + _site_pages()


def _sentences() -> list[str]:
    """Real simplified text: every paragraph, title and caption the golden records pin."""
    found: list[str] = []
    for folder in sorted(PAGES.iterdir()):
        path = folder / "expected.json"
        expected = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        if "sections" not in expected:
            continue
        found.append(expected["title"])
        found.extend(p for s in expected["sections"] for p in s["paragraphs"])
        found.extend(i["caption"] for i in expected["images"] if i["caption"])
    return list(dict.fromkeys(found))


SENTENCES = _sentences()

# --------------------------------------------------------------------------- pools
INVALID_BYTES = (
    b"\x80",
    b"\xff",
    b"\xfe\xff",
    b"\xc0\xaf",  # overlong "/"
    b"\xe0\x80\xaf",
    b"\xed\xa0\x80",  # a UTF-16 surrogate encoded as UTF-8
    b"\xed\xbf\xbf",
    b"\xf4\x90\x80\x80",  # above U+10FFFF
    b"\xf8\x88\x80\x80\x80",
    b"\xe4\xb8",  # UTF-8 cut after two of three bytes
    b"\x81",  # GBK lead byte alone
    b"\x81\x7f",
    b"\xa1\xff",
    b"\x81\x30\x81",  # GB18030 four-byte sequence cut short
    b"\xfe\x39\xfe\x39",  # GB18030 beyond U+10FFFF
    b"\x00",
    b"\x00" * 64,
    b"\xef\xbb\xbf",  # a BOM in the middle
    b"\xff\xfe\x00\x00",
)

MARKUP = (
    b"<p>",
    b"</p>",
    b"<div>",
    b"</div>",
    b"<table><tr><td>",
    b"</td></tr></table>",
    b"<title>",
    b"</title>",
    b"<h1>",
    b"</h1>",
    b"<body>",
    b"</body>",
    b"<html>",
    b"</html>",
    b"<head>",
    b"<script>",
    b"</script>",
    b"<style>",
    b"<noscript>",
    b"<textarea>",
    b"<plaintext>",
    b"<xmp>",
    b"<!--",
    b"-->",
    b"<![CDATA[",
    b"<?xml version='1.0' encoding='utf-16'?>",
    b"<!DOCTYPE html>",
    b"<svg><foreignObject>",
    b"<math><mi>",
    b"<br>",
    b"<img>",
    b"<img src=>",
    b"<center>",
    b"<figure><figcaption>",
    b"<p class='pic-note'>",
    b'<div id="mainDiv">',
    b'<div class="listltitle"><h3>',
    b"<",
    b">",
    b"&",
    b"&#0;",
    b"&#xD800;",
    b"&#xDFFF;",
    b"&#x110000;",
    b"&#65535;",
    b"&#x1;",
    b"&nbsp",
    b"\xe2\x80\x8b",  # zero-width space
    b"\xe3\x80\x80",  # U+3000
    b"\xc2\xa0",
    b"\xcc\x81",  # a combining acute accent
    "<p>\u200b</p>".encode(),
    "<p>\ufeff</p>".encode(),
    b"<p>01</p>",
    "来源:".encode(),
    "发布日期:".encode(),
    "浏览:".encode(),
    "原标题:".encode(),
    "相关热词:".encode(),
    "相关内容".encode(),
    "导读:".encode(),
    "聯(lián)".encode(),
    "(lián)".encode(),
    "页面不存在".encode(),
)

CHARSETS = (
    "utf-8",
    "gbk",
    "gb2312",
    "gb18030",
    "big5",
    "utf-16",
    "utf-16-le",
    "utf-32",
    "utf-7",
    "x-unknown",
    "",
    '"utf-8"',
    "latin-1",
    "ascii",
    "hz",
    "iso-2022-jp",
    "shift_jis",
    "rot13",
    "base64",
    "hex",
    "idna",
    "punycode",
    "undefined",
    "unicode_escape",
    "raw_unicode_escape",
    "utf-8-sig",
    "mbcs",
    "zlib",
)

HOSTILE_URLS = (
    "http://[::1",
    "http://[",
    "http://]",
    "http://a:99999/x.jpg",
    "http://a:-1/x.jpg",
    "http://a:b/x.jpg",
    "ftp://example.com/x.jpg",
    "file:///etc/passwd",
    "javascript:alert(1)",
    "JAVASCRIPT:void(0)",
    "data:image/png;base64,AAAA",
    "mailto:x@example.com",
    "//",
    "///",
    "http://",
    "http:",
    "http:///x.jpg",
    "//cdn.example.com/x.jpg",
    "?a=1",
    "#top",
    "",
    " ",
    "\t\n",
    "http://例子.测试/图片.jpg",
    "http://%zz/x.jpg",
    "http://a b/x.jpg",
    "\\\\server\\share\\x.jpg",
    "x" * 5000,
    "http://www.ailab.cn/" + "a/" * 2000,
    "https://user:pass@example.com:8443/x.jpg?utm_source=x#f",
)

CONTENT_TYPES = (
    *(f"text/html; charset={c}" for c in CHARSETS),
    "",
    "text/html",
    "charset=utf-8",
    "text/html; charset",
    "text/html; charset=",
    "text/html;;;charset===utf-8",
    "text/html; charset=utf-8; charset=gbk",
    'text/html; charset="gbk',
    "application/octet-stream",
    "text/plain; charset=utf-16",
    "\x00",
    "text/html; charset=中文",
)

DEEP_TAGS = ("div", "span", "p", "b", "center", "table", "td", "li", "a", "font", "blockquote")

PINYIN = (
    "lián", "wǎng", "fā", "chǎn", "yè", "zhōng", "guó", "rén", "gōng", "zhì", "néng",
    "lǜ", "nǚ", "ér", "qū", "shì", "xiàn", "zhuāng", "xióng", "yuàn", "jī", "qì",
    "huà", "diàn", "nǎo", "kē", "jì", "wù", "liàng", "ǎi", "ōu", "è", "ń",
)  # fmt: skip
"""Toned readings as a traditional-script converter writes them (PORTAL.md, defect 1).
``ńg``/``ǹg`` (嗯) are left out on purpose: ``PINYIN_RE`` takes a syllabic ``ń`` but not
one followed by ``g``, so such an annotation is kept (rare in news text)."""

WHITESPACE = (" ", "\u3000", "\u00a0", "\n", "\r\n", "\t", "  ")


# --------------------------------------------------------------------------- mutations
Draw = Callable[[st.SearchStrategy[Any]], Any]


def _position(draw: Draw, body: bytes) -> int:
    """Anywhere, or snapped back to the start of a tag (structural damage)."""
    pos: int = draw(st.integers(0, len(body)))
    if draw(st.booleans()):
        tag = body.rfind(b"<", 0, pos)
        pos = tag if tag >= 0 else pos
    return pos


def _truncate(draw: Draw, body: bytes) -> tuple[str, bytes]:
    pos = draw(st.integers(0, len(body)))
    return f"truncate at {pos}", body[:pos]


def _flip(draw: Draw, body: bytes) -> tuple[str, bytes]:
    if not body:
        return "flip (empty)", body
    data = bytearray(body)
    flips = draw(
        st.lists(st.tuples(st.integers(0, len(body) - 1), st.integers(1, 255)), max_size=8)
    )
    for pos, mask in flips:
        data[pos] ^= mask
    return f"flip {flips}", bytes(data)


def _delete(draw: Draw, body: bytes) -> tuple[str, bytes]:
    pos = _position(draw, body)
    n = draw(st.integers(1, 2000))
    return f"delete {n} at {pos}", body[:pos] + body[pos + n :]


def _insert(draw: Draw, body: bytes, snippet: bytes, what: str) -> tuple[str, bytes]:
    pos = _position(draw, body)
    return f"insert {what} at {pos}", body[:pos] + snippet + body[pos:]


def _insert_bytes(draw: Draw, body: bytes) -> tuple[str, bytes]:
    snippet = b"".join(draw(st.lists(st.sampled_from(INVALID_BYTES), min_size=1, max_size=4)))
    return _insert(draw, body, snippet, repr(snippet))


def _insert_markup(draw: Draw, body: bytes) -> tuple[str, bytes]:
    snippet = b"".join(draw(st.lists(st.sampled_from(MARKUP), min_size=1, max_size=6)))
    return _insert(draw, body, snippet, repr(snippet))


def _insert_huge_attribute(draw: Draw, body: bytes) -> tuple[str, bytes]:
    size = draw(st.sampled_from((1_000, 70_000, 1_100_000)))
    value = draw(st.sampled_from(("x", "中", "&amp;", " ", "\u200b"))) * size
    template = draw(
        st.sampled_from(
            (
                '<p class="{}">',
                '<img src="/{}.jpg" alt="{}">',
                '<a href="{}">中文</a>',
                "<p {}>",
                '<p title="{}',  # never closed
                '<meta name="description" content="{}">',
            )
        )
    )
    return _insert(draw, body, template.replace("{}", value).encode(), f"{template} x{size}")


def _insert_deep_nesting(draw: Draw, body: bytes) -> tuple[str, bytes]:
    tag = draw(st.sampled_from(DEEP_TAGS))
    depth = draw(st.sampled_from((50, 255, 256, 300, 3_000)))
    text = draw(st.sampled_from(("", "中文", "文字。" * 5)))
    opening = f"<{tag}>{text}" * depth
    closing = f"</{tag}>" * depth if draw(st.booleans()) else ""
    return _insert(draw, body, (opening + closing).encode(), f"<{tag}> x{depth}")


def _insert_hostile_url(draw: Draw, body: bytes) -> tuple[str, bytes]:
    url = draw(st.sampled_from(HOSTILE_URLS) | st.text(max_size=40))
    template = draw(
        st.sampled_from(
            (
                '<img src="{}" alt="图">',
                '<img data-original="{}">',
                '<p><img src="{}"></p><p>图片说明。记者 张三 摄</p>',
                '<a href="{}">相关文章标题</a>',
                '<base href="{}">',
                '<script src="/plus/count.php?view=yes&aid={}&mid=1"></script>',
                '<div class="xgread"><a href="{}">相关内容</a><a href="{}">文章</a></div>',
            )
        )
    )
    snippet = template.replace("{}", url).encode("utf-8", "surrogatepass")
    return _insert(draw, body, snippet, f"{template} with {url[:60]!r}")


def _insert_meta_charset(draw: Draw, body: bytes) -> tuple[str, bytes]:
    charset = draw(st.sampled_from(CHARSETS))
    template = draw(
        st.sampled_from(
            (
                '<meta charset="{}">',
                '<meta http-equiv="Content-Type" content="text/html; charset={}">',
                '<?xml version="1.0" encoding="{}"?>',
            )
        )
    )
    return _insert(draw, body, template.replace("{}", charset).encode(), f"meta {charset!r}")


def _duplicate(draw: Draw, body: bytes) -> tuple[str, bytes]:
    start = _position(draw, body)
    end = min(len(body), start + draw(st.integers(1, 20_000)))
    return _insert(draw, body, body[start:end], f"copy of {start}:{end}")


def _reencode(draw: Draw, body: bytes) -> tuple[str, bytes]:
    """The same page in another encoding, its declaration left as it was."""
    for source in ("utf-8", "gb18030", "big5hkscs"):
        try:
            text = body.decode(source)
            break
        except UnicodeDecodeError:
            continue
    else:
        text = body.decode("utf-8", "replace")
    target = draw(st.sampled_from(("utf-8", "gb18030", "big5", "utf-16", "utf-16-be", "latin-1")))
    return f"re-encode as {target}", text.encode(target, "xmlcharrefreplace")


MUTATORS = (
    _truncate,
    _flip,
    _delete,
    _insert_bytes,
    _insert_markup,
    _insert_huge_attribute,
    _insert_deep_nesting,
    _insert_hostile_url,
    _insert_meta_charset,
    _duplicate,
    _reencode,
)


@dataclass(frozen=True)
class Input:
    """What ``parse_article`` is given; the repr says how it was made, not the bytes."""

    origin: str
    steps: tuple[str, ...]
    body: bytes = field(repr=False)
    url: str = field(repr=False)
    headers: dict[str, str] | None
    output_script: str


def headers_strategy(page_headers: dict[str, str] | None = None) -> st.SearchStrategy[Any]:
    key = st.sampled_from(("Content-Type", "content-type", "CONTENT-TYPE"))
    value = st.sampled_from(CONTENT_TYPES) | st.text(max_size=60)
    extra = st.dictionaries(st.text(max_size=20), st.text(max_size=40), max_size=3)
    return st.one_of(
        st.none(),
        st.just(page_headers),
        st.builds(lambda k, v: {k: v}, key, value),
        st.builds(lambda k, v, e: {**e, k: v}, key, value, extra),
        extra,
    )


@st.composite
def mutated_pages(draw: Draw) -> Input:
    page: Page = draw(st.sampled_from(CORPUS))
    body = page.body
    steps = []
    for _ in range(draw(st.integers(1, 4))):
        mutate = draw(st.sampled_from(MUTATORS))
        step, body = mutate(draw, body)
        steps.append(step)
    return Input(
        origin=page.name,
        steps=tuple(steps),
        body=body,
        url=page.url,
        headers=draw(headers_strategy(page.headers)),
        output_script=draw(st.sampled_from(OUTPUT_SCRIPTS)),
    )


# Arbitrary Unicode (surrogates included: encoded with ``surrogatepass`` they make the
# invalid UTF-8 a broken converter writes), with Chinese, labels and pinyin mixed in.
_TEXT_ATOMS = st.one_of(
    st.characters(codec=None),
    st.sampled_from(SENTENCES),
    st.sampled_from(("来源:", "发布日期:", "浏览:12次", "01", "02", "。", "(lián)", "&#0;")),
    st.sampled_from((*WHITESPACE, "\u200b", "\ufeff", "\x00", "\u0301")),
    st.sampled_from(("\ud800", "\udfff", "\udc80", "\uffff", "\U0010ffff")),
)
wild_text = st.lists(_TEXT_ATOMS, max_size=12).map("".join)


@st.composite
def synthetic_pages(draw: Draw) -> Input:
    """An article-shaped page whose every text and attribute is arbitrary."""

    def text() -> str:
        return str(draw(wild_text)).replace("<", "&lt;")

    def attr() -> str:
        value = draw(st.sampled_from(HOSTILE_URLS) | wild_text)
        return str(value).replace('"', "&quot;").replace("<", "&lt;")

    paragraphs = "".join(f"<p>{text()}</p>" for _ in range(draw(st.integers(0, 5))))
    images = "".join(
        f'<p style="text-align:center"><img src="{attr()}" alt="{attr()}"></p><p>{text()}</p>'
        for _ in range(draw(st.integers(0, 2)))
    )
    html = (
        f'<html><head><meta charset="utf-8"><title>{text()}_人工智能实验室</title>'
        f'<base href="{attr()}"><meta name="description" content="{attr()}">'
        f'<meta name="keywords" content="{attr()}"></head><body>'
        f'<div class="listltitle"><h3>{text()}</h3><p><span class="spanimg1">来源:{text()}'
        f'</span><span class="spanimg3">{text()}</span></p></div>'
        f'<div id="mainDiv"><p>{draw(st.sampled_from(SENTENCES))}</p>{paragraphs}{images}'
        f"<p>原标题:{text()}</p></div>"
        f'<div class="tags">相关热词: <a href="{attr()}">{text()}</a></div>'
        f'<div class="xgread"><dl><dt>相关内容</dt><dd><a href="{attr()}">{text()}</a>'
        f"</dd></dl></div></body></html>"
    )
    encoding = draw(st.sampled_from(("utf-8", "gb18030", "big5", "utf-16")))
    errors = "surrogatepass" if encoding == "utf-8" else "xmlcharrefreplace"
    try:
        body = html.encode(encoding, errors)
    except UnicodeEncodeError:  # a lone surrogate in a non-UTF-8 target
        body = html.encode(encoding, "replace")
    return Input(
        origin="synthetic",
        steps=(f"encoded as {encoding}",),
        body=body,
        url=URL,
        headers=draw(headers_strategy()),
        output_script=draw(st.sampled_from(OUTPUT_SCRIPTS)),
    )


@st.composite
def random_bytes(draw: Draw) -> Input:
    body = draw(
        st.binary(max_size=3000)
        | st.builds(lambda b: b"<html><body><p>" + b + b"</p></body></html>", st.binary())
    )
    return Input("random", (), body, URL, draw(headers_strategy()), "zh-Hans")


# --------------------------------------------------------------------------- checks
def _strings(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key, f"{path}.<key>")
            yield from _strings(item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, f"{path}[{i}]")


def check_parse(given_input: Input) -> str:
    """``Article`` or ``NotAnArticle``; an article is a valid, JSON-safe archive record.

    Any other exception propagates: that is the failure. Returns what the page was.
    """
    try:
        article = parse_article(
            given_input.body,
            given_input.url,
            given_input.headers,
            output_script=given_input.output_script,
            fetched_at=FETCHED,
        )
    except NotAnArticle as exc:
        return f"NotAnArticle({exc.reason!r})"
    record = dict(article.to_dict(), revision=1, supersedes=None)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(record)]
    assert not errors, errors
    for path, text in _strings(record):
        assert "\x00" not in text, f"U+0000 in {path}: {text[:200]!r}"
        assert not _LONE_SURROGATE_RE.search(text), f"lone surrogate in {path}: {text[:200]!r}"
    line = json.dumps(record, ensure_ascii=False).encode("utf-8")
    assert json.loads(line) == record
    return "Article"


@given(mutated_pages())
@bounded(400)
def test_mutated_fixture_pages_give_an_article_or_not_an_article(page: Input) -> None:
    note(check_parse(page))


@given(synthetic_pages())
@bounded(250)
def test_article_pages_of_arbitrary_text_give_valid_records(page: Input) -> None:
    note(check_parse(page))


@given(random_bytes())
@bounded(250)
def test_random_bytes_give_an_article_or_not_an_article(page: Input) -> None:
    note(check_parse(page))


@pytest.mark.parametrize("page", _golden_pages(), ids=lambda p: p.name)
def test_every_golden_page_under_every_content_type(page: Page) -> None:
    """Not random: each golden page with each ``Content-Type`` of the pool."""
    for content_type in CONTENT_TYPES:
        headers = {"Content-Type": content_type}
        check_parse(Input(page.name, (), page.body, page.url, headers, "zh-Hans"))


# --------------------------------------------------------------------------- text rules
# What the rules act on, packed close together: Han characters, annotations, real
# parentheticals, whitespace and zero-width characters, letters that combining marks
# compose with, and punctuation that NFKC folds into a space plus a combining mark.
_TEXT_RULE_ATOMS = st.one_of(
    st.characters(codec=None),
    st.sampled_from(("中", "聯", "發", "國", "e", "o", "U", "=", "1", "(", ")", "（", "）", "ｚ")),
    st.sampled_from((*(f"({p})" for p in PINYIN), "(AI)", "(人工智能)", "(2024)")),
    st.sampled_from((*WHITESPACE, "\u200b", "\ufeff", "\u0301", "\u0304", "\u0338", "…")),
    st.sampled_from(("¯", "´", "¨", "\u2000", "\uff08", "\uff09")),
)
rule_text = st.text() | st.lists(_TEXT_RULE_ATOMS, max_size=30).map("".join)


@given(rule_text)
@example("e\u200b\u0301")
@bounded(400)
def test_clean_is_idempotent(text: str) -> None:
    once = clean(text)
    assert clean(once) == once


@given(rule_text)
@example("e\u200b\u0301")
@example("一(à)(à)")
@bounded(400)
def test_tidy_is_idempotent(text: str) -> None:
    once = tidy(text)
    assert tidy(once) == once


@given(rule_text)
@example("一(à)(à)")
@bounded(400)
def test_remove_pinyin_is_idempotent(text: str) -> None:
    once = remove_pinyin(text)
    assert remove_pinyin(once) == once


@given(rule_text | st.lists(st.sampled_from(SENTENCES), max_size=3).map("".join))
@example("U¯")
@example("聯 (lián)")
@example("e\u200b\u0301")
@bounded(400)
def test_normalise_for_hash_is_idempotent(text: str) -> None:
    once = normalise_for_hash(text)
    assert normalise_for_hash(once) == once


# --------------------------------------------------------------------------- dates

_PUBLISHED_AT = re.compile(
    json.loads(SCHEMA.read_text(encoding="utf-8"))["properties"]["published_at"]["pattern"]
)
_offsets = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)


@given(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2090, 1, 1)), _offsets,
       st.sampled_from(("T", " ")), st.sampled_from(("", "Z")))  # fmt: skip
@example(datetime(2024, 10, 31, 20, 30, 0, 250_000), UTC, "T", "Z")
@bounded(300)
def test_a_machine_readable_time_is_stored_in_the_schema_s_form(
    moment: datetime, zone: timezone, separator: str, zulu: str
) -> None:
    """Whatever precision and offset a page's ``<meta>``, JSON-LD or ``<time>`` gives (a
    browser's ``toISOString()`` prints milliseconds), ``published_at`` is whole seconds
    in the portal's offset, the instant the page meant cut to the second."""
    aware = moment.replace(tzinfo=UTC if zulu else zone)
    stamp = aware.isoformat(sep=separator)
    if zulu:
        stamp = stamp.replace("+00:00", "Z")
    stored = parse_published(stamp)
    assert stored is not None and _PUBLISHED_AT.fullmatch(stored), stored
    assert datetime.fromisoformat(stored) == aware.replace(microsecond=0)


# --------------------------------------------------------------------------- content hash
articles = st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6)


def _annotate(draw: Draw, text: str) -> str:
    """Toned-pinyin annotations after some Han characters, as a converter writes them."""
    han = [i for i, ch in enumerate(text) if "\u4e00" <= ch <= "\u9fff"]
    if not han:
        return text
    chosen = draw(st.lists(st.sampled_from(han), max_size=30, unique=True))
    readings = {i: draw(st.sampled_from(PINYIN)) for i in chosen}
    return "".join(f"{ch}({readings[i]})" if i in readings else ch for i, ch in enumerate(text))


def _respace(draw: Draw, paragraphs: list[str]) -> list[str]:
    """The same text with whitespace inserted anywhere and split into other paragraphs."""
    text = "".join(paragraphs)
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=12)))
    pieces, last = [], 0
    for cut in cuts:
        pieces.append(text[last:cut])
        pieces.append(draw(st.sampled_from((*WHITESPACE, "\n\n", "<split>"))))
        last = cut
    pieces.append(text[last:])
    return [p for p in "".join(pieces).split("<split>")]


@given(articles)
@bounded(120)
def test_content_hash_is_the_same_in_either_script(paragraphs: list[str]) -> None:
    traditional = [to_traditional(p) for p in paragraphs]
    note(f"traditional: {traditional}")
    assert content_hash(traditional) == content_hash(paragraphs)


@given(articles)
@bounded(120)
def test_content_hash_is_the_same_in_taiwan_forms(paragraphs: list[str]) -> None:
    """Converters write 隨著 where OpenCC writes 隨着: the record converted to simplified,
    or kept traditional, hashes as the simplified page does."""
    taiwan = [converter("s2tw").convert(p) for p in paragraphs]
    note(f"taiwan: {taiwan}")
    assert content_hash(taiwan, traditional=True) == content_hash(paragraphs)
    assert content_hash([from_traditional(p) for p in taiwan]) == content_hash(paragraphs)


@given(articles, st.data())
@bounded(150)
def test_content_hash_ignores_pinyin_annotations(paragraphs: list[str], data: Any) -> None:
    for script in (paragraphs, [to_traditional(p) for p in paragraphs]):
        annotated = [_annotate(data.draw, p) for p in script]
        note(f"annotated: {annotated}")
        assert content_hash(annotated) == content_hash(script)


@given(articles, st.data())
@bounded(150)
def test_content_hash_ignores_whitespace_and_paragraph_splits(
    paragraphs: list[str], data: Any
) -> None:
    respaced = _respace(data.draw, paragraphs)
    note(f"respaced: {respaced}")
    assert content_hash(respaced) == content_hash(paragraphs)


@given(articles, st.data())
@bounded(150)
def test_content_hash_ignores_all_three_at_once(paragraphs: list[str], data: Any) -> None:
    """Traditional, annotated, then re-spaced: whitespace may land inside an annotation's
    surroundings (``聯 (lián)``), which a converter followed by a reflow produces."""
    traditional = [_annotate(data.draw, to_traditional(p)) for p in paragraphs]
    respaced = _respace(data.draw, traditional)
    note(f"variant: {respaced}")
    assert content_hash(respaced) == content_hash(paragraphs)


def test_the_sentence_pool_is_real_text() -> None:
    assert len(SENTENCES) >= 60
    assert all(any("\u4e00" <= c <= "\u9fff" for c in s) for s in SENTENCES)
    assert len(CORPUS) >= 60
