"""Extraction speed: ``parse_article`` against bare lxml and against trafilatura.

The target's pages are the two seed pages as served: ``fixtures/pages/seed_simplified_gbk``
(8.8 KB, GBK declared ``gb2312``) and ``seed_traditional_pinyin`` (13 KB, UTF-8,
traditional with pinyin annotations), the same bytes as the mirror's
``robot/2024/1024/452817.html`` and ``zh-hant/robot/2024/1024/452817.html``. The other
saved article cases (1-3 KB each) are measured and reported beside them: on pages that
small a fixed per-page cost dominates, which the seed pages do not show.

Baseline ("the same bytes"): ``lxml.html.fromstring(body, parser=HTMLParser(encoding=E))``
with ``E`` the encoding our decoder settles on. Handed GBK bytes without an encoding,
libxml2 stops at the first byte it cannot read as UTF-8 and returns an almost empty tree
in a few microseconds, which would make any parser look slow; parsing the decoded text
instead is reported beside it. The figure is the ratio of the summed per-page medians
(every page counts by its own cost), with the per-page ratios in the details.

A seed-sized variant (the GBK seed with its body repeated to about 22 KB, the size of
a typical live article) is measured and reported too, outside the target's page set.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import lxml.html

from benchmarks.common import REPO, Row, median_seconds
from newsarchive.decoding import decode_html
from newsarchive.extract import parse_article

PAGES = REPO / "fixtures" / "pages"
SEED = "seed_simplified_gbk"
TARGET_PAGES = ("seed_simplified_gbk", "seed_traditional_pinyin")
VARIANT_SIZE = 22 * 1024
FETCHED = datetime(2024, 10, 24, 1, 5, 17, tzinfo=UTC)
MAX_LXML_RATIO = 3.0
MIN_TRAFILATURA_SPEEDUP = 8.0


@dataclass(frozen=True, slots=True)
class Page:
    name: str
    body: bytes
    url: str
    headers: dict[str, str] | None


def article_pages() -> list[Page]:
    """Every golden case that is an article (not the listing or not-found cases)."""
    pages = []
    for case in sorted(p for p in PAGES.iterdir() if p.is_dir()):
        expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
        if "error" in expected:
            continue
        headers_file = case / "headers.json"
        headers = json.loads(headers_file.read_text("utf-8")) if headers_file.is_file() else None
        url = (case / "url.txt").read_text(encoding="utf-8").strip()
        pages.append(Page(case.name, (case / "page.html").read_bytes(), url, headers))
    return pages


def seed_sized(seed: Page, size: int = VARIANT_SIZE) -> Page:
    """The seed with its body paragraphs repeated until the page is about ``size`` bytes."""
    text, encoding = decode_html(seed.body, seed.headers)
    m = re.search(r'(<div class="content" id="mainDiv">)(.*?)(\n\s*</div>)', text, re.S)
    if m is None:
        raise ValueError("seed page layout changed: no div#mainDiv")
    body = m.group(2)
    copies = 1
    while len(text.encode(encoding)) + (copies - 1) * len(body.encode(encoding)) < size:
        copies += 1
    grown = text[: m.start(2)] + body * copies + text[m.end(2) :]
    return Page(f"{seed.name} x{copies} (22 KB)", grown.encode(encoding), seed.url, seed.headers)


@dataclass(frozen=True, slots=True)
class PageTimes:
    name: str
    size: int
    encoding: str
    ours: float
    lxml_bytes: float
    lxml_text: float
    lxml_raw: float
    trafilatura: float | None

    def as_dict(self) -> dict[str, Any]:
        us = 1e6
        return {
            "page": self.name,
            "bytes": self.size,
            "encoding": self.encoding,
            "parse_article_us": round(self.ours * us, 1),
            "lxml_bytes_with_encoding_us": round(self.lxml_bytes * us, 1),
            "lxml_decoded_text_us": round(self.lxml_text * us, 1),
            "lxml_raw_bytes_no_encoding_us": round(self.lxml_raw * us, 1),
            "trafilatura_us": None if self.trafilatura is None else round(self.trafilatura * us),
            "ratio_to_lxml": round(self.ours / self.lxml_bytes, 2),
        }


def _trafilatura() -> Callable[[Page], object] | None:
    try:
        import trafilatura
    except ImportError:
        return None

    def run(page: Page) -> object:
        return trafilatura.bare_extraction(page.body, url=page.url, with_metadata=True)

    return run


def time_page(page: Page, repeat: int, traf_repeat: int) -> PageTimes:
    text, encoding = decode_html(page.body, page.headers)
    parser = lxml.html.HTMLParser(encoding=encoding)
    traf = _trafilatura()

    def ours() -> object:
        return parse_article(page.body, page.url, page.headers, fetched_at=FETCHED)

    return PageTimes(
        name=page.name,
        size=len(page.body),
        encoding=encoding,
        ours=median_seconds(ours, repeat=repeat),
        lxml_bytes=median_seconds(
            lambda: lxml.html.fromstring(page.body, parser=parser), repeat=repeat
        ),
        lxml_text=median_seconds(lambda: lxml.html.fromstring(text), repeat=repeat),
        lxml_raw=median_seconds(lambda: lxml.html.fromstring(page.body), repeat=repeat),
        trafilatura=(
            median_seconds(lambda: traf(page), repeat=traf_repeat, warmup=1) if traf else None
        ),
    )


def run(*, quick: bool = False) -> list[Row]:
    repeat, traf_repeat = (60, 8) if quick else (300, 30)
    pages = article_pages()
    everything = [time_page(p, repeat, traf_repeat) for p in pages]
    timed = [t for t in everything if t.name in TARGET_PAGES]
    others = [t for t in everything if t.name not in TARGET_PAGES]
    seed = next(p for p in pages if p.name == SEED)
    variant = time_page(seed_sized(seed), repeat, traf_repeat)
    ours = sum(t.ours for t in timed)
    lxml_total = sum(t.lxml_bytes for t in timed)
    ratio = ours / lxml_total
    details = {
        "pages": [t.as_dict() for t in timed],
        "seed_sized_22kb": variant.as_dict(),
        "other_cases": [t.as_dict() for t in others],
        "baseline": "lxml.html.fromstring(bytes, HTMLParser(encoding=decoded encoding))",
        "parse_article_sum_us": round(ours * 1e6, 1),
        "lxml_sum_us": round(lxml_total * 1e6, 1),
    }
    rows = [
        Row(
            "extraction vs lxml (seed pages)",
            f"{ratio:.2f}x lxml ({ours / len(timed) * 1e6:.0f} us/page mean)",
            f"<= {MAX_LXML_RATIO:g}x",
            ratio <= MAX_LXML_RATIO,
            details,
        ),
        Row(
            "extraction vs lxml (22 KB seed variant)",
            f"{variant.ours / variant.lxml_bytes:.2f}x lxml ({variant.ours * 1e6:.0f} us)",
            f"<= {MAX_LXML_RATIO:g}x",
            variant.ours / variant.lxml_bytes <= MAX_LXML_RATIO,
            {"page": variant.as_dict()},
        ),
    ]
    if all(t.trafilatura is not None for t in timed):
        speedup = sum(t.trafilatura or 0.0 for t in timed) / ours
        rows.append(
            Row(
                "extraction vs trafilatura",
                f"{speedup:.1f}x faster",
                f">= {MIN_TRAFILATURA_SPEEDUP:g}x",
                speedup >= MIN_TRAFILATURA_SPEEDUP,
                {"trafilatura_sum_us": round(sum(t.trafilatura or 0 for t in timed) * 1e6)},
            )
        )
    else:
        rows.append(Row("extraction vs trafilatura", "not installed", ">= 8x", None, {}))
    return rows


def pages_by_name() -> dict[str, Page]:
    """For profiling one page by name (``benchmarks/profile_extract.py``)."""
    pages = article_pages()
    seed = next(p for p in pages if p.name == SEED)
    variant = seed_sized(seed)
    return {p.name: p for p in [*pages, variant]} | {"seed_22kb": variant}


def _main() -> None:
    for row in run(quick=True):
        print(row.target, row.figure, row.status)
        for page in row.details.get("pages", []) + row.details.get("other_cases", []):
            print("  ", page)


if __name__ == "__main__":
    _main()
