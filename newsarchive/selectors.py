"""Every selector, label and boilerplate marker the extractors use, in one place.

The live portal's markup is known only from a single capture and from old public
scrapers, and it has changed before; when it changes again, this module should be the
only file a fix touches. Nothing here is executed logic: tuples of alternatives, tried
in order, with simplified and traditional variants side by side (a page may be served
in either script, and labels are matched on the page as served, after pinyin removal).

CSS selectors are compiled to XPath once, at import time, by the modules that use them.
"""

from __future__ import annotations

# --------------------------------------------------------------------------- title
TITLE_HEADINGS: tuple[str, ...] = (
    "div.viewbox div.title h1",
    "div.title > h1",
    "div.listltitle > h3",
    "div.listltitle > h1",
    "div.article-title h1",
    "div.arc-title h1",
    "div.newstitle h1",
    "div.news_title h1",
    "header.article-header h1",
    "span#thread_subject",
)
"""Headings that are the headline wherever they appear (trusted without checking).
``span#thread_subject`` is a Discuz thread's subject, inside an ``<h1>`` that also holds
its category's link (``[行业资讯]``)."""

GENERIC_HEADINGS_XPATH = "//body//h1 | //body//h2 | //body//h3"
"""Any heading: trusted only when it agrees with the ``<title>`` text."""
_CLASS_ID = (
    "translate(concat(@class, ' ', @id),"
    " 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
)
TITLE_CLASS_XPATH = (
    "//body//*[not(self::a or self::title or self::meta or self::li)]"
    f"[contains({_CLASS_ID}, 'tit') or contains({_CLASS_ID}, 'headline')"
    f" or contains({_CLASS_ID}, 'biaoti')]"
)
"""An element named as a title that is no heading (``<div class="h-title">``,
``<p class="art_title">``, ``<div class="newsTitle">``, ``<div class="arti-tit">``): tried
after the headings, and trusted only when its text is one end of the ``<title>`` text
(``extract.title.title_part``)."""
HEADLINE_BADGES: frozenset[str] = frozenset({
    "原创", "原創", "独家", "獨家", "首发", "首發", "置顶", "置頂", "推荐", "推薦",
    "重磅", "突发", "突發",
    "精选", "精選", "热", "熱", "荐", "薦", "新", "图", "圖", "视频", "視頻", "图文",
    "圖文", "组图", "組圖", "专题", "專題", "转载", "轉載", "翻译", "翻譯", "快讯", "快訊",
    "HOT", "NEW", "hot", "new",
    "预览", "預覽", "草稿",  # a CMS's preview of a draft: 【预览】 opens its <title>
})  # fmt: skip
"""Words a site prints in an element of their own at either end of a headline (``<h1>
标题<span class="original-logo">原创</span></h1>``, ``<em>独家</em>``): a label on the
article, not the headline's words (a blog's ``原创``, ``转载``, ``翻译``). Only a whole child
element's text is dropped, or a badge in brackets opening the headline (``[视频]``,
``【独家】``); the same word written into the headline's own text stays."""

SOURCE_MARKS: frozenset[str] = frozenset({"原创", "原創", "独家", "獨家", "首发", "首發"})
"""Words an outlet prints after its own name where a source stands (中关村在线's
``[ 中关村在线 原创 ]``): a mark on the article, not part of the name."""

SITE_NAMES: tuple[str, ...] = (
    "AiLab人工智能实验室",
    "AiLab人工智能實驗室",
    "人工智能实验室",
    "人工智能實驗室",
    "www.ailab.cn",
    "ailab.cn",
    "AiLab",
)
"""Site names that end a ``<title>`` (longest first) and never are a headline."""

BIG_FONT_XPATH = "//body//font[@size >= 4 or starts-with(normalize-space(@size), '+')]"
"""A legacy layout's headline (``<font size=5><b>标题</b></font>``): the last fallback for
the title, on a page with no heading and no headline in ``<title>``."""
FONT_TITLE_MIN = 6
FONT_TITLE_MAX = 80
SITE_TAGLINE_MAX = 60
"""Characters of a tagline a ``<title>`` may print after the site name."""
TITLE_SEPARATORS: tuple[str, ...] = ("_", "-", "|", "｜", "–", "—", "·", "：", ":", "»")
"""Characters that join the headline and the site name in ``<title>``."""
MIN_TITLE_PART = 6
"""The shortest text that ``extract.title.title_part`` takes for the headline part of a
``<title>``: a channel or site name is shorter, almost every headline longer."""
TITLE_PART_SEPARATORS: tuple[str, ...] = ("_", "-", "|", "｜", "–", "»")
META_TITLE_NAMES: tuple[str, ...] = ("og:title", "twitter:title", "articletitle")
"""``<meta>`` names (lowercase) that declare the headline: asked only when no element
agrees with ``<title>``, and believed only where an element prints them. Government
sites declare ``ArticleTitle`` (with ``PubDate`` and ``ContentSource``) by the national
specification for their pages."""
META_SOURCE_NAMES: tuple[str, ...] = ("source", "contentsource", "article:source")
"""``<meta>`` names (lowercase) that declare the article's source: read only when the
page prints no source."""
TITLE_CUT_MARKS = ".…"
"""Characters an SEO plugin ends a shortened ``<title>`` with (``...``, ``…``): what
comes before them is the headline's start, not the headline."""
"""Where ``extract.title.title_part`` cuts ``<title>``: the separators before or after a
site's name (and a double dash, ``——``). Not a colon, a single dash or a middle dot,
which a headline uses within itself (``第七届智博会开幕：2024年8月22日至25日在重庆举行``)."""
TITLE_REST_MAX = 24
"""Characters of what ``<title>`` prints beside the headline part (the site's name, a
channel's, their separators): more is a headline's own words."""
TITLE_PART_TAGS: tuple[str, ...] = (
    "td", "th", "div", "p", "span", "strong", "b", "font", "em", "h4", "h5", "h6", "center",
)  # fmt: skip
"""Elements that may print a headline without being named for it (an e-paper's
``<td class="font01">``), searched for one end of ``<title>`` as the last resort."""

CHANNEL_NAMES: tuple[str, ...] = (
    "机器学习",
    "機器學習",
    "机器人",
    "機器人",
    "语音识别",
    "語音識別",
    "自然语言处理",
    "自然語言處理",
    "人脸识别",
    "人臉識別",
    "神经网络",
    "神經網絡",
    "数据挖掘",
    "數據挖掘",
    "无人机",
    "無人機",
    "车联网",
    "車聯網",
    "云计算",
    "雲計算",
    "大数据",
    "大數據",
    "展会信息港",
    "展會信息港",
    "展会大全",
    "展會大全",
    "展会资讯",
    "展會資訊",
)
"""Channel (DedeCMS ``typename``) names of the listings in ``settings`` and PORTAL.md.
DedeCMS's default article ``<title>`` is ``{title}_{typename}_{webname}``: a trailing
``_<channel>`` segment before the site name is dropped when it is one of these, or when
it is short (``CHANNEL_MAX_CHARS``) and is the text of a link on the page (the
breadcrumb or navigation names the channel); see ``extract.title.strip_channel_suffix``."""
CHANNEL_MAX_CHARS = 8
"""The longest unknown channel name the breadcrumb test accepts."""
CHANNEL_SEPARATOR = "_"
"""DedeCMS's separator in the default title pattern (``-`` and ``|`` are not stripped:
real headlines use them, and a title keeps them rather than lose words)."""
OWN_NAME_SEPARATORS: tuple[str, ...] = (" - ", "_", " | ", "｜", "--", " — ")
"""Separators before a site's own name at the end of ``<title>`` (``title.strip_own_name``)."""
SITE_LOGO_XPATH = (
    "//img[contains(@src, 'logo') or contains(@class, 'logo')]/@alt"
    " | //*[contains(@class, 'logo')]//img/@alt"
    " | //meta[@property='og:site_name']/@content"
)
"""Where a page names its own site: its logo's ``alt``, its ``og:site_name``."""
CHANNEL_NAME_SEPARATORS: tuple[str, ...] = (" - ", "--", " — ", " | ", " ｜ ", "-")
"""Other templates' separators (``标题 - 展会资讯 - 人工智能实验室``, ``标题--展会大全--…``,
an old page's ``标题-展会信息港``):
a segment after one of them goes only when it is a known channel (``CHANNEL_NAMES``)."""

# --------------------------------------------------------------------------- info line
INFO_CONTAINERS: tuple[str, ...] = (
    "div.viewbox div.info",
    "div.info",
    "div.listltitle > p",
    "p.info",
    "div.article-info",
    "div.arc-info",
    "div.meta",
    "p.meta",
)
"""Elements that usually hold the info line; used only when they carry a label or date."""
DATE_CLASS_HINTS: tuple[str, ...] = ("date", "time", "pubtime", "pubdate", "publish-time")
SOURCE_CLASS_HINTS: tuple[str, ...] = ("source", "src", "laiyuan", "article-source")
VIEWS_CLASS_HINTS: tuple[str, ...] = (
    "views", "view", "hits", "click", "clicks", "read", "reads", "pv", "viewcount",
    "readcount", "liulan", "yuedu",
)  # fmt: skip
"""``class`` tokens of an unlabelled date, source or view count printed by the headline
(``<span class="time">2024-07-03 14:22</span><a class="source">新浪科技</a>``,
``<span class="views"><i class="icon-eye"></i>3206</span>``): the last fallback for
each field, read only in the headline's own block and the two blocks after it, outside
the body, and only when the element holds the value alone. A token matches by itself or
by one of its parts between ``-`` and ``_`` (``m-src``, ``post_time``, ``art-views``),
unless another of its parts is in ``CLASS_HINT_EXCLUDED_PARTS``."""
CLASS_HINT_EXCLUDED_PARTS: frozenset[str] = frozenset(
    {"update", "updated", "modified", "edit", "edited", "comment", "comments", "reply",
     "like", "likes", "share", "shares", "icon"}
)  # fmt: skip
"""Parts of a class token that make it no hint: ``update-time`` is not the publish time,
``comment-count`` not the views."""
DATE_ICON_PARTS: frozenset[str] = frozenset(
    {"calendar", "clock", "time", "date", "shijian", "riqi"}
)  # fmt: skip
VIEWS_ICON_PARTS: frozenset[str] = frozenset(
    {"eye", "view", "views", "liulan", "yuedu", "browse", "chakan"}
)  # fmt: skip
"""Parts of the ``class`` of an icon (an empty ``<i>``, ``<span>`` or ``<em>``) that
labels the value printed right after it: a Bootstrap theme's info line is icons and
values (PbootCMS's ``<i class="fa fa-calendar"></i> 2024-06-05 <i class="fa
fa-eye"></i> 1234``, ``<span class="glyphicon glyphicon-time"></span>``). Read, like
the class hints above, only in the headline zone and only as the last fallback."""
ICON_TAGS: tuple[str, ...] = ("i", "span", "em")
SOURCE_HINT_MAX = 20
"""The longest unlabelled text read as a source (a publication's name, not a sentence)."""

