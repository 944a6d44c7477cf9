"""Small lxml helpers shared by the article and listing extractors.

lxml is used directly rather than through ``parsel.Selector``: the document is parsed
once and walked in Python, and selectors are compiled to ``etree.XPath`` objects at
import time (``parsel.csstranslator.css2xpath`` turns the CSS constants of
``newsarchive.selectors`` into XPath). On a page, a selector of tag, class and id
compounds (all of ours) is first tested in Python on the few elements the page's token
index names, with the XPath's own tests; the XPath runs otherwise. Plain ``etree``
elements, not ``lxml.html`` ones: ``lxml.html`` looks up a Python element class on every
node access, which makes walking a tree about four times slower. lxml ships no type
stubs; elements are ``Any``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
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
_CONTROL_BYTES = bytes([*range(0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
"""C0 control characters and DEL, but for tab, newline, form feed and carriage return."""
_C1_RE = re.compile(b"\xc2[\x80-\x9f]")
"""A C1 control character (NEL among them) in UTF-8."""
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
"""The same characters in text (for a page that is no valid UTF-8: a lone surrogate)."""


def parse_html(text: str) -> Element | None:
    """Parse a decoded page into an lxml tree (comments dropped); None when empty.

    An XML declaration is dropped first: lxml refuses ``str`` input that declares an
    encoding, and the text is already decoded. The text is handed to libxml2 as UTF-8
    with that encoding named: lxml converts a ``str`` of Chinese text from its UTF-16
    form, which costs more than encoding it (the same tree on every fixture page and
    30,000 generated fragments); a lone surrogate, which UTF-8 cannot hold, leaves the
    ``str`` to lxml. A parser per call: lxml parsers must not be shared between threads,
    and creating one costs well under a microsecond.
    """
    text = _XML_DECL_RE.sub("", text, count=1)
    if not text.strip():
        return None
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        text = _CONTROL_RE.sub("", text)
        return _parse(text, etree.HTMLParser(remove_comments=True, remove_pis=True))
    # Control characters are no text (HTML's whitespace is tab, newline, form feed and
    # carriage return only): a damaged page's \x1a or NEL inside a word goes, leaving
    # the word whole. One pass over the bytes; UTF-8 holds no other byte below 0x80
    # that stands for something else.
    data = data.translate(None, _CONTROL_BYTES)
    if b"\xc2" in data:  # U+0080-U+009F are \xc2\x80-\xc2\x9f
        data = _C1_RE.sub(b"", data)
    return _parse(data, etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True))


def _parse(data: str | bytes, parser: Any) -> Element | None:
    try:
        return etree.fromstring(data, parser)
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


CSS_CLASS_RE = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
"""A class in a CSS selector (``.Rkq583``), its name the group: read from the compiled
selectors here, and from a page's own ``<style>`` rules (``walk.hidden_classes``)."""
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
    one_tree: bool = True
    """Every carrier is inside ``root``: the parser made one top-level element (a doubled
    page can give two ``<html>`` trees, and the attribute XPaths see both)."""

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
        one_tree = root.getparent() is None
        one_tree = one_tree and root.getprevious() is None and root.getnext() is None
        return cls(frozenset(classes), frozenset(ids), root, carriers, one_tree)

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


_XML_SPACE_TO_SPACE = str.maketrans("\t\n\r", "   ")
"""The whitespace XPath's ``normalize-space`` collapses, other than the space itself."""


@dataclass(frozen=True, slots=True)
class Compound:
    """One compound of a simple selector (``div.title``, ``div#mainDiv``, ``h1``), tested
    in Python exactly as its XPath translation tests it."""

    tag: str | None
    """Element name; None for any (``.intro``)."""
    conditions: tuple[tuple[str, str], ...]
    """``("#", id)`` and ``(".", class)`` in the order written."""
    token: str | None
    """The first ``#id``, else the first ``.class``: all matches are among its carriers."""

    def xpath_step(self) -> str:
        """The step the translator writes for this compound (checked against it)."""
        tests = [
            f"@id = '{v}'"
            if kind == "#"
            else f"@class and contains(@class, '{v}') and "
            f"contains(concat(' ', normalize-space(@class), ' '), ' {v} ')"
            for kind, v in self.conditions
        ]
        expr = tests[0] if tests else ""
        for test in tests[1:]:
            expr = f"({expr}) and ({test})"
        return (self.tag or "*") + (f"[{expr}]" if expr else "")

    def matches(self, el: Element) -> bool:
        """``self::`` this compound's step: name, ``@id = '…'``, and each class a token of
        ``normalize-space(@class)``."""
        if self.tag is not None and el.tag != self.tag:
            return False
        tokens: list[str] | None = None
        for kind, value in self.conditions:
            if kind == "#":
                if el.get("id") != value:
                    return False
                continue
            if tokens is None:
                attr = el.get("class")
                if attr is None:
                    return False
                tokens = attr.translate(_XML_SPACE_TO_SPACE).split(" ")
            if value not in tokens:
                return False
        return True


