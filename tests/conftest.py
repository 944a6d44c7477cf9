"""Shared test fixtures: the loopback portal mirror and a way to run the CLI."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
SITE = REPO / "fixtures" / "site"
SCHEMA = REPO / "newsarchive" / "schema" / "article.schema.json"


def run_cli(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run ``newsarchive ARGS`` in a child process, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "newsarchive.cli", *args],
        cwd=cwd or REPO,
        env=env if env is not None else dict(os.environ),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@contextmanager
def serve_site(root: Path | None = None, *extra: str, log: Path | None = None) -> Iterator[str]:
    """Run ``newsarchive mirror --port 0 [EXTRA]`` on ``root`` in a child process; yield
    its URL. With ``log``, the mirror's stderr (its request log with --verbose) goes there."""
    args = ["mirror", "--port", "0", *extra] + (["--root", str(root)] if root else [])
    stderr = log.open("w") if log else None
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsarchive.cli", *args],
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    try:
        assert line.startswith("serving http://127.0.0.1:"), line
        yield line.split(" ", 1)[1]
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        if stderr:
            stderr.close()


@pytest.fixture(scope="session")
def mirror_url() -> Iterator[str]:
    """The fixture portal served by ``newsarchive mirror --port 0`` in a child process."""
    with serve_site() as url:
        yield url


@pytest.fixture()
def site_copy(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A private, editable copy of the fixture site, served; yields (root, URL)."""
    root = tmp_path / "site"
    shutil.copytree(SITE, root)
    with serve_site(root) as url:
        yield root, url


@pytest.fixture(scope="session")
def manifest() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SITE / "_manifest.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="session")
def schema_validator() -> Any:
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def read_archive(archive: Path) -> list[dict[str, Any]]:
    """Every article record in an archive, in file order."""
    records = []
    for path in sorted((archive / "articles").rglob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            records.append(json.loads(line))
    return records
