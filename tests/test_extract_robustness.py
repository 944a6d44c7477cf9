"""One article, many templates: markup changes must not change the record.

Each variant renders the same content with different markup choices (where the title
is, label colons, how the info line is split, which tag holds section markers and
captions, which container holds the body, which script). All must give the same fields.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import pytest

from newsarchive.extract import ArticlePage, parse_article, split_credit, strip_site_suffix
from newsarchive.model import Article, Image, NotAnArticle, Section
from newsarchive.text import to_traditional

URL = "http://www.ailab.cn/Intelligent_Robots/2024/1111/453001.html"
UNDATED_URL = "http://www.ailab.cn/Intelligent_Robots/453001.html"
"""An article URL that names no day: a page that prints and declares no date is dated
by its URL's day, so the tests of dates a page must not read use this one."""
TITLE = "人形机器人走进汽车工厂实习"
SOURCE = "经济日报"
LEAD = "多台人形机器人近日进入汽车总装车间,承担搬运和质检工作。"
P0 = [
    "多台人形机器人近日进入汽车总装车间,承担搬运和质检工作。",
    "工厂负责人说,这是人形机器人第一次在量产线上连续工作一个月。",
]
P1 = [
    "机器人每天工作两个班次,主要负责把零部件从货架搬到工位。",
    "工程师介绍,机器人依靠视觉识别零件的位置和朝向。",
]
P2 = [
    "不过,机器人的速度目前只有熟练工人的一半左右。",
    "业内人士认为,成本下降后人形机器人有望更快普及。",
]
CAP1 = "人形机器人在总装车间搬运零部件。记者 刘洋 摄/新华社"
CAP2 = "工程师调试机器人的视觉系统。/企业供图"
IMG1 = "/uploads/2024/1111/453001-1.jpg"
IMG2 = "/uploads/2024/1111/453001-2.jpg"


@dataclass(frozen=True)
class Variant:
    title: str = "h1"  # h1 | listltitle | title_only | h2
    colon: str = ":"
    info: str = "nbsp"  # nbsp | spans | inline | lines
    marker: str = "p_strong"  # p_strong | p_b | h2 | h3 | p_plain
    caption: str = "centered_p"  # centered_p | figcaption | center_br | class_pic | plain_credit
    body: str = "mainDiv"  # mainDiv | article | unknown
    suffix: str = "_人工智能实验室"
    script: str = "hans"  # hans | hant | hant_pinyin

    def __str__(self) -> str:
        return "-".join(f"{v}" for v in self.__dict__.values()).replace(" ", "")


CENTER = 'style="text-align: center;"'


def _refusal(page: bytes) -> str:
    """Why ``page`` is no article (``NotAnArticle.reason``); fails if it is stored."""
    with pytest.raises(NotAnArticle) as info:
        parse_article(page, URL)
    return info.value.reason


def _image(src: str, caption: str, how: str) -> str:
    img = f'<img src="{src}" alt="{TITLE}" />'
    return {
        "centered_p": f"<p {CENTER}>{img}</p>\n<p {CENTER}>{caption}</p>",
        "figcaption": f"<figure>{img}<figcaption>{caption}</figcaption></figure>",
        "center_br": f"<center>{img}<br />{caption}</center>",
        "class_pic": f'<div class="pic">{img}</div>\n<p class="pic-note">{caption}</p>',
        "plain_credit": f"<p>{img}</p>\n<p>{caption}</p>",
    }[how]


def _marker(text: str, how: str) -> str:
    return {
        "p_strong": f"<p><strong>{text}</strong></p>",
        "p_b": f"<p><b>{text}</b></p>",
        "h2": f"<h2>{text}</h2>",
        "h3": f"<h3>{text}</h3>",
        "p_plain": f"<p>{text}</p>",
    }[how]


def _info(v: Variant) -> str:
    c = v.colon
    date = "2024-11-11 08:30:00"
    return {
        "nbsp": (
            f'<div class="info">来源{c}{SOURCE}&nbsp;&nbsp;&nbsp;'
            f"发布日期{c}{date}&nbsp;&nbsp;&nbsp;浏览{c}1,876次</div>"
        ),
        "spans": (
            f'<p class="xinxi"><span class="spanimg1">来源{c}{SOURCE}</span>'
            f'<span class="spanimg2">作者{c}张三</span><span class="spanimg3">{date}</span>'
            f'<span class="spanimg4">浏览{c}<i>1876</i>次</span></p>'
        ),
        "inline": (
            f'<div class="art-meta"><span>来源{c}<a href="http://www.example.com/">{SOURCE}</a></span>'
            f"<em>{date}</em><span>浏览{c}<b>1876</b>次</span></div>"
        ),
        "lines": (
            f'<div class="meta"><p>发布时间{c}{date}</p><p>来源{c}{SOURCE}</p>'
            f"<p>阅读{c}1876</p></div>"
        ),
    }[v.info]


def render(v: Variant) -> bytes:
    heading = {
        "h1": f'<div class="title"><h1>{TITLE}</h1></div>',
        "listltitle": f'<div class="listltitle"><h3>{TITLE}</h3></div>',
        "title_only": "",
        "h2": f'<h2 class="art-title">{TITLE}</h2>',
    }[v.title]
    body_html = "\n".join(
        [f"<p>{p}</p>" for p in P0]
        + [_image(IMG1, CAP1, v.caption), _marker("01", v.marker)]
        + [f"<p>{p}</p>" for p in P1]
        + [_image(IMG2, CAP2, v.caption), _marker("02", v.marker)]
        + [f"<p>{p}</p>" for p in P2]
        + ["<p>原标题" + v.colon + "人形机器人进厂实习</p>"]
    )
    container = {
        "mainDiv": f'<div class="content" id="mainDiv">{body_html}</div>',
        "article": f"<article>{body_html}</article>",
        "unknown": f'<div class="zw_text_box">{body_html}</div>',
    }[v.body]
    html = f"""<!DOCTYPE html><html><head><meta charset="utf-8" />
<title>{TITLE}{v.suffix}</title>
<meta name="description" content="{LEAD}" /><meta name="keywords" content="人形机器人,汽车工厂" />
</head><body>
<div class="header"><div class="nav"><a href="/zhanhui/">展会信息港</a>
<a href="/zhanhui/list_61_1.html">展会大全</a></div></div>
<div class="main">{heading}
{_info(v)}
{container}
<div class="zanzhu"><a href="/plus/zanzhu.html">赞助本站</a></div>
<div class="tags">相关热词{v.colon} <a href="/tags.php?/人形机器人/">人形机器人</a>
<a href="/tags.php?/汽车工厂/">汽车工厂</a></div>
<div class="xgread"><dl><dt><strong>相关内容</strong></dt><dd><ul>
<li><a href="/uav/2024/0921/452011.html">低空物流试点扩围</a></li></ul></dd></dl></div>
<div class="tuijian"><h3>AiLab云推荐</h3><a href="javascript:void(0)">展开</a></div>
</div>
<div class="pright"><div class="hot"><h2>热门栏目<span>HotCates</span></h2></div></div>
<div class="footer"><p>Copyright &copy; 2010-2025 AiLab Team. 人工智能实验室 版权所有</p></div>
</body></html>"""
    if v.script != "hans":
        html = to_traditional(html)
        if v.script == "hant_pinyin":
            html = html.replace("發", "發(fā)").replace("業", "業(yè)").replace("產", "產(chǎn)")
    return html.encode("utf-8")


EXPECTED_SECTIONS = [Section(None, P0), Section("01", P1), Section("02", P2)]
EXPECTED_IMAGES = [
    Image(f"http://www.ailab.cn{IMG1}", TITLE, CAP1, "记者 刘洋 摄/新华社"),
    Image(f"http://www.ailab.cn{IMG2}", TITLE, CAP2, "企业供图"),
]
BASE = Variant()


def check(article: Article) -> None:
    assert article.title == TITLE
    assert article.source == SOURCE
    assert article.published_at == "2024-11-11T08:30:00+08:00"
    assert article.published_raw == "2024-11-11 08:30:00"
    assert article.views == 1876
    assert article.original_title == "人形机器人进厂实习"
    assert article.summary == LEAD
    assert article.sections == EXPECTED_SECTIONS
    assert article.images == EXPECTED_IMAGES
    assert article.keywords == ["人形机器人", "汽车工厂"]
    assert [(r.title, r.url) for r in article.related] == [
        ("低空物流试点扩围", "http://www.ailab.cn/uav/2024/0921/452011.html")
    ]


def baseline() -> Article:
    return parse_article(render(BASE), URL)


