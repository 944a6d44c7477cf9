"""Re-derive article records from the WARC files of earlier crawls, with no network.

``classify`` says what a recorded response was to the crawl (article, view counter,
anything else), ``work`` parses one response (runs in worker processes), ``sequence``
puts the results back in the order the crawl applied them, ``apply`` writes them
through the archive's dedup, and ``run`` ties the four together.
"""