SOURCE_LABELS: tuple[str, ...] = ("来源", "來源", "出处", "出處", "稿源", "转自", "轉自")
EVENT_LABELS: tuple[str, ...] = (
    "地点", "地點", "地址", "展馆", "展館", "场馆", "場館", "主办", "主辦", "会场", "會場",
)  # fmt: skip
"""Labels of an event's details: a ``时间：`` line holding or followed by one is the
event's time, not the publish date."""
NOT_ARTICLE_SOURCE_WORDS: tuple[str, ...] = (
    "数据", "數據", "图片", "圖片", "图表", "圖表", "资料", "資料", "视频", "視頻",
)  # fmt: skip
"""Words that make ``来源`` another thing's source: ``数据来源：国家统计局`` under a chart,
``图片来源：视觉中国`` under a photo. Such a line never gives the article's source."""
EXHIBITION_FIELD_LABELS: tuple[str, ...] = (
    "展会名称", "展會名稱", "展览名称", "展覽名稱", "展会简称", "展會簡稱",
    "展会时间", "展會時間", "展览时间", "展覽時間", "举办时间", "舉辦時間", "展出时间",
    "展出時間", "展会日期", "展會日期", "开幕时间", "開幕時間", "布展时间", "佈展時間",
    "撤展时间", "撤展時間", "展会地点", "展會地點", "举办地点", "舉辦地點", "展出地点",
    "展出地點", "展会场馆", "展會場館", "举办展馆", "舉辦展館", "展馆", "展館", "展会地址",
    "展會地址", "主办单位", "主辦單位", "主办方", "主辦方", "承办单位", "承辦單位",
    "承办方", "承辦方", "协办单位", "協辦單位", "支持单位", "支持單位", "指导单位",
    "指導單位", "展会面积", "展會面積", "展出面积", "展出面積", "展览面积", "展覽面積",
    "参展范围", "參展範圍", "展品范围", "展品範圍", "展会周期", "展會週期", "举办周期",
    "舉辦週期", "所属行业", "所屬行業", "展会行业", "展會行業", "展会类型", "展會類型",
    "预计观众", "預計觀眾", "参展商数", "參展商數", "官方网站", "官方網站", "展会网址",
    "展會網址", "联系方式", "聯繫方式", "聯絡方式", "联系人", "聯繫人", "聯絡人", "联系电话",
    "聯繫電話", "聯絡電話",
)  # fmt: skip
"""Labels of an exhibition's field block (``<th>展会时间：</th><td>2024年9月24日-28日</td>``,
``<dt>展会地点</dt><dd>…</dd>``): a row of a label cell and a value cell is one line of
the text, ``展会时间：2024年9月24日-28日``, however the template lays it out. A detail page
of the 展会大全 section is its field block and an introduction."""
SOURCE_LABELS_LONG: tuple[str, ...] = ("来源于", "來源於", "转载自", "轉載自", "转载于", "轉載於")
"""Three-character source labels, read like ``SOURCE_LABELS`` (``本文来源于：机器之心``,
``转载自 36氪``)."""
SOURCE_VALUE_END_PATTERN = (
    r"\s+[|｜丨/／•·]"  # a separator between the line's parts: 东方网 ／ 字号
    r"|\s*https?://"  # the source's address after its name
    r"|\s+(?:昨天|前天|今天|刚刚|剛剛|\d+\s*(?:秒|分钟|分鐘|小时|小時|天)前|\d{1,2}[:：]\d{2})"
)
"""Where a source's value ends besides the line's next label or date: 网络 昨天 14:20,
雷锋网 https://…, 东方网 ／ 字号：大 中 小."""
PUBLISHER_LABELS: tuple[str, ...] = (
    "发布单位", "發布單位", "發佈單位", "发布机构", "發布機構", "發佈機構", "发布者", "發布者",
    "發佈者", "供稿单位", "供稿單位",
)  # fmt: skip
"""Labels of who published the page (a university's ``发布者：人工智能学院``, a
government site's ``发布机构：…局``): the source when the page names no 来源 and the value
is a body (``PUBLISHER_BODY_SUFFIXES``). ``发布者：张伟`` names the person who posted it."""
PUBLISHER_BODY_SUFFIXES: tuple[str, ...] = (
    "学院", "學院", "大学", "大學", "研究院", "研究所", "实验室", "實驗室", "中心", "委员会",
    "委員會", "协会", "協會", "学会", "學會", "联盟", "聯盟", "秘书处", "秘書處", "办公室",
    "辦公室", "局", "署", "厅", "廳", "部", "处", "處", "系", "公司", "集团", "集團", "政府",
    "基金会", "基金會", "新闻网", "新聞網", "报社", "報社",
)  # fmt: skip
"""How a body's name ends (``…学院``, ``…秘书处``, ``…局``), so that a publisher label's
value is read as the source only when it names one."""
DATA_SOURCE_LABELS: tuple[str, ...] = ("资料来源", "資料來源")
"""A data source's label (``NOT_ARTICLE_SOURCE_WORDS``) that a Taiwan government or
association page prints on its info line for the unit that issued the page
(``發布日期：民國113年5月2日 資料來源：數位產業署 點閱數：1,532``): read like a
publisher label, as a line of its own on a dated info line, never in the text."""
SOURCE_LABELS_COLON: tuple[str, ...] = ("来自", "來自", "Source", "SOURCE", "source")
"""Source labels read only with a colon (Discuz's ``来自: 澎湃新闻``, an English theme's
``Source: 中国青年报``): the bare words are common in sentences (``来自清华大学的团队``)."""
ORIGIN_NAME_PATTERN = r"[^\s，,。；;：:、（）()|｜丨「」《》“”\[\]【】<>]{2,16}?"
"""An outlet's name in an origin statement: no spaces, no punctuation, 2-16 characters."""
ORIGIN_STATEMENT_PATTERNS: tuple[str, ...] = (
    # 本文由 36氪 原创出品 / 第一财经's 此内容为第一财经原创。
    rf"(?:本文|此内容|本内容|此文)(?:由|为|為|系)\s*(?P<n>{ORIGIN_NAME_PATTERN})\s*原创",
    # 雷峰网原创文章，未经授权禁止转载: a mark on a line of its own, with its prohibition
    rf"(?:^|\n)\s*(?P<n>{ORIGIN_NAME_PATTERN})原创(?:文章|内容|稿件)[，,。]?\s*"
    r"(?:未经|未經|转载|轉載|如需|禁止)",
    rf"本文(?:来自|來自|转载自|轉載自|转自|轉自)(?:微信)?公众号\s*[:：]\s*(?P<n>{ORIGIN_NAME_PATTERN})"
    r"(?=\s|[（(，,。]|$)",  # 虎嗅's 本文来自微信公众号：腾讯科技（ID：qqtech）
    rf"本文首发(?:于|於)?\s*(?P<n>{ORIGIN_NAME_PATTERN})(?=[，,。）)]|\s)",  # 本文首发钛媒体App，
    rf"(?:^|\n)\s*(?P<n>{ORIGIN_NAME_PATTERN})[（(]公众号[:：]",  # 智东西（公众号：zhidxcom）
    rf"(?:^|\n)\s*出品\s*[|｜丨:：]\s*(?P<n>{ORIGIN_NAME_PATTERN})(?=\s|[（(，,。]|$)",
)
"""Statements naming the outlet an article comes from, read for the source when no
label gives one: an outlet's mark on its own article (``本文由极客公园原创``,
``雷峰网原创文章，未经授权禁止转载``, ``本文首发钛媒体App``), a reprint's origin
(``本文来自微信公众号：腾讯科技``), a byline block's masthead (``智东西（公众号：zhidxcom）``,
``出品 | CSDN``). The name is read as printed, without ``ORIGIN_NAME_SUFFIXES``."""
ORIGIN_TEXT_XPATH = "//body//text()[not(ancestor::script or ancestor::style)]"
"""The page's text nodes, searched for an origin statement."""
ORIGIN_NAME_SUFFIXES: tuple[str, ...] = ("App", "APP", "app", "客户端", "客戶端")
"""Words after an outlet's name that name its channel, not the outlet (``钛媒体App``)."""
ORIGIN_GENERIC_NAMES: frozenset[str] = frozenset(
    {"博主", "作者", "笔者", "筆者", "原作者", "本站", "本网", "本網", "本号", "本號",
     "网友", "網友", "用户", "用戶", "本人", "小编", "小編", "记者", "記者"}
)  # fmt: skip
"""Words an origin statement uses that name nobody (CSDN's ``本文为博主原创文章``)."""
PUBLISH_DATE_LABELS: tuple[str, ...] = (
    "发布日期",
    "發布日期",
    "發佈日期",
    "发布时间",
    "發布時間",
    "發佈時間",
    "发表时间",
    "發表時間",
    "发表于",
    "發表於",
    "发布于",
    "發布於",
    "發佈於",
    "Posted on",
    "Published on",
)
DATE_WORDS_PATTERN = r"[已于於]|发布|發布|發佈|发表|發表|IP\s*[属屬]地[:：]?\s*\w{2,3}"
"""Words a date printed alone in its element may stand with (``于 2024-07-19 10:23:41
发布``, ``发布于 2024-05-20 18:30・IP 属地北京``): not another value beside it."""
ISSUE_LINE_PATTERN = (
    r"《\s*(?P<paper>[^《》（）()\s][^《》（）()]{0,22}?)\s*》\s*[（(]?\s*"
    r"(?P<date>(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)"
    r"[\s　]*(?:第\s*)?[0-9０-９A-Za-z]{1,4}\s*版(?:\s*[：:][^（）()]{0,12})?\s*[）)]?"
)
"""A newspaper's issue line (``《人民日报》（2021年09月18日 第03版）``, ``《中国智造报》
（2021年09月18日　03版：产业观察）``, ``《经济日报》2021年9月18日第3版``): the paper and
the day of the issue that printed the article, read as its source and publish date when
the page prints no other, and at the end of the text a line of the record's, not of the
text (人民网 ends its articles so)."""
EDITION_LINE_PATTERN = (
    r"(?P<paper>[0-9A-Za-z\u4e00-\u9fff]{1,12}?(?:报道|報道|报|報|刊))[\s　]*[（(]?[\s　]*"
    r"(?P<date>(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
    r"|(?:19|20)\d{2}-\d{1,2}-\d{1,2})[\s　]*(?:第\s*)?[0-9０-９A-Za-z]{1,4}\s*版"
)
"""An e-paper's edition line, the paper's name without 《》 (``新京报 2023年05月08日
第A07版：北京新闻``, ``中国青年报（2023年06月13日　06版）``, ``法治日报　2022-11-08　第03版``),
read as an issue line (``ISSUE_LINE_PATTERN``): the paper and the day when the page
prints no other. Only at the start of a line, and not a paper that names no paper
(``EDITION_LINE_NOT_PAPERS``)."""
SOURCE_HINT_WORDS: tuple[str, ...] = ("来自", "來自", "来源", "來源", "出处", "出處")
"""Words a source classed as such may open with, without a colon (凤凰网's ``<span
class="index_source_3zWJt">来自<a>凤凰网娱乐</a></span>``): not part of the name."""
EDITION_LINE_NOT_PAPERS: frozenset[str] = frozenset(
    ("本报", "本報", "该报", "該報", "此报", "此報")
)
DATE_LABELS_COLON: tuple[str, ...] = ("Date", "DATE", "Published", "Posted", "Updated")
"""Date labels of an English theme, read only with a colon (``Source: Reuters | Date:
2025-03-12``): a label ends the value before it, and the bare words are common in text."""
UPDATE_DATE_LABELS: tuple[str, ...] = ("更新时间", "更新時間")
"""An update time is the date there is when a page prints no publish time and declares
none for machines; printed beside one (in either order), the publish time is the date."""
DATE_LABELS_SPECIFIC: tuple[str, ...] = (*PUBLISH_DATE_LABELS, *UPDATE_DATE_LABELS)
DATE_LABELS: tuple[str, ...] = (*DATE_LABELS_SPECIFIC, "时间", "時間", "日期")
"""All date labels; the generic ones are too common in text to search the page for."""
VIEW_LABELS: tuple[str, ...] = (
    "浏览次数",
    "瀏覽次數",
    "浏览",
    "瀏覽",
    "阅读",
    "閱讀",
    "点击",
    "點擊",
    "人气",
    "人氣",
    "热度",  # a count by another name: 热度 1234
    "熱度",
    "點閱",  # Taiwan's: 點閱數：1,532, 點閱次數
    "点阅",
)
VIEW_LABELS_COLON: tuple[str, ...] = ("查看", "Views", "VIEWS", "views", "Hits", "hits")
"""View labels read only with a colon (Discuz's ``查看: 5632``, an English theme's
``Views: 1,208``): ``查看 3 条评论`` is a link."""
VIEW_LABEL_SUFFIXES: tuple[str, ...] = ("次数", "次數", "人次", "数", "數", "量")
"""Optional words between a view label and its number (``点击数：12``, a Taiwanese
site's ``瀏覽人次：2,381``)."""
VIEW_UNITS: dict[str, int] = {
    "万": 10_000, "萬": 10_000, "w": 10_000, "W": 10_000,
    "千": 1_000, "k": 1_000, "K": 1_000,
}  # fmt: skip
"""Multipliers a view count may be printed with (``阅读 2.1万`` is 21000, ``阅读数：1.2k``
1200). A decimal count
without one of these is not a count the parser can read (it gives None, not a guess)."""