ONE_AT_A_TIME = [
    Variant(title="listltitle"),
    Variant(title="title_only"),
    Variant(title="h2"),
    Variant(colon="："),
    Variant(info="spans"),
    Variant(info="inline"),
    Variant(info="lines"),
    Variant(marker="p_b"),
    Variant(marker="h2"),
    Variant(marker="h3"),
    Variant(marker="p_plain"),
    Variant(caption="figcaption"),
    Variant(caption="center_br"),
    Variant(caption="class_pic"),
    Variant(caption="plain_credit"),
    Variant(body="article"),
    Variant(body="unknown"),
    Variant(suffix=" - 人工智能实验室"),
    Variant(suffix="-AiLab"),
    Variant(suffix="_AiLab_人工智能实验室"),
    Variant(script="hant"),
    Variant(script="hant_pinyin"),
]

COMBINED = [
    Variant("title_only", "：", "inline", "h3", "figcaption", "article", " - 人工智能實驗室"),
    Variant("listltitle", "：", "spans", "p_b", "center_br", "unknown", "_人工智能实验室", "hant"),
    Variant("h2", ":", "lines", "h2", "class_pic", "article", "-AiLab", "hant_pinyin"),
]


@pytest.mark.parametrize("variant", [BASE, *ONE_AT_A_TIME, *COMBINED], ids=str)
def test_variant_gives_the_same_record(variant: Variant) -> None:
    article = parse_article(render(variant), URL)
    check(article)
    assert article.content_hash == baseline().content_hash
    assert article.script == ("zh-Hans" if variant.script == "hans" else "zh-Hant")


@pytest.mark.parametrize(
    ("title", "caption", "marker"),
    list(itertools.product(["h1", "title_only"], ["centered_p", "figcaption"], ["p_strong", "h3"])),
)
def test_small_grid(title: str, caption: str, marker: str) -> None:
    check(parse_article(render(Variant(title=title, caption=caption, marker=marker)), URL))


def test_counter_script_instead_of_views() -> None:
    html = (
        render(BASE)
        .decode()
        .replace(
            "浏览:1,876次",
            '浏览:<script src="/plus/count.php?view=yes&amp;aid=453001&amp;mid=1"></script>次',
        )
    )
    page = ArticlePage(html.encode(), URL)
    assert page.to_article().views is None
    assert page.counter_url() == "http://www.ailab.cn/plus/count.php?view=yes&aid=453001&mid=1"
    assert ArticlePage(render(BASE), URL).counter_url() is None


def test_plain_paragraph_after_image_stays_body_text() -> None:
    html = (
        render(BASE)
        .decode()
        .replace(f'<p style="text-align: center;">{CAP2}</p>', f"<p>{P1[1]}</p>")
        .replace(f"<p>{P1[1]}</p>\n<p style", "<p style", 1)
    )
    article = parse_article(html.encode(), URL)
    assert article.images[1].caption is None
    assert article.sections[1].paragraphs == P1


def test_original_output_script_keeps_traditional() -> None:
    article = parse_article(render(Variant(script="hant_pinyin")), URL, output_script="original")
    assert article.title == to_traditional(TITLE)
    assert article.script == "zh-Hant"
    assert all("(" not in p for s in article.sections for p in s.paragraphs)
    assert article.content_hash == baseline().content_hash


def test_unknown_output_script() -> None:
    with pytest.raises(ValueError):
        parse_article(render(BASE), URL, output_script="zh-Hant")


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"<html><head><title>x</title></head></html>", "empty"),
        (bytes(range(256)) * 40, "undecodable"),
        (
            "<html><head><title>系统提示</title></head><body>文档不存在或已被删除！</body></html>".encode(),
            "not_found_notice",
        ),
        (
            b"<html><head><title>404 Not Found</title></head><body><h1>404</h1></body></html>",
            "not_found_notice",
        ),
        (
            "<html><head><title>机器学习_人工智能实验室</title></head><body><ul class='list_jc'>"
            + "".join(f"<li><a href='/robot/{i}.html'>标题{i}</a></li>" for i in range(20))
            + "</ul></body></html>",
            "listing",
        ),
        ("<html><head><title>标题</title></head><body><p>短</p></body></html>".encode(), "no_body"),
        (
            "<html><body><div class='content'><p>"
            + "人工智能正在改变各行各业的生产方式和组织方式。" * 3
            + "</p></div></body></html>",
            "no_title",
        ),
    ],
)
def test_not_an_article(body: bytes | str, reason: str) -> None:
    data = body.encode() if isinstance(body, str) else body
    assert _refusal(data) == reason


@pytest.mark.parametrize(
    ("caption", "credit"),
    [
        (
            "2024世界智能产业博览会,观众正在了解展出的航空器。记者 龙帆 摄/视觉重庆",
            "记者 龙帆 摄/视觉重庆",
        ),
        ("”云游大足石刻“界面。/大足区委宣传部", "大足区委宣传部"),
        ("图为展会现场。", None),
        ("图为展会现场", None),
        ("图/新华社", "图/新华社"),
        ("展会现场 图/新华社 张三", "图/新华社 张三"),
        ("新华社记者 张三 摄", "新华社记者 张三 摄"),
        ("展会现场 /视觉中国", "视觉中国"),
        ("展台上的机器人。企业供图", "企业供图"),
        ("机器人在工作(资料图)", None),
    ],
)
def test_split_credit(caption: str, credit: str | None) -> None:
    assert split_credit(caption) == credit


@pytest.mark.parametrize(
    ("title", "stripped"),
    [
        ("标题_人工智能实验室", "标题"),
        ("標題 - 人工智能實驗室", "標題"),
        ("标题-AiLab", "标题"),
        ("标题 | AiLab - 人工智能实验室", "标题"),
        ("重庆瞭望|AI时代,重庆的机遇在哪里?_人工智能实验室", "重庆瞭望|AI时代,重庆的机遇在哪里?"),
        ("清华成立人工智能实验室", "清华成立人工智能实验室"),
        ("重庆瞭望|AI时代", "重庆瞭望|AI时代"),
    ],
)
def test_strip_site_suffix(title: str, stripped: str) -> None:
    assert strip_site_suffix(title) == stripped


def test_page_methods_return_served_script() -> None:
    page = ArticlePage(render(Variant(script="hant_pinyin")), URL)
    assert page.title() == to_traditional(TITLE)
    assert page.source() == "經濟日報"
    assert page.views() == 1876
    assert page.published() == ("2024-11-11T08:30:00+08:00", "2024-11-11 08:30:00")
    assert page.script() == "zh-Hant"
    sections, images = page.sections_and_images()
    assert [s.heading for s in sections] == [None, "01", "02"]
    assert len(images) == 2


def _fields(article: Article) -> dict[str, Any]:
    record = article.to_dict()
    record.pop("fetched_at")
    return record


def test_parse_article_equals_page_object() -> None:
    assert _fields(parse_article(render(BASE), URL)) == _fields(
        ArticlePage(render(BASE), URL).to_article()
    )


def _small_page(head: str = "", top: str = "", body: str = "", after: str = "") -> bytes:
    paragraphs = body or "".join(f"<p>{p}</p>" for p in P0 + P1)
    return (
        f'<html><head><meta charset="utf-8"><title>{TITLE}_人工智能实验室</title>{head}</head>'
        f'<body>{top}<div id="mainDiv">{paragraphs}</div>{after}</body></html>'
    ).encode()


def test_keywords_from_a_plain_label_line() -> None:
    page = _small_page(after="<p>相关热词：人形机器人，汽车工厂 、 质检</p>")
    assert parse_article(page, URL).keywords == ["人形机器人", "汽车工厂", "质检"]


def test_keyword_links_split_on_punctuation_not_on_spaces() -> None:
    """One link may hold two keywords (``部;署``: a separator, as in the label line), and a
    keyword may hold a space (``machine learning``): keywords never contain ``;``."""
    links = ["部;署", "machine learning", "人形机器人 ，汽车工厂", "部"]
    tags = "".join(f'<a href="/tags.php?/{i}/">{w}</a> ' for i, w in enumerate(links))
    page = _small_page(after=f'<div class="tags">相关热词：{tags}</div>')
    words = parse_article(page, URL).keywords
    assert words == ["部", "署", "machine learning", "人形机器人", "汽车工厂"]


def test_keywords_fall_back_to_meta_and_dedupe() -> None:
    page = _small_page(head='<meta name="Keywords" content="机器人, 工厂,机器人">')
    assert parse_article(page, URL).keywords == ["机器人", "工厂"]


def test_site_name_heading_is_not_the_title() -> None:
    page = _small_page(top='<div class="title"><h1>人工智能实验室</h1></div>')
    assert parse_article(page, URL).title == TITLE


