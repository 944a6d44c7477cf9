"""URLs found not to be articles are skipped by incremental crawls, then checked again."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsarchive.incremental import FetchPolicy, gone_recheck_days
from newsarchive.storage import layout
from tests.conftest import run_cli

NOW = datetime(2026, 6, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("seen_at", "days", "full", "again"),
    [
        ("2026-05-31T00:00:00Z", 30, False, False),  # seen gone yesterday
        ("2026-04-01T00:00:00Z", 30, False, True),  # two months ago
        ("2026-05-20T00:00:00+00:00", 7, False, True),
        ("2026-05-31T00:00:00Z", 30, True, True),  # --full checks everything
        ("2026-01-01T00:00:00Z", 0, False, False),  # 0: only --full
        ("2026-01-01T00:00:00Z", 0, True, True),
        (None, 30, False, True),  # undated, from an older archive: long ago
        ("2026-05-31", 30, False, True),  # no zone: cannot be compared, checked
        ("garbage", 30, False, True),
    ],
)
def test_recheck_gone(seen_at: str | None, days: float, full: bool, again: bool) -> None:
    policy = FetchPolicy(full=full, now=NOW, gone_recheck_days=days)
    assert policy.recheck_gone(seen_at) is again


@pytest.mark.parametrize(
    ("reason", "again"),
    [("http_404", False), ("http_410", False), ("not_found_notice", False), ("listing", False),
     ("no_body", True), ("no_title", True), ("empty", True), ("undecodable", True),
     (None, False)],
)  # fmt: skip
def test_a_finding_that_may_not_last_is_checked_again_at_once(
    reason: str | None, again: bool
) -> None:
    """A maintenance or challenge page served for every article reads as 'no body': a
    month without those articles would follow from one bad minute."""
    policy = FetchPolicy(now=NOW, gone_recheck_days=30)
    assert policy.recheck_gone("2026-05-31T00:00:00Z", reason) is again
    assert policy.skip_gone("2026-05-31T00:00:00Z", "2026-05-01T00:00:00Z", reason) is not again


@pytest.mark.parametrize(("value", "days"), [("30", 30.0), (0, 0.0), (" 1.5 ", 1.5)])
def test_gone_recheck_days(value: object, days: float) -> None:
    assert gone_recheck_days(value) == days


@pytest.mark.parametrize("value", ["-1", "soon", "nan", ""])
def test_gone_recheck_days_rejects(value: str) -> None:
    with pytest.raises(ValueError, match="NEWSARCHIVE_GONE_RECHECK_DAYS"):
        gone_recheck_days(value)


def gone_lines(archive: Path) -> list[str]:
    return (archive / layout.GONE_FILE).read_text(encoding="utf-8").splitlines()


def age_findings(archive: Path, seen_at: str) -> None:
    """Date every gone finding in the index back, as if time had passed."""
    db = sqlite3.connect(archive / layout.INDEX_FILE)
    try:
        db.execute("UPDATE gone SET seen_at = ?", (seen_at,))
        db.commit()
    finally:
        db.close()


@pytest.mark.integration
def test_incremental_crawls_check_old_findings_again(mirror_url: str, tmp_path: Path) -> None:
    archive = tmp_path / "a"
    crawl = ("crawl", "--base-url", mirror_url, "--archive", str(archive), "--no-throttle")
    assert run_cli(*crawl).returncode == 0
    found = gone_lines(archive)
    assert len(found) >= 2  # the mirror lists a 404 and a not-found page

    assert run_cli(*crawl).returncode == 0  # fresh findings: not fetched again
    assert gone_lines(archive) == found

    age_findings(archive, "2020-01-01T00:00:00Z")
    never = run_cli(*crawl, "--set", "NEWSARCHIVE_GONE_RECHECK_DAYS=0")
    assert never.returncode == 0
    assert gone_lines(archive) == found  # 0: only --full checks them

    again = run_cli(*crawl)
    assert again.returncode == 0, again.stderr[-2000:]
    rechecked = gone_lines(archive)[len(found) :]  # still gone: seen again, dated anew
    assert sorted(line.split('"seen_at"')[0] for line in rechecked) == sorted(
        line.split('"seen_at"')[0] for line in found
    )


def test_a_bad_value_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("crawl", "--set", "NEWSARCHIVE_GONE_RECHECK_DAYS=soon", cwd=tmp_path)
    assert result.returncode == 2
    assert "NEWSARCHIVE_GONE_RECHECK_DAYS" in result.stderr and "Traceback" not in result.stderr
