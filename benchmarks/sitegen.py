"""Generate a large portal mirror in the fixture mirror's layout (``fixtures/site/``).

The crawl benchmarks need thousands of distinct articles; the fixture mirror has 38.
Pages are built from the seed's template (template A: ``div.viewbox``, ``div.info``,
``div.intro``, ``div#mainDiv.content`` with images, captions and ``01`` markers,
``div.tags``) with text drawn from the fixture articles' own sentences, shuffled per
page so that every article has its own content hash. A share of pages is served as
GBK with ``charset=gb2312`` and a share in traditional script, as on the portal.

Channel listings follow the DedeCMS shape the spider reads (``div.listl.list2 > ul >
li > h3 > a``, a ``下一页`` link), at the configured start paths, so ``newsarchive crawl
--base-url`` crawls the generated site exactly as it crawls the portal. Deterministic:
the same ``count`` and ``seed`` give the same bytes.
"""

from __future__ import annotations

import html
import json
import random
import re
import string
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from newsarchive.extract import parse_article
from newsarchive.mirror import default_site_root
from newsarchive.text import to_traditional

VERSION = 1
"""Bump when the output changes, so cached sites are regenerated."""

CHANNELS: tuple[tuple[str, int, str], ...] = (
    ("robot", 8, "机器学习"),
    ("Intelligent_Robots", 49, "机器人"),
    ("zhanhui", 61, "展会信息港"),
    ("mode/voice", 14, "语音识别"),
)
"""(directory, DedeCMS typeid, name): the channels of ``NEWSARCHIVE_START_PATHS``."""
PER_LISTING = 50
HOME_ENTRIES = 20
GBK_SHARE = 0.15
HANT_SHARE = 0.05
FIRST_AID = 500_000
_SENTENCE_RE = re.compile(r"[^。！？]+[。！？]")
_SOURCES = ("互联网", "新华网", "人民网", "科技日报", "重庆日报", "经济日报")
_TEMPLATES = {
    name: string.Template((Path(__file__).parent / "templates" / f"{name}.html").read_text("utf-8"))
    for name in ("article", "listing")
}
"""Page templates with ``$name`` placeholders (values are HTML-escaped by the caller)."""


@dataclass(frozen=True, slots=True)
class GeneratedArticle:
    path: str
    channel: int
    title: str
    published: datetime


def sentence_pool(site: Path | None = None) -> list[str]:
    """Sentences of the fixture mirror's simplified articles, extracted by our own parser."""
    root = site or default_site_root()
    manifest = json.loads((root / "_manifest.json").read_text(encoding="utf-8"))
    headers = json.loads((root / "_headers.json").read_text(encoding="utf-8"))
    sentences: list[str] = []
    for entry in manifest["articles"]:
        if entry["script"] != "zh-Hans":
            continue
        body = (root / entry["path"].lstrip("/")).read_bytes()
        page_headers = headers.get(entry["path"], {}).get("headers")
        article = parse_article(body, "http://www.ailab.cn" + entry["path"], page_headers)
        for section in article.sections:
            for paragraph in section.paragraphs:
                sentences.extend(s.strip() for s in _SENTENCE_RE.findall(paragraph))
    return sorted({s for s in sentences if 8 <= len(s) <= 160})


def _article_html(
    rng: random.Random, pool: list[str], title: str, when: datetime, aid: int, charset: str
) -> str:
    def paragraph() -> str:
        return "".join(rng.sample(pool, rng.randint(2, 4)))

    lead = paragraph()
    body: list[str] = [f"<p>{html.escape(paragraph())}</p>" for _ in range(rng.randint(2, 4))]
    for n in range(1, rng.randint(2, 4) + 1):
        if rng.random() < 0.7:
            body.append(
                f'<p style="text-align: center;"><img src="/uploads/allimg/{aid}-{n}.jpg" '
                f'alt="{html.escape(title)}" width="600" /></p>'
            )
            body.append(
                f'<p style="text-align: center;">{html.escape(rng.choice(pool))}'
                f"记者 {rng.choice('张王李赵刘陈杨黄')}{rng.choice('明华伟芳军')} 摄/视觉重庆</p>"
            )
        body.append(f"<p><strong>{n:02d}</strong></p>")
        body.extend(f"<p>{html.escape(paragraph())}</p>" for _ in range(rng.randint(4, 9)))
    body.append(f"<p>原标题:{html.escape(title)}</p>")
    keywords = sorted({w for w in re.findall(r"[\u4e00-\u9fff]{2,4}", title)})[:5]
    tags = " ".join(f'<a href="/tags.php?/{k}/">{k}</a>' for k in keywords)
    return _TEMPLATES["article"].substitute(
        charset=charset,
        title=html.escape(title),
        keywords=",".join(keywords),
        lead=html.escape(lead[:120]),
        source=rng.choice(_SOURCES),
        published=f"{when:%Y-%m-%d %H:%M:%S}",
        views=rng.randint(10, 9999),
        body="\n".join(body),
        tags=tags,
    )