def test_source_stops_at_the_next_label() -> None:
    for info in (
        f"来源：{SOURCE} 作者：张三 2024-11-11",
        f"来源:{SOURCE} | 作者:张三",
        f"來源：{SOURCE}\u3000發布時間：2024-11-11 08:30",
        f"来源：{SOURCE} 转自：人民网",  # a second source label: the first is the source
        f"来源：{SOURCE} 昨天 14:20 阅读 2.3万",  # a relative time
        f"来源：{SOURCE} 14:20",
        f"来源：{SOURCE} https://www.example.com/news/1.html",
        f"浏览：512次 ／ 2024-11-11 16:30 ／ 来源：{SOURCE} ／ 字号：大 中 小",
        f"2024-11-11 丨 出处：{SOURCE} 丨 热度 1234",
        f"【发布时间：二〇二四年十一月十一日】【来源：{SOURCE}】【浏览次数：3187】",
        f"发布于 2024-11-11 星期一 本文来源于：{SOURCE} 浏览：0次",
        f"转载自 {SOURCE}",
    ):
        page = _small_page(top=f'<div class="info">{info}</div>')
        assert parse_article(page, URL).source == SOURCE, info


@pytest.mark.parametrize(
    ("info", "source"),
    [
        ("【来源：人民日报】", "人民日报"),
        ("[来源:新华网] 2024-11-11", "新华网"),
        ("来源：新华网（北京） 2024-11-11", "新华网（北京）"),  # its own brackets stay
        ("来源：《人民日报》", "《人民日报》"),
    ],
)
def test_a_source_in_a_bracketed_line_loses_the_lines_bracket(info: str, source: str) -> None:
    page = _small_page(top=f'<div class="info">{info}</div>')
    assert parse_article(page, URL).source == source


@pytest.mark.parametrize("name", ["AiLab编辑部", "新华社北京记者站", "人民网编辑组"])
def test_a_source_named_for_an_editorial_office_keeps_its_name(name: str) -> None:
    page = _small_page(top=f'<div class="info">来源：{name} 2024-11-11 08:30</div>')
    assert parse_article(page, URL).source == name


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_control_characters_of_a_damaged_page_are_no_text(encoding: str) -> None:
    """HTML's whitespace is tab, newline, form feed and carriage return: a control
    character inside a word goes and leaves the word whole, even one Python's
    ``str.split`` takes for whitespace (VT, FS to US, NEL)."""
    damaged = "大模型训\x08练与推\x1e理，互联网企业\x1b、运营商\x7f和\x85智算中心\x01\x0b。"
    page = (
        f'<html><head><meta charset="{encoding}"><title>{TITLE}</title></head><body>'
        f"<h1>{TITLE}</h1><div class='content'><p>{P0[0]}</p><p>{damaged}</p>"
        f"<p>\x1a</p><p>{P0[1]}</p></div></body></html>"
    ).encode(encoding)
    paragraphs = [p for s in parse_article(page, URL).sections for p in s.paragraphs]
    assert paragraphs == [P0[0], "大模型训练与推理，互联网企业、运营商和智算中心。", P0[1]]


def test_lazy_images_and_base_href() -> None:
    body = "".join(f"<p>{p}</p>" for p in P0) + (
        '<p><img src="/images/loading.gif" data-original="pics/1.jpg" alt=""></p>'
        '<p><img src="data:image/gif;base64,R0lGOD" data-src="//cdn.example.net/2.jpg"></p>'
        '<p><img alt="no source"></p>'
    )
    page = _small_page(head='<base href="http://img.ailab.cn/uploads/">', body=body)
    images = parse_article(page, URL).images
    assert [i.url for i in images] == [
        "http://img.ailab.cn/uploads/pics/1.jpg",
        "http://cdn.example.net/2.jpg",
    ]
    assert [i.alt for i in images] == [None, None]


def test_labels_inside_the_body_are_not_body_text() -> None:
    body = (
        f"<p>来源：{SOURCE}</p><p>导读：{LEAD}</p>"
        + "".join(f"<p>{p}</p>" for p in P0)
        + "<p>责任编辑：王五</p><p>赞助本站</p><p>相关内容</p><p>不应出现在正文里的文字。</p>"
    )
    article = parse_article(_small_page(body=body), URL)
    assert article.sections == [Section(None, P0)]
    assert article.source == SOURCE
    assert article.summary == LEAD


def test_utf8_mirror_keeping_a_gb2312_meta() -> None:
    page = _small_page().replace(b'charset="utf-8"', b'charset="gb2312"')
    assert parse_article(page, URL).title == TITLE


def test_br_separated_body_without_paragraphs() -> None:
    body = "<br>".join(P0 + P1)
    html = (
        f"<html><head><title>{TITLE}</title></head><body><div class='wz'>{body}</div></body></html>"
    ).encode()
    assert parse_article(html, URL).sections == [Section(None, P0 + P1)]


def test_a_body_sentence_with_a_label_and_a_date_stays_body_text() -> None:
    sentence = "数据来源：国家统计局，2024年3月发布的报告显示，工业机器人产量同比增长。"
    body = "".join(f"<p>{p}</p>" for p in P0) + f"<p>该报告指出，{sentence}</p>"
    page = _small_page(top=f'<p class="byline">来源：{SOURCE}</p>', body=body)
    article = parse_article(page, UNDATED_URL)
    assert article.sections == [Section(None, [*P0, f"该报告指出，{sentence}"])]
    assert article.source == SOURCE
    assert article.published_at is None


def test_related_links_are_canonical_http_urls_each_once() -> None:
    """Related links are joined to records' ``url`` downstream: the same canonical form
    (no fragment, no tracking parameters, default port dropped), only http(s) links,
    and one entry per article however often it is linked."""
    links = [
        ("/uav/2024/0921/452011.html", "低空物流试点扩围"),
        ("/uav/2024/0921/452011.html#comments", "评论"),
        ("http://WWW.AILAB.CN:80/uav/2024/0922/452012.html?utm_source=rss#top", "无人机"),
        ("tel:+861012345", "热线"),
        ("ftp://ftp.ailab.cn/report.pdf", "报告"),
        ("http://[::1/broken.html", "坏链接"),
        ("/robot/2024/1001/452100.html?b=2&a=1", "排序"),
    ]
    items = "".join(f'<li><a href="{href}">{text}</a></li>' for href, text in links)
    html = (
        render(BASE)
        .decode("utf-8")
        .replace('<li><a href="/uav/2024/0921/452011.html">低空物流试点扩围</a></li>', items)
    )
    article = parse_article(html.encode("utf-8"), URL)
    assert [(r.title, r.url) for r in article.related] == [
        ("低空物流试点扩围", "http://www.ailab.cn/uav/2024/0921/452011.html"),
        ("无人机", "http://www.ailab.cn/uav/2024/0922/452012.html"),
        ("排序", "http://www.ailab.cn/robot/2024/1001/452100.html?a=1&b=2"),
    ]


# --------------------------------------------------------------------------- review fixes
def _titled_page(title: str, top: str = "", body: str = "") -> bytes:
    """A page whose headline comes from ``<title>`` only (no heading in the markup)."""
    paragraphs = body or "".join(f"<p>{p}</p>" for p in P0 + P1)
    return (
        f'<html><head><meta charset="utf-8"><title>{title}</title></head>'
        f'<body>{top}<div id="mainDiv">{paragraphs}</div></body></html>'
    ).encode()


@pytest.mark.parametrize(
    ("views", "expected"),
    [
        ("阅读 2.1万", 21000),
        ("浏览：1.2万次", 12000),
        ("阅读(1208)", 1208),
        ("阅读（1208）", 1208),
        ("阅读：(1,877)", 1877),
        ("点击数：（25）", 25),
        ("点击：1,208次", 1208),
        ("人气：3W", 30000),
        ("阅读数：1.2k", 1200),
        ("浏览：3K次", 3000),
        ("阅读 2千", 2000),
        ("浏览：990次", 990),
        ("阅读：2.5", None),  # a decimal without a unit is unreadable: None, never 2
        # The largest count every JSON reader holds exactly, and no larger (model.MAX_VIEWS).
        ("浏览：9007199254740991次", 9007199254740991),
        ("浏览：9007199254740992次", None),
        ("浏览:99999999999999999999999次", None),
        ("阅读 9999999999999万", None),
        # the count before its label
        ("1.2万 次浏览", 12000),
        ("3,206次阅读", 3206),
        ("第3次浏览", None),
        ("3.5万阅读", 35000),  # a mobile page's, without 次
        ("876 人阅读", 876),
        ("推荐阅读 1,208次浏览", 1208),  # the first label with a count before it
        ("10:20阅读", None),  # the end of a time is no count
        ("评论： 0 点击：", None),  # another label's value, before an empty view count
    ],
)
def test_view_counts_with_units_and_brackets(views: str, expected: int | None) -> None:
    page = _small_page(top=f'<div class="info">来源：{SOURCE} 发布时间：2024-11-11 {views}</div>')
    assert parse_article(page, URL).views == expected


