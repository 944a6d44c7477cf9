"""What an incremental crawl fetches, and when it stops walking a channel.

Listings are newest first, so once a whole listing page holds only articles the archive
already has, the pages behind it hold nothing new either. Known articles are not fetched
again unless they were published recently (``refresh_days``), to follow edits and view
counts. That shortcut is only sound if the previous walk got to the end: a crawl killed
half-way leaves older articles unfetched behind pages that are now all known, so the
archive remembers whether the last walk completed and walks everything if it did not.
A walk completes only when every listing page it asked for was fetched and parsed
(``WalkProgress``): a crawl that "finished" with a listing page lost to a 500, a timeout
or a reset left the same hole as a kill.
A listed URL that was not an article (a 404, a not-found page) counts as known too, and
is fetched again once that finding is ``gone_recheck_days`` old. So does a stored
article found gone since it was last fetched (``FetchPolicy.skip_gone``): it would
otherwise be fetched, and found gone, on every run of its refresh window.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from newsarchive.dates import older_than, zoned_instant
from newsarchive.storage import layout
from newsarchive.storage.index import ArchiveIndex, Entry
from newsarchive.urls import canonical_url

STATE_FILE = "crawl_state.json"


def gone_recheck_days(value: object) -> float:
    """``NEWSARCHIVE_GONE_RECHECK_DAYS``: days, zero or more (0: only ``--full``)."""
    try:
        days = float(str(value).strip())
    except ValueError:
        raise ValueError(
            f"NEWSARCHIVE_GONE_RECHECK_DAYS must be a number of days, not {value!r}"
        ) from None
    if not days >= 0:  # also NaN
        raise ValueError(f"NEWSARCHIVE_GONE_RECHECK_DAYS must be zero or more, not {value!r}")
    return days


#: Gone findings that say what the page is, and hold until rechecked in
#: ``gone_recheck_days``: the site said it is gone (404, 410, its not-found page), or
#: the page is a listing. Any other finding (no title, no body, an empty or undecodable
#: page) may be a moment of the site's, a maintenance or challenge page served for every
#: article: it is fetched again by the next crawl, or one bad minute would keep every
#: article it met out of the archive for a month.
LASTING_GONE_REASONS = frozenset({"http_404", "http_410", "not_found_notice", "listing"})


@dataclass(frozen=True)
class FetchPolicy:
    """Which known articles, and which URLs found gone, to fetch again (``--full``,
    ``--refresh-days``, ``NEWSARCHIVE_GONE_RECHECK_DAYS``)."""

    full: bool = False
    refresh_days: float = 2.0
    now: datetime | None = None
    gone_recheck_days: float = 30.0

    def refetch(self, entry: Entry) -> bool:
        """A known article is fetched again when the walk is full or it is recent."""
        if self.full:
            return True
        if not entry.published_at:
            return False
        try:
            published = datetime.fromisoformat(entry.published_at)
        except ValueError:
            return False
        now = self.now or datetime.now(UTC)
        return now - published <= timedelta(days=self.refresh_days)

    def recheck_gone(self, seen_at: str | None, reason: str | None = None) -> bool:
        """A URL found gone (a 404, a not-found page) is fetched again when the walk is
        full, or when it was last seen gone more than ``gone_recheck_days`` ago: a page
        missing for an hour is not missing for good. Undated (an older archive's) counts
        as long ago; 0 days checks only in full walks. A finding that does not last
        (``LASTING_GONE_REASONS``) is checked again every time; a ``reason`` of None is
        taken to last."""
        if self.full or (reason is not None and reason not in LASTING_GONE_REASONS):
            return True
        if self.gone_recheck_days <= 0:
            return False
        return older_than(seen_at, self.gone_recheck_days, self.now or datetime.now(UTC))

    def skip_gone(
        self, seen_at: str | None, last_fetched: str | None, reason: str | None = None
    ) -> bool:
        """Whether a stored article that would be fetched again is skipped because it
        was found gone (``seen_at``) after it was last fetched (``last_fetched``: its
        stored revision's fetch, or a later unchanged fetch), and that finding is not
        yet due for a recheck (``recheck_gone``).

        A finding older than the last fetch is history: the article came back since,
        and is treated as any stored article.
        """
        return found_after(seen_at, last_fetched) and not self.recheck_gone(seen_at, reason)


def found_after(seen_at: str | None, fetched_at: str | None) -> bool:
    """Whether a gone finding at ``seen_at`` came after a fetch at ``fetched_at``.

    An unknown fetch time (an index row from before fetch times were kept) counts as
    earlier: the dated finding is the newer fact. An undated or unreadable finding
    counts as not after: nothing says the article is gone now, and ``recheck_gone``
    would fetch such a finding anyway.
    """
    seen = zoned_instant(seen_at)
    if seen is None:
        return False
    fetched = zoned_instant(fetched_at)
    return fetched is None or seen > fetched


#: Stands for the walk of a listing request that does not name its walk (one queued
#: for ``--resume`` by an older version): its failure fails every walk.
UNKNOWN_WALK = "*"


class WalkProgress:
    """Which walks of this crawl fetched and parsed every listing page they asked for.

    A walk is named by its start URL. Each listing request is counted when made
    (``requested``) and again when its page was parsed (``parsed``) or lost for good
    (``failed``: an error after the retries, a non-2xx status, a refusal). A request
    never answered either way (a middleware dropped it, the callback raised) stays
    pending, and a pending walk is not complete either. A request Scrapy's duplicate
    filter drops (``dropped``) leaves its page to the request that fetched it: the walk
    then completes only if that request's walk did, and, when it wanted the whole walk
    behind the page, only if that request did too.

    The articles a walk's pages list count too: a walk is complete only if every article
    it requested was answered (stored, found unchanged, gone, not an article, refused)
    and none was lost for good (a 5xx or 403 after the retries, a timeout, a redirect
    loop). Otherwise an article lost on a first crawl would sit behind pages that every
    later crawl finds all known, and only ``--full`` would ever fetch it again. An
    article request never answered either way (its callback raised) leaves the walk
    pending, as a listing request does.

    Everything lives in the plain ``data`` dict, so that Scrapy's job state
    (``spider.state``, pickled for ``--resume``) carries an interrupted crawl's
    failures, pending requests and fetched pages into the crawl that resumes it: the
    resumed crawl's start requests are dropped as already seen, and its queued requests
    are answered, against that record.
    """

    def __init__(self, data: dict[str, Any] | None = None) -> None:
        self.data: dict[str, Any] = data if data is not None else {}
        self._pending: dict[str, int] = self._part("pending")
        self._failed: dict[str, int] = self._part("failed")
        self._fetched: dict[str, list[Any]] = self._part("fetched")  # url -> [walk, all]
        self._dropped: dict[str, list[list[Any]]] = self._part("dropped")  # walk -> [[url, all]]
        self._articles: dict[str, int] = self._part("articles")  # walk -> unanswered articles
        self._lost_articles: dict[str, int] = self._part("lost_articles")

    def _part(self, name: str) -> dict[str, Any]:
        part = self.data.get(name)
        if not isinstance(part, dict):  # absent, or damaged: start that part afresh
            part = self.data[name] = {}
        return part

    def requested(self, walk: str) -> None:
        """A listing request of ``walk`` was made."""
        self._pending[walk] = self._pending.get(walk, 0) + 1

    def parsed(self, walk: str | None, urls: Iterable[str], walk_all: bool) -> None:
        """The page at ``urls`` (the URL asked for and those it redirected through) was
        fetched and parsed for ``walk``."""
        walk = walk or UNKNOWN_WALK
        self._answered(walk)
        for url in urls:
            self._fetched.setdefault(url, [walk, walk_all])

    def failed(self, walk: str | None, urls: Iterable[str], walk_all: bool) -> None:
        """The page at ``urls`` was lost for good to ``walk``."""
        walk = walk or UNKNOWN_WALK
        self._answered(walk)
        self._failed[walk] = self._failed.get(walk, 0) + 1
        for url in urls:
            self._fetched[url] = [walk, walk_all]

    def dropped(self, walk: str | None, url: str, walk_all: bool) -> None:
        """A listing request of ``walk`` for ``url`` was dropped as a duplicate."""
        walk = walk or UNKNOWN_WALK
        self._answered(walk)
        self._dropped.setdefault(walk, []).append([url, walk_all])

    def _answered(self, walk: str) -> None:
        if walk != UNKNOWN_WALK:
            self._pending[walk] = self._pending.get(walk, 0) - 1

    def article_requested(self, walk: str) -> None:
        """A request for an article one of ``walk``'s pages listed was made."""
        self._articles[walk] = self._articles.get(walk, 0) + 1

    def article_answered(self, walk: str | None) -> None:
        """That article was stored, found unchanged, gone, refused, or not an article."""
        if walk:
            self._articles[walk] = self._articles.get(walk, 0) - 1

    def article_lost(self, walk: str | None) -> None:
        """That article was lost for good: the next crawl must find it again."""
        if walk:
            self.article_answered(walk)
            self._lost_articles[walk] = self._lost_articles.get(walk, 0) + 1

    def failures(self, walk: str) -> int:
        """Listing pages ``walk`` lost for good."""
        return self._failed.get(walk, 0)

    def lost_articles(self, walk: str) -> int:
        """Articles ``walk`` listed and lost for good."""
        return self._lost_articles.get(walk, 0)

    def complete(self, walks: Iterable[str]) -> set[str]:
        """The ``walks`` that fetched and parsed every listing page they asked for, and
        had every article those pages listed answered."""
        wanted = set(walks)
        if self._failed.get(UNKNOWN_WALK):
            return set()
        known = wanted | set(self._pending) | set(self._failed) | set(self._dropped)
        known |= {str(by[0]) for by in self._fetched.values() if by}
        known |= set(self._articles) | set(self._lost_articles)
        bad = {
            w
            for w in known
            if self._failed.get(w)
            or self._pending.get(w, 0) != 0
            or self._lost_articles.get(w)
            or self._articles.get(w, 0) != 0
        }
        changed = True
        while changed:  # a walk that leaned on a page of an incomplete walk is incomplete
            changed = False
            for walk in known - bad:
                drops = self._dropped.get(walk, ())
                if any(self._lost(url, walk_all, bad) for url, walk_all in drops):
                    bad.add(walk)
                    changed = True
        return wanted - bad

    def _lost(self, url: str, walk_all: bool, bad: set[str]) -> bool:
        """Whether a page dropped as a duplicate was not walked as its request wanted."""
        by = self._fetched.get(url)
        if not by or by[0] in bad:
            return True  # never fetched, or by a walk that did not complete
        return bool(walk_all) and not by[1]  # wanted all behind it; the fetch stopped early


class KnownArticles:
    """Read-only lookups in the archive's index, opened on first use.

    Nothing is loaded into memory: each question is one indexed SQLite lookup, so the
    crawl's memory does not grow with the archive.
    """

    def __init__(self, archive: Path) -> None:
        self.path = archive / layout.INDEX_FILE
        self._index: ArchiveIndex | None = None

    def _open(self) -> ArchiveIndex | None:
        if self._index is None and self.path.is_file():
            self._index = ArchiveIndex(self.path, readonly=True)
        return self._index

    def lookup(self, url: str) -> Entry | None:
        """The stored article at ``url`` (directly or as an alias), or None."""
        index = self._open()
        try:
            return index.by_url(canonical_url(url)) if index else None
        except ValueError:
            return None

    def gone_seen(self, url: str) -> tuple[str, str | None] | None:
        """``(reason, seen_at)`` if ``url`` was found not to be an article on an earlier
        crawl, else None."""
        index = self._open()
        try:
            return index.gone_seen(canonical_url(url)) if index else None
        except ValueError:
            return None

    def last_fetched(self, entry: Entry) -> str | None:
        """When the article was last fetched whole, as far as the archive knows: its
        stored revision's fetch, or a later unchanged fetch that left a view count.
        None when unknown (an index row from before fetch times were kept)."""
        index = self._open()
        observed = index.last_observation(entry.id) if index else None
        if observed is None or entry.fetched_at is None:
            return entry.fetched_at or observed
        return observed if found_after(observed, entry.fetched_at) else entry.fetched_at

    def close(self) -> None:
        if self._index is not None:
            self._index.close()
            self._index = None


def _read_state(archive: Path) -> dict[str, str]:
    try:
        state = json.loads((archive / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    walks = state.get("walks") if isinstance(state, dict) else None
    return {str(k): str(v) for k, v in walks.items()} if isinstance(walks, dict) else {}


def walk_states(archive: Path) -> dict[str, str]:
    """The last walk's outcome from each start URL this archive has walked from."""
    return _read_state(archive)


def mark_walks(archive: Path, start_urls: list[str], walk: str) -> None:
    """Record ``in_progress``, ``complete`` or ``incomplete`` for these start URLs."""
    record_walks(archive, dict.fromkeys(start_urls, walk))


def record_walks(archive: Path, outcomes: Mapping[str, str]) -> None:
    """Record each start URL's walk as ``in_progress``, ``complete`` or ``incomplete``
    (anything but ``complete`` is walked in full the next time).

    Written whole to a temporary file and renamed into place, so a kill never leaves a
    torn state file.
    """
    archive.mkdir(parents=True, exist_ok=True)
    walks = _read_state(archive)
    walks.update(outcomes)
    data = {"walks": walks, "at": datetime.now(UTC).isoformat(timespec="seconds")}
    tmp = archive / f".{STATE_FILE}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, sort_keys=True)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, archive / STATE_FILE)
