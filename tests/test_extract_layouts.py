"""Layouts a redesign of the portal could bring, and what each must still give.

The live site's markup is known from one capture, so the body must be found where no
known container holds it, and a known selector must not win when it matches the wrong
element (a promotion card above the headline). Each page here is small and written for
its test; the expected record is what a reader of the page would write down.
"""

from __future__ import annotations

import pytest

from newsarchive.extract import parse_article
from newsarchive.model import NotAnArticle, Section

URL = "http://www.ailab.cn/robot/2024/1120/453801.html"
HEADLINE = "智能电网巡检机器人在高原变电站投入使用"
TEXTS = [
    "海拔四千多米的一座变电站里，一台轮式巡检机器人正沿着设备区的固定路线缓缓前行。",
    "运维班组负责人介绍，高原地区冬季气温低、含氧量不足，人工巡检一次要花费近三个小时。",
    "机器人搭载红外热像仪和高清摄像头，能够自动识别设备发热、渗油和仪表读数异常等问题。",
    "发现异常后，系统会把图像和位置同步推送到值班人员的手机上，由人工复核后安排检修。",
    "投运两个月来，机器人累计完成巡检四百余次，发现并处理了十余处设备隐患。",
    "电力公司表示，明年还将在更多高海拔站点推广应用，并探索与无人机协同巡检的模式。",
]
INFO = "<div class='meta'>来源：科技日报　发布时间：2024-11-20 09:30</div>"


def _page(body: str, *, top: str = "", side: str = "", head: str = "") -> bytes:
    return (
        f'<html><head><meta charset="utf-8"><title>{HEADLINE}_人工智能实验室</title>{head}'
        f"</head><body>{top}<h1>{HEADLINE}</h1>{INFO}{body}{side}</body></html>"
    ).encode()


SIDEBAR = (
    "<div class='aside'><h3>热门排行</h3><ul>"
    "<li><a href='/robot/2024/1101/453001.html'>人形机器人走进汽车工厂</a></li>"
    "<li><a href='/robot/2024/1102/453002.html'>国产减速器打破垄断</a></li>"
    "<li><a href='/robot/2024/1103/453003.html'>大模型进入教育课堂</a></li>"
    "</ul></div>"
)


def _text(page: bytes) -> list[str]:
    return [p for s in parse_article(page, URL).sections for p in s.paragraphs]


@pytest.mark.parametrize("depth", [1, 2, 3])
def test_paragraphs_each_in_wrappers_of_their_own(depth: int) -> None:
    """Editors that paste from WeChat wrap every paragraph in its own ``<section>``s."""
    wrap = "<section>" * depth, "</section>" * depth
    body = "".join(f"{wrap[0]}<p>{t}</p>{wrap[1]}" for t in TEXTS)
    assert _text(_page(f"<div class='rich-text'>{body}</div>", side=SIDEBAR)) == TEXTS


def test_section_markers_and_an_image_between_wrapped_paragraphs() -> None:
    parts = [
        f"<section><p>{TEXTS[0]}</p></section>",
        f"<section><p>{TEXTS[1]}</p></section>",
        "<section><p><strong>01</strong></p></section>",
        f"<section><p>{TEXTS[2]}</p></section>",
        "<section><p><img src='/uploads/2024/1120/a.jpg'></p></section>",
        f"<section><p>{TEXTS[3]}</p></section>",
        "<section><p><strong>02</strong></p></section>",
        f"<section><p>{TEXTS[4]}</p></section>",
        f"<section><p>{TEXTS[5]}</p></section>",
    ]
    article = parse_article(_page(f"<div class='post'>{''.join(parts)}</div>"), URL)
    assert article.sections == [
        Section(None, TEXTS[:2]),
        Section("01", TEXTS[2:4]),
        Section("02", TEXTS[4:]),
    ]
    assert [i.url for i in article.images] == ["http://www.ailab.cn/uploads/2024/1120/a.jpg"]


@pytest.mark.parametrize(
    "line",
    [
        "<div>{}</div>",
        "<div><span style='font-size:16px'>{}</span></div>",
        "<div>　　{}</div><div><br></div>",
    ],
)
def test_a_body_of_div_lines(line: str) -> None:
    """Rich-text editors that write a ``<div>`` per line and no ``<p>`` at all."""
    body = "".join(line.format(t) for t in TEXTS)
    assert _text(_page(f"<div class='zw'>{body}</div>", side=SIDEBAR)) == TEXTS


