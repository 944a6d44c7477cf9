"""Bad input on the command line: one line on stderr, a non-zero exit, nothing written.

Every crawl here points at a closed loopback port with ``--no-throttle``: a check that
lets a mistake through must fail the test, never reach the network.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.archive_factory import build, record
from tests.conftest import REPO, run_cli
from tests.test_cli import one_line_error

#: A closed port on loopback: a crawl that starts by mistake fails fast, offline.
NOWHERE = ["--base-url", "http://127.0.0.1:9/", "--no-throttle"]


def _modes_ignored() -> bool:
    """True when this process can read a file of mode 000 (root, CAP_DAC_OVERRIDE)."""
    import tempfile

    with tempfile.NamedTemporaryFile() as probe:
        os.chmod(probe.name, 0)
        try:
            open(probe.name).close()
        except PermissionError:
            return False
        return True


needs_file_modes = pytest.mark.skipif(_modes_ignored(), reason="file modes are ignored (root)")


def usage_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, (result.stdout, result.stderr)
    return one_line_error(result.stderr)


# --- 1. --set values -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("item", "says"),
    [
        ("CONCURRENT_REQUESTS=abc", "not a whole number"),
        ("CONCURRENT_REQUESTS=1.5", "not a whole number"),
        ("CONCURRENT_REQUESTS=0", "more than 0"),
        ("DOWNLOAD_DELAY=abc", "not a number"),
        ("DOWNLOAD_DELAY=-1", "0 or more"),
        ("DOWNLOAD_DELAY=nan", "not a finite number"),
        ("DOWNLOAD_TIMEOUT=-1", "more than 0"),
        ("LOG_LEVEL=LOUD", "log level"),
        ("NEWSARCHIVE_FSYNC=maybe", "true or false"),
        ("NEWSARCHIVE_WARC_ENABLED=maybe", "true or false"),
        ("NEWSARCHIVE_REFRESH_DAYS=abc", "not a number"),
        ("NEWSARCHIVE_WARC_MAX_SIZE=abc", "not a whole number"),
        ("NEWSARCHIVE_MAX_LISTING_DEPTH=abc", "not a whole number"),
        ("NEWSARCHIVE_RETRY_AFTER_MAX=abc", "not a number"),
        ("NEWSARCHIVE_SCRIPT=klingon", "zh-Hans"),
        ("NEWSARCHIVE_BASE_URL=http://127.0.0.1:99999/", "port"),
        ("NEWSARCHIVE_REQUIRED_FIELDS=id,bogus", "no record field"),
        ("NEWSARCHIVE_PROGRESS=sometimes", "auto, True or False"),
        ("NEWSARCHIVE_ARTICLE_URL_PATTERNS=[", "not a JSON list"),
        ("NEWSARCHIVE_ARTICLE_URL_PATTERNS=/a(b", "does not compile"),
        ('NEWSARCHIVE_LISTING_URL_PATTERNS=["/list_(", "x"]', "does not compile"),
        ("NEWSARCHIVE_START_PATHS=", "no start path"),
        ("NEWSARCHIVE_ARCHIVE=", "use --archive"),
        ("NEWSARCHIVE_ARCHIVE=/tmp/elsewhere", "use --archive"),
        ("JOBDIR=/tmp/job", "--resume"),
    ],
)
def test_bad_set_value_is_a_usage_error(item: str, says: str, tmp_path: Path) -> None:
    result = run_cli("crawl", *NOWHERE, "--set", item, cwd=tmp_path)
    line = usage_error(result)
    name, _, value = item.partition("=")
    assert name in line and value in line, line
    assert says in line, line
    assert list(tmp_path.iterdir()) == []  # nothing started, nothing written


def test_good_set_values_pass(tmp_path: Path) -> None:
    """Every spelling Scrapy's getint/getfloat/getbool accepts is let through."""
    from newsarchive.cli import build_parser
    from newsarchive.commands.crawl import settings_for

    good = [
        "CONCURRENT_REQUESTS=4", "DOWNLOAD_DELAY=0.25", "DOWNLOAD_TIMEOUT=2.5",
        "DNS_TIMEOUT=1.5", "NEWSARCHIVE_FSYNC=false", "NEWSARCHIVE_WARC_ENABLED=0",
        "ROBOTSTXT_OBEY=True", "LOG_LEVEL=DEBUG", "NEWSARCHIVE_SCRIPT=original",
        "NEWSARCHIVE_REFRESH_DAYS=0", "NEWSARCHIVE_MAX_LISTING_DEPTH=3", "DEPTH_PRIORITY=-1",
        "USER_AGENT=", "NEWSARCHIVE_PROGRESS=auto",
    ]  # fmt: skip
    argv = ["crawl"] + [a for item in good for a in ("--set", item)]
    args = build_parser()[0].parse_args(argv)
    settings = settings_for(args, tmp_path / "archive", "run")
    assert settings["DOWNLOAD_TIMEOUT"] == "2.5"