MAX_CANDIDATES = 32
"""More candidates than this for a selector's last compound, and its XPath is cheaper."""


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
    compounds: tuple[Compound, ...] = ()
    """For a selector of tag, class and id compounds joined by descendant or child
    combinators (all of ours): its compounds, when their translations give ``xpath``."""
    child: tuple[bool, ...] = ()
    """Whether each combinator between ``compounds`` is ``>``."""

    def __call__(self, root: Element, tokens: PageTokens | None = None) -> list[Element]:
        """Matches under ``root`` in document order; [] at once when ``tokens`` rule it out.

        Every match of the last compound is among the carriers of its token (tokens split
        as ``str.split`` does, which splits at least wherever CSS does, so the carriers
        found are a superset), or among the elements of its tag: when there are few, each
        is tested against the compounds right to left in Python, a tenth of the cost of
        an XPath evaluation. Otherwise the whole-tree XPath can only start from an
        element carrying ``anchor``: when one element alone carries it, evaluating from
        that element finds the same elements in the same order. The Python test needs
        every carrier inside ``root`` (``PageTokens.one_tree``).
        """
        if tokens is not None:
            if not (self.classes <= tokens.classes and self.ids <= tokens.ids):
                return []
            if tokens.root is root:
                if self.compounds and tokens.one_tree:
                    found = self._match(root, tokens)
                    if found is not None:
                        return found
                if self.anchor is not None:
                    carriers = tokens.carriers.get(self.anchor, ())
                    if len(carriers) == 1:
                        return list(self.from_anchor(carriers[0]))
        return list(self.xpath(root))

    def _match(self, root: Element, tokens: PageTokens) -> list[Element] | None:
        last = self.compounds[-1]
        token = last.token
        if token is not None:
            candidates = tokens.carriers[token]
        elif last.tag is not None:
            candidates = list(islice(root.iter(last.tag), MAX_CANDIDATES + 1))
        else:
            return None
        if len(candidates) > MAX_CANDIDATES:
            return None
        end = len(self.compounds) - 1
        return [el for el in candidates if self._chain(el, end)]

    def _chain(self, el: Element, k: int) -> bool:
        """Whether ``el`` matches compound ``k`` below matches of the compounds before it."""
        if not self.compounds[k].matches(el):
            return False
        if k == 0:
            return True
        parent = el.getparent()
        if self.child[k - 1]:
            return parent is not None and self._chain(parent, k - 1)
        while parent is not None:
            if self._chain(parent, k - 1):
                return True
            parent = parent.getparent()
        return False


_CSS_FIRST_COMPOUND_RE = re.compile(r"^[\w.#-]+(?=[\s>+~]|$)")
_WHOLE_TREE = "descendant-or-self::"


_SIMPLE_CSS_RE = re.compile(r"[\w.#-]+(?:(?:\s*>\s*|\s+)[\w.#-]+)*")
_COMBINATOR_RE = re.compile(r"\s*>\s*|\s+")
_COMPOUND_RE = re.compile(r"(?P<tag>[a-z][a-z0-9]*)?(?P<rest>(?:[.#]-?[_a-zA-Z][\w-]*)*)")
_CONDITION_RE = re.compile(r"([.#])(-?[_a-zA-Z][\w-]*)")