def test_a_list_of_links_in_div_lines_is_not_the_body() -> None:
    """Link text is not body text: a sidebar of ``<div>`` link lines holding more Han
    characters than a short article does not take its place."""
    links = "".join(
        f"<div class='item'><a href='/robot/2024/1101/4530{n:02d}.html'>{t[:24]}</a></div>"
        for n, t in enumerate(TEXTS * 2)
    )
    page = _page(
        f"<div class='zw'><div>{TEXTS[0]}</div><div>{TEXTS[1]}</div></div>",
        side=f"<div class='list'>{links}</div>",
    )
    assert _text(page) == TEXTS[:2]


def test_a_promotion_card_above_the_headline_is_not_the_body() -> None:
    """``<article>`` is a known body container, and a theme may use it for a card in the
    top bar too: what ends before the headline starts cannot be the article's text."""
    card = (
        "<article class='promo'><a href='/zt/2025/'>"
        "二〇二五年世界人工智能大会观众预约通道今日开启</a></article>"
    )
    story = f"<article class='story'>{''.join(f'<p>{t}</p>' for t in TEXTS)}</article>"
    assert _text(_page(story, top=card)) == TEXTS


RECOMMENDED = (
    "<div class='recommend-box'><div class='recommend-item'><div class='content'>"
    "<a href='/robot/2024/1101/453001.html'><div class='title'>变电站巡检机器人选型指南"
    "<span>最新发布</span></div></a><div class='desc'>从续航、防护等级和识别精度三方面比较"
    "了几款主流产品……</div></div></div></div>"
)


def test_a_recommended_card_under_the_text_gives_way_to_the_text() -> None:
    """A blog platform's recommendations under the text are ``div.content`` boxes, and
    ``div.content`` is tried before the text's own container: a light box gives way to
    a known container elsewhere holding twice its text."""
    story = f"<div class='article_content'>{''.join(f'<p>{t}</p>' for t in TEXTS)}</div>"
    assert _text(_page(story + RECOMMENDED)) == TEXTS


def test_comments_in_known_boxes_give_way_to_a_whole_text_in_lines() -> None:
    """豆瓣's note is ``<br>`` lines in a ``div.note``, and each comment under it is a
    ``div.content``: the note, which holds a whole article's text, is the body."""
    lines = TEXTS * 2
    note = f"<div class='note'>{'<br/>'.join(lines)}</div>"
    comments = "".join(
        f"<div class='comment-item'><div class='content'><p>{t}</p></div></div>" for t in TEXTS[:2]
    )
    text = _text(_page(note + f"<div id='comments'>{comments}</div>"))
    assert text == lines


def test_an_author_s_bio_above_excerpt_cards_is_no_article() -> None:
    """An author's page: a bio shorter than an article above a list of the author's
    posts, each excerpt in a ``div.entry-content``. The bio does not take the place of
    the cards, and the cards are a listing."""
    cards = "".join(
        f"<article class='post excerpt'><h2><a href='/archives/2034{n}.html'>{t[:16]}</a></h2>"
        f"<div class='entry-content'><div>{t}</div><span>2024年06月{10 + n}日</span></div>"
        "</article>"
        for n, t in enumerate(TEXTS)
    )
    page = (
        '<html><head><meta charset="utf-8"><title>林晓雨_人工智能实验室</title></head><body>'
        f"<div class='author-box'><h1>林晓雨</h1><p>{TEXTS[0]}{TEXTS[1]}{TEXTS[2][:24]}</p></div>"
        f"<div class='posts'>{cards}</div></body></html>"
    ).encode()
    with pytest.raises(NotAnArticle):
        parse_article(page, "http://www.ailab.cn/author/linxiaoyu")


def test_an_article_s_cards_of_links_under_the_text_leave_it() -> None:
    """知乎's ``<article>`` holds, after the text, the topics, the column's card and a
    list of recommended posts, all links but a line or two: what is left out is
    weighed outside links, and the text's block is the body."""
    text = "".join(f"<p>{t}</p>" for t in TEXTS[:4])
    topics = "".join(
        f"<a href='/topic/{n}'>{w}</a>" for n, w in enumerate(("人形机器人", "巡检", "电网"))
    )
    recommended = "".join(
        f"<li><a href='/p/5680{n}'><h1>{t[:20]}</h1><p>作者{n}</p></a></li>"
        for n, t in enumerate(TEXTS[3:])
    )
    story = (
        f"<article class='Post-Main'><div class='RichText'>{text}</div>"
        "<div class='time'>编辑于 2024-11-21 18:40</div>"
        f"<div class='topics'>{topics}</div>"
        "<div class='column'><h3>文章被以下专栏收录</h3><h2><a href='/column/c_1'>机器人前沿</a>"
        "</h2><div>足式机器人、人形机器人与具身智能的产业观察</div></div>"
        f"<div class='recommend'><h3>推荐阅读</h3><ul>{recommended}</ul></div></article>"
    )
    assert _text(_page(story)) == TEXTS[:4]


