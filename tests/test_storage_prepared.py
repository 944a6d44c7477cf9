"""Records encoded ahead (``storage.prepared``) are stored exactly as the dicts are."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis_profiles import bounded

from newsarchive.storage.archive import Archive, Verdict
from newsarchive.storage.prepared import Prepared
from newsarchive.validation import missing_fields

_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**70)
    | st.text(st.characters(exclude_categories=["Cs"]), max_size=12)
)
_json_values = st.recursive(
    _scalars,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=12,
)
_names = st.text(max_size=8).filter(lambda k: k not in ("revision", "supersedes"))
_keys = st.text("0123456789abcdef", min_size=1, max_size=16)


@st.composite
def records(draw: st.DrawFn) -> dict[str, Any]:
    """An article record: the keys the archive needs, anything else in any order."""
    fields = draw(st.dictionaries(_names, _json_values, max_size=6))
    fields.update(
        id=draw(_keys),
        url="http://h/" + draw(_keys),
        content_hash=draw(_keys),
        title=draw(st.none() | st.text(max_size=10)),
        published_at=draw(st.none() | st.sampled_from(["2023-01-05T00:00:00+08:00", "x"])),
    )
    order = draw(st.permutations(list(fields)))
    return {k: fields[k] for k in order}


def _store_both(tmp_path: Path, versions: list[dict[str, Any]]) -> tuple[Path, Path]:
    """Each version stored through ``store`` in one archive, ``store_prepared`` in another,
    each with its own archive's decision; the two archives' roots."""
    roots = tmp_path / "dicts", tmp_path / "prepared"
    with Archive(roots[0], fsync=False) as by_dict, Archive(roots[1], fsync=False) as ahead:
        for record in versions:
            decision = by_dict.decide(record)
            prepared = Prepared.of(record)
            assert ahead.decide(prepared.head) == decision
            if decision.verdict in (Verdict.NEW, Verdict.REVISION):
                by_dict.store(record, decision)
                ahead.store_prepared(prepared, decision)
    return roots


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*.jsonl"))
        if p.name != "runs.jsonl"
    }


@bounded(150)
@given(records(), _keys)
def test_stored_lines_are_the_dicts_lines(
    tmp_path_factory: pytest.TempPathFactory, record: dict[str, Any], changed: str
) -> None:
    """New, then a new revision (another body hash): every file the same bytes."""
    tmp = tmp_path_factory.mktemp("prepared")
    revised = dict(record, content_hash=record["content_hash"] + changed)
    dicts, prepared = _store_both(tmp, [record, revised])
    assert _files(dicts) == _files(prepared)
    assert len(b"".join(_files(dicts).values()).splitlines()) == 2


@bounded(200)
@given(records(), st.lists(_names, max_size=5), st.none() | st.integers(0, 10**9))
def test_missing_fields_and_views_as_on_the_dict(
    record: dict[str, Any], required: list[str], views: int | None
) -> None:
    prepared = Prepared.of(record)
    assert prepared.missing(required) == missing_fields(record, required)
    viewed = dict(record, views=views)
    assert prepared.with_views(views) == Prepared.of(viewed)
    assert prepared.with_views(views).missing([*required, "views"]) == missing_fields(
        viewed, [*required, "views"]
    )


@st.composite
def waiting_for_views(draw: st.DrawFn) -> dict[str, Any]:
    """A record whose ``views`` is null, anywhere in it, with look-alikes around it:
    nested ``views`` keys holding null, keys and strings that mention views."""
    record = draw(records())
    decoys = st.sampled_from(
        [
            {"views": None},
            [{"a": 1, "views": None}],
            'x,"views":null',
            "\\",
            {"views": 3},
            None,
        ]
    )
    extra = draw(
        st.dictionaries(st.sampled_from(["a", 'b"views', "views_", "c"]), decoys, max_size=3)
    )
    items = list({**record, **extra}.items())
    items.insert(draw(st.integers(0, len(items))), ("views", None))
    return dict(items)


@bounded(300)
@given(waiting_for_views(), st.integers(0, 10**12))
def test_views_set_later_as_on_the_dict(record: dict[str, Any], views: int) -> None:
    """Spliced or re-encoded, the line is the one the dict with its views gives."""
    assert Prepared.of(record).with_views(views) == Prepared.of(dict(record, views=views))


@pytest.mark.parametrize(
    "record",
    [
        {"id": "a", "views": 5, "meta": {"x": 1, "views": None}},  # top level not null
        {"id": "a", "meta": {"x": 1, "views": None}},  # no top-level views
        {"views": None, "meta": {"x": 1, "views": None}},  # top level first
    ],
)
def test_a_nested_null_views_is_never_the_one_set(record: dict[str, Any]) -> None:
    assert Prepared.of(record).with_views(7) == Prepared.of(dict(record, views=7))


def test_views_spliced_in_where_that_is_sure() -> None:
    record = {"id": "a", "views": None, "sections": [{"p": "views"}]}
    prepared = Prepared.of(record)
    assert prepared.with_views(7).line == b'{"id":"a","views":7,"sections":[{"p":"views"}]}\n'


def test_head_holds_the_scalar_fields_only() -> None:
    prepared = Prepared.of({"id": "a", "sections": [{"p": 1}], "meta": {}, "views": 0})
    assert prepared.head == {"id": "a", "views": 0}
    assert prepared.present == {"id", "sections", "views"}


def test_pickles_as_itself() -> None:
    prepared = Prepared.of({"id": "a", "title": "標題", "sections": [["x"]]})
    assert pickle.loads(pickle.dumps(prepared)) == prepared


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({}, "an empty record"),
        ({"id": "a", "revision": 2}, "the archive sets revision"),
        ({"id": "a", "supersedes": None, "revision": 1}, "the archive sets revision, supersedes"),
    ],
)
def test_records_the_splice_cannot_take_are_refused(record: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Prepared.of(record)


def test_a_record_the_index_cannot_take_is_not_written(tmp_path: Path) -> None:
    with Archive(tmp_path, fsync=False) as archive:
        prepared = Prepared.of({"id": "a", "url": "", "content_hash": "c"})
        with pytest.raises(ValueError):
            archive.store_prepared(prepared, archive.decide({**prepared.head, "url": "u"}))
    assert not list((tmp_path / "articles").rglob("*.jsonl"))