def _compounds(css: str, path: str) -> tuple[tuple[Compound, ...], tuple[bool, ...]]:
    """The compounds and combinators of a simple selector whose whole-tree XPath is
    ``path``; ((), ()) unless each compound's step and their joining reproduce ``path``
    exactly (anything the translator writes differently keeps to XPath)."""
    css = css.strip()
    if not _SIMPLE_CSS_RE.fullmatch(css):
        return (), ()
    compounds = []
    for text in _COMBINATOR_RE.split(css):
        m = _COMPOUND_RE.fullmatch(text)
        if m is None or not text:
            return (), ()
        conditions = tuple((kind, value) for kind, value in _CONDITION_RE.findall(m["rest"]))
        tokens = [f"#{v}" for kind, v in conditions if kind == "#"]
        tokens += [f".{v}" for kind, v in conditions if kind == "."]
        compounds.append(Compound(m["tag"], conditions, tokens[0] if tokens else None))
    child = tuple(">" in c for c in _COMBINATOR_RE.findall(css))
    joins = ["/" if is_child else "/descendant::" for is_child in child]
    steps = [c.xpath_step() for c in compounds]
    if _WHOLE_TREE + steps[0] + "".join(map(str.__add__, joins, steps[1:])) != path:
        return (), ()
    return tuple(compounds), child


