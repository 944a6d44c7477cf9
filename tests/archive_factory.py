"""Small archives built through the real Archive API, for export and verify tests."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from newsarchive.storage.archive import Archive


def record(n: int, published_at: str | None, text: str = "", **fields: Any) -> dict[str, Any]:
    """A valid article record; ``text`` changes the body (and so the content hash)."""
    url = f"http://www.ailab.cn/robot/2024/1024/{n}.html"
    body = f"正文{n}{text}"
    base: dict[str, Any] = {
        "id": hashlib.sha256(url.encode()).hexdigest()[:16],
        "url": url,
        "title": f"标题{n}",
        "original_title": None,
        "source": "新华网",
        "published_at": published_at,
        "published_raw": published_at[:16].replace("T", " ") if published_at else None,
        "views": n,
        "summary": None,
        "sections": [
            {"heading": None, "paragraphs": [body]},
            {"heading": "01", "paragraphs": ["b"]},
        ],
        "images": [
            {"url": "http://www.ailab.cn/a.jpg", "alt": None, "caption": "图", "credit": None}
        ],
        "keywords": ["机器人", "AI"],
        "related": [{"title": "相关", "url": "http://www.ailab.cn/x.html"}],
        "script": "zh-Hans",
        "content_hash": hashlib.sha256(body.encode()).hexdigest(),
        "fetched_at": "2024-11-01T00:00:00Z",
        "schema_version": 1,
    }
    base.update(fields)
    return base


def put(archive: Archive, rec: dict[str, Any]) -> dict[str, Any]:
    """Through the same decide/store/alias steps a crawl takes."""
    decision = archive.decide(rec)
    if decision.verdict.value in ("new", "revision"):
        return archive.store(rec, decision)
    archive.record_duplicate(rec, decision)
    return rec


def build(root: Path, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    with Archive(root, fsync=False) as archive:
        return [put(archive, r) for r in records]