@pytest.mark.parametrize(
    ("title", "top", "expected"),
    [
        # DedeCMS's default {title}_{typename}_{webname}: a known channel name goes.
        (f"{TITLE}_机器学习_人工智能实验室", "", TITLE),
        (f"{to_traditional(TITLE)}_機器人_人工智能實驗室", "", to_traditional(TITLE)),
        # An unknown channel goes when it is short and the breadcrumb links to it.
        (f"{TITLE}_智能驾驶_人工智能实验室", '<a href="/auto/">智能驾驶</a>', TITLE),
        # A headline holding "_" keeps it: its last segment is no channel and no link.
        ("模型A_B测试结果公布_人工智能实验室", "", "模型A_B测试结果公布"),
        (f"{TITLE}_智能驾驶_人工智能实验室", "", f"{TITLE}_智能驾驶"),
        # Without the site name the title is not in the DedeCMS pattern: nothing goes.
        (f"{TITLE}_机器学习", "", f"{TITLE}_机器学习"),
        # Other templates' separators: only a known channel goes.
        (f"{TITLE} - 展会资讯 - 人工智能实验室", "", TITLE),
        (f"{TITLE}--展会大全--人工智能实验室", "", TITLE),
        (
            f"{TITLE} - 智能驾驶 - 人工智能实验室",
            '<a href="/auto/">智能驾驶</a>',
            f"{TITLE} - 智能驾驶",
        ),
        ("AI - 未来已来 - 人工智能实验室", "", "AI - 未来已来"),
        # A section's pages may end the title with the section's name alone.
        (f"{TITLE}--展会信息港", "", TITLE),
        (f"{TITLE}-展会信息港", "", TITLE),  # an old page's, without spaces
        ("GPT-4o发布-展会", "", "GPT-4o发布-展会"),  # no known channel after the hyphen
        ("AI - 未来已来", "", "AI - 未来已来"),
    ],
)
def test_title_drops_the_dedecms_channel_segment(title: str, top: str, expected: str) -> None:
    article = parse_article(_titled_page(title, top=top), URL, output_script="original")
    assert article.title == expected


_HOT_LIST = "<ul>" + "".join(f"<li><a href='/robot/{i}.html'>热门{i}</a></li>" for i in range(6))


@pytest.mark.parametrize(
    "title",
    ["提示：文章已删除_人工智能实验室", "人工智能实验室"],
)
def test_deleted_article_notice_with_status_200(title: str) -> None:
    html = (
        f"<html><head><title>{title}</title></head><body><div class='err'>"
        "<h2>抱歉，您访问的文章已被删除或暂时无法访问！</h2>"
        "<p>可能的原因：文章已过期下线，或者链接地址有误。</p>"
        f"<h3>热门文章推荐</h3>{_HOT_LIST}</ul></div></body></html>"
    )
    assert _refusal(html.encode()) == "not_found_notice"


def test_a_flash_reporting_a_deleted_article_is_an_article() -> None:
    text = "某平台回应称，涉事文章已被删除，相关账号已被禁言。"
    article = parse_article(_small_page(body=f"<p>{text}</p>"), URL)
    assert article.sections == [Section(None, [text])]


def test_reading_list_inside_the_body_is_dropped_but_text_after_it_stays() -> None:
    body = (
        "".join(f"<p>{p}</p>" for p in P0)
        + '<p><strong>推荐阅读：</strong></p><p><a href="/a.html">另一篇文章的标题</a></p>'
        + '<p><a href="/b.html">第二篇文章</a></p>'
        + "".join(f"<p>{p}</p>" for p in P1)
        + '<p><strong>延伸阅读</strong></p><ul><li><a href="/c.html">第三篇</a></li>'
        + '<li><a href="/d.html">第四篇</a></li></ul>'
        + '<p>推荐阅读：<a href="/e.html">同一行里的链接</a></p>'
    )
    article = parse_article(_small_page(body=body), URL)
    assert article.sections == [Section(None, P0 + P1)]


@pytest.mark.parametrize(
    "notice",
    [
        "声明：本文转载自法治日报，版权归原作者所有，如有侵权请联系删除。",
        "【免责声明】本站转载文章仅为传递信息。",
        "扫描二维码关注“人工智能实验室”公众号，获取更多资讯。",
        "本文为人工智能实验室原创，转载请注明出处。",
        "未经授权，不得转载。",
        "本文来自澎湃新闻，版权归原作者所有。",
        "本文来自微信公众号“硅星人”（ID：guixingren123），作者：杜晨，36氪经授权发布。",
        "本文來自微信公眾號「智東西」（ID：zhidxcom），作者：程茜。",
        "本文转自21世纪商业评论，作者：王五，经授权转载。",
        "雷锋网原创文章，未经授权禁止转载。详情见转载须知。",
        "图片来源于网络，版权归原作者及原出处所有",
        "广告",
        "举报",
    ],
)
def test_reprint_notices_and_prompts_are_not_body_text(notice: str) -> None:
    body = "".join(f"<p>{p}</p>" for p in P0) + f"<p>{notice}</p>"
    assert parse_article(_small_page(body=body), URL).sections == [Section(None, P0)]


def test_sentences_that_resemble_notices_stay_body_text() -> None:
    kept = [
        "声明称，公司将追究未经授权转载者的法律责任。",
        "本网讯 近日，某公司发布原创芯片，转载数据显示需求旺盛。",
        "文章指出，AI生成图片的版权归谁所有仍存争议。",
        "本文来自对三家工厂的实地走访，数据经企业核实。",
    ]
    body = "".join(f"<p>{p}</p>" for p in P0 + kept)
    assert parse_article(_small_page(body=body), URL).sections == [Section(None, P0 + kept)]


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("文章来源：证券时报", "证券时报"),
        ("本文来源：第一财经，作者：李娜，原文链接请点击阅读原文", "第一财经"),
    ],
)
def test_article_source_lines_feed_source_and_leave_the_body(line: str, source: str) -> None:
    body = "".join(f"<p>{p}</p>" for p in P0) + f"<p>{line}</p>"
    article = parse_article(_small_page(body=body), URL)
    assert article.sections == [Section(None, P0)]
    assert article.source == source


@pytest.mark.parametrize("slot", ["a_pt", "a_pb", "a_fl"])
def test_a_discuz_ad_slot_in_the_post_is_not_text(slot: str) -> None:
    """Discuz prints its ad slots inside the post: a banner and a text ad."""
    ad = (
        f"<div class='{slot}'><a href='/plugin.php?id=adclick&amp;aid=21'><img"
        " src='/data/attachment/common/cf/121035ad_rbt.gif'></a><br><a"
        " href='/plugin.php?id=adclick&amp;aid=22'>工业机器人操作员培训班招生"
        " 学完月薪过万</a></div>"
    )
    body = "".join(f"<p>{p}</p>" for p in P0) + ad + "".join(f"<p>{p}</p>" for p in P1)
    article = parse_article(_small_page(body=body), URL)
    assert (article.sections, article.images) == ([Section(None, P0 + P1)], [])


def test_a_class_that_only_starts_like_a_discuz_ad_slot_stays() -> None:
    body = "".join(f"<p>{p}</p>" for p in P0) + f"<div class='a_ptext'><p>{P1[0]}</p></div>"
    assert parse_article(_small_page(body=body), URL).sections == [Section(None, [*P0, P1[0]])]


def test_ad_boxes_and_ad_images_are_not_article_images() -> None:
    body = (
        f"<p>{P0[0]}</p>"
        '<div class="ad-inner"><a href="http://ad.example.com/"><img src="/pics/b.jpg"></a></div>'
        f'<p><img src="/uploads/ad/banner.jpg"></p><p>{P0[1]}</p>'
        f'<p><img src="/pics/x.gif" alt="广告"></p>'
        f'<p><img src="/static/images/qrcode.jpg" alt="二维码"></p>'
        f'<div class="shadow download-box"><p>{P1[0]}</p></div>'
        f'<p><img src="/uploads/2024/1111/real.jpg"></p><p style="text-align:center">图注文字</p>'
    )
    article = parse_article(_small_page(body=body), URL)
    assert article.sections == [Section(None, [*P0, P1[0]])]
    assert [(i.url, i.caption) for i in article.images] == [
        ("http://www.ailab.cn/uploads/2024/1111/real.jpg", "图注文字")
    ]