def _compile(css: str) -> CssSelector:
    path = css2xpath(css)
    compounds, child = _compounds(css, path)
    first = _CSS_FIRST_COMPOUND_RE.match(css.strip())
    anchor = None
    if first and path.startswith(_WHOLE_TREE) and "|" not in path:
        ids = _CSS_ID_RE.findall(first.group())
        classes = CSS_CLASS_RE.findall(first.group())
        anchor = f"#{ids[0]}" if ids else (f".{classes[0]}" if classes else None)
    return CssSelector(
        css=css,
        xpath=xpath(path),
        classes=frozenset(CSS_CLASS_RE.findall(css)),
        ids=frozenset(_CSS_ID_RE.findall(css)),
        anchor=anchor,
        from_anchor=(xpath("self::" + path[len(_WHOLE_TREE) :]) if anchor is not None else None),
        compounds=compounds,
        child=child,
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
_ASCII_LETTERS = bytes(range(0x41, 0x5B)) + bytes(range(0x61, 0x7B))
#: Letters of Latin-script text that weigh as much as one Han character: about a word
#: of English carries what one to two characters of Chinese do.
LETTERS_PER_HAN = 4


def han_count(s: str) -> int:
    """Number of characters in U+4000..U+9FFF: the measure of "Chinese text".

    Counted as UTF-8 lead bytes ``E4``..``E9``: exact for that range, and the range holds
    all common Han characters. The count is the length the bytes lose when those six are
    deleted (one C pass; six ``bytes.count`` calls cost five times as much, a regex over
    the text twenty times).
    """
    if s.isascii():  # a flag of the string object: whitespace between tags costs nothing
        return 0
    data = s.encode("utf-8", "surrogatepass")
    return len(data) - len(data.translate(None, _HAN_LEAD_BYTES))


def letter_count(s: str) -> int:
    """Number of ASCII letters in ``s`` (one C pass, as ``han_count``)."""
    data = s.encode("utf-8", "surrogatepass")
    return len(data) - len(data.translate(None, _ASCII_LETTERS))


def text_weight(s: str) -> int:
    """How much text ``s`` is, in Han characters: the measure of text density, of a
    body's size and of a listing's share of it.

    Text holding Han counts its Han, as it always has, so a Chinese page weighs what it
    did, English words in it or not. Text without Han (a paragraph of the international
    channel's English articles, a press release in English, a ``Copyright`` line) counts
    its ASCII letters, ``LETTERS_PER_HAN`` to a character: counted as zero, an English
    article had no body and was refused.
    """
    if s.isascii():
        if not s or s.isspace():  # whitespace between tags, the most common string
            return 0
    else:
        han = han_count(s)
        if han:
            return han
    return letter_count(s) // LETTERS_PER_HAN


def weight_without(el: Element, skip: AbstractSet[Element]) -> int:
    """``text_weight`` of ``el``'s text outside the subtrees in ``skip``: what a block
    weighs once its comments and share bars, which the walk leaves out, are set aside."""
    total = text_weight(el.text) if el.text and el.tag.__class__ is str else 0
    for child in el:
        if child not in skip:
            total += weight_without(child, skip)
        if child.tail:
            total += text_weight(child.tail)
    return total


def linked_weight(el: Element) -> int:
    """``text_weight`` of ``el``'s text inside links: how much of its text points
    elsewhere (a list of other articles, a sidebar of link lines)."""
    return sum(text_weight(text_of(a)) for a in el.iter("a"))


def class_tokens(el: Element) -> set[str]:
    """``class`` tokens and the ``id`` of ``el``, lowercased."""
    tokens = set((el.get("class") or "").lower().split())
    ident = el.get("id")
    if ident:
        tokens.add(ident.lower())
    return tokens


_TOKEN_PART_RE = re.compile(r"[-_]+")


def token_parts(tokens: Iterable[str]) -> set[str]:
    """``tokens`` and their parts between ``-`` and ``_`` (``pg-next`` gives ``pg-next``,
    ``pg`` and ``next``): how a template's class names are matched against a word."""
    parts: set[str] = set()
    for token in tokens:
        parts.add(token)
        parts.update(_TOKEN_PART_RE.split(token))
    return parts


def first_child(el: Element, tag: str) -> Element | None:
    """``el.find(tag)``: lxml's ``find`` runs its ElementPath interpreter (Python) even
    for a bare tag name; this is what that interpreter ends up calling."""
    return next(el.iterchildren(tag), None)


def previous_element(el: Element) -> Element | None:
    """The element right before ``el`` among its siblings, past comments and
    processing instructions; None when there is none."""
    for sibling in el.itersiblings(preceding=True):
        if sibling.tag.__class__ is str:
            return sibling
    return None


def next_element(el: Element) -> Element | None:
    """The element right after ``el`` among its siblings, past comments and processing
    instructions; None when there is none."""
    for sibling in el.itersiblings():
        if sibling.tag.__class__ is str:
            return sibling
    return None


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


def touches(el: Element, body: Element | None) -> bool:
    """Whether ``el`` is ``body``, holds it or is inside it."""
    return body is not None and (is_descendant(body, el) or is_descendant(el, body))


def common_block(a: Element | None, b: Element) -> Element | None:
    """The nearest element holding both ``a`` and ``b`` (the card that holds a headline
    and its text), unless that is the whole page (``<body>``, ``<html>``)."""
    if a is None:
        return None
    around = set(a.iterancestors())
    for el in b.iterancestors():
        if el in around:
            return None if el.tag in ("body", "html") else el
    return None


def ends_before(el: Element, other: Element) -> bool:
    """True when ``el``, with everything inside it, comes before ``other`` starts in
    document order (so neither holds the other).

    Compares the two children of the nearest common ancestor that lead to each: one
    walk up from each element, no scan of the document.
    """
    above_other: dict[Element, Element | None] = {}
    node: Element | None = other
    child: Element | None = None
    while node is not None:
        above_other[node] = child
        child, node = node, node.getparent()
    node, child = el, None
    while node is not None and node not in above_other:
        child, node = node, node.getparent()
    if node is None or child is None:
        return False  # another tree, or el holds other
    toward_other = above_other[node]
    if toward_other is None:
        return False  # other holds el
    return bool(node.index(child) < node.index(toward_other))


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
    elif _PLAIN_RELATIVE_RE.match(href) and "/." not in href and "//" not in href:
        directory = _directory(base)
        if directory is not None:
            return directory + href
    try:
        return urljoin(base, href)
    except ValueError:  # not a URL at all: ``http://[::1``
        return None


_PLAIN_PATH_RE = re.compile(r"^/[A-Za-z0-9_~./-]*$")
"""With no ``//`` start and no ``/.``: a root-relative path of plain segments
(``/uploads/allimg/241024/1-2.jpg``) without dot segments, query, fragment, parameters
or characters that need quoting, which ``urljoin`` returns after the base's scheme and
host unchanged."""


_PLAIN_RELATIVE_RE = re.compile(r"^[A-Za-z0-9_~-][A-Za-z0-9_~./-]*$")
"""With no ``/.`` and no ``//``: a path relative to the base's directory, of plain
segments (``2024/1231/508044.html``, how DedeCMS listings link their articles), which
``urljoin`` appends to the base's directory unchanged when that directory is plain too."""


@lru_cache(maxsize=64)
def _directory(base: str) -> str | None:
    """``scheme://netloc/dir/`` of an http(s) base whose path is plain (no dot segments,
    no empty segments, nothing to quote), else None: ``urljoin`` then decides."""
    origin = _origin(base)
    if origin is None:
        return None
    path = urlsplit(base).path or "/"
    if not _PLAIN_PATH_RE.match(path) or "/." in path or "//" in path:
        return None
    return origin + path[: path.rindex("/") + 1]


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
