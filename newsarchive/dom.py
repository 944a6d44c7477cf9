"""Small lxml helpers shared by the article and listing extractors.

lxml is used directly rather than through ``parsel.Selector``: the document is parsed
once and walked in Python, and selectors are compiled to ``etree.XPath`` objects at
import time (``parsel.csstranslator.css2xpath`` turns the CSS constants of
``newsarchive.selectors`` into XPath). Plain ``etree`` elements, not ``lxml.html``
ones: ``lxml.html`` looks up a Python element class on every node access, which makes
walking a tree about four times slower. lxml ships no type stubs; elements are ``Any``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree
from parsel.csstranslator import css2xpath

Element = Any
"""An ``lxml.etree._Element`` (lxml has no type stubs)."""

BLOCK_TAGS: frozenset[str] = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "center", "dd", "details",
        "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li", "main", "nav",
        "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
        "thead", "tr", "ul",
    }
)  # fmt: skip
"""Tags that start a new paragraph when walking text."""

_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>")


def parse_html(text: str) -> Element | None:
    """Parse a decoded page into an lxml tree (comments dropped); None when empty.

    An XML declaration is dropped first: lxml refuses ``str`` input that declares an
    encoding, and the text is already decoded. A parser per call: lxml parsers must not
    be shared between threads, and creating one costs well under a microsecond.
    """
    text = _XML_DECL_RE.sub("", text, count=1).replace("\x00", "")
    if not text.strip():
        return None
    try:
        return etree.fromstring(text, etree.HTMLParser(remove_comments=True, remove_pis=True))
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None


def strip_non_content(root: Element) -> None:
    """Remove scripts and styles in place (their text is never page text)."""
    etree.strip_elements(root, "script", "style", "noscript", with_tail=False)


def xpath(path: str, *, smart_strings: bool = True) -> Any:
    """A compiled ``etree.XPath`` without the EXSLT regular-expression functions.

    None of our expressions uses them, and lxml would set them up again on every
    evaluation: a quarter of the cost of a small XPath. ``smart_strings=False`` for
    string results whose element is never asked for.
    """
    return etree.XPath(path, regexp=False, smart_strings=smart_strings)


_CSS_CLASS_RE = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_CSS_ID_RE = re.compile(r"#(-?[_a-zA-Z][\w-]*)")
_CLASS_ATTRS = xpath("//@class")
_ID_ATTRS = xpath("//@id")
"""Attribute values as lxml "smart strings": each knows the element it belongs to."""


@dataclass(frozen=True, slots=True)
class PageTokens:
    """Every class token and id that occurs in a document, and the elements carrying them.

    Collected once per page (two attribute XPaths, in C) so that a selector naming a class
    or id the page does not have is skipped without walking the tree: most selectors of a
    fallback list never match, and each full-tree XPath costs several microseconds. The
    same pass records who carries each token (``.class``/``#id`` -> elements, document
    order): a selector whose first step names a token one element alone carries is then
    evaluated from that element instead of from the root.
    """

    classes: frozenset[str]
    ids: frozenset[str]
    root: Element = None
    carriers: dict[str, list[Element]] = field(default_factory=dict)

    @classmethod
    def of(cls, root: Element) -> PageTokens:
        carriers: dict[str, list[Element]] = {}
        classes: set[str] = set()
        for value in _CLASS_ATTRS(root):
            owner = value.getparent()
            for name in dict.fromkeys(str(value).split()):
                classes.add(name)
                carriers.setdefault("." + name, []).append(owner)
        ids: set[str] = set()
        for value in _ID_ATTRS(root):
            ident = str(value)
            ids.add(ident)
            carriers.setdefault("#" + ident, []).append(value.getparent())
        return cls(frozenset(classes), frozenset(ids), root, carriers)

    def carrying(self, names: frozenset[str]) -> set[Element]:
        """Every element whose ``class_tokens`` include one of ``names`` (lowercase).

        Read from the carriers recorded once per page, so that a walk can test an element
        with one set lookup instead of reading and splitting its attributes.
        """
        found: set[Element] = set()
        for name in self.classes:
            if name.lower() in names:
                found.update(self.carriers["." + name])
        for ident in self.ids:
            if ident.lower() in names:
                found.update(self.carriers["#" + ident])
        return found


@dataclass(frozen=True, slots=True)
class CssSelector:
    """A CSS selector compiled to XPath, with the classes and ids it requires."""

    css: str
    xpath: Any
    classes: frozenset[str]
    ids: frozenset[str]
    anchor: str | None = None
    """``#id`` or ``.class`` of the selector's first compound (``.title`` for
    ``div.title > h1``), when it names one."""
    from_anchor: Any = None
    """The XPath with its first step on ``self::`` instead of ``descendant-or-self::``."""

    def __call__(self, root: Element, tokens: PageTokens | None = None) -> list[Element]:
        """Matches under ``root`` in document order; [] at once when ``tokens`` rule it out.

        The whole-tree XPath can only start from an element carrying ``anchor`` (tokens
        split as ``str.split`` does, which splits at least wherever CSS does, so the
        carriers found are a superset). When one element alone carries it, evaluating
        from that element finds the same elements in the same order.
        """
        if tokens is not None:
            if not (self.classes <= tokens.classes and self.ids <= tokens.ids):
                return []
            if self.anchor is not None and tokens.root is root:
                carriers = tokens.carriers.get(self.anchor, ())
                if len(carriers) == 1:
                    return list(self.from_anchor(carriers[0]))
        return list(self.xpath(root))


_CSS_FIRST_COMPOUND_RE = re.compile(r"^[\w.#-]+(?=[\s>+~]|$)")
_WHOLE_TREE = "descendant-or-self::"


def _compile(css: str) -> CssSelector:
    path = css2xpath(css)
    first = _CSS_FIRST_COMPOUND_RE.match(css.strip())
    anchor = None
    if first and path.startswith(_WHOLE_TREE) and "|" not in path:
        ids = _CSS_ID_RE.findall(first.group())
        classes = _CSS_CLASS_RE.findall(first.group())
        anchor = f"#{ids[0]}" if ids else (f".{classes[0]}" if classes else None)
    return CssSelector(
        css=css,
        xpath=xpath(path),
        classes=frozenset(_CSS_CLASS_RE.findall(css)),
        ids=frozenset(_CSS_ID_RE.findall(css)),
        anchor=anchor,
        from_anchor=(xpath("self::" + path[len(_WHOLE_TREE) :]) if anchor is not None else None),
    )


def compile_css(selectors: Iterable[str]) -> tuple[CssSelector, ...]:
    """Compile CSS selectors to reusable XPath-backed selectors, in the same order."""
    return tuple(_compile(css) for css in selectors)


BODY_TEXT_NODES = xpath("//body//text()")
"""Every text node under ``<body>`` (lxml "smart strings": they know their element)."""


def text_owner(node: Any) -> Element:
    """The element whose content a text node is (a tail belongs to the parent's parent)."""
    parent = node.getparent()
    if node.is_tail and parent.getparent() is not None:
        return parent.getparent()
    return parent


_STRING_VALUE = xpath("string()", smart_strings=False)


def text_of(el: Element) -> str:
    """All text inside ``el`` (not its tail), scripts already stripped.

    The XPath string-value, which is ``"".join(el.itertext())`` computed in C: three
    times faster on a body container; a childless element is just its ``.text``.
    """
    if not len(el):
        return el.text or ""
    return str(_STRING_VALUE(el))


_HAN_LEAD_BYTES = b"\xe4\xe5\xe6\xe7\xe8\xe9"


def han_count(s: str) -> int:
    """Number of characters in U+4000..U+9FFF: the measure of "Chinese text" for density.

    Counted as UTF-8 lead bytes ``E4``..``E9``: exact for that range, and the range holds
    all common Han characters. The count is the length the bytes lose when those six are
    deleted (one C pass; six ``bytes.count`` calls cost five times as much, a regex over
    the text twenty times).
    """
    data = s.encode("utf-8", "surrogatepass")
    return len(data) - len(data.translate(None, _HAN_LEAD_BYTES))


def class_tokens(el: Element) -> set[str]:
    """``class`` tokens and the ``id`` of ``el``, lowercased."""
    tokens = set((el.get("class") or "").lower().split())
    ident = el.get("id")
    if ident:
        tokens.add(ident.lower())
    return tokens


def first_child(el: Element, tag: str) -> Element | None:
    """``el.find(tag)``: lxml's ``find`` runs its ElementPath interpreter (Python) even
    for a bare tag name; this is what that interpreter ends up calling."""
    return next(el.iterchildren(tag), None)


def first_descendant(el: Element, tag: str) -> Element | None:
    """``el.find(".//" + tag)``, likewise without the ElementPath interpreter."""
    return next(el.iterdescendants(tag), None)


def block_ancestor(el: Element) -> Element:
    """``el`` or its nearest ancestor that is a block element."""
    node = el
    while node is not None and node.tag not in BLOCK_TAGS:
        node = node.getparent()
    return node if node is not None else el


def is_descendant(el: Element, ancestor: Element) -> bool:
    """True when ``el`` is ``ancestor`` or inside it."""
    node = el
    while node is not None:
        if node is ancestor:
            return True
        node = node.getparent()
    return False


def base_url(root: Element, url: str) -> str:
    """The URL relative links resolve against: ``<base href>`` if present, else ``url``.

    A base that urllib cannot parse or that is not http(s) is ignored: links are only
    ever archived as http(s) URLs, and one bad tag must not cost the page."""
    bases = (b for head in root.iterdescendants("head") for b in head.iterchildren("base"))
    for base in bases:
        href = str(base.get("href") or "").strip()
        if href:
            try:
                joined = urljoin(url, href)
                usable = urlsplit(joined).scheme in ("http", "https")
            except ValueError:  # not a URL at all: ``http://[::1``
                usable = False
            return joined if usable else url
    return url


def absolute(base: str, href: str | None) -> str | None:
    """``href`` resolved against ``base``; None for empty, fragment-only or script links,
    and for what urllib cannot parse (``http://[::1``, a host with a full-width colon)."""
    if href is None:
        return None
    href = href.strip()
    if not href or href.startswith("#") or href.lower().startswith(("javascript:", "mailto:")):
        return None
    if _PLAIN_PATH_RE.match(href) and not href.startswith("//") and "/." not in href:
        origin = _origin(base)
        if origin is not None:
            return origin + href
    try:
        return urljoin(base, href)
    except ValueError:  # not a URL at all: ``http://[::1``
        return None


_PLAIN_PATH_RE = re.compile(r"^/[A-Za-z0-9_~./-]*$")
"""With no ``//`` start and no ``/.``: a root-relative path of plain segments
(``/uploads/allimg/241024/1-2.jpg``) without dot segments, query, fragment, parameters
or characters that need quoting, which ``urljoin`` returns after the base's scheme and
host unchanged."""


@lru_cache(maxsize=64)
def _origin(base: str) -> str | None:
    """``scheme://netloc`` of an http(s) base as ``urljoin`` takes them, else None (also
    for a base urllib rejects: ``urljoin`` then decides, and fails the same way)."""
    try:
        parts = urlsplit(base)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}"