@pytest.mark.parametrize(
    ("meta", "info", "expected"),
    [
        ('property="article:published_time" content="2024-11-11T00:30:00Z"', "", "08:30:00"),
        ('name="pubdate" content="2024-11-11 08:30"', "", "08:30:00"),
        ('name="publishdate" content="2024-11-11T08:30:00+08:00"', "", "08:30:00"),
        ('name="apub:time" content="2024-11-11 08:30:00"', "", "08:30:00"),
        # The printed date wins over the meta.
        ('name="pubdate" content="2024-11-11 09:00"', "发布时间：2024-11-11 08:30", "08:30:00"),
    ],
)
def test_meta_publish_date_is_the_fallback(meta: str, info: str, expected: str) -> None:
    page = _small_page(head=f"<meta {meta}>", top=f'<div class="info">来源：{SOURCE} {info}</div>')
    assert parse_article(page, URL).published_at == f"2024-11-11T{expected}+08:00"


@pytest.mark.parametrize(
    "info",
    [
        f"<table><tr><td>作者：张三</td><td>来源：{SOURCE}</td>"
        "<td>时间：2024年11月11日 08:30</td><td>点击：1,876次</td></tr></table>",
        f"<ul class='x'><li>来源：{SOURCE}</li><li>发布时间：2024-11-11 08:30</li>"
        "<li>浏览：1876</li></ul>",
        f"<div class='x'><div><div>来源：{SOURCE}</div></div>"
        "<div>发布时间：2024-11-11 08:30</div><div>浏览：1876</div></div>",
    ],
)
def test_info_line_split_across_blocks(info: str) -> None:
    article = parse_article(_small_page(top=info), URL)
    assert (article.source, article.published_at, article.views) == (
        SOURCE,
        "2024-11-11T08:30:00+08:00",
        1876,
    )


def test_info_widening_never_reads_the_body() -> None:
    """The source line's parent holds the body: its dates are article text, not info."""
    body = (
        "".join(f"<p>{p}</p>" for p in P0) + "<p>阅读：3次以上的用户，2024年3月起可免费试用。</p>"
    )
    html = (
        f'<html><head><meta charset="utf-8"><title>{TITLE}_人工智能实验室</title></head><body>'
        f'<div class="wrap"><p>来源：{SOURCE}</p><div id="mainDiv">{body}</div></div>'
        "</body></html>"
    ).encode()
    article = parse_article(html, UNDATED_URL)
    assert (article.source, article.published_at, article.views) == (SOURCE, None, None)


def _hant_page(meta: str = "", filler: str = "") -> bytes:
    """The article in traditional script, encoded in Big5, with an optional <meta>."""
    paragraphs = "".join(f"<p>{to_traditional(p)}</p>" for p in P0 + P1)
    return (
        f"<html><head><title>{to_traditional(TITLE)}</title>{filler}{meta}</head>"
        f'<body><h1>{to_traditional(TITLE)}</h1><div id="mainDiv">{paragraphs}</div>'
        "</body></html>"
    ).encode("big5")


def test_big5_page_declared_after_the_first_4096_bytes() -> None:
    filler = "<script>var _hmt = _hmt || []; /* analytics */</script>\n" * 120
    body = _hant_page('<meta http-equiv="Content-Type" content="text/html; charset=big5">', filler)
    article = parse_article(body, URL)
    assert (article.title, article.sections) == (TITLE, [Section(None, P0 + P1)])


def test_undeclared_big5_read_as_gb18030_is_undecodable_not_an_article() -> None:
    """Big5 bytes decode "strictly" as GB18030 into ordinary-looking Han and private-use
    characters, with no U+FFFD: the private-use characters are the damage that shows."""
    assert _refusal(_hant_page()) == "undecodable"


def test_a_few_private_use_icons_do_not_make_a_page_undecodable() -> None:
    icons = "<p>\ue600 分享 \ue601 收藏</p>"
    article = parse_article(_small_page(body="".join(f"<p>{p}</p>" for p in P0) + icons), URL)
    assert article.title == TITLE


_FLASH = "某公司今日发布新款推理芯片，功耗降低三成。"  # 19 Han characters


def _flash_page(title: str, info: str, body_class: str = "kx-body", extra: str = "") -> bytes:
    return (
        f'<html><head><meta charset="utf-8"><title>{TITLE}_人工智能实验室</title></head><body>'
        f'{title}{info}<div class="{body_class}"><p>{_FLASH}</p></div>{extra}</body></html>'
    ).encode()


def test_short_flash_in_an_unknown_container_with_a_known_title_and_info_line() -> None:
    page = _flash_page(
        f'<div class="title"><h1>{TITLE}</h1></div>',
        '<div class="info">来源：新华社　发布日期：2024-10-24 11:02</div>',
    )
    article = parse_article(page, URL)
    assert (article.title, article.source) == (TITLE, "新华社")
    assert article.sections == [Section(None, [_FLASH])]


@pytest.mark.parametrize(
    ("title", "info", "extra", "reason"),
    [
        # A heading that only matches <title> (as a channel page's does) is not enough.
        (f"<h1>{TITLE}</h1>", '<div class="info">发布日期：2024-10-24</div>', "", "no_body"),
        # No info line.
        (f'<div class="title"><h1>{TITLE}</h1></div>', "", "", "no_body"),
        # Listing-like: many list links.
        (
            f'<div class="title"><h1>{TITLE}</h1></div>',
            '<div class="info">发布日期：2024-10-24</div>',
            "<ul>" + "".join(f"<li><a href='/a/{i}.html'>标题{i}</a></li>" for i in range(12)),
            "listing",
        ),
    ],
)
def test_short_text_stays_no_body_unless_the_page_is_clearly_an_article(
    title: str, info: str, extra: str, reason: str
) -> None:
    with pytest.raises(NotAnArticle) as info_:
        parse_article(_flash_page(title, info, extra=extra), URL)
    assert info_.value.reason == reason


def _div_listing(summary: str) -> bytes:
    items = "".join(
        f'<div class="news-item"><a href="/robot/2024/1020/4528{i:02d}.html">标题示例{i}</a>'
        f'<p>{summary}</p><span class="date">2024-10-{20 - i:02d}</span></div>'
        for i in range(6)
    )
    return (
        '<html><head><meta charset="utf-8"><title>机器学习_人工智能实验室</title></head><body>'
        f'<div class="news-list">{items}</div><a href="list_8_2.html">下一页</a></body></html>'
    ).encode()


@pytest.mark.parametrize("summary", [P0[0] + P0[1], TITLE + "。" + P1[0]])
def test_listing_of_repeated_div_items_is_a_listing(summary: str) -> None:
    assert _refusal(_div_listing(summary)) == "listing"


@pytest.mark.parametrize("views", ["", "<span>1864 次浏览</span>"])
@pytest.mark.parametrize("tag", ["article", "div"])
def test_a_listing_whose_first_card_has_a_class_more_is_a_listing(tag: str, views: str) -> None:
    # Ghost's tag page: the first card is also post-card-large; <article> is a known
    # body container, a <div> is found by density. A count printed right after the
    # date glues to it in the card's text (2024-06-281864): the date is still found.
    cards = "".join(
        f'<{tag} class="post-card{" post-card-large" if i == 0 else ""}">'
        f'<a href="/p/{i}/"><h2>标题示例{i}</h2><p>{P0[0]}</p></a>'
        f'<time datetime="2024-06-{28 - i:02d}">2024-06-{28 - i:02d}</time>{views}</{tag}>'
        for i in range(6)
    )
    page = (
        '<html><head><meta charset="utf-8"><title>Transformer - 注意力实验室</title></head>'
        f'<body><h1>Transformer</h1><div class="post-feed">{cards}</div></body></html>'
    ).encode()
    assert _refusal(page) == "listing"


def test_a_dated_related_list_beside_a_short_body_keeps_the_article() -> None:
    related = "".join(
        f'<div class="rel-item"><a href="/a/{i}.html">相关{i}</a> 2024-10-1{i}</div>'
        for i in range(5)
    )
    body = "".join(f"<p>{p}</p>" for p in P0)
    page = (
        f'<html><head><meta charset="utf-8"><title>{TITLE}_人工智能实验室</title></head><body>'
        f'<h1>{TITLE}</h1><div class="wz">{body}</div><div class="rel">{related}</div>'
        "</body></html>"
    ).encode()
    assert parse_article(page, URL).sections == [Section(None, P0)]


