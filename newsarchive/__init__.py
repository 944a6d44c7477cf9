"""newsarchive: an archival crawler for the AiLab portal.

The package holds the crawler's core (extraction, text rules, storage, CLI and the
Scrapy settings module). It never imports Scrapy, so everything here can be tested
on saved bytes without a network or a reactor.
"""

__version__ = "0.1.0"
