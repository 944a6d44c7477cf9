"""Benchmarks for the crawler's speed and memory targets (``make bench``).

Every target is a ratio between two things measured in the same run on the same machine
(our extraction against bare lxml, our crawl against a bare Scrapy spider, a crawl into a
large archive against one into an empty archive), so the figures mean the same on a slow
CI box and a fast laptop. Nothing here is a unit test and nothing here is timed by pytest.
"""
