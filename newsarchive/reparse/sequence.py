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
"""

from __future__ import annotations

from collections.abc import Iterator

from newsarchive.reparse.classify import Kind, is_success
from newsarchive.reparse.work import Parsed, url_key
from newsarchive.storage.prepared import Prepared

#: Records parked at once before the oldest is released without views; a crawl has
#: only as many as it has counter requests in flight, so this is only a safety bound.
MAX_PARKED = 100_000


class Sequencer:
    def __init__(self, retry_codes: frozenset[int], max_parked: int = MAX_PARKED) -> None:
        self.retry_codes = retry_codes
        self.max_parked = max_parked
        self._parked: dict[str, Prepared] = {}
        self._run: str | None = None
        self.counters_used = 0
        self.counters_missing = 0

    def feed(self, parsed: Parsed) -> Iterator[Prepared]:
        """Records ready to apply, in order, after seeing ``parsed``."""
        if parsed.run is not None and parsed.run != self._run:
            if self._run is not None:
                yield from self.finish()
            self._run = parsed.run
        if parsed.kind is Kind.COUNTER:
            yield from self._counter(parsed)
        elif parsed.record is not None:
            yield from self._article(parsed)

    def _article(self, parsed: Parsed) -> Iterator[Prepared]:
        assert parsed.record is not None
        if parsed.counter_url is None:
            yield parsed.record
            return
        if parsed.counter_url in self._parked:  # fetched again before its counter came
            yield self._missing(parsed.counter_url)
        self._parked[parsed.counter_url] = parsed.record
        if len(self._parked) > self.max_parked:
            yield self._missing(next(iter(self._parked)))

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
        """Release everything still parked, oldest first, without views."""
        while self._parked:
            yield self._missing(next(iter(self._parked)))