def _page_of(block: str, title: str = "机器人频道") -> bytes:
    return (
        f'<html><head><meta charset="utf-8"><title>{title}_人工智能实验室</title></head><body>'
        f'<div class="nav"><a href="/">首页</a></div>{block}<div class="foot">版权所有</div>'
        "</body></html>"
    ).encode()


def _feed(date: str) -> str:
    return "".join(
        f'<div class="feed-item"><h3><a href="/robot/4531{i:02d}.html">{P1[i % 2][:18]}</a></h3>'
        f"<p>{P0[i % 2] + P2[i % 2]}</p>"
        f'<div class="meta"><span>来源：新华网</span><span>{date}</span></div></div>'
        for i in range(8)
    )


def _author_page() -> str:
    items = "".join(
        f'<li class="item"><div class="d">2024-10-{10 + i}</div><div class="b">'
        f'<h3><a href="/ai/4533{i:02d}.html">{P1[i % 2][:16]}</a></h3><p>{P0[i % 2]}</p>'
        "</div></li>"
        for i in range(10)
    )
    return (
        f'<div class="author"><div class="meta"><h1>某编辑</h1><p>{P1[0]}</p></div>'
        f'<ul class="list">{items}</ul></div>'
    )


def _calendar() -> str:
    rows = "".join(
        f'<tr{" class=even" if i % 2 else ""}><td>{i}</td><td><a href="/zh/{i}.html">'
        f"第{i}届人工智能产业博览会</a></td><td>2024-11-{i + 5:02d} 至 11-{i + 8:02d}</td>"
        "<td>上海国家会展中心</td></tr>"
        for i in range(1, 13)
    )
    return (
        f'<div class="main"><h1>人工智能展会日历</h1><p class="intro">{P0[0]}</p>'
        f'<table class="cal"><tr class="th"><th>序号</th><th>展会</th></tr>{rows}</table></div>'
    )


@pytest.mark.parametrize(
    "block",
    [
        # a channel's feed printing the day's news without the year
        _feed("11-05 10:20"),
        _feed("11月5日 10:20"),
        _feed("2024-11-05"),
        # an author's page: a bio beside the list of the author's articles
        _author_page(),
        # an exhibition calendar: an intro above a table of dated, linked rows
        _calendar(),
    ],
)
def test_a_block_that_is_mostly_a_dated_list_of_links_is_a_listing(block: str) -> None:
    assert _refusal(_page_of(block)) == "listing"


def test_a_short_article_with_a_dated_list_in_its_block_stays_an_article() -> None:
    related = "".join(
        f'<li class="rel"><a href="/a/{i}.html">相关{i}</a> 11-0{i} 10:20</li>' for i in range(1, 5)
    )
    page = _page_of(
        f'<div class="story"><h1>{TITLE}</h1><p>{P0[0]}</p><p>{P0[1]}</p><ul>{related}</ul></div>',
        TITLE,
    )
    assert parse_article(page, URL).sections[0].paragraphs[:2] == P0


def _digest(info: str) -> str:
    items = "".join(
        f'<li class="item"><span>10月2{i}日</span> <a href="/robot/4529{i:02d}.html">'
        f"{P1[i % 2][:16]}</a><div class='s'>{P0[i % 2]}</div></li>"
        for i in range(8)
    )
    return (
        f"<div class='col'><div class='hd'><h1>{TITLE}</h1>{info}</div>"
        f"<div class='bd'><p>本周要闻速览。</p><ul class='digest'>{items}</ul></div></div>"
    )


def test_a_digest_of_dated_links_under_its_own_info_line_is_an_article() -> None:
    """A weekly digest is a list of dated links with a sentence each, under the page's
    own headline and an info line with a publish date and a view count."""
    info = "<div class='info'><span>作者：周编</span> 发布日期：2024-10-27 20:00 浏览：2210次</div>"
    article = parse_article(_page_of(_digest(info), TITLE), URL)
    paragraphs = [p for s in article.sections for p in s.paragraphs]
    assert (article.published_at, article.views) == ("2024-10-27T20:00:00+08:00", 2210)
    assert paragraphs[:2] == [f"10月20日 {P1[0][:16]}", P0[0]] and len(paragraphs) == 16


@pytest.mark.parametrize(
    "info",
    [
        "",  # a listing prints no info line of its own
        "<div class='info'>发布日期：2024-10-27 20:00</div>",  # a comment page's: a date alone
    ],
)
def test_the_same_list_without_an_articles_info_line_is_a_listing(info: str) -> None:
    with pytest.raises(NotAnArticle) as info_:
        parse_article(_page_of(_digest(info), TITLE), URL)
    assert info_.value.reason == "listing"


def test_a_chronicle_of_dated_linked_paragraphs_is_an_article() -> None:
    entries = [
        f'2024年{m}月5日，<a href="/a/{m}.html">某公司</a>{P0[m % 2]}{P2[m % 2]}'
        for m in range(1, 6)
    ]
    page = _page_of(
        f'<div class="x9"><h1>{TITLE}</h1>{"".join(f"<p>{e}</p>" for e in entries)}</div>',
        TITLE,
    )
    paragraphs = parse_article(page, URL).sections[0].paragraphs
    assert len(paragraphs) == 5 and paragraphs[0].startswith("2024年1月5日，某公司")


def _cards(text: str) -> str:
    return (
        "<ul class='list'>"
        + "".join(
            f"<li class='card'><h3><a href='/zhanguan/{i}.html'>国家会展中心{i}号馆</a></h3>"
            f"<p>地址：上海市青浦区崧泽大道{i}号</p><p>{text}</p></li>"
            for i in range(1, 7)
        )
        + "</ul>"
    )


def test_a_directory_of_cards_under_linked_headings_is_a_listing() -> None:
    assert (
        _refusal(_page_of(f"<div class='x9'><h1>展馆大全</h1>{_cards(P0[0])}</div>")) == "listing"
    )


def test_a_roundup_of_long_blocks_under_linked_headings_is_an_article() -> None:
    block = P0[0] + P0[1] + P1[0] + P1[1] + P2[0]  # longer than a card
    page = _page_of(f"<div class='x9'><h1>{TITLE}</h1><p>{P2[1]}</p>{_cards(block)}</div>", TITLE)
    paragraphs = parse_article(page, URL).sections[0].paragraphs
    assert paragraphs.count(block) == 6


def test_source_labels_and_the_words_that_make_them_anothers_are_two_characters() -> None:
    """``SOURCE_RE`` looks behind a label for the word before it as two characters more."""
    from newsarchive import selectors as sel

    assert {len(w) for w in sel.SOURCE_LABELS + sel.NOT_ARTICLE_SOURCE_WORDS} == {2}
    assert {len(w) for w in sel.SOURCE_LABELS_LONG} == {3}


def test_a_three_character_source_label_of_anothers_source_is_none() -> None:
    page = _small_page(top='<div class="info">数据来源于：国家统计局 2024-11-11</div>')
    assert parse_article(page, URL).source is None


def test_ad_prefixed_classes_of_the_articles_own_parts_are_not_ads() -> None:
    """A template naming its article's parts ``ad-title``, ``ad-body``, ``ad-img``
    ("article detail"): there ``ad-img`` is the article's picture; a page whose own
    parts are named otherwise keeps ``ad-`` for its advertisements."""
    figure = (
        '<div class="ad-img"><img src="/uploads/2024/1111/ct.jpg">'
        '<span class="ad-img-cap">医生查看AI给出的分析结果。</span></div>'
    )
    page = (
        f'<html><head><meta charset="utf-8"><title>{TITLE}_人工智能实验室</title></head><body>'
        f'<div class="article-detail"><h1 class="ad-title">{TITLE}</h1>'
        f'<div class="ad-body"><p>{P0[0]}</p>{figure}<p>{P0[1]}</p></div></div></body></html>'
    ).encode()
    article = parse_article(page, URL)
    assert [i.url.rsplit("/", 1)[-1] for i in article.images] == ["ct.jpg"]
    other = page.replace(b"ad-title", b"art-title").replace(b"ad-body", b"art-body")
    assert parse_article(other, URL).images == []


@pytest.mark.parametrize(
    ("top", "expected"),
    [
        # a republishing site names itself in its logo or its og:site_name
        ('<a href="/"><img src="/images/logo.gif" alt="亚太科技网"></a>', TITLE),
        ('<div class="logo"><img src="/i/top.png" alt="亚太科技网"></div>', TITLE),
        ("", f"{TITLE} - 亚太科技网"),  # no name of its own: the title stays whole
        ('<img src="/images/logo.gif" alt="别的网站">', f"{TITLE} - 亚太科技网"),
    ],
)
def test_title_drops_the_republishing_sites_own_name(top: str, expected: str) -> None:
    page = _titled_page(f"{TITLE} - 亚太科技网", top=top)
    assert parse_article(page, URL).title == expected


