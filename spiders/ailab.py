"""``ailab``: walk the portal's listings and archive the articles they link to.

Start URLs come from settings (``NEWSARCHIVE_BASE_URL`` joined with
``NEWSARCHIVE_START_PATHS``) or from ``-a start_urls=URL,URL``. Links are followed only
on the start URLs' hosts and only when they match the article or listing patterns.

Incremental by default (see ``newsarchive.incremental``): known articles are skipped
unless recent, and a channel's pages are walked only until a page holds nothing new.
``NEWSARCHIVE_FULL`` walks and fetches everything. Each start URL's walk is recorded as
complete only when every listing page it asked for was fetched and parsed
(``WalkProgress``); any other walk is walked in full by the next crawl.
"""

from __future__ import annotations

import argparse
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import scrapy
from scrapy.crawler import Crawler
from scrapy.http import Response
from twisted.python.failure import Failure

from newsarchive.commands.common import http_url
from newsarchive.incremental import (
    LASTING_GONE_REASONS,
    FetchPolicy,
    KnownArticles,
    WalkProgress,
    gone_recheck_days,
    mark_walks,
    record_walks,
    walk_states,
)
from newsarchive.linkrules import LinkKind, LinkRules, host_of, pattern_list
from newsarchive.listing import parse_listing
from spiders.base import ArticleSpiderBase, refused, response_headers


def split_urls(value: str | list[str] | None) -> list[str]:
    """A spider argument's URLs: comma-separated, or one a line when the value holds a
    line break, which is how ``newsarchive crawl`` passes them (a URL may hold a comma)."""
    if value is None:
        return []
    if isinstance(value, list):
        items = value
    else:
        items = value.splitlines() if "\n" in value else value.split(",")
    return [u.strip() for u in items if u.strip()]


def check_urls(urls: list[str], where: str) -> None:
    """ValueError, naming ``where``, for the first URL that is not an http(s) URL."""
    for url in urls:
        try:
            http_url(url)
        except argparse.ArgumentTypeError as exc:
            raise ValueError(f"{where}: {exc}") from None


#: Request meta: the start URL of the walk a listing request belongs to.
WALK = "newsarchive_walk"
#: Key of the walks' progress in Scrapy's job state (``spider.state``, kept for --resume).
STATE_KEY = "newsarchive_walks"


