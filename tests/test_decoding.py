"""Decoding: header charset, BOM, <meta>, and the labels w3lib maps for Chinese pages."""

from __future__ import annotations

import codecs

import pytest
from golden import PAGES
from hypothesis import given
from hypothesis import strategies as st
from hypothesis_profiles import bounded
from w3lib.encoding import resolve_encoding

from newsarchive.decoding import (
    _canonical_name,
    _decoded_cleanly,
    _decodes,
    _html_to_unicode,
    decode_html,
    header_value,
)

TEXT = "重庆瞭望|AI时代,王堃"  # 瞭 and 堃 are GBK-only: not in GB2312


def page(charset: str | None, body: str = TEXT) -> str:
    meta = (
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset}" />'
        if charset
        else ""
    )
    return f"<html><head>{meta}<title>t</title></head><body><p>{body}</p></body></html>"


@pytest.mark.parametrize(
    ("label", "python"),
    [("gb2312", "gb18030"), ("GBK", "gb18030"), ("gb18030", "gb18030"), ("big5", "big5hkscs")],
)
def test_w3lib_maps_chinese_labels_like_browsers(label: str, python: str) -> None:
    assert codecs.lookup(resolve_encoding(label) or "").name == python


def test_meta_gb2312_with_gbk_only_characters() -> None:
    body = page("gb2312").encode("gbk")
    with pytest.raises(UnicodeDecodeError):
        body.decode("gb2312")
    text, encoding = decode_html(body, None)
    assert encoding == "gb18030"
    assert TEXT in text


def test_header_charset_wins_over_meta() -> None:
    body = page("utf-8", "香港國際創科展 啲 哋 嚟").encode("big5hkscs")
    text, encoding = decode_html(body, {"Content-Type": "text/html; charset=big5"})
    assert encoding == "big5hkscs"
    assert "香港國際創科展 啲 哋 嚟" in text


@pytest.mark.parametrize("name", ["Content-Type", "content-type", "CONTENT-TYPE"])
def test_header_lookup_is_case_insensitive(name: str) -> None:
    body = page(None).encode("gbk")
    text, encoding = decode_html(body, {name: "text/html; charset=GBK"})
    assert encoding == "gb18030"
    assert TEXT in text
    assert header_value({name: "x"}, "content-TYPE") == "x"


def test_bom_wins() -> None:
    body = codecs.BOM_UTF8 + page("gb2312").encode("utf-8")
    text, encoding = decode_html(body, {"Content-Type": "text/html; charset=gbk"})
    assert encoding == "utf-8"
    assert TEXT in text
    assert not text.startswith("\ufeff")


def test_meta_only() -> None:
    text, encoding = decode_html(page("big5", "機器學習").encode("big5"), None)
    assert (encoding, "機器學習" in text) == ("big5hkscs", True)


def test_utf8_page_declared_gb2312_is_read_as_utf8() -> None:
    """A mirror re-encoded the page to UTF-8 but kept the old <meta charset=gb2312>."""
    text, encoding = decode_html(page("gb2312").encode("utf-8"), None)
    assert encoding == "utf-8"
    assert TEXT in text


@pytest.mark.parametrize(("codec", "expected"), [("utf-8", "utf-8"), ("gbk", "gb18030")])
def test_undeclared_pages_are_sniffed(codec: str, expected: str) -> None:
    text, encoding = decode_html(page(None).encode(codec), None)
    assert encoding == expected
    assert TEXT in text


HANT = "雲計算市場規模持續擴大，增速較去年明顯加快。"


def late_meta_page(charset: str, body: str = HANT, declare_late: bool = True) -> str:
    """A CMS page whose head opens with 4 KB and more of scripts before its <meta>."""
    filler = "<script>var _hmt = _hmt || []; /* analytics */</script>\n" * 120
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}" />'
    return (
        f"<html><head><title>{body[:8]}</title>\n{filler}{meta if declare_late else ''}"
        f"</head><body><p>{body}</p></body></html>"
    )


def test_big5_page_with_a_meta_after_4096_bytes() -> None:
    """Big5 bytes are valid GB18030, so the sniffer's strict decode cannot refuse them;
    the late declaration (found because the GB18030 text holds private-use characters)
    decides."""
    body = late_meta_page("big5").encode("big5")
    assert body.index(b"charset=big5") > 4096
    text, encoding = decode_html(body, None)
    assert encoding == "big5hkscs"
    assert HANT in text


def test_late_meta_never_outranks_the_http_charset_or_an_early_meta() -> None:
    body = late_meta_page("big5", TEXT).encode("gbk")
    assert decode_html(body, {"Content-Type": "text/html; charset=gbk"})[1] == "gb18030"
    early = page("gbk", TEXT).replace("</head>", late_meta_page("big5").split("<head>")[1])
    assert decode_html(early.encode("gbk"), None)[1] == "gb18030"


def test_late_meta_that_does_not_decode_strictly_is_ignored() -> None:
    """A late utf-8 declaration in front of GBK bytes: the GB18030 guess stays."""
    text, encoding = decode_html(late_meta_page("utf-8", TEXT).encode("gbk"), None)
    assert (encoding, TEXT in text) == ("gb18030", True)


