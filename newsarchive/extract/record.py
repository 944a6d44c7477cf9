"""The finished record: its text in the output script, and ``fetched_at`` in its one
format (``model.format_fetched_at``, where the crawl command can read it without lxml).

Runs after the page's fields are read and knows nothing of HTML. ``_texts`` and
``_map_texts`` name every text field of a record in one place, so that converting a
script touches each field once, in one OpenCC call."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from newsarchive.model import Article, Image, RelatedLink, Section
from newsarchive.text import from_traditional

OUTPUT_SCRIPTS: tuple[str, ...] = ("zh-Hans", "original")


def batch_simplified(texts: list[str]) -> list[str]:
    """``from_traditional`` over many strings in one OpenCC call (strings hold no newline)."""
    if not texts:
        return texts
    converted = from_traditional("\n".join(texts)).split("\n")
    if len(converted) != len(texts):
        return [from_traditional(t) for t in texts]
    return converted


def convert_texts(article: Article, convert: Callable[[list[str]], list[str]]) -> Article:
    """Apply ``convert`` to every text field of ``article`` in one batch.

    Each distinct string is converted once (the image alts repeat the title) and looked
    up by value, so ``_texts`` may list the fields in any order.
    """
    originals = list(dict.fromkeys(_texts(article)))
    converted = dict(zip(originals, convert(originals), strict=True))
    return _map_texts(article, converted.__getitem__)


def _texts(a: Article) -> Iterator[str]:
    """Every string ``_map_texts`` maps (a field it misses fails the lookup loudly)."""
    yield a.title
    for optional in (a.original_title, a.source, a.published_raw, a.summary):
        if optional is not None:
            yield optional
    for section in a.sections:
        if section.heading is not None:
            yield section.heading
        yield from section.paragraphs
    for image in a.images:
        for optional in (image.alt, image.caption, image.credit):
            if optional is not None:
                yield optional
    yield from a.keywords
    for link in a.related:
        yield link.title


def _map_texts(a: Article, f: Callable[[str], str]) -> Article:
    """A copy of ``a`` with ``f`` applied to each text field, always in the same order."""

    def opt(s: str | None) -> str | None:
        return None if s is None else f(s)

    return Article(
        id=a.id,
        url=a.url,
        title=f(a.title),
        original_title=opt(a.original_title),
        source=opt(a.source),
        published_at=a.published_at,
        published_raw=opt(a.published_raw),
        views=a.views,
        summary=opt(a.summary),
        sections=[
            Section(heading=opt(s.heading), paragraphs=[f(p) for p in s.paragraphs])
            for s in a.sections
        ],
        images=[
            Image(url=i.url, alt=opt(i.alt), caption=opt(i.caption), credit=opt(i.credit))
            for i in a.images
        ],
        keywords=[f(k) for k in a.keywords],
        related=[RelatedLink(title=f(r.title), url=r.url) for r in a.related],
        pages=list(a.pages),
        missing_pages=list(a.missing_pages),
        script=a.script,
        content_hash=a.content_hash,
        fetched_at=a.fetched_at,
        schema_version=a.schema_version,
    )
