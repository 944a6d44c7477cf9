"""``newsarchive crawl``: run a spider in a child Scrapy process, report honestly.

The crawl runs as ``python -m scrapy crawl`` with the project settings, so it works from
any directory and this package never imports Scrapy. The child appends a run record to
``ARCHIVE/runs.jsonl``; the summary line and the exit code come from that record, and a
child that died before writing one is a failed crawl, for which this command writes a
record without counts.
"""

from __future__ import annotations

import argparse
import ctypes
import dataclasses
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from newsarchive import exitcodes
from newsarchive.commands import settingtypes
from newsarchive.commands.common import (
    EXIT_FAILED,
    CommandFailed,
    UsageError,
    archive_name,
    check_crawl_archive,
    http_url,
    lock_archive,
)
from newsarchive.gctune import gc_threshold
from newsarchive.linkrules import pattern_list
from newsarchive.model import format_fetched_at
from newsarchive.storage import layout, stored
from newsarchive.storage.failure import STATUS_FD_ENV, read_status
from newsarchive.storage.lock import LOCK_FD_ENV
from newsarchive.urllist import read_url_lines
from newsarchive.workers.sizing import recorder_process, worker_count

NAME = "crawl"
HELP = "crawl listings (default) or the given article URLs"
SETTINGS_MODULE = "newsarchive.settings"


def configure(parser: argparse.ArgumentParser) -> None:
    add = parser.add_argument
    add(
        "--start-url",
        action="append",
        default=[],
        type=http_url,
        metavar="URL",
        help="listing page to start from (repeatable)",
    )
    add(
        "--url",
        action="append",
        default=[],
        type=http_url,
        metavar="URL",
        help="article to fetch (repeatable); selects the 'article' spider",
    )
    add("--url-file", metavar="PATH", help="file of article URLs, one a line")
    add(
        "--archive",
        default="archive",
        type=archive_name,
        metavar="DIR",
        help="archive directory (default: ./archive)",
    )
    add(
        "--base-url",
        type=http_url,
        metavar="URL",
        help="site root the configured start paths are joined to",
    )
    add(
        "--no-throttle",
        action="store_true",
        help="no delay or AutoThrottle: only for a mirror you run yourself",
    )
    add(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a Scrapy setting (repeatable)",
    )
    add("--full", action="store_true", help="walk every listing page and fetch every article again")
    add(
        "--refresh-days",
        type=_non_negative,
        default=None,
        metavar="DAYS",
        help="re-fetch known articles published in the last DAYS days (default 2; 1.5 allowed)",
    )
    add(
        "--resume",
        action="store_true",
        help="continue an interrupted --full crawl where it stopped",
    )
    add(
        "--wait-lock",
        type=_non_negative,
        default=0.0,
        metavar="SECONDS",
        help="wait this long for another crawl of the archive to finish (default: exit 75)",
    )
    add(
        "--log-level",
        default=None,
        choices=["DEBUG", "INFO", "WARNING", "ERROR"],
        help="default WARNING on the terminal, INFO into --log-file",
    )
    add("--log-file", metavar="PATH", help="write the crawl log to PATH (appended)")
    add("--quiet", action="store_true", help="print nothing unless the crawl failed")


