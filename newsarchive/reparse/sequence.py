"""Put parsed responses back in the order the crawl applied them to the archive.

The crawl stores an article when its callback yields the record: at once for a page
that prints its view count, but only once the view counter has answered for one that
does not. Which copy of a two-script pair is kept depends on that order, so a reparse
follows it: a record waiting for its counter is parked and released when the counter's
response comes by (in WARC order), with the views it reports. A counter that failed
for good releases the record without views, as the spider's errback does; one that may
still be retried (a status in ``RETRY_HTTP_CODES``) keeps it parked. Whatever is still
parked when its crawl run ends (the next file's ``warcinfo`` names another run, or the
input ends) is released without views.

An article printed over several pages (``article_pages``) is stored by the crawl once
its further pages have been fetched, one after the other: its record is parked the same
way, keyed by the page it waits for, joined with each page as that page's response comes
by, and then waits for its counter like any other. A page that failed for good is passed
over, as the spider's errback passes it over; one the run never fetched leaves the record
with the pages it has when the run ends.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterator

from newsarchive.article_pages import PageChain
from newsarchive.pageurl import DEFAULT_RULE, PageUrlRule
from newsarchive.reparse.classify import Kind, is_success
from newsarchive.reparse.work import Parsed, url_key
from newsarchive.storage.prepared import Prepared

#: Records parked at once before the oldest is released without views; a crawl has
#: only as many as it has counter requests in flight, so this is only a safety bound.
MAX_PARKED = 100_000


#: A record waiting for its further pages, and the counter URL it waits for after them.
_Waiting = tuple[PageChain, str | None]


class Sequencer:
    def __init__(
        self,
        retry_codes: frozenset[int],
        max_parked: int = MAX_PARKED,
        *,
        output_script: str = "zh-Hans",
        max_pages: int = 50,
        page_rule: PageUrlRule = DEFAULT_RULE,
    ) -> None:
        self.retry_codes = retry_codes
        self.max_parked = max_parked
        self.output_script = output_script
        self.max_pages = max_pages
        self.page_rule = page_rule
        self._parked: dict[str, Prepared] = {}
        self._chains: dict[str, deque[_Waiting]] = {}
        """By the page each waits for; one deque, first come first served, for an
        article fetched twice in a run before its pages came."""
        self._chained = 0
        self._run: str | None = None
        self.counters_used = 0
        self.counters_missing = 0
        self.pages_joined = 0
        self.pages_missing = 0

    def feed(self, parsed: Parsed) -> Iterator[Prepared]:
        """Records ready to apply, in order, after seeing ``parsed``."""
        if parsed.run is not None and parsed.run != self._run:
            if self._run is not None:
                yield from self.finish()
            self._run = parsed.run
        if parsed.kind is Kind.COUNTER:
            yield from self._counter(parsed)
        elif parsed.kind is Kind.PAGE or (self._chains and url_key(parsed.url) in self._chains):
            yield from self._page(parsed)
        elif parsed.draft is not None:
            chain = PageChain.start(
                parsed.url, parsed.draft, parsed.page_links, self.max_pages, self.page_rule
            )
            if chain is None:
                yield from self._article(Prepared.of(parsed.draft), parsed.counter_url)
            else:
                yield from self._advance(chain, parsed.counter_url)
        elif parsed.record is not None:
            yield from self._article(parsed.record, parsed.counter_url)

    def _article(self, record: Prepared, counter_url: str | None) -> Iterator[Prepared]:
        if counter_url is None:
            yield record
            return
        if counter_url in self._parked:  # fetched again before its counter came
            yield self._missing(counter_url)
        self._parked[counter_url] = record
        if len(self._parked) > self.max_parked:
            yield self._missing(next(iter(self._parked)))

    def _advance(self, chain: PageChain, counter_url: str | None) -> Iterator[Prepared]:
        """Park ``chain`` for its next page, or hand its record on when it has them all."""
        url = chain.advance()
        if url is None:
            self.pages_missing += len(chain.missing)
            yield from self._article(Prepared.of(chain.finish(self.output_script)), counter_url)
            return
        self._chains.setdefault(url_key(url), deque()).append((chain, counter_url))
        self._chained += 1
        if self._chained > self.max_parked:
            yield from self._give_up(next(iter(self._chains)))

    def _take_chain(self, key: str) -> _Waiting:
        waiting = self._chains[key]
        found = waiting.popleft()
        if not waiting:
            del self._chains[key]
        self._chained -= 1
        return found

    def _give_up(self, key: str) -> Iterator[Prepared]:
        """The first record waiting for page ``key`` goes on without it."""
        chain, counter_url = self._take_chain(key)
        chain.skip()
        yield from self._advance(chain, counter_url)

    def _page(self, parsed: Parsed) -> Iterator[Prepared]:
        key = url_key(parsed.url)
        if key not in self._chains:
            return  # a page no record waits for (its article was not in this input)
        if not is_success(parsed.status):
            if parsed.status not in self.retry_codes:
                yield from self._give_up(key)
            return
        chain, counter_url = self._take_chain(key)
        draft = parsed.draft
        if draft is None and parsed.record is not None:
            # Read as an article of its own: another tool's WARC, whose article
            # patterns also match the further pages' URLs.
            draft = json.loads(parsed.record.line)
        if draft is None:  # not an article page
            chain.skip()
        else:
            self.pages_joined += 1
            chain.join(draft, parsed.page_links)
        yield from self._advance(chain, counter_url)

    def _counter(self, parsed: Parsed) -> Iterator[Prepared]:
        key = url_key(parsed.url)
        if key not in self._parked:
            return
        if is_success(parsed.status):
            self.counters_used += 1
            yield self._release(key, parsed.views)
        elif parsed.status not in self.retry_codes:
            yield self._missing(key)

    def _release(self, key: str, views: int | None) -> Prepared:
        record = self._parked.pop(key)
        return record.with_views(views) if views is not None else record

    def _missing(self, key: str) -> Prepared:
        self.counters_missing += 1
        return self._release(key, None)

    def finish(self) -> Iterator[Prepared]:
        """Release everything still parked, oldest first: records without the pages and
        views that never came."""
        while self._chains:
            yield from self._give_up(next(iter(self._chains)))
        while self._parked:
            yield self._missing(next(iter(self._parked)))
