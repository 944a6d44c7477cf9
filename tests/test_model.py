"""The record's dict form: what ``dataclasses.asdict`` would give, in the same order."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from hypothesis_profiles import bounded

from newsarchive.model import Article, Image, RelatedLink, Section

_text = st.text(max_size=12)
_maybe = st.none() | _text

articles = st.builds(
    Article,
    id=_text,
    url=_text,
    title=_text,
    original_title=_maybe,
    source=_maybe,
    published_at=_maybe,
    published_raw=_maybe,
    views=st.none() | st.integers(min_value=0),
    summary=_maybe,
    sections=st.lists(st.builds(Section, heading=_maybe, paragraphs=st.lists(_text)), max_size=3),
    images=st.lists(
        st.builds(Image, url=_text, alt=_maybe, caption=_maybe, credit=_maybe), max_size=3
    ),
    keywords=st.lists(_text, max_size=3),
    related=st.lists(st.builds(RelatedLink, title=_text, url=_text), max_size=3),
    script=st.sampled_from(["zh-Hans", "zh-Hant"]),
    content_hash=_text,
    fetched_at=_text,
)


def _shape(value: Any) -> Any:
    """Keys in order, all the way down: equality of dicts alone ignores order."""
    if isinstance(value, dict):
        return [(k, _shape(v)) for k, v in value.items()]
    if isinstance(value, list):
        return [_shape(v) for v in value]
    return value


@bounded(200)
@given(articles)
def test_to_dict_is_asdict(article: Article) -> None:
    assert _shape(article.to_dict()) == _shape(asdict(article))


@bounded(100)
@given(articles)
def test_to_dict_copies_the_lists(article: Article) -> None:
    """Changing the returned lists leaves the article as it was (compared with a copy
    taken before: ``asdict`` of the changed article would agree with a shared list)."""
    before = asdict(article)
    record = article.to_dict()
    record["keywords"].append("x")
    for section in record["sections"]:
        section["paragraphs"].append("x")
    assert asdict(article) == before
    assert article.to_dict() == before


def test_the_schema_bounds_views_as_the_model_does() -> None:
    import json

    from newsarchive.model import MAX_VIEWS
    from tests.conftest import SCHEMA

    views = json.loads(SCHEMA.read_text(encoding="utf-8"))["properties"]["views"]
    assert (views["minimum"], views["maximum"]) == (0, MAX_VIEWS)
