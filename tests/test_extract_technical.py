"""Technical articles: formulas typeset by MathJax 2, MathJax 3 and KaTeX or written in
MathML, code blocks with line numbers, footnotes with links back to their marks; and the
info fields of the blogs that carry them. A formula is text once, never two or three
copies of itself, and never lost; line numbers and back links are not text.
"""

from __future__ import annotations

import pytest

from newsarchive.extract import parse_article
from newsarchive.extract.formula import linear
from newsarchive.extract.info import lone_date, parse_views
from newsarchive.model import Article

URL = "http://www.ailab.cn/algorithm/2025/0312/470101.html"
UNDATED_URL = "http://www.ailab.cn/algorithm/470101.html"
FIRST = "开头这一段交代了论文的背景，篇幅足够让正文被找到并且被认作文章。"
LAST = "结尾这一段是文章的最后一句话，必须留在记录的正文里。"


def _parse(body: str, meta: str = "来源:量子位 发布日期:2025-03-12 10:00:00") -> Article:
    page = (
        '<html><head><meta charset="utf-8"><title>技术文章测试_人工智能实验室</title></head>'
        '<body><div class="nav"><a href="/">首页</a> <a href="/algorithm/">算法</a></div>'
        f'<div class="art"><h1>技术文章测试</h1><div class="meta">{meta}</div>'
        f'<div class="post-body"><p>{FIRST}</p>{body}<p>{LAST}</p></div></div>'
        '<div class="foot">Copyright © 2025 人工智能实验室</div></body></html>'
    )
    return parse_article(page.encode(), URL)


def _lines(article: Article) -> list[str]:
    return [p for s in article.sections for p in s.paragraphs]


MATHML_BETA_T = "<math><msub><mi>β</mi><mi>t</mi></msub></math>"

KATEX = (
    '<span class="katex"><span class="katex-mathml"><math><semantics><mrow>'
    "<msub><mi>β</mi><mi>t</mi></msub></mrow>"
    '<annotation encoding="application/x-tex">\\beta_t</annotation></semantics></math></span>'
    '<span class="katex-html" aria-hidden="true"><span class="base">'
    '<span class="mord mathnormal">β</span><span class="msupsub"><span class="vlist-t">'
    '<span class="vlist">\u200b<span class="mord mathnormal">t</span></span></span></span>'
    "</span></span></span>"
)
MATHJAX3 = (
    '<mjx-container class="MathJax" jax="CHTML"><mjx-math aria-hidden="true">'
    '<mjx-msub><mjx-mi class="mjx-i"><mjx-c class="mjx-c3B2"></mjx-c></mjx-mi>'
    '<mjx-script><mjx-mi><mjx-c class="mjx-c1D461"></mjx-c></mjx-mi></mjx-script></mjx-msub>'
    f"</mjx-math><mjx-assistive-mml>{MATHML_BETA_T}</mjx-assistive-mml></mjx-container>"
)
MATHJAX2 = (
    '<span class="MathJax_Preview" style="display:none"></span>'
    '<span class="MathJax_CHTML" id="MathJax-Element-4-Frame">'
    '<span class="mjx-math" aria-hidden="true"><span class="mjx-char">β</span>'
    '<span class="mjx-char">t</span></span>'
    f'<span class="MJX_Assistive_MathML">{MATHML_BETA_T}</span></span>'
    '<script type="math/tex" id="MathJax-Element-4">\\beta_t</script>'
)


@pytest.mark.parametrize(
    "formula",
    [KATEX, MATHJAX3, MATHJAX2, MATHML_BETA_T],
    ids=["katex", "mathjax3", "mathjax2", "mathml"],
)
def test_a_typeset_formula_is_its_text_once(formula: str) -> None:
    article = _parse(f"<p>其中方差调度{formula}从很小的值线性增加，论文取一千步。</p>")
    assert _lines(article)[1] == "其中方差调度β_t从很小的值线性增加，论文取一千步。"


def test_a_formula_mathjax_never_typeset_keeps_its_source() -> None:
    article = _parse(
        '<p>注意力的计算量随长度<script type="math/tex">O(n^2)</script>增长，'
        "这是长文本的瓶颈所在。</p>"
        '<p><script type="math/tex; mode=display">\\mathrm{softmax}(QK^T)</script></p>'
    )
    assert _lines(article)[1:3] == [
        "注意力的计算量随长度O(n^2)增长，这是长文本的瓶颈所在。",
        "\\mathrm{softmax}(QK^T)",
    ]


