"""Shared helpers: timing, child-process resource use, the results table and file."""

from __future__ import annotations

import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
CACHE = BENCH_DIR / ".cache"
RESULTS = BENCH_DIR / "results.json"


def cached_build(name: str, build: Callable[[Path], object]) -> Path:
    """``CACHE/name``, built by ``build(path)`` once; rebuilt if a build never finished.

    The ``.complete`` stamp is written last, so an interrupted build is not mistaken for
    a finished one.
    """
    import shutil

    out = CACHE / name
    stamp = out / ".complete"
    if not stamp.is_file():
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        build(out)
        stamp.write_text("ok\n")
    return out


def median_seconds(fn: Callable[[], object], *, repeat: int, warmup: int = 3) -> float:
    """Median wall time of ``fn()`` over ``repeat`` calls, after ``warmup`` untimed calls.

    The median, not the mean: a 2-core VM has scheduler hiccups that would otherwise
    decide the figure.
    """
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


@dataclass(frozen=True, slots=True)
class ChildUsage:
    """What a finished child process tree cost: wall, CPU and peak resident memory."""

    wall_s: float
    cpu_s: float
    maxrss_mb: float
    returncode: int
    largest_process_rss_mb: float = 0.0
    tree_pss_mb: float = 0.0
    tree_rss_mb: float = 0.0


def run_measured(
    cmd: Sequence[str],
    *,
    env: dict[str, str] | None = None,
    log: Path,
    memory: bool = True,
) -> ChildUsage:
    """Run ``cmd`` in a fresh measuring process and return its tree's resource use.

    ``getrusage(RUSAGE_CHILDREN)`` reports the *largest* peak RSS of any child ever
    reaped, so measuring two crawls from one process would report the larger of both.
    A fresh ``python -m benchmarks.measure`` per command gives each its own figure, and
    samples the tree's summed RSS as well (see ``benchmarks.measure``). ``memory=False``
    leaves sampling out, which costs the command some of its speed, where its memory
    is not what is measured.
    """
    wrapper = [sys.executable, "-m", "benchmarks.measure"]
    wrapper += [] if memory else ["--interval", "0"]
    wrapper += ["--", *cmd]
    with log.open("wb") as out:
        proc = subprocess.run(
            wrapper, env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=out, check=False
        )
    lines = proc.stdout.decode("utf-8", "replace").strip().splitlines()
    data = json.loads(lines[-1]) if lines else {}
    if not data:
        raise RuntimeError(f"measure failed for {cmd!r}; see {log}")
    return ChildUsage(**data)


def self_children_usage() -> tuple[float, float]:
    """(CPU seconds, peak RSS MB) of this process's reaped children so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def process_cpu_seconds(pid: int) -> float:
    """User+system CPU of a running process (Linux ``/proc``): a server we have not reaped."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


def machine() -> dict[str, Any]:
    """Where the figures came from: they are only comparable on the same kind of machine."""
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    versions: dict[str, str] = {}
    for name in ("scrapy", "lxml", "trafilatura", "opencc", "twisted"):
        try:
            from importlib.metadata import version

            versions[name] = version(name)
        except Exception:
            versions[name] = "-"
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(mem_gb, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": versions,
    }


@dataclass
class Row:
    """One target: the measured figure, the bound it must meet, and whether it does."""

    target: str
    figure: str
    bound: str
    ok: bool | None
    """None when the row could not be measured (``pending``)."""
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def status(self) -> str:
        return "pending" if self.ok is None else ("met" if self.ok else "MISSED")


def print_table(rows: Sequence[Row]) -> None:
    """A plain-text table: target, figure, bound, status."""
    header = ("target", "figure", "bound", "status")
    cells = [header, *((r.target, r.figure, r.bound, r.status) for r in rows)]
    widths = [max(len(c[i]) for c in cells) for i in range(4)]
    for i, cell in enumerate(cells):
        print("  ".join(v.ljust(w) for v, w in zip(cell, widths, strict=True)).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))


def write_results(
    rows: Sequence[Row], path: Path = RESULTS, *, load_before: Sequence[float] = ()
) -> None:
    """The figures with the machine they came from and how busy it was.

    The load average is recorded because the ratios assume nothing else competes for
    the two cores; a run on a busy machine says so in its own file.
    """
    data = {
        "generated_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": machine(),
        "load_average": {"before": list(load_before), "after": list(os.getloadavg())},
        "rows": [asdict(r) | {"status": r.status} for r in rows],
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
