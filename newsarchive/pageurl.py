"""How the further pages of an article are named: a template over its first page's URL.

``NEWSARCHIVE_ARTICLE_PAGE_URL`` (default ``{stem}_{n}{ext}``) says where page N of an
article lives, given its first page: ``{stem}`` is the first page's path without its
extension, ``{ext}`` the extension with its dot (empty when the last path segment has
none), ``{n}`` the page number, 2 and up. DedeCMS, Empire CMS and PHPCMS's static pages
name pages ``453300_2.html`` (the default); a site that names them ``453300-2.html``,
``/2024/05/slug/2/`` or ``453300.html?page=2`` is a setting away
(``{stem}-{n}{ext}``, ``{stem}{n}/``, ``{stem}{ext}?page={n}``). Kept apart from
``article_pages`` so that the command line can check a template without loading the
extractor.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

DEFAULT_TEMPLATE = "{stem}_{n}{ext}"
FIELDS = ("stem", "n", "ext")
#: What a page number may be: pages of one article, not a date or an id.
MAX_PAGE_NUMBER = 9999
_NUMBER = "(?P<n>[1-9][0-9]{0,3})"


def template_problem(template: str) -> str | None:
    """Why ``template`` is no page URL template (None: it is one)."""
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
    except ValueError as exc:
        return f"not a template ({exc})"
    unknown = sorted(set(names) - set(FIELDS))
    if unknown:
        return f"unknown field {{{unknown[0]}}} (known: {{stem}}, {{n}}, {{ext}})"
    if names.count("stem") != 1 or names.count("n") != 1 or names.count("ext") > 1:
        return "needs {stem} and {n} once each ({ext} at most once)"
    if not template.startswith("{stem}"):
        return "must start with {stem}"
    return None


def _pattern(template: str, fields: dict[str, str]) -> re.Pattern[str]:
    """``template`` as a regular expression, each field by its pattern in ``fields``."""
    parts = []
    for literal, name, _, _ in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if name is not None:
            parts.append(fields[name])
    return re.compile("".join(parts))


@lru_cache(maxsize=64)
def _after_stem(template: str, ext: str) -> re.Pattern[str]:
    """What follows ``{stem}`` in a page URL of a first page with extension ``ext``: one
    pattern per template and extension, not per article."""
    return _pattern(template.removeprefix("{stem}"), {"ext": re.escape(ext), "n": _NUMBER})


@lru_cache(maxsize=16)
def _any_page(template: str) -> re.Pattern[str]:
    fields = {"stem": "(?P<stem>.+?)", "ext": r"(?P<ext>\.[A-Za-z0-9]+|)", "n": _NUMBER}
    return _pattern(template, fields)


def stem_and_ext(path: str) -> tuple[str, str]:
    """``/a/453300.html`` -> (``/a/453300``, ``.html``); ``/a/slug/`` -> (``/a/slug/``, ``"")."""
    last = path.rsplit("/", 1)[-1]
    dot = last.rfind(".")
    if dot <= 0:
        return path, ""
    cut = len(path) - len(last) + dot
    return path[:cut], path[cut:]


@dataclass(frozen=True, slots=True)
class PageUrlRule:
    """A checked template (ValueError for one ``template_problem`` refuses)."""

    template: str = DEFAULT_TEMPLATE

    def __post_init__(self) -> None:
        problem = template_problem(self.template)
        if problem:
            raise ValueError(f"NEWSARCHIVE_ARTICLE_PAGE_URL {self.template!r}: {problem}")

    @property
    def queried(self) -> bool:
        """Pages named by a query (``?page={n}``): the first page's URL must have none."""
        return "?" in self.template

    def number(self, first_url: str, url: str) -> int | None:
        """N when ``url`` is page N >= 2 of the article whose first page is
        ``first_url``, else None. Scheme and host case do not matter; a template without
        a query needs the first page's query on every page."""
        try:
            first, other = urlsplit(first_url), urlsplit(url)
        except ValueError:
            return None
        if first.netloc.lower() != other.netloc.lower():
            return None
        stem, ext = stem_and_ext(first.path)
        if not stem:
            return None
        if self.queried:
            if first.query:
                return None
            target = other.path + (f"?{other.query}" if other.query else "")
        else:
            if other.query != first.query:
                return None
            target = other.path
        if not target.startswith(stem):
            return None
        m = _after_stem(self.template, ext).fullmatch(target, len(stem))
        if m is None:
            return None
        number = int(m.group("n"))
        return number if 2 <= number <= MAX_PAGE_NUMBER else None

    def first_target(self, target: str) -> str | None:
        """The first page's path (and query) of a further page's ``target``, when the
        target is named as one; else None. For WARC files without the crawl's callback
        names, where only the URL tells a further page."""
        m = _any_page(self.template).fullmatch(target)
        if m is None or int(m.group("n")) < 2:
            return None
        return m.group("stem") + (m.groupdict().get("ext") or "")


DEFAULT_RULE = PageUrlRule()
