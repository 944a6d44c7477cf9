"""Reparse scaling: ``newsarchive reparse`` with two parser processes against one.

Input is the WARC the benchmark crawl recorded (10,000 articles); each run writes a
fresh archive. The figure is the single-worker wall time over the two-worker wall time
(the rate ratio). The command is built alongside the benchmarks; when it, or its
``--jobs`` option, is missing the row says so instead of failing the whole run.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from benchmarks.common import REPO, ChildUsage, Row, run_measured

MIN_SPEEDUP = 1.7


def available() -> str | None:
    """None when ``newsarchive reparse --jobs`` exists, else why the row is pending."""
    proc = subprocess.run(
        [sys.executable, "-m", "newsarchive.cli", "reparse", "--help"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        return "pending: reparse not available"
    if "--jobs" not in proc.stdout:
        return "pending: reparse has no --jobs option"
    return None


def run(warc: Path, work: Path, logs: Path, repeat: int = 2) -> list[Row]:
    """``warc`` holds the crawl's WARC files; ``work`` is scratch space.

    ``repeat`` rounds of one run with each worker count, alternating; the fastest run of
    each count is compared (the least disturbed by anything else on the machine).
    """
    missing = available()
    if missing is not None:
        return [Row("reparse: 2 workers vs 1", missing, f">= {MIN_SPEEDUP}x", None)]
    if not warc.is_dir() or not any(warc.iterdir()):
        return [Row("reparse: 2 workers vs 1", "pending: no WARC", f">= {MIN_SPEEDUP}x", None)]
    runs: dict[int, list[ChildUsage]] = {1: [], 2: []}
    for n in range(repeat):
        for jobs in (1, 2):
            archive = work / f"reparse-{jobs}-{n}"
            cmd = [sys.executable, "-m", "newsarchive.cli", "reparse", "--warc", str(warc)]
            cmd += ["--archive", str(archive), "--jobs", str(jobs)]
            # no memory sampling: it is not a target here, and its reads of each
            # process's memory map cost the two-worker run more than the one-worker run
            result = run_measured(cmd, log=logs / f"reparse-{jobs}.log", memory=False)
            if result.returncode != 0:
                return [
                    Row(
                        "reparse: 2 workers vs 1",
                        f"failed: exit {result.returncode} (see .cache/logs/reparse-{jobs}.log)",
                        f">= {MIN_SPEEDUP}x",
                        None,
                    )
                ]
            runs[jobs].append(result)
    usage = {jobs: min(results, key=lambda u: u.wall_s) for jobs, results in runs.items()}
    speedup = usage[1].wall_s / usage[2].wall_s
    details = {
        f"jobs_{j}": {"wall_s": [round(u.wall_s, 2) for u in results]}
        for j, results in runs.items()
    }
    return [
        Row(
            "reparse: 2 workers vs 1",
            f"{speedup:.2f}x ({usage[1].wall_s:.1f} s -> {usage[2].wall_s:.1f} s)",
            f">= {MIN_SPEEDUP}x",
            speedup >= MIN_SPEEDUP,
            details,
        )
    ]
