"""Saved pages against hand-written records: one test per field per case."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import jsonschema
import pytest
from golden import RECORD_FIELDS, REPO, GoldenCase, independent_hash, load_cases

from newsarchive.extract import ArticlePage, parse_article
from newsarchive.model import NotAnArticle

CASES = load_cases()
ARTICLES = [c for c in CASES if c.error is None]
NOT_ARTICLES = [c for c in CASES if c.error is not None]
FETCHED = datetime(2024, 10, 24, 1, 5, 17, tzinfo=UTC)
SCHEMA = REPO / "newsarchive" / "schema" / "article.schema.json"


def record(case: GoldenCase) -> dict[str, Any]:
    article = parse_article(case.body, case.url, case.headers, fetched_at=FETCHED)
    return article.to_dict()


@pytest.fixture(scope="module")
def records() -> dict[str, dict[str, Any]]:
    return {case.name: record(case) for case in ARTICLES}


def test_corpus_has_the_required_cases() -> None:
    names = {c.name for c in CASES}
    assert {"seed_simplified_gbk", "seed_traditional_pinyin"} <= names
    assert len(ARTICLES) >= 8
    assert {c.error for c in NOT_ARTICLES} >= {"not_found_notice", "listing"}


@pytest.mark.parametrize("case", ARTICLES, ids=lambda c: c.name)
def test_does_not_raise(case: GoldenCase) -> None:
    parse_article(case.body, case.url, case.headers)


@pytest.mark.parametrize(
    ("case", "field"),
    [(c, f) for c in ARTICLES for f in RECORD_FIELDS],
    ids=lambda v: v if isinstance(v, str) else v.name,
)
def test_field(records: dict[str, dict[str, Any]], case: GoldenCase, field: str) -> None:
    assert records[case.name][field] == case.expected[field]


@pytest.mark.parametrize("case", ARTICLES, ids=lambda c: c.name)
def test_no_extra_fields(records: dict[str, dict[str, Any]], case: GoldenCase) -> None:
    assert set(records[case.name]) - {"fetched_at"} == set(case.expected)


@pytest.mark.parametrize("case", ARTICLES, ids=lambda c: c.name)
def test_fetched_at_is_utc(records: dict[str, dict[str, Any]], case: GoldenCase) -> None:
    assert records[case.name]["fetched_at"] == "2024-10-24T01:05:17Z"


@pytest.mark.parametrize("case", ARTICLES, ids=lambda c: c.name)
def test_expected_hash_matches_its_own_paragraphs(case: GoldenCase) -> None:
    """The hand-written hash is consistent with the hand-written paragraphs."""
    paragraphs = [p for s in case.expected["sections"] for p in s["paragraphs"]]
    assert case.expected["content_hash"] == independent_hash(paragraphs)


@pytest.mark.parametrize("case", ARTICLES, ids=lambda c: c.name)
def test_counter_url(case: GoldenCase) -> None:
    """The view counter is followed only where extras.json names it; elsewhere never."""
    page = ArticlePage(case.body, case.url, case.headers)
    page.to_article()
    assert page.counter_url() == case.extras.get("counter_url")


@pytest.mark.parametrize("case", ARTICLES, ids=lambda c: c.name)
def test_record_matches_the_archive_schema(
    records: dict[str, dict[str, Any]], case: GoldenCase
) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    stored = dict(records[case.name], revision=1, supersedes=None)
    jsonschema.validate(stored, schema)


@pytest.mark.parametrize("case", NOT_ARTICLES, ids=lambda c: c.name)
def test_not_an_article(case: GoldenCase) -> None:
    with pytest.raises(NotAnArticle) as info:
        parse_article(case.body, case.url, case.headers)
    assert info.value.reason == case.error


def test_both_scripts_of_the_seed_are_one_article(records: dict[str, dict[str, Any]]) -> None:
    hans, hant = records["seed_simplified_gbk"], records["seed_traditional_pinyin"]
    assert hans["content_hash"] == hant["content_hash"]
    assert (hans["script"], hant["script"]) == ("zh-Hans", "zh-Hant")
    differing = {k for k in hans if hans[k] != hant[k]}
    assert differing == {"id", "url", "script"}


def test_seed_shape(records: dict[str, dict[str, Any]]) -> None:
    seed = records["seed_simplified_gbk"]
    assert [s["heading"] for s in seed["sections"]] == [None, "01", "02", "03"]
    assert [len(s["paragraphs"]) for s in seed["sections"]] == [3, 10, 9, 10]
    assert [i["credit"] for i in seed["images"]] == [
        "记者 龙帆 摄/视觉重庆",
        "记者 张锦辉 摄/视觉重庆",
        "大足区委宣传部",
    ]
    body = "\n".join(p for s in seed["sections"] for p in s["paragraphs"])
    for damaged in ("基储", "不校", "(20242027年)", "AI(人工智能)"):
        assert damaged in body
    for boilerplate in ("原标题", "赞助本站", "相关热词", "AiLab云推荐", "展开", "Copyright"):
        assert boilerplate not in body


def test_original_script_keeps_traditional() -> None:
    case = next(c for c in ARTICLES if c.name == "seed_traditional_pinyin")
    article = parse_article(case.body, case.url, case.headers, output_script="original")
    assert article.title == "重慶瞭望|AI時代,重慶的機遇在哪里?"
    assert article.source == "互聯網"
    assert article.images[2].credit == "大足區委宣傳部"
    assert "(" not in article.sections[1].paragraphs[1]
    assert article.content_hash == case.expected["content_hash"]
