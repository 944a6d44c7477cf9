"""Text rules applied to every extracted string, and the content hash.

Captured pages carry defects (see PORTAL.md): pinyin annotations left by a
traditional-script converter, either script for the same article, mixed ASCII and
full-width punctuation, and byte damage from an old GBK round trip. Pinyin and
whitespace are removed; scripts are converted on request; damage is never "repaired":
``基儲``, ``不校`` and ``(20242027年)`` pass through unchanged.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Literal, Protocol, cast

import opencc

Script = Literal["zh-Hans", "zh-Hant"]

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_VOWELS = "aeiouüv" + _TONED

_SYLLABLE = (
    rf"(?=[a-zü]*[{_TONED}ü])"  # at least one tone mark or ü: real words have none
    # One syllable: optional initial, vowels, optional final. The options are written
    # as an empty last alternative, (?:a|b|), rather than (?:a|b)?: the same matches in
    # the same order, without the regex engine's general repeat machinery (a sixth
    # less time on a page with 200 annotations).
    rf"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw]|)[{_VOWELS}]{{1,4}}(?:ng|n|r|)"
)
PINYIN_RE = re.compile(
    r"\("  # a literal first lets the regex engine skip ahead to each "("
    rf"(?<=[{_HAN}]\()"  # annotations follow the character they read
    rf"{_SYLLABLE}\)"
)
"""A Han character's toned pinyin reading in ASCII parentheses, e.g. ``聯(lián)``.

