"""Reparse with workers: WARC files read in spans, apart, and put back in reading order.

The reference is ``WarcReader`` (each file read whole, in this process) followed by
``parse_job``, which is what ``--jobs 1`` does. The span pipeline must hand the same
parsed responses to the archive, in the same order, with the same read statistics,
however the files are cut, whatever order the answers come back in, and whatever
damage the files carry.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import shutil
import zlib
from collections import deque
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pytest

from newsarchive import settings
from newsarchive.reparse import run as reparse_run
from newsarchive.reparse import work
from newsarchive.reparse.classify import Classifier, Kind
from newsarchive.reparse.pool import WorkerFailed, Workers
from newsarchive.reparse.run import Options, ReparseFailed, SpanPipeline, reparse
from newsarchive.reparse.work import Config, Job, Parsed, Parser, SpanTask, parse_job
from newsarchive.warc import writer as writer_module
from newsarchive.warc.digests import DigestStore
from newsarchive.warc.files import DIGESTS_FILE
from newsarchive.warc.reader import CALLBACK_FIELD, RUN_FIELD, Entry, ReadStats, Span, WarcReader
from newsarchive.warc.writer import Exchange, WarcWriter
from tests.conftest import SITE, read_archive
from tests.warc_helpers import member_offsets

BASE = "http://127.0.0.1:8000"
CONFIG = Config("zh-Hans", tuple(settings.NEWSARCHIVE_ARTICLE_URL_PATTERNS))
CLASSIFY = Classifier.build(CONFIG.article_patterns)
SIZES = [400, 2_000, 9_000, 60_000, 10**9]


def _select(url: str, status: int, callback: str | None) -> bool:
    return CLASSIFY.kind(url, callback) is not Kind.OTHER


def _fake_member(text: bytes) -> bytes:
    """A gzip member as a record would be (zlib's): found in a payload, it must not be
    taken for a record."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, 31)
    return compressor.compress(text) + compressor.flush()


def _site_exchanges() -> list[Exchange]:
    headers = json.loads((SITE / "_headers.json").read_text(encoding="utf-8"))
    out = []
    for n, page in enumerate(sorted(SITE.rglob("*.html"))):
        path = "/" + page.relative_to(SITE).as_posix()
        meta = headers.get(path, {})
        extra = {CALLBACK_FIELD: "parse_article"} if n % 2 and "/list_" not in path else {}
        out.append(
            Exchange(
                BASE + path,
                meta.get("status", 200),
                list(meta.get("headers", {"Content-Type": "text/html"}).items()),
                page.read_bytes(),
                extra=extra,
            )
        )
        if n % 5 == 0:  # the same payload under another address: a revisit
            out.append(Exchange(BASE + path + "?utm_source=x", 200, [], page.read_bytes()))
    noise = os.urandom(20_000) + _fake_member(b"WARC/1.1\r\nWARC-Type: response\r\n\r\n")
    out.insert(7, Exchange(f"{BASE}/robot/blob.bin", 200, [], noise + os.urandom(20_000)))
    text = b"<p>a record quoted in a page:\nWARC/1.1\r\nWARC-Type: response\r\n\r\n</p>"
    out.insert(11, Exchange(f"{BASE}/robot/2024/0101/1.html", 200, [], text * 30))
    for aid, views in ((380233, 7), (372418, 12), (1, 3)):
        url = f"{BASE}/plus/count.php?view=yes&aid={aid}&mid=1"
        body = f"document.write('{views}');".encode()
        out.append(Exchange(url, 200, [], body, extra={CALLBACK_FIELD: "parse_counter"}))
    out.append(Exchange(f"{BASE}/plus/count.php?view=yes&aid=391250&mid=1", 503, [], b"busy"))
    return out


@pytest.fixture(scope="module")
def warcs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Two crawl runs into one folder, files rotated small; the second run's unchanged
    pages are revisits of the first run's files.

    The members are compressed with zlib, as most other WARC writers (warcio, wget,
    Heritrix) compress them: zlib stores incompressible data as it is, so the fake member
    in the blob's payload lands in the file byte for byte, the trap these tests need.
    (The project's own writer uses libdeflate, which every other WARC test reads.)
    """
    folder = tmp_path_factory.mktemp("warc")
    exchanges = _site_exchanges()
    files: list[Path] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(writer_module, "_gzip_member", _fake_member)
        for run, chosen in (("r1", exchanges), ("r2", exchanges[::3])):
            store = DigestStore(folder / DIGESTS_FILE)
            with WarcWriter(folder, max_size=100_000, digests=store, info={RUN_FIELD: run}) as w:
                for exchange in chosen:
                    w.write(exchange)
            store.close()
            files += w.files
    assert len(files) >= 4
    return files


def _plain(files: list[Path], folder: Path) -> list[Path]:
    """The same records, uncompressed."""
    out = []
    for path in files:
        plain = folder / path.name.removesuffix(".gz")
        plain.write_bytes(gzip.decompress(path.read_bytes()))
        out.append(plain)
    return out


def _reference(files: list[Path]) -> tuple[list[Parsed], ReadStats]:
    with WarcReader(files, _select) as reader:
        parsed = [
            parse_job(
                Job(r.seq, CLASSIFY.kind(r.url, r.callback), r.url, r.date, r.status,
                    r.headers, r.body, r.run)
            )
            for r in reader.responses()
        ]  # fmt: skip
    return parsed, reader.stats


class InProcess:
    """Workers that run tasks here and answer in a shuffled order."""

    def __init__(self, count: int = 2, depth: int = 2, seed: int = 0) -> None:
        self.parser = Parser(CONFIG)
        self.depth = depth
        self.queues: list[deque[tuple[int, Any]]] = [deque() for _ in range(count)]
        self.random = random.Random(seed)

    @property
    def count(self) -> int:
        return len(self.queues)

    def free(self) -> int | None:
        index = min(range(self.count), key=lambda i: len(self.queues[i]))
        return index if len(self.queues[index]) < self.depth else None

    def send(self, worker: int, task_id: int, task: object) -> None:
        self.queues[worker].append((task_id, task))

    def receive(self) -> list[tuple[int, Any]]:
        queue = self.random.choice([q for q in self.queues if q])
        task_id, task = queue.popleft() if self.random.random() < 0.5 else queue.pop()
        return [(task_id, self.parser.run(task))]


def _pipelined(files: list[Path], span_bytes: int, seed: int = 0) -> tuple[list[Parsed], ReadStats]:
    got: list[Parsed] = []
    with WarcReader([]) as reader:
        workers = InProcess(seed=seed)
        SpanPipeline(workers, CONFIG, reader.replay, got.append, files, span_bytes).run()
    return got, reader.stats


@pytest.mark.parametrize("span_bytes", SIZES)
def test_spans_give_what_reading_whole_files_gives(warcs: list[Path], span_bytes: int) -> None:
    expected, stats = _reference(warcs)
    assert stats.revisits > 5 and stats.files == len(warcs) and not stats.damaged_files
    assert {p.run for p in expected} == {"r1", "r2"}
    got, got_stats = _pipelined(warcs, span_bytes, seed=span_bytes)
    assert got == expected
    assert got_stats == stats


def test_a_payload_that_looks_like_a_record_is_not_taken_for_one(warcs: list[Path]) -> None:
    data = warcs[0].read_bytes()
    fake = _fake_member(b"WARC/1.1\r\nWARC-Type: response\r\n\r\n")
    at = data.find(fake)
    assert at > 0 and at not in [0, *member_offsets(data)]  # the trap is in place
    expected, _ = _reference(warcs[:1])
    for start in range(at - 300, at + 1, 50):  # a span that starts just before the trap
        got, _ = _pipelined(warcs[:1], start)
        assert got == expected


def test_a_whole_record_quoted_at_the_end_of_a_payload_is_not_taken_for_one(
    tmp_path: Path,
) -> None:
    """A plain file's page that ends by quoting a whole record: a span starting before
    the quote finds a record there that reads cleanly to the real next one, so only the
    check against where the span before stopped keeps it out."""
    url = BASE + "/robot/2024/0101/999999.html"
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    http += (SITE / "robot/2024/1024/452817.html").read_bytes()
    quoted = (
        b"WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: " + url.encode()
        + b"\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: "
        + str(len(http)).encode() + b"\r\n\r\n" + http + b"\r\n\r\n"
    )  # fmt: skip
    pages = sorted(SITE.glob("robot/20??/????/*.html"))[:4]
    html = [("Content-Type", "text/html")]
    exchanges = [
        Exchange(BASE + "/" + p.relative_to(SITE).as_posix(), 200, html, p.read_bytes(),
                 extra={CALLBACK_FIELD: "parse_article"})
        for p in pages
    ]  # fmt: skip
    exchanges.insert(2, Exchange(f"{BASE}/robot/quoting.txt", 200, [], b"<pre>\n" * 50 + quoted))
    store = DigestStore(tmp_path / DIGESTS_FILE)
    with WarcWriter(tmp_path, digests=store, info={RUN_FIELD: "r"}) as writer:
        for exchange in exchanges:
            writer.write(exchange)
    store.close()
    (plain,) = _plain(writer.files, tmp_path)
    at = plain.read_bytes().find(quoted)
    expected = _reference([plain])
    assert at > 0 and url not in [p.url for p in expected[0]]
    assert len(expected[0]) == 4 and expected[1].responses == 5  # the quote is no record
    for start in range(at - 300, at + 1, 50):  # a span that starts just before the quote
        assert _pipelined([plain], start) == expected


@pytest.mark.parametrize("span_bytes", [700, 5_000, 10**9])
def test_plain_warc_files_too(warcs: list[Path], tmp_path: Path, span_bytes: int) -> None:
    plain = _plain(warcs, tmp_path)
    assert b"\nWARC/1.1\r\nWARC-Type: response" in plain[0].read_bytes()[2000:]
    expected, stats = _reference(plain)
    assert len(expected) == len(_reference(warcs)[0])
    got, got_stats = _pipelined(plain, span_bytes)
    assert (got, got_stats) == (expected, stats)


def _damaged_copies(warcs: list[Path], folder: Path) -> list[Path]:
    """Copies with every kind of damage: cut inside a record, a flipped byte, a torn
    member at the end, a file of garbage, a file that is not there."""
    for path in [*warcs, warcs[0].parent / DIGESTS_FILE]:
        shutil.copy(path, folder / path.name)
    files = [folder / p.name for p in warcs]
    ends = member_offsets(files[0].read_bytes())
    os.truncate(files[0], ends[len(ends) // 2] + 60)
    data = bytearray(files[1].read_bytes())
    ends = member_offsets(bytes(data))
    data[ends[len(ends) // 3] + 200] ^= 0xFF
    files[1].write_bytes(bytes(data))
    with files[2].open("ab") as handle:
        handle.write(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03 torn")
    garbage = folder / "garbage.warc.gz"
    garbage.write_bytes(b"\x1f\x8b\x08" + os.urandom(5000))
    return [files[0], garbage, files[1], folder / "missing.warc.gz", *files[2:]]


@pytest.mark.parametrize("span_bytes", SIZES)
def test_damage_is_read_alike_however_the_file_is_cut(
    warcs: list[Path], tmp_path: Path, span_bytes: int
) -> None:
    """The same records before each damage, the same read past a flipped byte (to the
    next whole record), the same torn ends, whatever spans the files are cut into."""
    files = _damaged_copies(warcs, tmp_path)
    expected, stats = _reference(files)
    assert len(stats.damaged_files) == 5
    flipped = [p.url for p in _reference([files[2]])[0]]
    whole = [p.url for p in _reference([warcs[1]])[0]]
    assert len(flipped) >= len(whole) - 1 and [u for u in whole if u in flipped] == flipped
    assert flipped[-1] == whole[-1]  # read to the end, past the damage
    for seed in range(3):
        got, got_stats = _pipelined(files, span_bytes, seed)
        assert got == expected
        assert got_stats == stats


def test_a_parse_that_raises_stops_the_run_in_order_with_one_line(
    warcs: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    expected, _ = _reference(warcs)
    bad = expected[len(expected) // 2].url

    def parse(job: Job, output_script: str = "zh-Hans", *rest: Any) -> Parsed:
        if job.url == bad:
            raise ValueError("boom\nsecond line")
        return parse_job(job, output_script, *rest)

    monkeypatch.setattr(work, "parse_job", parse)
    got: list[Parsed] = []
    with WarcReader([]) as reader, pytest.raises(ReparseFailed) as failed:
        SpanPipeline(InProcess(), CONFIG, reader.replay, got.append, warcs, 2_000).run()
    assert got == expected[: len(got)] and got[-1].url != bad
    assert expected[len(got)].url == bad  # nothing after it was applied, nothing lost
    message = str(failed.value)
    assert bad in message and "ValueError: boom second line" in message
    assert "\n" not in message


def test_worker_answers_in_order_and_a_dead_worker_is_one_line() -> None:
    pool = Workers(2, _echo_or_die, None)
    try:
        for n in range(6):
            worker = pool.free()
            assert worker is not None or n >= 4
            if worker is None:
                break
            pool.send(worker, n, n)
        got: dict[int, Any] = {}
        while len(got) < 4:
            got.update(pool.receive())
        assert got == {n: n * 2 for n in range(4)}
        worker = pool.free()
        assert worker is not None
        pool.send(worker, 99, "die")
        with pytest.raises(WorkerFailed, match=r"ended without answering \(exit code 3\)$"):
            while True:
                pool.receive()
    finally:
        pool.close()


def _echo_or_die(conn: Connection, config: object) -> None:
    while True:
        task_id, task = conn.recv()
        if task == "die":
            os._exit(3)
        conn.send((task_id, task * 2))


def _comparable(archive: Path) -> dict[str, Any]:
    """What a reparse writes, minus the times views were observed at."""
    articles = sorted(read_archive(archive), key=lambda r: (r["id"], r["revision"]))
    out: dict[str, Any] = {"articles": articles}
    for name, stamp in (("aliases.jsonl", None), ("views.jsonl", "observed_at")):
        path = archive / name
        lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
        out[name] = [{k: v for k, v in json.loads(x).items() if k != stamp} for x in lines]
    return out


def test_reparse_with_worker_processes_writes_what_one_process_writes(
    warcs: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reparse_run, "SPAN_BYTES", 3_000)
    options = Options(
        files=warcs,
        archive=tmp_path / "one",
        jobs=1,
        required=tuple(settings.NEWSARCHIVE_REQUIRED_FIELDS),
        article_patterns=CONFIG.article_patterns,
        retry_codes=frozenset(settings.RETRY_HTTP_CODES),
    )
    one = reparse(options)
    two = reparse(Options(**{**options.__dict__, "archive": tmp_path / "two", "jobs": 2}))
    assert one == two and one.applied.new > 10 and one.counters_used
    assert _comparable(tmp_path / "one") == _comparable(tmp_path / "two")


def test_reparse_failure_is_one_line_and_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsarchive.cli import main

    def fail(options: Options, progress: object = None) -> None:
        raise ReparseFailed("parser process 12 ended without answering (exit code -9)")

    monkeypatch.setattr(reparse_run, "reparse", fail)
    (tmp_path / "w.warc.gz").write_bytes(b"")
    code = main(
        ["reparse", "--warc", str(tmp_path / "w.warc.gz"), "--archive", str(tmp_path / "a")]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert err == "newsarchive reparse: parser process 12 ended without answering (exit code -9)\n"


def test_a_parse_that_raises_in_one_process_is_one_line_too(
    warcs: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def parse(job: Job, output_script: str = "zh-Hans", *rest: Any) -> Parsed:
        raise ValueError("no\nsuch")

    monkeypatch.setattr(work, "parse_job", parse)  # the parser the one process uses
    options = Options(files=warcs, archive=tmp_path, article_patterns=CONFIG.article_patterns)
    with pytest.raises(ReparseFailed, match=r"^parsing http://\S+ failed: ValueError: no such$"):
        reparse(options)


def test_what_crosses_between_processes_pickles_whole(warcs: list[Path]) -> None:
    import dataclasses
    import pickle

    end, events = Parser(CONFIG).span(SpanTask(warcs[0], Span(0, None)))
    entries = [e for e in events if isinstance(e, Entry)]
    parsed = [e.result for e in entries if e.result is not None]
    assert entries and parsed
    for item in [end, *events, *parsed]:
        back = pickle.loads(pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL))
        assert back == item and dataclasses.astuple(back) == dataclasses.astuple(item)


def _alive(pid: int) -> bool:
    """Running, as opposed to gone or a zombie waiting for a reaper."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


def test_workers_end_when_their_parent_is_killed(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    script = (
        "import os, sys, time\n"
        "from newsarchive.reparse.pool import Workers\n"
        "from newsarchive.reparse.work import Config, serve\n"
        "pool = Workers(2, serve, Config())\n"
        "print(' '.join(str(p.pid) for p in pool._procs), flush=True)\n"
        "time.sleep(60)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    pids = [int(p) for p in parent.stdout.readline().split()]
    assert len(pids) == 2 and all(_alive(p) for p in pids)
    parent.send_signal(signal.SIGKILL)
    parent.wait(timeout=10)
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(p) for p in pids)
