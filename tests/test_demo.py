"""``make demo`` (``python -m newsarchive.demo``): a second run is incremental."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.conftest import REPO


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def demo(archive: Path, port: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsarchive.demo", "--archive", str(archive), "--port", str(port)],
        cwd=REPO, env=dict(os.environ), capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


def runs(archive: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (archive / "runs.jsonl").read_text().splitlines()]


def test_second_demo_finds_nothing_new(tmp_path: Path) -> None:
    port = free_port()
    first, second = demo(tmp_path / "a", port), demo(tmp_path / "a", port)
    assert first.returncode == 0 and second.returncode == 0, second.stderr[-2000:]
    assert f"serving http://127.0.0.1:{port}/" in first.stdout
    one, two = runs(tmp_path / "a")
    assert one["new"] > 0
    assert (two["new"], two["updated"], two["duplicates"], two["errors"]) == (0, 0, 0, 0)


def test_a_taken_port_is_no_failure(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = int(taken.getsockname()[1])
        result = demo(tmp_path / "a", port)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "portal mirror serving http://127.0.0.1:" in result.stdout
    assert f":{port}/" not in result.stdout
    assert runs(tmp_path / "a")[0]["new"] > 0
