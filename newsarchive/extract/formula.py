"""Typeset formulas as one line of text each, in place, before anything reads the tree.

A formula typeset in the browser stands in a saved page two to four times over: MathJax 2
leaves a hidden preview, the rendered glyphs, a MathML copy for screen readers and its
``<script type="math/tex">`` source; KaTeX a MathML copy holding the TeX source as an
annotation, and a rendered copy; MathJax 3 a rendered copy (its glyphs drawn by CSS)
and a MathML copy. Read as text, every copy joins the sentence, and ``其中β_t为…``
becomes ``其中βt\\beta_tβt为…``. ``settle`` replaces each formula with a ``<span>`` of
one text, so that the body walk, the text density and every other reader see it once.

The text is the formula as a line of Unicode (``linear``), read from its MathML, the one
copy every renderer keeps: what the page shows, searchable as the page's characters
(``θ``, ``≈``), and written as ``<sup>`` and ``<sub>`` already are (``10²³``). Only a
formula whose MathML is missing (MathJax 2 before it ran, or with its MathML copy turned
off) keeps its TeX source. The page itself is in the WARC files: a reader who needs the
TeX reparses from there.
"""

from __future__ import annotations

from newsarchive.dom import Element, text_of, xpath
from newsarchive.extract.patterns import SUBSCRIPT, SUPERSCRIPT
from newsarchive.extract.walk import in_script

_MATHJAX2_FRAMES = xpath(
    "//*[starts-with(@id, 'MathJax-Element-')"
    " and substring(@id, string-length(@id) - 5) = '-Frame']"
)
"""MathJax 2's rendered formulas (any output: HTML-CSS, CommonHTML, SVG, native MathML),
each named for the script it was typeset from (``MathJax-Element-3`` and ``-3-Frame``)."""
_KATEX = xpath("//*[contains(concat(' ', normalize-space(@class), ' '), ' katex ')]")
_MATHJAX2_PREVIEWS = xpath(
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' MathJax_Preview ')]"
)

_TOKENS = frozenset(("mi", "mn", "mo", "mtext", "ms"))
_SILENT = frozenset(("annotation", "annotation-xml", "mphantom", "none", "mprescripts"))
_OVER = frozenset(("msup", "mover"))
_UNDER = frozenset(("msub", "munder"))
_BOTH = frozenset(("msubsup", "munderover"))
_ACCENTS = {
    "^": "\u0302",
    "ˆ": "\u0302",
    "~": "\u0303",
    "˜": "\u0303",
    "¯": "\u0304",
    "‾": "\u0305",
    "˙": "\u0307",
    "¨": "\u0308",
    "→": "\u20d7",
}
"""An accent over one letter (``<mover><mi>x</mi><mo>^</mo></mover>``) as the combining
mark it is printed as: ``x̂``, not ``x^^``."""
_INVISIBLE = dict.fromkeys(range(0x2061, 0x2065))
"""Function application, invisible times, separator and plus: operators for a screen
reader, with no glyph."""
_MINUS = str.maketrans({"\u2212": "-"})
"""MathML writes minus as U+2212; the super- and subscript tables know ``-``."""


def settle(root: Element, page_text: str) -> None:
    """Rewrite every formula in ``root`` as one ``<span>`` of text (see the module).

    ``page_text`` is the decoded page: a page without ``<math`` or a ``math/`` script
    type (nearly every page) is left without a look at its tree.
    """
    if "<math" not in page_text and "math/" not in page_text:
        return
    scripts = [s for s in root.iter("script") if (s.get("type") or "").lower().startswith("math/")]
    typeset: set[Element] = set()
    by_id = {s.get("id"): s for s in scripts if s.get("id")}
    for frame in _MATHJAX2_FRAMES(root):
        script = by_id.get(frame.get("id")[: -len("-Frame")])
        math = _first_math(frame)
        if math is not None:
            _replace(frame, linear(math))
        elif script is not None and (script.text or "").strip():
            _replace(frame, script.text.strip())
        if script is not None:
            typeset.add(script)
    for script in scripts:  # not typeset: the source is all the page has
        if script not in typeset and (script.text or "").strip():
            _replace(script, script.text.strip())
    if "MathJax_Preview" in page_text:
        for preview in _MATHJAX2_PREVIEWS(root):
            _replace(preview, "")
    for box in _KATEX(root):
        math = _first_math(box)
        if math is not None:
            _replace(box, linear(math))
    for container in list(root.iter("mjx-container")):
        math = _first_math(container)
        if math is not None:
            _replace(container, linear(math))
    for math in list(root.iter("math")):
        _replace(math, linear(math))


def linear(math: Element) -> str:
    """A MathML formula as a line of Unicode, as a reader would type it.

    Tokens are written as they are; a script is raised or lowered in Unicode when every
    character of it has such a form (``N²``), else written after ``^`` or ``_``,
    parenthesised when longer than one character (``e^(iθ)``); a fraction is
    ``a/b``, a root ``√x``. Annotations (KaTeX's TeX source) and phantoms are not text.
    """
    return _linear(math).strip()


def _linear(el: Element) -> str:
    tag = el.tag
    if tag.__class__ is not str:
        return ""
    tag = tag.rpartition(":")[2].lower()
    if tag in _TOKENS:
        text = text_of(el).translate(_INVISIBLE)
        return text if tag == "mtext" else text.strip()
    if tag in _SILENT:
        return ""
    if tag == "mspace":
        return " "
    kids = [_linear(k) for k in el if k.tag.__class__ is str]
    if tag == "semantics":
        return kids[0] if kids else ""
    if tag in _OVER and len(kids) == 2:
        return _accented(kids[0], kids[1]) or kids[0] + _script(kids[1], SUPERSCRIPT, "^")
    if tag in _UNDER and len(kids) == 2:
        return kids[0] + _script(kids[1], SUBSCRIPT, "_")
    if tag in _BOTH and len(kids) == 3:
        return kids[0] + _script(kids[1], SUBSCRIPT, "_") + _script(kids[2], SUPERSCRIPT, "^")
    if tag == "mfrac" and len(kids) == 2:
        return f"{_group(kids[0])}/{_group(kids[1])}"
    if tag == "msqrt":
        return "√" + _group("".join(kids))
    if tag == "mroot" and len(kids) == 2:
        return _script(kids[1], SUPERSCRIPT, "^") + "√" + _group(kids[0])
    if tag == "mfenced":
        separator = (el.get("separators") or ",").strip()[:1]
        return (el.get("open") or "(") + separator.join(kids) + (el.get("close") or ")")
    if tag in ("mtable", "mtr", "mlabeledtr"):
        return " ".join(k for k in kids if k.strip())
    return "".join(kids)


def _script(text: str, table: dict[int, int], sign: str) -> str:
    raised = in_script(text.translate(_MINUS), table)
    if raised:
        return raised
    stripped = text.strip()
    return sign + _group(stripped) if stripped else ""


def _group(text: str) -> str:
    return text if len(text) <= 1 else f"({text})"


def _accented(base: str, over: str) -> str:
    mark = _ACCENTS.get(over.strip())
    return base + mark if mark and len(base) == 1 else ""


def _first_math(el: Element) -> Element | None:
    return next(el.iter("math"), None)


def _replace(el: Element, text: str) -> None:
    """Put a ``<span>`` holding ``text`` where ``el`` stands (its tail kept)."""
    parent = el.getparent()
    if parent is None:
        return
    span = el.makeelement("span")
    span.text = text
    span.tail = el.tail
    parent.replace(el, span)