OTHER_COUNT_WORDS: tuple[str, ...] = ("条", "條", "评论", "評論", "赞", "讚", "回复", "回覆")
"""Words after a number that make it another count: in ``2187 次浏览 7 条评论`` the
number after the view label is the comments'."""
TOTAL_COUNT_PREFIXES: tuple[str, ...] = ("累计", "累計", "关注", "關注")
"""Words before a view label that make its count a total over many pages (an author
card's ``累计阅读 1021万``) or another count (新浪博客's sidebar ``关注人气：3,512``, the
blog's followers), never this article's views. Not ``总``: ``总浏览：1234`` is an
article's own count on some templates."""
SCRIPT_COUNT_WRITE_PATTERN = (
    r"(?:hits|views?|clicks?|counts?|pv)[\w-]*[\"']\s*\)\s*\.\s*(?:html|text|innerHTML|innerText)\b"
)
"""An inline script writing a view count into an element it names (迅睿CMS's
``$(".dr_show_hits_125").html(data.msg)``, ``getElementById("hits").innerHTML``): the
``0`` the page prints there is a placeholder, not a count."""
ACCOUNT_COUNT_PATTERN = r"(?:文章|作品|粉丝|粉絲|获赞|獲讚|帖子|主题|主題|积分|積分)\s*[:：]?\s*\d"
"""A count of an author's or account's articles, fans or posts (36氪's author card ``文章
486 阅读 312万``, a forum poster's ``帖子 1208 积分 3360``): a line holding one is a card
about a person, and the view count beside it is their total, not this article's."""

META_DATE_NAMES: tuple[str, ...] = (
    "article:published_time",
    "og:article:published_time",
    "pubdate",
    "publishdate",
    "publish_date",
    "apub:time",
)
"""``<meta>`` names/properties holding the publish date (``apub:time`` is Tencent's
omn pages'); read only when the info line prints none (the visible line is what the
portal's readers see, and wins)."""
JSON_LD_TYPE = "application/ld+json"
"""``<script type=…>`` of schema.org metadata; its ``datePublished`` is the next fallback."""
JSON_LD_DATE_KEYS: tuple[str, ...] = ("datePublished", "pubDate")
"""Keys of a JSON-LD object's publish time: schema.org's, and ``pubDate`` of the
cambrian context Baidu's pages (百家号, mbd.baidu.com) declare, which has no ``@type``."""
JSON_LD_ARTICLE_SUFFIXES: tuple[str, ...] = ("Article", "BlogPosting", "Report")
"""JSON-LD ``@type``s that are the article (``NewsArticle``, ``ReportageNewsArticle``): their
date wins over a ``WebPage``'s in the same block."""
JSON_LD_NOT_ARTICLES: tuple[str, ...] = (
    "WebSite", "Organization", "NewsMediaOrganization", "Person", "Brand", "Place", "Event",
)  # fmt: skip
"""JSON-LD ``@type``s whose ``datePublished`` is not the article's."""
PUBLISHED_TIME_XPATH = (
    "//time[@datetime][@itemprop='datePublished' or @pubdate]"
    "[not(ancestor::li or ancestor::aside or ancestor::nav or ancestor::footer)]"
)
"""``<time datetime>`` elements that declare themselves the publish time (schema.org
microdata, HTML5 ``pubdate``); read anywhere, after the info line's own ``<time>``."""
PUBLISHED_META_XPATH = (
    "//meta[@itemprop='datePublished'][@content]"
    "[not(ancestor::li or ancestor::aside or ancestor::nav or ancestor::footer)]"
)
"""schema.org microdata's ``<meta itemprop="datePublished" content="…">`` (知乎's columns
print only 编辑于, the last edit, and declare the publication so), read like the
``<time>`` above; not a list item's, a related article's."""
ISSUE_TEXT_XPATH = (
    "//text()[contains(., '版')][not(ancestor::a or ancestor::script"
    " or ancestor::style"
    " or ancestor::option or ancestor::textarea)]"
)
"""Text nodes that may hold a newspaper's issue or edition line (``ISSUE_LINE_PATTERN``,
``EDITION_LINE_PATTERN``): not a link's, whose issue is another article's or page's."""
HEADER_TIME_XPATH = (
    ".//time[@datetime][contains(concat(' ', normalize-space(@class), ' '), ' published ')"
    " or (contains(concat(' ', normalize-space(@class), ' '), ' entry-date ')"
    " and not(contains(concat(' ', normalize-space(@class), ' '), ' updated ')))]"
)
"""``<time>`` classed as the publish time (WordPress's ``entry-date published``), read
only beside the headline (in its parent): a related-posts widget uses the same classes
for other articles. A bare ``<time>`` elsewhere may date anything, and is not read."""

AUTHOR_LABELS: tuple[str, ...] = ("作者", "编辑", "編輯", "责任编辑", "責任編輯", "记者", "記者")
"""Labels that may follow the source on the info line and end its value."""
PROFILE_PATH_PARTS: frozenset[str] = frozenset(
    {"u", "user", "users", "people", "author", "authors", "profile", "member", "space"}
)  # fmt: skip
"""Path segments (one of a link's first two) of a person's or an account's page: a
platform's author card (简书's ``/u/7c9e…``, 知乎's ``/people/…``, 头条's ``/c/user/…``,
WordPress's ``/author/…``) names the writer, however long the name, and is no other
article's title."""

VALUE_SEPARATORS: str = "|｜丨/／·•，,；;"
"""Junk that may trail a label value on the info line (``来源:新华网 |``)."""

# --------------------------------------------------------------------------- lead
INTRO_CONTAINERS: tuple[str, ...] = (
    "div.viewbox div.intro",
    "div.intro",
    "p.intro",
    "div.summary",
    "div.article-summary",
    "div.daodu",
    "div.zhaiyao",
)
INTRO_LABELS: tuple[str, ...] = (
    "导读",
    "導讀",
    "导语",
    "導語",
    "摘要",
    "内容提要",
    "內容提要",
    "核心提示",
)
"""Labels of an article's lead (``导读：``, 中国网 and 大河网's ``核心提示：``, 汽车 and
房产 portals' ``导语：``), in a box of its own or opening the text."""

META_DESCRIPTION_NAMES: tuple[str, ...] = ("description", "og:description")
META_KEYWORDS_NAMES: tuple[str, ...] = ("keywords",)

# --------------------------------------------------------------------------- body
BODY_CONTAINERS: tuple[str, ...] = (
    "div#mainDiv",
    # WordPress's post body, inside its page-wide div#content and its <article>.
    "div.entry-content",
    "div.content",
    "div#content",
    "div.article-content",
    "div.article_content",
    "td#article_content",  # Discuz! portal articles
    "div.arc-content",
    "div.art_content",
    "div.news_content",
    "div.TRS_Editor",
    "article",
    "div.text",
)
"""Known body containers, most specific first. When none holds enough Chinese text the
extractor falls back to text density (the element whose paragraphs hold most Han)."""

DENSITY_PARAGRAPHS_XPATH = "//body//p"
"""Paragraphs whose Han text scores their parent in the text-density fallback."""
DENSITY_BR_PARENTS_XPATH = "//body//*[br]"
"""Elements holding ``<br>``-separated text, scored by their own text."""
DENSITY_LINE_BLOCKS_XPATH = (
    "//body//*[self::div or self::section][not(br) and not("
    ".//div or .//section or .//p or .//table or .//ul or .//ol or .//article)]"
)
"""Innermost ``<div>``/``<section>`` blocks: the lines of a rich-text editor that writes
no ``<p>`` (Discuz!, WeChat), scored to their parent like paragraphs, by their text
outside links (a sidebar of link lines is not body text)."""

SECTION_MARKER_PATTERN = r"^[0-9０-９]{1,2}$"
"""A paragraph, bold line or heading that is only this is a section marker (``01``)."""
SECTION_MARKER_MAX_CHARS = 2
"""The longest paragraph ``SECTION_MARKER_PATTERN`` can match; longer ones skip the regex."""
TITLED_MARKER_PATTERN = (
    r"^(?P<n>[0-9０-９]{1,2})\s*[|｜丨/／]\s*(?P<t>[^|｜丨/／]*[\u4e00-\u9fffA-Za-z][^|｜丨/／]*)$"
)
"""A marker and its section's title in one line (36氪's ``<h2>01 | 订单排队，产能跟不上</h2>``):
the section's heading is ``01 订单排队，产能跟不上``, as for a title printed in the marker's
own box. The title holds a letter or a Han character (``2 / 3`` is a counter), is at most
``MARKER_TITLE_MAX`` characters and ends in no sentence end."""

SKIP_TAGS: tuple[str, ...] = (
    "script",
    "style",
    "noscript",
    "iframe",
    "form",
    "nav",
    "footer",
    "aside",
    "button",
    "select",
    "input",
    "textarea",
    "object",
    "embed",
    "video",
    "audio",
    "canvas",
)
"""Elements whose whole subtree never holds body text (a player's or canvas's fallback
text, ``您的浏览器不支持 video 标签。``, included)."""