def test_url_patterns_as_a_json_list_may_hold_commas() -> None:
    from newsarchive.linkrules import pattern_list

    assert pattern_list('["/\\\\d{4}/\\\\d{1,8}\\\\.html$", "/html/"]') == [
        r"/\d{4}/\d{1,8}\.html$",
        "/html/",
    ]
    assert pattern_list("/a/,/b/") == ["/a/", "/b/"]  # Scrapy's comma-separated form
    assert pattern_list(["/a{1,2}/"]) == ["/a{1,2}/"]  # the settings module's list


def test_unknown_setting_warns_and_runs(mirror_url: str, tmp_path: Path) -> None:
    url = mirror_url + "robot/2024/1024/452817.html"
    result = run_cli(
        "crawl", "--base-url", mirror_url, "--no-throttle", "--url", url,
        "--set", "CONCURENT_REQUESTS=4", "--archive", str(tmp_path / "a"),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "CONCURENT_REQUESTS" in line]
    assert len(warnings) == 1 and "warning" in warnings[0], result.stderr
    assert "Traceback" not in result.stderr


def test_known_settings_are_read_from_scrapy_without_importing_it() -> None:
    """The table of setting types agrees with Scrapy's own defaults module."""
    import warnings

    import scrapy.settings.default_settings as scrapy_defaults

    from newsarchive.commands.settingtypes import scrapy_default_types

    types = scrapy_default_types()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name, kind in types.items():
            value = getattr(scrapy_defaults, name)
            if kind is not None:
                assert type(value) is kind, name
    assert types["CONCURRENT_REQUESTS"] is int and types["DOWNLOAD_DELAY"] is int
    # ... and read without importing Scrapy (a fresh interpreter: this one has it loaded)
    code = (
        "import sys; from newsarchive.commands.settingtypes import scrapy_default_types; "
        "types = scrapy_default_types(); "
        "print(len(types), sorted(m for m in sys.modules if m.split('.')[0] == 'scrapy'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert out.stdout.split(" ", 1) == [str(len(types)), "[]\n"], out.stdout


def test_int_settings_scrapy_reads_as_float_are_listed() -> None:
    """A setting whose default is a whole number but which Scrapy reads with getfloat
    (DOWNLOAD_TIMEOUT=2.5) must not be refused as 'not a whole number'."""
    import scrapy

    from newsarchive import settings as project
    from newsarchive.commands.settingtypes import READ_AS_FLOAT, scrapy_default_types

    types = scrapy_default_types()
    source = Path(scrapy.__file__).parent
    read = set()
    for path in source.rglob("*.py"):
        read |= set(re.findall(r'getfloat\(\s*"([A-Z0-9_]+)"', path.read_text("utf-8")))
    int_defaults = {n for n in read if getattr(project, n, None) is None and types.get(n) is int}
    int_defaults |= {n for n in read if type(getattr(project, n, None)) is int}
    assert int_defaults <= READ_AS_FLOAT


def test_range_checked_settings_are_numbers() -> None:
    """A name in the bounds tables that is not a number setting (a typo) checks nothing."""
    from newsarchive.commands.settingtypes import NON_NEGATIVE, POSITIVE, setting_type

    assert all(setting_type(name) in (int, float) for name in POSITIVE | NON_NEGATIVE)


# --- 2, 3. ports -----------------------------------------------------------------------


@pytest.mark.parametrize("port", ["99999", "-1", "65536", "eighty"])
def test_mirror_port_out_of_range(port: str) -> None:
    result = run_cli("mirror", "--port", port)
    assert "port" in usage_error(result)


@pytest.mark.parametrize(
    "args",
    [
        ["--url", "http://127.0.0.1:99999/x.html"],
        ["--url", "http://127.0.0.1:abc/x.html"],
        ["--url", "http://127.0.0.1:0/x.html"],
        ["--start-url", "http://127.0.0.1:65536/"],
        ["--base-url", "http://127.0.0.1:99999/"],
    ],
)
def test_url_with_bad_port(args: list[str], tmp_path: Path) -> None:
    result = run_cli("crawl", *NOWHERE, *args, cwd=tmp_path)
    assert "port" in usage_error(result)
    assert list(tmp_path.iterdir()) == []


# --- 4. --url-file ---------------------------------------------------------------------


@pytest.mark.parametrize("content", ["", "\n\n", "# only a comment\n"])
def test_url_file_without_urls(content: str, tmp_path: Path) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text(content, encoding="utf-8")
    result = run_cli("crawl", *NOWHERE, "--url-file", str(urls), cwd=tmp_path)
    assert "no URLs" in usage_error(result)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["urls.txt"]


def test_url_file_with_a_byte_order_mark_and_crlf(tmp_path: Path) -> None:
    from newsarchive.commands.crawl import read_url_file

    urls = tmp_path / "urls.txt"
    first, second = "http://127.0.0.1:9/robot/2024/1024/452817.html", "http://127.0.0.1:9/a.html"
    urls.write_bytes(f"\ufeff{first}\r\n\r\n# note\r\n{second}\r\n".encode())
    assert read_url_file(str(urls)) == [first, second]


def test_url_file_is_a_directory(tmp_path: Path) -> None:
    result = run_cli("crawl", *NOWHERE, "--url-file", str(tmp_path), cwd=tmp_path)
    assert "is a directory" in usage_error(result)


def test_url_file_that_is_a_device_or_a_pipe(tmp_path: Path) -> None:
    """The crawler reads the file again by its path: a pipe would be empty by then."""
    result = run_cli("crawl", *NOWHERE, "--url-file", "/dev/null", cwd=tmp_path)
    assert "URL file is not a regular file: /dev/null" in usage_error(result)


def test_url_file_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsarchive.commands import crawl
    from newsarchive.commands.common import UsageError

    urls = tmp_path / "urls.txt"
    urls.write_text("http://127.0.0.1:9/a.html\n", encoding="utf-8")

    def denied(path: Path) -> list[str]:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(crawl, "read_url_lines", denied)
    with pytest.raises(UsageError, match=r"cannot read URL file .*: Permission denied"):
        crawl.read_url_file(str(urls))


@needs_file_modes
def test_url_file_mode_000(tmp_path: Path) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text("http://127.0.0.1:9/a.html\n", encoding="utf-8")
    urls.chmod(0)
    result = run_cli("crawl", *NOWHERE, "--url-file", str(urls), cwd=tmp_path)
    assert "Permission denied" in usage_error(result)


# --- 5. --archive '' -------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["crawl", *NOWHERE, "--archive", ""],
        ["crawl", *NOWHERE, "--archive", "  "],
        ["export", "--archive", ""],
        ["reparse", "--archive", ""],
        ["status", "--archive", ""],
        ["status", ""],
        ["reindex", "--archive", ""],
        ["reindex", ""],
        ["verify", ""],
    ],
)
def test_empty_archive_is_a_usage_error(args: list[str], tmp_path: Path) -> None:
    (tmp_path / "archive").mkdir()  # status and reindex used to fall back to it
    result = run_cli(*args, cwd=tmp_path)
    assert "archive" in usage_error(result).replace(str(tmp_path), "")
    assert [p.name for p in tmp_path.iterdir()] == ["archive"]
    assert list((tmp_path / "archive").iterdir()) == []


