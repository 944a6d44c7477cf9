"""The lines sites print under an article's text: follow prompts and an account's card
with its QR code, a site's statement, a sign-off naming where the article first ran, the
original headline in brackets, staff lines, a picture's "see it large" link and a
keywords line. They are the site's, not the article's text; the ones that carry a field
(the original headline, the keywords) go to it. Sentences using the same words stay.
"""

from __future__ import annotations

import pytest

from newsarchive.extract import parse_article
from newsarchive.model import Article

URL = "http://www.ailab.cn/robot/2025/0412/480301.html"
PARAS = [
    "第一段介绍展会概况，今年共有四百多家企业带来了服务机器人和工业机器人新品。",
    "第二段讲一家企业的展台，它展示的双臂机器人可以在两分钟内完成一套电路板的装配。",
    "第三段是行业分析师的判断，他认为明年国产机器人在核心部件上的自给率还会继续提高。",
]


def _page(after: str, *, before: str = "") -> bytes:
    text = "".join(f"<p>{p}</p>" for p in PARAS)
    return (
        '<html><head><meta charset="utf-8"><title>机器人展会开幕_人工智能实验室</title></head>'
        '<body><div class="nav"><a href="/">首页</a></div><h1>机器人展会开幕</h1>'
        '<div class="info">来源：科技日报 2025-04-12 10:00</div>'
        f'<div class="content">{before}{text}{after}</div>'
        '<div class="foot">Copyright © 2025 人工智能实验室</div></body></html>'
    ).encode()


def _lines(article: Article) -> list[str]:
    return [p for s in article.sections for p in s.paragraphs]


@pytest.mark.parametrize(
    "line",
    [
        "“掌”握行业动态 （微信搜索robotnews或扫描左侧二维码关注）",
        "更多精彩内容，关注某某科技微信号（ID：mouketech），或者下载某某App",
        "👇🏻 真诚推荐你关注 👇🏻",
        "来个「分享」「点赞」「在看」👇",
        "欢迎关注，每天带你读懂机器人行业！",
        "长按识别二维码，关注我们",
        "请关注某某机器人公众号获取展会门票",
        "本文由机器人在线原创，欢迎关注，带你一起长知识！",
        "本文为某某网原创",
        "（本文首发某某科技App，作者｜林某，编辑｜王某）",
        "网易声明：本文仅代表作者观点，网易仅提供信息发布平台。",
        "某某号声明：此消息系转载自合作媒体，不代表本站立场。",
        "（供稿单位：机械工程学院 摄影：陈某 编辑：刘某 审核：黄某）",
        "点击查看大图",
        "欢迎关注某某网微信公众号（ID：mouwang），获取更多前沿科技资讯。",
        "<a href='/zt/2018wic/'>点击进入专题：2018世界智能大会&gt;&gt;</a>",
    ],
)
def test_a_site_line_under_the_text_is_not_text(line: str) -> None:
    article = parse_article(_page(f"<p>{line}</p>"), URL)
    assert _lines(article) == PARAS


@pytest.mark.parametrize(
    "line",
    [
        "请关注以下三点：价格、交付周期和售后服务。",
        "更多企业开始关注人形机器人在汽车工厂里的应用。",
        "主办方欢迎关注人工智能的企业报名参加明年的展会。",
        "微信推出“在看”功能之后，科技类文章的转发量明显上升，机器人话题尤其受欢迎。",
        "该公众号的关注人数已超过十万，其中一半是制造业从业者。",
        "本文首先回顾了协作机器人的发展历史，再讨论它的安全标准。",
        "声明称，公司将在年内完成新一轮融资。",
    ],
)
def test_a_sentence_with_the_same_words_is_text(line: str) -> None:
    article = parse_article(_page(f"<p>{line}</p>"), URL)
    assert _lines(article) == [*PARAS, line]


def test_an_account_card_goes_with_its_qr_code() -> None:
    card = (
        '<div class="qr-card"><div>某某科技公众号</div>'
        "<div>“掌”握科技鲜闻 （微信搜索mouke或扫描左侧二维码关注）</div>"
        '<img src="/images/qr.png" alt=""></div>'
    )
    article = parse_article(_page(card), URL)
    assert _lines(article) == PARAS
    assert article.images == []


def test_a_picture_in_the_text_stays_beside_a_follow_prompt_under_the_text() -> None:
    pictured = '<p><img src="/uploads/robot.jpg" alt="双臂机器人"></p>'
    article = parse_article(_page(f"{pictured}<p>欢迎关注，每天带你读懂机器人行业！</p>"), URL)
    assert _lines(article) == PARAS
    assert [i.url for i in article.images] == ["http://www.ailab.cn/uploads/robot.jpg"]