def test_a_display_formula_is_a_line_of_its_own() -> None:
    display = (
        '<div class="MathJax_Display"><span class="MathJax_CHTML" id="MathJax-Element-1-Frame">'
        '<span class="mjx-math" aria-hidden="true">L=E+A</span>'
        '<span class="MJX_Assistive_MathML"><math display="block"><mi>L</mi><mo>=</mo>'
        "<mi>E</mi><mo>+</mo><mfrac><mi>A</mi><msup><mi>N</mi><mi>α</mi></msup></mfrac>"
        "</math></span></span></div>"
        '<script type="math/tex; mode=display" id="MathJax-Element-1">L=E+\\frac{A}{N^\\alpha}'
        "</script>"
    )
    article = _parse(f"<p>损失函数写作：</p>{display}<p>其中E是不可约的损失。</p>")
    assert _lines(article)[1:4] == ["损失函数写作：", "L=E+A/(N^α)", "其中E是不可约的损失。"]


@pytest.mark.parametrize(
    ("mathml", "text"),
    [
        ("<msup><mn>10</mn><mn>23</mn></msup>", "10²³"),
        ("<msup><mn>10</mn><mrow><mo>−</mo><mn>4</mn></mrow></msup>", "10⁻⁴"),
        ("<msup><mi>e</mi><mrow><mi>i</mi><mi>θ</mi></mrow></msup>", "e^(iθ)"),
        ("<msqrt><mn>1</mn><mo>−</mo><mi>β</mi></msqrt>", "√(1−β)"),
        ("<mover><mi>W</mi><mo>^</mo></mover>", "W\u0302"),
        ("<mi>f</mi><mo>\u2061</mo><mo>(</mo><mi>x</mi><mo>)</mo>", "f(x)"),
        ("<munderover><mo>∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi>"
         "</munderover><msub><mi>x</mi><mi>i</mi></msub>", "∑_(i=1)ⁿx_i"),
        ("<mi>C</mi><mo>≈</mo><mn>6</mn><mi>N</mi><mi>D</mi>", "C≈6ND"),
    ],
)  # fmt: skip
def test_mathml_as_a_line_of_unicode(mathml: str, text: str) -> None:
    from lxml import etree

    math = etree.fromstring(f"<math>{mathml}</math>", etree.HTMLParser()).find(".//math")
    assert linear(math) == text


def test_code_line_numbers_are_not_text() -> None:
    article = _parse(
        '<figure class="highlight"><table><tr><td class="gutter"><pre>'
        '<span class="line">1</span><br><span class="line">2</span></pre></td>'
        '<td class="code"><pre><code>pip install vllm\nvllm serve qwen</code></pre></td>'
        "</tr></table></figure>"
        '<pre class="prettyprint"><code>nvidia-smi</code>'
        '<ul class="pre-numbering"><li>1</li></ul></pre>'
    )
    lines = _lines(article)
    assert not any(line in ("1", "2", "1 2") for line in lines)
    assert any(line.startswith("pip install vllm") for line in lines)
    assert "nvidia-smi" in lines


@pytest.mark.parametrize(
    "block",
    [
        # 掘金: the button inside the <pre>, after the code
        '<pre><code class="hljs language-python">model.conf = 0.45\ncap = cv2.VideoCapture(0)'
        '<span class="copy-code-btn">复制代码</span></code></pre>',
        # a highlighter's toolbar beside the <pre> in its wrapper
        '<div class="code-block"><div class="code-toolbar"><span>Python</span>'
        '<a class="copy">Copy code</a></div><pre><code>model.conf = 0.45\n'
        "cap = cv2.VideoCapture(0)</code></pre></div>",
    ],
)
def test_a_code_blocks_copy_button_is_not_code(block: str) -> None:
    lines = _lines(_parse(block))
    assert not any("复制代码" in line or "Copy code" in line for line in lines)
    assert any(line.startswith("model.conf = 0.45") and line.endswith("(0)") for line in lines)


def test_the_word_copy_in_text_or_code_stays() -> None:
    """Only an element that is the button's word alone leaves; code that prints 复制
    and a paragraph about copying stay."""
    article = _parse(
        "<pre><code>print(<span class='hljs-string'>\"复制\"</span>)</code></pre>"
        "<p>复制</p><p>点击复制代码按钮即可把示例粘贴到终端里运行。</p>"
    )
    lines = _lines(article)
    assert 'print("复制")' in lines
    assert "点击复制代码按钮即可把示例粘贴到终端里运行。" in lines


def test_a_gutter_with_words_is_not_line_numbers() -> None:
    article = _parse('<div class="gutter"><p>这一段放在名为gutter的盒子里，依然是正文。</p></div>')
    assert "这一段放在名为gutter的盒子里，依然是正文。" in _lines(article)