CONTROL_TAGS: tuple[str, ...] = ("input", "button", "select", "textarea")
CONTROL_WRAPPERS: frozenset[str] = frozenset(("label", "span", "i", "b", "em", "strong", "a"))
CONTROL_BAR_TEXT_MAX = 40
"""A form control in the body marks its block as a widget (``walk.control_bars``): the
nearest block above it (past inline wrappers such as its ``<label>``) holding at most
``CONTROL_BAR_TEXT_MAX`` characters of text leaves the text with it."""
BUTTON_ROLES: frozenset[str] = frozenset(("button",))
STAND_IN_ATTRS: tuple[str, ...] = ("placeholder", "fallback")
"""Elements that say they are buttons (an AMP player's ``<div role="button">点击加载视频``,
a fold's ``<span role="button">展开全文``) are controls like ``<button>``: their label
leaves. One holding a picture keeps it. AMP's ``placeholder`` and ``fallback`` children
stand in for an element until it loads or where it cannot (a video's poster
``<amp-img placeholder>``, ``您的浏览器不支持``) and leave whatever they hold."""
WIDGET_BOX_TEXT_MAX = 80
"""The most text of the box a widget's bar leaves with (``walk.widget_box``): a poll's
question and its options, a subscribe box's heading and one line of pitch."""
WIDGET_BOX_KEEPS: tuple[str, ...] = ("img", "picture", "video", "table", "figure")
"""What the box around a widget's bar never holds: the box stops below them."""
WIDGET_COUNTS_PATTERN = r"[\s\d,.()（）\[\]【】|｜/／:：·+万萬票人次]*"
"""What a bar of script buttons holds beside them: counts and separators
(``支持 1208 | 反对 1764``, ``(326)``)."""

HIDDEN_INLINE_TAGS: tuple[str, ...] = (
    "span", "font", "em", "i", "b", "strong", "small", "u", "s", "a", "code",
)  # fmt: skip
PERMALINK_SIGNS: frozenset[str] = frozenset(
    ("#", "＃", "¶", "§", "🔗", "↩", "↩\ufe0e", "↩\ufe0f", "↑", "^", "⤴")
)
"""The whole text of a link to a place on the page that is a sign, not words
(``walk._permalink``): a heading's link to itself (``#``, ``¶``) and a footnote's or a
reference's link back to where it is cited (kramdown's and markdown-it's ``↩``, Zhihu's
``^``)."""

HIDDEN_STYLE_PATTERN = r"display\s*:\s*none|visibility\s*:\s*hidden"
"""Inline elements hidden by their own style inside the body: DedeCMS's anti-scraping
option scatters ``<span style="display:none">ailab.cn版权所有</span>`` through the text.
Only inline elements with short text (``HIDDEN_TEXT_MAX``) are skipped; a hidden block may
be the rest of the article that a "展开全文" button reveals, and is kept."""
HIDDEN_LINE_TAGS: tuple[str, ...] = ("p", "div")
"""Lines hidden like inline elements: DedeCMS puts its strings in a ``<div>`` or ``<p>``
as often as in a ``<span>`` or ``<font>``."""
HIDDEN_TEXT_MAX = 40
HIDDEN_SENTENCE_MARKS = "，。！？；,!?;"
HIDDEN_SENTENCE_ENDS = "。！？!?…"
"""Hidden text that opens with one of the marks or ends with one of the ends is a sentence
(the folded end of an article that a "展开全文" button reveals: ``，明年有望超过四成。``) and
is kept. Anti-scraping strings may hold a comma inside (DedeCMS's ``织梦好，好织梦``), but
neither continue a sentence nor end one."""
HIDDEN_FONT_COLORS: frozenset[str] = frozenset(("#fff", "#ffffff", "white"))
"""``<font color>`` values that hide a string on a page's white ground: DedeCMS's
anti-scraping option writes ``<font color='#FFFFFF'>内容来自dedecms</font>`` as often as a
hidden ``<span>``."""
PRIVATE_USE_PATTERN = "[\ue000-\uf8ff]"
"""Unicode's private-use area: an icon font draws its glyphs there (``<i class="iconfont"
aria-hidden="true">&#xe6a4;</i>``), and they print as empty boxes anywhere else. An
element of the body whose whole text is such characters is an icon and leaves
(``walk.icon_glyphs``). One inside a line of text stays: a GBK page's user-defined
characters decode to the same range, and the archive keeps what the page says."""
POPUP_STYLE_PATTERN = r"position\s*:\s*(?:absolute|fixed)"
"""A hidden block placed over the page by its own style is a tooltip or a popup that a
script shows on hover or click (Discuz's attachment tip: the file's name, size,
``下载次数`` and ``上传`` time), not text: folded text that a "展开全文" button reveals sits
in the text's flow."""
SENTENCE_MARKS = "，。！？；,.!?;"
SENTENCE_MIN_CHARS = 40
"""A body found by text density (no known container) holds a sentence: a paragraph with
one of these marks, or at least ``SENTENCE_MIN_CHARS`` characters long (an old page that
spaces its clauses). A directory of names and booth numbers, a grid of product cards,
has none: it is no article, however much text its lines add up to."""


AD_CLASS_PATTERN = (
    r"^(?:ads?|advert\w*|guanggao\w*|gg)(?:$|[-_])|[-_](?:ads?|advert\w*|guanggao)$"
    r"|^a_(?:pt|pb|pr|fl|fr|cn|mu)$"  # Discuz's ad slots: <div class="a_pt"> in a post
)
"""A ``class``/``id`` token of an advertisement box (``ad``, ``ad-inner``, ``ads_box``,
``advertisement``, ``guanggao``, ``top-ad``, Discuz's slots ``a_pt``, ``a_pb``, ``a_fl``),
skipped with its subtree. A whole token or a dash/underscore-separated part, never a
bare substring: ``header``, ``loading``, ``shadow`` and ``download`` contain ``ad``."""
FORMULA_IMAGE_PATTERN = r"(?:^|[^a-z])(?:math|formula|latex|equation|tex)(?:[^a-z]|$)"
"""A word in an image's ``class``, ``data-type`` or ``src`` (lower-cased) that makes it a
formula: inside a line of text, the line goes on past it (``text`` is not ``context``)."""
AD_IMAGE_ALTS: tuple[str, ...] = (
    "广告", "廣告", "ad", "AD", "advertisement", "二维码", "二維碼", "微信二维码", "微信二維碼",
)  # fmt: skip
"""An image with this ``alt`` is an advertisement or the site's QR code (a follow prompt
under the article), not an article image."""
AD_IMAGE_PATH_PATTERN = r"/(?:uploads/)?(?:ads?|advert\w*|guanggao)/"
"""An image whose URL path has such a directory (``/ad/``, ``/uploads/ad/``) is an ad.
Not a file named ``qrcode``: on a sponsor page the code is the content (a follow
prompt's code is known by its prompt, ``QR_PROMPT_PATTERN``)."""

BOILERPLATE_CLASSES: tuple[str, ...] = (
    "zanzhu",
    "tags",
    "xgread",
    "tuijian",
    "hot",
    "footer",
    "header",
    "nav",
    "share",
    "bdsharebuttonbox",
    "pages",
    "pagelist",
    "dede_pages",
    "pagebreak",
    "context",
    "prenext",
    "comment",
    "copyright",
    # WordPress (Jetpack) share buttons and related posts, inside the post body.
    "sharedaddy",
    "jp-relatedposts",
    # WordPress's default theme (Kubrick, 2005-2010) and its many children: the line under
    # a post with its date, category, comment feed (订阅本文的评论) and trackback links,
    # and the comments after it (h3#comments, ol.commentlist).
    "postmetadata",
    "comments",
    "commentlist",
    # a comment area under the text by its usual names: WordPress's div.comments-area,
    # a platform's ul.comment-list, Toutiao's div.ttp-comment-wrapper
    "comments-area",
    "comment-list",
    "comment_list",
    "comment-wrapper",
    "ttp-comment-wrapper",
)
"""``class``/``id`` tokens of widgets inside or around the body, skipped with their subtree."""

LINE_NUMBER_CLASSES: frozenset[str] = frozenset(
    (
        "gutter",  # Hexo's highlight table
        "rouge-gutter",  # Jekyll's rouge
        "lineno",
        "linenos",  # Pygments (Sphinx, MkDocs)
        "linenodiv",
        "pre-numbering",  # CSDN
        "line-numbers-wrapper",  # VuePress
        "line-number",
        "line-numbers-rows",  # Prism's plugin
        "hljs-ln-numbers",  # highlight.js's plugin
    )
)
"""``class`` tokens of a code block's line numbers, printed beside or after the code:
skipped when they hold nothing but digits (``walk.line_numbers``), so that ``1 2 3``
never joins the code or stands as a paragraph. Not ``linenums``: prettify's ``<ol
class="linenums">`` holds the code's own lines, numbered by the list."""
CODE_COPY_TEXTS: frozenset[str] = frozenset(
    {"复制代码", "复制", "複製", "複製程式碼", "複製代碼", "一键复制", "已复制", "复制成功",
     "Copy", "Copy code", "copy", "Copied", "Copied!"}
)  # fmt: skip
"""The whole text of a code block's copy button, printed as a ``<span>`` inside the
``<pre>`` (掘金's ``<span class="copy-code-btn">复制代码</span>``) or beside it in the
block's wrapper: the page's control, never part of the code (``walk.code_buttons``)."""

