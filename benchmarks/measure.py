"""``python -m benchmarks.measure -- CMD...``: run CMD, print its resource use as JSON.

A process of its own per measured command, so that ``RUSAGE_CHILDREN`` (which counts
every descendant that was waited for, grandchildren included: ``newsarchive crawl`` runs
Scrapy in a child) covers exactly that command's process tree.

Peak memory is the peak of the whole tree's RSS *summed* over its processes, sampled
from ``/proc`` every 100 ms (about 2 ms of CPU a scan): ``ru_maxrss`` is only the
largest single process, which would leave out the extraction workers running beside
the crawl. Pages shared between processes count once per process, so the sum is an
upper bound. The larger of the two figures is reported as ``maxrss_mb``.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")
INTERVAL_S = 0.1


def _parents() -> dict[int, int]:
    """pid -> parent pid of every process visible in /proc."""
    out: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        out[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    return out


def tree_rss_bytes(root: int) -> int:
    """Summed RSS of ``root`` and every descendant now alive."""
    parents = _parents()
    children: dict[int, list[int]] = {}
    for pid, ppid in parents.items():
        children.setdefault(ppid, []).append(pid)
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, ()))
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            continue
    return total


def main(argv: list[str]) -> int:
    cmd = argv[1:] if argv and argv[0] == "--" else argv
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=sys.stderr)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(INTERVAL_S):
            peak = max(peak, tree_rss_bytes(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    returncode = proc.wait()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    largest = usage.ru_maxrss / 1024
    tree = peak / 2**20
    print(
        json.dumps(
            {
                "wall_s": wall,
                "cpu_s": usage.ru_utime + usage.ru_stime,
                "maxrss_mb": max(largest, tree),
                "largest_process_rss_mb": largest,
                "tree_rss_mb": tree,
                "returncode": returncode,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