def test_a_short_text_in_a_known_box_keeps_it() -> None:
    """A short article stays where it was found: inside a wider known container (the
    ``<article>`` around it), or beside one holding less than twice its text."""
    short = f"<div class='content'><p>{TEXTS[0]}</p><p>{TEXTS[1]}</p></div>"
    comments = "".join(f"<div class='comment'><p>{t}</p></div>" for t in TEXTS[2:])
    assert _text(_page(f"<article>{short}{comments}</article>")) == TEXTS[:2]
    beside = f"<div class='article_content'><p>{TEXTS[2]}</p><p>{TEXTS[3]}</p></div>"
    assert _text(_page(short + beside)) == TEXTS[:2]


@pytest.mark.parametrize(
    "headline",
    ["抱歉，您访问的页面不存在", "哎呀，您要找的页面走丢了", "404 Not Found"],
)
def test_a_not_found_headline_over_a_list_of_hot_articles_is_no_article(headline: str) -> None:
    """A soft 404 (status 200) with recommendations under it is too long for a notice by
    its text (which is mostly links: a listing); its headline says what it is."""
    hot = "".join(
        f"<p><a href='/robot/2024/1101/4530{n:02d}.html'>{t}</a></p>"
        for n, t in enumerate(TEXTS * 3)
    )

    def page(heading: str) -> bytes:
        return (
            '<html><head><meta charset="utf-8"><title>人工智能实验室</title></head><body>'
            f"<div class='error'><h1>{heading}</h1><p>您可以返回首页，或看看下面的热门文章。</p>"
            f"<div class='hot'><h3>热门文章</h3>{hot}</div></div></body></html>"
        ).encode()

    with pytest.raises(NotAnArticle) as listed:  # too long for a notice, but all links
        parse_article(page(HEADLINE), URL)
    assert listed.value.reason == "listing"
    with pytest.raises(NotAnArticle) as caught:
        parse_article(page(headline), URL)
    assert caught.value.reason == "not_found_notice"


def test_an_update_time_printed_first_is_not_the_publish_time() -> None:
    info = "<div class='meta'>更新时间：2024-11-21 18:02　发布时间：2024-11-20 09:30</div>"
    page = _page("".join(f"<p>{t}</p>" for t in TEXTS)).replace(INFO.encode(), info.encode())
    article = parse_article(page, URL)
    assert (article.published_at, article.published_raw) == (
        "2024-11-20T09:30:00+08:00",
        "2024-11-20 09:30",
    )


def test_an_update_time_alone_is_still_the_date_there_is() -> None:
    info = "<div class='meta'>来源：科技日报　更新时间：2024-11-21 18:02</div>"
    page = _page("".join(f"<p>{t}</p>" for t in TEXTS)).replace(INFO.encode(), info.encode())
    assert parse_article(page, URL).published_at == "2024-11-21T18:02:00+08:00"


@pytest.mark.parametrize(
    "declared",
    [
        '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": '
        '"2024-11-20T09:30:00+08:00", "dateModified": "2024-11-21T18:02:00+08:00"}</script>',
        '<meta property="article:published_time" content="2024-11-20T09:30:00+08:00">',
    ],
)
def test_an_update_time_alone_gives_way_to_a_declared_publish_time(declared: str) -> None:
    """Printed alone, 更新时间 dates an edit: the publish time the page declares for
    machines is the article's."""
    info = "<div class='meta'>来源：科技日报　更新时间：2024-11-21 18:02</div>"
    page = _page("".join(f"<p>{t}</p>" for t in TEXTS)).replace(INFO.encode(), info.encode())
    page = page.replace(b"</head>", declared.encode() + b"</head>")
    assert parse_article(page, URL).published_at == "2024-11-20T09:30:00+08:00"


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("（来源：经济参考报）", "经济参考报"),
        ("(文章来源：深圳商报)", "深圳商报"),
        ("【来源：新华网】", "新华网"),
    ],
)
def test_a_bracketed_source_line_under_the_text_is_the_source(line: str, source: str) -> None:
    info = "<div class='meta'>发布时间：2024-11-20 09:30</div>"
    body = "".join(f"<p>{t}</p>" for t in TEXTS) + f"<p>{line}</p>"
    page = _page(f"<div class='zw'>{body}</div>").replace(INFO.encode(), info.encode())
    article = parse_article(page, URL)
    assert (article.source, _text(page)) == (source, TEXTS)