BODY_STOP_MARKERS: tuple[str, ...] = (
    "相关热词",
    "相關熱詞",
    "相关内容",
    "相關內容",
    "相关文章",
    "相關文章",
    "相关阅读",
    "相關閱讀",
    "相关新闻",
    "相關新聞",
    "网友评论",
    "網友評論",
    "热门评论",
    "熱門評論",
    "最新评论",
    "最新評論",
    "精彩评论",
    "精彩評論",
    "全部评论",
    "全部評論",
    "读者评论",
    "讀者評論",
    "发表评论",
    "發表評論",
    "AiLab云推荐",
    "AiLab云推薦",
    "AiLab雲推薦",
    "热门栏目",
    "熱門欄目",
    "热门排行",
    "熱門排行",
    "热门推荐",
    "熱門推薦",
    "热点推荐",
    "熱點推薦",
    "编辑推荐",
    "編輯推薦",
    "Copyright",
    "版权所有",
    "版權所有",
    "上一篇",
    "下一篇",
    "上一條",
    "下一條",
    "上一条",
    "下一条",
    "往期推荐",
    "往期推薦",
)
"""A widget line starting with one of these ends the article text: what follows is
widgets. Only a widget line: the word alone, or followed by a separator, a digit, a
link or the site's name (``相关文章：``, ``上一篇 <a>…</a>``, ``Copyright © 2024``,
``版权所有 人工智能实验室``). A sentence or a subheading that opens with the word
(``Copyright Office在报告中指出…``, ``上一篇论文的遗留问题``, ``Copyright and training
data``) is article text."""
END_MARKS: tuple[str, ...] = (
    "END", "THE END", "完", "（完）", "(完)", "【完】", "[完]",
    "本文完", "（本文完）", "(本文完)", "全文完", "（全文完）", "(全文完)",
)  # fmt: skip
"""A line that is only one of these (``- END -``, ``—END—``) ends the article text: a
WeChat repost's end mark, with its follow prompts and past articles after it."""
END_MARK_DASHES = " -—–－·•©."
"""What may stand around an end mark on its line (``- END -``, ``—END—``, 机器之心's
``© THE END``, 甲子光年's ``END.``)."""
BODY_STOP_SEPARATORS = ":：©®@|｜(（[【】》《〈<>»›→-—–·•/,，"
"""What may follow a stop marker on a widget line (after optional spaces), digits aside."""
BODY_STOP_REST_WORDS: tuple[str, ...] = (
    "没有了",
    "沒有了",
    "暂无",
    "暫無",
    "推荐",
    "推薦",
    "列表",
    "违者必究",
    "違者必究",
    "翻印必究",
    "侵权必究",
    "侵權必究",
    "翻版必究",
    "盗版必究",
    "盜版必究",
    "转载必究",
    "轉載必究",
    "无",
    "無",
)
"""The whole rest of a line after a stop marker that makes it a widget (``下一篇 没有了``,
``相关文章推荐``, ``版权所有 违者必究``); ``All rights reserved`` after ``Copyright`` too."""
BODY_STOP_REST_OPENERS: tuple[str, ...] = ("已经是", "已經是")
"""What a widget's ``上一篇`` says when there is none (``上一篇 已经是第一篇``)."""
BODY_STOP_NOUNS: tuple[str, ...] = ("文章", "新闻", "新聞", "资讯", "資訊", "内容", "內容")
"""Words that may follow ``上一篇``/``下一篇`` before the widget's content
(``上一篇文章 <a>…</a>``, ``下一篇文章 没有了``)."""
BODY_STOP_INTRODUCERS: tuple[str, ...] = ("如下", "如次")
"""What makes a stop word's line an introduction to the article's own text
(``相关内容如下：``), not a widget."""
COPYRIGHT_MARKERS: tuple[str, ...] = ("版权所有", "版權所有")
COPYRIGHT_SIGNS: tuple[str, ...] = ("©", "(C)", "(c)")
"""A line opening with one of these and holding a year (``© 2024 人工智能实验室 版权所有``,
``©人工智能实验室 2004-2024``) is the page's copyright footer and ends the article text; a
photo credit (``©新华社``) holds no year and stays."""
COPYRIGHT_COMPOUNDS: tuple[str, ...] = ("人", "者", "权", "權", "的")
"""After ``版权所有`` with nothing between, these make a word of a sentence
(``版权所有人``, ``版权所有者``); anything else after it is a footer (``版权所有
北京智行科技有限公司``, ``版权所有 未经许可不得转载``)."""
END_MARKERS: tuple[str, ...] = (
    "（完）", "(完)", "【完】", "[完]", "-完-", "—完—", "（全文完）", "END", "-END-",
)  # fmt: skip
"""An article's closing mark: not text that puts a line above it in the middle."""
INLINE_BOX_HEADINGS: tuple[str, ...] = (
    "相关阅读", "相關閱讀", "相关文章", "相關文章", "相关新闻", "相關新聞", "相关内容",
    "相關內容", "相关推荐", "相關推薦", "热门推荐", "熱門推薦", "编辑推荐", "編輯推薦",
)  # fmt: skip
"""Stop markers that may head a box of links set between two paragraphs of the text
(a related-posts plugin's ``相关阅读``): such a box is dropped and the text goes on after
it, where the same heading under the last paragraph ends the text."""
BODY_STOP_HEADING_MAX = 12
"""A line this short that opens with a stop marker and is followed by a line of links is
a widget's heading (``相关文章推荐``); a subheading followed by text is not."""

READING_LIST_LABELS: tuple[str, ...] = (
    "目录",
    "目錄",
    "文章目录",
    "文章目錄",
    "推荐阅读",
    "推薦閱讀",
    "延伸阅读",
    "延伸閱讀",
    "扩展阅读",
    "擴展閱讀",
    "往期回顾",
    "往期回顧",
    "猜你喜欢",
    "猜你喜歡",
)
"""A body line that is only one of these (with an optional colon) opens a list of links
to other articles: it and the link-only lines after it are dropped, and article text
after the list is kept (unlike ``BODY_STOP_MARKERS``, which end the body)."""

BOILERPLATE_TEXTS: tuple[str, ...] = (
    "点击查看大图",
    "點擊查看大圖",
    "点击看大图",
    "點擊看大圖",
    "查看大图",
    "查看大圖",
    "查看原图",
    "查看原圖",
    "点击放大",
    "點擊放大",
    "视频加载中",
    "視頻加載中",
    "加载中",
    "載入中",
    "点击蓝字",
    "點擊藍字",
    "点击上方蓝字",
    "點擊上方藍字",
    "关注我们",
    "關注我們",
    "赞助本站",
    "贊助本站",
    "展开",
    "展開",
    "分享到",
    "分享：",
    "分享:",
    "返回顶部",
    "返回頂部",
    "打印本页",
    "打印本頁",
    "【字体：",
    "【字體：",
    "【打印本页】",
    "【打印本頁】",
    "【关闭窗口】",
    "【關閉窗口】",
    "关闭窗口",
    "關閉窗口",
    "打印此文",
    "【打印此文】",
    "分享至",
    "余下全文",
    "餘下全文",
    # a video player's fallback: 您的浏览器不支持视频播放，请更换浏览器后重试
    "您的浏览器不支持",
    "您的瀏覽器不支持",
    "HotCates",
    "上一张",
    "上一張",
    "下一张",
    "下一張",
    "上一幅",
    "下一幅",
    "自动播放",
    "自動播放",
    # an event page's call-to-action buttons
    "立即报名",
    "立即報名",
    "我要报名",
    "我要報名",
    "立即预约",
    "立即預約",
    "我要参展",
    "我要參展",
    "我要参观",
    "我要參觀",
    # 百家号's link under the text, pasted along with a reprint
    "举报/反馈",
    "舉報/反饋",
)
"""A line starting with one of these is dropped (a link or widget label) when the word is
followed by a colon (``分享到：微信 微博 …``) or the line is at most ``BOILERPLATE_TEXT_MAX``
characters (``展开全文``, ``返回顶部``), and it has no sentence end: ``展开来看，…。`` and
``展开式神经网络的新进展`` are text."""
BOILERPLATE_TEXT_MAX = 8
BOILERPLATE_WORD_MAX = 6
"""A widget label's rest made of words no longer than this (``分享到微信 微博 QQ``) is
the widget's list of targets."""
BOILERPLATE_REST_OPENERS: tuple[str, ...] = (
    "剩余", "剩餘", "全文", "阅读全文", "閱讀全文", "视频", "視頻",
)  # fmt: skip
"""What follows a widget label in a folded article's button (``展开剩余85%内容``) or a
player's fallback (``您的浏览器不支持视频播放，…``)."""
BOILERPLATE_WAIT_WORDS: frozenset[str] = frozenset(
    ("请稍候", "請稍候", "请稍等", "請稍等", "请耐心等待", "請耐心等待")
)
"""A widget label followed only by a request to wait (``视频加载中，请稍候……``) is a
player's loading notice, though it ends like a sentence."""
EDITOR_NOTE_LABELS: tuple[str, ...] = ("编者按", "編者按", "编者的话", "編者的話")
"""An editor's note above the article: not its text when judging the top of the body."""
FRONT_LINE_MAX = 30
"""A line this short without a sentence end (a byline, a subtitle, ``作者：李四``) does not
make the body's top or end: a label line above or below it is still at the edge."""
CREDIT_LINE_PATTERN = (
    r"^(?:(?:记者|記者|通讯员|通訊員)\s*[^\s，。、：:]{1,6}(?:\s+[^\s，。、：:]{1,6})?\s*(?:摄|攝)"
    r"|(?:摄影|攝影)[:：]\s*[^\s，。、]{1,12}"
    r"|[^\s，。、：:]{1,8}(?:\s+[^\s，。、：:]{1,8})?\s*(?<![拍])(?:摄|攝)"
    r"|[图圖][/／]\S{1,20}|\S{1,20}供[图圖])$"
)
"""A photo credit on a line of its own (``记者 张三 摄``, ``摄影：张三``, ``图/新华社``,
``企业供图``): joined to the caption above it. Not a subheading: ``记者手记`` (no 摄),
``第三步：全景拍摄`` (a colon; 拍摄 is the verb)."""

SLIDE_COUNTER_PATTERN = r"\d{1,3}\s*[/／]\s*\d{1,3}"
"""A gallery's slide counter (``3/8``, ``1 / 4``), printed alone beside a slide: no text
and no caption."""

BOILERPLATE_EXACT: tuple[str, ...] = (
    "广告", "廣告", "AD", "Advertisement", "赞", "贊", "点赞", "點讚", "收藏", "分享",
    "复制", "複製", "复制代码", "複製代碼", "登录复制", "登錄複製",
    "关注", "關注", "+关注", "＋关注", "+ 关注", "+關注", "＋關注", "阅读原文", "閱讀原文",
    "纠错", "糾錯", "【纠错】", "【糾錯】", "举报", "舉報", "复制链接", "複製鏈接",
    "返回搜狐，查看更多", "返回搜狐,查看更多",
)  # fmt: skip
"""A paragraph that is exactly one of these is dropped (an ad box's label, a button, an
embedded post's ``+关注``, a WeChat card's ``阅读原文``, or the link back to its front
page that Sohu prints under every article)."""

BOILERPLATE_OPENERS: tuple[str, ...] = (
    "【",
    "文中",
    "部分图片",
    "部分圖片",
    "☆",
    "★",
    "◆",
    "◇",
    "加入",
    "[",
    "本帖",
    "温馨提示",
    "溫馨提示",
    "特别提示",
    "特別提示",
    "友情提示",
    "打开",
    "打開",
    "下载",
    "下載",
    "赞",
    "贊",
    "点赞",
    "點讚",
    "收藏",
    "分享",
    "评论",
    "評論",
    "转发",
    "轉發",
    "回复",
    "回覆",
    "文章",
    "内容",
    "內容",
    "图片",
    "圖片",
    "注：",
    "註：",
    "注:",
    "声明",
    "聲明",
    "版权",
    "版權",
    "免责",
    "免責",
    "扫描",
    "掃描",
    "扫码",
    "掃碼",
    "扫一扫",
    "掃一掃",
    "长按",
    "長按",
    "微信扫",
    "微信掃",
    "微信长按",
    "微信長按",
    "本文",
    "本站",
    "本网",
    "本網",
    "转载",
    "轉載",
    "未经",
    "未經",
    "*",
    "※",
    "著作权",
    "著作權",
    "投稿",
    "欢迎",
    "歡迎",
    "来信",
    "來信",
    "新闻线索",
    "新聞線索",
    "觉得",
    "覺得",
    "喜欢",
    "喜歡",
    "点个",
    "點個",
    "设为",
    "設為",
    "星标",
    "星標",
    "↑",
    "☝",
    "👆",
    "本内容",
    "本內容",
    "如对",
    "如對",
    "若对",
    "若對",
    "您正在使用",
    "您当前使用",
    "您當前使用",
    "您使用的",
    "您的浏览器",
    "您的瀏覽器",
    "建议",
    "建議",
    "推荐使用",
    "推薦使用",
    "为获得",
    "為獲得",
    "为了获得",
    "為了獲得",
    "市场有",
    "市場有",
    "股市有",
    "风险提示",
    "風險提示",
    "全文",
    "阅读",
    "閱讀",
    "预计",
    "預計",
    "读完",
    "讀完",
)
"""Words a reprint notice, QR-code prompt or copyright line opens with; only a paragraph
starting with one of them is tested against ``BOILERPLATE_PATTERNS`` (most paragraphs
start with none, and skip the regexes)."""

SITE_STATEMENT_OWNER = r"[^\s，。：:【】]{1,6}?"
"""The site's name before its statement's label (``新浪声明：``, ``网易声明：``)."""

