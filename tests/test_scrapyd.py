"""The project deploys to a real scrapyd on loopback and its ``ailab`` spider runs there."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsarchive.runlog import read_runs
from tests.conftest import REPO

pytestmark = pytest.mark.integration

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def call(url: str, data: list[tuple[str, str]] | None = None) -> dict[str, Any]:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(url, data=body, timeout=30) as resp:
        result: dict[str, Any] = json.loads(resp.read())
    return result


@pytest.fixture()
def scrapyd(tmp_path: Path) -> Iterator[str]:
    if not (BIN / "scrapyd").exists():
        pytest.skip("scrapyd is not installed (pip install -e '.[dev]')")
    port = free_port()
    home = tmp_path / "scrapyd"
    home.mkdir()
    (home / "scrapyd.conf").write_text(
        "[scrapyd]\nbind_address = 127.0.0.1\n"
        f"http_port = {port}\neggs_dir = eggs\nlogs_dir = logs\ndbs_dir = dbs\n"
        "items_dir =\npoll_interval = 0.5\nmax_proc = 1\n",
        encoding="utf-8",
    )
    proc = subprocess.Popen([str(BIN / "scrapyd")], cwd=home,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(100):
            try:
                call(url + "daemonstatus.json")
                break
            except OSError:
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


PACKAGES = ("newsarchive", "spiders", "pipelines")


def copy_project(project: Path) -> None:
    """The files ``scrapyd-deploy`` builds the egg from, without build leftovers."""
    project.mkdir()
    for name in PACKAGES:
        shutil.copytree(REPO / name, project / name,
                        ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    shutil.copy(REPO / "pyproject.toml", project)
    shutil.copy(REPO / "README.md", project)
    shutil.copy(REPO / "scrapy.cfg", project)


def test_egg_holds_every_module_and_the_schema(tmp_path: Path) -> None:
    """What ``pyproject.toml`` packages is what the project has: a subpackage missing
    from it would leave the crawl without a module wherever it is installed from a
    wheel or an egg, though every test from the source tree passes."""
    if not (BIN / "scrapyd-deploy").exists():
        pytest.skip("scrapyd-client is not installed (pip install -e '.[dev]')")
    project = tmp_path / "project"
    copy_project(project)
    egg = tmp_path / "newsarchive.egg"
    built = subprocess.run([str(BIN / "scrapyd-deploy"), "--build-egg", str(egg)], cwd=project,
                           capture_output=True, text=True, timeout=300, check=False)  # fmt: skip
    assert built.returncode == 0, built.stdout + built.stderr
    with zipfile.ZipFile(egg) as packed:
        names = set(packed.namelist())
    wanted = {
        path.relative_to(project).as_posix()
        for name in PACKAGES
        for path in (project / name).rglob("*")
        if path.suffix in {".py", ".json"}
    }
    assert "newsarchive/workers/pool.py" in wanted
    assert wanted - names == set()


def test_deploy_and_schedule_ailab(scrapyd: str, mirror_url: str, tmp_path: Path) -> None:
    project = tmp_path / "project"
    copy_project(project)
    cfg = (REPO / "scrapy.cfg").read_text(encoding="utf-8")
    (project / "scrapy.cfg").write_text(cfg + f"\n[deploy:local]\nurl = {scrapyd}\n"
                                        "project = newsarchive\n")  # fmt: skip
    deploy = subprocess.run([str(BIN / "scrapyd-deploy"), "local", "--version", "1"],
                            cwd=project, capture_output=True, text=True, timeout=300,
                            check=False)  # fmt: skip
    assert deploy.returncode == 0, deploy.stdout + deploy.stderr
    listed = call(scrapyd + "listspiders.json?project=newsarchive")
    assert listed.get("spiders") == [
        "ailab",
        "article",
    ], listed
    archive = tmp_path / "archive"
    job = call(
        scrapyd + "schedule.json",
        [("project", "newsarchive"), ("spider", "ailab"),
         ("setting", f"NEWSARCHIVE_ARCHIVE={archive}"),
         ("setting", f"NEWSARCHIVE_BASE_URL={mirror_url}"),
         ("setting", "DOWNLOAD_DELAY=0"), ("setting", "AUTOTHROTTLE_ENABLED=False")],
    )  # fmt: skip
    assert job["status"] == "ok"
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        jobs = call(scrapyd + "listjobs.json?project=newsarchive")
        if any(j["id"] == job["jobid"] for j in jobs["finished"]):
            break
        time.sleep(0.5)
    else:
        pytest.fail("the scrapyd job did not finish")
    run = read_runs(archive)[-1]
    assert run["finish_reason"] == "finished" and run["new"] == 36 and run["exit_code"] == 0