# --- 6. --log-file ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("log", "says"),
    [(".", "is a directory"), ("/dev/null/dir/crawl.log", "cannot create /dev/null/dir")],
)
@pytest.mark.parametrize("spelling", ["--log-file", "LOG_FILE"])
def test_bad_log_file(log: str, says: str, spelling: str, tmp_path: Path) -> None:
    given = ["--log-file", log] if spelling == "--log-file" else ["--set", f"LOG_FILE={log}"]
    result = run_cli("crawl", *NOWHERE, *given, cwd=tmp_path)
    assert says in usage_error(result)
    assert list(tmp_path.iterdir()) == []


@needs_file_modes
def test_log_file_not_writable(tmp_path: Path) -> None:
    log = tmp_path / "crawl.log"
    log.write_text("kept\n")
    log.chmod(0o444)
    result = run_cli("crawl", *NOWHERE, "--log-file", str(log), cwd=tmp_path)
    assert "Permission denied" in usage_error(result)
    assert log.read_text() == "kept\n"


# --- 7. I/O errors and closed pipes ----------------------------------------------------


def test_os_error_from_a_command_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from newsarchive import cli, exitcodes
    from newsarchive.commands import status

    def denied(args: argparse.Namespace) -> int:
        raise PermissionError(13, "Permission denied", str(tmp_path / "archive"))

    monkeypatch.setattr(status, "run", denied)
    assert cli.main(["status", str(tmp_path)]) == exitcodes.IOERR == 74
    err = capsys.readouterr().err
    assert err == f"newsarchive status: Permission denied: {tmp_path / 'archive'}\n"


