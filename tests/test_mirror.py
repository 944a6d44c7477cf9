"""The loopback mirror's routing rules, on a small site made here."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from newsarchive.mirror import Site, serving


@pytest.fixture()
def site(tmp_path: Path) -> Site:
    (tmp_path / "robot").mkdir()
    (tmp_path / "plus").mkdir()
    (tmp_path / "index.html").write_text("home", encoding="utf-8")
    (tmp_path / "index@page=2.html").write_text("home 2", encoding="utf-8")
    (tmp_path / "robot" / "index.html").write_text("channel", encoding="utf-8")
    (tmp_path / "robot" / "1.html").write_bytes("正文".encode("gbk"))
    (tmp_path / "404.html").write_text("系统提示", encoding="utf-8")
    (tmp_path / "_manifest.json").write_text("{}", encoding="utf-8")
    (tmp_path / "plus" / "count.json").write_text(json.dumps({"1": 990}), encoding="utf-8")
    (tmp_path / "_headers.json").write_text(
        json.dumps({"/robot/1.html": {"headers": {"Content-Type": "text/html; charset=gbk"}}}),
        encoding="utf-8",
    )
    return Site(tmp_path)


def test_paths_and_queries(site: Site) -> None:
    assert site.resolve("/").body == b"home"
    assert site.resolve("/?page=2").body == b"home 2"
    assert site.resolve("/robot/").body == b"channel"
    assert site.resolve("/?page=3").status == 404


def test_headers_override_and_default_content_type(site: Site) -> None:
    assert site.resolve("/robot/1.html").headers["Content-Type"] == "text/html; charset=gbk"
    assert site.resolve("/").headers["Content-Type"] == "text/html"


def test_counter(site: Site) -> None:
    reply = site.resolve("/plus/count.php?view=yes&aid=1&mid=1")
    assert (reply.status, reply.body) == (200, b"document.write('990');")
    assert site.resolve("/plus/count.php?view=yes&aid=2&mid=1").status == 404


@pytest.mark.parametrize(
    "target", ["/_manifest.json", "/_headers.json", "/../etc/passwd", "/robot/../../x", "/nope"]
)
def test_hidden_and_missing_are_404(site: Site, target: str) -> None:
    reply = site.resolve(target)
    assert reply.status == 404
    assert reply.body == "系统提示".encode()


def test_real_server_on_port_zero(site: Site) -> None:
    with serving(site.root) as server:
        assert server.url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(server.url + "robot/1.html", timeout=5) as resp:
            assert resp.read().decode("gbk") == "正文"
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(server.url + "missing.html", timeout=5)
        assert err.value.code == 404