def test_title_drops_the_site_name_given_by_og_site_name() -> None:
    page = _titled_page(f"{TITLE}_亚太科技网").replace(
        b"</head>", '<meta property="og:site_name" content="亚太科技网"></head>'.encode()
    )
    assert parse_article(page, URL).title == TITLE


def test_a_block_that_is_mostly_link_text_is_a_listing() -> None:
    """A special topic's index: sections of links under a short introduction."""
    links = "".join(
        f"<li><a href='/zt/{i}.html'>{(P0 + P1)[i % 4][:20]}</a></li>" for i in range(12)
    )
    block = f"<div class='x9'><h1>专题：人工智能开发者大会</h1><p>{P0[0]}</p><ul>{links}</ul></div>"
    assert _refusal(_page_of(block, "专题")) == "listing"


def test_an_article_with_links_in_its_text_stays_an_article() -> None:
    text = "".join(
        f"<p>{p}<a href='/a/{i}.html'>详见此前报道</a>。</p>" for i, p in enumerate(P0 + P1)
    )
    page = _page_of(f"<div class='x9'><h1>{TITLE}</h1>{text}</div>", TITLE)
    assert len(parse_article(page, URL).sections[0].paragraphs) == 4


@pytest.mark.parametrize(
    ("font", "expected"),
    [
        ("<font size=5><b>中文分词技术评测结果揭晓</b></font>", "中文分词技术评测结果揭晓"),
        ("<font size='+2'>中文分词技术评测结果揭晓</font>", "中文分词技术评测结果揭晓"),
    ],
)
def test_a_legacy_headline_in_a_big_font(font: str, expected: str) -> None:
    page = (
        '<html><head><meta charset="gbk"><title>人工智能实验室</title></head><body>'
        f"<table><tr><td><font size=5>人工智能实验室</font></td></tr><tr><td>{font}</td></tr>"
        f'<tr><td class="x9">{"".join(f"<p>{p}</p>" for p in P0 + P1)}</td></tr></table>'
        "</body></html>"
    ).encode("gbk")
    assert parse_article(page, URL).title == expected


def test_no_big_font_and_no_heading_is_still_no_title() -> None:
    page = (
        '<html><head><meta charset="utf-8"><title>人工智能实验室</title></head><body>'
        f'<div class="x9">{"".join(f"<p>{p}</p>" for p in P0 + P1)}</div></body></html>'
    ).encode()
    assert _refusal(page) == "no_title"


# --------------------------------------------------------------------------- pages that stand in
_CHROME_SIDE = (
    '<div class="side"><h3>热门文章</h3>'
    + "".join(
        f'<p><a href="/2024/1001/{i}.html">热门报道之{i}：产业动态与市场观察</a></p>'
        for i in range(8)
    )
    + "</div>"
)


def _info_page(title: str, body: str, info: str = "") -> bytes:
    """A page with a headline, an info line and a sidebar of teasers around ``body``."""
    info = info or f'<div class="info">来源：{SOURCE} 发布时间：2024-10-22 11:08</div>'
    return (
        f'<html><head><meta charset="utf-8"><title>{title}_人工智能实验室</title></head><body>'
        f'<div class="main"><h1>{title}</h1>{info}<div id="mainDiv">{body}</div></div>'
        f"{_CHROME_SIDE}</body></html>"
    ).encode()


@pytest.mark.parametrize(
    "notice",
    [
        "该内容因违反相关规定已被屏蔽",
        "該內容已被刪除",
        "抱歉，该文章已被删除。",
        "此文章已被作者删除",
    ],
)
def test_a_takedown_notice_in_place_of_the_text_is_no_article(notice: str) -> None:
    """The headline and info line stay on the page, the text is the notice: storing it
    would make an empty record, or supersede the article's stored text on a refetch."""
    assert _refusal(_info_page(TITLE, f"<p>{notice}</p>")) == "not_found_notice"


def test_a_short_flash_quoting_a_takedown_notice_is_an_article() -> None:
    text = "多家平台下架违规AI换脸应用，原链接页面显示“该内容因违反相关规定已被屏蔽”。"
    article = parse_article(_info_page(TITLE, f"<p>{text}</p>"), URL)
    assert article.sections == [Section(None, [text])]


@pytest.mark.parametrize(
    "title",
    ["安全验证 - 访问过于频繁", "访问过于频繁，请稍后再试", "网站维护中", "網站維護公告",
     "Just a moment...", "Access Denied"],
)  # fmt: skip
def test_a_captcha_or_maintenance_page_is_no_article_and_no_lasting_finding(title: str) -> None:
    body = "".join(f"<p>{p}</p>" for p in P0)  # as long as an article's text
    assert _refusal(_info_page(title, body, info="<p>2024-10-24 17:01</p>")) == "unavailable"
    from newsarchive.incremental import LASTING_GONE_REASONS

    assert "unavailable" not in LASTING_GONE_REASONS  # asked again at the next crawl


@pytest.mark.parametrize(
    "title", ["AI助力电网系统维护降本增效", "验证码还能挡住AI吗：安全验证的新难题"]
)
def test_a_headline_about_maintenance_or_captchas_is_news(title: str) -> None:
    article = parse_article(_info_page(title, "".join(f"<p>{p}</p>" for p in P0 + P1)), URL)
    assert article.title == title


def test_readers_comments_never_stand_in_for_an_empty_text() -> None:
    comments = (
        "<p>热门评论（3）</p><p>算力观察员 10-25 10:02</p>"
        "<p>利用率提升三成是在什么规模下测的？希望后续能公布更详细的测试条件和基准模型。</p>"
        "<p>深圳老王 10-25 10:15</p><p>文章怎么打不开正文？只看到标题，刷新了好几次还是空白。</p>"
    )
    assert _refusal(_info_page(TITLE, comments)) == "no_body"
    text = "".join(f"<p>{p}</p>" for p in P0)
    article = parse_article(_info_page(TITLE, text + comments), URL)
    assert [p for s in article.sections for p in s.paragraphs] == list(P0)


def test_a_view_count_classed_in_the_info_line_under_a_headline_inside_the_body() -> None:
    """``<span class="post-views"><i class="icon-eye"></i>1236</span>`` among labelled
    parts of a meta line, all inside the card the text is in."""
    page = (
        '<html><head><meta charset="utf-8"><title>图片新闻</title></head><body>'
        '<article class="post"><header><h1 class="post-title">图片新闻｜博览会上的机械手</h1>'
        f'<div class="post-meta"><span class="post-source">来源：{SOURCE}</span>'
        '<time class="post-date">2024-10-18 08:40</time>'
        '<span class="post-views"><i class="icon icon-eye"></i>1236</span></div></header>'
        '<div class="post-content"><figure><img src="/uploads/1.jpg">'
        "<figcaption>10月17日，在重庆国际博览中心，观众观看一只能弹奏钢琴的仿生机械手。"
        "记者 周一鸣 摄</figcaption></figure><p>当天，第三届西部智能制造博览会进入第二天。</p>"
        "</div>"
        '<footer class="post-footer"><span class="comment-count">12</span></footer>'
        "</article></body></html>"
    ).encode()
    article = parse_article(page, URL)
    assert (article.source, article.views) == (SOURCE, 1236)


def _card_page(meta: str, tail: str = "") -> bytes:
    """A headline, a meta line and the text in one card of no known class, so the
    text block found by density holds the meta line too."""
    text = "".join(f"<p>{p}</p>" for p in P0)
    return (
        f'<html><head><meta charset="utf-8"><title>{TITLE}_人工智能实验室</title></head><body>'
        f'<div class="m-live-card"><h1 class="m-hd">{TITLE}</h1>{meta}{text}{tail}</div>'
        "</body></html>"
    ).encode()


@pytest.mark.parametrize(
    "meta",
    [
        '<div class="m-info"><span class="badge"><i></i>直播中</span>'
        f"<span>来源：{SOURCE}</span><span>发布时间：2024-10-18 08:40</span></div>",
        f'<p class="byline"><em>独家</em>｜来源：{SOURCE}　2024年10月18日 08:40</p>',
    ],
)
def test_an_info_line_opening_with_a_badge_inside_the_text_block(meta: str) -> None:
    """A badge of its own before the labels (``直播中``, ``独家``) does not make the
    info line a paragraph: its source and date are read and it leaves the text."""
    article = parse_article(_card_page(meta), URL)
    assert (article.source, article.published_at) == (SOURCE, "2024-10-18T08:40:00+08:00")
    assert [p for s in article.sections for p in s.paragraphs] == list(P0)


