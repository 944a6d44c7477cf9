"""``python -m benchmarks.fetchall BASE_URL URLS_FILE``: fetch every page, print pages/s.

The check that the benchmark server is not the bottleneck: a trivial asyncio client
with as many keep-alive connections as the crawl uses fetches every page of the site.
If this runs several times faster than the crawl, the crawl measures the crawler.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

CONNECTIONS = 16


async def _worker(host: str, port: int, queue: asyncio.Queue[str], counts: list[int]) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while not queue.empty():
            path = queue.get_nowait()
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode())
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            body = await reader.readexactly(length)
            counts[0] += 1
            counts[1] += len(body)
    finally:
        writer.close()


async def fetch_all(
    base: str, paths: list[str], connections: int = CONNECTIONS
) -> dict[str, float]:
    parts = urlsplit(base)
    queue: asyncio.Queue[str] = asyncio.Queue()
    for p in paths:
        queue.put_nowait(p)
    counts = [0, 0]
    start = time.perf_counter()
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    await asyncio.gather(*(_worker(host, port, queue, counts) for _ in range(connections)))
    wall = time.perf_counter() - start
    return {"pages": counts[0], "bytes": counts[1], "wall_s": wall, "pages_per_s": counts[0] / wall}


def main(argv: list[str]) -> int:
    paths = Path(argv[1]).read_text(encoding="utf-8").split()
    print(json.dumps(asyncio.run(fetch_all(argv[0], paths))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