QR_PROMPT_PATTERN = (
    r"^(?:微信|打开微信|打開微信)?(?:扫描|掃描|扫码|掃碼|扫一扫|掃一掃|长按|長按).{0,20}"
    r"(?:二维码|二維碼|关注|關注)"
    r"|^(?:微信|打开微信|打開微信)?(?:扫码|掃碼|扫一扫|掃一掃|长按识别|長按識別)(?:二维码|二維碼)?"
    r"[\s，,]*"
    r"(?:预约|預約|报名|報名|下载|下載|领取|領取|参观|參觀|加入|进群|進群|咨询|諮詢|购票|購票|添加|加微信"
    r"|观看|觀看|阅读|閱讀|获取|獲取)[^。！？]{0,16}$"
)
"""A QR code's prompt (``扫码关注公众号``, ``扫码预约参观``, ``微信扫一扫，添加展会顾问``):
dropped, and the image right above it with it (the code itself, not an article image).
``扫码支付已经…。`` is text."""

QR_CODE_ABOVE_PATTERN = r"^(?!.*(?:下方|下面|下图|下圖|以下|below)).*(?:二维码|二維碼)"
"""A follow prompt naming a QR code that is not below it (``扫描上方二维码关注``,
``扫描二维码关注``): the image right above the prompt leaves with it, as the code it
points to. ``扫描下方二维码`` points past an article picture above it, which stays."""

BOILERPLATE_PATTERNS: tuple[str, ...] = (
    # 声明：本文转载自… / 【免责声明】… / a site's own: 新浪声明：此消息系转载自…
    rf"^【?(?:{SITE_STATEMENT_OWNER})?(?:版权|版權|免责|免責)?(?:声明|聲明)(?:】\s*[:：]?|\s*[:：])"
    r".*(?:本文|本站|本网|本網|本平台|转载|轉載|版权|版權|侵权|侵權|观点|觀點|投资建议|投資建議"
    r"|风险自担|風險自擔)",
    # a financial site's risk warning: 市场有风险，投资需谨慎。本文不构成个人投资建议… and
    # its box's heading (a research report's own 风险提示：… is its text)
    r"^(?:市场|市場|股市)有(?:风险|風險)[，,]\s*(?:投资|投資|入市)需?(?:谨慎|謹慎)",
    r"^(?:风险提示|風險提示)(?:及|和|与|與)(?:免责|免責)(?:条款|條款|声明|聲明)$",
    QR_PROMPT_PATTERN,
    # a standing call for contributions with its address: 投稿及新闻线索：news@ailab.cn /
    # 欢迎读者来信，来信请寄：tougao@ailab.cn (a press release's contact names a person)
    r"^(?:投稿|欢迎投稿|歡迎投稿|欢迎读者来信|歡迎讀者來信|来信|來信|新闻线索|新聞線索)"
    r"[^。！？@]{0,24}[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    # a portal's sign-off pitching its app: （本文来自澎湃新闻，更多原创资讯请下载“澎湃新闻”APP）,
    # 本文来自华尔街见闻，欢迎下载APP查看更多
    r"^(?:本文|文章)(?:来自|來自)[^，,。]{1,16}[，,]\s*(?:更多[^。]{0,12}(?:请|請)?|欢迎|歡迎)"
    r"(?:下载|下載)"
    r"[^。]{0,12}(?:APP|App|app|客户端|客戶端)",
    # an old page's word on the browser: 您正在使用非IE浏览器，本页部分特效可能无法显示 /
    # 建议使用IE6.0以上版本、1024×768分辨率浏览本页 (a sentence of news on browsers names
    # neither this page nor how it shows)
    r"^(?:您正在使用|您当前使用|您當前使用|您使用的|您的(?:浏览器|瀏覽器)"
    r"|(?:本站|本网站|本網站|本页|本頁)?(?:建议|建議|推荐|推薦)(?:您)?(?:使用|采用|採用)"
    r"|为了?获得最佳|為了?獲得最佳)"
    r"(?=[^。！？]*(?:浏览器|瀏覽器|分辨率|解析度|IE\s*\d))"
    r"(?=[^。！？]*(?:本页|本頁|本站|本网|本網|浏览效果|瀏覽效果|特效|无法显示|無法顯示|正常显示"
    r"|正常顯示|浏览本|瀏覽本|(?:浏览|瀏覽)[。！]?$))"
    r"[^。！？]{0,60}[。！]?$",
    # an app's prompt in a mobile page: 打开APP，阅读更多精彩内容 / 下载客户端查看全文 /
    # 打开百度APP，查看更多精彩 / 打开北京日报客户端观看视频 (the app may be named)
    r"^(?:打开|打開|下载|下載)\s*[^\s，,。！？]{0,8}?(?:APP|App|app|客户端|客戶端)\s*[，,、]?\s*"
    r"(?:(?:阅读|閱讀|查看|看)(?:更多|全文)|(?:观看|觀看|看|播放)(?:完整)?(?:视频|視頻|直播))",
    r"^(?:打开|打開|下载|下載)\s*[^\s，,。！？]{0,8}?(?:APP|App|app|客户端|客戶端)$",
    # a paper's pitch for its app or its LINE account: ☆自由時報電子報APP，新聞隨時掌握☆ /
    # 加入數位時代LINE好友，科技新聞不漏接 (a sentence about an app ends like one)
    r"^(?:[☆★◆◇]\s*|加入|下载|下載)[^。！？]{0,16}(?:APP|App|app|LINE|Line|客户端|客戶端)(?:好友|官方帳號|官方账号)?"
    r"[，,、\s]*[^。！？]{0,12}(?:随时掌握|隨時掌握|即时掌握|即時掌握|一手掌握|不漏接|不错过|不錯過"
    r"|第一时间|第一時間|抢先看|搶先看)[^。！？]{0,8}[！!]?\s*[☆★◆◇]?$",
    # a toolbar of counted buttons: 赞 28 分享 / 点赞 12 收藏 评论 3 / 赞同 1.2 万 添加评论,
    # and an embedded post's: 转发 326 评论 1208 赞 5471
    r"^(?:(?:点赞|點讚|赞同|贊同|赞|贊|收藏|分享|添加评论|添加評論|评论|評論|举报|舉報"
    r"|喜欢|喜歡|在看|转发|轉發|回复|回覆)\s*[\d,.]*\s*[万萬kK]?\s*){2,}$",
    # a follow or like prompt: ↑ 点击蓝字 关注我们 / 设为星标，第一时间获取… / 点个“在看”吧
    r"^[↑☝👆]\s*(?:点击|點擊)",
    r"^(?:设为|設為)?(?:星标|星標)[^。！？]{0,24}$",
    r"^(?:觉得|覺得|喜欢|喜歡)?[^。！？]{0,8}(?:点个|點個)\s*[“\"「]?(?:在看|赞|贊|讚)[”\"」]?"
    r"[^。！？]{0,6}$",
    # WeChat's 在看 button is never news, so its prompt may go on: 点个“在看”，和某某一起追踪AI前沿
    r"^[^。！？]{0,8}(?:点个|點個)\s*[“\"「]?在看[”\"」]?[，,！!]?[^。！？]{0,20}[。！!~～]?$",
    # a column's copyright notice: 著作权归作者所有。商业转载请联系作者获得授权…
    r"^(?:著作权|著作權)(?:归|歸)(?:原)?作者所有",
    # a repost's: 本文来自微信公众号“硅星人”（ID：…），作者：杜晨，36氪经授权发布。
    # or labelled: 本文来自微信公众号：深科技笔记（ID：…），作者：林木，题图来自：视觉中国
    r"^(?:本文|本篇|文章)(?:来自|來自|转载自|轉載自|转自|轉自)(?:微信)?(?:公众号|公眾號)\s*[“\"「『:：]",
    r"^(?:本文|本篇|文章)(?:来自|來自|来源于|來源於|转自|轉自).{1,60}(?:经授权|經授權)"
    r"(?:转载|轉載|发布|發布|刊发|刊發|刊登)",
    # a repost's: 本文来自澎湃新闻，版权归原作者所有。 / 图片来源于网络，版权归原作者所有
    r"^(?:本文|文章|内容|內容|图片|圖片|部分图片|部分圖片).{0,30}(?:版权|版權)(?:归|歸)"
    r"(?:原)?(?:作者|媒体|媒體|出处|出處|著作权人|著作權人)(?:及原?(?:出处|出處))?所有",
    # a repost's note: *文章为作者独立观点，不代表本站立场。
    r"^[*※]?\s*(?:本文|文章|内容|內容|本内容|本內容)(?:为|為|系|係|仅为|僅為)?(?:作者)?"
    r"(?:独立观点|獨立觀點|个人观点|個人觀點)",
    # a platform's complaints line: 如对本稿件有异议或投诉，请联系tougao@huxiu.com
    r"^(?:如|若)(?:对|對)本(?:稿件|文|文章|内容|內容)(?:有|存在)(?:异议|異議|疑问|疑問|争议|爭議)",
    # a listing's standing notice: 温馨提示：展会时间如有变动，请以主办方公布为准
    # and a health site's pitch: 温馨提示：…可点击下方按钮免费咨询儿科医生。立即咨询
    r"^(?:温馨提示|溫馨提示|特别提示|特別提示|友情提示)[:：].{0,80}"
    r"(?:为准|為準|不承担|不承擔|仅供参考|僅供參考|(?:免费|免費|在线|在線|立即)(?:咨询|諮詢))",
    # a forum post's edit notice: [ 本帖最后由 某某 于 2006-8-16 09:12 编辑 ]
    r"^[\[【]?\s*本帖最后由.{1,40}编辑\s*[\]】]?$",
    # a repost's disclaimer: 本文来源于网络，如有侵权请联系删除 / 内容仅代表作者观点
    r"^(?:本文|本站|本网|本網|文章|内容|內容|(?:文中|部分)?(?:图片|圖片)|注[:：]|註[:：]).{0,60}"
    r"(?:如有侵权|如有侵權|如涉及侵权|如涉及侵權|侵删|侵刪|(?:仅|僅)代表(?:作者|个人|個人))",
    r"^(?:本文|本站|本网|本網).{0,40}(?:转载|轉載)(?:请|請)?(?:务必|務必)?(?:注明|註明|联系|聯繫)",
    r"^(?:本文|本站|本网|本網)(?:系|係|为|為|爲)?(?:转载|轉載)(?:自|於|于)",
    r"^(?:转载|轉載)(?:请|請)?(?:务必|務必)?(?:注明|註明|联系|聯繫)",
    r"^(?:未经|未經).{0,12}(?:不得|禁止|严禁|嚴禁)(?:转载|轉載)",
    # a site's own: 雷锋网原创文章，未经授权禁止转载。详情见转载须知。
    r"^[^。！？]{0,20}(?:原创|原創)[^。！？]{0,10}[，,]\s*(?:未经|未經).{0,12}"
    r"(?:不得|禁止|严禁|嚴禁)(?:转载|轉載)",
    # a sign-off: 本文由某某原创，欢迎关注… / （本文首发钛媒体App，作者｜…，编辑｜…）
    r"^(?:本文|本篇)(?:由|系|係|为|為)?.{1,20}?(?:原创|原創)(?:[，,。！!；;]|$)",
    r"^(?:本文|本篇)(?:首发|首發|首刊)(?:于|於|自)?",
    # an advertorial's mark and a disclaimer: 本文为企业宣传稿，不代表本站观点。
    r"^(?:本文|本稿|此文)(?:为|為|爲|系|係)(?:企业|企業|商业|商業)?"
    r"(?:宣传稿|宣傳稿|推广稿|推廣稿|软文|軟文|广告|廣告)",
    r"^(?:本文|文章|此文|以上内容|以上內容)[^。！？]{0,30}(?:并|並)?不代表本"
    r"(?:站|网|網|报|報|刊|平台)的?(?:观点|觀點|立场|立場)",
    # a reading-time line: 全文共4132字，阅读大约需要9分钟 / 本文约3200字，建议阅读8分钟 /
    # 阅读本文大约需要5分钟 / 全文约2000字 | 预计阅读时间 5 分钟
    r"^(?:(?:全文|本文|文章)[^。！？]{0,16}?[，,|｜\s]\s*)?(?:建议|建議|预计|預計)?"
    r"(?:阅读|閱讀|读完|讀完)[^。！？\d]{0,10}\d+(?:\.\d+)?\s*(?:分钟|分鐘|min)[。.！!]?$",
    # 本文由某某原创，作者：某某，未经授权禁止转载。
    r"^(?:本文|本站|本网|本網).{0,40}(?:未经|未經).{0,10}(?:不得|禁止|严禁|嚴禁|谢绝|謝絕)"
    r"(?:转载|轉載)",
    # the page's own address under the text: 本文地址：https://www.d1ev.com/news/…
    r"^(?:本文地址|本文链接|本文鏈接|文章地址|文章链接|文章鏈接)\s*[:：]\s*https?://\S+$",
)
"""A short paragraph (``BOILERPLATE_LINE_MAX`` characters) matching one of these is a
reprint notice, a QR-code prompt, a copyright line or a reading-time line and is dropped:
``声明：本文转载自…``, ``扫描二维码关注…``, ``本文为…原创，转载请注明出处。``,
``全文共4132字，阅读大约需要9分钟``. Each names
what makes it boilerplate (``转载``+``注明``, ``二维码``/``关注``), not just an opener:
``本网讯 近日…`` and ``声明称…`` are article text (a notice's label has a colon or
brackets). A long paragraph is article text even
when it says such words."""
BOILERPLATE_LINE_MAX = 200