class AilabSpider(ArticleSpiderBase):
    name = "ailab"
    arguments = frozenset({"start_urls"})
    known: KnownArticles
    policy: FetchPolicy
    archive: Path
    walks: WalkProgress
    max_depth: int = 500

    def __init__(self, *args: Any, start_urls: str | list[str] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.start_urls = split_urls(start_urls)

    @classmethod
    def check_arguments(cls, arguments: dict[str, str]) -> None:
        super().check_arguments(arguments)
        check_urls(split_urls(arguments.get("start_urls")), "-a start_urls")

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> AilabSpider:
        spider: AilabSpider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        if not spider.start_urls:
            base = settings["NEWSARCHIVE_BASE_URL"]
            spider.start_urls = [
                urljoin(base, p) for p in settings.getlist("NEWSARCHIVE_START_PATHS")
            ]
        # As every link is: no session id, tracking parameter or fragment in the request
        # or in the walk's name in the crawl state.
        spider.start_urls = list(dict.fromkeys(spider.canonical(u) or u for u in spider.start_urls))
        hosts = sorted({host_of(u) for u in spider.start_urls} - {""})
        spider.allowed_domains = hosts
        spider.rules = LinkRules.build(
            hosts,
            pattern_list(settings.get("NEWSARCHIVE_ARTICLE_URL_PATTERNS")),
            pattern_list(settings.get("NEWSARCHIVE_LISTING_URL_PATTERNS")),
        )
        spider.output_script = settings.get("NEWSARCHIVE_SCRIPT", "zh-Hans")
        spider.archive = Path(settings["NEWSARCHIVE_ARCHIVE"])
        spider.known = KnownArticles(spider.archive)
        spider.max_depth = settings.getint("NEWSARCHIVE_MAX_LISTING_DEPTH", 500)
        spider.policy = FetchPolicy(
            full=settings.getbool("NEWSARCHIVE_FULL"),
            refresh_days=settings.getfloat("NEWSARCHIVE_REFRESH_DAYS", 2.0),
            gone_recheck_days=gone_recheck_days(
                settings.get("NEWSARCHIVE_GONE_RECHECK_DAYS", 30.0)
            ),
        )
        spider.walks = WalkProgress()
        return spider

    async def start(self) -> AsyncIterator[Any]:
        self.walks = self._walk_progress()
        states = walk_states(self.archive)
        walks = {url: self.policy.full or states.get(url) != "complete"
                 for url in self.start_urls}  # fmt: skip
        mark_walks(self.archive, self.start_urls, "in_progress")
        for url, walk_all in walks.items():
            if walk_all and not self.policy.full:
                why = "did not complete" if url in states else "is the first"
                self.logger.info("the walk from %s %s: walking it all", url, why)
            yield self.listing_request(url, walk_all, 0, url)

    def _walk_progress(self) -> WalkProgress:
        """The walks' progress, kept in Scrapy's job state when there is one (``JOBDIR``:
        ``--full``, ``--resume``), so that a resumed crawl knows what the interrupted one
        lost or left pending. Scrapy sets ``state`` when the spider opens."""
        state = getattr(self, "state", None)
        if not isinstance(state, dict):
            return WalkProgress()
        data = state.get(STATE_KEY)
        if not isinstance(data, dict):
            data = state[STATE_KEY] = {}
        return WalkProgress(data)

    def closed(self, reason: str) -> None:
        """Record which walks completed. Not when the crawl was stopped (Ctrl-C, a
        limit, a kill): every walk then stays ``in_progress``. Nor is a walk complete
        just because the crawl finished: one of its listing pages may have been lost
        (a 500 after the retries, a timeout), and the articles behind it would never be
        fetched once the pages before it are all known."""
        self.known.close()
        if reason != "finished":
            return
        complete = self.walks.complete(self.start_urls)
        outcomes = {}
        for url in self.start_urls:
            outcomes[url] = "complete" if url in complete else "incomplete"
            if url not in complete:
                self._stat("newsarchive/incomplete_walks")
                self.logger.info(
                    "walk from %s did not complete (%d listing pages and %d articles lost):"
                    " the next crawl walks it in full",
                    url,
                    self.walks.failures(url),
                    self.walks.lost_articles(url),
                )
        record_walks(self.archive, outcomes)

    def listing_request(self, url: str, walk_all: bool, depth: int, walk: str) -> scrapy.Request:
        self.walks.requested(walk)
        return scrapy.Request(
            url,
            callback=self.parse_listing,
            errback=self.listing_failed,
            meta={"walk_all": walk_all, "listing_depth": depth, WALK: walk},
        )

    @staticmethod
    def _walk_of(meta: dict[str, Any]) -> tuple[str | None, list[str], bool]:
        """(walk, the URLs the request went through, walk_all) of a listing request."""
        redirects = [str(u) for u in meta.get("redirect_urls") or ()]
        return _walk_name(meta), redirects, bool(meta.get("walk_all"))

    def listing_failed(self, failure: Failure) -> Any:
        """A listing page lost for good (after the retries; a non-2xx status, a timeout,
        a reset, a refusal): its walk is not complete."""
        request = failure.request  # type: ignore[attr-defined]
        walk, urls, walk_all = self._walk_of(request.meta)
        self.walks.failed(walk, [*urls, request.url], walk_all)
        self._stat("newsarchive/listing_failed")
        return self.request_failed(failure)

    def request_dropped(self, request: scrapy.Request, loop: bool) -> None:
        """A request the scheduler refused: a listing's page is left to the request it
        duplicates; an article is answered by it, or lost to a redirect loop."""
        if request.callback == self.parse_listing:
            walk, _, walk_all = self._walk_of(request.meta)
            if loop:
                self.walks.failed(walk, [request.url], walk_all)
            else:
                self.walks.dropped(walk, request.url, walk_all)
        elif request.callback == self.parse_article:
            walk = _walk_name(request.meta)
            if loop:
                self.walks.article_lost(walk)
            else:
                self.walks.article_answered(walk)

    async def parse_article(self, response: Response) -> list[Any]:
        records = await super().parse_article(response)
        self.walks.article_answered(_walk_name(response.meta))
        return records

    def article_failed(self, failure: Failure) -> Any:
        """An article lost for good leaves its walk incomplete; a gone or refused one is
        an answer."""
        outcome = super().article_failed(failure)
        walk = _walk_name(failure.request.meta)  # type: ignore[attr-defined]
        if isinstance(outcome, list) or refused(failure):
            self.walks.article_answered(walk)
        else:
            self.walks.article_lost(walk)
        return outcome

    def parse_listing(self, response: Response) -> list[scrapy.Request]:
        """Requests for the listing's new or due articles, its sublistings when walking
        all, and its next page.

        A list, not a generator: Scrapy reads a generator callback's source with ``ast``
        on every call to warn about ``return`` values (its cache is keyed by the bound
        method, new for every request), about 2 ms a listing page.
        """
        walk, urls, walk_all = self._walk_of(response.meta)
        urls.append(response.url)
        if not 200 <= response.status < 300:  # a status a setting let through: not parsed
            self.walks.failed(walk, urls, walk_all)
            self._stat("newsarchive/listing_failed")
            return []
        requests = self._follow_listing(response, walk or response.url, walk_all)
        self.walks.parsed(walk, urls, walk_all)
        return requests

    def _follow_listing(
        self, response: Response, walk: str, walk_all: bool
    ) -> list[scrapy.Request]:
        """``parse_listing``'s requests, each listing request counted for ``walk``."""
        self._stat("newsarchive/listing_pages")
        depth = int(response.meta.get("listing_depth", 0)) + 1
        listing = parse_listing(response.body, response.url, response_headers(response))
        requests: list[scrapy.Request] = []
        articles = known = 0
        for entry in listing.entries:
            url = self.canonical(entry.url)
            kind = self.rules.classify(url) if url else None
            if kind is LinkKind.ARTICLE:
                articles += 1
                known += self._article_link(url, requests, walk)
            elif kind is LinkKind.LISTING and walk_all and depth < self.max_depth:
                requests.append(self.listing_request(url, walk_all, depth, walk))
        if articles == 0:
            self._stat("newsarchive/listing_without_articles")
        if articles and known == articles and not walk_all:
            self._stat("newsarchive/incremental_stops")
            return requests
        next_page = self.canonical(listing.next_page) if listing.next_page else ""
        if not next_page or not self.rules.allowed(next_page):
            return requests
        if depth >= self.max_depth:
            # Endless pagination (a trap, or a calendar) ends here, not at the disk.
            self._stat("newsarchive/refused/listing_depth")
            return requests
        requests.append(self.listing_request(next_page, walk_all, depth, walk))
        return requests

    def _article_link(self, url: str, requests: list[scrapy.Request], walk: str) -> int:
        """Request an article link if it is new or due; return 1 if it was known.

        A known article that is due (recent, or ``--full``) but was found gone since it
        was last fetched is skipped as an unknown gone URL is, until the finding is due
        for a recheck: otherwise every run inside its refresh window would fetch a page
        already known to be gone. The gone table is read only for due articles, so a
        walk over old articles costs no second lookup each.
        """
        existing = self.known.lookup(url)
        if existing is None:
            gone = self.known.gone_seen(url)
            if gone is None:
                requests.append(self._walk_article(url, walk))
                return 0
            if self.policy.recheck_gone(gone[1], gone[0]):
                self._stat("newsarchive/rechecked_gone")
                requests.append(self._walk_article(url, walk))
            else:
                self._stat("newsarchive/skipped_gone")
            # A finding that may not last (a maintenance page read as "no body") says
            # nothing of the pages behind it: the walk goes on as for a new article.
            return 1 if gone[0] in LASTING_GONE_REASONS else 0
        if not self.policy.refetch(existing):
            self._stat("newsarchive/skipped_known")
            return 1
        gone = self.known.gone_seen(url)
        if gone is not None and self.policy.skip_gone(
            gone[1], self.known.last_fetched(existing), gone[0]
        ):
            self._stat("newsarchive/skipped_gone")
            return 1
        self._stat("newsarchive/refetched")
        requests.append(self._walk_article(url, walk))
        return 1

    def _walk_article(self, url: str, walk: str) -> scrapy.Request:
        self.walks.article_requested(walk)
        return self.article_request(url, {WALK: walk})


def _walk_name(meta: dict[str, Any]) -> str | None:
    walk = meta.get(WALK)
    return walk if isinstance(walk, str) else None