What separates an annotation from a real parenthetical: lowercase Latin letters only,
exactly one syllable (optional initial, one to four vowels, optional ``n``/``ng``/``r``),
and at least one tone-marked vowel or ``ü``. ``(AI)``, ``(DataGPT)``, ``(2024)``,
``(人工智能)`` and ``(记者 张三)`` all fail one of these tests.
"""
_PINYIN_RUN_RE = re.compile(rf"{PINYIN_RE.pattern}(?:\({_SYLLABLE}\))*")
"""An annotation and any that directly follow it (``一(yī)(yí)``), removed as one: removing
only the first would put the next one after a Han character, and a second pass would
remove that too."""

_ZERO_WIDTH_RE = re.compile("[\u200b\ufeff]")
_KANA_RE = re.compile("[\u3041-\u309f\u30a1-\u30fa\u30fc-\u30ff]")
#: Share of kana among the Han and kana of a text from which it is Japanese: Japanese
#: prose writes more than half its characters in kana, a Chinese text quoting a
#: Japanese name or sentence far fewer.
JAPANESE_KANA_SHARE = 0.25

_PUNCTUATION_BLOCKS = (
    (0x00A0, 0x00FF),  # Latin-1 punctuation and symbols
    (0x2000, 0x206F),  # general punctuation: spaces, dashes, ellipsis
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0xFE10, 0xFE6F),  # vertical and small form variants
    (0xFF00, 0xFFEF),  # full-width ASCII and half-width forms
)


def _nfkc_fold_table() -> dict[str, str]:
    return {
        chr(c): unicodedata.normalize("NFKC", chr(c))
        for lo, hi in _PUNCTUATION_BLOCKS
        for c in range(lo, hi + 1)
        if unicodedata.normalize("NFKC", chr(c)) != chr(c)
    }


_NFKC_FOLD = _nfkc_fold_table()
"""Characters of the punctuation blocks that NFKC changes (``，`` -> ``,``, ``…`` ->
``...``, full-width letters and digits), each with its NFKC form. Folding only these
gives NFKC's effect on punctuation at a thirtieth of the cost of normalising the whole
text (``fold_punctuation``)."""
_NFKC_FOLD_RE = re.compile("[" + "".join(re.escape(c) for c in _NFKC_FOLD) + "]")
"""One character of ``_NFKC_FOLD``. A single character class lets the regex engine skip
to the next candidate in its search loop."""


class _Converter(Protocol):
    def convert(self, text: str) -> str: ...


@lru_cache(maxsize=4)
def converter(config: str) -> _Converter:
    """The OpenCC converter for ``config`` (``t2s``, ``s2t``), built once per process.

    Building one loads dictionaries (milliseconds); converting is microseconds. A cached
    factory gives one converter per configuration without a mutable module global:
    the cache holds only immutable-by-use objects and tests never need to reset it.
    """
    return cast(_Converter, opencc.OpenCC(config))


def remove_pinyin(s: str) -> str:
    """Drop pinyin annotations such as ``聯(lián)`` -> ``聯``; keep real parentheticals."""
    if "(" not in s:
        return s
    return _PINYIN_RUN_RE.sub("", s)


def count_pinyin(s: str) -> int:
    """How many pinyin annotations ``s`` holds (for checks and stats)."""
    return sum(1 for _ in PINYIN_RE.finditer(s))


def clean(s: str) -> str:
    """No zero-width characters, NFC, runs of whitespace as one space, trimmed.

    Whitespace includes U+3000 and U+00A0. A run becomes one ASCII space rather than
    nothing so that Latin words and numbers are never joined. Idempotent: zero-width
    characters go before NFC, which composes what they separated (``e\u200b\u0301``).
    """
    if "\u200b" in s or "\ufeff" in s:
        s = _ZERO_WIDTH_RE.sub("", s)
    if not unicodedata.is_normalized("NFC", s):
        s = unicodedata.normalize("NFC", s)
    return " ".join(s.split())


def tidy(s: str) -> str:
    """The text rule for every extracted field: ``clean`` then ``remove_pinyin``."""
    return remove_pinyin(clean(s))


def to_simplified(s: str) -> str:
    """Traditional -> simplified with OpenCC ``t2s`` (already simplified text is kept)."""
    return converter("t2s").convert(s) if s else s


def from_traditional(s: str) -> str:
    """Traditional -> simplified as the mainland writes it: OpenCC ``tw2s``.

    ``t2s`` keeps the Taiwan forms that are also simplified characters: 隨著 and 改變著
    become 随著 and 改变著 where a simplified page prints 随着 and 改变着 (著 stays in 显著
    and 著作). Converters write traditional text in those forms (the seed capture
    holds 改變著 and 著力), so ``t2s`` would leave the simplified text, and the content
    hash taken over it, different from the simplified page of the same article.
    ``tw2s`` maps those variants first, by word, then converts as ``t2s`` does; on text
    in OpenCC's own traditional forms it gives what ``t2s`` gives.
    """
    return converter("tw2s").convert(s) if s else s


def to_traditional(s: str) -> str:
    """Simplified -> traditional with OpenCC ``s2t``."""
    return converter("s2t").convert(s) if s else s


def _changed(chars: set[str], converted: str) -> int:
    """How many of ``chars`` (a text's distinct characters) the conversion replaced.

    A substring test per distinct character: iterating ``converted`` into a set would
    make a string object for each of its characters.
    """
    return sum(c not in converted for c in chars)


def detect_script(text: str, *, sample: int = 500) -> Script:
    """Which script ``text`` is written in.

    Compares how many distinct characters ``t2s`` replaces with how many ``s2t``
    replaces: the conversion towards the other script replaces more. Mixed text (a
    traditional page keeping ``云``/``里``) is decided by the majority; ties and text
    without Han go to ``zh-Hans``, the portal's own script, and so does Japanese text
    (``JAPANESE_KANA_SHARE`` of kana): its kanji (開, 東, 販) look traditional to OpenCC,
    and converting a republished Japanese press release would turn it into neither
    language. Only the first ``sample``
    characters are looked at: a few hundred Han characters decide it, and conversion
    costs time. Distinct characters rather than positions, so that one frequent
    character (``着``/``著``) cannot outvote many.
    """
    head = remove_pinyin(text[:sample])
    simplified = to_simplified(head)
    if simplified == head:  # nothing traditional at all: no need to ask s2t
        return "zh-Hans"
    if _japanese(head):
        return "zh-Hans"
    chars = set(head)
    to_hant = _changed(chars, to_traditional(head))
    # t2s must replace more than s2t: on a traditional page s2t replaces a few, and
    # counting what t2s replaces can stop as soon as it passes them.
    to_hans = 0
    for c in chars:
        if c not in simplified:
            to_hans += 1
            if to_hans > to_hant:
                return "zh-Hant"
    return "zh-Hans"


def _japanese(text: str) -> bool:
    """Whether ``text`` is Japanese: kana are ``JAPANESE_KANA_SHARE`` of its Han and kana."""
    kana = len(_KANA_RE.findall(text))
    if not kana:
        return False
    han = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    return kana >= JAPANESE_KANA_SHARE * (kana + han)


def fold_punctuation(s: str) -> str:
    """Every character of ``_NFKC_FOLD`` in ``s`` replaced by its NFKC form.

    One ``str.replace`` per distinct character found, rather than a regex substitution
    with a Python callback per match: Chinese text has a full-width comma or colon
    every few characters, and the callbacks cost 60 us on a 4,600-character body where
    this costs 25. The order of the replacements does not matter: no character's NFKC
    form holds a character of ``_NFKC_FOLD`` (``tests/test_text.py`` checks it).
    """
    for c in set(_NFKC_FOLD_RE.findall(s)):
        s = s.replace(c, _NFKC_FOLD[c])
    return s


def normalise_for_hash(text: str, *, traditional: bool = False) -> str:
    """The text the content hash is taken over.

    Zero-width characters dropped, punctuation NFKC-folded (full-width ``，：？（）``,
    ``…`` and full-width digits and letters become ASCII), all whitespace removed, NFC,
    pinyin removed, then ``t2s``. Each step comes after those that can bring its input
    together: whitespace goes before the script conversion so that OpenCC sees the same
    character sequence however the text was split or spaced, and before NFC and pinyin
    removal so that ``聯 (lián)`` and a combining mark after a space (what folding ``¯``
    gives) end up as in unspaced text; the result is its own normal form. ``t2s`` runs
    even on simplified text: it may rewrite a simplified proper noun (``昇腾`` ->
    ``升腾``), and the traditional copy of the same article goes through the same rewrite.
    ``traditional``: the text is still in traditional script (a record kept in the
    served script), converted with ``from_traditional`` as a record's fields would be.
    """
    s = text
    if "\u200b" in s or "\ufeff" in s:
        s = _ZERO_WIDTH_RE.sub("", s)
    s = fold_punctuation(s)
    s = unicodedata.normalize("NFC", "".join(s.split()))
    s = remove_pinyin(s)
    return from_traditional(s) if traditional else to_simplified(s)


def content_hash(paragraphs: Iterable[str], *, traditional: bool = False) -> str:
    """sha256 (hex) of the normalised simplified body text.

    The paragraphs are concatenated without a separator before normalising, so the same
    article served in either script, with or without pinyin, with different spacing or
    paragraph splits, or with ASCII instead of full-width punctuation, hashes the same.
    ``traditional``: the paragraphs are in traditional script (``normalise_for_hash``).
    """
    normalised = normalise_for_hash("".join(paragraphs), traditional=traditional)
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()