def test_plausible_gbk_guess_does_not_search_the_head() -> None:
    """A GBK page without private-use characters keeps the GB18030 guess, whatever a late
    (here wrong) declaration says: only an implausible guess is second-guessed."""
    body = late_meta_page("big5", TEXT).encode("gbk")
    text, encoding = decode_html(body, None)
    assert (encoding, TEXT in text) == ("gb18030", True)


def test_ascii_page() -> None:
    assert decode_html(b"<html><body>hello</body></html>", None) == (
        "<html><body>hello</body></html>",
        "utf-8",
    )


def test_golden_big5_case() -> None:
    folder = PAGES / "big5_traditional"
    body = (folder / "page.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    text, encoding = decode_html(body, {"Content-Type": "text/html; charset=big5"})
    assert encoding == "big5hkscs"
    assert "「啲小朋友好鍾意同佢傾偈，我哋下次仲會再嚟。」" in text


def test_http_charset_proved_wrong_by_the_bytes_is_not_trusted() -> None:
    page = '<html><head><meta charset="gbk"></head><body><p>重庆瞭望</p></body></html>'
    text, encoding = decode_html(page.encode("gbk"), {"Content-Type": "text/html; charset=utf-8"})
    assert "重庆瞭望" in text and "\ufffd" not in text
    assert encoding == "gb18030"


def test_http_charset_kept_when_nothing_decodes_better() -> None:
    body = "<p>正文</p>".encode() + b"\xff\xfe"
    text, encoding = decode_html(body, {"Content-Type": "text/html; charset=utf-8"})
    assert encoding == "utf-8" and "正文" in text


@pytest.mark.parametrize("charset", ["iso-8859-1", "ascii", "windows-1252", "latin1"])
def test_server_default_western_charset_yields_to_the_page(charset: str) -> None:
    page = '<html><head><meta charset="gb2312"></head><body><p>重庆瞭望，人工智能</p></body></html>'
    text, encoding = decode_html(
        page.encode("gbk"), {"Content-Type": f"text/html; charset={charset}"}
    )
    assert "重庆瞭望，人工智能" in text and encoding == "gb18030"


def test_western_charset_kept_for_a_western_page() -> None:
    page = "<html><head></head><body><p>Café crème</p></body></html>"
    text, encoding = decode_html(
        page.encode("latin-1"), {"Content-Type": "text/html; charset=iso-8859-1"}
    )
    assert "Café crème" in text and encoding == "cp1252"


@pytest.mark.parametrize("charset", ["windows-1252", "iso-8859-1"])
def test_a_western_label_on_utf8_bytes_in_header_and_meta_gives_utf8(charset: str) -> None:
    """A WordPress theme's default charset, in the header and the page alike, in front of
    a UTF-8 page: read as labelled, every Chinese character would be mojibake."""
    page = (
        f'<html><head><meta charset="{charset}"><title>AI周报第36期</title></head>'
        "<body><p>“慢思考”能否成为规模定律之外的另一条路？ChatGPT™ — 数据</p></body></html>"
    )
    text, encoding = decode_html(page.encode(), {"Content-Type": f"text/html; charset={charset}"})
    assert "“慢思考”能否成为规模定律之外的另一条路？ChatGPT™ — 数据" in text
    assert encoding == "utf-8"


_BODY_PARTS = st.sampled_from(
    [
        "机器人".encode(),
        "機器人".encode("big5"),
        "人工智能".encode("gbk"),
        b'<meta charset="utf-8">',
        b'<meta charset="gb2312">',
        b'<meta http-equiv="Content-Type" content="text/html; charset=big5">',
        b"\xef\xbb\xbf",
        b"\xff\xfe",
        "\ufffd".encode(),
        "€".encode("gb18030"),
        b"\x80",
        b"<p>plain</p>",
    ]
)


@bounded(400)
@given(
    st.lists(_BODY_PARTS | st.binary(max_size=6), max_size=8).map(b"".join),
    st.sampled_from(
        [
            None,
            "text/html",
            "text/html; charset=utf-8",
            "text/html; charset=gbk",
            "text/html; charset=big5",
            "text/html; charset=ascii",
            "text/html; charset=utf-16",
        ]
    ),
)
def test_decoded_cleanly_is_a_strict_decode(body: bytes, content_type: str | None) -> None:
    encoding, text = _html_to_unicode(content_type, body)
    name = _canonical_name(encoding)
    assert _decoded_cleanly(text, body, name) == _decodes(body, name)


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"\x80", "text/html; charset=gbk"),  # w3lib decodes a lone 0x80 as the euro sign
        ("€".encode("gb18030") + b"\x80", "text/html; charset=gb2312"),
        ("机器人".encode() + b"\xff", "text/html; charset=utf-8"),
        ("机器人\ufffd".encode(), "text/html; charset=utf-8"),
    ],
)
def test_decoded_cleanly_on_replaced_bytes(body: bytes, content_type: str) -> None:
    encoding, text = _html_to_unicode(content_type, body)
    name = _canonical_name(encoding)
    assert _decoded_cleanly(text, body, name) == _decodes(body, name)