def test_footnote_back_links_are_not_text_and_the_notes_stay() -> None:
    article = _parse(
        '<p>计算量约为6ND<sup><a href="#fn:1" class="footnote">1</a></sup>。</p>'
        '<ol class="ReferenceList"><li id="ref_1"><a href="#ref_1_0" class="backlink">'
        "<span>^</span></a><span>Scaling Laws for Neural Language Models</span></li></ol>"
        '<div class="footnotes"><ol><li id="fn:1"><p>这里的6是经验近似值。'
        '<a href="#fnref:1" class="reversefootnote">↩\ufe0e</a></p></li></ol></div>'
    )
    lines = _lines(article)
    assert "Scaling Laws for Neural Language Models" in lines
    assert "这里的6是经验近似值。" in lines
    assert not any("↩" in line or "^" in line for line in lines)


def test_a_sign_that_links_elsewhere_stays() -> None:
    article = _parse('<p>项目主页见此处<a href="https://example.org/">↑</a>，代码已开源。</p>')
    assert "项目主页见此处↑，代码已开源。" in _lines(article)


@pytest.mark.parametrize(
    ("line", "views"),
    [
        ("2187 次浏览 7 条评论", 2187),
        ("浏览：1,208 评论：3", 1208),
        ("浏览 1208 评论 3", 1208),
        ("阅读 2.1万", 21000),
        ("浏览 12 条评论", None),
        ("瀏覽次數：1,024　評論(12)", 1024),  # the comments' own count in brackets
        ("浏览次数：1024 评论（3）", 1024),
        ("热度 1234 丨 点赞 46", 1234),
        ("瀏覽人次：2,381", 2381),  # a Taiwanese site's label: persons-times viewed
        ("點閱數：1,532", 1532),  # a Taiwanese site's: clicks to read
        ("点阅次数：856", 856),
        ("点击人次 356", 356),
    ],
)
def test_a_count_after_the_view_label_that_is_another_count(line: str, views: int) -> None:
    assert parse_views(line) == views


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("于\u00a02024-07-19 10:23:41\u00a0发布", "2024-07-19 10:23:41"),
        ("发布于 2024-05-20 18:30・IP 属地北京", "2024-05-20 18:30"),
        ("2024-05-20 18:30 北京海淀会场", None),
    ],
)
def test_a_date_printed_with_its_words(text: str, date: str | None) -> None:
    assert lone_date(text) == date


def test_a_blog_date_printed_as_published_at_a_time() -> None:
    article = _parse("", meta='<span class="time">于 2024-07-19 10:23:41 发布</span>')
    assert article.published_at == "2024-07-19T10:23:41+08:00"


def test_a_card_that_is_one_link_is_not_the_info_line() -> None:
    page = (
        '<html><head><meta charset="utf-8"><title>部署踩坑记录</title></head><body>'
        '<div class="main"><h1>部署踩坑记录</h1>'
        f'<div class="article_content"><p>{FIRST}</p><p>{LAST}</p></div>'
        '<div class="recommend"><a href="/u0/article/details/1"><div class="title">源码阅读'
        '（一）：分页注意力</div><div class="desc">最新发布 · 2024-06-10</div></a></div>'
        "</div></body></html>"
    )
    article = parse_article(page.encode(), UNDATED_URL)
    assert article.published_at is None


def test_a_copyright_sign_beside_the_end_mark() -> None:
    article = _parse(
        '<p style="text-align:center"><strong>© THE END </strong></p>'
        '<p style="text-align:center">投稿或寻求报道：tougao@ailab.cn</p>'
    )
    lines = _lines(article)
    assert lines[-1] == FIRST
    assert not any("投稿" in line or "END" in line for line in lines)


def test_a_table_figures_caption_is_text() -> None:
    article = _parse(
        '<figure class="wp-block-table"><table><tr><th>模型</th><th>FID</th></tr>'
        "<tr><td>DDPM</td><td>3.17</td></tr></table>"
        '<figcaption class="wp-element-caption">数据来源：Ho et al. (2020) Table 2'
        "</figcaption></figure>"
        '<figure class="ad"><img src="/ad/banner.gif" alt="广告"><figcaption>广告位招租'
        "</figcaption></figure>"
    )
    assert _lines(article)[1:6] == [
        "模型",
        "FID",
        "DDPM",
        "3.17",
        "数据来源：Ho et al. (2020) Table 2",
    ]
    assert "广告位招租" not in _lines(article)
    assert article.source == "量子位"
