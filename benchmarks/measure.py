"""``python -m benchmarks.measure -- CMD...``: run CMD, print its resource use as JSON.

A process of its own per measured command, so that ``RUSAGE_CHILDREN`` (which counts
every descendant that was waited for, grandchildren included: ``newsarchive crawl`` runs
Scrapy in a child) covers exactly that command's process tree.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time


def main(argv: list[str]) -> int:
    cmd = argv[1:] if argv and argv[0] == "--" else argv
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=sys.stderr, check=False)
    wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        json.dumps(
            {
                "wall_s": wall,
                "cpu_s": usage.ru_utime + usage.ru_stime,
                "maxrss_mb": usage.ru_maxrss / 1024,
                "returncode": proc.returncode,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
