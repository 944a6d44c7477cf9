"""Faults the mirror can inject, to prove the crawler survives an old CMS on a shared host.

``newsarchive mirror --faults SPEC`` serves the fixture site with the faults named in
SPEC (``all``, or a comma list such as ``slow,reset,trap``, plus ``key=value`` options).

Transient faults hit a fixed, hash-chosen share of article and listing pages on their
first ``times`` requests, then the page is served whole, so a crawler that retries gets
every good article:

* ``slow``: the answer comes after ``slow_seconds`` (beyond the crawler's timeout);
* ``unavailable``: 503 with ``Retry-After: 1``; ``error``: 500;
* ``reset``: the connection is reset before any answer;
* ``truncate``: a ``Content-Length`` larger than the body that is sent.

Persistent faults change some pages for good: ``charset`` (the HTTP header names the
wrong charset), ``badbytes`` (invalid byte sequences inside the body).

Trap faults add links to the home page, each to a page that must be refused:
``bomb`` (gzip bomb), ``huge`` (over the size limit), ``loop`` (redirect loop),
``offsite`` (redirects and a ``<base href>`` towards ``canary``, and an off-site view
counter), ``trap`` (endless pagination with calendar links), ``session`` (session-id
variants of real article URLs).

Which page gets which fault is a pure function of its path, so a test can ask the plan.
"""

from __future__ import annotations

import gzip
import re
import threading
import zlib
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import parse_qsl, urlencode, urlsplit

TRANSIENT = ("slow", "unavailable", "error", "reset", "truncate")
PERSISTENT = ("charset", "badbytes")
TRAPS = ("bomb", "huge", "loop", "offsite", "trap", "session")
ALL = TRANSIENT + PERSISTENT + TRAPS

FAULT_PREFIX = "/faults/"
#: Pages that may get a transient or persistent fault: articles (their further pages,
#: ``453300_2.html``, included) and channel listings.
_TARGETS = re.compile(r"(/\d{4}/\d{4}/\d+(?:_\d+)?\.html|/list_\d+_\d+\.html)$")
_SESSION_KEYS = frozenset({"phpsessid", "sid", "jsessionid"})
_PATH_SESSION = re.compile(r";jsessionid=[^/;?#]*", re.IGNORECASE)


class FaultSpecError(ValueError):
    """SPEC names an unknown fault or a malformed option."""


@dataclass(frozen=True)
class FaultSpec:
    kinds: frozenset[str]
    times: int = 1
    slow_seconds: float = 3.0
    canary: str = "http://127.0.0.2:9/"
    bomb_megabytes: int = 64
    huge_megabytes: int = 4

    @classmethod
    def parse(cls, spec: str) -> FaultSpec:
        kinds: set[str] = set()
        options: dict[str, str] = {}
        for item in (part.strip() for part in spec.split(",")):
            if not item:
                continue
            if "=" in item:
                key, _, value = item.partition("=")
                options[key.strip()] = value.strip()
            elif item == "all":
                kinds.update(ALL)
            elif item in ALL:
                kinds.add(item)
            else:
                raise FaultSpecError(f"unknown fault {item!r} (known: all, {', '.join(ALL)})")
        try:
            parsed = cls(
                frozenset(kinds),
                times=int(options.pop("times", 1)),
                slow_seconds=float(options.pop("slow_seconds", 3.0)),
                canary=options.pop("canary", cls.canary),
                bomb_megabytes=int(options.pop("bomb_megabytes", 64)),
                huge_megabytes=int(options.pop("huge_megabytes", 4)),
            )
        except ValueError as exc:
            raise FaultSpecError(f"bad fault option: {exc}") from None
        if options:
            raise FaultSpecError(f"unknown fault option(s): {', '.join(sorted(options))}")
        return parsed


@dataclass(frozen=True)
class Extra:
    """A reply for a trap URL: status, body, headers."""

    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def _slot(path: str, salt: str, slots: int) -> int:
    return zlib.crc32(f"{salt}:{path}".encode()) % slots


