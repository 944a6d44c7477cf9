"""The finished record: its text in the output script, and ``fetched_at`` in its one
format.

Runs after the page's fields are read and knows nothing of HTML. ``_texts`` and
``_map_texts`` name every text field of a record in one place, so that converting a
script touches each field once, in one OpenCC call."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime

from newsarchive.model import Article, Image, RelatedLink, Section
from newsarchive.text import from_traditional

OUTPUT_SCRIPTS: tuple[str, ...] = ("zh-Hans", "original")


def format_fetched_at(when: datetime | None) -> str:
    """UTC, second precision, ``Z`` suffix (``2024-10-24T01:05:17Z``); naive means UTC."""
    moment = datetime.now(UTC) if when is None else when
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    moment = moment.astimezone(UTC)
    if moment.year < 1000:  # strftime's %Y does not pad the year to four digits
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    # The same text as strftime, at half the cost: isoformat of a UTC time ends "+00:00".
    return moment.isoformat(timespec="seconds").removesuffix("+00:00") + "Z"


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