@pytest.mark.parametrize("where", ["上方", ""])
def test_a_qr_code_a_follow_prompt_points_up_to_leaves_with_it(where: str) -> None:
    """A copied WeChat post's code and prompts, each in a paragraph of its own: the code
    is known by the prompt under it, and the prompt after that is not its caption."""
    tail = (
        '<p style="text-align:center"><img src="/uploads/qrcode.jpg" alt=""></p>'
        f"<p>欢迎关注新智元，微信搜索“AI_era”或扫描{where}二维码关注</p>"
        "<p>点个“在看”，和新智元一起追踪AI前沿</p>"
    )
    article = parse_article(_page(tail), URL)
    assert _lines(article) == PARAS
    assert article.images == []


def test_a_picture_above_a_prompt_pointing_down_to_its_code_stays() -> None:
    pictured = '<p><img src="/uploads/robot.jpg" alt="双臂机器人"></p>'
    prompt = "<p>扫描下方二维码关注我们</p>"
    article = parse_article(_page(f"{pictured}{prompt}"), URL)
    assert _lines(article) == PARAS
    assert [i.url for i in article.images] == ["http://www.ailab.cn/uploads/robot.jpg"]


def test_an_account_named_alone_is_a_subheading() -> None:
    # no prompt and no code beside it: a subheading about an account, text
    line = "如何运营企业公众号"
    article = parse_article(_page(f"<p>{line}</p><p>{PARAS[0]}</p>"), URL)
    assert line in _lines(article)


def test_the_original_headline_in_brackets_is_the_field() -> None:
    article = parse_article(_page("<p>（原题为：机器人展会今日开幕 四百家企业参展）</p>"), URL)
    assert _lines(article) == PARAS
    assert article.original_title == "机器人展会今日开幕 四百家企业参展"


def test_a_keywords_line_under_the_text_is_the_keywords_field() -> None:
    line = (
        '<div class="keywords"><label>文章关键词：</label>'
        '<a href="/tag/1">机器人</a><a href="/tag/2">展会</a></div>'
    )
    article = parse_article(_page(line), URL)
    assert _lines(article) == PARAS
    assert article.keywords == ["机器人", "展会"]
    plain = parse_article(_page("<p>本文关键词：机器人 展会</p>"), URL)
    assert _lines(plain) == PARAS
    assert plain.keywords == ["机器人", "展会"]


def test_a_translators_credit_is_text_above_the_text_and_a_staff_line_under_it() -> None:
    top = "<p>原文：Why robots need better hands</p><p>译者：刘某</p>"
    article = parse_article(_page("<p>（译者：刘某）</p><p>校对：王某</p>", before=top), URL)
    assert _lines(article) == ["原文：Why robots need better hands", "译者：刘某", *PARAS]


def test_a_sentence_about_a_special_topic_is_text() -> None:
    line = "点击进入专题的读者可以看到大会的全部报道，这是本站今年的新做法。"
    article = parse_article(_page(f"<p>{line}</p>"), URL)
    assert _lines(article) == [*PARAS, line]


def test_an_event_page_s_call_to_action_box_leaves_the_text_with_its_qr_code() -> None:
    """An exhibition agent's notice ends with its contact lines (the article's) and a box
    of a registration button and an adviser's QR code (the site's)."""
    contact = "<p>联系人：张经理</p><p>邮箱：hm2025@globalexpo-cn.com</p>"
    box = (
        "<div class='cta-box'><a class='btn-baoming' href='/baoming/?id=3127'>立即报名</a>"
        "<div class='cta-qr'><img src='/uploads/2024/10/qr-gw.png' alt=''>"
        "<span>微信扫一扫，添加展会顾问</span></div></div>"
    )
    article = parse_article(_page(contact + box), URL)
    assert _lines(article) == [*PARAS, "联系人：张经理", "邮箱：hm2025@globalexpo-cn.com"]
    assert article.images == []


@pytest.mark.parametrize(
    "sentence",
    [
        "立即报名参加本次论坛的企业，可免费获得一个标准展位。",
        "微信扫一扫已成为观众入场的主要方式，今年无纸化入场比例超过九成。",
    ],
)
def test_sentences_opening_with_a_button_s_words_stay(sentence: str) -> None:
    article = parse_article(_page(f"<p>{sentence}</p>"), URL)
    assert _lines(article) == [*PARAS, sentence]