@pytest.mark.parametrize("command", ["status", "export", "verify"])
def test_full_stdout_is_one_line_naming_stdout(tmp_path: Path, command: str) -> None:
    """A full stdout is named as such, not left to be taken for the archive's disk."""
    build(tmp_path, [record(n, f"2024-10-{n + 10}T09:05:17+08:00") for n in range(3)])
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "newsarchive.cli", command, str(tmp_path)],
            cwd=REPO, stdout=full, stderr=subprocess.PIPE, text=True, timeout=60, check=False,
        )  # fmt: skip
    assert result.returncode == 74, result.stderr
    assert one_line_error(result.stderr).endswith("No space left on device: <stdout>")


@pytest.mark.parametrize("args", [["--help"], ["crawl", "--help"], ["--version"]])
def test_help_to_a_full_or_closed_stdout(args: list[str]) -> None:
    """``newsarchive --help > /dev/full`` is one line and 74; ``| true`` is quiet and 0."""
    command = [sys.executable, "-m", "newsarchive.cli", *args]
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            command, cwd=REPO, stdout=full, stderr=subprocess.PIPE, text=True, timeout=60,
            check=False,
        )  # fmt: skip
    assert result.returncode == 74, result.stderr
    assert one_line_error(result.stderr).endswith("No space left on device: <stdout>")
    proc = subprocess.Popen(
        command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # like `| true`
    assert proc.wait(timeout=60) == 0
    assert proc.stderr.read() == ""


def test_closed_stdout_pipe_is_quiet(tmp_path: Path) -> None:
    """``newsarchive status ARCHIVE | head -1``: the reader went away; nothing to say."""
    (tmp_path / "articles").mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsarchive.cli", "status", str(tmp_path)],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # before the command writes: its first write meets a closed pipe
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 0, err
    assert err == ""


@needs_file_modes
@pytest.mark.parametrize("command", ["status", "crawl"])
def test_unreadable_archive_is_one_line(command: str, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    archive.chmod(0)
    try:
        result = run_cli(command, *(NOWHERE if command == "crawl" else []),
                         "--archive", str(archive), cwd=tmp_path)  # fmt: skip
    finally:
        archive.chmod(0o755)
    assert result.returncode != 0
    assert "Permission denied" in one_line_error(result.stderr)


# --- 8. reparse --jobs -----------------------------------------------------------------


@pytest.mark.parametrize("jobs", ["100000", "0", "-3"])
def test_reparse_jobs_out_of_range(jobs: str, tmp_path: Path) -> None:
    result = run_cli("reparse", "--archive", str(tmp_path / "a"), "--jobs", jobs, timeout=30)
    assert "--jobs" in usage_error(result)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("damage", [b"", b"not a database " * 300])
def test_status_with_an_unreadable_index_is_one_line(
    tmp_path: Path, damage: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    """An empty or overwritten index: one line saying what to run, nothing half-printed."""
    from newsarchive import cli, exitcodes

    (tmp_path / "articles").mkdir()
    (tmp_path / "index.sqlite3").write_bytes(damage)
    assert cli.main(["status", str(tmp_path)]) == exitcodes.FAILED
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and "run newsarchive reindex" in err and "Traceback" not in err


@pytest.mark.parametrize("command", ["status", "verify", "reindex", "export"])
def test_a_directory_that_is_no_archive_is_refused(tmp_path: Path, command: str) -> None:
    """A wrong path must not read as an empty archive (``0 articles``, verify "ok", an
    empty export) nor, for reindex, become one."""
    args = [command, "--archive", str(tmp_path)]
    result = run_cli(*args)
    assert result.returncode == 2
    assert "not an archive" in one_line_error(result.stderr)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", ["crawl", "status", "verify", "reindex", "export"])
def test_an_archive_path_that_is_a_file_is_named_as_such(tmp_path: Path, command: str) -> None:
    taken = tmp_path / "afile"
    taken.write_text("x", encoding="utf-8")
    extra = NOWHERE if command == "crawl" else []
    result = run_cli(command, *extra, "--archive", str(taken), cwd=tmp_path)
    assert usage_error(result) == f"newsarchive {command}: archive {taken} is not a directory"


def test_a_closed_stdout_is_no_traceback(tmp_path: Path) -> None:
    """``newsarchive ... >&-``: Python starts with no stdout; the command still runs."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "newsarchive.cli", "parse",
         str(REPO / "fixtures/pages/seed_simplified_gbk/page.html"),
         "--url", "http://www.ailab.cn/robot/2024/1024/452817.html"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False,
        preexec_fn=lambda: __import__("os").close(1),
    )  # fmt: skip
    assert "Traceback" not in result.stderr and result.returncode == 0, result.stderr
