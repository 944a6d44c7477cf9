"""``make demo``: serve the bundled mirror, crawl it into an archive, show the result."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path

from newsarchive import cli
from newsarchive.mirror import serving
from newsarchive.storage import layout

#: The port the demo's mirror prefers, so that running the demo again crawls the same
#: URLs and the second crawl is incremental, as a scheduled one is. When it is taken the
#: mirror takes any free port; the pages are then new URLs of known articles, and the
#: crawl records them as duplicates of what the archive holds.
DEMO_PORT = 8642


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsarchive.demo")
    parser.add_argument("--archive", default="archive")
    parser.add_argument("--port", type=int, default=DEMO_PORT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    archive = Path(args.archive).resolve()
    with ExitStack() as stack:
        try:
            server = stack.enter_context(serving(port=args.port))
        except OSError:  # taken: any free port will do
            server = stack.enter_context(serving())
        print(f"portal mirror serving {server.url}")
        code = cli.main(
            [
                "crawl",
                "--base-url",
                server.url,
                "--archive",
                str(archive),
                "--no-throttle",
                "--log-level",
                "WARNING",
            ]
        )
    files = layout.article_files(archive)
    total = 0
    for path in files:
        with path.open("rb") as handle:
            total += sum(1 for _ in handle)
    print(f"{total} article lines in {len(files)} monthly files under {archive / 'articles'}")
    if files:
        print(f"  newest: {files[-1].relative_to(archive)}  (try: head -n1 {files[-1]} | jq .)")
    print(f"run log: {archive / layout.RUNS_FILE}")
    return code


if __name__ == "__main__":
    sys.exit(main())