@pytest.mark.parametrize(
    "footer",
    [
        "© 2024 人工智能实验室 版权所有 京ICP备10000000号-1",
        "©人工智能实验室 2004-2024",
        "© Copyright 2024 AiLab",
    ],
)
def test_a_copyright_line_opening_with_the_sign_ends_the_text(footer: str) -> None:
    body = "".join(f"<p>{t}</p>" for t in TEXTS) + f"<p>{footer}</p><p>二维码</p>"
    assert _text(_page(f"<div class='zw'>{body}</div>")) == TEXTS


def test_a_photo_credit_opening_with_the_sign_does_not_end_the_text() -> None:
    body = f"<p>{TEXTS[0]}</p><p><img src='/uploads/2024/1120/b.jpg'></p><p>©新华社</p>" + "".join(
        f"<p>{t}</p>" for t in TEXTS[1:]
    )
    assert [t for t in _text(_page(f"<div class='zw'>{body}</div>")) if t in TEXTS] == TEXTS


@pytest.mark.parametrize("box", ["热门排行", "编辑推荐", "熱點推薦"])
def test_a_sidebar_box_inside_a_page_wide_content_wrapper_ends_the_text(box: str) -> None:
    """``div.content`` is a known body container and a common page wrapper: a sidebar's
    box heading inside it is a widget line."""
    page = _page(
        "<div class='content'><div class='left'>"
        + "".join(f"<p>{t}</p>" for t in TEXTS)
        + f"</div><div class='right'><div class='box-hd'>{box}</div>"
        "<p>本周精选五篇关于电力设施建设的深度报道，帮助读者了解行业进展。</p></div></div>"
    )
    assert _text(page) == TEXTS


@pytest.mark.parametrize("furniture", ["footer", "aside", "nav"])
def test_a_page_whose_only_sentences_are_in_its_furniture_is_no_article(furniture: str) -> None:
    """A directory of names (exhibitors and their booths) has no article; the longest run
    of text on it is the organiser's address in the ``<footer>`` (or a note in an
    ``<aside>``, a ``<nav>``), which is the site's, and never an article's body."""
    names = ["星衡机器人", "灵犀触觉", "知行机器人", "精工谐波传动", "慧眼视觉", "海之翼智能"]
    cards = "".join(
        f"<div class='card'><div class='name'>{name}</div><div class='booth'>展位号：A{n:02d}</div>"
        f"<div class='cat'>人形机器人</div></div>"
        for n, name in enumerate(names * 3)
    )
    note = (
        f"<{furniture} class='site'><p>大会组委会，地址：苏州工业园区苏州大道东六百八十八号"
        f"国际博览中心二号馆，咨询电话：0512-62887600，工作日上午九点至下午五点。</p>"
        f"</{furniture}>"
    )
    page = (
        '<html><head><meta charset="utf-8"><title>创新展区展商名单_人工智能实验室</title></head>'
        f"<body><h1>创新展区展商名单</h1><div class='grid'>{cards}</div>{note}</body></html>"
    ).encode()
    with pytest.raises(NotAnArticle):
        parse_article(page, URL)


def test_an_article_beside_a_longer_footer_is_still_the_text() -> None:
    """The article's block is found among the page's other blocks, and a ``<footer>`` that
    holds more text than a short article (an organiser's notices) does not take its place."""
    footer = "<footer>" + "".join(f"<p>{t}</p>" for t in TEXTS * 2) + "</footer>"
    page = _page(f"<div class='zw'><p>{TEXTS[0]}</p><p>{TEXTS[1]}</p></div>", side=footer)
    assert _text(page) == TEXTS[:2]