# Every follow prompt holds 关注, 關注 or 在看 (``classify.is_follow_prompt`` tests them
# before the pattern).
FOLLOW_PROMPT_PATTERN = (
    # 欢迎关注，… / 👇 真诚推荐你关注 👇 / 点击关注我们 / 欢迎关注某某微信公众号（ID：…）
    r"(?:欢迎|歡迎|点击|點擊|推荐你|推薦你|记得|記得)(?:关注|關注)"
    r"(?:[，,！!。~～\s👇⬇↓]|$|我们|我們|本号|本號|公众号|公眾號)"
    r"|(?:欢迎|歡迎|点击|點擊)(?:关注|關注)[^。！？，,]{0,12}"
    r"(?:公众号|公眾號|微信号|微信號|微博|头条号|頭條號|视频号|視頻號|抖音号|抖音號)"
    # 微信搜索techsina或扫描左侧二维码关注 / 长按识别二维码关注
    r"|(?:扫描|掃描|扫码|掃碼|长按|長按|微信搜索|搜索微信)[^。！？]{0,20}(?:关注|關注)"
    # 更多精彩内容，关注某某微信号（ID：…）
    r"|^(?:更多精彩|更多资讯|更多資訊|更多内容|更多內容|更多新闻|更多新聞)[^。！？]{0,10}"
    r"(?:关注|關注)"
    # 请关注某某公众号
    r"|(?:请|請|敬请|敬請)(?:关注|關注)[^。！？]{0,12}(?:公众号|公眾號|微信|微博|头条号|頭條號)"
    # 来个「分享」「点赞」「在看」: WeChat's buttons, named in quotes
    r"|^[^，,。！？]{0,16}[「“\"]在看[」”\"][^，,。！？]{0,6}$"
)
"""A prompt to follow the site's accounts or press its buttons (``欢迎关注，…``,
``“掌”握科技鲜闻 （微信搜索techsina或扫描左侧二维码关注）``, ``更多精彩内容，关注某某微信号``),
searched in a line of at most ``FOLLOW_PROMPT_MAX`` characters with no sentence end
inside it (one at its end is allowed): dropped from the body. Each alternative names an
action on an account, so that ``请关注以下三点`` and ``更多企业开始关注人形机器人。`` stay."""
FOLLOW_PROMPT_MAX = 60
ACCOUNT_CARD_PATTERN = (
    r"^[^\s，。！？：:]{1,12}"
    r"(?:微信公众号|微信公眾號|公众号|公眾號|官方微信|微信号|微信號|视频号|視頻號)$"
)
"""The title of an account's card (``新浪科技公众号``) over a follow prompt or a QR code:
dropped with the card, and only there (a subheading may name a 公众号)."""
ACCOUNT_CARD_MAX = 18
SITE_STATEMENT_HEAD = 9
"""Characters at the start of a line searched for a statement's label (``新浪声明：``)."""
SITE_STATEMENT_WORDS: tuple[str, ...] = ("声明", "聲明", "原创", "原創")
"""What a site's statement names near its start, after the site's name."""

_PAGE_NUMBER = r"(?:\d+|[一二三四五六七八九十]+)"
PAGINATION_MOVE_PATTERN = r"上一?[页頁]|下一?[页頁]|首[页頁]|尾[页頁]|末[页頁]"
PAGINATION_PLACE_PATTERN = rf"[第共]\s*{_PAGE_NUMBER}\s*[页頁]"
PAGINATION_PATTERN = (
    r"^(?:[\s\[\]【】()（）|｜:：/／,，.…<>«»\d-]"
    rf"|{PAGINATION_PLACE_PATTERN}|{PAGINATION_MOVE_PATTERN})+$"
)
"""A line made only of page links and counts (``第1页 共3页``, ``[1] [2] [3] 下一页``,
``上一页 1 2 下一页``, ``第一页 第二页 下一页``): a long article's pager printed as text,
not in a pager box (``BOILERPLATE_CLASSES``). It is dropped when it holds a move
(``PAGINATION_MOVE_PATTERN``) or two places (``第1页 共3页``): a table of contents' cell
``第3页`` and a report's ``共86页`` are data, and a line of numbers is what it is. Each
alternative takes one character or one whole page word, so a long line of digits that
is no pager fails in linear time (a repeated run of digits inside the repetition would
backtrack exponentially)."""
PAGINATION_LINE_MAX = 80
PAGINATION_OPENERS: tuple[str, ...] = (
    "第",
    "共",
    "上",
    "下",
    "首",
    "尾",
    "末",
    "[",
    "【",
    "<",
    "«",
)
"""What a pager printed as text opens with, besides a digit."""

SOURCE_LINE_PREFIXES: tuple[str, ...] = ("文章", "本文", "稿件", "信息", "新闻", "新聞")
"""Words that may open a source line in the body (``文章来源：证券时报``,
``本文来源：第一财经，作者：李娜``): captured like ``来源：`` lines and fed to ``source``.
Outside the body and the info line too (a theme's footer under the article), when no info
line names the source; ``数据来源``, ``图片来源`` are a chart's or a photo's."""

ORIGINAL_TITLE_LABELS: tuple[str, ...] = (
    "原标题", "原標題", "原題", "原题", "原题为", "原題為", "原题是", "原題是",
)  # fmt: skip
"""Labels of the line naming a reprint's original headline, also in brackets at the
end of the text (``（原题为：工业机器人需求升温）``)."""

LINE_OPENERS: tuple[str, ...] = ("(", "（", "[", "【", "【纠错】", "【糾錯】")
"""Brackets a staff line may open with: ``（编辑：张三）``, and 新华网's correction button
before it, ``【纠错】 【责任编辑:王楠】``."""

EDITOR_LABELS: tuple[str, ...] = (
    "责任编辑",
    "責任編輯",
    "编辑",
    "編輯",
    "校对",
    "校對",
    "供稿单位",
    "供稿單位",
    "供稿",
    "审核",
    "審核",
    "编审",
    "編審",
    "责编",
    "責編",
    "实习编辑",
    "實習編輯",
    "值班编辑",
    "值班編輯",
)
"""Staff lines (``责任编辑：张三``, 39健康网's ``（实习编辑：王晓）``): dropped from the body
wherever they occur."""
TRAILER_LABELS: tuple[str, ...] = (
    "作者", "摄影", "攝影", "通讯员", "通訊員", "文字", "图片", "译者", "譯者",
    "文字整理", "整理", "策划", "策劃", "统筹", "統籌", "监制", "監製",
)  # fmt: skip
"""Staff lines that are dropped only in the block of staff lines ending the text
(``作者：陈思远 / 摄影：刘畅 / 审核：王磊``): elsewhere ``摄影：张三`` credits the photo
above it, and ``作者：`` may head the text."""

# --------------------------------------------------------------------------- images
IMAGE_SRC_ATTRS: tuple[str, ...] = (
    "data-original",
    "data-original-src",  # 简书's, with no src at all
    "data-src",
    "data-lazy-src",
    "data-echo",
    "data-lazyload",
    "data-actualsrc",
    "original",
    "file",
    "src",
)
"""Where an ``<img>`` keeps its URL; lazy-loading attributes (lazyload, echo.js,
WordPress lazy-load plugins, Zhihu-style ``data-actualsrc``) win over a placeholder src."""
IMAGE_TAGS: tuple[str, ...] = ("img", "amp-img", "mip-img")
"""Elements that are an image in the body (an AMP page's ``<amp-img>`` and a MIP page's,
Baidu's mobile pages, ``<mip-img>`` have a ``src``)."""
CAPTION_OPENERS: tuple[str, ...] = (
    "图为", "圖為", "圖爲", "上图为", "上圖為", "上圖爲", "上图中", "上圖中", "上图：", "上圖：",
    "图：", "圖：",
)  # fmt: skip
"""Words a caption opens with (``图为无人机正在配送外卖。``): the line right after an image
that opens with one of them is its caption even as a plain sentence. Both traditional
forms of 为 (為, and OpenCC's 爲), so that the two scripts of a page read alike and hash
alike. Not 下图: a sentence under an image that says "the figure below" is about the
next one; and 上图 only as 上图为/上图中/上图：, since 上图 is also Shanghai Library
(上图东馆) and begins 上图书馆."""
FIGURE_LABEL_PATTERN = r"^(?:图|圖|Figure|Fig\.?)\s*\d{1,3}(?:[-.]\d{1,2})?(?:\s|[:：.．、])"
"""A numbered figure's caption (``图2 生成的蛋白质骨架示例``, ``Fig. 3: …``): the line right
after an image opening so is its caption. ``图2所示…`` (no space or colon after the
number) is a sentence about the figure."""

CAPTION_CLASS_HINTS: tuple[str, ...] = (
    "cap",
    "pic",
    "note",
    "photo",
    "img",
    "image",
    "figure",
    "tuzhu",
)
"""Substrings of a ``class``/``id`` that mark a caption paragraph."""

CENTERED_STYLE_PATTERN = r"text-align\s*:\s*center"
"""Inline style of a centered paragraph (captions are centered on this portal)."""