def _listing_html(name: str, typeid: int, page: int, pages: int, items: list[str]) -> str:
    nxt = f"<li><a href='list_{typeid}_{page + 1}.html'>下一页</a></li>" if page < pages else ""
    return _TEMPLATES["listing"].substitute(name=name, page=page, next=nxt, items="\n".join(items))


def _articles(count: int, rng: random.Random, pool: list[str]) -> Iterator[GeneratedArticle]:
    start = datetime(2022, 1, 1, 8, 0, 0)
    for i in range(count):
        channel = i % len(CHANNELS)
        when = start + timedelta(seconds=rng.randint(0, 3 * 365 * 86400))
        title = "".join(rng.sample(pool, 1))[:28].rstrip("。！？，,")
        path = f"/{CHANNELS[channel][0]}/{when:%Y/%m%d}/{FIRST_AID + i}.html"
        yield GeneratedArticle(path, channel, f"{title}({i})", when)


def generate(out: Path, count: int, *, seed: int = 5) -> list[str]:
    """Write a site of ``count`` articles under ``out``; return every page's path.

    ``out/urls.txt`` lists the same paths (listings and articles), for the plain fetch
    client that shows the server keeps up.
    """
    rng = random.Random(seed)
    pool = sentence_pool()
    articles = list(_articles(count, rng, pool))
    paths: list[str] = []
    for n, art in enumerate(articles):
        aid = FIRST_AID + n
        roll = rng.random()
        if roll < HANT_SHARE:
            markup = _article_html(rng, pool, art.title, art.published, aid, "utf-8")
            data = to_traditional(markup).encode("utf-8")
        elif roll < HANT_SHARE + GBK_SHARE:
            markup = _article_html(rng, pool, art.title, art.published, aid, "gb2312")
            data = markup.encode("gb18030")
        else:
            data = _article_html(rng, pool, art.title, art.published, aid, "utf-8").encode()
        file = out / art.path.lstrip("/")
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(data)
        paths.append(art.path)
    for index, (directory, typeid, name) in enumerate(CHANNELS):
        mine = sorted(
            (a for a in articles if a.channel == index), key=lambda a: a.published, reverse=True
        )
        pages = max(1, -(-len(mine) // PER_LISTING))
        for page in range(1, pages + 1):
            chunk = mine[(page - 1) * PER_LISTING : page * PER_LISTING]
            items = [
                f'<li><h3><a href="{a.path.split("/", 2 + directory.count("/"))[-1]}">'
                f"{html.escape(a.title)}</a></h3><span>[{name}] {a.published:%Y-%m-%d}</span></li>"
                for a in chunk
            ]
            rel = f"{directory}/list_{typeid}_{page}.html"
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            (out / rel).write_text(_listing_html(name, typeid, page, pages, items), "utf-8")
            paths.append("/" + rel)
    newest = sorted(articles, key=lambda a: a.published, reverse=True)[:HOME_ENTRIES]
    home = [
        f'<li><span>{a.published:%m-%d}</span><a href="{a.path}" title="{html.escape(a.title)}">'
        f"{html.escape(a.title)}</a></li>"
        for a in newest
    ]
    (out / "index.html").write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>人工智能实验室</title></head>"
        f"<body><ul class='list_jc'>{''.join(home)}</ul></body></html>",
        "utf-8",
    )
    paths.append("/")
    (out / "robots.txt").write_text("User-agent: *\nDisallow: /plus/\n", "utf-8")
    (out / "urls.txt").write_text("\n".join(paths) + "\n", "utf-8")
    return paths


def cached_site(count: int) -> Path:
    """The generated site for ``count`` articles under ``benchmarks/.cache``, built once."""
    from benchmarks.common import cached_build

    return cached_build(f"site-{count}-v{VERSION}", lambda out: generate(out, count))