def _non_negative(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if number < 0 or number != number:
        raise argparse.ArgumentTypeError(f"must be zero or more: {value!r}")
    return number


def read_url_file(name: str) -> list[str]:
    """The URLs of ``--url-file``, every one checked; a file that lists none is a mistake
    (it would otherwise start a full listing crawl)."""
    path = Path(name)
    if path.is_dir():
        raise UsageError(f"URL file is a directory: {name}")
    if not path.exists():
        raise UsageError(f"URL file not found: {name}")
    if not path.is_file():  # a device or a pipe (<(…)): the crawler reads the file again
        raise UsageError(f"URL file is not a regular file: {name}")
    try:
        urls = read_url_lines(path)
    except OSError as exc:
        raise UsageError(f"cannot read URL file {name}: {exc.strerror or exc}") from None
    if not urls:
        raise UsageError(f"no URLs in URL file {name}")
    for url in urls:
        try:
            http_url(url)
        except argparse.ArgumentTypeError as exc:
            raise UsageError(f"{name}: {exc}") from None
    return urls


def _gone_recheck_days(value: str) -> float:
    # Imported when the setting is given: newsarchive.incremental brings the index.
    from newsarchive.incremental import gone_recheck_days

    return gone_recheck_days(value)


def _log_level(value: str) -> str:
    # Scrapy hands the name to logging, which knows only these spellings.
    names = logging.getLevelNamesMapping()
    if value not in names:
        raise ValueError(f"LOG_LEVEL must be a log level ({', '.join(names)}), not {value!r}")
    return value


def _output_script(value: str) -> str:
    # Imported when the setting is given: newsarchive.extract brings lxml and OpenCC.
    from newsarchive.extract import OUTPUT_SCRIPTS

    if value not in OUTPUT_SCRIPTS:
        raise ValueError(f"NEWSARCHIVE_SCRIPT must be one of {', '.join(OUTPUT_SCRIPTS)}, "
                         f"not {value!r}")  # fmt: skip
    return value


def _required_fields(value: str) -> list[str]:
    """``NEWSARCHIVE_REQUIRED_FIELDS`` as Scrapy's ``getlist`` reads it (comma-separated),
    each a record field: a misspelt name would make every record invalid (exit 3)."""
    from newsarchive.model import Article

    known = [f.name for f in dataclasses.fields(Article)]
    names = [name.strip() for name in value.split(",") if name.strip()]
    unknown = [name for name in names if name not in known]
    if unknown:
        raise ValueError(
            f"NEWSARCHIVE_REQUIRED_FIELDS={value}: no record field"
            f" {', '.join(map(repr, unknown))} (fields: {', '.join(known)})"
        )
    return names


def _progress(value: str) -> str:
    """``NEWSARCHIVE_PROGRESS``: ``auto``, or a yes/no Scrapy reads as a bool."""
    if value.strip().lower() not in ("auto", "true", "false", "1", "0"):
        raise ValueError(f"NEWSARCHIVE_PROGRESS must be auto, True or False, not {value!r}")
    return value


def _patterns(kind: str, value: str) -> list[str]:
    try:
        return pattern_list(value)
    except ValueError as exc:
        raise ValueError(f"--set NEWSARCHIVE_{kind}_URL_PATTERNS={value}: {exc}") from None


def _start_paths(value: str) -> list[str]:
    paths = [p for p in value.split(",") if p.strip()]
    if not paths:
        raise ValueError("NEWSARCHIVE_START_PATHS: no start path (give --start-url instead)")
    return paths


def _base_url(value: str) -> str:
    try:
        return http_url(value)
    except argparse.ArgumentTypeError as exc:
        raise ValueError(f"NEWSARCHIVE_BASE_URL: {exc}") from None


#: Settings whose values are checked here, so that a mistake is one line and exit 2
#: rather than a traceback from the crawler process. Any other setting whose default is
#: a number or a bool is checked by its type (``settingtypes.value_problem``).
CHECKED_SETTINGS: dict[str, Callable[[str], object]] = {
    "NEWSARCHIVE_EXTRACT_WORKERS": worker_count,
    "NEWSARCHIVE_WARC_PROCESS": recorder_process,
    "NEWSARCHIVE_GC_THRESHOLD": gc_threshold,
    "NEWSARCHIVE_GONE_RECHECK_DAYS": _gone_recheck_days,
    "LOG_LEVEL": _log_level,
    "NEWSARCHIVE_SCRIPT": _output_script,
    "NEWSARCHIVE_BASE_URL": _base_url,
    "NEWSARCHIVE_REQUIRED_FIELDS": _required_fields,
    "NEWSARCHIVE_PROGRESS": _progress,
    "LOG_FILE": lambda value: check_log_file(value, "LOG_FILE") if value else None,
    "NEWSARCHIVE_ARTICLE_URL_PATTERNS": lambda value: _patterns("ARTICLE", value),
    "NEWSARCHIVE_LISTING_URL_PATTERNS": lambda value: _patterns("LISTING", value),
    "NEWSARCHIVE_START_PATHS": lambda value: _start_paths(value),
}

#: Settings this command sets from its own options: a ``--set`` of one would part the
#: archive it locks from the one the crawler writes.
OWNED_SETTINGS = {
    "NEWSARCHIVE_ARCHIVE": "use --archive",
    "NEWSARCHIVE_RUN_ID": "the command sets it",
    "JOBDIR": "--full and --resume keep the job state in the archive",
}


def check_setting(name: str, value: str) -> None:
    """Refuse, as a usage error, a value the crawler could not use."""
    check = CHECKED_SETTINGS.get(name)
    if check is not None:
        try:
            check(value)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        return
    problem = settingtypes.value_problem(name, value)
    if problem:
        raise UsageError(f"--set {name}={value}: {problem}")


def check_log_file(name: str, option: str = "--log-file") -> Path:
    """The crawl log's path, checked here: the crawler would fail on it with a traceback
    (and only after it had locked the archive and started the run)."""
    path = Path(name).expanduser().resolve()
    if path.is_dir():
        raise UsageError(f"{option} {name} is a directory")
    if not path.parent.exists():
        # Created as the archive is, so that the documented cron line works on a new
        # machine (``/var/log/newsarchive`` need not exist beforehand).
        try:
            path.parent.mkdir(parents=True)
        except OSError as exc:
            raise UsageError(
                f"{option} {name}: cannot create {path.parent}: {exc.strerror}"
            ) from None
    if not path.parent.is_dir():
        raise UsageError(f"{option} {name}: {path.parent} is not a directory")
    parent_ok = os.W_OK | os.X_OK
    writable = os.access(path, os.W_OK) if path.exists() else os.access(path.parent, parent_ok)
    if not writable:
        raise UsageError(f"cannot write {option} {name}: Permission denied")
    return path


def settings_for(args: argparse.Namespace, archive: Path, run_id: str) -> dict[str, str]:
    """Scrapy settings this invocation overrides, ``--set`` last so it wins."""
    settings = {
        "NEWSARCHIVE_ARCHIVE": str(archive),
        "NEWSARCHIVE_RUN_ID": run_id,
        "LOG_LEVEL": args.log_level or ("INFO" if args.log_file else "WARNING"),
        "NEWSARCHIVE_PROGRESS": "False" if args.quiet or args.log_file else "auto",
    }
    if args.log_file:
        settings["LOG_FILE"] = str(check_log_file(args.log_file))
    if args.base_url:
        settings["NEWSARCHIVE_BASE_URL"] = args.base_url
    if args.full or args.resume:
        settings["NEWSARCHIVE_FULL"] = "True"
        settings["JOBDIR"] = str(archive / layout.JOB_DIR)
    if args.refresh_days is not None:
        settings["NEWSARCHIVE_REFRESH_DAYS"] = str(args.refresh_days)
    if args.no_throttle:
        settings.update(
            {
                "DOWNLOAD_DELAY": "0",
                "AUTOTHROTTLE_ENABLED": "False",
                "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
                "CONCURRENT_REQUESTS": "16",
            }
        )
    for item in args.set:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--set wants NAME=VALUE, got {item!r}")
        if name.strip() in OWNED_SETTINGS:
            raise UsageError(f"--set {item}: {OWNED_SETTINGS[name.strip()]}")
        settings[name.strip()] = value
    for name, value in settings.items():
        check_setting(name, value)
    for name in dict.fromkeys(item.partition("=")[0].strip() for item in args.set):
        if not settingtypes.is_known(name):
            # Passed on all the same: an extension may read a setting of its own.
            print(f"newsarchive crawl: warning: --set {name}: neither Scrapy nor "
                  "newsarchive has this setting (a typo?)", file=sys.stderr)  # fmt: skip
    return settings


def crawl_command(args: argparse.Namespace, archive: Path, run_id: str) -> list[str]:
    """The child ``scrapy crawl`` command line for these arguments."""
    listed = read_url_file(args.url_file) if args.url_file else []  # checked here, one line
    urls = list(args.url) + listed
    if urls and args.start_url:
        raise UsageError("give either --start-url (listing crawl) or --url (articles), not both")
    if urls and (args.full or args.resume):
        raise UsageError("--full and --resume are for listing crawls, not --url")
    cmd = [sys.executable, "-m", "scrapy", "crawl", "article" if urls else "ailab"]
    for name, value in settings_for(args, archive, run_id).items():
        cmd += ["-s", f"{name}={value}"]
    if args.url:
        # One a line, and a line break even for one: the spider then splits on lines,
        # not on the commas a URL may hold.
        cmd += ["-a", "urls=" + "".join(url + "\n" for url in args.url)]
    if listed:
        # By path, not on the command line: a long list would pass the kernel's limit.
        cmd += ["-a", f"url_file={Path(args.url_file).resolve()}"]
    if not urls and args.start_url:
        cmd += ["-a", "start_urls=" + "".join(url + "\n" for url in args.start_url)]
    return cmd


def _prepare_job_dir(archive: Path, full: bool, resume: bool) -> None:
    """A full crawl starts over unless resumed. The job state of an interrupted full
    crawl is Scrapy's, used only by ``--full``/``--resume``: a scheduled incremental
    crawl in between leaves it for the ``--resume`` that may still come."""
    job = archive / layout.JOB_DIR
    if resume:
        if not job.is_dir():
            print(f"nothing to resume in {job}: starting a full crawl", file=sys.stderr)
        return
    if full and job.is_dir():
        shutil.rmtree(job)


def run(args: argparse.Namespace) -> int:
    from newsarchive.runlog import find_run, summary_line

    run_id = uuid.uuid4().hex
    archive = Path(args.archive).expanduser().resolve()
    cmd = crawl_command(args, archive, run_id)
    check_crawl_archive(archive)
    try:
        lock = lock_archive(archive, args.wait_lock, create=True)
    except CommandFailed as exc:
        if args.quiet and exc.code == exitcodes.LOCKED:
            # An overlap is routine for a scheduled crawl ("the next run goes ahead"):
            # under cron a line here would be mailed every time. The code still says it.
            return exitcodes.LOCKED
        raise
    assert lock.fd is not None
    log_start = _log_size(args.log_file)
    status_read, status_write = os.pipe()
    try:
        _prepare_job_dir(archive, args.full, args.resume)
        env = dict(os.environ, SCRAPY_SETTINGS_MODULE=SETTINGS_MODULE)
        env[LOCK_FD_ENV] = str(lock.fd)
        env[STATUS_FD_ENV] = str(status_write)
        before = stored.mark(archive)
        with tempfile.TemporaryFile() as captured:
            started = datetime.now(UTC)
            returncode, stops = _run_child(
                cmd, env, (lock.fd, status_write), captured if args.quiet else None
            )
            os.close(status_write)
            status_write = -1
            storage_failure = read_status(status_read)
            record = find_run(archive, run_id)
            cut = None
            if record is None:
                kept = None
                if storage_failure is None:  # a disk that refused a write may refuse more
                    kept = stored.stored_since(archive, before, format_fetched_at(started))
                cut = _record_cut_short(
                    archive, run_id, cmd[4], started, returncode, stops, storage_failure, kept
                )
            failed = (
                storage_failure is not None or record is None or record["exit_code"] != exitcodes.OK
            )
            if args.quiet and failed:
                captured.seek(0)
                sys.stderr.write(_tail(captured.read()))
            if args.log_file and failed:
                sys.stderr.write(_log_tail(args.log_file, log_start))
        if (args.full or args.resume) and record and record["finish_reason"] == "finished":
            shutil.rmtree(archive / layout.JOB_DIR, ignore_errors=True)
    finally:
        os.close(status_read)
        if status_write >= 0:
            os.close(status_write)
        lock.release()
    if storage_failure is not None:
        # The archive could not be written (a full disk): one line naming the file, the
        # exit code cron and monitoring know for it. The run record may be missing, since
        # it is written to the same disk.
        print(f"crawl FAILED: {storage_failure}", file=sys.stderr)
        return exitcodes.IOERR
    if record is None:
        # Stopped at once (a second Ctrl-C), or the crawler died: the record written for
        # it has no counts. What it stored is whole and kept; the next crawl goes on
        # from the archive.
        assert cut is not None
        where = f"; its log: {args.log_file}" if args.log_file else ""
        print(f"crawl FAILED: {cut['exit_reason']}; {_kept(cut)}{where}", file=sys.stderr)
        return EXIT_FAILED
    if not (args.quiet and not failed):
        print(summary_line(record))
        print(f"archive: {archive}")
    return int(record["exit_code"])


def _kept(record: dict[str, Any]) -> str:
    """What a crawl cut short left in the archive, as its record counts it."""
    if "new" not in record:
        return "the articles it stored are kept"
    return f"the {record['new']} new and {record['updated']} updated articles it stored are kept"


def _record_cut_short(
    archive: Path,
    run_id: str,
    spider: str,
    started: datetime,
    returncode: int,
    stops: int,
    storage_failure: str | None,
    kept: stored.Stored | None,
) -> dict[str, Any]:
    """Append the run record of a crawler that ended without one (``runlog.cut_short``),
    and return it. A disk that refuses it loses the record alone: the failure is still
    said and the exit code still 1 (or 74, and then the refusal was said already)."""
    from newsarchive.runlog import append_run, cut_short

    record = cut_short(
        run_id=run_id, spider=spider, start=started, end=datetime.now(UTC),
        returncode=returncode, stops=stops, storage_failure=storage_failure,
    )  # fmt: skip
    if kept is not None:
        record.update(new=kept.new, updated=kept.updated)
    try:
        append_run(archive, record)
    except OSError as exc:
        if storage_failure is None:
            print(f"newsarchive crawl: run record not written: {exc}", file=sys.stderr)
    return record


def _log_size(name: str | None) -> int:
    """Where this run's part of an appended ``--log-file`` will start."""
    if not name:
        return 0
    try:
        return Path(name).expanduser().stat().st_size
    except OSError:
        return 0


def _log_tail(name: str, start: int, lines: int = 30, calm: int = 8) -> str:
    """The last warnings and errors this run wrote to ``--log-file``, for the failure
    report that the terminal (or cron's mail) would otherwise lack: earlier runs' lines
    before ``start`` are left out. A file that shrank meanwhile was rotated
    (``copytruncate``): all of it is this run's. The file holds INFO too, and its last
    lines are Scrapy's statistics dump, which would push out what went wrong. With no
    warning or error at all (a crawl stopped by a signal), the last ``calm`` log records
    are given, without that dump: they say how the crawl ended."""
    try:
        with open(Path(name).expanduser(), "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            handle.seek(start if start <= size else 0)
            data = handle.read()
    except OSError:
        return ""
    text = data.decode("utf-8", "replace").splitlines()
    problems = [line for line in text if _PROBLEM_LINE.search(line)]
    if not problems:  # a calm run: how it ended, without the statistics dump
        records = [line for line in text if _RECORD_LINE.match(line) and _STATS_DUMP not in line]
        problems = records[-calm:]
    return "".join(line + "\n" for line in problems[-lines:])


#: A log line at WARNING or above, in Scrapy's ``LOG_FORMAT`` (``[name] LEVEL: text``).
_PROBLEM_LINE = re.compile(r"\] (?:WARNING|ERROR|CRITICAL): ")
#: The first line of a log record (the others are a record's continuation: the lines of
#: Scrapy's statistics dump, a traceback).
_RECORD_LINE = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \[")
_STATS_DUMP = "] INFO: Dumping Scrapy stats:"


def _run_child(
    cmd: list[str], env: dict[str, str], fds: tuple[int, ...], stderr: IO[bytes] | None
) -> tuple[int, int]:
    """Run the crawler and wait for it, however this process is asked to stop.

    The crawler runs in a process group of its own, and every stop request reaches it
    once, from here: Ctrl-C as SIGINT, SIGTERM (``kill``, ``timeout``, ``systemctl
    stop``) and a closed terminal (SIGHUP) as SIGTERM. Scrapy shuts down cleanly on the
    first (saving its job state for ``--resume``) and takes a second as "stop now", so
    a signal sent to this process's whole group must not reach it twice, directly and
    passed on. Either way the crawler's run record is read and reported afterwards. If
    this process dies without a word (SIGKILL, the OOM killer), the crawler gets
    SIGTERM from the kernel (``_die_with_parent``) and shuts down the same way, so no
    orphan keeps crawling and holding the archive's lock.
    """
    child = subprocess.Popen(
        cmd,
        env=env,
        pass_fds=fds,
        stdin=subprocess.DEVNULL,
        stderr=stderr,
        process_group=0,
        preexec_fn=_crawler_preexec(),
    )

    asked: list[int] = []

    def pass_on(signum: int) -> Callable[[int, Any], None]:
        def handler(_signum: int, _frame: Any) -> None:
            if not asked:  # a shutdown takes seconds: say it has begun
                print("newsarchive crawl: stopping after the pages in flight"
                      " (once more to stop at once)", file=sys.stderr, flush=True)  # fmt: skip
            asked.append(signum)
            child.send_signal(signum)

        return handler

    previous = {
        signal.SIGINT: signal.signal(signal.SIGINT, pass_on(signal.SIGINT)),
        signal.SIGTERM: signal.signal(signal.SIGTERM, pass_on(signal.SIGTERM)),
        signal.SIGHUP: signal.signal(signal.SIGHUP, pass_on(signal.SIGTERM)),
    }
    try:
        return child.wait(), len(asked)  # and how many times it was asked to stop
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


#: ``prctl`` option from <linux/prctl.h>: the signal a process gets when its parent dies.
PR_SET_PDEATHSIG = 1


def _crawler_preexec() -> Callable[[], None]:
    """The crawler's set-up between fork and exec: it dies with this process
    (``_die_with_parent_hook``), and it may write to the terminal from its own process
    group (a terminal set to ``tostop`` would otherwise stop it with SIGTTOU)."""
    die_with_parent = _die_with_parent_hook()

    def preexec() -> None:
        signal.signal(signal.SIGTTOU, signal.SIG_IGN)
        if die_with_parent is not None:
            die_with_parent()

    return preexec


def _die_with_parent_hook() -> Callable[[], None] | None:
    """A ``preexec_fn`` that has the kernel send the crawler SIGTERM when this process
    dies, or None where that is not available (not Linux).

    Set between fork and exec, so there is no moment at which the child runs without
    it; it survives the exec. libc is loaded here, before the fork, so the child only
    makes the call. This process is single-threaded, which ``preexec_fn`` needs and
    ``PR_SET_PDEATHSIG`` assumes (it fires when the forking *thread* exits).
    """
    if not sys.platform.startswith("linux"):
        return None
    try:
        # The running program's own symbols, libc's among them: ctypes.util.find_library
        # would run ldconfig in a child process at every crawl's start.
        libc = ctypes.CDLL(None, use_errno=True)
        prctl = libc.prctl
    except (OSError, AttributeError):
        return None
    parent = os.getpid()

    def die_with_parent() -> None:
        prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        if os.getppid() != parent:
            # The parent died before the call: nobody would ever send the signal.
            os._exit(exitcodes.FAILED)

    return die_with_parent


def _tail(data: bytes, lines: int = 30) -> str:
    text = data.decode("utf-8", "replace").splitlines()[-lines:]
    return "".join(line + "\n" for line in text)