CENTERED_CLASSES: frozenset[str] = frozenset(
    (
        "ql-align-center",  # Quill
        "has-text-align-center",  # WordPress blocks
        "aligncenter",  # WordPress classic editor
        "text-center",  # Bootstrap and its kin
        "align-center",
        "txt-center",
        "text_center",
        "tc",  # the short utility class of many Chinese templates
    )
)
"""Classes an editor or a CSS framework centers a paragraph with, in place of a style."""

SENTENCE_ENDS: tuple[str, ...] = tuple("。！？!?…；;")
"""A paragraph ending in one of these reads as a sentence, not as a bare caption."""

CREDIT_WORDS: tuple[str, ...] = ("摄", "攝", "供图", "供圖")
"""Words that end a photo credit (``记者 龙帆 摄``, ``新华社供图``)."""

CREDIT_PREFIXES: tuple[str, ...] = (
    "图片来源",
    "圖片來源",
    "图源",
    "圖源",
    "摄影",
    "攝影",
    "图/",
    "圖/",
    "图／",
    "圖／",
)
"""Words that open a photo credit (``图/新华社``, ``图片来源：网络``)."""

# --------------------------------------------------------------------------- keywords, related
META_XPATH = "descendant::meta[@content]"
"""From the root element: ``//`` starts a second walk from the document node, twice the cost."""

KEYWORD_SEPARATORS_PATTERN = r"[\s,，、;；|]+"
KEYWORD_LINK_SEPARATORS_PATTERN = r"\s*[,，、;；|]+\s*"
"""Inside one keyword link: punctuation separates keywords (a link reading ``重庆;瞭望``
is two), a space does not (``machine learning`` is one tag)."""

KEYWORD_CONTAINERS: tuple[str, ...] = ("div.tags", "div.keywords", "p.tags")
KEYWORD_LABELS: tuple[str, ...] = (
    "文章关键词",
    "文章關鍵詞",
    "本文关键词",
    "本文關鍵詞",
    "文章标签",
    "文章標籤",
    "相关热词",
    "相關熱詞",
    "关键词",
    "關鍵詞",
    "关键字",
    "關鍵字",
    "标签",
    "標籤",
    "Tags",
    "TAG",
)
RELATED_CONTAINERS: tuple[str, ...] = ("div.xgread", "div.related", "div.xiangguan")
RELATED_LABELS: tuple[str, ...] = (
    "相关内容",
    "相關內容",
    "相关文章",
    "相關文章",
    "相关阅读",
    "相關閱讀",
    "相关新闻",
    "相關新聞",
)
MORE_LINK_TEXTS: tuple[str, ...] = ("更多", "更多>>", "more", "More", "MORE")

# --------------------------------------------------------------------------- view counter
COUNTER_SCRIPT_SRC = "count.php"
"""DedeCMS view counter: a ``<script>`` whose ``src`` contains this,
``<script src="/plus/count.php?view=yes&aid=N&mid=1">``."""
COUNTER_ID_PARAM = "aid="

# --------------------------------------------------------------------------- script dates
SCRIPT_DATE_MARK = "createTime"
SCRIPT_DATE_PATTERN = r"""\bvar\s+createTime\s*=\s*['"](?P<v>[^'"]{8,25})['"]"""
"""WeChat's publish time, which an article page (mp.weixin.qq.com, and a mirror copying
its page) sets in an inline script, ``var createTime = '2024-07-06 13:23';``, for its
script to print into the empty ``<em id="publish_time">``: a date declared for machines,
read as local time. Only the ``var`` assignment: a feed's JSON in a script carries other
articles' times. ``SCRIPT_DATE_MARK`` is the cheap test before the pattern."""

# --------------------------------------------------------------------------- non-articles
NOT_FOUND_MARKERS: tuple[str, ...] = (
    "系统提示",
    "系統提示",
    "提示信息",
    "文档不存在",
    "文檔不存在",
    "页面不存在",
    "頁面不存在",
    "文章不存在",
    "不存在或已被删除",
    "不存在或已被刪除",
    "找不到页面",
    "找不到頁面",
    "找不到您要的页面",
    "找不到您要的頁面",
    "页面走丢了",
    "頁面走丟了",
    "Document not exists",
    "404 Not Found",
    "Page Not Found",
    "提示：文章已删除",
    "提示:文章已删除",
    "提示：文章已刪除",
    "提示:文章已刪除",
    "您访问的文章已被删除",
    "您訪問的文章已被刪除",
    "已被删除或暂时无法访问",
    "已被刪除或暫時無法訪問",
)
"""Texts of the DedeCMS ``ShowMsg`` notice and of generic 404 pages, and the portal's
deleted-article notice served with status 200 (``<title>提示：文章已删除_…``,
``抱歉，您访问的文章已被删除或暂时无法访问！``) and soft 404 pages (``您要找的页面走丢了``).
A marker in ``<title>`` or in the headline is trusted on any page; in the body only on a
short page (``extract.patterns.NOTICE_MAX_TEXT``). The notice's own phrases, not a bare
``已被删除`` or ``走丢了``: a news flash may report that an article was deleted, or a
robot dog lost."""

TAKEDOWN_MARKERS: tuple[str, ...] = (
    "已被屏蔽", "因违反相关规定", "因違反相關規定", "违反相关法律法规", "違反相關法律法規",
    "该内容已被删除", "該內容已被刪除", "该文章已被删除", "該文章已被刪除",
    "已被作者删除", "已被作者刪除", "已被发布者删除", "已被發布者刪除", "内容已下线", "內容已下線",
    "暂时无法查看", "暫時無法查看", "无法查看此内容", "無法查看此內容",
)  # fmt: skip
"""A takedown notice standing in for an article's text (``该内容因违反相关规定已被屏蔽``).
Like ``NOT_FOUND_MARKERS`` in the body, trusted only when the notice is all the text
there is (``extract.patterns.NOTICE_BODY_MAX``): a report on takedowns quotes them."""
TEASER_PATTERN = (
    r"(?<!展开)(?<!展開)(?:剩余|剩餘|还剩|還剩|余下|餘下)\s*\d{1,2}(?:\.\d+)?\s*[%％]\s*"
    r"(?:的)?(?:内容|內容|未读|未讀|正文)"
    # a login wall: 您需要登录后才能查看全文, 登录并开通会员后即可阅读全文
    r"|(?:登录|登錄|开通会员|開通會員)\S{0,6}?(?:才能|才可|即可|方可|可)?(?:查看|阅读|閱讀)"
    r"(?:全文|完整内容|完整內容|完整文章)"
)
"""A teaser's note that the rest of the article is not on the page (``剩余85%内容，打开APP
继续阅读``, a members' wall's ``剩余 96% 内容，登录并开通会员后即可阅读全文``, a login
wall's ``您需要登录后才能查看全文`` with no share of the rest named). Trusted only
when the text found is short (``TEASER_MAX_TEXT`` characters): the page holds the
article's opening lines alone, and is no article until the whole text is served. A share
page that holds the whole text under an ``打开APP阅读全文`` button names no share, and a
fold button (``展开剩余85%内容``) unfolds a rest that is on the page."""
TEASER_MAX_TEXT = 400
UNAVAILABLE_TITLE_OPENERS: tuple[str, ...] = (
    "安全验证", "安全驗證", "访问验证", "訪問驗證", "人机验证", "人機驗證",
    "访问过于频繁", "訪問過於頻繁", "请求过于频繁", "請求過於頻繁", "访问频率过高",
    "訪問頻率過高", "访问受限", "訪問受限", "访问被拒绝", "訪問被拒絕", "访问被拦截",
    "訪問被攔截", "网站维护", "網站維護", "系统维护", "系統維護", "网站升级", "網站升級",
    "系统升级", "系統升級", "维护中", "維護中", "暂停访问", "暫停訪問", "服务暂不可用",
    "服務暫不可用", "Access Denied", "Access denied", "Too Many Requests", "Just a moment",
    "Attention Required", "Service Unavailable", "Site Maintenance", "Under Maintenance",
)  # fmt: skip
"""A page whose ``<title>`` or headline opens with one of these is the site (or a firewall
in front of it) refusing or pausing service, answered with status 200: a captcha, a rate
limit, a maintenance page. It is not the article, and not a lasting finding: the URL is
asked again at the next crawl. Only at the title's start: ``AI助力电网系统维护`` is news."""

# --------------------------------------------------------------------------- listings
LISTING_LINKS: tuple[str, ...] = (
    "ul.list_jc > li > a",
    "div.listl.list2 > ul > li h3 > a",
)
"""Article links on the home page and on channel pages."""

PAGE_LINKS_XPATH = (
    "descendant::a[@href][contains(translate(., '0123456789頁', '页页页页页页页页页页页'), '页')]"
)
"""Links that may lead to a further page of a long article: those whose text holds a
digit or 页 (``2``, ``第2页``, ``下一页``), where ``article_pages`` looks for them. Any
link on the page, not a pager box: the pager's markup differs from CMS to CMS, and the
URL (``NEWSARCHIVE_ARTICLE_PAGE_URL``) and the whole link text decide. Evaluated from
the root element, ``descendant::`` walks the tree once."""

GENERIC_LIST_LINKS_XPATH = "//body//li//a[@href]"
"""Links in list items: many of them and no body means a listing of an unknown template."""

SIDEBAR_CLASS_PARTS: frozenset[str] = frozenset(
    {"side", "sidebar", "aside", "hot", "rank", "ranking", "tuijian", "recommend"}
)
"""``class``/``id`` tokens, or their parts between ``-`` and ``_`` (``g-side``,
``side-box``), of a listing page's sidebar: known list containers found only there are
not the page's list."""
HOME_LISTING_ITEMS = "ul.list_jc > li"
CHANNEL_LISTING_ITEMS = "div.listl.list2 > ul > li"
CHANNEL_ITEM_LINK = "h3 > a"
CHANNEL_ITEM_DATE = "span"

NEXT_PAGE_TEXTS: tuple[str, ...] = (
    "下一页", "下一頁", "下页", "下頁", "后页", "後頁", "下一页面",
    "Next", "Next page", "Older posts", "Older entries",
)  # fmt: skip
"""What a listing's next-page link says (``newsarchive.pager``), compared without
arrows, brackets, spaces or case: ``下一页>>``, ``[下一页]``, ``Next »`` are these."""
NEXT_PAGE_ARROWS: tuple[str, ...] = ("›", ">", "→", "〉", "▶", "▸", "&gt;")
LAST_PAGE_ARROWS: tuple[str, ...] = ("»", ">>", "》", "&gt;&gt;")
"""An arrow alone beside page-number links is the next page; where a pager draws both,
the double one is the last page, so a single arrow is taken first."""
NEXT_PAGE_CLASSES: frozenset[str] = frozenset({"next", "nextpage", "next-page", "pagenext"})
"""``class`` tokens, or parts of one between ``-`` and ``_`` (``pg-next``, ``pager_next``),
of a next-page link (or its ``<li>``) drawn as an arrow or an icon."""
CURRENT_PAGE_CLASSES: frozenset[str] = frozenset(
    {"cur", "current", "active", "on", "thisclass", "selected", "now", "curr"}
)
"""``class`` tokens (or parts) of the current page in a pager of page numbers."""
LOAD_MORE_TEXTS: tuple[str, ...] = (
    "加载更多", "加載更多", "载入更多", "載入更多", "点击加载更多", "點擊加載更多",
    "查看更多", "Load more",
)  # fmt: skip
"""A button that says this and carries ``data-url`` (or ``data-href``, ``data-next``)
leads to the next page of a feed without a pager."""
