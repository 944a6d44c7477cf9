"""Coverage-guided fuzzing of ``parse_article`` with atheris (libFuzzer for Python).

    make fuzz                      # FUZZ_SECONDS=60 by default
    .venv/bin/python fuzz/fuzz_parse_article.py fuzz/crashes/crash-<sha1>   # replay one

Each input is one byte that picks a ``Content-Type`` header (or none) from
``CONTENT_TYPES``, then the response body. The URL is fixed. ``parse_article`` must
return an ``Article`` or raise ``NotAnArticle``; any other exception is a crash, and so
is an article that is not a valid archive record (JSON schema, no U+0000, no lone
surrogate), or pager links (``ArticlePage.page_links``, where the crawl finds an
article's further pages) that are not pairs of a URL and a pager's text. libFuzzer
writes a crashing input to ``fuzz/crashes/`` (gitignored): turn
it into a golden case in ``fixtures/pages/fuzz_<name>/`` before fixing the core.

The seed corpus is written at start-up to ``fuzz/seeds/`` (gitignored) from every
fixture page (``fixtures/site/**/*.html``, ``fixtures/multipage/**/*.html``,
``fixtures/pages/*/page.html``), each with
the header byte that gives its real ``Content-Type``. New inputs libFuzzer finds go to
the first corpus directory on the command line (``fuzz/corpus/``, also gitignored).
Not a test module: pytest never collects it, and ``make test`` does not need atheris.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import atheris

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "fuzz" / "seeds"
SCHEMA = REPO / "newsarchive" / "schema" / "article.schema.json"
URL = "http://www.ailab.cn/robot/2024/1024/452817.html"
FETCHED = datetime(2024, 10, 24, 1, 5, 17, tzinfo=UTC)

CONTENT_TYPES: tuple[str | None, ...] = (
    None,
    "text/html",
    "text/html; charset=utf-8",
    "text/html; charset=gbk",
    "text/html; charset=gb2312",
    "text/html; charset=GBK",
    "text/html; charset=big5",
    "text/html; charset=gb18030",
    "text/html; charset=utf-16",
    "text/html; charset=utf-7",
    "text/html; charset=x-unknown",
    "text/html; charset=",
    "",
    "text/html; charset=latin-1",
    "text/html; charset=ascii",
    "text/html; charset=rot13",
    "text/html; charset=idna",
    "text/html; charset=unicode_escape",
    "application/octet-stream",
    "charset=utf-8",
)
"""What the first byte of an input selects (modulo the length). The bogus charsets are
there on purpose: the header comes from the network."""

with atheris.instrument_imports(include=["newsarchive", "w3lib"]):
    from newsarchive.article_pages import is_pager_text
    from newsarchive.extract import ArticlePage
    from newsarchive.model import NotAnArticle

import jsonschema  # noqa: E402  (not instrumented: the checker, not the code under test)

VALIDATOR = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
_BAD_CHARS = re.compile("[\x00\ud800-\udfff]")


def split_input(data: bytes) -> tuple[dict[str, str] | None, bytes]:
    """(headers, body) from one fuzzer input."""
    if not data:
        return None, data
    content_type = CONTENT_TYPES[data[0] % len(CONTENT_TYPES)]
    headers = None if content_type is None else {"Content-Type": content_type}
    return headers, data[1:]


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def fuzz_one_input(data: bytes) -> None:
    """One execution: returns quietly, or raises (libFuzzer then saves the input)."""
    headers, body = split_input(data)
    try:
        page = ArticlePage(body, URL, headers)  # what parse_article does, keeping the page
        article = page.to_article(fetched_at=FETCHED)
    except NotAnArticle:
        return
    for url, text in page.page_links():
        if not url.startswith(("http://", "https://")) or not is_pager_text(text):
            raise AssertionError(f"not a pager link: {url!r} {text!r}")
    record = dict(article.to_dict(), revision=1, supersedes=None)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(record)]
    if errors:
        raise AssertionError(f"record violates the schema: {errors}")
    bad = [s[:80] for s in _strings(record) if _BAD_CHARS.search(s)]
    if bad:
        raise AssertionError(f"U+0000 or a lone surrogate in the record: {bad}")


def _header_byte(headers: dict[str, str] | None) -> int:
    wanted = None if not headers else headers.get("Content-Type")
    return CONTENT_TYPES.index(wanted) if wanted in CONTENT_TYPES else 0


def write_seed_corpus(folder: Path = SEEDS) -> int:
    """One seed per fixture page, prefixed with the byte for its real header."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    site = REPO / "fixtures" / "site"
    overrides = json.loads((site / "_headers.json").read_text(encoding="utf-8"))
    count = 0
    for path in sorted(site.rglob("*.html")):
        route = "/" + path.relative_to(site).as_posix()
        headers = overrides.get(route, {}).get("headers")
        name = "site" + route.replace("/", "_")
        (folder / name).write_bytes(bytes([_header_byte(headers)]) + path.read_bytes())
        count += 1
    multipage = REPO / "fixtures" / "multipage"
    for path in sorted(multipage.rglob("*.html")):  # pagers: where page links are found
        name = "multipage_" + path.relative_to(multipage).as_posix().replace("/", "_")
        (folder / name).write_bytes(bytes([0]) + path.read_bytes())
        count += 1
    for case in sorted((REPO / "fixtures" / "pages").iterdir()):
        page = case / "page.html"
        if not page.exists():
            continue
        header_file = case / "headers.json"
        headers = json.loads(header_file.read_text("utf-8")) if header_file.exists() else None
        (folder / f"pages_{case.name}").write_bytes(
            bytes([_header_byte(headers)]) + page.read_bytes()
        )
        count += 1
    return count


def main() -> None:
    count = write_seed_corpus()
    print(f"seed corpus: {count} fixture pages in {SEEDS.relative_to(REPO)}", file=sys.stderr)
    atheris.Setup(sys.argv, fuzz_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
