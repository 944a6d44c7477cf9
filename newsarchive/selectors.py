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
)
"""Headings that are the headline wherever they appear (trusted without checking)."""

GENERIC_HEADINGS_XPATH = "//body//h1 | //body//h2 | //body//h3"
"""Any heading: trusted only when it agrees with the ``<title>`` text."""

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

TITLE_SEPARATORS: tuple[str, ...] = ("_", "-", "|", "｜", "–", "—", "·", "：", ":")
"""Characters that join the headline and the site name in ``<title>``."""

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

SOURCE_LABELS: tuple[str, ...] = ("来源", "來源", "出处", "出處", "稿源")
DATE_LABELS_SPECIFIC: tuple[str, ...] = (
    "发布日期",
    "發布日期",
    "發佈日期",
    "发布时间",
    "發布時間",
    "發佈時間",
    "发表时间",
    "發表時間",
    "更新时间",
    "更新時間",
)
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
)
VIEW_LABEL_SUFFIXES: tuple[str, ...] = ("次数", "次數", "数", "數", "量")
"""Optional words between a view label and its number (``点击数：12``)."""

AUTHOR_LABELS: tuple[str, ...] = ("作者", "编辑", "編輯", "责任编辑", "責任編輯", "记者", "記者")
"""Labels that may follow the source on the info line and end its value."""

VALUE_SEPARATORS: str = "|｜/／·•"
"""Junk that may trail a label value on the info line (``来源:新华网 |``)."""

# --------------------------------------------------------------------------- lead
INTRO_CONTAINERS: tuple[str, ...] = (
    "div.viewbox div.intro",
    "div.intro",
    "p.intro",
    "div.summary",
    "div.daodu",
    "div.zhaiyao",
)
INTRO_LABELS: tuple[str, ...] = ("导读", "導讀", "摘要", "内容提要", "內容提要")

META_DESCRIPTION_NAMES: tuple[str, ...] = ("description", "og:description")
META_KEYWORDS_NAMES: tuple[str, ...] = ("keywords",)

# --------------------------------------------------------------------------- body
BODY_CONTAINERS: tuple[str, ...] = (
    "div#mainDiv",
    "div.content",
    "div#content",
    "div.article-content",
    "div.article_content",
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

SECTION_MARKER_PATTERN = r"^[0-9０-９]{1,2}$"
"""A paragraph, bold line or heading that is only this is a section marker (``01``)."""
SECTION_MARKER_MAX_CHARS = 2
"""The longest paragraph ``SECTION_MARKER_PATTERN`` can match; longer ones skip the regex."""

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
)
"""Elements whose whole subtree never holds body text."""

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
    "dede_pages",
    "pagebreak",
    "context",
    "prenext",
    "comment",
    "copyright",
)
"""``class``/``id`` tokens of widgets inside or around the body, skipped with their subtree."""

BODY_STOP_MARKERS: tuple[str, ...] = (
    "相关热词",
    "相關熱詞",
    "相关内容",
    "相關內容",
    "相关文章",
    "相關文章",
    "相关阅读",
    "相關閱讀",
    "AiLab云推荐",
    "AiLab云推薦",
    "AiLab雲推薦",
    "热门栏目",
    "熱門欄目",
    "Copyright",
    "版权所有",
    "版權所有",
    "上一篇",
    "下一篇",
)
"""A paragraph starting with one of these ends the article text: what follows is widgets."""

BOILERPLATE_TEXTS: tuple[str, ...] = (
    "赞助本站",
    "贊助本站",
    "展开",
    "展開",
    "分享到",
    "返回顶部",
    "返回頂部",
    "打印本页",
    "关闭窗口",
    "關閉窗口",
    "HotCates",
)
"""A paragraph starting with one of these is dropped (a link or widget label)."""

ORIGINAL_TITLE_LABELS: tuple[str, ...] = ("原标题", "原標題", "原題", "原题")

LINE_OPENERS: tuple[str, ...] = ("(", "（", "[", "【")
"""Brackets a staff line may open with: ``（编辑：张三）``."""

EDITOR_LABELS: tuple[str, ...] = (
    "责任编辑",
    "責任編輯",
    "编辑",
    "編輯",
    "校对",
    "校對",
    "审核",
    "審核",
    "编审",
    "編審",
)
"""Staff lines (``责任编辑：张三``): dropped from the body wherever they occur."""

# --------------------------------------------------------------------------- images
IMAGE_SRC_ATTRS: tuple[str, ...] = ("data-original", "data-src", "original", "file", "src")
"""Where an ``<img>`` keeps its URL; lazy-loading attributes win over a placeholder src."""

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
)
MORE_LINK_TEXTS: tuple[str, ...] = ("更多", "更多>>", "more", "More", "MORE")

# --------------------------------------------------------------------------- view counter
COUNTER_SCRIPT_SRC = "count.php"
"""DedeCMS view counter: a ``<script>`` whose ``src`` contains this,
``<script src="/plus/count.php?view=yes&aid=N&mid=1">``."""
COUNTER_ID_PARAM = "aid="

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
    "Document not exists",
    "404 Not Found",
    "Page Not Found",
)
"""Texts of the DedeCMS ``ShowMsg`` notice and of generic 404 pages."""

# --------------------------------------------------------------------------- listings
LISTING_LINKS: tuple[str, ...] = (
    "ul.list_jc > li > a",
    "div.listl.list2 > ul > li h3 > a",
)
"""Article links on the home page and on channel pages."""

GENERIC_LIST_LINKS_XPATH = "//body//li//a[@href]"
"""Links in list items: many of them and no body means a listing of an unknown template."""

HOME_LISTING_ITEMS = "ul.list_jc > li"
CHANNEL_LISTING_ITEMS = "div.listl.list2 > ul > li"
CHANNEL_ITEM_LINK = "h3 > a"
CHANNEL_ITEM_DATE = "span"

NEXT_PAGE_TEXTS: tuple[str, ...] = ("下一页", "下一頁", "下页", "下頁")