@pytest.mark.parametrize(
    "bar",
    [
        # a live blog's bar: counter, auto-refresh checkbox in its label, refresh button
        "<div class='live-bar'><span>已更新 6 条</span><label><input type='checkbox' checked>"
        " 自动刷新</label><button type='button'>刷新</button><span>最新在上</span></div>",
        # a repost's author bar with its follow button
        "<div class='author'><a href='/u/58210349/'>AI科技前沿</a><span>IP属地：广东</span>"
        "<button class='follow'>关注</button></div>",
        # a poll under the text
        "<p>你看好人形机器人进工厂吗？<select><option>看好</option><option>观望</option>"
        "</select></p>",
        # a poll's box: the question leaves with the form
        "<div class='vote-box'><p class='vote-title'>你怎么看？机器视觉会取代质检工人吗？</p>"
        "<form><label><input type='radio' name='v' value='1'> 支持</label> <span>(326)</span>"
        "<label><input type='radio' name='v' value='2'> 反对</label> <span>(118)</span>"
        "<input type='submit' value='投票'></form></div>",
        # a poll whose buttons are script links with their counts
        "<div class='toupiao'><div class='tp-q'>你怎么看？校园应该推广人脸识别吗？</div>"
        "<div class='tp-btn'><a href='javascript:vote(71524,1)'>支持</a><em>1208</em>"
        "<a href='javascript:vote(71524,2)'>反对</a><em>1764</em></div></div>",
        # a subscribe box: heading, pitch and form
        "<div class='newsletter'><div class='inner'><h3>订阅「具身周刊」</h3>"
        "<p>每周五更新，不错过机器人领域的重要进展。</p><form><input type='email'>"
        "<input type='submit' value='订阅'></form></div></div>",
    ],
)
def test_a_widget_bar_in_the_text_leaves_it(bar: str) -> None:
    """A few words beside a form control are a widget's, not the article's."""
    body = f"<div class='zw'><p>{TEXTS[0]}</p>{bar}<p>{TEXTS[1]}</p><p>{TEXTS[2]}</p></div>"
    assert _text(_page(body, side=SIDEBAR)) == TEXTS[:3]


def test_a_paragraph_beside_script_links_stays() -> None:
    """Two script links in a sentence do not make it a widget's bar: words other than
    counts are beside them."""
    line = (
        "<p>点击<a href='javascript:play(1)'>播放</a>或<a href='javascript:dl(1)'>下载</a>"
        "发布会全程视频。</p>"
    )
    body = f"<div class='zw'><p>{TEXTS[0]}</p>{line}<p>{TEXTS[1]}</p><p>{TEXTS[2]}</p></div>"
    assert _text(_page(body, side=SIDEBAR)) == [
        TEXTS[0],
        "点击播放或下载发布会全程视频。",
        *TEXTS[1:3],
    ]


@pytest.mark.parametrize(
    "control", ["<input type='hidden' name='aid' value='453801'>", "<button>展开</button>"]
)
def test_a_paragraph_beside_a_control_keeps_its_text(control: str) -> None:
    """A hidden input carries no widget, and a block as long as a paragraph is text
    whatever control it holds (the control alone leaves)."""
    note = f"<p>注：数据截至十月{control}</p>"
    body = f"<div class='zw'><p>{TEXTS[0]}{control}</p><p>{TEXTS[1]}</p>{note}</div>"
    expected = [TEXTS[0], TEXTS[1]] + (["注：数据截至十月"] if "hidden" in control else [])
    assert _text(_page(body, side=SIDEBAR)) == expected


@pytest.mark.parametrize(
    "tip",
    [
        "<p class='tip'>剩余85%内容，打开APP继续阅读</p>",
        "<div class='paywall'><strong>本文为会员专享内容</strong>"
        "<p>剩余 96% 内容，登录并开通会员后即可阅读全文</p></div>",
        "<p class='tip'>還剩 70% 未讀，打開APP閱讀全文</p>",
        # a login wall names no share of the rest
        "<div class='vip-lock'><p class='lock-tip'>您需要登录后才能查看全文</p>"
        "<form><input name='userid'><button>登录</button></form></div>",
        "<p class='tip'>本文為會員專享內容，登錄後可閱讀全文</p>",
    ],
)
def test_a_teaser_of_the_opening_lines_is_no_article(tip: str) -> None:
    """A share page or a members' wall holds the opening lines and says the rest is
    elsewhere: stored, the stub would stand for the article (and the whole text, once
    served, would look like a revision of it)."""
    body = f"<div class='zw'><p>{TEXTS[0]}</p><p>{TEXTS[1][:20]}……</p></div>{tip}"
    with pytest.raises(NotAnArticle) as caught:
        parse_article(_page(body, side=SIDEBAR), URL)
    assert caught.value.reason == "teaser"


def test_a_share_page_holding_the_whole_text_is_an_article() -> None:
    """``打开APP阅读全文`` over a text that is all on the page names no share left
    elsewhere: the page is the article."""
    body = "".join(f"<p>{t}</p>" for t in TEXTS)
    page = _page(f"<div class='zw'>{body}</div><a href='/app/open'>打开APP阅读全文</a>")
    assert _text(page) == TEXTS


def test_a_fold_button_naming_the_share_left_unfolds_text_on_the_page() -> None:
    """``展开剩余85%内容`` unfolds the rest of a text that is all on the page: not a teaser."""
    page = _page(f"<div class='zw'><p>{TEXTS[0]}</p><p>{TEXTS[1]}</p></div><p>展开剩余85%内容</p>")
    assert _text(page) == TEXTS[:2]
