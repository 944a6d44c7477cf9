"""Text rules: pinyin removal, cleaning, script detection and conversion, content hash."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis_profiles import bounded

from newsarchive.text import (
    _NFKC_FOLD,
    PINYIN_RE,
    clean,
    content_hash,
    converter,
    count_pinyin,
    detect_script,
    fold_punctuation,
    from_traditional,
    normalise_for_hash,
    remove_pinyin,
    tidy,
    to_simplified,
    to_traditional,
)

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "fixtures" / "seed" / "000_be0714a6875215b2.txt"
"""The one real capture, plain text, as it was captured (copied from the brief)."""


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


# ---------------------------------------------------------------- pinyin
@pytest.mark.parametrize(
    ("raw", "clean_text"),
    [
        ("互聯(lián)網(wǎng)", "互聯網"),
        ("發(fā)布日期", "發布日期"),
        ("產(chǎn)業(yè)園區(qū)", "產業園區"),
        ("創(chuàng)新", "創新"),
        ("女(nǚ)", "女"),
        ("绿(lü)", "绿"),
        ("經(jīng)濟", "經濟"),
    ],
)
def test_pinyin_annotations_are_removed(raw: str, clean_text: str) -> None:
    assert remove_pinyin(raw) == clean_text


@pytest.mark.parametrize(
    "kept",
    [
        "AI(人工智能)",
        "行动计划(20242027年)",
        "分析产品(DataGPT)",
        "重庆(2024)",
        "人工智能(AI)",
        "(记者 张三)",
        "机器(bot)",
        "模型(gpt)",
        "价格(lian)",  # no tone mark: not an annotation
        "(lián)",  # not after a Han character
        "a(lián)",
        "中 (zhōng)",  # a space: the converter never writes one
        "中(zhōng guó)",  # two syllables
        "中(Zhōng)",  # capitalised
    ],
)
def test_real_parentheticals_survive(kept: str) -> None:
    assert remove_pinyin(kept) == kept


def test_seed_has_190_annotations_on_21_characters() -> None:
    text = seed_text()
    found = [(m.string[m.start() - 1], m.group(0)) for m in PINYIN_RE.finditer(text)]
    assert count_pinyin(text) == 190
    assert len(found) == 190
    assert len({han for han, _ in found}) == 21
    counts = Counter(han for han, _ in found)
    assert counts["發"] == 37 and counts["業"] == 37 and counts["產"] == 26
    # the real parentheticals of the seed are all still there
    cleaned = remove_pinyin(text)
    assert cleaned.count("(20242027年)") == 3
    assert "AI(人工智能)" in cleaned
    assert not re.search(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", cleaned)


# ---------------------------------------------------------------- clean
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  标题  ", "标题"),
        ("\u3000\u3000正文开始。\u00a0", "正文开始。"),
        ("来源:互联网\u00a0\u00a0\u00a0发布日期", "来源:互联网 发布日期"),
        ("AI  model\n\tv2", "AI model v2"),
        ("零\u200b宽", "零宽"),
        ("\ufeffBOM", "BOM"),
        ("e\u0301", "\u00e9"),  # NFC
        ("", ""),
        (" \u3000 ", ""),
        ("👩\u200d💻", "👩\u200d💻"),  # a joiner is a format character, and stays
    ],
)
def test_clean(raw: str, expected: str) -> None:
    assert clean(raw) == expected


@pytest.mark.parametrize(
    "raw", ["  a \u3000 b  ", "重庆\u00a0\u00a0瞭望", "e\u0301 x", "x\u200b y"]
)
def test_clean_is_idempotent(raw: str) -> None:
    assert clean(clean(raw)) == clean(raw)


@pytest.mark.parametrize("damaged", ["產業基儲創業成本", "決心和魄力不校", "計劃(20242027年)"])
def test_damage_is_never_repaired(damaged: str) -> None:
    assert tidy(damaged) == damaged
    assert normalise_for_hash(damaged).endswith(("基储创业成本", "魄力不校", "(20242027年)"))


def test_damage_survives_conversion() -> None:
    assert to_simplified("產業基儲") == "产业基储"
    assert to_simplified("計劃(20242027年)") == "计划(20242027年)"


def test_tidy_removes_pinyin_and_whitespace() -> None:
    assert tidy(" 來源:互聯(lián)網(wǎng)\u00a0 ") == "來源:互聯網"


# ---------------------------------------------------------------- scripts
def test_conversion() -> None:
    assert to_simplified("重慶瞭望|AI時代,重慶的機遇在哪里?") == "重庆瞭望|AI时代,重庆的机遇在哪里?"
    assert to_traditional("机器学习") == "機器學習"
    assert to_simplified("") == ""


def test_converter_is_built_once() -> None:
    assert converter("t2s") is converter("t2s")
    assert converter("t2s") is not converter("s2t")


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("重慶瞭望|AI時代,重慶的機遇在哪里?", "zh-Hant"),
        ("重庆瞭望|AI时代,重庆的机遇在哪里?", "zh-Hans"),
        ("互聯(lián)網(wǎng)產(chǎn)業(yè)發(fā)展", "zh-Hant"),
        ("在風起云涌的AI時代,重慶作為國家新一代人工智能創新發展試驗區", "zh-Hant"),
        ("我们在这里学习机器学习。", "zh-Hans"),
        ("我們在這裡學習機器學習。", "zh-Hant"),
        ("DataGPT 2024", "zh-Hans"),
        ("", "zh-Hans"),
        ("的是在了", "zh-Hans"),  # characters common to both scripts: the portal's default
        # Japanese: its kanji look traditional, and it is left as it is
        ("東京都江東区の倉庫で自律移動ロボットの販売を開始しました。", "zh-Hans"),
        ("株式会社ミライロボティクスは、物流倉庫向けの新型機を発表した。", "zh-Hans"),
        # traditional Chinese quoting a Japanese title keeps its script
        (
            "該公司社長在東京發表演講，題為「ロボットと共に」，強調機器人與人類協作的重要性。",
            "zh-Hant",
        ),
    ],
)
def test_detect_script(text: str, script: str) -> None:
    assert detect_script(text) == script


def test_detect_script_on_the_seed() -> None:
    text = seed_text()
    assert detect_script(text) == "zh-Hant"
    assert detect_script(to_simplified(remove_pinyin(text))) == "zh-Hans"


# ---------------------------------------------------------------- content hash
PARAS_HANS = [
    "最近,AI(人工智能)在重庆被频频提及,引发各方关注。",
    "当前,世界百年未有之大变局加速演进。",
]


def test_hash_is_sha256_hex() -> None:
    """Of the paragraphs joined without a separator, here already in normal form."""
    h = content_hash(PARAS_HANS)
    assert re.fullmatch(r"[0-9a-f]{64}", h)
    assert h == hashlib.sha256("".join(PARAS_HANS).encode("utf-8")).hexdigest()
    assert content_hash(["机器人"]) == (
        "a4d14414860b025b08648767a1c05440bb1784bbfe3070851ee39ea621eb9f2d"
    )


@pytest.mark.parametrize(
    "variant",
    [
        ["最近,AI(人工智能)在重慶被頻頻提及,引發各方關注。", "當前,世界百年未有之大變局加速演進。"],
        [
            "最近,AI(人工智能)在重慶被頻頻提及,引發(fā)各方關注。",
            "當前,世界百年未有之大變局加速演進。",
        ],
        ["最近,AI(人工智能)在重庆被频频提及,引发各方关注。当前,世界百年未有之大变局加速演进。"],
        [
            "最近,AI(人工智能)在重庆",
            "被频频提及,引发各方关注。",
            "当前,世界百年未有之大变局加速演进。",
        ],
        [
            "  最近, AI(人工智能)\u3000在重庆被频频提及,\n引发各方关注。",
            "当前,世界百年\u00a0未有之大变局加速演进。 ",
        ],
        [
            "最近，AI（人工智能）在重庆被频频提及，引发各方关注。",
            "当前，世界百年未有之大变局加速演进。",
        ],
        [
            "最近,ＡＩ(人工智能)在重庆被频频提及,引发各方关注。",
            "当前,世界百年未有之大变局加速演进。",
        ],
    ],
)
def test_hash_is_invariant(variant: list[str]) -> None:
    assert content_hash(variant) == content_hash(PARAS_HANS)


@pytest.mark.parametrize(
    "different",
    [
        ["最近,AI(人工智能)在重庆被频频提及,引发各方关注。"],
        ["最近,AI在重庆被频频提及,引发各方关注。", "当前,世界百年未有之大变局加速演进。"],
        ["最近,AI(人工智能)在重庆被频频提及,引发各方关注。", "当前,世界百年未有之大变局加速演进"],
    ],
)
def test_hash_sees_real_changes(different: list[str]) -> None:
    assert content_hash(different) != content_hash(PARAS_HANS)


def test_normalise_for_hash() -> None:
    assert normalise_for_hash("重慶 瞭望，AI（人工智能）……") == "重庆瞭望,AI(人工智能)......"
    assert normalise_for_hash("昇腾") == normalise_for_hash("昇騰") == "升腾"


# ---------------------------------------------------------------- idempotence
# Found by the property tests (tests/test_properties.py): applying a rule twice changed
# text that one application should already have settled.
@pytest.mark.parametrize(
    ("rule", "text", "once"),
    [
        (remove_pinyin, "一(yī)(yí)", "一"),  # a run of annotations goes as a whole
        (tidy, "一(yī)(yí)定", "一定"),
        (clean, "e\u200b\u0301", "\u00e9"),  # zero-width out before NFC composes
        (normalise_for_hash, "U\u00af", "\u016a"),  # folded macron composes after spaces go
        (normalise_for_hash, "聯 (lián)網", "联网"),  # spaces go before pinyin removal
    ],
)
def test_rules_settle_in_one_application(rule: Callable[[str], str], text: str, once: str) -> None:
    assert rule(text) == once
    assert rule(once) == once


def test_hash_ignores_a_space_between_a_character_and_its_annotation() -> None:
    assert content_hash(["互聯 (lián)網 (wǎng)"]) == content_hash(["互联网"])


def test_no_folded_form_holds_a_character_that_folds() -> None:
    """What makes ``fold_punctuation``'s replacements independent of their order."""
    assert not [c for c, form in _NFKC_FOLD.items() if any(x in _NFKC_FOLD for x in form)]


_FOLD_SAMPLE = "".join(sorted(_NFKC_FOLD)) + "机器人，。abc 　\n"


@bounded(300)
@given(st.text(alphabet=st.sampled_from(_FOLD_SAMPLE) | st.characters(), max_size=60))
def test_fold_punctuation_folds_each_character(text: str) -> None:
    assert fold_punctuation(text) == "".join(_NFKC_FOLD.get(c, c) for c in text)


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("深刻改變著各行各業", "深刻改变着各行各业"),  # the seed capture's forms
        ("著力打造", "着力打造"),
        ("隨著應用深入", "随着应用深入"),
        ("效果顯著", "效果显著"),  # 著 stays where the mainland writes it
        ("學術著作", "学术著作"),
        ("重慶的機遇在哪裡", "重庆的机遇在哪里"),
        ("隨着應用深入", "随着应用深入"),  # OpenCC's own traditional forms
    ],
)
def test_from_traditional_writes_mainland_forms(traditional: str, simplified: str) -> None:
    assert from_traditional(traditional) == simplified
    assert content_hash([traditional], traditional=True) == content_hash([simplified])