class FaultPlan:
    """Decides, per request, which fault (if any) the mirror injects."""

    def __init__(self, spec: FaultSpec) -> None:
        self.spec = spec
        self._transient = tuple(k for k in TRANSIENT if k in spec.kinds)
        self._persistent = tuple(k for k in PERSISTENT if k in spec.kinds)
        self._attempts: Counter[str] = Counter()
        self._lock = threading.Lock()
        self.injected: Counter[str] = Counter()

    # --- which page gets what -----------------------------------------------------------

    def transient_for(self, path: str) -> str | None:
        """The transient fault a page gets on its first requests (one page in three)."""
        if not self._transient or not _TARGETS.search(path):
            return None
        slot = _slot(path, "transient", len(self._transient) * 3)
        return self._transient[slot] if slot < len(self._transient) else None

    def persistent_for(self, path: str) -> str | None:
        """The persistent fault an article page gets (one in six)."""
        if not self._persistent or not _TARGETS.search(path) or "/list_" in path:
            return None
        slot = _slot(path, "persistent", len(self._persistent) * 6)
        return self._persistent[slot] if slot < len(self._persistent) else None

    def take_transient(self, path: str) -> str | None:
        """The transient fault to inject on this request, counting attempts."""
        kind = self.transient_for(path)
        if kind is None:
            return None
        with self._lock:
            self._attempts[path] += 1
            if self._attempts[path] > self.spec.times:
                return None
            self.injected[kind] += 1
        return kind

    def note(self, kind: str) -> None:
        with self._lock:
            self.injected[kind] += 1

    # --- request targets ----------------------------------------------------------------

    def strip_session(self, target: str) -> str:
        """The target without session ids: the portal, like most CMSs, ignores them."""
        if "session" not in self.spec.kinds:
            return target
        parts = urlsplit(target)
        path = _PATH_SESSION.sub("", parts.path)
        query = [(k, v) for k, v in parse_qsl(parts.query) if k.lower() not in _SESSION_KEYS]
        return path + (f"?{urlencode(query)}" if query else "")

    # --- persistent damage ---------------------------------------------------------------

    def damage(self, path: str, body: bytes, headers: dict[str, str]) -> bytes:
        kind = self.persistent_for(path)
        if kind == "charset":
            declared = re.search(rb"charset=[\"']?([\w-]+)", body[:2048])
            lie = b"gbk" if declared and declared.group(1).lower() == b"utf-8" else b"utf-8"
            headers["Content-Type"] = "text/html; charset=" + lie.decode()
            self.note("charset")
        elif kind == "badbytes":
            at = body.find(b"<p>", len(body) // 3)
            if at != -1:
                body = body[: at + 3] + b"\xff\xfe\x80\xfd" + body[at + 3 :]
                self.note("badbytes")
        return body

    # --- trap pages ------------------------------------------------------------------------

    def trap_links(self) -> list[tuple[str, str]]:
        """(href, text) of the links the home page gets for the enabled traps."""
        links: list[tuple[str, str]] = []
        kinds = self.spec.kinds
        if "bomb" in kinds:
            links.append(("/faults/2024/0101/990001.html", "压缩炸弹"))
        if "huge" in kinds:
            links.append(("/faults/2024/0101/990002.html", "超大页面"))
        if "loop" in kinds:
            links.append(("/faults/2024/0101/990003.html", "重定向循环"))
        if "offsite" in kinds:
            links += [
                ("/faults/2024/0101/990005.html", "跳转到其他主机"),
                ("/faults/2024/0101/990006.html", "跳转到localhost"),
                ("/faults/2024/0101/990007.html", "站外计数器"),
                ("/faults/base/list_98_1.html", "base href"),
                ("//127.0.0.2/faults/2024/0101/990008.html", "协议相对链接"),
                ("javascript:location='http://127.0.0.2/'", "脚本链接"),
            ]
        if "trap" in kinds:
            links.append(("/faults/trap/list_99_1.html", "无尽分页"))
        if "session" in kinds:
            links += [
                ("/robot/2024/1118/453209.html?PHPSESSID=5f2b9c0e1d", "会话一"),
                ("/robot/2024/1118/453209.html;jsessionid=A1B2C3", "会话二"),
                ("/robot/list_8_1.html?sid=77aa", "会话列表"),
            ]
        return links

    def inject_links(self, body: bytes) -> bytes:
        """Add the trap links to a (UTF-8) home page, as one more ``ul.list_jc``."""
        items = "".join(f'<li><a href="{h}" title="{t}">{t}</a></li>' for h, t in self.trap_links())
        block = f'<ul class="list_jc">{items}</ul>'.encode()
        at = body.rfind(b"</body>")
        return body[:at] + block + body[at:] if at != -1 else body + block

    @cached_property
    def _bomb(self) -> bytes:
        return gzip.compress(b"\0" * (self.spec.bomb_megabytes << 20), compresslevel=9)

    def extra(self, path: str) -> Extra | None:
        """The reply for a trap URL, or None when ``path`` is not one."""
        if not path.startswith(FAULT_PREFIX):
            return None
        html = {"Content-Type": "text/html; charset=utf-8"}
        name = path.rsplit("/", 1)[-1]
        canary = self.spec.canary.rstrip("/")
        if name == "990001.html" and "bomb" in self.spec.kinds:
            self.note("bomb")
            return Extra(200, self._bomb, {**html, "Content-Encoding": "gzip"})
        if name == "990002.html" and "huge" in self.spec.kinds:
            self.note("huge")
            filler = "<p>" + "很长的段落。" * 2000 + "</p>\n"
            repeat = (self.spec.huge_megabytes << 20) // len(filler.encode()) + 1
            return Extra(200, _page("超大页面", filler * repeat).encode(), html)
        if name in ("990003.html", "990004.html") and "loop" in self.spec.kinds:
            self.note("loop")
            other = "990004.html" if name == "990003.html" else "990003.html"
            return Extra(302, b"", {"Location": f"/faults/2024/0101/{other}"})
        if "offsite" in self.spec.kinds:
            if name == "990005.html":
                self.note("offsite")
                return Extra(302, b"", {"Location": f"{canary}/stolen/990005.html"})
            if name == "990006.html":
                self.note("offsite")
                return Extra(302, b"", {"Location": "http://localhost/robot/list_8_1.html"})
            if name == "990007.html":
                self.note("offsite")
                body = _page(
                    "站外计数器测试文章",
                    "<p>这篇文章的浏览计数脚本指向另一台主机，爬虫不应请求它。</p>"
                    f'<script src="{canary}/plus/count.php?view=yes&aid=990007&mid=1">'
                    "</script>",
                )
                return Extra(200, body.encode(), html)
            if path == "/faults/base/list_98_1.html":
                self.note("offsite")
                body = (
                    f'<html><head><base href="{canary}/"><title>列表</title></head><body>'
                    '<div class="listl list2"><ul>'
                    '<li><h3><a href="robot/2024/1118/453209.html">基准链接</a></h3>'
                    "<span>2024-11-18</span></li></ul></div></body></html>"
                )
                return Extra(200, body.encode(), html)
        if "trap" in self.spec.kinds:
            page = re.fullmatch(r"/faults/trap/list_99_(\d+)\.html", path)
            if page:
                self.note("trap")
                number = int(page.group(1))
                return Extra(200, _trap_page(number).encode(), html)
        return None


def _page(title: str, body: str) -> str:
    return (
        f"<html><head><meta charset='utf-8'><title>{title}_人工智能实验室</title></head>"
        f"<body><h1>{title}</h1><div class='info'>来源:测试&nbsp;发布日期:2024-01-01"
        f"</div><div id='mainDiv' class='content'>{body}</div></body></html>"
    )


def _trap_page(number: int) -> str:
    """Page N of an endless listing: new-looking links every time, and a calendar."""
    items = "".join(
        f'<li><h3><a href="/faults/trap/2099/0101/99{number:04d}{i}.html">陷阱{number}-{i}</a>'
        f"</h3><span>2099-01-01</span></li>"
        for i in range(3)
    )
    calendar = "".join(f'<a href="/faults/cal/?d=2024-01-{d:02d}">{d}</a>' for d in range(1, 8))
    return (
        "<html><head><meta charset='utf-8'><title>陷阱</title></head><body>"
        f"<div class='listl list2'><ul>{items}</ul></div><div class='calendar'>{calendar}</div>"
        f'<a href="/faults/trap/list_99_{number + 1}.html">下一页</a></body></html>'
    )