def test_a_numbered_source_note_in_the_text_is_not_an_info_line() -> None:
    """``<b>1</b> 来源：…，2024年10月`` closing the text is a note, not a badge."""
    note = f"<p><b>1</b> 来源：{SOURCE}，2024年10月18日发布</p>"
    article = parse_article(_card_page("", note), URL)
    assert article.source is None
    assert [p for s in article.sections for p in s.paragraphs][-1] == (
        f"1 来源：{SOURCE}，2024年10月18日发布"
    )


@pytest.mark.parametrize("day", ["10-2{i}", "2024-10-2{i}", "10月2{i}日"])
def test_an_author_page_over_a_list_of_her_articles_is_a_listing(day: str) -> None:
    """A reporter's page (mobile template): her name as the heading, a title line, a bio
    and counts, over her articles, each a link with its day (``10-25`` alone in its
    element) and reads. No headline prints the page's ``<title>``, the text is short and
    a listing is beside it: the page lists articles, it is none."""
    items = "".join(
        f"<li class='m-item'><a href='/2024/102{i}/1240{i}.html'><h3>标题示例{i}</h3>"
        f"<div class='meta'><span class='m-time'>{day.format(i=i)}</span>"
        f"<span>3.{i}万阅读</span></div></a></li>"
        for i in range(6)
    )
    page = (
        '<html><head><meta charset="utf-8"><title>林雨桐的个人主页_人工智能实验室</title></head>'
        "<body><div class='card'><h1>林雨桐</h1><p>人工智能实验室 资深记者</p>"
        "<p>长期关注大模型、AI芯片与智能产业，擅长产业调查与人物专访。曾获年度优秀科技报道奖。</p>"
        "<ul class='stats'><li><b>236</b><span>文章</span></li><li><b>1.8万</b><span>获赞</span>"
        f"</li></ul></div><ul class='m-list'>{items}</ul></body></html>"
    ).encode()
    assert _refusal(page) == "listing"


def test_a_special_topic_index_with_a_photo_strip_is_a_listing() -> None:
    """A special topic's index: an introduction, dated teasers of its articles, guests'
    quotes, and beside them a strip of linked photos and links to past topics. What
    stands beside the list is weighed by its text outside links (the introduction and
    the quotes, less than the list): links are more of the index, not an article's text."""
    news = "".join(
        f"<li><span class='date'>07-0{i}</span><h3><a href='/news/2024/070{i}/45410{i}.html'>"
        f"{P1[i % 2][:18]}</a></h3><p>{P0[i % 2]}</p></li>"
        for i in range(1, 7)
    )
    strip = "".join(
        f"<li><a href='/special/waic2024/pics.html#{i}'><img src='/p/{i}.jpg'>"
        f"<p>{P1[i % 2][:16]}</p></a></li>"
        for i in range(8)
    )
    past = "".join(
        f"<li><a href='/special/waic20{i}/'>20{i}世界人工智能大会专题</a></li>"
        for i in range(15, 23)
    )
    quotes = "".join(f"<li><strong>嘉宾{i}：</strong>{P2[i % 2]}</li>" for i in range(3))
    page = (
        '<html><head><meta charset="utf-8"><title>2024世界人工智能大会专题_人工智能实验室</title>'
        "</head><body><h1>2024世界人工智能大会专题</h1><div class='special-body'>"
        f"<div class='intro'>{P0[0]}{P1[0]}</div><div class='col-l'>"
        f"<div class='box'><h2>大会动态</h2><ul class='news-list'>{news}</ul></div>"
        f"<div class='box'><h2>精彩图集</h2><ul class='pic-list'>{strip}</ul></div></div>"
        f"<div class='col-r'><div class='box'><h2>嘉宾观点</h2><ul class='view'>{quotes}</ul></div>"
        f"<div class='box'><h2>往届回顾</h2><ul class='history'>{past}</ul></div></div>"
        "</div></body></html>"
    ).encode()
    assert _refusal(page) == "listing"


def test_a_short_text_is_not_widened_past_its_headline_s_block_into_sidebar_cards() -> None:
    """An exhibition notice of three short paragraphs beside a sidebar of event cards
    (a linked name over its time and place) that hold twice its text: the body is the
    notice's block, not the page around it, and the page is no listing."""
    notice = [
        "第六届深圳国际人工智能展览会将于2025年4月在深圳国际会展中心举办，预计展出面积5万平方米。",
        "展会时间：2025年4月16日-18日",
        "展会地点：深圳国际会展中心（宝安新馆）",
    ]
    cards = "".join(
        f'<li><a href="/zhanhui/daquan/{9100 + i}.html">2025第{i + 3}届国际机器人展览会</a>'
        f'<p><span class="t">展会时间：2025-0{i % 9 + 1}-05至0{i % 9 + 1}-07</span>'
        f'<span class="d">展会地点：北京·中国国际展览中心{i}号馆</span></p></li>'
        for i in range(10)
    )
    page = (
        '<html><head><meta charset="utf-8"><title>深圳人工智能展4月举办_展会信息港</title></head>'
        '<body><div class="zh-body"><div class="zh-main"><div class="zh-article">'
        "<h1>深圳人工智能展4月举办</h1>"
        '<div class="art-meta"><span>发布日期：2025-01-08 14:20</span>'
        "<span>来源：展会信息港</span></div>"
        f'<div class="art-content">{"".join(f"<p>{p}</p>" for p in notice)}</div></div></div>'
        f'<div class="zh-side"><div class="zh-box"><h3>近期展会</h3><ul>{cards}</ul></div></div>'
        "</div></body></html>"
    ).encode()
    article = parse_article(page, URL)
    assert [p for s in article.sections for p in s.paragraphs] == notice


def test_the_article_s_box_among_boxes_classed_alike_is_no_listing_item() -> None:
    """Discuz classes every box ``bm``: the article's (headline, date, a short Q&A) and
    the related boxes under it, each with links and dates. The box holding the headline
    is the article's, so the page is no listing of three dated items."""
    qa = [
        "问：家里没有装宽带，买了扫地机器人是不是就用不了？",
        "答：不需要。扫地机器人可以通过机身按键或遥控器直接启动清扫，联网只是为了用手机查看地图。",
    ]
    related = "".join(
        f'<div class="bm"><div class="bm_h"><h3>相关阅读</h3></div><ul>'
        f'<li><a href="article-22{i}0-1.html">智能音箱能听懂方言吗（{i + 1}）</a>'
        f" (2016-5-{i + 1})</li>"
        "</ul></div>"
        for i in range(2)
    )
    page = (
        '<html><head><meta charset="utf-8"><title>扫地机器人必须联网吗 - 门户</title></head><body>'
        '<div class="mn"><div class="bm vw"><div class="h"><h1 class="ph">扫地机器人必须联网吗</h1>'
        '<p class="xg1">2016-5-12 10:23 | 查看: 1523 | 来自: 中关村在线</p></div>'
        '<div class="d"><table class="vwtb"><tr><td id="article_content">'
        f"{''.join(f'<p>{p}</p>' for p in qa)}</td></tr></table>"
        '<div class="pren"><em>上一篇：</em><a href="article-2309-1.html">上一篇文章</a></div>'
        f"</div></div>{related}</div></body></html>"
    ).encode()
    article = parse_article(page, URL)
    assert [p for s in article.sections for p in s.paragraphs] == qa


def _flash_with_timeline(timeline: str) -> bytes:
    return (
        '<html><head><meta charset="utf-8">'
        "<title>寒武纪发布云端芯片 - 快讯 - 人工智能实验室</title></head><body>"
        '<article class="newsflash"><h1><span class="badge-kx">快讯</span>'
        "寒武纪发布云端芯片</h1><div class='flash-body'>"
        "<p>5月3日，寒武纪科技在上海发布首款云端智能芯片，同时推出新一代终端智能处理器。</p>"
        f"</div></article><div class='kx-timeline'><ul>{timeline}</ul></div></body></html>"
    ).encode()


def test_a_flash_badge_is_no_headline_text_and_a_timeline_lends_no_source() -> None:
    """A flash's ``快讯`` badge in its own span opens the headline; beside it a timeline
    of other flashes, each a time, a linked headline and its own ``来源：``."""
    timeline = "".join(
        f'<li><span class="t">04-2{i} 13:26</span><a href="/kuaixun/2018042{i}/6180{i}.html">'
        f"2011中国国际工业博览会机器人展区人气旺{i}</a><span>来源：南方都市报</span></li>"
        for i in range(3)
    )
    article = parse_article(_flash_with_timeline(timeline), URL)
    assert article.title == "寒武纪发布云端芯片"
    assert article.source is None
