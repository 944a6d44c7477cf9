"""Which links the crawl follows."""

from __future__ import annotations

import pytest

from newsarchive import settings
from newsarchive.linkrules import LinkKind, LinkRules

RULES = LinkRules.build(
    ["127.0.0.1"],
    settings.NEWSARCHIVE_ARTICLE_URL_PATTERNS,
    settings.NEWSARCHIVE_LISTING_URL_PATTERNS,
)


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("http://127.0.0.1:8000/robot/2024/1024/452817.html", LinkKind.ARTICLE),
        ("http://127.0.0.1:8000/zh-hant/robot/2024/1024/452817.html", LinkKind.ARTICLE),
        ("http://127.0.0.1:8000/html/12345.html", LinkKind.ARTICLE),
        ("http://127.0.0.1:8000/robot/list_8_2.html", LinkKind.LISTING),
        ("http://127.0.0.1:8000/?page=3", LinkKind.LISTING),
        ("http://127.0.0.1:8000/", LinkKind.LISTING),
        ("http://127.0.0.1:8000/plus/zanzhu.html", None),
        ("http://127.0.0.1:8000/uploads/allimg/241024/1.jpg", None),
        ("http://www.ailab.cn/robot/2024/1024/452817.html", None),
        ("https://bigdata.ailab.cn/list_1_1.html", None),
        ("http://127.0.0.1.example.com/robot/2024/1024/1.html", None),
        ("javascript:void(0)", None),
        ("mailto:editor@ailab.cn", None),
        ("ftp://127.0.0.1/robot/2024/1024/1.html", None),
        ("http://[::1/broken", None),
    ],
)
def test_classify(url: str, kind: LinkKind | None) -> None:
    assert RULES.classify(url) is kind
