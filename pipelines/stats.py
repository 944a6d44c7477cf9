"""Scrapy's in-memory stats collector, without its per-access deprecation shim.

Scrapy 2.13+ routes every attribute read on the stats collector, ``self._stats``
inside ``inc_value`` included, through a Python ``__getattribute__`` that looks for a
cached wrapper (a failed lookup, so an exception) and wraps the public methods to
warn when a caller passes the deprecated ``spider`` argument. A crawl makes a dozen
or more stats calls a page, Scrapy's own and ours, and the shim cost several times
the work of the calls: about 4% of the crawl process's CPU. This subclass reads its
attributes the plain way. The methods and their signatures are Scrapy's; only the
deprecation warning for a ``spider`` argument is not given.
"""

from __future__ import annotations

from scrapy.statscollectors import MemoryStatsCollector


class StatsCollector(MemoryStatsCollector):
    __getattribute__ = object.__getattribute__
