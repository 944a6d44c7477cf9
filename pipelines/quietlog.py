"""Install the one-line network error filter for the crawl (``NEWSARCHIVE_TRACEBACKS``)."""

from __future__ import annotations

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from newsarchive.logfilter import install


class QuietNetworkErrors:
    @classmethod
    def from_crawler(cls, crawler: Crawler) -> QuietNetworkErrors:
        if crawler.settings.getbool("NEWSARCHIVE_TRACEBACKS"):
            raise NotConfigured
        install()
        return cls()
